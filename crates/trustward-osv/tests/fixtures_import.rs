//! Import and matching on hand-written records: versions lists, withdrawn records,
//! ecosystem suffixes, `limit`, GIT ranges, malformed JSON, `MAL-` ids.

mod common;

use common::{fixtures, pkg};
use trustward_inventory::Ecosystem;
use trustward_osv::matcher::{PackageQuery, match_package};
use trustward_osv::{Database, ImportOptions, check_packages, import_into_db};

fn import() -> (tempfile::TempDir, Database, trustward_osv::ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("db");
    let report =
        import_into_db(&root, &fixtures().join("records"), ImportOptions::default()).unwrap();
    let db = Database::open(&root).unwrap();
    (dir, db, report)
}

#[test]
fn folder_import_counts_everything() {
    let (_d, db, report) = import();
    assert_eq!(report.records, 5);
    // TEST-2024-0004.json is truncated JSON: skipped with the reason.
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].record, "TEST-2024-0004.json");
    assert!(report.skipped[0].reason.contains("invalid OSV JSON"));
    let status = db.status().unwrap();
    let names: Vec<&str> = status.iter().map(|m| m.ecosystem.as_str()).collect();
    assert_eq!(names, vec!["Debian", "crates.io", "npm"]);
    let npm = db.meta("npm").unwrap().unwrap();
    assert_eq!(npm.withdrawn, 1);
    assert_eq!(npm.advisories, 2);
    let crates = db.meta("crates.io").unwrap().unwrap();
    assert_eq!(crates.git_ranges_skipped, 1);
}

#[test]
fn versions_list_only_and_withdrawn() {
    let (_d, db, _) = import();
    let hit = |v: &str| {
        check_packages(
            &db,
            &[pkg(
                Ecosystem::Npm,
                "listed-only",
                v,
                "package-lock.json",
                3,
            )],
        )
        .findings
    };
    let f = hit("1.0.2");
    assert_eq!(
        f.len(),
        1,
        "only the versions list matches; the withdrawn record never does"
    );
    assert_eq!(f[0].data["advisory_id"], "TEST-2024-0001");
    assert_eq!(f[0].data["fixed_in"], serde_json::Value::Null);
    assert!(
        f[0].remediation
            .as_deref()
            .unwrap()
            .contains("no fixed version")
    );
    assert!(hit("1.0.1").is_empty());
}

#[test]
fn suffix_and_limit() {
    let (_d, db, _) = import();
    let store = db.load("Debian").unwrap().unwrap();
    let q = |eco: &'static str, v: &'static str| PackageQuery {
        ecosystem: eco,
        name: "openssl",
        version: v,
    };
    assert_eq!(
        match_package(&store, &q("Debian:12", "3.0.10")).hits.len(),
        1
    );
    assert_eq!(
        match_package(&store, &q("Debian:11", "3.0.10")).hits.len(),
        0
    );
    assert_eq!(match_package(&store, &q("Debian", "3.0.10")).hits.len(), 1);
    assert_eq!(
        match_package(&store, &q("Debian:12", "3.0.11")).hits.len(),
        0
    );

    let f = |v: &str| {
        check_packages(
            &db,
            &[pkg(Ecosystem::CratesIo, "limited", v, "Cargo.lock", 1)],
        )
        .findings
    };
    assert_eq!(f("1.4.0").len(), 1);
    assert_eq!(f("1.4.0")[0].severity, trustward_core::Severity::Critical);
    assert!(f("1.5.0").is_empty());
    assert!(f("0.9.0").is_empty());
}

#[test]
fn mal_ids_are_malicious_package_findings() {
    let (_d, db, _) = import();
    let f = check_packages(
        &db,
        &[pkg(
            Ecosystem::Npm,
            "evil-pkg",
            "1.0.0",
            "package-lock.json",
            1,
        )],
    )
    .findings;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule.id, "vulns/malicious-package");
}

#[test]
fn unparseable_installed_version_is_a_warning() {
    let (_d, db, _) = import();
    let out = check_packages(
        &db,
        &[pkg(Ecosystem::CratesIo, "limited", "", "Cargo.lock", 12)],
    );
    assert!(out.findings.is_empty());
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert!(
        w.contains("limited") && w.contains("TEST-2024-0003") && w.contains("Cargo.lock:12"),
        "{w}"
    );
}

#[test]
fn single_file_import_and_reimport_replaces_only_its_ecosystem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("db");
    import_into_db(&root, &fixtures().join("records"), ImportOptions::default()).unwrap();
    import_into_db(
        &root,
        &fixtures().join("records/MAL-2024-0005.json"),
        ImportOptions::default(),
    )
    .unwrap();
    let db = Database::open(&root).unwrap();
    // npm now holds only the MAL record; crates.io and Debian are carried over.
    assert_eq!(db.meta("npm").unwrap().unwrap().advisories, 1);
    assert_eq!(db.meta("crates.io").unwrap().unwrap().advisories, 1);
    assert_eq!(db.meta("Debian").unwrap().unwrap().advisories, 1);
}
