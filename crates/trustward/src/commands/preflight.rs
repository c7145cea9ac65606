//! `trustward preflight ARTIFACT...`: list what users would download and flag what should
//! not be published. The checks live in `trustward_releases::preflight`.

use crate::exit::{CliError, CliResult};
use clap::Args;
use std::path::PathBuf;
use trustward_releases::escape;
use trustward_releases::preflight::{self, EntryKind, Level, Options};

/// `trustward preflight` arguments.
#[derive(Debug, Args, Clone)]
pub struct PreflightArgs {
    /// Artifacts to check: .crate, npm .tgz, .whl, sdist .tar.gz, .zip, .jar.
    #[arg(required = true, value_name = "ARTIFACT")]
    pub artifacts: Vec<PathBuf>,
    /// The project's git repository: flag files of the package that are not in its index.
    #[arg(long, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// Flag files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub large_file_size: u64,
    /// Print every entry of each artifact.
    #[arg(long)]
    pub list: bool,
    /// Print secrets in full instead of redacted.
    #[arg(long)]
    pub show_secrets: bool,
}

/// Runs `preflight`.
pub fn run(args: &PreflightArgs) -> CliResult {
    let repo_files = match &args.repo {
        Some(r) => Some(preflight::repo_files(r).map_err(|e| CliError::usage(e.to_string()))?),
        None => None,
    };
    let opts = Options {
        large_file: args.large_file_size,
        repo_files,
        show_secrets: args.show_secrets,
        ..Options::default()
    };
    let (mut errors, mut warnings, mut unreadable) = (0usize, 0usize, 0usize);
    for a in &args.artifacts {
        if a.is_dir() {
            return Err(CliError::usage(format!(
                "{} is a directory: give built artifacts (directory mode is not implemented yet)",
                a.display()
            )));
        }
        let report =
            preflight::check_artifact(a, &opts).map_err(|e| CliError::usage(e.to_string()))?;
        let files = report
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::File)
            .count();
        let bytes: u64 = report.entries.iter().map(|e| e.size).sum();
        println!(
            "{} ({}): {files} file(s), {bytes} bytes",
            escape(&report.artifact),
            report.format.name()
        );
        if args.list {
            for e in &report.entries {
                let suffix = match &e.kind {
                    EntryKind::Dir => "/".to_string(),
                    EntryKind::Symlink(t) => format!(" -> {}", escape(t)),
                    EntryKind::Hardlink(t) => format!(" => {}", escape(t)),
                    _ => String::new(),
                };
                println!("  {:>10}  {}{suffix}", e.size, escape(&e.path));
            }
        }
        for f in &report.flags {
            let level = match f.level {
                Level::Error => {
                    errors += 1;
                    "error"
                }
                Level::Warning => {
                    warnings += 1;
                    "warning"
                }
            };
            println!(
                "  {level}[{}] {}: {}",
                f.kind,
                escape(&f.path),
                escape(&f.message)
            );
        }
        for e in &report.errors {
            unreadable += 1;
            println!("  error[unreadable] {}", escape(e));
        }
    }
    println!("{errors} error(s), {warnings} warning(s), {unreadable} unreadable part(s)");
    Ok(if errors > 0 || unreadable > 0 { 1 } else { 0 })
}
