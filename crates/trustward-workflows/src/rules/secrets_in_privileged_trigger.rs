//! `workflows/secrets-in-privileged-trigger`: secrets handed to jobs of
//! `pull_request_target` / `workflow_run` workflows.

use super::FileCtx;
use super::dangerous_trigger::job_runs_untrusted;
use crate::expr;
use crate::model::Workflow;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/secrets-in-privileged-trigger",
    title: "Secrets exposed to a job triggered by untrusted pull requests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-07.01"],
    description: "A job of a `pull_request_target` or `workflow_run` workflow reads a repository secret (other than `GITHUB_TOKEN`). High severity when the same job also checks out or downloads code from the pull request.",
    why: "These triggers run for pull requests from forks with the base repository's secrets. Any step that processes pull-request content (a linter, a build, a template injection) can exfiltrate the secret.",
    fix: "Move secret-using steps to a workflow that untrusted pull requests cannot trigger, or gate the job behind an environment with required reviewers.",
    fix_details: "Bad:\n\n```yaml\non: pull_request_target\njobs:\n  preview:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@<sha>\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: ./deploy-preview.sh\n        env:\n          DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}\n```\n\nGood:\n\n```yaml\non: pull_request_target\njobs:\n  preview:\n    runs-on: ubuntu-latest\n    environment: preview   # requires a maintainer's approval\n    steps:\n      - run: ./deploy-preview.sh   # from the base branch only\n        env:\n          DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}\n```",
    references: &[
        "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
        "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#required-reviewers",
    ],
};

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let Some(trigger) = wf.trigger(&["pull_request_target", "workflow_run"]) else {
        return;
    };
    for job in &wf.jobs {
        let gated = job.environment.is_some();
        let untrusted = job_runs_untrusted(file.src, job).is_some();
        let raw = file
            .src
            .get(job.node.span.start.offset..job.node.span.end.offset)
            .unwrap_or("");
        let mut seen = std::collections::BTreeSet::new();
        for e in expr::exprs_in_text(raw, job.node.span.start) {
            for p in expr::context_paths(&e.inner) {
                let Some(name) = p.strip_prefix("secrets.") else {
                    continue;
                };
                if name == "github_token" || !seen.insert(p.clone()) {
                    continue;
                }
                let (sev, conf) = if untrusted {
                    (Severity::High, Confidence::High)
                } else if gated {
                    (Severity::Low, Confidence::Low)
                } else {
                    (Severity::Medium, Confidence::Medium)
                };
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "job `{}` of a `{}` workflow reads `{}`{}",
                            job.id,
                            trigger.name,
                            e.inner,
                            if untrusted { " and runs code from the pull request" } else { "" }
                        ),
                        file.loc(e.span),
                    )
                    .with_severity(sev)
                    .with_confidence(conf)
                    .with_key(format!("{}/{p}", job.id))
                    .with_remediation("Run secret-using steps only on trusted code, behind an environment with required reviewers:\n\n    environment: release\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.TOKEN }}"),
                );
            }
        }
    }
}
