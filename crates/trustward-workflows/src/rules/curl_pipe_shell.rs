//! `workflows/curl-pipe-shell`: scripts downloaded and executed unseen in `run:`.

use super::{StepsCtx, shell};
use crate::expr::Cursor;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/curl-pipe-shell",
    title: "Remote script piped into a shell in CI",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `run:` step downloads a script with `curl`/`wget` (or `Invoke-WebRequest`) and executes it directly (`| sh`, `bash <(curl …)`, `sh -c \"$(curl …)\"`, `iex`).",
    why: "Whatever the server returns at that moment runs with the job's token and secrets: a compromised host, DNS or CDN, or a changed script, becomes code in your build with no review and no pin.",
    fix: "Download to a file, verify a pinned checksum or signature, then run it; or use a pinned action or package.",
    fix_details: "Bad:\n\n```yaml\n- run: curl -sSfL https://example.com/install.sh | sh\n```\n\nGood:\n\n```yaml\n- run: |\n    curl -sSfLo install.sh https://example.com/v1.2.3/install.sh\n    echo \"<sha256>  install.sh\" | sha256sum -c -\n    sh install.sh\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions",
        "https://openssf.org/blog/2024/08/12/mitigating-attack-vectors-in-github-workflows/",
    ],
};

/// Checks every `run:` of the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        let Some(run) = step.run else { continue };
        let Some(raw) = ctx.file.src.get(run.span.start.offset..run.span.end.offset) else {
            continue;
        };
        let mut cur = Cursor::new(raw, run.span.start);
        for (s, e) in shell::pipe_to_shell(raw) {
            let start = cur.pos(s);
            let end = cur.pos(e);
            let text = &raw[s..e];
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "{} executes a downloaded script unverified: `{text}`",
                        ctx.owner()
                    ),
                    ctx.file.loc(crate::yaml::Span { start, end }),
                )
                .with_key(format!("{}/{text}", ctx.key_prefix(step)))
                .with_remediation("Download, verify, then run:\n\nrun: |\n  curl -sSfLo install.sh https://example.com/v1.2.3/install.sh\n  echo \"<sha256>  install.sh\" | sha256sum -c -\n  sh install.sh"),
            );
        }
    }
}
