//! GitHub Actions a workflow pins at an exact release are checked against the "GitHub
//! Actions" ecosystem of the local OSV database, located at their `uses:` line.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn osv_zip() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/data/osv/GitHub Actions/all.zip"))
        .chain([PathBuf::from(
            "/work/shared/data/osv/GitHub Actions/all.zip",
        )])
        .find(|p| p.is_file())
        .expect("shared/data/osv/GitHub Actions/all.zip")
}

fn tw(db: &Path, cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.current_dir(cwd)
        .env("TRUSTWARD_DB", db)
        .env("NO_COLOR", "1");
    c
}

// GHSA-cxww-7g56-2vh6: actions/download-artifact, introduced 4.0.0, fixed 4.1.7.
// GHSA-8v8w-v8xg-79rf: tj-actions/branch-names, introduced 0, fixed 7.0.7.
const WORKFLOW: &str = "\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4.1.6
      - uses: actions/download-artifact@v4.1.7
      - uses: tj-actions/branch-names@6871f53176ad61624f978536bbf089c574dc19a2 # v7.0.6
      - uses: tj-actions/branch-names@v7
      - uses: actions/download-artifact@main
";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".github/workflows")).unwrap();
    std::fs::write(repo.join(".github/workflows/ci.yml"), WORKFLOW).unwrap();
    dir
}

#[test]
fn pinned_vulnerable_actions_are_reported_at_their_uses_line() {
    let dir = project();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(osv_zip())
        .assert()
        .success();
    for cmd in [
        vec!["vulns", "repo", "--strict", "--format", "json"],
        vec!["audit", "repo", "--only", "vulns", "--format", "json"],
    ] {
        let out = tw(&db, dir.path()).args(&cmd).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        let mut found: Vec<(String, String, u64, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["location"]["path"].as_str().unwrap().to_string(),
                    f["location"]["line"].as_u64().unwrap(),
                    f["data"]["advisory_id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        found.sort();
        let path = ".github/workflows/ci.yml".to_string();
        assert_eq!(
            found,
            vec![
                (
                    "vulns/known-vulnerability".to_string(),
                    path.clone(),
                    6,
                    "GHSA-cxww-7g56-2vh6".to_string()
                ),
                (
                    "vulns/known-vulnerability".to_string(),
                    path,
                    8,
                    "GHSA-8v8w-v8xg-79rf".to_string()
                ),
            ],
            "{cmd:?}"
        );
        // Findings fail the run; the database covers the ecosystem, so it was checked.
        assert_ne!(out.status.code(), Some(3), "{cmd:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("not checked"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_database_without_github_actions_is_not_checked() {
    let dir = project();
    let db = dir.path().join("db");
    // An npm-only database (the fixture of vulns_cli.rs).
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/osv"))
        .assert()
        .success();
    let out = tw(&db, dir.path())
        .args(["vulns", "repo", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no advisories for GitHub Actions"),
        "{stderr}"
    );
    assert!(stderr.contains("--ecosystem 'GitHub Actions'"), "{stderr}");
}
