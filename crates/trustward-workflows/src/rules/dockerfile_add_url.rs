//! `workflows/dockerfile-add-url`: `ADD https://…` without a checksum.

use super::DockerCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-add-url",
    title: "Dockerfile ADD downloads a URL without a checksum",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "An `ADD` instruction copies from an `http://` or `https://` URL (or a remote git URL) without `--checksum=sha256:…`.",
    why: "Whatever the server returns is baked into the image unverified; a compromised host or a changed file ships to every user. Plain `http://` can also be altered in transit.",
    fix: "Add `--checksum=sha256:<digest>` (BuildKit), or download with `RUN curl` and verify the checksum before use.",
    fix_details: "Bad:\n\n```dockerfile\nADD https://example.com/tool.tar.gz /opt/\n```\n\nGood:\n\n```dockerfile\nADD --checksum=sha256:<digest> https://example.com/tool-1.2.3.tar.gz /opt/\n```",
    references: &[
        "https://docs.docker.com/reference/dockerfile/#add---checksum",
        "https://docs.docker.com/build/building/best-practices/#add-or-copy",
    ],
};

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    for ins in ctx.file.instructions.iter().filter(|i| i.keyword == "ADD") {
        let words = ins.words();
        if words.iter().any(|(_, w)| w.starts_with("--checksum=")) {
            continue;
        }
        for (at, w) in words.iter().filter(|(_, w)| !w.starts_with("--")) {
            let l = w.to_ascii_lowercase();
            if l.starts_with("http://") || l.starts_with("https://") || l.starts_with("git@") {
                let start = ins.pos(*at);
                let end = ins.pos(at + w.len());
                out.push(
                    Finding::new(
                        &RULE,
                        format!("`ADD {w}` downloads without verifying a checksum"),
                        ctx.loc(start, end),
                    )
                    .with_key(w.to_string())
                    .with_remediation(format!("ADD --checksum=sha256:<digest> {w} <dest>")),
                );
                break;
            }
        }
    }
}
