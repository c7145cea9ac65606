//! `workflows/secrets-inherit`: reusable-workflow calls given every secret.

use super::FileCtx;
use crate::model::Workflow;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/secrets-inherit",
    title: "Reusable workflow called with `secrets: inherit`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-07.01"],
    description: "A job calls a reusable workflow with `secrets: inherit`, which passes every repository, environment and organisation secret the caller can see.",
    why: "The called workflow (often in another repository, possibly unpinned) gets secrets it never needed; a compromise of it, or an injection in it, leaks all of them. Explicit secrets document and limit what crosses the boundary.",
    fix: "Pass only the secrets the called workflow declares: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.",
    fix_details: "Bad:\n\n```yaml\njobs:\n  release:\n    uses: org/shared/.github/workflows/release.yml@v1\n    secrets: inherit\n```\n\nGood:\n\n```yaml\njobs:\n  release:\n    uses: org/shared/.github/workflows/release.yml@<sha>\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n```",
    references: &[
        "https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow",
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idsecretsinherit",
    ],
};

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        if let Some((_, v)) = job.secrets
            && v.as_str() == Some("inherit")
        {
            let called = job.uses.and_then(|u| u.as_str()).unwrap_or("?");
            out.push(
                Finding::new(
                    &RULE,
                    format!("job `{}` passes every secret to `{called}`", job.id),
                    file.at(v),
                )
                .with_key(format!("{}/inherit", job.id))
                .with_remediation(format!(
                    "List the secrets the called workflow needs:\n\n  {}:\n    uses: {called}\n    secrets:\n      NAME: ${{{{ secrets.NAME }}}}",
                    job.id
                )),
            );
        }
    }
}
