//! `workflows/cache-poisoning`: caches restored in release/publish workflows.

use super::FileCtx;
use crate::model::{Step, Workflow};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/cache-poisoning",
    title: "Build cache restored in a release workflow",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A workflow triggered by a release or a tag push (or a job that publishes packages) restores a cache: `actions/cache`, `actions/setup-*` with `cache:` (`setup-go` v4+ caches unless `cache: false`), `Swatinem/rust-cache`, `astral-sh/setup-uv` with `enable-cache`, `Mozilla-Actions/sccache-action`.",
    why: "Caches are shared across workflows of the repository and can be written by less-privileged workflows (including ones running pull-request code); a poisoned dependency or compiler cache restored in the release job ends up in the artifacts you sign and ship.",
    fix: "Disable caching in release and publish jobs (`cache: false`, drop `actions/cache`) and build releases from a clean state.",
    fix_details: "Bad:\n\n```yaml\non:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    steps:\n      - uses: actions/setup-node@<sha>\n        with:\n          cache: npm\n      - run: npm ci && npm publish\n```\n\nGood:\n\n```yaml\n      - uses: actions/setup-node@<sha>\n        with:\n          node-version: 22\n      - run: npm ci && npm publish\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/caching-dependencies-to-speed-up-workflows#restrictions-for-accessing-a-cache",
        "https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/",
    ],
};

/// The node that turns caching on in `step`, if any.
pub fn caching_node<'w>(step: &Step<'w>) -> Option<&'w Node> {
    let uses = step.uses_str()?;
    let name = uses.split('@').next().unwrap_or("").to_ascii_lowercase();
    let git_ref = uses.split('@').nth(1).unwrap_or("");
    let off = |n: &Node| matches!(n.as_str(), Some("false") | Some("") | None);
    match name.as_str() {
        "actions/cache"
        | "actions/cache/restore"
        | "swatinem/rust-cache"
        | "mozilla-actions/sccache-action" => step.uses,
        "actions/setup-go" => match step.with_input("cache") {
            Some(c) if off(c) => None,
            Some(c) => Some(c),
            // v1–v3 did not cache by default
            None => (!matches!(git_ref, "v1" | "v2" | "v3")
                && !git_ref.starts_with("v3.")
                && !git_ref.starts_with("v2."))
            .then_some(step.uses?),
        },
        n if n.starts_with("actions/setup-") => step.with_input("cache").filter(|c| !off(c)),
        "astral-sh/setup-uv" => step
            .with_input("enable-cache")
            .filter(|c| c.as_str() == Some("true")),
        _ => None,
    }
}

/// Whether a step publishes packages or releases.
pub fn publishes(step: &Step<'_>) -> bool {
    let text = step.run_str().unwrap_or("");
    let u = step.uses_str().unwrap_or("").to_ascii_lowercase();
    [
        "npm publish",
        "cargo publish",
        "twine upload",
        "uv publish",
        "poetry publish",
        "gem push",
        "goreleaser",
        "docker push",
        "gh release create",
    ]
    .iter()
    .any(|c| text.contains(c))
        || [
            "pypa/gh-action-pypi-publish",
            "softprops/action-gh-release",
            "goreleaser/goreleaser-action",
            "docker/build-push-action",
            "rubygems/release-gem",
        ]
        .iter()
        .any(|a| u.starts_with(a))
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let release = wf.is_release();
    for job in &wf.jobs {
        if !release && !job.steps.iter().any(publishes) {
            continue;
        }
        for step in &job.steps {
            if let Some(n) = caching_node(step) {
                out.push(
                    Finding::new(
                        &RULE,
                        format!("job `{}` restores a cache (`{}`) in a release/publish workflow", job.id, step.uses_str().unwrap_or("")),
                        file.at(n),
                    )
                    .with_key(format!("{}/{}", job.id, step.index))
                    .with_remediation("Build releases without caches, e.g.:\n\n- uses: actions/setup-node@<sha> # vX\n  with:\n    node-version: 22\n    # no `cache:`\n\nand for setup-go: `cache: false`."),
                );
            }
        }
    }
}
