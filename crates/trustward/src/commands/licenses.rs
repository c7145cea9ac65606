//! `trustward licenses [PATH]`: the project's licence and every dependency's licence with
//! where it came from, as text or the JSON document of docs/licenses.md.

use super::target;
use crate::cli::{GlobalArgs, LicensesArgs, OutputFormat};
use crate::exit::{CliError, CliResult, PASSED};
use crate::output;
use trustward_licenses::{LicenseOptions, analyzer, listing};

/// Runs the command.
pub fn run(global: &GlobalArgs, args: &LicensesArgs) -> CliResult {
    let resolved = target::resolve(global, &args.path)?;
    let opts = LicenseOptions {
        online: args.online,
        include_vendored: global.include_vendored,
        cache_dir: args.cache_dir.clone(),
        caches: None,
    };
    let report =
        analyzer::analyze(&resolved.files, &resolved.config, &opts).map_err(CliError::usage)?;
    let text = match global.format {
        OutputFormat::Text => listing::to_text(&report),
        OutputFormat::Json => listing::to_json(&report),
        other => {
            return Err(CliError::usage(format!(
                "`licenses` writes text or json, not {other:?} (use `trustward audit` for SARIF or Markdown)"
            )));
        }
    };
    output::emit(global, &text)?;
    Ok(PASSED)
}
