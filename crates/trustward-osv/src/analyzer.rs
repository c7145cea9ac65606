//! The `vulns` analyzer: the inventory (or packages given on the command line) checked
//! against the local OSV database. Without a usable database it says "not checked" with
//! the reason and the fix, never "no vulnerabilities".

use crate::check::check_packages;
use crate::store::Database;
use crate::update::{DEFAULT_MIRROR, UpdateOptions, update};
use serde::Deserialize;
use std::path::PathBuf;
use trustward_core::files::FileIndex;
use trustward_core::{
    Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ConfigError, Rule, ScanContext, ScanError,
};
use trustward_inventory::{DiscoverOptions, Package, discover};

/// `[vulns]` settings in `trustward.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VulnsSettings {
    /// A database older than this many days counts as not checked (default 7).
    pub max_age_days: u32,
    /// Run `db update` for the ecosystems in the project when there is no database.
    pub auto_update: bool,
    /// Mirror for `auto_update` (default: the public OSV bucket).
    pub mirror: Option<String>,
}

impl Default for VulnsSettings {
    fn default() -> Self {
        VulnsSettings {
            max_age_days: 7,
            auto_update: false,
            mirror: None,
        }
    }
}

/// Where the analyzer's packages come from.
#[derive(Debug, Clone)]
pub enum PackageSource {
    /// Discover lockfiles under the scanned root.
    Discover {
        /// Also read vendored trees.
        include_vendored: bool,
    },
    /// Packages given directly (`--purl`, `--sbom`).
    Given(Vec<Package>),
}

/// Extra packages found in the scanned files by something other than the lockfile
/// discovery (e.g. the GitHub Actions a workflow `uses:`), with the files it could not
/// read. The binary supplies it, so this crate depends on no other file format's crate.
pub type PackageProvider = Box<dyn Fn(&FileIndex) -> (Vec<Package>, Vec<ScanError>) + Send + Sync>;

/// The `vulns` analyzer.
pub struct VulnsAnalyzer {
    db: PathBuf,
    source: PackageSource,
    extra: Vec<PackageProvider>,
}

impl std::fmt::Debug for VulnsAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VulnsAnalyzer")
            .field("db", &self.db)
            .field("source", &self.source)
            .field("extra_providers", &self.extra.len())
            .finish()
    }
}

impl VulnsAnalyzer {
    /// Checks discovered packages against the database at `db`.
    pub fn new(db: PathBuf, include_vendored: bool) -> Self {
        VulnsAnalyzer {
            db,
            source: PackageSource::Discover { include_vendored },
            extra: Vec::new(),
        }
    }

    /// Adds a provider of packages beyond the lockfiles' (e.g. workflow `uses:`), called
    /// in the discovery mode only: packages given on the command line are checked as given.
    pub fn with_extra_packages(mut self, provider: PackageProvider) -> Self {
        self.extra.push(provider);
        self
    }

    /// Checks `packages` (instead of discovering them) against the database at `db`.
    pub fn with_packages(db: PathBuf, packages: Vec<Package>) -> Self {
        VulnsAnalyzer {
            db,
            source: PackageSource::Given(packages),
            extra: Vec::new(),
        }
    }
}

/// One line explaining that there is no database and how to get one.
pub fn no_database_reason(db: &std::path::Path) -> String {
    format!(
        "no vulnerability database at {}; run `trustward db update`",
        db.display()
    )
}

/// Maturity check: the locked dependencies were checked and none is known-vulnerable.
pub static NO_KNOWN_VULNERABLE: trustward_core::maturity::Check = trustward_core::maturity::Check {
    id: "vulns/no-known-vulnerable-dependencies",
    title: "The locked dependencies were checked against OSV and none has a known advisory",
    practice: trustward_core::Practice::SoftwareSupplyChain,
    level: trustward_core::Level::Standard,
    controls: &[],
    how: "Evidence of a scan: every package of the lockfiles (and every action pinned by the workflows) was matched against the local OSV database, which covers each ecosystem and is not older than `[vulns] max_age_days`; met when no `vulns/*` finding remains after the configuration's ignores and the baseline. Not evaluated without a fresh database or when a lockfile could not be read; not applicable with no package. It says nothing about vulnerabilities not yet in OSV.",
    why_level: "Monitoring dependencies for advisories needs a database and a routine: a standard practice.",
};

