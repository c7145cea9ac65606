//! The JSON document (`--format json`): one object, fields in a fixed order, every
//! location field present (null when not applicable), pretty-printed, newline-terminated.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};
use trustward_core::analyzer::AnalyzerStatus;
use trustward_core::finding::Location;
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
    /// Contributors in the history window; absent when the history analyzer did not run.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    contributors: &'a [trustward_core::report::Contributor],
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
            })
            .collect(),
        contributors: &report.contributors,
    };
    // Serialising plain structs, strings, integers and a `Map<String, Value>` cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise the report: {e}") }).to_string()
    });
    out.push('\n');
    out
}
