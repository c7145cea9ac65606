//! `workflows/long-lived-publish-token`: publishing to PyPI, npm, crates.io or RubyGems
//! with a stored API token where trusted publishing (OIDC) exists.

use super::{StepsCtx, env_entries};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/long-lived-publish-token",
    title: "Package published with a long-lived token instead of trusted publishing",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-07.01"],
    description: "A step publishes to PyPI (`pypa/gh-action-pypi-publish` with `password:`, `twine upload`, `uv publish`, `poetry publish` with a token), npm (`npm publish` with `NODE_AUTH_TOKEN`/`NPM_TOKEN`), crates.io (`cargo publish` with `CARGO_REGISTRY_TOKEN`/`--token`) or RubyGems (`gem push` with `GEM_HOST_API_KEY`) using a stored secret, although each registry supports trusted publishing from GitHub Actions through OIDC.",
    why: "A stored publish token is valid for months, works from anywhere and usually covers every package of the account; once leaked (logs, a compromised action, an injection) it lets anyone push malicious releases. Trusted publishing mints a short-lived token bound to this repository and workflow at publish time.",
    fix: "Configure the repository as a trusted publisher on the registry, grant the job `id-token: write`, and drop the token secret.",
    fix_details: "Bad:\n\n```yaml\n- uses: pypa/gh-action-pypi-publish@<sha>\n  with:\n    password: ${{ secrets.PYPI_API_TOKEN }}\n```\n\nGood:\n\n```yaml\npermissions:\n  id-token: write\nsteps:\n  - uses: pypa/gh-action-pypi-publish@<sha> # release/v1\n```\n\nFor crates.io use `rust-lang/crates-io-auth-action`, for npm `npm publish` with `id-token: write` (npm ≥ 11.5), for RubyGems `rubygems/release-gem`.",
    references: &[
        "https://docs.pypi.org/trusted-publishers/",
        "https://docs.npmjs.com/trusted-publishers",
        "https://crates.io/docs/trusted-publishing",
        "https://guides.rubygems.org/trusted-publishing/",
        "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect",
    ],
};

const TOKEN_VARS: &[(&str, &str, &str)] = &[
    ("npm publish", "NODE_AUTH_TOKEN", "npm"),
    ("npm publish", "NPM_TOKEN", "npm"),
    ("cargo publish", "CARGO_REGISTRY_TOKEN", "crates.io"),
    ("twine upload", "TWINE_PASSWORD", "PyPI"),
    ("uv publish", "UV_PUBLISH_TOKEN", "PyPI"),
    ("poetry publish", "POETRY_PYPI_TOKEN_PYPI", "PyPI"),
    ("gem push", "GEM_HOST_API_KEY", "RubyGems"),
    ("cargo login", "CARGO_REGISTRY_TOKEN", "crates.io"),
];

fn secret_valued(n: &Node) -> bool {
    n.as_str().is_some_and(|s| s.contains("secrets."))
}

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        let mut hit: Option<(&Node, &str)> = None;
        if step.uses_action("pypa/gh-action-pypi-publish")
            && let Some(p) = step.with_input("password")
            && secret_valued(p)
        {
            hit = Some((p, "PyPI"));
        }
        if hit.is_none()
            && let Some(text) = step.run_str()
        {
            let job_env = ctx.job.and_then(|j| j.env);
            let wf_env = ctx.workflow.and_then(|w| w.env);
            for (cmd, var, reg) in TOKEN_VARS {
                if !text.contains(cmd) {
                    continue;
                }
                let from_env = [step.env, job_env, wf_env]
                    .into_iter()
                    .flat_map(env_entries)
                    .find(|(k, v)| k.as_str() == Some(var) && secret_valued(v))
                    .map(|(k, _)| k);
                if let Some(k) = from_env {
                    hit = Some((k, reg));
                    break;
                }
                if text.contains("--token")
                    || text.contains("secrets.")
                    || text.contains(" -p ")
                    || text.contains("--password")
                    || (*cmd == "cargo login" && text.contains('$'))
                {
                    hit = Some((step.run.unwrap_or(step.node), reg));
                    break;
                }
            }
        }
        if let Some((node, reg)) = hit {
            out.push(
                Finding::new(
                    &RULE,
                    format!("{} publishes to {reg} with a long-lived token; {reg} supports trusted publishing", ctx.owner()),
                    ctx.file.at(node),
                )
                .with_key(format!("{}/{reg}", ctx.key_prefix(step)))
                .with_remediation(format!(
                    "Register this workflow as a trusted publisher on {reg}, then:\n\npermissions:\n  id-token: write\n\nand remove the token secret from the step."
                )),
            );
        }
    }
}