impl Analyzer for VulnsAnalyzer {
    fn name(&self) -> &'static str {
        "vulns"
    }

    fn description(&self) -> &'static str {
        "Known vulnerabilities and malicious packages in dependencies (local OSV database)"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        crate::rules::all()
    }

    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        vec![&NO_KNOWN_VULNERABLE]
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        config
            .analyzer_settings::<VulnsSettings>("vulns")
            .map(|_| ())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let settings: VulnsSettings = ctx.config.analyzer_settings("vulns").unwrap_or_default();
        let mut out = AnalyzerOutput::default();
        let packages: Vec<Package> = match &self.source {
            PackageSource::Given(p) => p.clone(),
            PackageSource::Discover { include_vendored } => {
                // The inventory analyzer validates `[inventory]`; a bad table never gets here.
                let opts = DiscoverOptions::from_config(ctx.config, *include_vendored).unwrap_or(
                    DiscoverOptions {
                        include_vendored: *include_vendored,
                        max_file_size: None,
                    },
                );
                let inv = discover(ctx.files, &opts);
                out.errors.extend(inv.errors);
                let mut packages = inv.packages;
                for provider in &self.extra {
                    let (more, errors) = provider(ctx.files);
                    packages.extend(more);
                    out.errors.extend(errors);
                }
                packages
            }
        };
        if packages.is_empty() {
            out.status = Some(AnalyzerStatus::NotApplicable);
            out.evidence
                .push(trustward_core::maturity::Evidence::not_applicable(
                    &NO_KNOWN_VULNERABLE,
                    "no lockfile package or pinned action to check",
                ));
            return out;
        }
        let mut db = Database::open(&self.db);
        if db.is_none() && settings.auto_update {
            let ecosystems: std::collections::BTreeSet<String> = packages
                .iter()
                .map(|p| p.ecosystem.as_str().to_string())
                .collect();
            ctx.progress
                .message("vulns", "downloading the OSV database");
            let opts = UpdateOptions {
                mirror: settings
                    .mirror
                    .clone()
                    .unwrap_or_else(|| DEFAULT_MIRROR.into()),
                ecosystems: ecosystems.into_iter().collect(),
                ..UpdateOptions::default()
            };
            match update(&self.db, &opts) {
                Ok(_) => db = Database::open(&self.db),
                Err(e) => out
                    .warnings
                    .push(format!("automatic database update failed: {e}")),
            }
        }
        let Some(db) = db else {
            out.status = Some(AnalyzerStatus::NotChecked {
                reason: no_database_reason(&self.db),
            });
            return out;
        };
        ctx.progress
            .message("vulns", "matching packages against advisories");
        let result = check_packages(&db, &packages);
        out.findings = result.findings;
        out.warnings.extend(result.warnings);
        out.errors.extend(result.errors);

        // Staleness and coverage: never report a pass on old or missing data.
        let mut problems = Vec::new();
        if !result.missing_ecosystems.is_empty() {
            let list: Vec<&str> = result
                .missing_ecosystems
                .iter()
                .map(String::as_str)
                .collect();
            // `GitHub Actions` has a space: quote it so the command can be pasted.
            let args: Vec<String> = list
                .iter()
                .map(|e| {
                    if e.contains(' ') {
                        format!("'{e}'")
                    } else {
                        e.to_string()
                    }
                })
                .collect();
            problems.push(format!(
                "no advisories for {} in the database at {}; run `trustward db update --ecosystem {}`",
                list.join(", "),
                db.root().display(),
                args.join(" --ecosystem ")
            ));
        }
        let now = jiff::Timestamp::now();
        let max_age = i64::from(settings.max_age_days) * 86_400;
        let mut stale = Vec::new();
        let used: std::collections::BTreeSet<&str> =
            packages.iter().map(|p| p.ecosystem.as_str()).collect();
        for eco in used {
            if result.missing_ecosystems.contains(eco) {
                continue;
            }
            match db.meta(eco) {
                Ok(Some(meta)) => match meta.imported_at.parse::<jiff::Timestamp>() {
                    Ok(t) if now.as_second() - t.as_second() <= max_age => {}
                    Ok(t) => stale.push(format!(
                        "{eco} ({} days old)",
                        (now.as_second() - t.as_second()) / 86_400
                    )),
                    Err(_) => stale.push(format!("{eco} (unknown age)")),
                },
                Ok(None) => stale.push(format!("{eco} (no meta.json)")),
                Err(e) => stale.push(format!("{eco} ({e})")),
            }
        }
        if !stale.is_empty() {
            problems.push(format!(
                "the database is older than {} days for {}; run `trustward db update`",
                settings.max_age_days,
                stale.join(", ")
            ));
        }
        if !problems.is_empty() {
            out.status = Some(AnalyzerStatus::NotChecked {
                reason: problems.join("; "),
            });
        } else if !out.errors.is_empty() {
            out.evidence
                .push(trustward_core::maturity::Evidence::not_evaluated(
                    &NO_KNOWN_VULNERABLE,
                    format!("{} file(s) could not be read", out.errors.len()),
                ));
        } else {
            out.evidence
                .push(trustward_core::maturity::Evidence::unless_findings(
                    &NO_KNOWN_VULNERABLE,
                    format!(
                        "{} packages matched against the OSV database at {}",
                        packages.len(),
                        db.root().display()
                    ),
                    &["vulns/"],
                ));
        }
        out
    }
}
