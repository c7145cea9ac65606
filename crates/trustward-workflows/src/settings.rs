//! The `[workflows]` table of `trustward.toml`.

use serde::Deserialize;

/// Settings of the `workflows` analyzer.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// `uses:` patterns (`owner/*`, `owner/repo`) that may be pinned by tag instead of
    /// commit SHA (e.g. `["actions/*", "github/*"]`). Default: none, every action must be
    /// pinned by SHA.
    pub allow_ref_pinned: Vec<String>,
    /// `uses:` patterns (`owner/*`, `owner/repo`, `owner/repo/path`) that must not be used
    /// at all (`workflows/forbidden-uses`). Default: none.
    pub forbidden_uses: Vec<String>,
    /// Skip Dockerfiles.
    pub skip_dockerfiles: bool,
}

impl Settings {
    /// Whether `owner/repo` may be ref-pinned by configuration.
    pub fn ref_pin_allowed(&self, owner: &str, repo: &str) -> bool {
        self.allow_ref_pinned.iter().any(|p| {
            let p = p.to_ascii_lowercase();
            let (po, pr) = p.split_once('/').unwrap_or((p.as_str(), "*"));
            (po == "*" || po.eq_ignore_ascii_case(owner))
                && (pr == "*" || pr.eq_ignore_ascii_case(repo))
        })
    }
}
