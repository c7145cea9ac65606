//! `workflows/dependabot-insecure-execution`: Dependabot allowed to run code from
//! dependencies while it holds registry credentials.

use super::FileCtx;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dependabot-insecure-execution",
    title: "Dependabot may execute dependency code during updates",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "An `updates:` entry of `.github/dependabot.yml` sets `insecure-external-code-execution: allow`.",
    why: "Dependabot then runs package-manager code (e.g. `setup.py`, gemspecs) from the dependencies it updates, with access to the private registry credentials configured for it: a malicious new version can steal them.",
    fix: "Remove `insecure-external-code-execution: allow` (the default is `deny`).",
    fix_details: "Bad:\n\n```yaml\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule: { interval: weekly }\n    insecure-external-code-execution: allow\n```\n\nGood:\n\n```yaml\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule: { interval: weekly }\n```",
    references: &[
        "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#insecure-external-code-execution--",
    ],
};

/// Checks the dependabot file.
pub fn check(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    for u in root.get("updates").and_then(Node::as_seq).unwrap_or(&[]) {
        if let Some(v) = u.get("insecure-external-code-execution")
            && v.as_str() == Some("allow")
        {
            let eco = u.get_str("package-ecosystem").unwrap_or("?");
            out.push(
                Finding::new(
                    &RULE,
                    format!("Dependabot updates for `{eco}` may execute dependency code"),
                    file.at(v),
                )
                .with_key(format!("{eco}/{}", u.get_str("directory").unwrap_or("")))
                .with_remediation(
                    "Delete the line; the default is:\n\ninsecure-external-code-execution: deny",
                ),
            );
        }
    }
}
