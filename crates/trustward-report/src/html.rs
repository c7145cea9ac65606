//! The HTML report (`--format html`): one self-contained file (inline CSS, SVG and JS, a
//! Content-Security-Policy forbidding any request), rendered with the `minijinja` template
//! `templates/report.html`, which HTML-escapes every value (auto-escaping by the `.html`
//! name). Findings are embedded as JSON in a `<script type="application/json">` block
//! (with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no string can close
//! it) and drawn by inline JS with `textContent`, 100 per page, so a hostile file name is
//! shown as text and 100,000 findings do not freeze the browser.

use crate::escape::truncate;
use serde::Serialize;
use trustward_core::maturity::{Achieved, CheckStatus, LevelState, baseline_level};
use trustward_core::rule::Practice;
use trustward_core::{AnalyzerStatus, Report, Severity, osps};

/// At most this many findings are embedded (the rest are counted; JSON and SARIF list
/// every one).
pub const HTML_MAX_FINDINGS: usize = 200_000;
/// Longest message embedded per finding, in characters.
const MAX_MESSAGE: usize = 300;
/// Longest path embedded per finding, in characters.
const MAX_PATH: usize = 200;

const TEMPLATE: &str = include_str!("../templates/report.html");

#[derive(Serialize)]
struct CheckView {
    id: &'static str,
    title: &'static str,
    status: &'static str,
    why: String,
    details: Vec<String>,
}

#[derive(Serialize)]
struct Cell {
    state: &'static str,
    label: &'static str,
    checks: Vec<CheckView>,
}

