//! `workflows/typosquatting`: `uses:` naming an action one or two typing mistakes away
//! from a widely used one.

use super::FileCtx;
use crate::model::{UsesKind, parse_uses};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/typosquatting",
    title: "Action name looks like a misspelling of a well-known action",
    severity: Severity::High,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-01.03"],
    description: "A `uses:` names an `owner/repo` that is not one of a list of widely used actions but is one edit (a character added, dropped, changed or two swapped; two edits for names of 16 characters or more) away from one of them, e.g. `action/checkout` or `actions/chekout`.",
    why: "Attackers register look-alike owners and repositories so that a typo runs their code with the job's token and secrets; GitHub does not reserve near-miss names.",
    fix: "Correct the name to the intended action and pin it by commit SHA.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/chekout@v4\n```\n\nGood:\n\n```yaml\n- uses: actions/checkout@<sha> # v4.x.y\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
    ],
};

/// Widely used actions (lowercase `owner/repo`).
const POPULAR: &[&str] = &[
    "actions/checkout",
    "actions/setup-node",
    "actions/setup-python",
    "actions/setup-go",
    "actions/setup-java",
    "actions/setup-dotnet",
    "actions/cache",
    "actions/upload-artifact",
    "actions/download-artifact",
    "actions/github-script",
    "actions/labeler",
    "actions/stale",
    "actions/create-github-app-token",
    "actions/deploy-pages",
    "actions/upload-pages-artifact",
    "actions/configure-pages",
    "actions/attest-build-provenance",
    "actions/dependency-review-action",
    "docker/login-action",
    "docker/build-push-action",
    "docker/setup-buildx-action",
    "docker/setup-qemu-action",
    "docker/metadata-action",
    "github/codeql-action",
    "aws-actions/configure-aws-credentials",
    "azure/login",
    "google-github-actions/auth",
    "pypa/gh-action-pypi-publish",
    "softprops/action-gh-release",
    "peter-evans/create-pull-request",
    "codecov/codecov-action",
    "dtolnay/rust-toolchain",
    "swatinem/rust-cache",
    "ruby/setup-ruby",
    "hashicorp/setup-terraform",
    "pnpm/action-setup",
    "astral-sh/setup-uv",
    "ossf/scorecard-action",
    "sigstore/cosign-installer",
    "step-security/harden-runner",
    "gradle/actions",
    "golangci/golangci-lint-action",
];

/// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
/// substring), capped: returns `cap + 1` as soon as the distance exceeds `cap`.
fn distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

/// The well-known action `name` (lowercase `owner/repo`) is a near miss of, if any.
pub fn near_miss(name: &str) -> Option<&'static str> {
    if name.len() > 100 || POPULAR.contains(&name) {
        return None;
    }
    POPULAR.iter().copied().find(|p| {
        let cap = if p.len() >= 16 { 2 } else { 1 };
        let d = distance(name.as_bytes(), p.as_bytes(), cap);
        d >= 1 && d <= cap
    })
}

/// Checks one `uses:` node.
pub fn check_node(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    let Some(s) = node.as_str() else { return };
    let Some(UsesKind::Repository { owner, repo, .. }) = parse_uses(s) else {
        return;
    };
    let name = format!("{owner}/{repo}").to_ascii_lowercase();
    if let Some(p) = near_miss(&name) {
        out.push(
            Finding::new(
                &RULE,
                format!("`{owner}/{repo}` looks like a misspelling of `{p}`"),
                file.at(node),
            )
            .with_key(name.clone())
            .with_data("intended", p)
            .with_remediation(format!("- uses: {p}@<sha> # vX.Y.Z")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance(b"abc", b"abc", 2), 0);
        assert_eq!(distance(b"abc", b"acb", 2), 1);
        assert_eq!(distance(b"abc", b"ab", 2), 1);
        assert_eq!(distance(b"abcdef", b"uvwxyz", 2), 3);
        assert_eq!(near_miss("actions/chekout"), Some("actions/checkout"));
        assert_eq!(near_miss("action/checkout"), Some("actions/checkout"));
        assert_eq!(near_miss("actions/checkout"), None);
        assert_eq!(near_miss("actions/setup-go"), None);
        assert_eq!(near_miss("my-org/my-action"), None);
    }
}
