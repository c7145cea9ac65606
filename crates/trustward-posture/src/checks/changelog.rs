//! A changelog or release notes.

use super::Check;
use crate::repo::{Repo, stem};
use trustward_core::{AnalyzerOutput, Confidence, Finding, Level, Practice, Rule, Severity};

/// No changelog.
pub static MISSING: Rule = Rule {
    id: "posture/changelog-missing",
    title: "No changelog or release notes",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Basic,
    controls: &["OSPS-BR-04.01"],
    description: "No changelog: no `CHANGELOG`, `CHANGES`, `HISTORY`, `NEWS`, `RELEASES` or \
        `RELEASE_NOTES` file (any case, any extension) in the root, no `docs/changelog*`, \
        and no `changelog.d/` or `changelog/` fragments directory. (Release notes kept only \
        on a forge's releases page are not visible to this check.)",
    why: "Users decide whether to upgrade from the changelog: if security fixes are not \
        listed there, vulnerable versions stay deployed. OSPS Baseline asks that every \
        release describe its functional and security changes.",
    fix: "Add CHANGELOG.md and record every release's changes, with security fixes marked \
        and linked to their advisories.",
    fix_details: "```markdown\n# Changelog\n\n## [1.4.1] - 2026-11-02\n### Security\n- Fix \
path traversal in archive extraction (GHSA-xxxx-xxxx-xxxx, CVE-2026-12345).\n\n## [1.4.0] - \
2026-10-01\n### Added\n- ...\n```\n\nThe *Keep a Changelog* format works well; tools such as \
git-cliff or release-please can generate it.",
    references: &[
        "https://keepachangelog.com/en/1.1.0/",
        "https://baseline.openssf.org/versions/2026-02-19#osps-br-04",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "changelog",
    rules: &[&MISSING],
    run,
};

pub(crate) fn is_changelog(n: &str) -> bool {
    matches!(
        stem(n),
        "changelog"
            | "changes"
            | "history"
            | "news"
            | "releases"
            | "release_notes"
            | "release-notes"
            | "releasenotes"
    )
}

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    if !repo.in_dir("", is_changelog).is_empty()
        || !repo
            .in_dir("docs", |n| n.starts_with("changelog"))
            .is_empty()
        || !repo.under_ci("changelog.d").is_empty()
        || !repo.under_ci("changelog").is_empty()
        || !repo.under_ci("docs/changelog").is_empty()
    {
        return;
    }
    out.findings.push(
        Finding::new(
            &MISSING,
            "No changelog or release notes (CHANGELOG.md)",
            repo.anchor(),
        )
        .with_key("CHANGELOG"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "changelog.md",
            "changes",
            "history.rst",
            "news.txt",
            "releases.md",
            "release-notes.md",
            "release_notes",
        ] {
            assert!(is_changelog(n), "{n}");
        }
        for n in ["change.md", "readme.md", "newsletter.md"] {
            assert!(!is_changelog(n), "{n}");
        }
    }
}
