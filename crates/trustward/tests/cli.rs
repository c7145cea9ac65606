//! End-to-end tests of the command-line frame: arguments, config errors, exit codes,
//! output files. Analyzer behaviour is tested in each analyzer's crate.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn trustward() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env_remove("NO_COLOR").env_remove("TRUSTWARD_DB");
    c
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn missing_path_is_a_usage_error() {
    trustward()
        .args(["audit", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "path `/definitely/not/here` does not exist",
        ));
}

#[test]
fn broken_config_is_exit_2_with_location() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "trustward.toml",
        "[policy]\nfail_on = \"sometimes\"\n",
    );
    trustward()
        .arg("audit")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustward.toml:2:11:"))
        .stderr(predicate::str::contains(
            "expected one of critical, high, medium, low, info, never",
        ));
}

#[test]
fn invalid_toml_syntax_is_located() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "trustward.toml", "[policy\nfail_on = \"high\"\n");
    trustward()
        .arg("audit")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustward.toml:1:"));
}

#[test]
fn unknown_rule_in_config_is_exit_2() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".trustward.toml",
        "\n[rules.\"posture/no-such-rule\"]\nseverity = \"low\"\n",
    );
    trustward()
        .arg("audit")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".trustward.toml:2:"))
        .stderr(predicate::str::contains(
            "unknown rule `posture/no-such-rule`",
        ));
}

#[test]
fn unknown_analyzer_table_is_exit_2() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "trustward.toml", "[policy]\n\n[postur]\nx = 1\n");
    trustward()
        .arg("audit")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustward.toml:3:"))
        .stderr(predicate::str::contains("unknown table [postur]"));
}

#[test]
fn explicit_config_file_that_does_not_exist() {
    let d = tempfile::tempdir().unwrap();
    trustward()
        .arg("audit")
        .arg(d.path())
        .args(["--config", "/nope/trustward.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nope/trustward.toml: cannot read config file",
        ));
}

#[test]
fn unknown_analyzer_in_only_is_exit_2() {
    let d = tempfile::tempdir().unwrap();
    trustward()
        .arg("audit")
        .arg(d.path())
        .args(["--only", "nonsense"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown analyzer `nonsense`"));
}

#[test]
fn bad_flag_value_is_exit_2() {
    trustward()
        .args(["audit", "--fail-on", "sometimes"])
        .assert()
        .code(2);
    trustward()
        .args(["audit", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    let cfg = d.path().join("trustward.toml");
    trustward().arg("init").arg(&cfg).assert().success();
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("fail_on = \"high\""));
    trustward()
        .arg("init")
        .arg(&cfg)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    trustward()
        .arg("init")
        .arg(&cfg)
        .arg("--force")
        .assert()
        .success();
    // The written file is a valid configuration for a scan.
    trustward()
        .args(["audit", "--fail-on", "never", "-q"])
        .arg(d.path())
        .assert()
        .success();
}

#[test]
fn explain_unknown_rule_is_exit_2() {
    trustward()
        .args(["explain", "nope/nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `nope/nothing`"));
}

#[test]
fn explain_and_rules_cover_every_rule() {
    let out = trustward()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let out = trustward().args(["explain", id]).output().unwrap();
        assert!(out.status.success(), "explain {id}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("## Why it matters") && text.contains("## How to fix"),
            "{id}"
        );
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        trustward()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("trustward"));
    }
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("report.json");
    trustward()
        .args([
            "audit",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--output",
        ])
        .arg(&out)
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn output_into_missing_directory_is_exit_2() {
    let d = tempfile::tempdir().unwrap();
    trustward()
        .args(["audit", "--fail-on", "never", "--output"])
        .arg(d.path().join("no/such/dir/r.txt"))
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("its directory does not exist"));
}

#[test]
fn bad_baseline_is_exit_2() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "b.json", "{not json");
    trustward()
        .arg("audit")
        .arg(d.path())
        .arg("--baseline")
        .arg(d.path().join("b.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b.json: line 1"));
}
