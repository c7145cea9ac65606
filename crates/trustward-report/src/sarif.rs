//! SARIF 2.1.0 (`--format sarif`) as GitHub code scanning accepts it: one run, the rules
//! that fired in `tool.driver.rules`, one result per finding (suppressed ones carry
//! `suppressions`), relative `%SRCROOT%` URIs, and scan errors/warnings as tool
//! execution notifications.
//!
//! The log is written from borrowed, typed structs (fields in SARIF's customary order),
//! not from a `serde_json::Value` tree, so large reports serialise without copies.

use crate::json::{status_name, status_reason, status_unread};
use serde::Serialize;
use std::collections::BTreeMap;
use trustward_core::finding::Location;
use trustward_core::rule::RuleRegistry;
use trustward_core::{Confidence, Finding, Report, Rule, Severity, SuppressionKind};

/// The `$schema` written into every SARIF log (the OASIS errata01 schema).
pub const SARIF_SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where a finding about the repository as a whole (no path, or the root itself) points,
/// because GitHub needs a file: the root README.
pub const REPOSITORY_LEVEL_URI: &str = "README.md";

const INFORMATION_URI: &str = "https://github.com/trustward/trustward";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    name: String,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: DefaultConfiguration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: [&'a str; 4],
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [SarifLocation; 1],
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[SarifSuppression<'a>; 1]>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

/// A SARIF region: only the fields that are known and well-formed.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "trustward/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
struct SarifSuppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
    properties: SuppressionProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SuppressionProperties<'a> {
    trustward_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    severity: &'static str,
    confidence: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    repository_level: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    exit_code: i32,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: OwnedText,
}

#[derive(Serialize)]
struct BaseUri {
    description: OwnedText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    target: &'a str,
    git_head: Option<&'a str>,
    analyzers: Vec<AnalyzerProperty<'a>>,
    policy: PolicyProperty<'a>,
}

#[derive(Serialize)]
struct AnalyzerProperty<'a> {
    name: &'a str,
    status: &'static str,
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unread: Option<&'a [String]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PolicyProperty<'a> {
    passed: bool,
    fail_on: String,
    violations: usize,
    unmet_requirements: &'a [String],
    incomplete: &'a [String],
}

/// The SARIF `level` for a severity: critical/high → error, medium → warning,
/// low/info → note.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn precision(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// `posture/security-policy-missing` → `PostureSecurityPolicyMissing`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A path relative to the scanned root as a relative URI reference: `/`-separated,
/// percent-encoded outside the unreserved set, never absolute. `None` when the finding
/// is about the repository as a whole.
fn relative_uri(path: Option<&str>) -> Option<String> {
    let p = path?.trim_start_matches('/');
    let p = p.strip_prefix("./").unwrap_or(p).trim_start_matches('/');
    if p.is_empty() || p == "." {
        return None;
    }
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The region of a location, with only the fields that are known and well-formed
/// (SARIF lines and columns are 1-based; the end never precedes the start).
fn region(l: &Location) -> Option<Region> {
    let start_line = l.line.filter(|&n| n >= 1)?;
    let start_column = l.column.filter(|&n| n >= 1);
    let end_line = l.end_line.filter(|&n| n >= start_line);
    let end_column = l.end_column.filter(|&ec| {
        let same_line = end_line.is_none_or(|e| e == start_line);
        let before_start = same_line && start_column.is_some_and(|sc| ec < sc);
        // An end column of a dropped (invalid) end line would be read on the start line.
        ec >= 1 && !before_start && (end_line.is_some() || l.end_line.is_none())
    });
    Some(Region {
        start_line,
        start_column,
        end_line,
        end_column,
    })
}

/// The effective severity of each rule that fired: the highest severity among its
/// findings in this report (equal to the rule's default unless configuration or the
/// analyzer changed it).
fn fired_rules<'r>(
    report: &Report,
    registry: &'r RuleRegistry,
) -> BTreeMap<&'static str, (&'r Rule, Severity)> {
    let mut rules: BTreeMap<&'static str, (&Rule, Severity)> = BTreeMap::new();
    for f in &report.findings {
        let rule: &Rule = registry.get(f.rule.id).unwrap_or(f.rule);
        rules
            .entry(f.rule.id)
            .and_modify(|(_, s)| *s = (*s).max(f.severity))
            .or_insert((rule, f.severity));
    }
    rules
}

fn rule_descriptor(rule: &Rule, severity: Severity) -> RuleDescriptor<'_> {
    let help = rule.help_markdown();
    let full = if rule.description.trim().is_empty() {
        rule.title
    } else {
        rule.description.trim()
    };
    RuleDescriptor {
        id: rule.id,
        name: pascal_case(rule.id),
        short_description: Text { text: rule.title },
        full_description: Text { text: full },
        help: Help {
            text: help.clone(),
            markdown: help,
        },
        help_uri: rule
            .references
            .iter()
            .find(|r| r.starts_with("https://"))
            .copied(),
        default_configuration: DefaultConfiguration {
            level: level(severity),
        },
        properties: RuleProperties {
            tags: [
                rule.analyzer(),
                rule.practice.as_str(),
                rule.level.as_str(),
                "security",
            ],
            security_severity: severity.security_severity(),
            precision: precision(rule.confidence),
        },
    }
}

