//! `workflows/dockerfile-secret-in-env`: secrets passed through `ENV` or `ARG`.

use super::DockerCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-secret-in-env",
    title: "Secret in a Dockerfile ENV or ARG",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-07.01"],
    description: "An `ENV` or `ARG` whose name says it holds a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, `*ACCESS_KEY*`, `*PRIVATE_KEY*`, `*CREDENTIALS*`). A literal value is high severity; a value from a build argument, or an `ARG` without a default, is medium.",
    why: "`ENV` values are stored in the image configuration and `ARG` values in the build history (`docker history`, provenance): anyone who can pull the image can read them.",
    fix: "Use BuildKit secret mounts (`RUN --mount=type=secret,id=token …`) for build-time secrets and inject runtime secrets when the container starts.",
    fix_details: "Bad:\n\n```dockerfile\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci\n```\n\nGood:\n\n```dockerfile\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n```\n\nbuilt with `docker build --secret id=npm_token,env=NPM_TOKEN .`",
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
    ],
};

const MARKERS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
];

fn secret_name(n: &str) -> bool {
    let u = n.to_ascii_uppercase();
    MARKERS.iter().any(|m| u.contains(m)) && !u.ends_with("_FILE") && !u.ends_with("_PATH")
}

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    for ins in ctx
        .file
        .instructions
        .iter()
        .filter(|i| i.keyword == "ENV" || i.keyword == "ARG")
    {
        let words = ins.words();
        // legacy `ENV KEY value` form
        let pairs: Vec<(usize, &str, Option<&str>)> =
            if ins.keyword == "ENV" && words.len() >= 2 && !words[0].1.contains('=') {
                vec![(words[0].0, words[0].1, Some(words[1].1))]
            } else {
                words
                    .iter()
                    .map(|(at, w)| match w.split_once('=') {
                        Some((k, v)) => (*at, k, Some(v)),
                        None => (*at, *w, None),
                    })
                    .collect()
            };
        for (at, name, value) in pairs {
            if !secret_name(name) {
                continue;
            }
            let value = value.map(|v| v.trim_matches('"').trim_matches('\''));
            let (sev, how) = match value {
                Some("") => continue,
                Some(v) if v.starts_with('$') => (
                    Severity::Medium,
                    "is set from a build argument and stored in the image",
                ),
                Some(_) => (Severity::High, "has a literal value stored in the image"),
                None if ins.keyword == "ARG" => (
                    Severity::Medium,
                    "is a build argument recorded in the build history",
                ),
                None => continue,
            };
            let start = ins.pos(at);
            let end = ins.pos(at + name.len());
            out.push(
                Finding::new(
                    &RULE,
                    format!("`{} {name}` {how}", ins.keyword),
                    ctx.loc(start, end),
                )
                .with_severity(sev)
                .with_key(format!("{} {name}", ins.keyword))
                .with_remediation(format!(
                    "RUN --mount=type=secret,id={},env={name} <command>",
                    name.to_ascii_lowercase()
                )),
            );
        }
    }
}
