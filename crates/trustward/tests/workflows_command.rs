//! `trustward workflows`: the workflows analyzer alone, on a directory or one file, with
//! the policy verdict as exit code.

use assert_cmd::Command;

fn fixtures() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../trustward-workflows/tests/fixtures"
    )
    .to_string()
}

#[test]
fn pwn_request_fails_the_default_policy() {
    Command::cargo_bin("trustward")
        .unwrap()
        .args(["workflows", "-q"])
        .arg(format!("{}/workflows/pwn_request.yml", fixtures()))
        .assert()
        .code(1);
}

#[test]
fn labelling_workflow_passes() {
    Command::cargo_bin("trustward")
        .unwrap()
        .args(["workflows", "-q"])
        .arg(format!("{}/workflows/label_only.yml", fixtures()))
        .assert()
        .code(0);
}

#[test]
fn only_the_workflows_analyzer_runs() {
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["workflows", "-q", "-f", "json"])
        .arg(format!("{}/workflows/pwn_request.yml", fixtures()))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // The maturity checks list every analyzer's checks; the findings come from workflows.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "{text}");
    assert!(
        findings
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("workflows/")),
        "{text}"
    );
}
