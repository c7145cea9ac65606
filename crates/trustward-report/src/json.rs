//! The JSON document (`--format json`): one object, fields in a fixed order, every
//! location field present (null when not applicable), pretty-printed, newline-terminated.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};
use trustward_core::analyzer::AnalyzerStatus;
use trustward_core::finding::Location;
use trustward_core::maturity::{CheckStatus, LevelState};
use trustward_core::{Finding, Report, Severity};

/// The `schema_version` of the JSON document; bumped on any incompatible change.
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool<'a>,
    target: Target<'a>,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary<'a>,
    errors: Vec<JsonError<'a>>,
    warnings: &'a [String],
    analyzers: Vec<JsonAnalyzer<'a>>,
    maturity: Vec<JsonPractice>,
    checks: Vec<JsonCheck<'a>>,
    controls: JsonControls<'a>,
    /// Contributors in the history window; absent when the history analyzer did not run.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    contributors: &'a [trustward_core::report::Contributor],
}

#[derive(Serialize)]
struct JsonPractice {
    practice: &'static str,
    achieved: &'static str,
    levels: Ordered<'static, &'static str>,
    checks_met: usize,
    checks_total: usize,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    id: &'static str,
    title: &'static str,
    practice: &'static str,
    level: &'static str,
    analyzer: &'static str,
    status: &'static str,
    why: Option<&'a str>,
    details: &'a [String],
    controls: &'static [&'static str],
}

#[derive(Serialize)]
struct JsonControls<'a> {
    baseline_level_met: u8,
    met: usize,
    evaluated: usize,
    total: usize,
    items: Vec<JsonControl<'a>>,
}

#[derive(Serialize)]
struct JsonControl<'a> {
    id: &'static str,
    baseline_level: u8,
    status: &'static str,
    why: Option<&'a str>,
    checks: &'a [&'static str],
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Target<'a> {
    path: &'a str,
    git_head: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    analyzer: &'a str,
    severity: &'a str,
    confidence: &'a str,
    title: &'a str,
    message: &'a str,
    location: JsonLocation<'a>,
    fingerprint: &'a str,
    practice: &'a str,
    level: &'a str,
    controls: &'a [&'a str],
    remediation: &'a str,
    references: Vec<String>,
    suppressed: Option<JsonSuppression<'a>>,
    data: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    commit: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: &'a str,
    reason: &'a str,
    expires: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    by_severity: Ordered<'a>,
    by_analyzer: Ordered<'a>,
    suppressed: usize,
    policy: JsonPolicy<'a>,
    maturity: Ordered<'a, &'static str>,
}

#[derive(Serialize)]
struct JsonPolicy<'a> {
    passed: bool,
    fail_on: String,
    violations: usize,
    unmet_requirements: &'a [String],
    incomplete: &'a [String],
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonAnalyzer<'a> {
    name: &'a str,
    status: &'static str,
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unread: Option<&'a [String]>,
}

/// A JSON object whose keys keep the order given (severity order, not alphabetical).
struct Ordered<'a, V = usize>(Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The stable name of an analyzer status in JSON (and SARIF run properties).
pub(crate) fn status_name(status: &AnalyzerStatus) -> &'static str {
    match status {
        AnalyzerStatus::Checked => "checked",
        AnalyzerStatus::NotChecked { .. } => "not-checked",
        AnalyzerStatus::NotApplicable => "not-applicable",
        AnalyzerStatus::Incomplete { .. } => "incomplete",
    }
}

/// What an incomplete analyzer did not read.
pub(crate) fn status_unread(status: &AnalyzerStatus) -> Option<&[String]> {
    match status {
        AnalyzerStatus::Incomplete { unread } => Some(unread),
        _ => None,
    }
}

/// The reason an analyzer did not check, if it did not.
pub(crate) fn status_reason(status: &AnalyzerStatus) -> Option<&str> {
    match status {
        AnalyzerStatus::NotChecked { reason } => Some(reason),
        _ => None,
    }
}

fn location(l: &Location) -> JsonLocation<'_> {
    JsonLocation {
        path: l.path.as_deref(),
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
        commit: l.commit.as_deref(),
    }
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: f.rule.id,
        analyzer: f.rule.analyzer(),
        severity: f.severity.as_str(),
        confidence: f.confidence.as_str(),
        title: f.rule.title,
        message: &f.message,
        location: location(&f.location),
        fingerprint: &f.fingerprint,
        practice: f.rule.practice.as_str(),
        level: f.rule.level.as_str(),
        controls: f.rule.controls,
        remediation: f.remediation_text(),
        references: f.all_references(),
        suppressed: f.suppressed.as_ref().map(|s| JsonSuppression {
            kind: s.kind.as_str(),
            reason: &s.reason,
            expires: s.expires.as_deref(),
        }),
        data: &f.data,
    }
}

/// Severity counts in severity order (critical first), every severity present.
pub(crate) fn severity_counts(report: &Report) -> Vec<(&'static str, usize)> {
    Severity::ALL_DESC
        .iter()
        .map(|s| {
            let n = report
                .summary
                .by_severity
                .get(s.as_str())
                .copied()
                .unwrap_or(0);
            (s.as_str(), n)
        })
        .collect()
}

