//! `inventory/lockfile-missing` is not reported for an npm project whose `.npmrc` turns
//! lockfiles off (`package-lock=false`): npm never writes one there.

use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};

fn rules(dir: &std::path::Path) -> Vec<String> {
    let files = FileIndex::new(dir);
    let config = Config::default();
    let out = trustward_inventory::analyzer::InventoryAnalyzer::new(false).run(&ScanContext {
        files: &files,
        config: &config,
        progress: &trustward_core::analyzer::NoProgress,
        verbose: false,
    });
    out.findings.iter().map(|f| f.rule.id.to_string()).collect()
}

#[test]
fn package_lock_false_means_no_lockfile_is_expected() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("package.json"),
        r#"{"name":"x","dependencies":{"lodash":"^4.17.21"}}"#,
    )
    .unwrap();
    assert!(rules(d.path()).contains(&"inventory/lockfile-missing".to_string()));
    std::fs::write(
        d.path().join(".npmrc"),
        "save-exact=true\npackage-lock=false\n",
    )
    .unwrap();
    assert!(!rules(d.path()).contains(&"inventory/lockfile-missing".to_string()));
}
