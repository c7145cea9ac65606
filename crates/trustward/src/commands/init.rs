//! `trustward init`: writes the commented default configuration.

use crate::cli::GlobalArgs;
use crate::exit::{CliError, CliResult, PASSED};
use std::path::Path;
use trustward_core::config::DEFAULT_CONFIG;

/// Writes `path` unless it exists (or `force`).
pub fn run(global: &GlobalArgs, path: &Path, force: bool) -> CliResult {
    if path.exists() && !force {
        return Err(CliError::usage(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )));
    }
    std::fs::write(path, DEFAULT_CONFIG)
        .map_err(|e| CliError::usage(format!("cannot write {}: {e}", path.display())))?;
    if !global.quiet {
        eprintln!("wrote {}", path.display());
    }
    Ok(PASSED)
}
