//! `trustward db update|import|status`: the local OSV vulnerability database.

use crate::cli::{DbCommand, GlobalArgs, OutputFormat};
use crate::exit::{CliError, CliResult, PASSED, SCAN_FAILED};
use crate::output;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use trustward_core::escape::terminal_line as esc;
use trustward_inventory::{DiscoverOptions, discover};
use trustward_osv::store::EcosystemMeta;
use trustward_osv::{
    DEFAULT_MIRROR, Database, ImportOptions, UpdateOptions, VulnsSettings, default_db_path,
};

/// Every ecosystem `--all` downloads: those the OSV export bucket publishes and
/// trustward's inventory can produce packages for.
pub const ALL_ECOSYSTEMS: [&str; 12] = [
    "crates.io",
    "npm",
    "PyPI",
    "Go",
    "Maven",
    "NuGet",
    "RubyGems",
    "Packagist",
    "Pub",
    "Hex",
    "SwiftURL",
    "GitHub Actions",
];

/// The database directory: `--db`/`TRUSTWARD_DB`, else the user cache directory.
pub fn db_path(global: &GlobalArgs) -> PathBuf {
    global.db.clone().unwrap_or_else(default_db_path)
}

/// Runs a `db` subcommand.
pub fn run(global: &GlobalArgs, cmd: DbCommand) -> CliResult {
    match cmd {
        DbCommand::Update {
            mirror,
            ecosystems,
            all,
            path,
        } => run_update(global, mirror, ecosystems, all, &path),
        DbCommand::Import { path, ecosystems } => run_import(global, &path, ecosystems),
        DbCommand::Status { max_age_days } => run_status(global, max_age_days),
    }
}

fn settings(global: &GlobalArgs, path: &Path) -> Result<VulnsSettings, CliError> {
    let config_path = match &global.config {
        Some(p) => Some(p.clone()),
        None => trustward_core::Config::discover(path),
    };
    match config_path {
        Some(p) => Ok(trustward_core::Config::load(&p)?.analyzer_settings("vulns")?),
        None => Ok(VulnsSettings::default()),
    }
}

/// The ecosystems of the packages found under `path`.
fn project_ecosystems(global: &GlobalArgs, path: &Path) -> Result<Vec<String>, CliError> {
    let resolved = super::target::resolve(global, path)?;
    let opts = DiscoverOptions::from_config(&resolved.config, global.include_vendored)?;
    let inv = discover(&resolved.files, &opts);
    let (actions, _) = crate::analyzers::workflow_action_packages(&resolved.files);
    let set: BTreeSet<String> = inv
        .packages
        .iter()
        .chain(&actions)
        .map(|p| p.ecosystem.as_str().to_string())
        .collect();
    Ok(set.into_iter().collect())
}

fn run_update(
    global: &GlobalArgs,
    mirror: Option<String>,
    ecosystems: Vec<String>,
    all: bool,
    path: &Path,
) -> CliResult {
    let db = db_path(global);
    let cfg = settings(global, path)?;
    let ecosystems = if all {
        ALL_ECOSYSTEMS.iter().map(|s| s.to_string()).collect()
    } else if !ecosystems.is_empty() {
        ecosystems
    } else {
        let found = project_ecosystems(global, path)?;
        if found.is_empty() {
            return Err(CliError::usage(format!(
                "no packages found in `{}` to choose ecosystems from; give --ecosystem NAME (e.g. --ecosystem crates.io) or --all",
                path.display()
            )));
        }
        found
    };
    let opts = UpdateOptions {
        mirror: mirror
            .or(cfg.mirror)
            .unwrap_or_else(|| DEFAULT_MIRROR.to_string()),
        ecosystems,
        ..UpdateOptions::default()
    };
    if !global.quiet {
        eprintln!(
            "updating {} from {} into {}",
            opts.ecosystems.join(", "),
            opts.mirror,
            db.display()
        );
    }
    let had_database = Database::open(&db).is_some();
    let metas = trustward_osv::update(&db, &opts).map_err(|e| {
        CliError::scan(if had_database {
            format!(
                "{e} (the previous database at {} is unchanged)",
                db.display()
            )
        } else {
            format!(
                "{e} (there was no database at {}; none was created)",
                db.display()
            )
        })
    })?;
    print_metas(global, &db, &metas, None)?;
    Ok(PASSED)
}

/// The ecosystems an import is limited to: `--ecosystem`, else for an OSV export file
/// `<Ecosystem>/all.zip` that ecosystem (its records also list other ecosystems, whose
/// data must not be replaced by this subset), else none (everything found).
fn import_filter(path: &Path, ecosystems: Vec<String>) -> Option<BTreeSet<String>> {
    if !ecosystems.is_empty() {
        return Some(ecosystems.into_iter().collect());
    }
    if path.file_name().is_some_and(|n| n == "all.zip") {
        let abs = path.canonicalize().ok()?;
        let parent = abs.parent()?.file_name()?.to_string_lossy().into_owned();
        if ALL_ECOSYSTEMS.contains(&parent.as_str())
            || ["Debian", "Ubuntu", "Alpine", "ConanCenter"].contains(&parent.as_str())
        {
            return Some(BTreeSet::from([parent]));
        }
    }
    None
}

