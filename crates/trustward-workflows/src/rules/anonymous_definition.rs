//! `workflows/anonymous-definition`: workflows and jobs without a `name:`.

use super::FileCtx;
use crate::model::Workflow;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/anonymous-definition",
    title: "Workflow or job has no `name:`",
    severity: Severity::Info,
    confidence: Confidence::Low,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Advanced,
    controls: &[],
    description: "A workflow has no top-level `name:`, or a job has no `name:`. Shown by the `pedantic` and `auditor` personas.",
    why: "GitHub then shows the file path or job id in checks, branch-protection rules and logs; required status checks keyed on such names break or silently match the wrong job when files are renamed, and reviewers cannot tell what a run is for.",
    fix: "Give every workflow and job a descriptive `name:`.",
    fix_details: "Bad:\n\n```yaml\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n```\n\nGood:\n\n```yaml\nname: CI\non: push\njobs:\n  build:\n    name: Build and test\n    runs-on: ubuntu-latest\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#name",
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idname",
    ],
};

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    if wf.root.get("name").is_none() {
        out.push(
            Finding::new(&RULE, "the workflow has no `name:`", file.at(wf.on_key))
                .with_key("workflow")
                .with_remediation("name: <what this workflow does>"),
        );
    }
    for job in &wf.jobs {
        if job.node.get("name").is_none() {
            out.push(
                Finding::new(
                    &RULE,
                    format!("job `{}` has no `name:`", job.id),
                    file.at(job.key),
                )
                .with_key(format!("job/{}", job.id))
                .with_remediation("name: <what this job does>"),
            );
        }
    }
}
