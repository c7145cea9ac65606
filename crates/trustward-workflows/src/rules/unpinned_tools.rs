//! `workflows/unpinned-tools`: `setup-*` actions asked for `latest` or a version range.

use super::StepsCtx;
use crate::model::{UsesKind, parse_uses};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unpinned-tools",
    title: "Tool version in a setup action is `latest` or a range",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Advanced,
    controls: &["OSPS-BR-01.03"],
    description: "A `setup-*` action (or another action's `*-version`/`version` input) is given `latest`, `*`, `stable`, `lts/*`, `node`, a wildcard (`3.x`, `18.*`) or a range (`^1.2`, `~1.2`, `>=1.2`) instead of an exact version or a version file.",
    why: "The tool that builds and tests the release then changes under the workflow without any commit: a compromised or broken release is picked up on the next run, and two runs of the same commit use different compilers or interpreters.",
    fix: "Pin an exact version (`node-version: 20.11.1`) or read it from a committed file (`node-version-file: .nvmrc`, `python-version-file: .python-version`) updated by Dependabot or Renovate.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/setup-node@<sha>\n  with:\n    node-version: latest\n```\n\nGood:\n\n```yaml\n- uses: actions/setup-node@<sha>\n  with:\n    node-version-file: .nvmrc\n```",
    references: &[
        "https://github.com/actions/setup-node#usage",
        "https://github.com/actions/setup-python#usage",
    ],
};

/// Whether a version input value floats.
pub fn floating(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    if v.contains("${{") || v.is_empty() {
        return false;
    }
    matches!(
        v.as_str(),
        "latest"
            | "*"
            | "x"
            | "stable"
            | "oldstable"
            | "lts"
            | "lts/*"
            | "node"
            | "current"
            | "nightly"
    ) || v.starts_with(['^', '~', '>', '<'])
        || v.split('.').any(|s| s == "x" || s == "*")
}

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        let Some(UsesKind::Repository { repo, .. }) = step.uses_str().and_then(parse_uses) else {
            continue;
        };
        if !repo.to_ascii_lowercase().starts_with("setup-") {
            continue;
        }
        let Some(with) = step.with.and_then(|w| w.as_map()) else {
            continue;
        };
        for (k, v) in with {
            let Some(key) = k.as_str() else { continue };
            if !(key == "version" || key.ends_with("-version")) {
                continue;
            }
            // a list of versions (one per line) floats if any of them does
            let Some(val) = v.as_str() else { continue };
            if let Some(bad) = val.lines().find(|l| floating(l)) {
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "`{key}: {}` in {} floats to whatever is newest",
                            bad.trim(),
                            ctx.owner()
                        ),
                        ctx.file.at(v),
                    )
                    .with_key(format!("{}/{key}", ctx.key_prefix(step)))
                    .with_remediation(format!("with:\n  {key}: <exact version, e.g. 1.2.3>")),
                );
            }
        }
    }
}
