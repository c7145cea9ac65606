//! `trustward badge [PATH] [--output badge.svg]`: an SVG badge of the overall TSI maturity
//! (the lowest level among the eight practices), from the same scan as `audit`.

use super::audit;
use crate::cli::{GlobalArgs, TargetArgs};
use crate::exit::CliResult;
use crate::output;

/// Runs `trustward badge`.
pub fn run(global: &GlobalArgs, t: &TargetArgs) -> CliResult {
    let (report, _) = audit::scan(global, t)?;
    output::emit(global, &trustward_report::badge(&report))?;
    Ok(0)
}