#[derive(Serialize)]
struct PracticeView {
    name: &'static str,
    achieved: &'static str,
    met: usize,
    total: usize,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct RuleData {
    id: &'static str,
    analyzer: &'static str,
    practice: &'static str,
    fix: String,
    doc: Option<&'static str>,
}

/// `[rule index, severity, path, line, message, suppression reason or null]`.
type EmbeddedFinding = (
    usize,
    &'static str,
    String,
    Option<u32>,
    String,
    Option<String>,
);

#[derive(Serialize)]
struct Data {
    rules: Vec<RuleData>,
    /// `[rule index, severity, path, line, message, suppression reason or null]`.
    findings: Vec<EmbeddedFinding>,
}

fn why(s: &CheckStatus) -> String {
    match s {
        CheckStatus::NotEvaluated { why } | CheckStatus::NotApplicable { why } => why.clone(),
        _ => String::new(),
    }
}

fn state(s: LevelState) -> (&'static str, &'static str) {
    match s {
        LevelState::Reached => ("reached", "reached"),
        LevelState::NotMet => ("not-met", "not met"),
        LevelState::NotEvaluated => ("not-evaluated", "⚠ NOT EVALUATED"),
        LevelState::NoChecks => ("no-checks", "—"),
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "#82071e",
        Severity::High => "#cf222e",
        Severity::Medium => "#bf8700",
        Severity::Low => "#0969da",
        Severity::Info => "#6e7781",
    }
}

/// JSON safe to embed in a `<script>` element.
fn script_json<T: Serialize>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn data(report: &Report) -> Data {
    let mut rules: Vec<RuleData> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = Default::default();
    let mut findings = Vec::new();
    for f in report.findings.iter().take(HTML_MAX_FINDINGS) {
        let i = *index.entry(f.rule.id).or_insert_with(|| {
            rules.push(RuleData {
                id: f.rule.id,
                analyzer: f.rule.analyzer(),
                practice: f.rule.practice.as_str(),
                fix: crate::verdict::one_line(f.rule.fix),
                doc: f
                    .rule
                    .references
                    .iter()
                    .copied()
                    .find(|r| r.starts_with("https://")),
            });
            rules.len() - 1
        });
        let message = if f.message.trim().is_empty() {
            f.rule.title.to_string()
        } else {
            truncate(f.message.trim(), MAX_MESSAGE)
        };
        findings.push((
            i,
            f.severity.as_str(),
            truncate(
                match f.location.path.as_deref() {
                    None | Some("") | Some(".") => "(repository)",
                    Some(p) => p,
                },
                MAX_PATH,
            ),
            f.location.line,
            message,
            f.suppressed.as_ref().map(|s| truncate(&s.reason, 200)),
        ));
    }
    Data { rules, findings }
}

/// Renders the HTML report.
pub fn render(report: &Report) -> String {
    let practices: Vec<PracticeView> = report
        .maturity
        .iter()
        .map(|m| PracticeView {
            name: m.practice.as_str(),
            achieved: match m.achieved {
                Achieved::NotAssessed => "NOT EVALUATED",
                Achieved::BelowBasic => "below basic",
                Achieved::Level(l) => l.as_str(),
            },
            met: m.checks_met,
            total: m.checks_total,
            cells: m
                .levels
                .iter()
                .map(|(level, st)| {
                    let (state, label) = state(*st);
                    Cell {
                        state,
                        label,
                        checks: report
                            .checks
                            .iter()
                            .filter(|c| c.check.practice == m.practice && c.check.level == *level)
                            .map(|c| CheckView {
                                id: c.check.id,
                                title: c.check.title,
                                status: c.status.as_str(),
                                why: why(&c.status),
                                details: c.details.iter().map(|d| truncate(d, 300)).collect(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let counts = crate::json::severity_counts(report);
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let severities: Vec<serde_json::Value> = Severity::ALL_DESC
        .iter()
        .zip(counts.iter())
        .map(|(s, (name, n))| {
            serde_json::json!({
                "name": name,
                "count": n,
                "width": (*n as u64 * 360 / max as u64),
                "color": severity_color(*s),
            })
        })
        .collect();
    let mut analyzers: Vec<&str> = report.findings.iter().map(|f| f.rule.analyzer()).collect();
    analyzers.sort_unstable();
    analyzers.dedup();
    let not_checked: Vec<serde_json::Value> = report
        .analyzers
        .iter()
        .filter_map(|a| match &a.status {
            AnalyzerStatus::NotChecked { reason } => {
                Some(serde_json::json!({"name": a.name, "reason": reason}))
            }
            _ => None,
        })
        .collect();
    let not_evaluated_levels = report
        .maturity
        .iter()
        .flat_map(|m| m.levels.iter())
        .filter(|(_, s)| *s == LevelState::NotEvaluated)
        .count();
    let controls: Vec<serde_json::Value> = report
        .controls
        .iter()
        .map(|c| {
            let w = why(&c.status);
            serde_json::json!({
                "id": c.control,
                "level": osps::level(c.control).unwrap_or(0),
                "status": c.status.as_str(),
                "why": if w.is_empty() { c.checks.join(", ") } else { w },
            })
        })
        .collect();
    let data = data(report);
    let ctx = serde_json::json!({
        "target": report.target.path,
        "git_head": report.target.git_head,
        "version": report.tool.version,
        "verdict": crate::verdict::verdict(report),
        "failed": crate::verdict::failed(report),
        "not_checked": not_checked,
        "not_evaluated_levels": not_evaluated_levels,
        "errors": report.errors,
        "warnings": crate::verdict::other_warnings(report),
        "practices": practices,
        "practice_ids": Practice::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        "baseline_level": match baseline_level(&report.controls) { 0 => "none".to_string(), n => n.to_string() },
        "controls": controls,
        "controls_met": report.controls.iter().filter(|c| c.status == CheckStatus::Met).count(),
        "controls_evaluated": report.controls.iter().filter(|c| !matches!(c.status, CheckStatus::NotEvaluated { .. })).count(),
        "controls_total": report.controls.len(),
        "severities": severities,
        "analyzers": analyzers,
        "truncated": report.findings.len() > HTML_MAX_FINDINGS,
        "embedded": data.findings.len(),
        "total_findings": report.findings.len(),
        "data_json": script_json(&data),
    });
    let mut env = minijinja::Environment::new();
    let out = env
        .add_template("report.html", TEMPLATE)
        .and_then(|_| env.get_template("report.html"))
        .and_then(|t| t.render(minijinja::value::Serde(&ctx)));
    match out {
        Ok(mut s) => {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        }
        Err(e) => format!(
            "<!DOCTYPE html><title>trustward</title><p>cannot render the report: {}</p>\n",
            e.to_string()
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        ),
    }
}

/// The SVG badge of the overall maturity: the lowest level among the eight practices
/// ("not evaluated" when a practice could not be assessed), for READMEs.
pub fn badge(report: &Report) -> String {
    let rank = |a: Achieved| match a {
        Achieved::NotAssessed => 0,
        Achieved::BelowBasic => 1,
        Achieved::Level(trustward_core::Level::Basic) => 2,
        Achieved::Level(trustward_core::Level::Standard) => 3,
        Achieved::Level(trustward_core::Level::Advanced) => 4,
    };
    let lowest = report
        .maturity
        .iter()
        .map(|m| m.achieved)
        .min_by_key(|a| rank(*a));
    let (text, color) = match lowest {
        None | Some(Achieved::NotAssessed) => ("not evaluated", "#9f9f9f"),
        Some(Achieved::BelowBasic) => ("below basic", "#e05d44"),
        Some(Achieved::Level(trustward_core::Level::Basic)) => ("basic", "#dfb317"),
        Some(Achieved::Level(trustward_core::Level::Standard)) => ("standard", "#97ca00"),
        Some(Achieved::Level(trustward_core::Level::Advanced)) => ("advanced", "#44cc11"),
    };
    let label = "TSI maturity";
    // Approximate widths for 11px Verdana (about 6.5 px per character plus padding).
    let lw = label.len() * 7 + 10;
    let vw = text.len() * 7 + 10;
    let w = lw + vw;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}: {text}\">\
<title>{label}: {text}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"{color}\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{}\" y=\"14\">{label}</text><text x=\"{}\" y=\"14\">{text}</text></g></svg>\n",
        lw / 2,
        lw + vw / 2
    )
}
