//! Maturity checks whose evidence lives outside the files of a repository — in the
//! forge's settings, the git history or the published releases — declared here, under
//! the name of the analyzer that will evaluate them (`forge/…`, `history/…`,
//! `releases/…`), until that analyzer exists. They are part of the catalogue so the
//! report shows them as "not evaluated" with why, never silently dropped; the analyzer
//! that lands takes them over (moving the statics into its crate and declaring them in
//! its `checks()`).

use trustward_core::maturity::Check;
use trustward_core::{Level, Practice};

macro_rules! pending {
    ($name:ident, $id:literal, $title:literal, $practice:ident, $level:ident, [$($c:literal),*], $how:literal, $why:literal) => {
        static $name: Check = Check {
            id: $id,
            title: $title,
            practice: Practice::$practice,
            level: Level::$level,
            controls: &[$($c),*],
            how: $how,
            why_level: $why,
        };
    };
}

pending!(
    MFA,
    "forge/mfa-required",
    "The forge requires multi-factor authentication of every member",
    KnowYourContributors,
    Standard,
    ["OSPS-AC-01.01"],
    "Needs the organisation's settings on the forge (e.g. GitHub's \"require two-factor authentication\").",
    "Stolen passwords are the commonest account takeover; MFA is expected of any project past the basics."
);
pending!(
    BRANCH_PROTECTED,
    "forge/branch-protected",
    "The primary branch is protected against direct pushes and deletion",
    KnowYourContributors,
    Standard,
    ["OSPS-AC-03.01", "OSPS-AC-03.02"],
    "Needs the branch protection rules or rulesets of the default branch.",
    "Every change goes through review only once direct pushes are blocked."
);
pending!(
    REVIEW_REQUIRED,
    "forge/review-required",
    "Merging needs an approval by someone other than the author",
    KnowYourContributors,
    Advanced,
    ["OSPS-QA-07.01"],
    "Needs the required-reviews setting of the default branch.",
    "Two-person review of every change is the strongest contributor control."
);
pending!(
    LEAST_PRIVILEGE,
    "forge/collaborators-least-privilege",
    "New collaborators get the lowest permissions by default",
    RolesAndResponsibilities,
    Advanced,
    ["OSPS-AC-02.01"],
    "Needs the organisation's base permissions and the collaborators' roles.",
    "Fine-grained access management is expected of mature projects."
);
pending!(
    STATUS_CHECKS,
    "forge/status-checks-required",
    "Status checks must pass before a change is merged",
    SecurityTesting,
    Advanced,
    ["OSPS-QA-03.01"],
    "Needs the required status checks of the default branch.",
    "Making CI a gate, not advice, is an advanced testing practice."
);
pending!(
    PUBLIC_REPO,
    "forge/public-repository",
    "The source repository is publicly readable at a static URL",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-QA-01.01"],
    "Needs the repository's visibility on the forge.",
    "Checked with the forge's data; files cannot show it."
);
pending!(
    DISCUSSION,
    "forge/public-discussion",
    "Users can discuss changes and problems publicly (issues or discussions enabled)",
    SecurityPolicy,
    Advanced,
    ["OSPS-GV-02.01"],
    "Needs whether issues or discussions are enabled on the forge.",
    "Checked with the forge's data; files cannot show it."
);
pending!(
    ADVISORIES,
    "forge/advisories-published",
    "Discovered vulnerabilities are published as advisories",
    SecurityPlaybooks,
    Advanced,
    ["OSPS-VM-04.01"],
    "Needs the repository's published security advisories.",
    "Publishing advisories is the last step of a complete vulnerability process."
);
pending!(
    SIGNED_OFF,
    "history/commits-signed-off",
    "Contributors assert their right to contribute on every commit (DCO sign-off or CLA)",
    KnowYourContributors,
    Advanced,
    ["OSPS-LE-01.01"],
    "Needs the git history (a `Signed-off-by:` trailer on every commit) or the forge's CLA check.",
    "Provenance of every contribution is the advanced contributor practice."
);
pending!(
    CHANGE_RECORD,
    "history/change-record",
    "The history records who changed what and when",
    KnowYourContributors,
    Advanced,
    ["OSPS-QA-01.02"],
    "Needs the git history (authors, committers, dates, no rewritten public history).",
    "Checked with the history; files cannot show it."
);
pending!(
    UNIQUE_VERSIONS,
    "releases/unique-versions",
    "Every release has a unique version identifier",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-BR-02.01"],
    "Needs the published releases and tags.",
    "Checked with the releases; files cannot show it."
);
pending!(
    ASSETS_IDENTIFIED,
    "releases/assets-identified",
    "Every release asset is associated with its release identifier",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-BR-02.02"],
    "Needs the published release assets.",
    "Checked with the releases; files cannot show it."
);
pending!(
    LICENCE_WITH_ASSETS,
    "releases/licence-with-assets",
    "Released assets carry an open-source licence",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-LE-02.02", "OSPS-LE-03.02"],
    "Needs the published release assets.",
    "Checked with the releases; files cannot show it."
);

/// Every pending check.
pub static ALL: &[&Check] = &[
    &MFA,
    &BRANCH_PROTECTED,
    &REVIEW_REQUIRED,
    &LEAST_PRIVILEGE,
    &STATUS_CHECKS,
    &PUBLIC_REPO,
    &DISCUSSION,
    &ADVISORIES,
    &SIGNED_OFF,
    &CHANGE_RECORD,
    &UNIQUE_VERSIONS,
    &ASSETS_IDENTIFIED,
    &LICENCE_WITH_ASSETS,
];
