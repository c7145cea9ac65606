//! `trustward deps [PATH]`: every package of every lockfile under PATH (or of one file), as
//! a text table or the JSON document of docs/commands/deps.md.

use super::target;
use crate::cli::{GlobalArgs, OutputFormat, TargetArgs};
use crate::exit::{CliError, CliResult};
use crate::output;
use trustward_inventory::{DiscoverOptions, discover, listing};

/// Runs the command.
pub fn run(global: &GlobalArgs, t: &TargetArgs) -> CliResult {
    let resolved = target::resolve(global, &t.path)?;
    let opts = DiscoverOptions::from_config(&resolved.config, global.include_vendored)?;
    if resolved.files.is_single_file()
        && let Some(e) = resolved.files.entries().first()
        && trustward_inventory::parsers::find_for(e.name(), true).is_none()
    {
        return Err(CliError::usage(format!(
            "`{}` is not a supported lockfile (see docs/inventory.md for the list)",
            resolved.display
        )));
    }
    let inv = discover(&resolved.files, &opts);
    let text = match global.format {
        OutputFormat::Text => listing::to_text(&inv),
        OutputFormat::Json => listing::to_json(&inv),
        other => {
            return Err(CliError::usage(format!(
                "`deps` writes text or json, not {other:?} (use `trustward sbom` for SBOMs)"
            )));
        }
    };
    output::emit(global, &text)?;
    let text_on_stdout = global.format == OutputFormat::Text && global.output.is_none();
    if !global.quiet && !text_on_stdout {
        for e in &inv.errors {
            eprintln!("warning: {}: {}", e.path, e.message);
        }
    }
    Ok(super::target::incomplete_exit(
        global,
        &resolved.config,
        "deps",
        &inv.errors,
    ))
}
