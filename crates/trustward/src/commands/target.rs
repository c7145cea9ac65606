//! Resolving the scanned PATH, its configuration and its git HEAD, shared by every
//! command that scans.

use crate::cli::{FailOnArg, GlobalArgs};
use crate::exit::CliError;
use std::path::{Path, PathBuf};
use trustward_core::baseline::Baseline;
use trustward_core::files::FileIndex;
use trustward_core::{Config, FailOn, Severity};

/// A resolved scan target.
pub struct ResolvedTarget {
    /// The path as the user gave it.
    pub display: String,
    /// The files to scan.
    pub files: FileIndex,
    /// The configuration in force.
    pub config: Config,
    /// `HEAD`'s commit if the target is in a repository.
    pub git_head: Option<String>,
}

/// Checks PATH exists, finds and loads the configuration, and lists the files.
pub fn resolve(global: &GlobalArgs, path: &Path) -> Result<ResolvedTarget, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        CliError::usage(if e.kind() == std::io::ErrorKind::NotFound {
            format!("path `{}` does not exist", path.display())
        } else {
            format!("cannot read `{}`: {e}", path.display())
        })
    })?;
    let abs: PathBuf = path
        .canonicalize()
        .map_err(|e| CliError::usage(format!("cannot resolve `{}`: {e}", path.display())))?;
    let config_path = match &global.config {
        // Named by the user: read wherever it is (through the capped reader).
        Some(p) => Some(p.clone()),
        None => Config::discover(&abs),
    };
    if global.config.is_none()
        && let Some(p) = &config_path
    {
        refuse_config_outside(p, &abs)?;
    }
    let config = match config_path {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    };
    let files = if meta.is_dir() {
        FileIndex::new(&abs).with_exclude(&config.scan)
    } else {
        let parent = abs.parent().unwrap_or(Path::new("/"));
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        FileIndex::single_file(parent, &name)
    };
    let git_head =
        trustward_core::git::repo_root(&abs).and_then(|r| trustward_core::git::head_commit(&r));
    Ok(ResolvedTarget {
        display: path.display().to_string(),
        files,
        config,
        git_head,
    })
}

/// The threshold: `--fail-on` if given, else the config's.
pub fn fail_on(global: &GlobalArgs, config: &Config) -> FailOn {
    match global.fail_on {
        None => config.policy.fail_on,
        Some(FailOnArg::Never) => FailOn::Never,
        Some(FailOnArg::Critical) => FailOn::Severity(Severity::Critical),
        Some(FailOnArg::High) => FailOn::Severity(Severity::High),
        Some(FailOnArg::Medium) => FailOn::Severity(Severity::Medium),
        Some(FailOnArg::Low) => FailOn::Severity(Severity::Low),
        Some(FailOnArg::Info) => FailOn::Severity(Severity::Info),
    }
}

/// Loads `--baseline`, if given.
pub fn baseline(global: &GlobalArgs) -> Result<Option<Baseline>, CliError> {
    global
        .baseline
        .as_deref()
        .map(|p| Baseline::load(p).map_err(|e| CliError::usage(e.to_string())))
        .transpose()
}

/// The exit code of a command that lists rather than judges (`deps`, `sbom`): 3 when a
/// file it needed could not be read (outside `[scan] exclude`), unless `[policy]
/// allow_incomplete` accepts that and `--strict` is off; else 0. The output is written
/// either way.
pub fn incomplete_exit(
    global: &GlobalArgs,
    config: &Config,
    command: &str,
    errors: &[trustward_core::ScanError],
) -> i32 {
    let unread = errors
        .iter()
        .filter(|e| !config.scan.excludes(&e.path))
        .count();
    if unread == 0 || (config.policy.allow_incomplete && !global.strict) {
        return crate::exit::PASSED;
    }
    if !global.quiet {
        eprintln!(
            "{command}: INCOMPLETE: {unread} file(s) could not be read (listed above); exit code 3 (see [policy] allow_incomplete and [scan] exclude in docs/configuration.md)"
        );
    }
    crate::exit::SCAN_FAILED
}

/// A discovered `trustward.toml` that is a symbolic link leading outside the repository (or
/// the scanned directory outside a repository) is refused: a hostile tree must not make
/// trustward read `/etc/passwd` or another project's policy. `--config` names it explicitly.
fn refuse_config_outside(config: &Path, scanned: &Path) -> Result<(), CliError> {
    let is_link = std::fs::symlink_metadata(config).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let dir = if scanned.is_dir() {
        scanned
    } else {
        scanned.parent().unwrap_or(scanned)
    };
    let root = trustward_core::git::repo_root(dir).unwrap_or_else(|| dir.to_path_buf());
    let target = config
        .canonicalize()
        .map_err(|e| CliError::usage(format!("cannot resolve config {}: {e}", config.display())))?;
    if target.starts_with(&root) {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "{} is a symbolic link to {}, outside {}: refusing to read it; pass --config {} to use it anyway",
        config.display(),
        target.display(),
        root.display(),
        config.display()
    )))
}
