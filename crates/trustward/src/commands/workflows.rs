//! `trustward workflows [PATH]`: `audit --only workflows` — CI/CD and Dockerfile
//! hardening on its own.

use super::audit;
use crate::cli::{GlobalArgs, TargetArgs};
use crate::exit::CliResult;

/// Runs the workflows analyzer alone and prints its report.
pub fn run(global: &GlobalArgs, t: &TargetArgs) -> CliResult {
    let mut g = global.clone();
    g.only = vec!["workflows".to_string()];
    g.skip.clear();
    let (report, registry) = audit::scan(&g, t)?;
    audit::emit_report(&g, &report, &registry)
}
