//! Rules: the stable, documented identity of every check trustward can report, and the
//! registry that holds them all.

use crate::osps;
use crate::severity::{Confidence, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The eight practices of the Linux Foundation's "Improving Trust and Security in Open
/// Source Projects" guide; every rule evidences exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Practice {
    /// Who owns security decisions and code areas.
    RolesAndResponsibilities,
    /// How vulnerabilities are reported and handled.
    SecurityPolicy,
    /// Who contributes, and how contributions are attributed and verified.
    KnowYourContributors,
    /// What the project depends on and how it is built.
    SoftwareSupplyChain,
    /// Secure-by-default guidance for code, CI and containers.
    TechnicalSecurityGuidance,
    /// What the project does when something goes wrong.
    SecurityPlaybooks,
    /// Automated security testing (scanning, fuzzing, secrets detection).
    SecurityTesting,
    /// How releases are produced, signed and announced.
    SecureReleasesAndUpdates,
}

impl Practice {
    /// Every practice in guide order.
    pub const ALL: [Practice; 8] = [
        Practice::RolesAndResponsibilities,
        Practice::SecurityPolicy,
        Practice::KnowYourContributors,
        Practice::SoftwareSupplyChain,
        Practice::TechnicalSecurityGuidance,
        Practice::SecurityPlaybooks,
        Practice::SecurityTesting,
        Practice::SecureReleasesAndUpdates,
    ];

    /// The kebab-case id used in JSON, SARIF tags and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Practice::RolesAndResponsibilities => "roles-and-responsibilities",
            Practice::SecurityPolicy => "security-policy",
            Practice::KnowYourContributors => "know-your-contributors",
            Practice::SoftwareSupplyChain => "software-supply-chain",
            Practice::TechnicalSecurityGuidance => "technical-security-guidance",
            Practice::SecurityPlaybooks => "security-playbooks",
            Practice::SecurityTesting => "security-testing",
            Practice::SecureReleasesAndUpdates => "secure-releases-and-updates",
        }
    }
}

impl fmt::Display for Practice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The TSI maturity level a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// What every project should do.
    Basic,
    /// What a project with users in production should do.
    Standard,
    /// What critical infrastructure projects should do.
    Advanced,
}

impl Level {
    /// The lowercase id used in JSON and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Basic => "basic",
            Level::Standard => "standard",
            Level::Advanced => "advanced",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One check's identity and documentation. Analyzers declare their rules as `static`
/// items so ids, docs and mappings live next to the check that fires them.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// Stable id `analyzer/kebab-name`, e.g. `posture/security-policy-missing`.
    pub id: &'static str,
    /// One-line title, shown in lists and as the SARIF short description.
    pub title: &'static str,
    /// Default severity before configuration overrides.
    pub severity: Severity,
    /// How sure the check is when it fires.
    pub confidence: Confidence,
    /// The TSI practice this rule evidences.
    pub practice: Practice,
    /// The TSI maturity level this rule belongs to.
    pub level: Level,
    /// OpenSSF OSPS Baseline control ids this rule evidences (e.g. `OSPS-VM-02.01`).
    pub controls: &'static [&'static str],
    /// What the rule detects (a paragraph).
    pub description: &'static str,
    /// Why it matters: the attack or failure it prevents.
    pub why: &'static str,
    /// How to fix it: the one-line remediation shown next to each finding.
    pub fix: &'static str,
    /// Longer remediation guidance in Markdown (examples, good/bad snippets); may be empty.
    pub fix_details: &'static str,
    /// Links to specifications and guidance.
    pub references: &'static [&'static str],
}

