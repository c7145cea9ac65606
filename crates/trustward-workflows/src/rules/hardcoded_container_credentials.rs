//! `workflows/hardcoded-container-credentials`: registry passwords written into
//! `container:`/`services:` instead of read from secrets.

use super::FileCtx;
use crate::model::Workflow;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/hardcoded-container-credentials",
    title: "Hard-coded registry credentials in a job container or service",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-07.01"],
    description: "`container.credentials.password` or `services.<id>.credentials.password` is a literal instead of a `${{ secrets.… }}` expression.",
    why: "The password is readable by anyone who can read the repository (and by every fork and clone, forever in history).",
    fix: "Store the password as a secret and reference it: `password: ${{ secrets.REGISTRY_PASSWORD }}`; rotate the exposed one.",
    fix_details: "Bad:\n\n```yaml\ncontainer:\n  image: ghcr.io/org/build:1\n  credentials:\n    username: bot\n    password: hunter2\n```\n\nGood:\n\n```yaml\ncontainer:\n  image: ghcr.io/org/build:1\n  credentials:\n    username: ${{ github.actor }}\n    password: ${{ secrets.GITHUB_TOKEN }}\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainercredentials",
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions",
    ],
};

fn check_container(file: &FileCtx<'_>, job: &str, what: &str, c: &Node, out: &mut Vec<Finding>) {
    let Some(pw) = c.get("credentials").and_then(|cr| cr.get("password")) else {
        return;
    };
    let Some(text) = pw.as_str() else { return };
    if text.is_empty() || text.contains("${{") {
        return;
    }
    out.push(
        Finding::new(
            &RULE,
            format!("job `{job}` {what} has a literal registry password"),
            file.at(pw),
        )
        .with_key(format!("{job}/{what}"))
        .with_remediation("Reference a secret instead, then rotate the exposed password:\n\ncredentials:\n  username: ${{ github.actor }}\n  password: ${{ secrets.REGISTRY_PASSWORD }}"),
    );
}

/// Checks the workflow.
pub fn check(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        if let Some(c) = job.container {
            check_container(file, job.id, "container", c, out);
        }
        if let Some(m) = job.services.and_then(Node::as_map) {
            for (k, v) in m {
                let name = format!("service `{}`", k.as_str().unwrap_or("?"));
                check_container(file, job.id, &name, v, out);
            }
        }
    }
}
