//! An analyzer that could not read all of its input is shown as incomplete in every
//! format, with what it did not read, and the verdict never reads as a clean pass.

mod common;

use serde_json::{Value, json};
use trustward_core::analyzer::{AnalyzerStatus, ScanError};
use trustward_core::report::AnalyzerRun;
use trustward_core::{FailOn, Report};
use trustward_report::{Format, RenderOptions, render};

fn incomplete(allowed: bool) -> Report {
    let mut r = common::assemble(
        vec![],
        vec![ScanError::new(
            "package-lock.json:1",
            "cannot parse package-lock.json: unterminated string",
        )],
        vec![
            "vulns: incomplete: could not read package-lock.json:1, \u{1b}]0;pwned\u{7}x.lock"
                .into(),
        ],
        vec![
            AnalyzerRun {
                name: "posture".into(),
                status: AnalyzerStatus::Checked,
                findings: 0,
            },
            AnalyzerRun {
                name: "vulns".into(),
                status: AnalyzerStatus::Incomplete {
                    unread: vec![
                        "package-lock.json:1".into(),
                        "\u{1b}]0;pwned\u{7}x.lock".into(),
                    ],
                },
                findings: 0,
            },
        ],
        FailOn::default(),
        vec![],
        None,
    );
    if !allowed {
        r.summary.policy.incomplete = vec!["vulns".into()];
    }
    r
}

fn out(r: &Report, f: Format) -> String {
    let opts = RenderOptions {
        color: false,
        verbose: false,
    };
    render(r, &common::registry(), f, &opts)
}

#[test]
fn exit_code_is_3_unless_allowed() {
    assert_eq!(incomplete(false).exit_code(), 3);
    assert_eq!(incomplete(true).exit_code(), 0);
}

#[test]
fn text_lists_what_was_not_read() {
    let t = out(&incomplete(false), Format::Text);
    assert!(
        t.contains("INCOMPLETE — these analyzers could not read all of their input"),
        "{t}"
    );
    assert!(t.contains("    package-lock.json:1\n"), "{t}");
    assert!(!t.contains('\u{1b}'), "control characters are escaped: {t}");
    assert!(t.contains("analyzers: posture 0, vulns INCOMPLETE"), "{t}");
    assert_eq!(
        t.lines().last(),
        Some("policy: passed, INCOMPLETE — vulns could not read all of its input")
    );
    assert!(
        !t.contains("vulns: incomplete: could not read"),
        "no duplicate warning: {t}"
    );
    let allowed = out(&incomplete(true), Format::Text);
    assert_eq!(allowed.lines().last(), Some("policy: passed"));
    assert!(
        allowed.contains("vulns INCOMPLETE"),
        "still shown: {allowed}"
    );
}

#[test]
fn markdown_lists_what_was_not_read() {
    let m = out(&incomplete(false), Format::Markdown);
    assert!(m.contains("| vulns | ⚠️ **incomplete** | 0 |"), "{m}");
    assert!(m.contains("**Incomplete**"), "{m}");
    assert!(m.contains("package\\-lock\\.json:1"), "{m}");
    assert!(m.contains("passed, INCOMPLETE"), "{m}");
    assert!(!m.contains('\u{1b}'), "{m}");
}

#[test]
fn json_and_sarif_carry_the_state() {
    let v: Value = serde_json::from_str(&out(&incomplete(false), Format::Json)).unwrap();
    assert_eq!(v["summary"]["policy"]["incomplete"], json!(["vulns"]));
    assert_eq!(v["analyzers"][1]["status"], "incomplete");
    assert_eq!(v["analyzers"][1]["unread"][0], "package-lock.json:1");
    assert!(v["analyzers"][0].get("unread").is_none());

    let s: Value = serde_json::from_str(&out(&incomplete(false), Format::Sarif)).unwrap();
    let run = &s["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(run["invocations"][0]["exitCode"], 3);
    assert_eq!(run["properties"]["analyzers"][1]["status"], "incomplete");
    assert_eq!(
        run["properties"]["analyzers"][1]["unread"][0],
        "package-lock.json:1"
    );
    assert_eq!(run["properties"]["policy"]["incomplete"], json!(["vulns"]));
}
