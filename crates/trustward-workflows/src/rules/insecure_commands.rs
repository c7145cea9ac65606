//! `workflows/insecure-commands`: `ACTIONS_ALLOW_UNSECURE_COMMANDS` re-enables the
//! deprecated `::set-env::`/`::add-path::` workflow commands.

use super::{FileCtx, env_entries};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/insecure-commands",
    title: "Deprecated insecure workflow commands enabled",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-01.01"],
    description: "An `env:` block sets `ACTIONS_ALLOW_UNSECURE_COMMANDS` to a true value.",
    why: "With it, any process that prints `::set-env name=…::` or `::add-path::` to the log (a test printing a pull request title, a dependency) sets environment variables such as `LD_PRELOAD`, `NODE_OPTIONS` or `PATH` for later steps: code execution from log output (CVE-2020-15228).",
    fix: "Remove the variable and write to the `$GITHUB_ENV` / `$GITHUB_PATH` files instead.",
    fix_details: "Bad:\n\n```yaml\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\nsteps:\n  - run: echo \"::add-path::$HOME/bin\"\n```\n\nGood:\n\n```yaml\nsteps:\n  - run: echo \"$HOME/bin\" >> \"$GITHUB_PATH\"\n```",
    references: &[
        "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/",
        "https://github.com/advisories/GHSA-mfwh-5m23-j46w",
    ],
};

/// Checks one `env:` mapping.
pub fn check_env(file: &FileCtx<'_>, env: Option<&Node>, out: &mut Vec<Finding>) {
    for (k, v) in env_entries(env) {
        if k.as_str() != Some("ACTIONS_ALLOW_UNSECURE_COMMANDS") {
            continue;
        }
        let truthy = v.as_str().is_some_and(|s| {
            let s = s.trim().to_ascii_lowercase();
            !(s.is_empty() || s == "false" || s == "0")
        });
        if truthy {
            out.push(
                Finding::new(&RULE, "`ACTIONS_ALLOW_UNSECURE_COMMANDS` re-enables `::set-env::` and `::add-path::`", file.at(k))
                    .with_key(format!("{}:{}", k.span.start.line, "ACTIONS_ALLOW_UNSECURE_COMMANDS"))
                    .with_remediation("Delete the variable and use the environment files:\n\nrun: echo \"NAME=value\" >> \"$GITHUB_ENV\""),
            );
        }
    }
}
