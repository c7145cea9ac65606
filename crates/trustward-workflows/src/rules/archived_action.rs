//! `workflows/archived-action`: actions whose repositories are archived (no more fixes,
//! including security fixes).

use super::FileCtx;
use crate::model::{UsesKind, parse_uses};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/archived-action",
    title: "Action from an archived, unmaintained repository",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `uses:` names an action whose repository has been archived by its owner: the whole `actions-rs/*` organisation, `actions/create-release`, `actions/upload-release-asset`, `actions/setup-ruby`, `actions/setup-elixir`, `actions/setup-haskell`, `haskell/actions`, `crazy-max/ghaction-docker-buildx`. The list is built in and works offline.",
    why: "Archived actions get no fixes: they run on deprecated Node runtimes, use removed workflow commands, and any vulnerability found in them stays. Their maintained successors are drop-in replacements.",
    fix: "Switch to the maintained successor (`dtolnay/rust-toolchain` or `actions-rust-lang/setup-rust-toolchain` for `actions-rs/toolchain`, plain `run: cargo …` for `actions-rs/cargo`, `softprops/action-gh-release` or `gh release` for `actions/create-release`, `ruby/setup-ruby`, `erlef/setup-beam`, `haskell-actions/setup`, `docker/setup-buildx-action`).",
    fix_details: "Bad:\n\n```yaml\n- uses: actions-rs/toolchain@v1\n  with:\n    toolchain: stable\n- uses: actions-rs/cargo@v1\n  with:\n    command: test\n```\n\nGood:\n\n```yaml\n- uses: dtolnay/rust-toolchain@<sha> # stable\n- run: cargo test\n```",
    references: &[
        "https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories",
        "https://github.com/actions-rs/toolchain",
    ],
};

const ARCHIVED: &[(&str, &str, &str)] = &[
    (
        "actions-rs",
        "*",
        "dtolnay/rust-toolchain (toolchain) or plain `run: cargo …`",
    ),
    (
        "actions",
        "create-release",
        "softprops/action-gh-release or `gh release create`",
    ),
    (
        "actions",
        "upload-release-asset",
        "softprops/action-gh-release or `gh release upload`",
    ),
    ("actions", "setup-ruby", "ruby/setup-ruby"),
    ("actions", "setup-elixir", "erlef/setup-beam"),
    ("actions", "setup-haskell", "haskell-actions/setup"),
    ("haskell", "actions", "haskell-actions/setup"),
    (
        "crazy-max",
        "ghaction-docker-buildx",
        "docker/setup-buildx-action",
    ),
];

/// Checks one `uses:` node.
pub fn check_node(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    let Some(UsesKind::Repository { owner, repo, .. }) = node.as_str().and_then(parse_uses) else {
        return;
    };
    let Some((_, _, successor)) = ARCHIVED.iter().find(|(o, r, _)| {
        o.eq_ignore_ascii_case(&owner) && (*r == "*" || r.eq_ignore_ascii_case(&repo))
    }) else {
        return;
    };
    out.push(
        Finding::new(
            &RULE,
            format!("`{owner}/{repo}` is archived and receives no fixes"),
            file.at(node),
        )
        .with_key(format!("{owner}/{repo}"))
        .with_remediation(format!("Replace it with {successor}.")),
    );
}
