//! The one place analyzers are registered: adding an analyzer is one line here.
//! Command-line options an analyzer needs are handed to its constructor.

use crate::cli::GlobalArgs;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, ScanError};
use trustward_inventory::{Ecosystem, Package, Scope, SourceRef};

/// Every analyzer, in report order, configured from the command line.
pub fn all(global: &GlobalArgs) -> Vec<Box<dyn Analyzer>> {
    vec![
        Box::new(trustward_posture::PostureAnalyzer::default()),
        Box::new(trustward_inventory::analyzer::InventoryAnalyzer::new(
            global.include_vendored,
        )),
        Box::new(trustward_workflows::WorkflowsAnalyzer),
        Box::new(vulns(global)),
        Box::new(trustward_secrets::SecretsAnalyzer::new(global.show_secrets)),
        Box::new(trustward_history::HistoryAnalyzer::default()),
        Box::new(trustward_licenses::LicensesAnalyzer::new(
            trustward_licenses::LicenseOptions {
                include_vendored: global.include_vendored,
                ..Default::default()
            },
        )),
    ]
}

/// Every maturity check of every analyzer, whichever of them run: checks of an analyzer
/// that was skipped are reported as not evaluated, never dropped.
pub fn catalogue(global: &GlobalArgs) -> Vec<&'static trustward_core::maturity::Check> {
    all(global)
        .iter()
        .flat_map(|a| a.checks())
        .chain(crate::pending_checks::ALL.iter().copied())
        .collect()
}

/// The `vulns` analyzer over the lockfiles' packages and the GitHub Actions the
/// workflows pin (the composition root joins the two crates, which know nothing of each
/// other).
pub fn vulns(global: &GlobalArgs) -> trustward_osv::VulnsAnalyzer {
    trustward_osv::VulnsAnalyzer::new(
        crate::commands::db::db_path(global),
        global.include_vendored,
    )
    .with_extra_packages(Box::new(workflow_action_packages))
}

/// The actions `uses:`d at an exact release by the workflow and action files, as
/// packages of the OSV "GitHub Actions" ecosystem located at their `uses:` line.
pub fn workflow_action_packages(files: &FileIndex) -> (Vec<Package>, Vec<ScanError>) {
    let (uses, errors) = trustward_workflows::actions_in(files);
    // The workflows analyzer reports the same unreadable file; say what this one missed.
    let errors = errors
        .into_iter()
        .map(|e| {
            ScanError::new(
                e.path,
                format!(
                    "its actions were not checked for vulnerabilities: {}",
                    e.message
                ),
            )
        })
        .collect();
    let packages = uses
        .into_iter()
        .map(|a| Package {
            ecosystem: Ecosystem::GitHubActions,
            purl: trustward_inventory::purl::purl_for(
                Ecosystem::GitHubActions,
                &a.name,
                &a.git_ref,
            ),
            name: a.name,
            version: a.version,
            scope: Scope::Build,
            direct: Some(true),
            source: SourceRef {
                path: a.path,
                line: Some(a.line),
            },
            hashes: Vec::new(),
            dependencies: Vec::new(),
        })
        .collect();
    (packages, errors)
}
