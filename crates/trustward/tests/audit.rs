//! End-to-end `audit` runs on fixture repositories (good, bad, empty, git and non-git),
//! asserting findings, exit codes, suppressions, baselines and output files. The fixture
//! repositories are the posture analyzer's (crates/trustward-posture/tests/fixtures),
//! copied into a temporary directory so each test can add files or a `.git` directory.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn trustward() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env_remove("NO_COLOR")
        .env("TRUSTWARD_DB", "/nonexistent/trustward-test-db")
        .env("TRUSTWARD_TODAY", "2026-11-22");
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../trustward-posture/tests/fixtures")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A copy of a fixture repository in a fresh temporary directory.
fn repo(name: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), d.path());
    d
}

fn json(cmd: &mut Command) -> (i32, Value) {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), v)
}

fn rules_of(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppressed"].is_null())
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn good_repository_passes_with_no_posture_findings() {
    let d = repo("good");
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    assert_eq!(code, 0);
    assert_eq!(rules_of(&v), Vec::<String>::new());
    assert_eq!(v["summary"]["policy"]["passed"], true);
    assert_eq!(v["analyzers"][0]["status"], "checked");
}

#[test]
fn empty_directory_reports_every_missing_policy_file() {
    let d = tempfile::tempdir().unwrap();
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture", "--fail-on", "low"])
            .arg(d.path()),
    );
    assert_eq!(code, 1, "low findings violate --fail-on low");
    let rules = rules_of(&v);
    for r in [
        "posture/security-policy-missing",
        "posture/license-missing",
        "posture/codeowners-missing",
        "posture/changelog-missing",
        "posture/contributing-missing",
        "posture/dependency-updates-missing",
    ] {
        assert!(rules.contains(&r.to_string()), "{r} missing from {rules:?}");
    }
    // Not a git repository: no head.
    assert!(v["target"]["git_head"].is_null());
    // Repository-level findings point at the root.
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["location"]["line"].is_null())
    );
    // The default threshold (high) passes on these medium/low findings.
    trustward()
        .args(["audit", "--only", "posture", "-q"])
        .arg(d.path())
        .assert()
        .code(0);
}

#[test]
fn bad_repository_findings_have_locations() {
    let d = repo("bad");
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture", "--fail-on", "info"])
            .arg(d.path()),
    );
    assert_eq!(code, 1);
    let located = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["line"].is_u64())
        .count();
    assert!(located > 0, "content checks report lines");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["fingerprint"].as_str().unwrap().len() == 32)
    );
}

#[test]
fn git_head_is_reported_for_a_repository() {
    let d = repo("good");
    let id = "0123456789abcdef0123456789abcdef01234567";
    std::fs::create_dir_all(d.path().join(".git/refs/heads")).unwrap();
    std::fs::write(d.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(d.path().join(".git/refs/heads/main"), format!("{id}\n")).unwrap();
    let (_, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    assert_eq!(v["target"]["git_head"], id);
}

#[test]
fn non_utf8_policy_file_is_an_error_entry_and_the_scan_goes_on() {
    let d = repo("good");
    std::fs::write(d.path().join("SECURITY.md"), b"\xff\xfe not utf-8 \xc3\x28").unwrap();
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    // The scan goes on, but a policy file that could not be read makes posture
    // incomplete: "passed, INCOMPLETE" exits 3 (fail closed).
    assert_eq!(code, 3);
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["path"].as_str().unwrap().starts_with("SECURITY.md")),
        "{errors:?}"
    );
    assert_eq!(v["analyzers"][0]["status"], "incomplete");
    assert_eq!(v["analyzers"][0]["unread"][0], "SECURITY.md");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_not_fatal() {
    use std::os::unix::fs::PermissionsExt;
    let d = repo("good");
    let p = d.path().join("CONTRIBUTING.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        return; // running as root: permissions do not stop reads
    }
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    assert_ne!(code, 3);
    assert!(!v["errors"].as_array().unwrap().is_empty());
}

#[test]
fn sarif_output_file_is_valid_and_points_at_relative_paths() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out.sarif");
    trustward()
        .args([
            "audit",
            "--only",
            "posture",
            "--format",
            "sarif",
            "--fail-on",
            "never",
            "--output",
        ])
        .arg(&out)
        .arg(d.path())
        .assert()
        .success();
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/schemas/sarif/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.starts_with('/'), "{uri}");
        assert!(r["partialFingerprints"].is_object());
    }
}

