//! `workflows/excessive-permissions`: default token permissions, `write-all`, and write
//! scopes that no step of the job can use.

use super::FileCtx;
use crate::model::{Job, Permissions, Workflow};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/excessive-permissions",
    title: "GITHUB_TOKEN has more permissions than the job needs",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-AC-04.01", "OSPS-AC-04.02"],
    description: "Reports jobs that run with the repository's default token permissions (no `permissions:` at workflow or job level), `permissions: write-all` (high), `permissions: read-all` (low), write scopes at the workflow level of a multi-job workflow (low: they apply to every job), and write scopes granted to a job none of whose steps can use the token (only `run:` steps that never mention the token, `git push` or `gh`, and `actions/checkout`). `id-token: write` and `contents: write` in release/publish jobs are expected.",
    why: "The token is available to every step and every action the job runs; a compromised dependency or an injection turns a write scope into pushed commits, altered releases or poisoned packages. Repositories created before February 2023 (and many organisations) still default to read/write.",
    fix: "Declare `permissions: contents: read` at the top of the workflow and grant each job only the scopes it uses.",
    fix_details: "Bad:\n\n```yaml\non: push\npermissions: write-all\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n```\n\nGood:\n\n```yaml\non: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token",
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token",
    ],
};

/// Whether any step of the job could use the token.
fn job_may_use_token(job: &Job<'_>) -> bool {
    if job.uses.is_some() {
        return true;
    }
    job.steps.iter().any(|s| {
        if let Some(u) = s.uses_str() {
            let name = u.split('@').next().unwrap_or("").to_ascii_lowercase();
            // checkout only reads with the token; every other action may use it
            return name != "actions/checkout"
                && !name.starts_with("actions/setup-")
                && name != "actions/cache";
        }
        let text = s.run_str().unwrap_or("");
        let env_mentions = s.env.and_then(|e| e.as_map()).is_some_and(|m| {
            m.iter().any(|(_, v)| {
                v.as_str()
                    .is_some_and(|t| t.contains("GITHUB_TOKEN") || t.contains("github.token"))
            })
        });
        env_mentions
            || text.contains("GITHUB_TOKEN")
            || text.contains("github.token")
            || text.contains("git push")
            || text.contains("gh ")
            || text.contains("ACTIONS_ID_TOKEN")
            || text.contains("curl")
    })
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    let mut perms: Vec<(&str, &crate::yaml::Node, &Permissions<'_>)> = Vec::new();
    if let Some((k, p)) = &wf.permissions {
        perms.push(("workflow", k, p));
    }
    for job in &wf.jobs {
        if let Some((k, p)) = &job.permissions {
            perms.push((job.id, k, p));
        }
    }
    for (owner, key, p) in &perms {
        if let Permissions::WriteAll(n) = p {
            out.push(
                Finding::new(
                    &RULE,
                    format!("`permissions: write-all` gives every step of {owner} write access to the whole repository"),
                    file.at(n),
                )
                .with_severity(Severity::High)
                .with_key(format!("{owner}/write-all"))
                .with_remediation("Grant only what is used:\n\npermissions:\n  contents: read"),
            );
        }
        if let Permissions::ReadAll(n) = p {
            out.push(
                Finding::new(
                    &RULE,
                    format!("`permissions: read-all` gives {owner} read access to every scope (packages, security events, actions …)"),
                    file.at(n),
                )
                .with_severity(Severity::Low)
                .with_key(format!("{owner}/read-all"))
                .with_remediation("List the scopes the jobs read:\n\npermissions:\n  contents: read"),
            );
        }
        let _ = key;
    }
    if let Some((_, p)) = &wf.permissions
        && wf.jobs.len() > 1
    {
        for (k, scope) in p.write_scopes() {
            if scope == "id-token" && wf.jobs.iter().all(|j| j.permissions.is_some()) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE,
                    format!("`{scope}: write` at the workflow level applies to all {} jobs; grant it to the job that needs it", wf.jobs.len()),
                    file.at(k),
                )
                .with_severity(Severity::Low)
                .with_key(format!("workflow/{scope}"))
                .with_remediation(format!(
                    "permissions:\n  contents: read\njobs:\n  <job that needs it>:\n    permissions:\n      {scope}: write"
                )),
            );
        }
    }
    if wf.permissions.is_none() {
        for job in wf.jobs.iter().filter(|j| j.permissions.is_none()) {
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "job `{}` runs with the repository's default token permissions (no `permissions:` in the workflow or the job)",
                        job.id
                    ),
                    file.at(job.key),
                )
                .with_key(format!("{}/default-permissions", job.id))
                .with_remediation(format!(
                    "Declare the permissions explicitly, e.g. at the top of the workflow:\n\npermissions:\n  contents: read\n\nor on the job:\n\n  {}:\n    permissions:\n      contents: read",
                    job.id
                )),
            );
        }
    }
    for job in &wf.jobs {
        let Some(p) = wf.job_permissions(job) else {
            continue;
        };
        if job_may_use_token(job) {
            continue;
        }
        for (k, scope) in p.write_scopes() {
            out.push(
                Finding::new(
                    &RULE,
                    format!("job `{}` is granted `{scope}: write` but none of its steps can use the token", job.id),
                    file.at(k),
                )
                .with_confidence(Confidence::Medium)
                .with_key(format!("{}/{scope}", job.id))
                .with_remediation(format!("Drop the scope or make it read-only:\n\npermissions:\n  {scope}: read")),
            );
        }
    }
}
