//! `workflows/dockerfile-root-user`: the final image runs as root.

use super::DockerCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-root-user",
    title: "Container runs as root",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &[],
    description: "The final stage of the Dockerfile has no `USER` instruction, or its last `USER` is `root` / `0`. Reported at the final `FROM` (or the `USER root` line). Final stages `FROM scratch` with no `RUN` are not reported.",
    why: "A process running as root inside the container turns any code-execution bug into root in the container, and a container escape or a writable host mount into root on the host.",
    fix: "Create an unprivileged user and switch to it at the end of the final stage: `USER 10001:10001`.",
    fix_details: "Bad:\n\n```dockerfile\nFROM debian:12-slim@sha256:<digest>\nCOPY app /usr/local/bin/app\nCMD [\"app\"]\n```\n\nGood:\n\n```dockerfile\nFROM debian:12-slim@sha256:<digest>\nRUN useradd --uid 10001 --no-create-home app\nCOPY app /usr/local/bin/app\nUSER 10001:10001\nCMD [\"app\"]\n```",
    references: &[
        "https://docs.docker.com/build/building/best-practices/#user",
        "https://docs.docker.com/reference/dockerfile/#user",
    ],
};

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    let ins = &ctx.file.instructions;
    let Some(last_from) = ins.iter().rposition(|i| i.keyword == "FROM") else {
        return;
    };
    let stage = &ins[last_from..];
    let from = &ins[last_from];
    let scratch = from
        .from_parts()
        .is_some_and(|f| f.image.1.eq_ignore_ascii_case("scratch"));
    let last_user = stage.iter().rfind(|i| i.keyword == "USER");
    match last_user {
        Some(u) => {
            let who = u.args.split(':').next().unwrap_or("").trim();
            if who == "root" || who == "0" {
                out.push(
                    Finding::new(
                        &RULE,
                        "the final stage switches to `USER root` and never back",
                        ctx.loc((u.line, u.col), (u.end_line, u.end_col)),
                    )
                    .with_key("user-root")
                    .with_remediation("USER 10001:10001"),
                );
            }
        }
        None if scratch && !stage.iter().any(|i| i.keyword == "RUN") => {}
        None => {
            out.push(
                Finding::new(
                    &RULE,
                    "the final stage has no `USER` instruction, so the container runs as root",
                    ctx.loc((from.line, from.col), (from.line, from.col + 4)),
                )
                .with_key("no-user")
                .with_remediation("RUN useradd --uid 10001 --no-create-home app\nUSER 10001:10001"),
            );
        }
    }
}