#[test]
fn config_ignore_suppresses_and_expired_ignore_warns() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("trustward.toml"),
        "[[ignore]]\nrule = \"posture/license-missing\"\nreason = \"licence lives elsewhere\"\n\n[[ignore]]\nrule = \"posture/security-policy-missing\"\nreason = \"was planned\"\nexpires = 2026-01-31\n",
    )
    .unwrap();
    let (_, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    let find = |rule: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find("posture/license-missing")["suppressed"]["kind"],
        "config"
    );
    assert_eq!(
        find("posture/license-missing")["suppressed"]["reason"],
        "licence lives elsewhere"
    );
    assert!(find("posture/security-policy-missing")["suppressed"].is_null());
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("trustward.toml:5:")
                && w.as_str().unwrap().contains("expired on 2026-01-31")),
        "{warnings:?}"
    );
}

#[test]
fn rule_override_changes_severity_and_fails_the_gate() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("trustward.toml"),
        "[rules.\"posture/security-policy-missing\"]\nseverity = \"critical\"\n",
    )
    .unwrap();
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path()),
    );
    assert_eq!(code, 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "posture/security-policy-missing")
        .unwrap();
    assert_eq!(f["severity"], "critical");
}

#[test]
fn baseline_write_then_audit_hides_existing_findings() {
    let d = tempfile::tempdir().unwrap();
    let b = d.path().join("baseline.json");
    trustward()
        .args(["baseline", "write", "--only", "posture"])
        .arg(&b)
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("finding fingerprints"));
    let (code, v) = json(
        trustward()
            .args([
                "audit",
                "--only",
                "posture",
                "--fail-on",
                "info",
                "--baseline",
            ])
            .arg(&b)
            .arg(d.path()),
    );
    assert_eq!(code, 0, "every finding is in the baseline");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["suppressed"]["kind"] == "baseline")
    );
    // A new problem is not in the baseline.
    std::fs::create_dir_all(d.path().join(".well-known")).unwrap();
    std::fs::write(
        d.path().join(".well-known/security.txt"),
        "Expires: 2020-01-01T00:00:00Z\n",
    )
    .unwrap();
    let (code, _) = json(
        trustward()
            .args([
                "audit",
                "--only",
                "posture",
                "--fail-on",
                "info",
                "--baseline",
            ])
            .arg(&b)
            .arg(d.path()),
    );
    assert_eq!(code, 1);
}

#[test]
fn text_report_ends_with_the_verdict_and_has_no_colour_when_piped() {
    let d = tempfile::tempdir().unwrap();
    let out = trustward()
        .args(["audit", "--only", "posture"])
        .arg(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("policy: "),
        "{text}"
    );
    assert!(!text.contains('\x1b'));
    assert!(text.contains("posture/security-policy-missing"));
    assert!(text.contains("fix: "));
}

#[test]
fn markdown_report_has_a_summary_table() {
    let d = tempfile::tempdir().unwrap();
    trustward()
        .args(["audit", "--only", "posture", "--format", "markdown"])
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("| severity | findings |"))
        .stdout(predicate::str::contains("<details>"));
}

#[test]
fn single_file_target_is_not_applicable_for_posture() {
    let d = repo("good");
    let (code, v) = json(
        trustward()
            .args(["audit", "--only", "posture"])
            .arg(d.path().join("README.md")),
    );
    assert_eq!(code, 0);
    assert_eq!(v["analyzers"][0]["status"], "not-applicable");
}

#[test]
fn json_output_is_deterministic() {
    let d = repo("bad");
    let run = || {
        trustward()
            .args([
                "audit",
                "--only",
                "posture",
                "--format",
                "json",
                "--fail-on",
                "never",
            ])
            .arg(d.path())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}
