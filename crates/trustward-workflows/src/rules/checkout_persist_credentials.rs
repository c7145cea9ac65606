//! `workflows/checkout-persist-credentials`: `actions/checkout` leaving the token in
//! `.git/config`.

use super::FileCtx;
use super::dangerous_trigger::job_runs_untrusted;
use crate::model::{Job, Workflow};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/checkout-persist-credentials",
    title: "actions/checkout persists the token in .git/config",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-07.01"],
    description: "An `actions/checkout` step does not set `persist-credentials: false`, so the job's token stays in `.git/config` for every later step. High severity when the same job uploads artifacts (`actions/upload-artifact`, `actions/upload-pages-artifact`) or runs code from an untrusted pull request; low otherwise.",
    why: "Any later step, tool or dependency can read the token from the checkout; an artifact that includes the working directory publishes it (\"ArtiPACKED\"), and untrusted code running in the job can push with it.",
    fix: "Set `persist-credentials: false` on checkout and pass a token explicitly to the one step that pushes.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/checkout@<sha>\n- uses: actions/upload-artifact@<sha>\n  with:\n    path: .\n```\n\nGood:\n\n```yaml\n- uses: actions/checkout@<sha>\n  with:\n    persist-credentials: false\n- uses: actions/upload-artifact@<sha>\n  with:\n    path: dist/\n```",
    references: &[
        "https://github.com/actions/checkout#usage",
        "https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/",
    ],
};

fn uploads(job: &Job<'_>) -> bool {
    job.steps.iter().any(|s| {
        s.uses_action("actions/upload-artifact") || s.uses_action("actions/upload-pages-artifact")
    })
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        let risky = uploads(job) || job_runs_untrusted(file.src, job).is_some();
        for step in &job.steps {
            if !step.uses_action("actions/checkout") {
                continue;
            }
            let off = step
                .with_input("persist-credentials")
                .and_then(|n| n.as_str())
                .is_some_and(|v| v == "false");
            if off {
                continue;
            }
            let Some(u) = step.uses else { continue };
            let (sev, why) = if risky {
                (
                    Severity::High,
                    " and the job uploads artifacts or runs untrusted code",
                )
            } else {
                (Severity::Low, "")
            };
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "checkout in job `{}` keeps the token in .git/config{why}",
                        job.id
                    ),
                    file.at(u),
                )
                .with_severity(sev)
                .with_key(format!("{}/{}", job.id, step.index))
                .with_remediation(format!(
                    "- uses: {}\n  with:\n    persist-credentials: false",
                    u.as_str().unwrap_or("actions/checkout@<sha>")
                )),
            );
        }
    }
}
