//! `workflows/dangerous-trigger`: `pull_request_target` / `workflow_run` /
//! `issue_comment` jobs that check out, build or download code from the untrusted head.

use super::FileCtx;
use crate::expr;
use crate::model::{Job, Step, Workflow};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dangerous-trigger",
    title: "Privileged trigger runs code from an untrusted pull request",
    severity: Severity::Critical,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-01.03"],
    description: "A workflow triggered by `pull_request_target`, `workflow_run` or `issue_comment` (which run in the base repository with its secrets and a write token) checks out the pull request head (`ref:` set from `github.event.pull_request.head.*`, `github.head_ref`, `refs/pull/…`, `github.event.workflow_run.head_*`), runs `gh pr checkout`/`git fetch … pull/…`, or downloads artifacts produced by the triggering run. Workflows on these triggers that never touch head code (labelling, commenting) are not reported.",
    why: "This is the \"pwn request\": anyone who can open a pull request from a fork gets their build scripts, test hooks or package `postinstall` run with the base repository's secrets and `GITHUB_TOKEN`. Artifacts of an untrusted `pull_request` run are attacker-written files.",
    fix: "Use `pull_request` for building untrusted code; if a privileged follow-up is needed, use `workflow_run` and treat artifacts as data (never execute or extract them over the workspace).",
    fix_details: "Bad:\n\n```yaml\non: pull_request_target\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n```\n\nGood:\n\n```yaml\non: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1\n        with:\n          persist-credentials: false\n      - run: npm ci && npm test\n```",
    references: &[
        "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
        "https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target",
        "https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflow_run",
    ],
};

const HEAD_PATHS: &[&str] = &[
    "github.head_ref",
    "github.event.pull_request.head.sha",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.repo.full_name",
    "github.event.pull_request.merge_commit_sha",
    "github.event.pull_request.number",
    "github.event.number",
    "github.event.issue.number",
    "github.event.workflow_run.head_sha",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_repository.full_name",
    "github.event.workflow_run.pull_requests.*.head.sha",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.event.workflow_run.pull_requests.*.number",
    "github.event.workflow_run.id",
];

/// Whether a node's raw text refers to the untrusted head (by expression or `refs/pull`).
fn refers_to_head(src: &str, n: &Node) -> bool {
    let raw = src
        .get(n.span.start.offset..n.span.end.offset)
        .unwrap_or("");
    if raw.contains("refs/pull/") {
        return true;
    }
    expr::exprs_in_text(raw, n.span.start).iter().any(|e| {
        expr::context_paths(&e.inner).iter().any(|p| {
            HEAD_PATHS.contains(&p.as_str()) || p.starts_with("github.event.pull_request.head.")
        })
    })
}

/// The node of `step` that brings untrusted head code or artifacts in, with a reason.
pub fn untrusted_checkout<'w>(src: &str, step: &Step<'w>) -> Option<(&'w Node, &'static str)> {
    if step.uses_action("actions/checkout") {
        for key in ["ref", "repository"] {
            if let Some(v) = step.with_input(key)
                && refers_to_head(src, v)
            {
                return Some((v, "checks out the pull request head"));
            }
        }
    }
    if (step.uses_action("actions/download-artifact")
        && step
            .with_input("run-id")
            .is_some_and(|v| refers_to_head(src, v)))
        || step.uses_action("dawidd6/action-download-artifact")
    {
        return step
            .uses
            .map(|u| (u, "downloads artifacts written by the untrusted run"));
    }
    if let Some(run) = step.run {
        let text = run.as_str().unwrap_or("");
        let checkout = text.contains("gh pr checkout")
            || ((text.contains("git fetch")
                || text.contains("git checkout")
                || text.contains("git pull"))
                && refers_to_head(src, run));
        if checkout {
            return Some((run, "fetches and checks out the pull request head"));
        }
        if text.contains("gh run download") && refers_to_head(src, run) {
            return Some((run, "downloads artifacts written by the untrusted run"));
        }
    }
    None
}

/// The first step of `job` that brings in untrusted code.
pub fn job_runs_untrusted<'w>(src: &str, job: &Job<'w>) -> Option<(&'w Node, &'static str)> {
    job.steps.iter().find_map(|s| untrusted_checkout(src, s))
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let Some(trigger) = wf.trigger(&["pull_request_target", "workflow_run", "issue_comment"])
    else {
        return;
    };
    for job in &wf.jobs {
        for step in &job.steps {
            if let Some((node, why)) = untrusted_checkout(file.src, step) {
                let confidence = if trigger.name == "issue_comment" {
                    Confidence::Medium
                } else {
                    Confidence::High
                };
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "job `{}` {why} in a `{}` workflow (line {}), which runs with the base repository's secrets and write token",
                            job.id, trigger.name, trigger.node.span.start.line
                        ),
                        file.at(node),
                    )
                    .with_confidence(confidence)
                    .with_key(format!("{}/{}/{}", job.id, step.index, trigger.name))
                    .with_data("trigger", trigger.name)
                    .with_remediation(
                        "Build untrusted code under `on: pull_request` instead:\n\non: pull_request\npermissions:\n  contents: read\n…\n      - uses: actions/checkout@<sha> # vX\n        with:\n          persist-credentials: false",
                    ),
                );
            }
        }
    }
}
