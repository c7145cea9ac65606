//! `workflows/github-env`: writes to `$GITHUB_ENV`/`$GITHUB_PATH` in workflows that run
//! on untrusted events.

use super::{StepsCtx, shell, taint};
use crate::expr::{self, Cursor};
use crate::yaml::Span;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/github-env",
    title: "Untrusted data written to GITHUB_ENV or GITHUB_PATH in a privileged workflow",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.01"],
    description: "In a workflow triggered by `pull_request_target`, `workflow_run`, `issue_comment`, `issues` or discussion/review events, a `run:` writes to `$GITHUB_ENV` or `$GITHUB_PATH`. High confidence when the written line reads attacker-controlled data (an expression or an env variable set from one); medium otherwise (the value may come from downloaded artifacts or checked-out files). In a composite action, whose callers' triggers are unknown, only writes of `inputs.*` or attacker-controlled expressions are reported.",
    why: "Every later step inherits these variables: an attacker-chosen `LD_PRELOAD`, `NODE_OPTIONS`, `BASH_ENV` or `PATH` entry runs their code with the workflow's secrets, and a value with a newline injects extra variables.",
    fix: "Do not feed untrusted data to `$GITHUB_ENV`/`$GITHUB_PATH`; pass it to the one step that needs it via `env:`, or validate it strictly first.",
    fix_details: "Bad:\n\n```yaml\non: workflow_run\n…\n      - run: echo \"VERSION=$(cat artifact/version.txt)\" >> \"$GITHUB_ENV\"\n```\n\nGood:\n\n```yaml\n      - id: v\n        run: |\n          v=$(cat artifact/version.txt)\n          [[ \"$v\" =~ ^[0-9]+\\.[0-9]+\\.[0-9]+$ ]] || exit 1\n          echo \"version=$v\" >> \"$GITHUB_OUTPUT\"\n      - env:\n          VERSION: ${{ steps.v.outputs.version }}\n        run: ./release.sh \"$VERSION\"\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable",
        "https://securitylab.github.com/resources/github-actions-untrusted-input/",
    ],
};

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    // In a workflow: privileged triggers only. In a composite action (whose callers'
    // triggers are unknown): only writes of `inputs.*` or attacker-controlled data.
    let trigger = match ctx.workflow {
        Some(wf) => match wf.privileged_untrusted_trigger() {
            Some(t) => Some(t.name),
            None => return,
        },
        None => None,
    };
    for step in ctx.steps {
        let Some(run) = step.run else { continue };
        let Some(raw) = ctx.file.src.get(run.span.start.offset..run.span.end.offset) else {
            continue;
        };
        let mut env = ctx.tainted_env.clone();
        env.extend(taint::tainted_env(ctx.file.src, step.env));
        let mut cur = Cursor::new(raw, run.span.start);
        let mut lines = shell::LineCache::new(raw);
        let mut direct = false;
        for (s, e, which) in shell::env_file_refs(raw) {
            let (line, same) = lines.line(s);
            if !same {
                direct = expr::exprs_in_text(line, run.span.start).iter().any(|x| {
                    super::expr_is_attacker(&x.inner)
                        || (trigger.is_none()
                            && expr::context_paths(&x.inner)
                                .iter()
                                .any(|p| expr::caller_controlled(p)))
                        || taint::derived(&x.inner, &env, &ctx.tainted_steps, &ctx.tainted_needs)
                            .is_some()
                }) || env.iter().any(|v| {
                    line.contains(&format!("${v}")) || line.contains(&format!("${{{v}}}"))
                });
            }
            if trigger.is_none() && !direct {
                continue;
            }
            let (start, end) = (cur.pos(s), cur.pos(e));
            let confidence = if direct {
                Confidence::High
            } else {
                Confidence::Medium
            };
            let severity = if direct {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "{} writes to `${which}`{}{}",
                        ctx.owner(),
                        trigger.map(|t| format!(" in a `{t}` workflow")).unwrap_or_default(),
                        if direct { " with attacker- or caller-controlled data" } else { "" }
                    ),
                    ctx.file.loc(Span { start, end }),
                )
                .with_severity(severity)
                .with_confidence(confidence)
                .with_key(format!("{}/{which}/{}", ctx.key_prefix(step), line.trim()))
                .with_remediation("Pass the value to the step that needs it instead of exporting it:\n\n- env:\n    VALUE: ${{ steps.validated.outputs.value }}\n  run: ./use.sh \"$VALUE\""),
            );
        }
    }
}
