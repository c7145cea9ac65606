//! `workflows/ref-version-mismatch`: a `uses:` whose version comment contradicts its ref,
//! where this is visible without the network.

use super::FileCtx;
use crate::model::{UsesKind, is_commit_sha, parse_uses};
use crate::yaml::Node;
use std::collections::BTreeMap;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/ref-version-mismatch",
    title: "Version comment does not match the pinned ref",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "The `# vX.Y.Z` comment after a `uses:` disagrees with what is pinned, in ways visible offline: a tag ref whose comment names another version (`@v4 # v3.6.0`), one commit SHA commented with two different versions in the same file, or one version comment on two different SHAs of the same action.",
    why: "Reviewers and update bots trust the comment; a SHA that is not the commit of the version it claims hides a downgrade to a vulnerable release or a swap to an unreviewed (possibly impostor) commit.",
    fix: "Re-pin: look up the commit of the release you want (`git ls-remote https://github.com/OWNER/REPO refs/tags/vX.Y.Z`) and write that SHA with that version in the comment.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/checkout@v4 # v3.6.0\n```\n\nGood:\n\n```yaml\n- uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
        "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/keeping-your-actions-up-to-date-with-dependabot",
    ],
};

/// The version named by a trailing comment (`v4.1.1`, `4.1.1`, `tag=v4`).
fn comment_version(c: &str) -> Option<&str> {
    let w = c.split_whitespace().next()?;
    let w = w
        .strip_prefix("tag=")
        .or_else(|| w.strip_prefix("pin@"))
        .unwrap_or(w);
    let digits = w.strip_prefix('v').unwrap_or(w);
    digits
        .starts_with(|ch: char| ch.is_ascii_digit())
        .then_some(w)
}

fn norm(v: &str) -> &str {
    v.strip_prefix('v').unwrap_or(v)
}

/// Whether two versions agree (`v4` and `v4.1.0` agree; `v4` and `v3.6` do not).
fn agree(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    a == b || a.starts_with(&format!("{b}.")) || b.starts_with(&format!("{a}."))
}

/// Checks every `uses:` node of one file.
pub fn check_file<'w>(
    file: &FileCtx<'_>,
    nodes: impl Iterator<Item = &'w Node>,
    out: &mut Vec<Finding>,
) {
    // (action, sha) -> first (version, node); (action, version) -> first (sha, node)
    let mut by_sha: BTreeMap<(String, String), (String, u32)> = BTreeMap::new();
    let mut by_version: BTreeMap<(String, String), (String, u32)> = BTreeMap::new();
    for node in nodes {
        let Some(s) = node.as_str() else { continue };
        let Some(UsesKind::Repository {
            owner,
            repo,
            path,
            git_ref,
        }) = parse_uses(s)
        else {
            continue;
        };
        let Some(version) = file.trailing_comment(node).and_then(comment_version) else {
            continue;
        };
        let action = format!(
            "{owner}/{repo}{}",
            path.map(|p| format!("/{p}")).unwrap_or_default()
        )
        .to_ascii_lowercase();
        let mut problem = None;
        if is_commit_sha(&git_ref) {
            let sha = git_ref.to_ascii_lowercase();
            match by_sha.get(&(action.clone(), sha.clone())) {
                Some((v, line)) if !agree(v, version) => {
                    problem = Some(format!(
                        "commit `{sha}` is labelled `{version}` here but `{v}` on line {line}"
                    ));
                }
                Some(_) => {}
                None => {
                    by_sha.insert(
                        (action.clone(), sha.clone()),
                        (version.to_string(), node.span.start.line),
                    );
                }
            }
            if problem.is_none() {
                match by_version.get(&(action.clone(), norm(version).to_string())) {
                    Some((other, line)) if *other != sha => {
                        problem = Some(format!(
                            "`{version}` is pinned to `{sha}` here but to `{other}` on line {line}"
                        ));
                    }
                    Some(_) => {}
                    None => {
                        by_version.insert(
                            (action.clone(), norm(version).to_string()),
                            (sha, node.span.start.line),
                        );
                    }
                }
            }
        } else if !git_ref.is_empty()
            && comment_version(&git_ref).is_some()
            && !agree(&git_ref, version)
        {
            problem = Some(format!(
                "the ref is `{git_ref}` but the comment says `{version}`"
            ));
        }
        if let Some(p) = problem {
            out.push(
                Finding::new(&RULE, format!("`{s}`: {p}"), file.at(node))
                    .with_key(format!("{s}#{version}"))
                    .with_remediation(format!(
                        "Re-pin to the commit of the version you mean:\n\nuses: {action}@<sha of {version}> # {version}"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(agree("v4", "v4.1.0"));
        assert!(agree("4.1.0", "v4"));
        assert!(!agree("v4", "v3.6.0"));
        assert!(!agree("v4", "v41"));
        assert_eq!(comment_version("v4.1.1 some text"), Some("v4.1.1"));
        assert_eq!(comment_version("pinned"), None);
    }
}
