//! `workflows/concurrency-limits`: privileged triggers without a `concurrency:` group.

use super::FileCtx;
use crate::model::Workflow;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/concurrency-limits",
    title: "Privileged workflow has no concurrency limit",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Advanced,
    controls: &["OSPS-BR-01.01"],
    description: "A workflow triggered by events outsiders can cause with the base repository's privileges (`pull_request_target`, `workflow_run`, `issue_comment`, `issues`, `discussion`, `pull_request_review` …) sets `concurrency:` neither at the top level nor on every job.",
    why: "Anyone can then start any number of privileged runs at once (by editing a comment or pushing to a pull request): they race each other over caches, artifacts, labels and pushes (time-of-check/time-of-use between a maintainer's approval and the run), and burn the repository's runner minutes.",
    fix: "Add a concurrency group keyed on the pull request or issue, cancelling superseded runs.",
    fix_details: "Bad:\n\n```yaml\non: pull_request_target\njobs: …\n```\n\nGood:\n\n```yaml\non: pull_request_target\nconcurrency:\n  group: ${{ github.workflow }}-${{ github.event.pull_request.number }}\n  cancel-in-progress: true\njobs: …\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs",
    ],
};

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let Some(t) = wf.privileged_untrusted_trigger() else {
        return;
    };
    if wf.root.get("concurrency").is_some()
        || (!wf.jobs.is_empty() && wf.jobs.iter().all(|j| j.node.get("concurrency").is_some()))
    {
        return;
    }
    out.push(
        Finding::new(
            &RULE,
            format!("`{}` workflow sets no `concurrency:` group", t.name),
            file.at(t.node),
        )
        .with_key(format!("concurrency/{}", t.name))
        .with_remediation("concurrency:\n  group: ${{ github.workflow }}-${{ github.event.pull_request.number || github.event.issue.number || github.run_id }}\n  cancel-in-progress: true"),
    );
}
