//! Import and matching on the real advisories in `../shared/data/osv` (see its
//! SOURCES.md for where each record comes from). Expected counts come from SOURCES.md;
//! expected matches from reading the advisories' ranges.

mod common;

use common::{ecosystems, osv_data, pkg};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use trustward_core::Severity;
use trustward_inventory::Ecosystem;
use trustward_osv::{Database, ImportOptions, check_packages, import_into_db};

/// The whole shared data imported once per test binary.
fn db() -> &'static Database {
    static DB: OnceLock<(tempfile::TempDir, Database)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("db");
        for eco in ecosystems() {
            let opts = ImportOptions {
                ecosystems: Some(BTreeSet::from([eco.clone()])),
                ..Default::default()
            };
            import_into_db(&root, &osv_data().join(&eco).join("all.zip"), opts).unwrap();
        }
        let db = Database::open(&root).unwrap();
        (dir, db)
    })
    .1
}

#[test]
fn every_record_imports_or_is_skipped_with_a_reason() {
    // (ecosystem, zip entries, withdrawn) from SOURCES.md.
    let expected: &[(&str, u64, u64)] = &[
        ("Go", 4295, 17),
        ("PyPI", 2668, 10),
        ("crates.io", 1209, 13),
        ("npm", 61, 0),
        ("Maven", 41, 0),
        ("RubyGems", 27, 0),
        ("NuGet", 22, 0),
        ("Packagist", 21, 0),
        ("GitHub Actions", 13, 0),
        ("SwiftURL", 7, 0),
        ("Pub", 6, 0),
        ("Hex", 6, 0),
    ];
    for (eco, entries, withdrawn) in expected {
        let dir = tempfile::tempdir().unwrap();
        let opts = ImportOptions {
            ecosystems: Some(BTreeSet::from([eco.to_string()])),
            ..Default::default()
        };
        let report = import_into_db(
            &dir.path().join("db"),
            &osv_data().join(eco).join("all.zip"),
            opts,
        )
        .unwrap();
        assert_eq!(report.records, *entries, "{eco}: records read");
        assert_eq!(report.ecosystems.len(), 1, "{eco}");
        let meta = &report.ecosystems[0];
        assert_eq!(meta.withdrawn, *withdrawn, "{eco}: withdrawn");
        for s in &report.skipped {
            assert!(!s.reason.is_empty(), "{eco}: {s:?}");
        }
        assert_eq!(
            meta.advisories + meta.withdrawn + report.skipped.len() as u64,
            *entries,
            "{eco}: every record is indexed, withdrawn or skipped with a reason: {:?}",
            report.skipped
        );
        assert!(meta.sha256.as_deref().is_some_and(|s| s.len() == 64));
    }
}

#[test]
fn pypi_git_ranges_are_counted() {
    let meta = db().meta("PyPI").unwrap().unwrap();
    assert!(meta.git_ranges_skipped > 0);
}

fn ids(findings: &[trustward_core::Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f.data["advisory_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn crates_io_smallvec_two_branches() {
    // RUSTSEC-2021-0003: introduced 0.6.3 fixed 0.6.14, introduced 1.0.0 fixed 1.6.1.
    let cases = [
        ("0.6.2", None),
        ("0.6.13", Some("0.6.14")),
        ("0.6.14", None),
        ("1.5.0", Some("1.6.1")),
        ("1.6.1", None),
    ];
    for (v, fix) in cases {
        let out = check_packages(
            db(),
            &[pkg(Ecosystem::CratesIo, "smallvec", v, "Cargo.lock", 10)],
        );
        let f = out
            .findings
            .iter()
            .find(|f| f.data["advisory_id"] == "RUSTSEC-2021-0003");
        match fix {
            None => assert!(f.is_none(), "smallvec {v} must not match"),
            Some(fix) => {
                let f = f.unwrap_or_else(|| panic!("smallvec {v} must match"));
                assert_eq!(f.data["fixed_in"], fix);
                assert!(
                    f.data["aliases"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a == "GHSA-43w2-9j62-hq99")
                );
                assert_eq!(f.location.path.as_deref(), Some("Cargo.lock"));
                assert_eq!(f.location.line, Some(10));
                assert_eq!(f.severity, Severity::Critical, "CVSS 9.8");
            }
        }
    }
}

#[test]
fn pypi_protobuf_aliases_collapse() {
    // PYSEC-2017-65 and GHSA-jwvw-v7c5-m82h are the same vulnerability (CVE-2015-5237).
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::PyPI,
            "protobuf",
            "3.3.0",
            "requirements.txt",
            3,
        )],
    );
    let hits: Vec<_> = out
        .findings
        .iter()
        .filter(|f| {
            let all: Vec<String> =
                std::iter::once(f.data["advisory_id"].as_str().unwrap().to_string())
                    .chain(
                        f.data["aliases"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a.as_str().unwrap().to_string()),
                    )
                    .collect();
            all.contains(&"CVE-2015-5237".to_string())
        })
        .collect();
    assert_eq!(hits.len(), 1, "{:#?}", ids(&out.findings));
    let f = hits[0];
    assert_eq!(f.data["advisory_id"], "PYSEC-2017-65");
    let aliases = f.data["aliases"].as_array().unwrap();
    assert!(aliases.iter().any(|a| a == "GHSA-jwvw-v7c5-m82h"));
    assert_eq!(f.data["fixed_in"], "3.4.0");
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::PyPI,
            "protobuf",
            "3.4.0",
            "requirements.txt",
            3,
        )],
    );
    assert!(!ids(&out.findings).contains(&"PYSEC-2017-65".to_string()));
    // PEP 503: the lockfile may spell it differently.
    let out = check_packages(
        db(),
        &[pkg(Ecosystem::PyPI, "ProtoBuf", "3.3.0", "r.txt", 1)],
    );
    assert!(ids(&out.findings).contains(&"PYSEC-2017-65".to_string()));
}

