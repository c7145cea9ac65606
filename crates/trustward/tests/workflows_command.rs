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

/// Rule ids and confidences in the JSON of `trustward workflows --persona <p>`.
fn persona_findings(persona: &str) -> Vec<(String, String)> {
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["workflows", "-q", "-f", "json", "--persona", persona])
        .arg(format!("{}/audits/privileged.yml", fixtures()))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["confidence"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn personas_select_confidence_levels() {
    let regular = persona_findings("regular");
    let pedantic = persona_findings("pedantic");
    let auditor = persona_findings("auditor");
    // every finding carries its confidence in JSON
    assert!(auditor.iter().all(|(_, c)| !c.is_empty()), "{auditor:?}");
    assert!(regular.iter().all(|(_, c)| c != "low"), "{regular:?}");
    assert!(
        regular
            .iter()
            .any(|(r, _)| r == "workflows/concurrency-limits")
    );
    // the hygiene rules appear from `pedantic` on
    assert!(
        !regular
            .iter()
            .any(|(r, _)| r == "workflows/anonymous-definition")
    );
    assert!(
        pedantic
            .iter()
            .any(|(r, _)| r == "workflows/anonymous-definition")
    );
    assert!(auditor.len() >= pedantic.len() && pedantic.len() > regular.len());
}
