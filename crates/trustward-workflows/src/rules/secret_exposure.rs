//! `workflows/secret-exposure`: secrets echoed, written to files or outputs, or
//! over-provisioned with `toJSON(secrets)`.

use super::StepsCtx;
use crate::expr;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/secret-exposure",
    title: "Secret printed, written to a file or output, or all secrets exposed",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-07.01"],
    description: "A `run:` line expands `${{ secrets.X }}` into `echo`/`printf`/`tee`, a redirection to a file, or `$GITHUB_OUTPUT`/`$GITHUB_ENV`/`$GITHUB_STEP_SUMMARY`; or any expression uses `toJSON(secrets)` (every secret at once) or `fromJSON(secrets.X)` (parts of a structured secret that log masking does not know).",
    why: "Log masking only hides exact secret values; transformed, split or structured values are printed in clear, files end up in artifacts and caches, and job outputs are visible to every later job and in the run's API. `toJSON(secrets)` hands every secret to one step.",
    fix: "Pass the secret in `env:` to the one command that needs it; never print it or write it where it outlives the step.",
    fix_details: "Bad:\n\n```yaml\n- run: echo \"${{ secrets.NPM_TOKEN }}\" > ~/.npmrc\n```\n\nGood:\n\n```yaml\n- env:\n    NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n  run: npm publish\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow",
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets",
    ],
};

const LEAKY: &[&str] = &[
    "echo",
    "printf",
    "tee",
    ">",
    "GITHUB_OUTPUT",
    "GITHUB_ENV",
    "GITHUB_STEP_SUMMARY",
    "cat <<",
];

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        let raw_of = |n: &crate::yaml::Node| {
            ctx.file
                .src
                .get(n.span.start.offset..n.span.end.offset)
                .map(|r| (r, n.span.start))
        };
        // toJSON(secrets) / fromJSON(secrets.X) anywhere in the step
        if let Some((raw, start)) = raw_of(step.node) {
            for e in expr::exprs_in_text(raw, start) {
                let lower = e.inner.to_ascii_lowercase().replace(' ', "");
                let what = if lower.contains("tojson(secrets)") {
                    Some("`toJSON(secrets)` hands every secret of the repository to this step")
                } else if lower.contains("fromjson(secrets.") {
                    Some(
                        "`fromJSON(secrets.…)` extracts parts of a secret that log masking does not redact",
                    )
                } else {
                    None
                };
                if let Some(what) = what {
                    out.push(
                        Finding::new(&RULE, format!("{what} ({})", ctx.owner()), ctx.file.loc(e.span))
                            .with_confidence(Confidence::High)
                            .with_key(format!("{}/{}", ctx.key_prefix(step), e.inner))
                            .with_remediation("Pass each needed secret by name:\n\nenv:\n  API_KEY: ${{ secrets.API_KEY }}"),
                    );
                }
            }
        }
        let Some(run) = step.run else { continue };
        let Some((raw, start)) = raw_of(run) else {
            continue;
        };
        let mut lines = super::shell::LineCache::new(raw);
        let mut leaky = false;
        for e in expr::exprs_in_text(raw, start) {
            if !expr::context_paths(&e.inner)
                .iter()
                .any(|p| p.starts_with("secrets.") && p != "secrets.github_token")
            {
                continue;
            }
            let at = e.span.start.offset.saturating_sub(start.offset);
            let (line, same) = lines.line(at);
            if !same {
                leaky = LEAKY.iter().any(|w| line.contains(w));
            }
            if !leaky {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE,
                    format!("`${{{{ {} }}}}` is printed or written to a file/output by {}", e.inner, ctx.owner()),
                    ctx.file.loc(e.span),
                )
                .with_key(format!("{}/{}", ctx.key_prefix(step), e.inner))
                .with_remediation(format!(
                    "Give the secret to the command through the environment only:\n\nenv:\n  TOKEN: ${{{{ {} }}}}\nrun: tool --token-from-env TOKEN",
                    e.inner
                )),
            );
        }
    }
}