impl Rule {
    /// The analyzer part of the id (`posture` in `posture/security-policy-missing`).
    pub fn analyzer(&self) -> &'static str {
        self.id.split_once('/').map(|(a, _)| a).unwrap_or(self.id)
    }

    /// The name part of the id (`security-policy-missing`).
    pub fn name(&self) -> &'static str {
        self.id.split_once('/').map(|(_, n)| n).unwrap_or(self.id)
    }

    /// Full documentation as Markdown: what `trustward explain` prints and SARIF embeds.
    pub fn help_markdown(&self) -> String {
        let mut s = format!("# {}: {}\n\n", self.id, self.title);
        s.push_str(&format!(
            "Severity: **{}** · confidence: {} · practice: {} · level: {}",
            self.severity, self.confidence, self.practice, self.level
        ));
        if !self.controls.is_empty() {
            s.push_str(&format!(" · OSPS Baseline: {}", self.controls.join(", ")));
        }
        s.push_str("\n\n## What it finds\n\n");
        s.push_str(self.description.trim());
        s.push_str("\n\n## Why it matters\n\n");
        s.push_str(self.why.trim());
        s.push_str("\n\n## How to fix\n\n");
        s.push_str(self.fix.trim());
        if !self.fix_details.trim().is_empty() {
            s.push_str("\n\n");
            s.push_str(self.fix_details.trim());
        }
        if !self.references.is_empty() {
            s.push_str("\n\n## References\n\n");
            for r in self.references {
                s.push_str(&format!("- {r}\n"));
            }
        } else {
            s.push('\n');
        }
        s
    }

    /// Problems with this rule's declaration (id shape, empty docs, unknown controls).
    pub fn lint(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let valid_id = self.id.split_once('/').is_some_and(|(a, n)| {
            let ok = |p: &str| {
                !p.is_empty()
                    && !p.starts_with('-')
                    && !p.ends_with('-')
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            ok(a) && ok(n)
        });
        if !valid_id {
            problems.push(format!(
                "`{}` is not of the form analyzer/kebab-name",
                self.id
            ));
        }
        for (field, value) in [
            ("title", self.title),
            ("description", self.description),
            ("why", self.why),
            ("fix", self.fix),
        ] {
            if value.trim().is_empty() {
                problems.push(format!("{}: empty {field}", self.id));
            }
        }
        for c in self.controls {
            if !osps::is_known_control(c) {
                problems.push(format!("{}: unknown OSPS Baseline control `{c}`", self.id));
            }
        }
        problems
    }
}

/// Every rule of every registered analyzer, by id. Built once per run from the analyzers.
#[derive(Debug, Default, Clone)]
pub struct RuleRegistry {
    rules: BTreeMap<&'static str, &'static Rule>,
}

impl RuleRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds rules; a duplicate id is a programming error and panics in debug builds.
    pub fn register(&mut self, rules: &[&'static Rule]) {
        for r in rules {
            let previous = self.rules.insert(r.id, r);
            debug_assert!(previous.is_none(), "rule {} registered twice", r.id);
        }
    }

    /// Looks a rule up by its id.
    pub fn get(&self, id: &str) -> Option<&'static Rule> {
        self.rules.get(id).copied()
    }

    /// Every rule, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.rules.values().copied()
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the registry is empty.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rule ids close to `id`, for "did you mean" messages.
    pub fn suggest(&self, id: &str) -> Vec<&'static str> {
        let needle = id.rsplit('/').next().unwrap_or(id);
        self.rules
            .keys()
            .filter(|k| k.contains(needle) || needle.contains(k.rsplit('/').next().unwrap_or(k)))
            .copied()
            .take(5)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static R: Rule = Rule {
        id: "demo/some-rule",
        title: "A demo",
        severity: Severity::Low,
        confidence: Confidence::High,
        practice: Practice::SecurityPolicy,
        level: Level::Basic,
        controls: &["OSPS-VM-02.01"],
        description: "d",
        why: "w",
        fix: "f",
        fix_details: "",
        references: &["https://example.org"],
    };

    #[test]
    fn id_parts_and_lint() {
        assert_eq!(R.analyzer(), "demo");
        assert_eq!(R.name(), "some-rule");
        assert!(R.lint().is_empty(), "{:?}", R.lint());
        let bad = Rule {
            id: "Bad_Id",
            controls: &["OSPS-XX-99.99"],
            ..R.clone()
        };
        assert_eq!(bad.lint().len(), 2);
    }

    #[test]
    fn help_has_sections() {
        let h = R.help_markdown();
        assert!(h.contains("## Why it matters") && h.contains("https://example.org"));
    }
}
