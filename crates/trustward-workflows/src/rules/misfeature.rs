//! `workflows/misfeature`: features of GitHub Actions and package tools that are unsafe
//! by design: the `cmd` shell and extra package indexes.

use super::{StepsCtx, env_entries, run_lines};
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/misfeature",
    title: "Unsafe-by-design feature: `cmd` shell or extra package index",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A step (or `defaults.run`) uses `shell: cmd`, or a step installs Python packages with `--extra-index-url` / `PIP_EXTRA_INDEX_URL` (also `UV_EXTRA_INDEX_URL` and uv's `--extra-index-url`).",
    why: "`cmd` ignores the exit code of every command but the last, so a failed verification step passes silently. With an extra index, pip takes whichever index offers the highest version of a name: anyone who registers your internal package name on PyPI wins (dependency confusion).",
    fix: "Use `shell: pwsh` or `bash` on Windows; serve internal packages through one index (`--index-url`) that proxies PyPI, or pin with hashes.",
    fix_details: "Bad:\n\n```yaml\n- shell: cmd\n  run: verify.bat && publish.bat\n- run: pip install --extra-index-url https://pkgs.example.com/simple internal-lib\n```\n\nGood:\n\n```yaml\n- shell: pwsh\n  run: ./verify.ps1; ./publish.ps1\n- run: pip install --index-url https://pkgs.example.com/simple --require-hashes -r requirements.txt\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsshell",
        "https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url",
    ],
};

fn cmd_shell(ctx: &StepsCtx<'_, '_>, node: &Node, key: String, out: &mut Vec<Finding>) {
    if node
        .as_str()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("cmd"))
    {
        out.push(
            Finding::new(
                &RULE,
                format!(
                    "`shell: cmd` in {} ignores failures of all but the last command",
                    ctx.owner()
                ),
                ctx.file.at(node),
            )
            .with_key(key)
            .with_remediation("shell: pwsh"),
        );
    }
}

/// Checks `defaults.run.shell` of a workflow and job (the step-level ones are in
/// [`check`]).
pub fn check_defaults(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    let nodes = [
        ctx.job.and_then(|j| j.node.get("defaults")),
        // the workflow's defaults are reported with its first job only
        ctx.workflow
            .filter(|w| w.jobs.first().map(|j| j.id) == ctx.job.map(|j| j.id))
            .and_then(|w| w.root.get("defaults")),
    ];
    for d in nodes.into_iter().flatten() {
        if let Some(s) = d.get("run").and_then(|r| r.get("shell")) {
            cmd_shell(ctx, s, format!("defaults/{}", s.span.start.line), out);
        }
    }
}

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    check_defaults(ctx, out);
    for step in ctx.steps {
        if let Some(s) = step.node.get("shell") {
            cmd_shell(ctx, s, format!("{}/shell", ctx.key_prefix(step)), out);
        }
        for (k, v) in env_entries(step.env) {
            if let Some(name) = k.as_str()
                && matches!(name, "PIP_EXTRA_INDEX_URL" | "UV_EXTRA_INDEX_URL")
            {
                out.push(
                    Finding::new(
                        &RULE,
                        format!("`{name}` in {} lets any public package shadow an internal one", ctx.owner()),
                        ctx.file.at(k),
                    )
                    .with_key(format!("{}/{name}", ctx.key_prefix(step)))
                    .with_remediation("Use a single index (`PIP_INDEX_URL`) that proxies PyPI, and pin with hashes."),
                );
                let _ = v;
            }
        }
        let Some(run) = step.run else { continue };
        for l in run_lines(ctx.file.src, run) {
            if let Some(at) = l.text.find("--extra-index-url")
                && (l.text.contains("pip") || l.text.contains("uv "))
            {
                out.push(
                    Finding::new(
                        &RULE,
                        format!("`--extra-index-url` in {} lets any public package shadow an internal one", ctx.owner()),
                        ctx.file.loc(l.span(at, at + "--extra-index-url".len())),
                    )
                    .with_key(format!("{}/extra-index-url/{}", ctx.key_prefix(step), l.text.trim()))
                    .with_remediation("pip install --index-url https://pkgs.example.com/simple --require-hashes -r requirements.txt"),
                );
            }
        }
    }
}