#[test]
fn go_alias_pair_and_last_affected() {
    // GO-2023-2385 ~ GHSA-5844-q3fc-56rh; v7 fixed at 7.2.0.
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Go,
            "github.com/pubnub/go/v7",
            "v7.1.0",
            "go.mod",
            5,
        )],
    );
    assert_eq!(ids(&out.findings), vec!["GO-2023-2385"]);
    let f = &out.findings[0];
    assert!(
        f.data["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "GHSA-5844-q3fc-56rh")
    );
    assert_eq!(f.data["fixed_in"], "7.2.0");
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Go,
            "github.com/pubnub/go/v7",
            "v7.2.0",
            "go.mod",
            5,
        )],
    );
    assert!(out.findings.is_empty(), "{:?}", ids(&out.findings));
}

#[test]
fn npm_last_affected_and_malware() {
    // GHSA-22j5-38qv-pxx7 (sqliter): last_affected 1.0.2, CWE-506.
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Npm,
            "sqliter",
            "1.0.2",
            "package-lock.json",
            7,
        )],
    );
    assert_eq!(ids(&out.findings), vec!["GHSA-22j5-38qv-pxx7"]);
    assert_eq!(out.findings[0].rule.id, "vulns/malicious-package");
    assert_eq!(out.findings[0].severity, Severity::Critical);
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Npm,
            "sqliter",
            "1.0.3",
            "package-lock.json",
            7,
        )],
    );
    assert!(out.findings.is_empty());
}

#[test]
fn npm_lodash_upgrade_summary_and_case() {
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.20",
            "package-lock.json",
            9,
        )],
    );
    let mut got = ids(&out.findings);
    got.sort();
    assert_eq!(got, vec!["GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm"]);
    for f in &out.findings {
        assert_eq!(f.data["upgrade"]["to"], "4.17.21");
        assert_eq!(f.data["upgrade"]["fixes"], 2);
        assert!(f.remediation.as_deref().unwrap().contains("4.17.21"));
    }
    // GHSA-8hc4-vh64-cxmj names `Axios`; npm names are matched case-insensitively.
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Npm,
            "axios",
            "1.7.3",
            "package-lock.json",
            2,
        )],
    );
    assert_eq!(ids(&out.findings), vec!["GHSA-8hc4-vh64-cxmj"]);
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Npm,
            "axios",
            "1.7.4",
            "package-lock.json",
            2,
        )],
    );
    assert!(out.findings.is_empty());
}

#[test]
fn withdrawn_never_matches() {
    // RUSTSEC-2020-0053 (dirs) and GO-2022-0617 (k8s.io/kubernetes) are withdrawn.
    let out = check_packages(
        db(),
        &[pkg(Ecosystem::CratesIo, "dirs", "1.0.0", "Cargo.lock", 1)],
    );
    assert!(!ids(&out.findings).contains(&"RUSTSEC-2020-0053".to_string()));
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Go,
            "k8s.io/kubernetes",
            "v1.0.0",
            "go.mod",
            1,
        )],
    );
    assert!(!ids(&out.findings).contains(&"GO-2022-0617".to_string()));
}

#[test]
fn versions_lists_and_packagist() {
    // GHSA-vvmr-8829-6whx lists symfony/framework-bundle 5.4.3 explicitly.
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Packagist,
            "symfony/framework-bundle",
            "5.4.3",
            "composer.lock",
            4,
        )],
    );
    assert_eq!(ids(&out.findings), vec!["GHSA-vvmr-8829-6whx"]);
    assert_eq!(out.findings[0].data["fixed_in"], "5.4.4");
    let out = check_packages(
        db(),
        &[pkg(
            Ecosystem::Packagist,
            "symfony/framework-bundle",
            "5.4.4",
            "composer.lock",
            4,
        )],
    );
    assert!(out.findings.is_empty());
}

#[test]
fn missing_ecosystem_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().join("db");
    let opts = ImportOptions {
        ecosystems: Some(BTreeSet::from(["Hex".to_string()])),
        ..Default::default()
    };
    import_into_db(&root, &osv_data().join("Hex/all.zip"), opts).unwrap();
    let db = Database::open(&root).unwrap();
    let out = check_packages(
        &db,
        &[pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.20",
            "package-lock.json",
            9,
        )],
    );
    assert!(out.missing_ecosystems.contains("npm"));
    assert_eq!(out.checked, 0);
}
