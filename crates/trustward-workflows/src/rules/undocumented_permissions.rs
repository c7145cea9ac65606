//! `workflows/undocumented-permissions`: write grants with no comment saying why.

use super::FileCtx;
use crate::model::{Permissions, Workflow};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/undocumented-permissions",
    title: "Write permission granted without a comment explaining it",
    severity: Severity::Info,
    confidence: Confidence::Low,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Advanced,
    controls: &["OSPS-AC-04.01"],
    description: "A `permissions:` block (workflow or job) grants `write` to a scope, or is `write-all`, and neither that line nor the line above carries a `#` comment. Shown by the `pedantic` and `auditor` personas.",
    why: "Reviewers can only judge whether a grant is still needed if its reason is written down; undocumented grants accumulate and are never removed.",
    fix: "Add a trailing comment naming the step that needs the scope (`contents: write  # create the GitHub release`), or remove the grant.",
    fix_details: "Bad:\n\n```yaml\npermissions:\n  contents: write\n```\n\nGood:\n\n```yaml\npermissions:\n  contents: write  # softprops/action-gh-release creates the release\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions",
    ],
};

/// Whether the line of `node`, or the line above it, has a comment.
fn documented(file: &FileCtx<'_>, node: &Node) -> bool {
    let off = node.span.start.offset.min(file.src.len());
    let line_start = file.src[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = file.src[off..]
        .find('\n')
        .map(|i| off + i)
        .unwrap_or(file.src.len());
    if file.src[line_start..line_end].contains(" #") {
        return true;
    }
    if line_start == 0 {
        return false;
    }
    let prev_start = file.src[..line_start - 1]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    file.src[prev_start..line_start - 1]
        .trim_start()
        .starts_with('#')
}

fn check_block(file: &FileCtx<'_>, owner: &str, p: &Permissions<'_>, out: &mut Vec<Finding>) {
    let nodes: Vec<(&Node, String)> = match p {
        Permissions::WriteAll(n) => vec![(n, "write-all".to_string())],
        Permissions::Scopes(_) => p
            .write_scopes()
            .into_iter()
            .map(|(k, s)| (k, format!("{s}: write")))
            .collect(),
        _ => Vec::new(),
    };
    for (n, what) in nodes {
        if !documented(file, n) {
            out.push(
                Finding::new(
                    &RULE,
                    format!("`{what}` for {owner} has no comment saying what needs it"),
                    file.at(n),
                )
                .with_key(format!("{owner}/{what}"))
                .with_remediation(format!("{what}  # <the step that needs it>")),
            );
        }
    }
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    if let Some((_, p)) = &wf.permissions {
        check_block(file, "the workflow", p, out);
    }
    for job in &wf.jobs {
        if let Some((_, p)) = &job.permissions {
            check_block(file, &format!("job `{}`", job.id), p, out);
        }
    }
}
