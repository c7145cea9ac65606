//! Rule definitions: the data files under `rules/*.toml` (compiled in by `build.rs`,
//! parsed once on first use), and the trustward [`Rule`] each one is reported under.
//! The format is described in `docs/secrets.md` ("Rule files").

use serde::Deserialize;
use std::sync::OnceLock;
use trustward_core::{Confidence, Level, Practice, Rule, Severity};

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// How a rule matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One regex; the secret is its capture group.
    #[default]
    Regex,
    /// Two parts (an identifier and a secret) within `parts.within_lines` lines.
    Pair,
    /// A generic-looking token within `within_chars` characters after a vendor keyword.
    Context,
}

/// The two regexes of a `kind = "pair"` rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parts {
    /// The identifier part (client id, account name); capture group 1 or the whole match.
    pub id: String,
    /// The secret part; capture group 1 or the whole match.
    pub secret: String,
    /// How many lines apart the two may be (default 5).
    #[serde(default = "default_within_lines")]
    pub within_lines: usize,
}

fn default_within_lines() -> usize {
    5
}

fn default_severity() -> Severity {
    Severity::High
}

fn default_confidence() -> Confidence {
    Confidence::Medium
}

/// One rule of a `rules/*.toml` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Kebab-case name; the trustward rule id is `secrets/<id>`.
    pub id: String,
    /// What the secret is, e.g. "GitHub classic personal access token".
    pub title: String,
    /// Default severity of a finding.
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// How sure a match is.
    #[serde(default = "default_confidence")]
    pub confidence: Confidence,
    /// How the rule matches.
    #[serde(default)]
    pub kind: Kind,
    /// Lowercase literals of which at least one occurs wherever the rule can match:
    /// the prefilter runs the regex only on buffers containing one.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The pattern (Rust `regex` syntax, run on bytes); for a pair rule, optional.
    #[serde(default)]
    pub regex: String,
    /// The capture group holding the secret (default: 1 if the regex has groups, else 0).
    pub secret_group: Option<usize>,
    /// Minimum Shannon entropy (bits per byte) of the secret, if any.
    pub entropy: Option<f64>,
    /// Regexes on the secret that mark it as not a secret (placeholders).
    #[serde(default)]
    pub allow: Vec<String>,
    /// The rule applies only to paths matching one of these regexes.
    #[serde(default)]
    pub paths: Vec<String>,
    /// The provider's documentation of the format.
    #[serde(default)]
    pub references: Vec<String>,
    /// The live validator for `secrets --validate`.
    pub validate: Option<String>,
    /// Texts the rule must find exactly one secret in.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Texts it must not report.
    #[serde(default)]
    pub counter_examples: Vec<String>,
    /// The path the examples are scanned under (for rules with `paths`; default `x.txt`).
    pub example_path: Option<String>,
    /// The two parts of a pair rule.
    pub parts: Option<Parts>,
    /// Context rules: how far after a keyword the token may start (default 40).
    pub within_chars: Option<usize>,
    /// Pair rules: the confidence of the secret part found alone (none = not reported).
    pub alone_confidence: Option<Confidence>,
    /// The file the rule came from (set by the loader).
    #[serde(skip)]
    pub file: &'static str,
}

impl RuleDef {
    /// The trustward rule id, `secrets/<id>`.
    pub fn rule_id(&self) -> String {
        format!("secrets/{}", self.id)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleDef>,
}

/// Parses one rule file's text.
pub fn parse_file(name: &'static str, text: &str) -> Result<Vec<RuleDef>, String> {
    let f: RuleFile = toml::from_str(text).map_err(|e| format!("rules/{name}: {e}"))?;
    Ok(f.rule
        .into_iter()
        .map(|mut r| {
            r.file = name;
            r
        })
        .collect())
}

struct Loaded {
    defs: Vec<RuleDef>,
    errors: Vec<String>,
}

fn loaded() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(|| {
        let mut defs = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in RULE_FILES {
            match parse_file(name, text) {
                Ok(d) => defs.extend(d),
                Err(e) => errors.push(e),
            }
        }
        // Sorted by id: the order ties are broken in, independent of file layout.
        defs.sort_by(|a, b| a.id.cmp(&b.id));
        Loaded { defs, errors }
    })
}

/// Every built-in rule definition, sorted by id, parsed once.
pub fn defs() -> &'static [RuleDef] {
    &loaded().defs
}

/// Rule files that did not parse (a test keeps this empty).
pub fn load_errors() -> &'static [String] {
    &loaded().errors
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

/// Every built-in rule's trustward [`Rule`], in [`defs`] order, built once.
pub fn builtin_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| defs().iter().map(to_rule).collect())
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
        id: leak(d.rule_id()),
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
            if d.regex.is_empty() {
                d.parts
                    .as_ref()
                    .map_or(String::new(), |p| format!("{} … {}", p.id, p.secret))
            } else {
                d.regex.clone()
            }
            .replace('`', "'"),
            d.keywords
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        why: WHY,
        fix: FIX,
        fix_details: FIX_DETAILS,
        references: Box::leak(
            d.references
                .iter()
                .map(|r| leak(r.clone()))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
    }
}

/// The trustward rule reported for built-in rule `name`.
pub fn rule_for(name: &str) -> Option<&'static Rule> {
    let i = defs().iter().position(|d| d.id == name)?;
    builtin_rules().get(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_ids_unique_rules_lint_clean() {
        assert!(load_errors().is_empty(), "{:#?}", load_errors());
        assert!(defs().len() >= 60, "{} rules", defs().len());
        let mut ids = std::collections::BTreeMap::new();
        for d in defs() {
            if let Some(other) = ids.insert(d.id.as_str(), d.file) {
                panic!(
                    "duplicate id {} in rules/{} and rules/{other}",
                    d.id, d.file
                );
            }
        }
        for r in all_rules() {
            assert!(r.lint().is_empty(), "{}: {:?}", r.id, r.lint());
        }
    }
}
