//! `workflows/unsound-ternary`: `cond && X || Y` where `X` can be falsy, so the
//! expression yields `Y` even when `cond` holds.

use super::{FileCtx, file_exprs};
use crate::expr;
use crate::yaml::Node;
use regex::Regex;
use std::sync::LazyLock;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unsound-ternary",
    title: "`cond && X || Y` falls through to `Y` when `X` is falsy",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.01"],
    description: "An expression uses the `cond && X || Y` idiom as a ternary where `X` is a falsy literal (`''`, `0`, `false`, `null`), so the result is always `Y`; or where `X` is a value an outsider controls (a branch name, a title), who can make it empty and so select `Y`. GitHub expressions have no ternary operator: `&&`/`||` return operands, and a falsy `X` makes `||` pick `Y`.",
    why: "A condition or value that silently ignores its test selects the wrong environment, token, ref or command: e.g. `github.event_name == 'push' && '' || 'refs/pull/…'` always checks out the pull request.",
    fix: "Reorder so the middle operand is a non-empty literal (`!cond && 'b' || ''`), or use GitHub's `case()` function where available, or split into two steps with `if:`.",
    fix_details: "Bad:\n\n```yaml\nref: ${{ github.event_name == 'push' && '' || github.event.pull_request.head.sha }}\n```\n\nGood:\n\n```yaml\nref: ${{ github.event_name != 'push' && github.event.pull_request.head.sha || '' }}\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#operators",
    ],
};

static FALSY_MIDDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)&&\s*(''|0|false|null)\s*\|\|").expect("static regex"));

static PATH_MIDDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&&\s*([A-Za-z_][A-Za-z0-9_.\-*\[\]']*)\s*\|\|").expect("static regex")
});

/// Checks every expression and condition of the file.
pub fn check(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    for (inner, span) in file_exprs(file, root) {
        if let Some(c) = FALSY_MIDDLE.captures(&inner) {
            let lit = c.get(1).map(|m| m.as_str()).unwrap_or("");
            out.push(
                Finding::new(
                    &RULE,
                    format!("`&& {lit} ||` always yields the operand after `||`"),
                    file.loc(span),
                )
                .with_key(format!("{}/{inner}", span.start.line))
                .with_remediation("Negate the condition and put the non-empty value in the middle: `!cond && 'value' || ''`."),
            );
            continue;
        }
        for c in PATH_MIDDLE.captures_iter(&inner) {
            let Some(m) = c.get(1) else { continue };
            let Some(p) = expr::context_paths(m.as_str()).into_iter().next() else {
                continue;
            };
            if expr::attacker_controlled(&p) || expr::ref_name(&p) {
                out.push(
                    Finding::new(
                        &RULE,
                        format!("`&& {p} ||` falls through when `{p}`, which an outsider sets, is empty"),
                        file.loc(span),
                    )
                    .with_confidence(Confidence::Medium)
                    .with_key(format!("{}/{inner}", span.start.line))
                    .with_remediation("Test the condition separately (`if:`) instead of relying on `&&`/`||` to choose a value."),
                );
                break;
            }
        }
    }
}
