//! Times each renderer on a report of N findings (default 10 000), next to a reference:
//! `serde_json::to_string_pretty` of a `serde_json::Value` holding the same findings.
//!
//! `cargo run --release -p trustward-report --example render_bench -- [N] [RUNS]`
//! prints the median of RUNS (default 15) runs per format in milliseconds.

use std::time::Instant;
use trustward_core::finding::Location;
use trustward_core::fingerprint::fingerprint;
use trustward_core::report::{AnalyzerRun, PolicyOutcome, Report, Summary, Target, ToolInfo};
use trustward_core::rule::RuleRegistry;
use trustward_core::{
    AnalyzerStatus, Confidence, FailOn, Finding, Level, Practice, Rule, Severity,
};
use trustward_report::{Format, RenderOptions, render};

static RULE: Rule = Rule {
    id: "bench/some-rule",
    title: "A benchmark rule",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SecurityTesting,
    level: Level::Basic,
    controls: &["OSPS-VM-02.01"],
    description: "Something found in a file.",
    why: "Because.",
    fix: "Fix the thing at this place.",
    fix_details: "",
    references: &["https://example.org/rule"],
};

fn report(n: usize) -> Report {
    let severities = Severity::ALL_DESC;
    let mut findings: Vec<Finding> = (0..n)
        .map(|i| {
            let mut f = Finding::new(
                &RULE,
                format!("Problem number {i} with `value_{i}` <in> a [file] & more text"),
                Location::file(format!("src/module_{}/file_{i}.rs", i % 97))
                    .with_position((i % 500 + 1) as u32, 5)
                    .with_end((i % 500 + 1) as u32, 25),
            )
            .with_key(format!("key-{i}"))
            .with_severity(severities[i % 5])
            .with_data("index", i);
            f.fingerprint = fingerprint(&f);
            f
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut r = Report {
        tool: ToolInfo {
            name: "trustward".into(),
            version: "0.1.0".into(),
        },
        target: Target {
            path: ".".into(),
            git_head: None,
        },
        findings,
        errors: vec![],
        warnings: vec![],
        analyzers: vec![AnalyzerRun {
            name: "bench".into(),
            status: AnalyzerStatus::Checked,
            findings: 0,
        }],
        summary: Summary {
            by_severity: Default::default(),
            by_analyzer: Default::default(),
            suppressed: 0,
            policy: PolicyOutcome {
                passed: true,
                fail_on: FailOn::default(),
                violations: 0,
                unmet_requirements: vec![],
                incomplete: vec![],
            },
        },
        maturity: vec![],
        checks: vec![],
        controls: vec![],
        contributors: vec![],
    };
    r.summarize(FailOn::default(), vec![]);
    r
}

fn median_ms(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        bytes = std::hint::black_box(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[times.len() / 2], bytes)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let r = report(n);
    let mut reg = RuleRegistry::new();
    reg.register(&[&RULE]);
    let opts = RenderOptions::default();

    // Reference: pretty-printing an already-built serde_json::Value of the findings.
    let value: serde_json::Value = r
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f.rule.id, "severity": f.severity.as_str(), "message": f.message,
                "location": f.location, "fingerprint": f.fingerprint, "data": f.data,
            })
        })
        .collect();
    let (ms, bytes) = median_ms(runs, || serde_json::to_string_pretty(&value).unwrap().len());
    println!("{n} findings, median of {runs} runs");
    println!("reference serde_json::to_string_pretty(Value): {ms:8.2} ms  {bytes:>10} bytes");
    for (name, format) in [
        ("text", Format::Text),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("markdown", Format::Markdown),
    ] {
        let (ms, bytes) = median_ms(runs, || render(&r, &reg, format, &opts).len());
        println!("{name:<45}: {ms:8.2} ms  {bytes:>10} bytes");
    }
}
