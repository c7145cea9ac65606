//! `workflows/dependabot-cooldown`: Dependabot proposing brand-new releases immediately.

use super::FileCtx;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dependabot-cooldown",
    title: "Dependabot updates have no cooldown",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Advanced,
    controls: &["OSPS-BR-01.03"],
    description: "An `updates:` entry of `.github/dependabot.yml` has no `cooldown:` (or a `default-days` below 3), so Dependabot opens pull requests for releases minutes after they are published.",
    why: "Most malicious package releases are detected and pulled within days; a cooldown keeps them from being proposed (and merged on a green CI) in that window.",
    fix: "Add `cooldown: { default-days: 7 }` to each update entry.",
    fix_details: "Bad:\n\n```yaml\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: daily }\n```\n\nGood:\n\n```yaml\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: daily }\n    cooldown:\n      default-days: 7\n```",
    references: &[
        "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#cooldown-",
    ],
};

/// Checks the dependabot file.
pub fn check(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    for u in root.get("updates").and_then(Node::as_seq).unwrap_or(&[]) {
        let eco = u.get_str("package-ecosystem").unwrap_or("?");
        let dir = u.get_str("directory").unwrap_or("");
        let (node, msg) = match u.entry("cooldown") {
            None => (
                u.entry("package-ecosystem").map(|(k, _)| k).unwrap_or(u),
                format!("Dependabot updates for `{eco}` have no cooldown"),
            ),
            Some((k, v)) => {
                let days = v
                    .get_str("default-days")
                    .and_then(|d| d.parse::<u32>().ok())
                    .unwrap_or(0);
                if days >= 3 {
                    continue;
                }
                (k, format!("Dependabot cooldown for `{eco}` is {days} days"))
            }
        };
        out.push(
            Finding::new(&RULE, msg, file.at(node))
                .with_key(format!("{eco}/{dir}"))
                .with_remediation("cooldown:\n  default-days: 7"),
        );
    }
}
