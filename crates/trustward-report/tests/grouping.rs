//! Many findings of one rule are grouped per rule, then per file, in text and Markdown;
//! JSON and SARIF list every one.

mod common;

use trustward_core::finding::{Finding, Location};
use trustward_core::{AnalyzerStatus, FailOn};
use trustward_report::{Format, RenderOptions, render};

fn many() -> trustward_core::Report {
    let mut findings = Vec::new();
    for i in 0..176u32 {
        let file = format!(".github/workflows/w{}.yml", i % 3);
        findings.push(
            Finding::new(
                &common::UNPINNED,
                format!("uses: actions/x@v{i}"),
                Location::file(&file).with_line(i + 1),
            )
            .with_key(format!("k{i}")),
        );
    }
    findings.push(Finding::new(
        &common::UNPINNED,
        "one alone",
        Location::file("action.yml").with_line(3),
    ));
    common::assemble(
        findings,
        vec![],
        vec![],
        vec![common::run("workflows", AnalyzerStatus::Checked)],
        FailOn::default(),
        vec![],
        None,
    )
}

fn out(format: Format, verbose: bool) -> String {
    render(
        &many(),
        &common::registry(),
        format,
        &RenderOptions {
            color: false,
            verbose,
        },
    )
}

#[test]
fn text_groups_per_rule_then_file() {
    let t = out(Format::Text, false);
    assert!(t.contains("177 findings in 4 file(s)"), "{t}");
    assert!(t.contains(".github/workflows/w0.yml: lines 1, 4, 7"));
    assert!(t.contains("action.yml: line 3"));
    assert_eq!(t.matches("uses: actions/x@").count(), 0);
    // -v lists every finding.
    let v = out(Format::Text, true);
    assert_eq!(v.matches("uses: actions/x@").count(), 176);
}

#[test]
fn markdown_groups_and_machine_formats_list_everything() {
    let m = out(Format::Markdown, false);
    assert!(m.contains("177 findings in 4 file(s)"), "{m}");
    assert!(!m.contains("and 0 more"));
    let j: serde_json::Value = serde_json::from_str(&out(Format::Json, false)).unwrap();
    assert_eq!(j["findings"].as_array().unwrap().len(), 177);
    let s: serde_json::Value = serde_json::from_str(&out(Format::Sarif, false)).unwrap();
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 177);
}
