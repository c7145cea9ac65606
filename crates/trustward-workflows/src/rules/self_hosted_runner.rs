//! `workflows/self-hosted-runner`: self-hosted runners in workflows that fork pull
//! requests can trigger.

use super::FileCtx;
use crate::model::Workflow;
use crate::yaml::{Node, Value};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/self-hosted-runner",
    title: "Self-hosted runner reachable from fork pull requests",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A job with `runs-on: self-hosted` (or a `self-hosted` label) is in a workflow triggered by `pull_request`, `pull_request_target`, `pull_request_review(_comment)`, `issue_comment` or `workflow_run`, events that outsiders can cause on a public repository.",
    why: "Self-hosted runners are not ephemeral by default: code from a fork's pull request can persist on the machine, read other jobs' secrets and artifacts, and reach the internal network the runner sits in.",
    fix: "Run untrusted pull requests on GitHub-hosted runners; restrict self-hosted runners to trusted events or use ephemeral, isolated runners.",
    fix_details: "Bad:\n\n```yaml\non: pull_request\njobs:\n  test:\n    runs-on: [self-hosted, linux]\n```\n\nGood:\n\n```yaml\non: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners",
        "https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security",
    ],
};

fn self_hosted(n: &Node) -> Option<&Node> {
    match &n.value {
        Value::Scalar(s, _) => s.eq_ignore_ascii_case("self-hosted").then_some(n),
        Value::Seq(items) => items.iter().find_map(self_hosted),
        Value::Map(_) => n.get("labels").and_then(self_hosted),
    }
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let Some(trigger) = wf.trigger(&[
        "pull_request",
        "pull_request_target",
        "pull_request_review",
        "pull_request_review_comment",
        "issue_comment",
        "workflow_run",
    ]) else {
        return;
    };
    for job in &wf.jobs {
        if let Some(n) = job.runs_on.and_then(self_hosted) {
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "job `{}` runs on a self-hosted runner in a `{}` workflow",
                        job.id, trigger.name
                    ),
                    file.at(n),
                )
                .with_key(format!("{}/self-hosted", job.id))
                .with_remediation(
                    "Use a GitHub-hosted runner for untrusted events:\n\nruns-on: ubuntu-latest",
                ),
            );
        }
    }
}
