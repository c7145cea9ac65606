//! Rule definitions: the static shape of a built-in rule, and the trustward [`Rule`]
//! (documentation, severity, practice) each one is reported under.

use crate::builtin::BUILTIN;
use std::sync::OnceLock;
use trustward_core::{Confidence, Level, Practice, Rule, Severity};

/// One built-in secret rule, as written in [`crate::builtin`].
#[derive(Debug)]
pub struct RuleDef {
    /// Kebab-case name; the trustward rule id is `secrets/<name>`.
    pub name: &'static str,
    /// What the secret is, e.g. "GitHub classic personal access token".
    pub title: &'static str,
    /// Default severity of a finding.
    pub severity: Severity,
    /// How sure a match is.
    pub confidence: Confidence,
    /// The pattern (Rust `regex` syntax, run on bytes).
    pub regex: &'static str,
    /// The capture group holding the secret (0 = the whole match).
    pub secret_group: usize,
    /// Case-insensitive literals of which at least one occurs wherever the rule can match:
    /// the prefilter runs the regex only on buffers containing one.
    pub keywords: &'static [&'static str],
    /// Minimum Shannon entropy (bits per byte) of the secret, if any.
    pub entropy: Option<f64>,
    /// Regexes on the secret that mark it as not a secret (placeholders).
    pub allow: &'static [&'static str],
    /// Synthetic texts the rule must find a secret in.
    pub examples: &'static [&'static str],
    /// Texts it must not report.
    pub counter_examples: &'static [&'static str],
    /// The provider's documentation of the format.
    pub reference: &'static str,
}

impl RuleDef {
    /// The trustward rule id, `secrets/<name>`.
    pub fn id(&self) -> String {
        format!("secrets/{}", self.name)
    }
}

/// The rule every finding from a user-supplied (gitleaks-format) rule is reported under;
/// `data.rule` names the user's rule id.
pub static CUSTOM_RULE: Rule = Rule {
    id: "secrets/custom-rule",
    title: "Secret matched by a rule from a gitleaks configuration",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &[],
    description: "A rule from `--gitleaks-config FILE`, `.gitleaks.toml` or `[secrets] gitleaks_config` matched. \
`data.rule` names the rule id from that file.",
    why: WHY,
    fix: FIX,
    fix_details: FIX_DETAILS,
    references: &["https://github.com/gitleaks/gitleaks#configuration"],
};

const WHY: &str = "Anyone who can read the repository, a fork, a clone, its git history or a published \
package can use a committed credential until it is revoked. Deleting the line in a later commit does not \
remove it from history, mirrors or package archives.";

const FIX: &str = "Revoke or rotate the credential at its provider first, then remove it from the code \
(and from history if the repository is private and the credential cannot be revoked).";

const FIX_DETAILS: &str = "Load credentials at run time instead of committing them:\n\n\
Bad:\n\n```python\nclient = Client(token=\"<the real token pasted here>\")\n```\n\n\
Good:\n\n```python\nclient = Client(token=os.environ[\"SERVICE_TOKEN\"])\n```\n\n\
If a match is a test fixture or a documented placeholder, add `trustward:allow` on the line, \
an `[[ignore]]` entry with a reason, or an allowlist in `[secrets]`.";

/// Every built-in rule's trustward [`Rule`], in [`BUILTIN`] order, built once.
pub fn builtin_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| BUILTIN.iter().map(to_rule).collect())
}

/// Every rule the analyzer can report: the built-ins and [`CUSTOM_RULE`].
pub fn all_rules() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = builtin_rules().iter().collect();
    v.push(&CUSTOM_RULE);
    v
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn to_rule(d: &RuleDef) -> Rule {
    let entropy = d
        .entropy
        .map(|e| {
            format!(" The secret must have a Shannon entropy of at least {e} bits per character.")
        })
        .unwrap_or_default();
    Rule {
        id: leak(d.id()),
        title: leak(format!("{} committed", d.title)),
        severity: d.severity,
        confidence: d.confidence,
        practice: Practice::TechnicalSecurityGuidance,
        level: Level::Basic,
        controls: &[],
        description: leak(format!(
            "Finds a {} by its documented format (pattern `{}`; prefilter keywords: {}).{entropy} \
Placeholders such as `EXAMPLE`, `xxxx`, `${{VAR}}` and `<token>` are not reported.",
            d.title,
            d.regex.replace('`', "'"),
            d.keywords
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        why: WHY,
        fix: FIX,
        fix_details: FIX_DETAILS,
        references: Box::leak(Box::new([d.reference])),
    }
}

/// The trustward rule reported for built-in rule `name`.
pub fn rule_for(name: &str) -> Option<&'static Rule> {
    let i = BUILTIN.iter().position(|d| d.name == name)?;
    builtin_rules().get(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_sixty_rules_all_lint_clean_with_unique_ids() {
        assert!(BUILTIN.len() >= 60, "{} rules", BUILTIN.len());
        let mut ids = std::collections::BTreeSet::new();
        for r in all_rules() {
            assert!(r.lint().is_empty(), "{:?}", r.lint());
            assert!(ids.insert(r.id), "duplicate {}", r.id);
        }
        for d in BUILTIN {
            assert!(!d.keywords.is_empty(), "{} has no keywords", d.name);
            assert!(!d.examples.is_empty(), "{} has no examples", d.name);
            assert!(
                !d.counter_examples.is_empty(),
                "{} has no counter-examples",
                d.name
            );
            for k in d.keywords {
                assert_eq!(*k, k.to_lowercase(), "{}: keywords are lowercase", d.name);
            }
        }
        assert!(BUILTIN.windows(2).all(|w| w[0].name < w[1].name));
    }
}