/// The `why` of a not-evaluated or not-applicable status.
pub(crate) fn status_why(s: &CheckStatus) -> Option<&str> {
    match s {
        CheckStatus::NotEvaluated { why } | CheckStatus::NotApplicable { why } => Some(why),
        _ => None,
    }
}

/// The state of a maturity level as a stable string.
pub(crate) fn level_state(s: LevelState) -> &'static str {
    match s {
        LevelState::Reached => "reached",
        LevelState::NotMet => "not-met",
        LevelState::NotEvaluated => "not-evaluated",
        LevelState::NoChecks => "no-checks",
    }
}

fn maturity(report: &Report) -> Vec<JsonPractice> {
    report
        .maturity
        .iter()
        .map(|m| JsonPractice {
            practice: m.practice.as_str(),
            achieved: m.achieved.as_str(),
            levels: Ordered(
                m.levels
                    .iter()
                    .map(|(l, st)| (l.as_str(), level_state(*st)))
                    .collect(),
            ),
            checks_met: m.checks_met,
            checks_total: m.checks_total,
        })
        .collect()
}

fn controls(report: &Report) -> JsonControls<'_> {
    JsonControls {
        baseline_level_met: trustward_core::maturity::baseline_level(&report.controls),
        met: report
            .controls
            .iter()
            .filter(|c| c.status == CheckStatus::Met)
            .count(),
        evaluated: report
            .controls
            .iter()
            .filter(|c| !matches!(c.status, CheckStatus::NotEvaluated { .. }))
            .count(),
        total: report.controls.len(),
        items: report
            .controls
            .iter()
            .map(|c| JsonControl {
                id: c.control,
                baseline_level: trustward_core::osps::level(c.control).unwrap_or(0),
                status: c.status.as_str(),
                why: status_why(&c.status),
                checks: &c.checks,
            })
            .collect(),
    }
}

/// Renders the JSON document.
pub fn render(report: &Report) -> String {
    let doc = Document {
        schema_version: JSON_SCHEMA_VERSION,
        tool: Tool {
            name: &report.tool.name,
            version: &report.tool.version,
        },
        target: Target {
            path: &report.target.path,
            git_head: report.target.git_head.as_deref(),
        },
        findings: report.findings.iter().map(finding).collect(),
        summary: JsonSummary {
            by_severity: Ordered(severity_counts(report)),
            by_analyzer: Ordered(
                report
                    .summary
                    .by_analyzer
                    .iter()
                    .map(|(k, v)| (k.as_str(), *v))
                    .collect(),
            ),
            suppressed: report.summary.suppressed,
            policy: JsonPolicy {
                passed: report.summary.policy.passed,
                fail_on: report.summary.policy.fail_on.to_string(),
                violations: report.summary.policy.violations,
                unmet_requirements: &report.summary.policy.unmet_requirements,
                incomplete: &report.summary.policy.incomplete,
            },
            maturity: Ordered(
                report
                    .maturity
                    .iter()
                    .map(|m| (m.practice.as_str(), m.achieved.as_str()))
                    .collect(),
            ),
        },
        errors: report
            .errors
            .iter()
            .map(|e| JsonError {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
        warnings: &report.warnings,
        analyzers: report
            .analyzers
            .iter()
            .map(|a| JsonAnalyzer {
                name: &a.name,
                status: status_name(&a.status),
                reason: status_reason(&a.status),
                unread: status_unread(&a.status),
            })
            .collect(),
        maturity: maturity(report),
        checks: checks(report),
        controls: controls(report),
        contributors: &report.contributors,
    };
    // Serialising plain structs, strings, integers and a `Map<String, Value>` cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise the report: {e}") }).to_string()
    });
    out.push('\n');
    out
}

#[derive(Serialize)]
struct ControlsDocument<'a> {
    schema_version: u32,
    target: Target<'a>,
    maturity: Vec<JsonPractice>,
    checks: Vec<JsonCheck<'a>>,
    controls: JsonControls<'a>,
}

fn checks(report: &Report) -> Vec<JsonCheck<'_>> {
    report
        .checks
        .iter()
        .map(|c| JsonCheck {
            id: c.check.id,
            title: c.check.title,
            practice: c.check.practice.as_str(),
            level: c.check.level.as_str(),
            analyzer: c.check.analyzer(),
            status: c.status.as_str(),
            why: status_why(&c.status),
            details: &c.details,
            controls: c.check.controls,
        })
        .collect()
}

/// The `trustward controls --format json` document: the maturity matrix, every check
/// and every OSPS Baseline control (the same objects as in the audit document).
pub fn controls_json(report: &Report) -> String {
    let doc = ControlsDocument {
        schema_version: JSON_SCHEMA_VERSION,
        target: Target {
            path: &report.target.path,
            git_head: report.target.git_head.as_deref(),
        },
        maturity: maturity(report),
        checks: checks(report),
        controls: controls(report),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise the report: {e}") }).to_string()
    });
    out.push('\n');
    out
}
