//! The `inventory` analyzer: runs discovery and reports what the parsers noticed (unpinned
//! requirements, git and plain-HTTP sources) plus the manifest checks (missing or stale
//! lockfiles) as findings. Parse errors are scan errors, not findings.

pub mod manifests;
pub mod rules;

use crate::discover::{DiscoverOptions, discover_all};
use crate::model::{Issue, IssueKind};
use serde::Deserialize;
use std::collections::HashSet;
use trustward_core::{
    Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ConfigError, Finding, Location, Rule,
    ScanContext,
};

/// The `[inventory]` table of `trustward.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Largest lockfile read, in bytes (default 256 MiB).
    pub max_file_size: Option<u64>,
}

/// The analyzer; `include_vendored` comes from `--include-vendored`.
#[derive(Debug, Default, Clone)]
pub struct InventoryAnalyzer {
    /// Also read `node_modules/`, `vendor/`, `target/`.
    pub include_vendored: bool,
}

impl InventoryAnalyzer {
    /// An analyzer configured from the command line.
    pub fn new(include_vendored: bool) -> Self {
        InventoryAnalyzer { include_vendored }
    }
}

/// Maturity check: dependencies are pinned by committed lockfiles.
pub static LOCKFILES_COMMITTED: trustward_core::maturity::Check = trustward_core::maturity::Check {
    id: "inventory/lockfiles-committed",
    title: "The project's dependencies are declared and pinned by committed lockfiles",
    practice: trustward_core::Practice::SoftwareSupplyChain,
    level: trustward_core::Level::Basic,
    controls: &["OSPS-QA-02.01", "OSPS-BR-05.01"],
    how: "Every manifest and lockfile the inventory reads is parsed: met when at least one was read and no `inventory/lockfile-missing` finding remains after the configuration's ignores; not met when a manifest has no lockfile; not evaluated when a lockfile could not be parsed; not applicable when the repository has no package manifest.",
    why_level: "Knowing and pinning what you depend on is the base of every supply-chain practice.",
};

impl Analyzer for InventoryAnalyzer {
    fn name(&self) -> &'static str {
        "inventory"
    }

    fn description(&self) -> &'static str {
        "Dependency inventory from lockfiles: missing or stale lockfiles, unpinned, git and plain-HTTP dependencies"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        rules::all()
    }

    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        vec![&LOCKFILES_COMMITTED]
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        config
            .analyzer_settings::<Settings>("inventory")
            .map(|_| ())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let settings = ctx
            .config
            .analyzer_settings::<Settings>("inventory")
            .unwrap_or_default();
        let opts = DiscoverOptions {
            include_vendored: self.include_vendored,
            max_file_size: settings.max_file_size,
        };
        ctx.progress.message("inventory", "reading lockfiles");
        let found = discover_all(ctx.files, &opts);
        let mut out = AnalyzerOutput {
            errors: found.inventory.errors.clone(),
            ..Default::default()
        };
        // Files over the size cap are already in `errors`, with the reason.
        out.findings = issue_findings(&found.issues);
        let m = manifests::check(ctx.files, self.include_vendored);
        out.findings.extend(m.findings);
        out.errors.extend(m.errors);
        use trustward_core::maturity::Evidence;
        if found.inventory.sources.is_empty() && out.findings.is_empty() && out.errors.is_empty() {
            out.status = Some(AnalyzerStatus::NotApplicable);
            out.evidence.push(Evidence::not_applicable(
                &LOCKFILES_COMMITTED,
                "the repository has no package manifest or lockfile",
            ));
        } else if !out.errors.is_empty() {
            out.evidence.push(Evidence::not_evaluated(
                &LOCKFILES_COMMITTED,
                format!(
                    "{} manifest(s) or lockfile(s) could not be read",
                    out.errors.len()
                ),
            ));
        } else {
            out.evidence.push(Evidence::unless_findings(
                &LOCKFILES_COMMITTED,
                format!(
                    "{} manifest(s) and lockfile(s) read",
                    found.inventory.sources.len()
                ),
                &["inventory/lockfile-missing"],
            ));
        }
        out
    }
}

/// Turns parser issues into findings (one per issue; a direct reference that is also a git
/// source is reported once, as a git dependency).
pub fn issue_findings(issues: &[Issue]) -> Vec<Finding> {
    let git_at: HashSet<(&str, Option<u32>)> = issues
        .iter()
        .filter(|i| i.kind == IssueKind::GitSource)
        .map(|i| (i.source.path.as_str(), i.source.line))
        .collect();
    let mut out = Vec::new();
    for i in issues {
        let loc = match i.source.line {
            Some(l) => Location::file(&i.source.path).with_line(l),
            None => Location::file(&i.source.path),
        };
        let who = if i.name.is_empty() {
            String::new()
        } else {
            format!("`{}` ", i.name)
        };
        let (rule, msg) = match i.kind {
            IssueKind::Unpinned => (
                &rules::UNPINNED_REQUIREMENT,
                format!(
                    "requirement {who}is not pinned to an exact version: `{}`",
                    i.detail
                ),
            ),
            IssueKind::DirectReference => {
                if git_at.contains(&(i.source.path.as_str(), i.source.line)) {
                    continue;
                }
                (
                    &rules::UNPINNED_REQUIREMENT,
                    format!(
                        "requirement {who}installs from a path or URL, not a pinned registry version: `{}`",
                        i.detail
                    ),
                )
            }
            IssueKind::GitSource => (
                &rules::GIT_DEPENDENCY,
                format!("dependency {who}comes from git: {}", i.detail),
            ),
            IssueKind::InsecureHttp => (
                &rules::INSECURE_HTTP_DEPENDENCY,
                format!("{who}is fetched over plain HTTP: {}", i.detail),
            ),
            IssueKind::OutOfSync => (
                &rules::LOCKFILE_OUT_OF_SYNC,
                format!("{who}is out of sync with its lockfile: {}", i.detail),
            ),
        };
        out.push(
            Finding::new(rule, msg, loc)
                .with_key(format!("{}:{}:{}", i.source.path, i.name, i.detail)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_lint_clean() {
        for r in rules::all() {
            assert!(r.lint().is_empty(), "{}: {:?}", r.id, r.lint());
            assert_eq!(r.analyzer(), "inventory");
        }
    }
}
