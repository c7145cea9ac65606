//! The words every human-readable format uses for the verdict, locations and analyzer
//! statuses, so text and Markdown say the same thing the same way.

use trustward_core::finding::Location;
use trustward_core::{FailOn, Report};

/// `n` followed by `singular` or its plural (`1 finding`, `3 findings`).
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Whether the report fails the gate (exit code 1 or 3).
pub(crate) fn failed(report: &Report) -> bool {
    report.exit_code() != 0
}

/// The verdict after `policy:`, e.g. `FAILED — 3 findings at or above high` or `passed`.
pub(crate) fn verdict(report: &Report) -> String {
    let p = &report.summary.policy;
    let mut reasons = Vec::new();
    if !p.unmet_requirements.is_empty() {
        reasons.push(format!(
            "scan incomplete: required {} did not check: {}",
            if p.unmet_requirements.len() == 1 {
                "analyzer"
            } else {
                "analyzers"
            },
            p.unmet_requirements.join(", ")
        ));
    }
    if !p.passed {
        reasons.push(format!(
            "{} at or above {}",
            count(p.violations, "finding", "findings"),
            p.fail_on
        ));
    }
    if reasons.is_empty() && !p.incomplete.is_empty() {
        format!(
            "passed, INCOMPLETE — {} could not read all of {} input",
            p.incomplete.join(", "),
            if p.incomplete.len() == 1 {
                "its"
            } else {
                "their"
            },
        )
    } else if reasons.is_empty() {
        if p.fail_on == FailOn::Never {
            "passed (fail_on = never: findings never fail the gate)".into()
        } else {
            "passed".into()
        }
    } else {
        format!("FAILED — {}", reasons.join("; "))
    }
}

/// `path:line:column` (as much as is known), `@ commit` for history findings, or
/// `(repository)` for a finding about the repository as a whole. Not escaped.
pub(crate) fn location(l: &Location) -> String {
    let mut s = match l.path.as_deref() {
        None | Some("") | Some(".") | Some("./") => "(repository)".to_string(),
        Some(p) => p.to_string(),
    };
    if let Some(line) = l.line {
        s.push_str(&format!(":{line}"));
        if let Some(col) = l.column {
            s.push_str(&format!(":{col}"));
        }
    }
    if let Some(c) = l.commit.as_deref() {
        let short: String = c.chars().take(12).collect();
        s.push_str(&format!(" @ {short}"));
    }
    s
}

/// The first line of a remediation, whitespace collapsed (the `fix:` line).
pub(crate) fn one_line(text: &str) -> String {
    let first = text.trim().lines().next().unwrap_or("");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Warnings without the `NAME: not checked: REASON` lines the engine adds for analyzers
/// that could not check and the `NAME: incomplete: …` lines (those are shown in their
/// own sections).
pub(crate) fn other_warnings(report: &Report) -> Vec<&str> {
    let dupes: Vec<String> = report
        .not_checked()
        .map(|(name, reason)| format!("{name}: not checked: {reason}"))
        .chain(report.incomplete().map(|(name, unread)| {
            format!("{name}: incomplete: could not read {}", unread.join(", "))
        }))
        .collect();
    report
        .warnings
        .iter()
        .filter(|w| !dupes.iter().any(|d| d == *w))
        .map(String::as_str)
        .collect()
}
