//! `trustward vulns` and `trustward db …` end to end: never fail open, --strict and
//! `[policy] require` turn "not checked" into exit 3, findings fail the policy.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn osv_data() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/data/osv"))
        .find(|p| p.is_dir())
        .expect("shared/data/osv")
}

fn tw(db: &Path, cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.current_dir(cwd)
        .env("TRUSTWARD_DB", db)
        .env("NO_COLOR", "1");
    c
}

#[test]
fn no_database_is_not_checked_never_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["vulns", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "vulnerabilities: not checked (no vulnerability database at",
        ))
        .stderr(predicate::str::contains("run `trustward db update`"));
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(3);
    std::fs::write(
        dir.path().join("trustward.toml"),
        "[policy]\nrequire = [\"vulns\"]\n",
    )
    .unwrap();
    tw(&db, dir.path())
        .args(["vulns", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(3);
    tw(&db, dir.path())
        .args(["db", "status"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("no vulnerability database"));
}

#[test]
fn import_then_findings_fail_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(fixtures().join("osv"))
        .assert()
        .success();
    // A malicious package is critical: exit 1.
    tw(&db, dir.path())
        .args(["vulns", "--purl", "pkg:npm/evil-pkg@1.0.0"])
        .assert()
        .code(1);
    // Not affected: exit 0, and checked (even --strict passes).
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/listed-only@1.0.1"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("not checked").not());
    // An ecosystem the database lacks is not checked.
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:cargo/smallvec@1.6.0"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no advisories for crates.io"));
    // Bad purls are usage errors.
    tw(&db, dir.path())
        .args(["vulns", "--purl", "npm/lodash"])
        .assert()
        .code(2);
    // SBOM input: nested CycloneDX components.
    tw(&db, dir.path())
        .args(["vulns", "--sbom"])
        .arg(fixtures().join("bom.cdx.json"))
        .assert()
        .code(1);
    let out = tw(&db, dir.path())
        .args(["db", "status", "-f", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["exists"], true);
    assert_eq!(v["ecosystems"][0]["ecosystem"], "npm");
    assert_eq!(v["ecosystems"][0]["advisories"], 2);
}

#[test]
fn stale_database_is_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(fixtures().join("osv"))
        .assert()
        .success();
    let meta_path = db.join("npm/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    meta["imported_at"] = "2020-01-01T00:00:00Z".into();
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/listed-only@1.0.1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("older than 7 days"));
    tw(&db, dir.path())
        .args(["db", "status"])
        .assert()
        .success()
        .stderr(predicate::str::contains("older than 7 days"));
    // A larger limit in trustward.toml accepts it.
    std::fs::write(
        dir.path().join("trustward.toml"),
        "[vulns]\nmax_age_days = 100000\n",
    )
    .unwrap();
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/listed-only@1.0.1"])
        .assert()
        .code(0);
    // Unknown keys are configuration errors.
    std::fs::write(dir.path().join("trustward.toml"), "[vulns]\nmax_age = 1\n").unwrap();
    tw(&db, dir.path())
        .args(["vulns", "--purl", "pkg:npm/listed-only@1.0.1"])
        .assert()
        .code(2);
}

#[test]
fn update_from_a_file_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mirror = format!("file://{}", osv_data().display());
    tw(&db, dir.path())
        .args([
            "db",
            "update",
            "--mirror",
            &mirror,
            "--ecosystem",
            "npm,crates.io",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("crates.io").and(predicate::str::contains("npm")));
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);
    // A mirror without the file: error naming it, exit 3, database unchanged.
    tw(&db, dir.path())
        .args([
            "db",
            "update",
            "--mirror",
            "file:///nonexistent",
            "--ecosystem",
            "npm",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("/nonexistent/npm/all.zip"));
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);
    // No packages and no --ecosystem: a usage error that says what to do.
    tw(&db, dir.path())
        .args(["db", "update", "--mirror", &mirror])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ecosystem"));
}

#[test]
fn importing_an_export_zip_only_replaces_its_ecosystem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mirror = format!("file://{}", osv_data().display());
    tw(&db, dir.path())
        .args(["db", "update", "--mirror", &mirror, "--ecosystem", "Maven"])
        .assert()
        .success();
    // npm/all.zip holds multi-ecosystem GHSA records that also name Maven packages.
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(osv_data().join("npm/all.zip"))
        .assert()
        .success();
    let out = tw(&db, dir.path())
        .args(["db", "status", "-f", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let eco: Vec<(String, u64)> = v["ecosystems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["ecosystem"].as_str().unwrap().to_string(),
                e["advisories"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        eco,
        vec![("Maven".to_string(), 41), ("npm".to_string(), 61)]
    );
}

#[test]
fn auto_update_downloads_when_there_is_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    std::fs::write(
        dir.path().join("trustward.toml"),
        format!(
            "[vulns]\nauto_update = true\nmirror = \"file://{}\"\n",
            osv_data().display()
        ),
    )
    .unwrap();
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--purl", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);
    assert!(db.join("npm/meta.json").is_file());
    assert!(!db.join("crates.io").exists(), "only the ecosystems in use");
}
