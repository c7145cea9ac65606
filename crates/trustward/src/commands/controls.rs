//! `trustward controls [PATH]`: the OSPS Baseline controls (and the TSI maturity matrix)
//! read from the same evidence as `audit`; `--catalogue` prints every check instead
//! (the source of `docs/maturity.md`).

use super::audit;
use crate::cli::{GlobalArgs, OutputFormat, TargetArgs};
use crate::exit::{CliError, CliResult};
use crate::output;
use clap::Args;

/// Arguments of `trustward controls`.
#[derive(Debug, Args)]
pub struct ControlsArgs {
    /// What to scan.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Print the catalogue of every maturity check (Markdown) instead of scanning.
    #[arg(long)]
    pub catalogue: bool,
}

/// Runs `trustward controls`.
pub fn run(global: &GlobalArgs, args: &ControlsArgs) -> CliResult {
    if args.catalogue {
        let text = trustward_report::catalogue_markdown(&crate::analyzers::catalogue(global));
        output::emit(global, &text)?;
        return Ok(0);
    }
    let (report, _) = audit::scan(global, &args.target)?;
    let text = match global.format {
        OutputFormat::Text => format!(
            "{}\n{}",
            trustward_report::matrix_text(&report),
            trustward_report::controls_text(&report)
        ),
        OutputFormat::Json => trustward_report::controls_json(&report),
        OutputFormat::Markdown => trustward_report::controls_markdown(&report),
        OutputFormat::Sarif | OutputFormat::Html => {
            return Err(CliError::usage(
                "`controls` prints text, json or markdown (use `audit -f sarif` or `audit -f html` for those)",
            ));
        }
    };
    output::emit(global, &text)?;
    Ok(0)
}
