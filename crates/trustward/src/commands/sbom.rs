//! `trustward sbom [PATH] [--standard cyclonedx|spdx] [--deterministic]`: the inventory of
//! PATH (a directory, one lockfile, or an SBOM to convert) as CycloneDX 1.6 or SPDX 2.3 JSON.
//!
//! The standard is chosen with `--format cyclonedx|spdx` (what Trivy and Syft users type)
//! or `--standard cyclonedx|spdx`. `--format` is also the global report format
//! (text|json|sarif|markdown) shared by every command, and clap cannot give one subcommand
//! a different `--format`; so [`format_as_standard`] rewrites the command line before clap
//! sees it: after the `sbom` subcommand, `--format`/`-f` with an SBOM standard becomes
//! `--standard`. An SBOM is always JSON, so `--format json` is accepted too.
//! Values the schemas would refuse (a hash that is not a digest, a purl that is not a
//! package URL) are left out with a warning on standard error.

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
            "`sbom` writes JSON only; pick the standard with `--format cyclonedx|spdx` (or `--standard`)",
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
    let (text, dropped) = sbom::write_checked(&inventory, standard, &sbom_opts);
    output::emit(global, &text)?;
    if !global.quiet {
        for e in &inventory.errors {
            eprintln!("warning: {}: {}", e.path, e.message);
        }
        for w in &dropped {
            eprintln!("warning: {w}");
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

/// The standard an SBOM `--format` value names (`cyclonedx`, `spdx`, and Syft's
/// `cyclonedx-json` / `spdx-json`), in `--standard`'s spelling.
fn standard_name(value: &str) -> Option<&'static str> {
    match value.to_ascii_lowercase().as_str() {
        "cyclonedx" | "cyclonedx-json" | "cdx" => Some("cyclonedx"),
        "spdx" | "spdx-json" => Some("spdx"),
        _ => None,
    }
}

/// Global options that take a value (so the token after them is not the subcommand).
const VALUE_OPTIONS: [&str; 10] = [
    "-f",
    "--format",
    "-o",
    "--output",
    "--config",
    "--only",
    "--skip",
    "--fail-on",
    "--baseline",
    "--db",
];

/// Rewrites `trustward … sbom … --format cyclonedx|spdx` (also `-f X`, `--format=X`, `-fX`)
/// to `--standard X`; every other command line is returned unchanged.
pub fn format_as_standard<I: IntoIterator<Item = std::ffi::OsString>>(
    args: I,
) -> Vec<std::ffi::OsString> {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    // The subcommand is the first token that is neither an option nor an option's value.
    let mut i = 1;
    let mut subcommand = None;
    while let Some(a) = args.get(i) {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if VALUE_OPTIONS.contains(&a.as_ref()) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            subcommand = Some(i);
            break;
        }
        i += 1;
    }
    if subcommand.is_none_or(|s| args.get(s).is_none_or(|a| a != "sbom")) {
        return args;
    }
    let Some(sub) = subcommand else {
        return args;
    };
    let mut standard = None;
    let mut sub_at = 0;
    let mut out = Vec::with_capacity(args.len());
    let mut it = args.into_iter().enumerate().peekable();
    while let Some((i, a)) = it.next() {
        let text = a.to_string_lossy().into_owned();
        if text == "--" {
            out.push(a);
            out.extend(it.map(|(_, a)| a));
            break;
        }
        let inline = text
            .strip_prefix("--format=")
            .or_else(|| text.strip_prefix("-f").filter(|v| !v.is_empty()));
        if let Some(std) = inline.and_then(standard_name) {
            standard = Some(std);
        } else if (text == "--format" || text == "-f")
            && let Some(std) = it
                .peek()
                .and_then(|(_, v)| standard_name(&v.to_string_lossy()))
        {
            it.next();
            standard = Some(std);
        } else {
            out.push(a);
        }
        if i == sub {
            sub_at = out.len();
        }
    }
    // `--standard` is the subcommand's option: it goes right after `sbom`.
    if let Some(std) = standard {
        out.insert(sub_at, "--standard".into());
        out.insert(sub_at + 1, std.into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_as_standard;

    fn run(args: &[&str]) -> Vec<String> {
        format_as_standard(args.iter().map(std::ffi::OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn sbom_format_becomes_standard() {
        assert_eq!(
            run(&["tw", "sbom", ".", "--format", "cyclonedx"]),
            ["tw", "sbom", "--standard", "cyclonedx", "."]
        );
        assert_eq!(
            run(&["tw", "-o", "x", "sbom", "--format=SPDX-json"]),
            ["tw", "-o", "x", "sbom", "--standard", "spdx"]
        );
        assert_eq!(
            run(&["tw", "-fspdx", "sbom"]),
            ["tw", "sbom", "--standard", "spdx"]
        );
        // Other values and other commands are left to clap.
        assert_eq!(
            run(&["tw", "sbom", "-f", "json"]),
            ["tw", "sbom", "-f", "json"]
        );
        assert_eq!(
            run(&["tw", "deps", "--format", "cyclonedx"]),
            ["tw", "deps", "--format", "cyclonedx"]
        );
        assert_eq!(
            run(&["tw", "--config", "sbom", "audit", "-f", "spdx"]),
            ["tw", "--config", "sbom", "audit", "-f", "spdx"]
        );
        assert_eq!(
            run(&["tw", "--config", "sbom", "sbom", "-f", "spdx"]),
            ["tw", "--config", "sbom", "sbom", "--standard", "spdx"]
        );
        assert_eq!(
            run(&["tw", "sbom", "--", "--format", "spdx"]),
            ["tw", "sbom", "--", "--format", "spdx"]
        );
    }
}
