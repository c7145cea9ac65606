//! `trustward baseline write FILE [PATH]`: record current findings so `--baseline` hides them.

use super::audit;
use crate::cli::{BaselineCommand, GlobalArgs};
use crate::exit::{CliError, CliResult, PASSED};
use trustward_core::baseline::Baseline;

/// Runs a baseline subcommand.
pub fn run(global: &GlobalArgs, cmd: BaselineCommand) -> CliResult {
    match cmd {
        BaselineCommand::Write { file, target } => {
            // The baseline records everything found now, whatever an older baseline hid.
            let mut g = global.clone();
            g.baseline = None;
            let (report, _) = audit::scan(&g, &target)?;
            let b = Baseline::from_findings(report.findings.iter().filter(|f| {
                f.suppressed
                    .as_ref()
                    .is_none_or(|s| s.kind == trustward_core::SuppressionKind::Baseline)
            }));
            std::fs::write(&file, b.to_json())
                .map_err(|e| CliError::usage(format!("cannot write {}: {e}", file.display())))?;
            if !global.quiet {
                eprintln!(
                    "wrote {} with {} finding fingerprints; use it with --baseline {}",
                    file.display(),
                    b.findings.len(),
                    file.display()
                );
            }
            Ok(PASSED)
        }
    }
}