fn result(f: &Finding, rule_index: usize) -> SarifResult<'_> {
    let message = if f.message.trim().is_empty() {
        f.rule.title
    } else {
        &f.message
    };
    let uri = relative_uri(f.location.path.as_deref());
    let repository_level = uri.is_none();
    // A region only makes sense in the file the finding names.
    let region = if repository_level {
        None
    } else {
        region(&f.location)
    };
    SarifResult {
        rule_id: f.rule.id,
        rule_index,
        level: level(f.severity),
        message: Text { text: message },
        locations: [SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri.unwrap_or_else(|| REPOSITORY_LEVEL_URI.to_string()),
                    uri_base_id: "%SRCROOT%",
                },
                region,
            },
        }],
        partial_fingerprints: Fingerprints { v1: &f.fingerprint },
        suppressions: f.suppressed.as_ref().map(|s| {
            [SarifSuppression {
                kind: match s.kind {
                    SuppressionKind::Inline => "inSource",
                    SuppressionKind::Config | SuppressionKind::Baseline => "external",
                },
                status: "accepted",
                justification: &s.reason,
                properties: SuppressionProperties {
                    trustward_kind: s.kind.as_str(),
                    expires: s.expires.as_deref(),
                },
            }]
        }),
        properties: ResultProperties {
            severity: f.severity.as_str(),
            confidence: f.confidence.as_str(),
            repository_level,
            commit: f.location.commit.as_deref(),
        },
    }
}

fn notifications(report: &Report) -> Vec<Notification> {
    let errors = report.errors.iter().map(|e| Notification {
        level: "error",
        message: OwnedText {
            text: if e.path.is_empty() {
                e.message.clone()
            } else {
                format!("{}: {}", e.path, e.message)
            },
        },
    });
    let warnings = report.warnings.iter().map(|w| Notification {
        level: "warning",
        message: OwnedText { text: w.clone() },
    });
    errors.chain(warnings).collect()
}

/// Renders the SARIF log.
pub fn render(report: &Report, registry: &RuleRegistry) -> String {
    let fired = fired_rules(report, registry);
    let index: BTreeMap<&str, usize> = fired.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let p = &report.summary.policy;
    let log = Log {
        schema: SARIF_SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: &report.tool.name,
                    version: &report.tool.version,
                    semantic_version: &report.tool.version,
                    information_uri: INFORMATION_URI,
                    rules: fired
                        .values()
                        .map(|(rule, sev)| rule_descriptor(rule, *sev))
                        .collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: p.unmet_requirements.is_empty() && p.incomplete.is_empty(),
                exit_code: report.exit_code(),
                tool_execution_notifications: notifications(report),
            }],
            original_uri_base_ids: BTreeMap::from([(
                "%SRCROOT%",
                BaseUri {
                    description: OwnedText {
                        text: format!("The scanned directory ({})", report.target.path),
                    },
                },
            )]),
            column_kind: "unicodeCodePoints",
            results: report
                .findings
                .iter()
                .map(|f| result(f, index.get(f.rule.id).copied().unwrap_or(0)))
                .collect(),
            properties: RunProperties {
                target: &report.target.path,
                git_head: report.target.git_head.as_deref(),
                analyzers: report
                    .analyzers
                    .iter()
                    .map(|a| AnalyzerProperty {
                        name: &a.name,
                        status: status_name(&a.status),
                        reason: status_reason(&a.status),
                        unread: status_unread(&a.status),
                    })
                    .collect(),
                policy: PolicyProperty {
                    passed: p.passed,
                    fail_on: p.fail_on.to_string(),
                    violations: p.violations,
                    unmet_requirements: &p.unmet_requirements,
                    incomplete: &p.incomplete,
                },
            },
        }],
    };
    // Plain structs of strings, integers and booleans: serialisation cannot fail.
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise the SARIF log: {e}") }).to_string()
    });
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal_case("posture/security-policy-missing"),
            "PostureSecurityPolicyMissing"
        );
        assert_eq!(
            relative_uri(Some("src/a b#c.rs")).as_deref(),
            Some("src/a%20b%23c.rs")
        );
        assert_eq!(
            relative_uri(Some("/etc/passwd")).as_deref(),
            Some("etc/passwd")
        );
        assert_eq!(relative_uri(Some("./x")).as_deref(), Some("x"));
        assert_eq!(relative_uri(Some(".")), None);
        assert_eq!(relative_uri(Some("")), None);
        assert_eq!(relative_uri(None), None);
        assert_eq!(relative_uri(Some("é")).as_deref(), Some("%C3%A9"));
    }

    fn region_json(l: &Location) -> serde_json::Value {
        serde_json::to_value(region(l)).unwrap()
    }

    #[test]
    fn regions_keep_only_valid_fields() {
        use serde_json::json;
        let l = Location::file("a").with_position(3, 5).with_end(3, 2);
        assert_eq!(
            region_json(&l),
            json!({"startLine": 3, "startColumn": 5, "endLine": 3})
        );
        let l = Location::file("a").with_position(0, 5);
        assert_eq!(region(&l), None);
        let l = Location::file("a").with_position(4, 1).with_end(2, 9);
        assert_eq!(region_json(&l), json!({"startLine": 4, "startColumn": 1}));
        let l = Location::file("a").with_position(4, 1).with_end(6, 9);
        assert_eq!(
            region_json(&l),
            json!({"startLine": 4, "startColumn": 1, "endLine": 6, "endColumn": 9})
        );
    }
}
