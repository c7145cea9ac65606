//! `trustward sbom [PATH] [--standard cyclonedx|spdx] [--deterministic]`: the inventory of
//! PATH (a directory, one lockfile, or an SBOM to convert) as CycloneDX 1.6 or SPDX 2.3 JSON.
//!
//! The standard is chosen with `--standard`, not `--format`: `--format` is the global report
//! format (text|json|sarif|markdown) shared by every command, and clap cannot give one
//! subcommand a different `--format`. An SBOM is always JSON, so `--format` may be left out
//! or be `json`.

use super::target;
use crate::cli::{GlobalArgs, OutputFormat, SbomArgs, SbomStandard};
use crate::exit::{CliError, CliResult};
use crate::output;
use trustward_inventory::sbom::{self, SbomOptions, Standard};
use trustward_inventory::{DiscoverOptions, discover};

/// Runs the command.
pub fn run(global: &GlobalArgs, args: &SbomArgs) -> CliResult {
    if matches!(global.format, OutputFormat::Sarif | OutputFormat::Markdown) {
        return Err(CliError::usage(
            "`sbom` writes JSON only; pick the standard with `--standard cyclonedx|spdx`",
        ));
    }
    let resolved = target::resolve(global, &args.path)?;
    let opts = DiscoverOptions::from_config(&resolved.config, global.include_vendored)?;
    if resolved.files.is_single_file()
        && let Some(e) = resolved.files.entries().first()
        && trustward_inventory::parsers::find_for(e.name(), true).is_none()
    {
        return Err(CliError::usage(format!(
            "`{}` is neither a supported lockfile nor an SBOM (see docs/inventory.md)",
            resolved.display
        )));
    }
    let inventory = discover(&resolved.files, &opts);
    let project_name = project_name(&args.path, resolved.files.is_single_file());
    let sbom_opts = SbomOptions {
        project_name,
        project_version: None,
        deterministic: args.deterministic,
        ..SbomOptions::default()
    }
    .with_env();
    let standard = match args.standard {
        SbomStandard::Cyclonedx => Standard::CycloneDx,
        SbomStandard::Spdx => Standard::Spdx,
    };
    let text = sbom::write(&inventory, standard, &sbom_opts);
    output::emit(global, &text)?;
    if !global.quiet {
        for e in &inventory.errors {
            eprintln!("warning: {}: {}", e.path, e.message);
        }
    }
    Ok(super::target::incomplete_exit(
        global,
        &resolved.config,
        "sbom",
        &inventory.errors,
    ))
}

/// The described project's name: the scanned directory's name (the parent directory's for
/// a single file).
fn project_name(path: &std::path::Path, single_file: bool) -> String {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let dir = if single_file {
        abs.parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or(abs)
    } else {
        abs
    };
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "project".into())
}
