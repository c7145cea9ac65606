//! `workflows/unpinned-uses`: actions and reusable workflows not pinned to a full
//! commit SHA.

use super::FileCtx;
use crate::model::{UsesKind, is_commit_sha, parse_uses};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unpinned-uses",
    title: "Action or reusable workflow not pinned to a commit SHA",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `uses:` names an action or reusable workflow by tag or branch (`@v4`, `@main`) or without a ref, instead of a full 40-character commit SHA. Branch refs and missing refs are high severity; tags of first-party `actions/*` and `github/*` are low; other tags medium. Patterns listed in `[workflows] allow-ref-pinned` are not reported. Local (`./…`) actions are not reported.",
    why: "Tags and branches are mutable: whoever controls (or compromises) the action's repository can move them to malicious code that then runs in your workflows with your secrets, as happened with `tj-actions/changed-files` in March 2025.",
    fix: "Pin to the full commit SHA of the release and keep the version in a comment (`uses: actions/checkout@<40-hex sha> # v4.2.2`); let Dependabot or Renovate update both.",
    fix_details: "Bad:\n\n```yaml\n- uses: tj-actions/changed-files@v45\n```\n\nGood:\n\n```yaml\n- uses: tj-actions/changed-files@<40-hex commit sha> # v45.0.8\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
        "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3",
    ],
};

/// Checks one `uses:` node (step or reusable-workflow call).
pub fn check_node(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    let Some(s) = node.as_str() else { return };
    let Some(UsesKind::Repository {
        owner,
        repo,
        git_ref,
        ..
    }) = parse_uses(s)
    else {
        return;
    };
    if is_commit_sha(&git_ref) || s.contains("${{") || file.settings.ref_pin_allowed(&owner, &repo)
    {
        return;
    }
    let first_party = owner.eq_ignore_ascii_case("actions") || owner.eq_ignore_ascii_case("github");
    let looks_like_tag = git_ref.starts_with('v')
        && git_ref[1..].starts_with(|c: char| c.is_ascii_digit())
        || git_ref.starts_with(|c: char| c.is_ascii_digit())
        || git_ref.starts_with("release/");
    let (severity, why) = if git_ref.is_empty() {
        (Severity::High, "has no ref at all".to_string())
    } else if !looks_like_tag {
        (Severity::High, format!("follows the branch `{git_ref}`"))
    } else if first_party {
        (
            Severity::Low,
            format!("is pinned to the mutable tag `{git_ref}`"),
        )
    } else {
        (
            Severity::Medium,
            format!("is pinned to the mutable tag `{git_ref}`"),
        )
    };
    let name = s.split('@').next().unwrap_or(s);
    out.push(
        Finding::new(&RULE, format!("`{s}` {why}, not a commit SHA"), file.at(node))
            .with_severity(severity)
            .with_key(s.to_string())
            .with_data("action", name)
            .with_data("ref", git_ref.clone())
            .with_remediation(format!(
                "Pin the commit the tag points at and keep the tag as a comment:\n\nuses: {name}@<40-hex commit sha> # {}",
                if git_ref.is_empty() { "vX.Y.Z" } else { &git_ref }
            )),
    );
}