fn run_import(global: &GlobalArgs, path: &Path, ecosystems: Vec<String>) -> CliResult {
    let db = db_path(global);
    if !path.exists() {
        return Err(CliError::usage(format!(
            "`{}` does not exist",
            path.display()
        )));
    }
    let opts = ImportOptions {
        ecosystems: import_filter(path, ecosystems),
        ..ImportOptions::default()
    };
    let had_database = Database::open(&db).is_some();
    let report = trustward_osv::import_into_db(&db, path, opts).map_err(|e| {
        CliError::scan(if had_database {
            format!(
                "{e} (the previous database at {} is unchanged)",
                db.display()
            )
        } else {
            format!(
                "{e} (there was no database at {}; none was created)",
                db.display()
            )
        })
    })?;
    if !global.quiet {
        for s in &report.skipped {
            eprintln!("warning: skipped {}: {}", esc(&s.record), esc(&s.reason));
        }
    }
    if report.ecosystems.is_empty() {
        return Err(CliError::scan(format!(
            "`{}` holds no usable OSV record ({} read)",
            path.display(),
            report.records
        )));
    }
    print_metas(global, &db, &report.ecosystems, None)?;
    Ok(PASSED)
}

fn run_status(global: &GlobalArgs, max_age: Option<u32>) -> CliResult {
    let db_dir = db_path(global);
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let max_age = match max_age {
        Some(d) => d,
        None => settings(global, &cwd)?.max_age_days,
    };
    let Some(db) = Database::open(&db_dir) else {
        if global.format == OutputFormat::Json {
            let v = serde_json::json!({"path": db_dir.display().to_string(), "exists": false, "ecosystems": []});
            output::emit(
                global,
                &format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()),
            )?;
        } else {
            output::emit(
                global,
                &format!(
                    "no vulnerability database at {}; run `trustward db update`\n",
                    db_dir.display()
                ),
            )?;
        }
        return Ok(SCAN_FAILED);
    };
    let metas = db.status().map_err(|e| CliError::scan(e.to_string()))?;
    print_metas(global, &db_dir, &metas, Some(max_age))?;
    Ok(PASSED)
}

fn age_days(meta: &EcosystemMeta) -> Option<i64> {
    meta.age_days()
}

fn print_metas(
    global: &GlobalArgs,
    db: &Path,
    metas: &[EcosystemMeta],
    max_age: Option<u32>,
) -> Result<(), CliError> {
    let stale: Vec<&EcosystemMeta> = match max_age {
        Some(m) => metas
            .iter()
            .filter(|x| age_days(x).is_none_or(|d| d > i64::from(m)))
            .collect(),
        None => vec![],
    };
    let text = if matches!(global.format, OutputFormat::Json | OutputFormat::Sarif) {
        let v = serde_json::json!({
            "path": db.display().to_string(),
            "exists": true,
            "max_age_days": max_age,
            "ecosystems": metas.iter().map(|m| {
                let mut v = serde_json::to_value(m).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("age_days".into(), age_days(m).into());
                    o.insert("stale".into(), stale.iter().any(|s| s.ecosystem == m.ecosystem).into());
                }
                v
            }).collect::<Vec<_>>(),
        });
        format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
    } else {
        let mut s = format!("database: {}\n", db.display());
        s.push_str(&format!(
            "{:<16} {:>10} {:>9} {:>9} {:>8} {:>8}  {:<20}  SOURCE\n",
            "ECOSYSTEM", "ADVISORIES", "PACKAGES", "WITHDRAWN", "SKIPPED", "AGE", "IMPORTED"
        ));
        for m in metas {
            let age = age_days(m).map_or("?".to_string(), |d| format!("{d}d"));
            let imported: String = m.imported_at.chars().take(19).collect();
            s.push_str(&format!(
                "{:<16} {:>10} {:>9} {:>9} {:>8} {:>8}  {:<20}  {}\n",
                esc(&m.ecosystem),
                m.advisories,
                m.packages,
                m.withdrawn,
                m.skipped_count,
                age,
                esc(&imported),
                esc(&m.source)
            ));
        }
        s
    };
    output::emit(global, &text)?;
    if !global.quiet
        && let Some(m) = max_age
    {
        for x in stale {
            eprintln!(
                "warning: {} data is older than {m} days; run `trustward db update --ecosystem {}` (vulnerability checks count as not checked until then)",
                esc(&x.ecosystem),
                esc(&x.ecosystem)
            );
        }
    }
    Ok(())
}
