//! SARIF 2.1.0 (`--format sarif`) as GitHub code scanning accepts it: one run, the rules
//! that fired in `tool.driver.rules`, one result per finding (suppressed ones carry
//! `suppressions`), relative `%SRCROOT%` URIs, and scan errors/warnings as tool
//! execution notifications.

use crate::json::{status_name, status_reason};
use serde_json::{Map, Value, json};
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
fn region(l: &Location) -> Option<Value> {
    let start_line = l.line.filter(|&n| n >= 1)?;
    let mut r = Map::new();
    r.insert("startLine".into(), json!(start_line));
    let start_col = l.column.filter(|&n| n >= 1);
    if let Some(c) = start_col {
        r.insert("startColumn".into(), json!(c));
    }
    let end_line = l.end_line.filter(|&n| n >= start_line);
    if let Some(e) = end_line {
        r.insert("endLine".into(), json!(e));
    }
    if let Some(ec) = l.end_column.filter(|&n| n >= 1) {
        let same_line = end_line.is_none_or(|e| e == start_line);
        let before_start = same_line && start_col.is_some_and(|sc| ec < sc);
        if !before_start && (end_line.is_some() || l.end_line.is_none()) {
            r.insert("endColumn".into(), json!(ec));
        }
    }
    Some(Value::Object(r))
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

fn rule_descriptor(rule: &Rule, severity: Severity) -> Value {
    let help = rule.help_markdown();
    let full = if rule.description.trim().is_empty() {
        rule.title
    } else {
        rule.description.trim()
    };
    let mut d = json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": full },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(severity) },
        "properties": {
            "tags": [rule.analyzer(), rule.practice.as_str(), rule.level.as_str(), "security"],
            "security-severity": severity.security_severity(),
            "precision": precision(rule.confidence),
        },
    });
    if let Some(uri) = rule.references.iter().find(|r| r.starts_with("https://"))
        && let Some(obj) = d.as_object_mut()
    {
        obj.insert("helpUri".into(), json!(uri));
    }
    d
}

fn result(f: &Finding, rule_index: usize) -> Value {
    let message = if f.message.trim().is_empty() {
        f.rule.title
    } else {
        &f.message
    };
    let uri = relative_uri(f.location.path.as_deref());
    let mut physical = Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({
            "uri": uri.as_deref().unwrap_or(REPOSITORY_LEVEL_URI),
            "uriBaseId": "%SRCROOT%",
        }),
    );
    // A region only makes sense in the file the finding names.
    if uri.is_some()
        && let Some(r) = region(&f.location)
    {
        physical.insert("region".into(), r);
    }
    let mut properties = Map::new();
    properties.insert("severity".into(), json!(f.severity.as_str()));
    properties.insert("confidence".into(), json!(f.confidence.as_str()));
    if uri.is_none() {
        properties.insert("repositoryLevel".into(), json!(true));
    }
    if let Some(c) = &f.location.commit {
        properties.insert("commit".into(), json!(c));
    }
    let mut r = json!({
        "ruleId": f.rule.id,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [ { "physicalLocation": Value::Object(physical) } ],
        "partialFingerprints": { "trustward/v1": f.fingerprint },
        "properties": Value::Object(properties),
    });
    if let Some(s) = &f.suppressed
        && let Some(obj) = r.as_object_mut()
    {
        let kind = match s.kind {
            SuppressionKind::Inline => "inSource",
            SuppressionKind::Config | SuppressionKind::Baseline => "external",
        };
        let mut sup = json!({
            "kind": kind,
            "status": "accepted",
            "justification": s.reason,
            "properties": { "trustwardKind": s.kind.as_str() },
        });
        if let Some(e) = &s.expires
            && let Some(props) = sup.get_mut("properties").and_then(Value::as_object_mut)
        {
            props.insert("expires".into(), json!(e));
        }
        obj.insert("suppressions".into(), json!([sup]));
    }
    r
}

fn notifications(report: &Report) -> Vec<Value> {
    let mut out = Vec::new();
    for e in &report.errors {
        let text = if e.path.is_empty() {
            e.message.clone()
        } else {
            format!("{}: {}", e.path, e.message)
        };
        out.push(json!({ "level": "error", "message": { "text": text } }));
    }
    for w in &report.warnings {
        out.push(json!({ "level": "warning", "message": { "text": w } }));
    }
    out
}

/// Renders the SARIF log.
pub fn render(report: &Report, registry: &RuleRegistry) -> String {
    let fired = fired_rules(report, registry);
    let index: BTreeMap<&str, usize> = fired.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rules: Vec<Value> = fired
        .values()
        .map(|(rule, sev)| rule_descriptor(rule, *sev))
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, index.get(f.rule.id).copied().unwrap_or(0)))
        .collect();
    let analyzers: Vec<Value> = report
        .analyzers
        .iter()
        .map(|a| {
            json!({
                "name": a.name,
                "status": status_name(&a.status),
                "reason": status_reason(&a.status),
            })
        })
        .collect();
    let p = &report.summary.policy;
    let log = json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": p.unmet_requirements.is_empty(),
                "exitCode": report.exit_code(),
                "toolExecutionNotifications": notifications(report),
            }],
            "originalUriBaseIds": {
                "%SRCROOT%": {
                    "description": { "text": format!("The scanned directory ({})", report.target.path) }
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "target": report.target.path,
                "gitHead": report.target.git_head,
                "analyzers": analyzers,
                "policy": {
                    "passed": p.passed,
                    "failOn": p.fail_on.to_string(),
                    "violations": p.violations,
                    "unmetRequirements": p.unmet_requirements,
                },
            },
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|e| {
        json!({ "error": format!("cannot serialise the SARIF log: {e}") }).to_string()
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

    #[test]
    fn regions_keep_only_valid_fields() {
        let l = Location::file("a").with_position(3, 5).with_end(3, 2);
        assert_eq!(
            region(&l),
            Some(json!({"startLine": 3, "startColumn": 5, "endLine": 3}))
        );
        let l = Location::file("a").with_position(0, 5);
        assert_eq!(region(&l), None);
        let l = Location::file("a").with_position(4, 1).with_end(2, 9);
        assert_eq!(region(&l), Some(json!({"startLine": 4, "startColumn": 1})));
        let l = Location::file("a").with_position(4, 1).with_end(6, 9);
        assert_eq!(
            region(&l),
            Some(json!({"startLine": 4, "startColumn": 1, "endLine": 6, "endColumn": 9}))
        );
    }
}
