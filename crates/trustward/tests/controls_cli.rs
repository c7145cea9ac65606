//! `trustward controls` and the maturity levels of `audit` on fixture repositories at
//! each level: an empty repository is below basic wherever files could show it, a
//! repository with the basic files is basic where files suffice and "not evaluated"
//! where they do not.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn trustward() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env("TRUSTWARD_DB", "/nonexistent/trustward-test-db")
        .env("TRUSTWARD_TODAY", "2026-11-22");
    c
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, content) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
}

fn maturity(root: &Path) -> Value {
    let out = trustward()
        .args(["controls", "-f", "json"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn achieved(doc: &Value, practice: &str) -> String {
    doc["maturity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["practice"] == practice)
        .unwrap()["achieved"]
        .as_str()
        .unwrap()
        .to_string()
}

const PRACTICES: [&str; 8] = [
    "roles-and-responsibilities",
    "security-policy",
    "know-your-contributors",
    "software-supply-chain",
    "technical-security-guidance",
    "security-playbooks",
    "security-testing",
    "secure-releases-and-updates",
];

#[test]
fn an_empty_repository_reaches_no_level() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), &[("main.py", "print('hi')\n")]);
    let doc = maturity(d.path());
    for p in PRACTICES {
        let a = achieved(&doc, p);
        assert!(
            a == "below-basic" || a == "not-assessed",
            "{p} is {a} on an empty repository"
        );
    }
    assert_eq!(achieved(&doc, "security-policy"), "below-basic");
    assert_eq!(doc["controls"]["baseline_level_met"], 0);
    assert_eq!(doc["controls"]["total"], 64);
}

pub const BASIC_FILES: &[(&str, &str)] = &[
    ("README.md", "# demo\n\n## Usage\n\nRun `demo`.\n"),
    (
        "SECURITY.md",
        "# Security\n\nReport vulnerabilities privately to security@example.org. We acknowledge \
         reports and publish an advisory.\n",
    ),
    ("CONTRIBUTING.md", "Open a pull request.\n"),
    ("CHANGELOG.md", "# Changelog\n"),
    // The full text: the licences analyzer identifies a licence by its text.
    (
        "LICENSE",
        include_str!("../../../../shared/data/spdx/text/MIT.txt"),
    ),
];

#[test]
fn a_repository_with_the_basic_files_is_basic_where_files_suffice() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), BASIC_FILES);
    // Outside a git repository the history checks (no checked-in binaries or credentials,
    // basic) cannot be evaluated: the supply-chain practice is not assessed, never basic.
    let doc = maturity(d.path());
    assert_eq!(achieved(&doc, "software-supply-chain"), "not-assessed");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(d.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["-c", "commit.gpgsign=false", "commit", "-q", "-m", "files"]);
    let doc = maturity(d.path());
    for p in [
        "roles-and-responsibilities",
        "security-policy",
        "know-your-contributors",
        "software-supply-chain",
        "technical-security-guidance",
        "security-playbooks",
        "secure-releases-and-updates",
    ] {
        assert_eq!(achieved(&doc, p), "basic", "{p}");
    }
    // Tests on pull requests need a CI workflow.
    assert_eq!(achieved(&doc, "security-testing"), "below-basic");
    // Forge checks are never met from files.
    let forge = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "forge/mfa-required")
        .unwrap();
    assert_eq!(forge["status"], "not-evaluated");
    assert!(forge["why"].as_str().unwrap().contains("forge's settings"));
}

#[test]
fn controls_formats() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), BASIC_FILES);
    let text = trustward().arg("controls").arg(d.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("OSPS Baseline level 1"));
    assert!(text.contains("OSPS-VM-03.01"));
    assert!(text.contains("NOT EVALUATED"));
    let md = trustward()
        .args(["controls", "-f", "markdown"])
        .arg(d.path())
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("| OSPS-AC-01.01 | 1 | not evaluated |"));
    let sarif = trustward()
        .args(["controls", "-f", "sarif"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(sarif.status.code(), Some(2));
}

#[test]
fn audit_json_carries_checks_controls_and_the_matrix() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), BASIC_FILES);
    let out = trustward()
        .args(["audit", "-f", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["maturity"].as_array().unwrap().len(), 8);
    assert!(doc["checks"].as_array().unwrap().len() > 50);
    assert_eq!(doc["controls"]["items"].as_array().unwrap().len(), 64);
    let md = trustward()
        .args(["audit", "-f", "markdown"])
        .arg(d.path())
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    let matrix = md.find("| TSI practice |").unwrap();
    let severities = md.find("| severity |").unwrap();
    assert!(matrix < severities, "the matrix comes first");
}
