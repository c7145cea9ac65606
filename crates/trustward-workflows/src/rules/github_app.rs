//! `workflows/github-app`: GitHub App installation tokens minted with every permission
//! of the installation or for every repository of the owner.

use super::StepsCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/github-app",
    title: "GitHub App token minted without narrowed permissions or repositories",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-AC-04.01"],
    description: "An `actions/create-github-app-token` step sets no `permission-*` input, so the token carries every permission the App's installation has, or sets `owner:` without `repositories:`, so the token reaches every repository of that owner the App is installed on.",
    why: "App tokens are often far more powerful than `GITHUB_TOKEN` (organisation-wide installations, admin or workflow scopes). A step that only needs to comment on one pull request should not hold a token that can push to every repository of the organisation if the job is compromised.",
    fix: "Narrow the token: add `permission-<scope>: read|write` inputs for only what the job needs and list `repositories:` when `owner:` is set.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/create-github-app-token@<sha>\n  with:\n    app-id: ${{ vars.APP_ID }}\n    private-key: ${{ secrets.APP_KEY }}\n    owner: my-org\n```\n\nGood:\n\n```yaml\n- uses: actions/create-github-app-token@<sha>\n  with:\n    app-id: ${{ vars.APP_ID }}\n    private-key: ${{ secrets.APP_KEY }}\n    owner: my-org\n    repositories: website\n    permission-contents: write\n```",
    references: &[
        "https://github.com/actions/create-github-app-token#inputs",
        "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app",
    ],
};

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        if !step.uses_action("actions/create-github-app-token") {
            continue;
        }
        let Some(u) = step.uses else { continue };
        let keys: Vec<&str> = step
            .with
            .and_then(|w| w.as_map())
            .map(|m| m.iter().filter_map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        if !keys.iter().any(|k| k.starts_with("permission-")) {
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "{} mints an App token with every permission of the installation (no `permission-*` input)",
                        ctx.owner()
                    ),
                    ctx.file.at(u),
                )
                .with_key(format!("{}/permissions", ctx.key_prefix(step)))
                .with_remediation("with:\n  permission-contents: read  # only the scopes this job needs"),
            );
        }
        if let Some((k, _)) = step.with.and_then(|w| w.entry("owner"))
            && !keys.contains(&"repositories")
        {
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "{} mints an App token for every repository of the owner (`owner:` without `repositories:`)",
                        ctx.owner()
                    ),
                    ctx.file.at(k),
                )
                .with_key(format!("{}/repositories", ctx.key_prefix(step)))
                .with_remediation("with:\n  owner: my-org\n  repositories: the-one-repo"),
            );
        }
    }
}
