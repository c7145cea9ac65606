//! `workflows/bot-condition`: `if:` conditions that trust `github.actor` to be a bot.

use super::FileCtx;
use crate::expr;
use crate::model::Workflow;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/bot-condition",
    title: "Condition trusts github.actor to identify a bot",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.01"],
    description: "A job or step `if:` compares `github.actor` or `github.triggering_actor` with a bot login (`dependabot[bot]`, `renovate[bot]` …) to decide whether to run privileged steps (auto-merge, approvals, secrets). High severity in workflows triggered by `pull_request_target`, `workflow_run` or `issue_comment`.",
    why: "`github.actor` is whoever caused the latest event, not who wrote the code: an attacker can get a bot to act on their pull request (e.g. `@dependabot recreate`, a rebase), after which the condition holds for attacker-controlled content.",
    fix: "Check the pull request's author instead (`github.event.pull_request.user.login == 'dependabot[bot]'`) and, for Dependabot, use `dependabot/fetch-metadata`.",
    fix_details: "Bad:\n\n```yaml\nif: github.actor == 'dependabot[bot]'\n```\n\nGood:\n\n```yaml\nif: github.event.pull_request.user.login == 'dependabot[bot]'\n```",
    references: &[
        "https://docs.github.com/en/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions",
        "https://securitylab.github.com/resources/github-actions-new-patterns-and-mitigations/",
    ],
};

fn check_if(
    file: &FileCtx<'_>,
    owner: &str,
    privileged: bool,
    cond: &Node,
    out: &mut Vec<Finding>,
) {
    let Some(text) = cond.as_str() else { return };
    let lower = text.to_ascii_lowercase();
    if !lower.contains("[bot]") {
        return;
    }
    let inner = lower.replace("${{", " ").replace("}}", " ");
    let actor = expr::context_paths(&inner)
        .into_iter()
        .find(|p| p == "github.actor" || p == "github.triggering_actor");
    let Some(actor) = actor else { return };
    out.push(
        Finding::new(
            &RULE,
            format!("{owner} runs only if `{actor}` is a bot, which does not mean the bot wrote the change"),
            file.at(cond),
        )
        .with_severity(if privileged { Severity::High } else { Severity::Medium })
        .with_key(format!("{owner}/{actor}"))
        .with_remediation("if: github.event.pull_request.user.login == 'dependabot[bot]'"),
    );
}

/// Checks job and step conditions.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let privileged = wf
        .trigger(&["pull_request_target", "workflow_run", "issue_comment"])
        .is_some();
    for job in &wf.jobs {
        if let Some(c) = job.if_ {
            check_if(file, &format!("job `{}`", job.id), privileged, c, out);
        }
        for s in &job.steps {
            if let Some(c) = s.if_ {
                check_if(
                    file,
                    &format!("a step of job `{}`", job.id),
                    privileged,
                    c,
                    out,
                );
            }
        }
    }
}
