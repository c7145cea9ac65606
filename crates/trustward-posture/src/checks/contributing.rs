//! A contribution guide.

use super::Check;
use crate::repo::{Repo, stem};
use trustward_core::{AnalyzerOutput, Confidence, Finding, Level, Practice, Rule, Severity};

/// No contribution guide.
pub static MISSING: Rule = Rule {
    id: "posture/contributing-missing",
    title: "No contribution guide (CONTRIBUTING.md)",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::KnowYourContributors,
    level: Level::Basic,
    controls: &["OSPS-GV-03.01", "OSPS-GV-03.02"],
    description: "No `CONTRIBUTING` file (any case; `.md`, `.rst`, `.txt`, `.adoc` or no \
        extension) in the root, `.github/` or `docs/`.",
    why: "The contribution guide is where a project states how changes are proposed, \
        reviewed and accepted, and what it requires of contributors (tests, sign-off, signed \
        commits). Without it, review is ad hoc and contributors cannot meet rules they never \
        saw.",
    fix: "Add CONTRIBUTING.md describing how to propose a change, how it is reviewed, and \
        the requirements for acceptance.",
    fix_details: "```markdown\n# Contributing\n\n1. Open an issue to discuss larger changes \
first.\n2. Fork, branch, and open a pull request against `main`.\n3. Every change needs \
tests and a CHANGELOG entry, passes CI, and is approved by a code owner.\n4. Sign off your \
commits (`git commit -s`) to certify the Developer Certificate of Origin.\n\nSecurity \
issues: see SECURITY.md, never a public issue.\n```",
    references: &[
        "https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/setting-guidelines-for-repository-contributors",
        "https://baseline.openssf.org/versions/2026-02-19#osps-gv-03",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "contributing",
    rules: &[&MISSING],
    run,
};

pub(crate) fn is_contributing(n: &str) -> bool {
    stem(n) == "contributing"
}

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    for dir in ["", ".github", "docs"] {
        if !repo.in_dir(dir, is_contributing).is_empty() {
            return;
        }
    }
    out.findings.push(
        Finding::new(
            &MISSING,
            "No contribution guide (CONTRIBUTING.md) in the root, .github/ or docs/",
            repo.anchor(),
        )
        .with_key("CONTRIBUTING"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_contributing("contributing.md"));
        assert!(is_contributing("contributing"));
        assert!(is_contributing("contributing.rst"));
        assert!(!is_contributing("contributors.md"));
    }
}
