//! `workflows/unsound-condition`: `if:` values that are always true because text
//! surrounds the `${{ }}` expression.

use super::FileCtx;
use crate::model::Workflow;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unsound-condition",
    title: "Condition is always true",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.01"],
    description: "A job or step `if:` mixes a `${{ … }}` expression with other text (`if: ${{ a }} && b`, `if: x == ${{ y }}`) or is a block scalar (`if: |`) whose value keeps a trailing newline. GitHub then evaluates a non-empty string, which is always true.",
    why: "A guard that never blocks (\"only on main\", \"only for maintainers\") silently runs privileged steps for everyone.",
    fix: "Write the whole condition as one expression, without `${{ }}` or with it around everything: `if: github.ref == 'refs/heads/main' && github.event_name == 'push'`.",
    fix_details: "Bad:\n\n```yaml\nif: ${{ github.ref == 'refs/heads/main' }} && github.event_name == 'push'\n```\n\nGood:\n\n```yaml\nif: github.ref == 'refs/heads/main' && github.event_name == 'push'\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#about-expressions",
    ],
};

/// Whether an `if:` value is a string that always evaluates true.
pub fn always_true(cond: &Node) -> bool {
    let Some(text) = cond.as_str() else {
        return false;
    };
    if !text.contains("${{") {
        return false;
    }
    let t = text.trim_start();
    if t.len() != text.len() || text.ends_with('\n') || text.ends_with(' ') {
        // leading/trailing whitespace (block scalars keep a newline) is part of the string
        return !text.trim().is_empty();
    }
    !(t.starts_with("${{") && t.ends_with("}}") && t.matches("${{").count() == 1)
}

fn check_if(file: &FileCtx<'_>, owner: &str, cond: &Node, out: &mut Vec<Finding>) {
    if always_true(cond) {
        out.push(
            Finding::new(&RULE, format!("the `if:` of {owner} is text around an expression, so it is always true"), file.at(cond))
                .with_key(format!("{owner}/{}", cond.as_str().unwrap_or("")))
                .with_remediation("Put the whole condition in one expression:\n\nif: github.ref == 'refs/heads/main' && github.event_name == 'push'"),
        );
    }
}

/// Checks job and step conditions.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        if let Some(c) = job.if_ {
            check_if(file, &format!("job `{}`", job.id), c, out);
        }
        for s in &job.steps {
            if let Some(c) = s.if_ {
                check_if(file, &format!("a step of job `{}`", job.id), c, out);
            }
        }
    }
}
