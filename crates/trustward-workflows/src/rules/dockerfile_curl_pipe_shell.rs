//! `workflows/dockerfile-curl-pipe-shell`: `RUN curl … | sh` in a Dockerfile.

use super::{DockerCtx, shell};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-curl-pipe-shell",
    title: "Dockerfile pipes a downloaded script into a shell",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `RUN` (shell form, continuation lines and heredocs included) downloads a script with `curl`/`wget` and executes it directly (`| sh`, `bash <(curl …)`, `sh -c \"$(curl …)\"`).",
    why: "The image then contains whatever the server returned at build time: unreviewed, unpinned code that differs between builds and can be swapped by whoever controls the host.",
    fix: "Download to a file, verify a pinned checksum, then run it; or install from a pinned package.",
    fix_details: "Bad:\n\n```dockerfile\nRUN curl -fsSL https://example.com/install.sh | sh\n```\n\nGood:\n\n```dockerfile\nRUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \\\n && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\n```",
    references: &[
        "https://docs.docker.com/build/building/best-practices/#run",
        "https://docs.docker.com/reference/dockerfile/#run",
    ],
};

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    for ins in ctx.file.instructions.iter().filter(|i| i.keyword == "RUN") {
        let text = match &ins.json {
            Some(v) => v.join(" "),
            None => ins.args.clone(),
        };
        for (s, e) in shell::pipe_to_shell(&text) {
            let (start, end) = if ins.json.is_some() {
                ((ins.line, ins.col), (ins.end_line, ins.end_col))
            } else {
                (ins.pos(s), ins.pos(e))
            };
            out.push(
                Finding::new(
                    &RULE,
                    format!("`{}` runs a downloaded script unverified", &text[s..e]),
                    ctx.loc(start, end),
                )
                .with_key(text[s..e].to_string())
                .with_remediation(
                    "RUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \\\n && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh",
                ),
            );
        }
    }
}
