//! `workflows/forbidden-uses`: `uses:` of an action the configuration denies.

use super::FileCtx;
use crate::model::{UsesKind, parse_uses};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/forbidden-uses",
    title: "Action on the configured deny list",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-01.03"],
    description: "A `uses:` names an action or reusable workflow matching a pattern of `[workflows] forbidden-uses` in `trustward.toml` (`owner/*`, `owner/repo`, `owner/repo/path`; case-insensitive). Nothing is forbidden by default.",
    why: "Organisations retire actions that were compromised (`tj-actions/changed-files` in 2025), abandoned, or replaced by an approved fork; the deny list keeps them from coming back in a copied workflow.",
    fix: "Replace the action with the approved alternative, or remove the pattern from `forbidden-uses` if it is allowed after all.",
    fix_details: "With\n\n```toml\n[workflows]\nforbidden-uses = [\"tj-actions/*\"]\n```\n\nthis is reported:\n\n```yaml\n- uses: tj-actions/changed-files@<sha>\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
    ],
};

/// The deny pattern `owner/repo[/path]` matches, if any.
pub fn matching<'p>(
    patterns: &'p [String],
    owner: &str,
    repo: &str,
    path: Option<&str>,
) -> Option<&'p str> {
    patterns.iter().map(String::as_str).find(|p| {
        let mut parts = p.splitn(3, '/');
        let po = parts.next().unwrap_or("");
        let pr = parts.next().unwrap_or("*");
        let pp = parts.next();
        (po == "*" || po.eq_ignore_ascii_case(owner))
            && (pr == "*" || pr.eq_ignore_ascii_case(repo))
            && match pp {
                None | Some("*") => true,
                Some(pp) => path.is_some_and(|x| x.eq_ignore_ascii_case(pp)),
            }
    })
}

/// Checks one `uses:` node.
pub fn check_node(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    if file.settings.forbidden_uses.is_empty() {
        return;
    }
    let Some(s) = node.as_str() else { return };
    let Some(UsesKind::Repository {
        owner, repo, path, ..
    }) = parse_uses(s)
    else {
        return;
    };
    if let Some(p) = matching(
        &file.settings.forbidden_uses,
        &owner,
        &repo,
        path.as_deref(),
    ) {
        out.push(
            Finding::new(
                &RULE,
                format!("`{s}` matches the forbidden pattern `{p}`"),
                file.at(node),
            )
            .with_key(format!("{owner}/{repo}"))
            .with_data("pattern", p)
            .with_remediation("Use the approved replacement for this action."),
        );
    }
}
