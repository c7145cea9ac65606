//! `workflows/unsound-contains`: `contains('literal string', context)`, a substring
//! test where a list-membership test was meant.

use super::{FileCtx, file_exprs};
use crate::expr;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unsound-contains",
    title: "`contains()` with a string literal tests for a substring, not membership",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.01"],
    description: "An expression calls `contains('…', <context>)` with a string literal as the first argument, e.g. `contains('refs/heads/main refs/heads/release', github.ref)`. With a string first argument, `contains` is a case-insensitive substring test, so any value that is a piece of the literal (`refs/heads/mai`, `main`, an empty string) passes. High severity when the context is a branch, tag or other attacker-controlled value; low otherwise.",
    why: "Such conditions usually gate deployments or secrets on a branch list: an attacker who can push a branch named `refs/heads/mai` or `main` (or otherwise choose the value) satisfies the check.",
    fix: "Test membership in an array: `contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)`, or compare with `==`.",
    fix_details: "Bad:\n\n```yaml\nif: contains('refs/heads/main refs/heads/release', github.ref)\n```\n\nGood:\n\n```yaml\nif: contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#contains",
    ],
};

/// For each `contains('lit', path…)` in `inner`: (byte range of the call's name, the
/// literal, the context path).
pub fn unsound_calls(inner: &str) -> Vec<(usize, String, String)> {
    let lower = inner.to_ascii_lowercase();
    let b = inner.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|l| l.find("contains")) {
        let at = from + rel;
        from = at + 8;
        if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_') {
            continue;
        }
        let mut i = at + 8;
        let skip_ws = |i: &mut usize| {
            while *i < b.len() && b[*i] == b' ' {
                *i += 1;
            }
        };
        skip_ws(&mut i);
        if b.get(i) != Some(&b'(') {
            continue;
        }
        i += 1;
        skip_ws(&mut i);
        if b.get(i) != Some(&b'\'') {
            continue;
        }
        i += 1;
        let lit_start = i;
        while i < b.len() {
            if b[i] == b'\'' {
                if b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                break;
            }
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let lit = inner[lit_start..i].to_string();
        i += 1;
        skip_ws(&mut i);
        if b.get(i) != Some(&b',') {
            continue;
        }
        i += 1;
        skip_ws(&mut i);
        let p_start = i;
        while i < b.len() && !matches!(b[i], b')' | b',' | b' ') {
            i += 1;
        }
        let arg = &inner[p_start..i];
        let Some(path) = expr::context_paths(arg).into_iter().next() else {
            continue;
        };
        if !arg.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        out.push((at, lit, path));
    }
    out
}

/// Checks every expression and condition of the file.
pub fn check(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    for (inner, span) in file_exprs(file, root) {
        for (_, lit, path) in unsound_calls(&inner) {
            let risky = expr::attacker_controlled(&path)
                || expr::ref_name(&path)
                || path.starts_with("github.actor")
                || path.starts_with("github.triggering_actor");
            let sev = if risky { Severity::High } else { Severity::Low };
            out.push(
                Finding::new(
                    &RULE,
                    format!("`contains('{lit}', {path})` is true for any substring of the literal"),
                    file.loc(span),
                )
                .with_severity(sev)
                .with_key(format!("{}/{inner}", span.start.line))
                .with_remediation(format!(
                    "contains(fromJSON('[{}]'), {path})",
                    lit.split_whitespace()
                        .map(|s| format!("\"{s}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
}
