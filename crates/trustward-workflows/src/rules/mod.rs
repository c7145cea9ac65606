//! The checks, one module per rule (each declares its `static RULE` and its check), plus
//! the shared context they read and the one list that dispatches to them.

use crate::dockerfile::Dockerfile;
use crate::expr;
use crate::model::{Action, ActionRuns, Job, Step, Workflow};
use crate::settings::Settings;
use crate::yaml::{Node, Pos, Span};
use trustward_core::{Finding, Location, Rule};

pub mod adhoc_packages;
pub mod anonymous_definition;
pub mod archived_action;
pub mod bot_condition;
pub mod cache_poisoning;
pub mod checkout_persist_credentials;
pub mod concurrency_limits;
pub mod curl_pipe_shell;
pub mod dangerous_trigger;
pub mod dependabot_cooldown;
pub mod dependabot_insecure_execution;
pub mod dockerfile_add_url;
pub mod dockerfile_curl_pipe_shell;
pub mod dockerfile_root_user;
pub mod dockerfile_secret_in_env;
pub mod dockerfile_unpinned_base;
pub mod dockerfile_unpinned_packages;
pub mod excessive_permissions;
pub mod forbidden_uses;
pub mod github_app;
pub mod github_env;
pub mod hardcoded_container_credentials;
pub mod insecure_commands;
pub mod insecure_url;
pub mod long_lived_publish_token;
pub mod misfeature;
pub mod obfuscation;
pub mod ref_version_mismatch;
pub mod secret_exposure;
pub mod secrets_in_privileged_trigger;
pub mod secrets_inherit;
pub mod self_hosted_runner;
pub mod shell;
pub mod taint;
pub mod template_injection;
pub mod typosquatting;
pub mod undocumented_permissions;
pub mod unpinned_image;
pub mod unpinned_tools;
pub mod unpinned_uses;
pub mod unsound_condition;
pub mod unsound_contains;
pub mod unsound_ternary;

/// Every rule of the analyzer.
pub fn all() -> Vec<&'static Rule> {
    vec![
        &adhoc_packages::RULE,
        &anonymous_definition::RULE,
        &archived_action::RULE,
        &bot_condition::RULE,
        &cache_poisoning::RULE,
        &checkout_persist_credentials::RULE,
        &concurrency_limits::RULE,
        &curl_pipe_shell::RULE,
        &dangerous_trigger::RULE,
        &dependabot_cooldown::RULE,
        &dependabot_insecure_execution::RULE,
        &dockerfile_add_url::RULE,
        &dockerfile_curl_pipe_shell::RULE,
        &dockerfile_root_user::RULE,
        &dockerfile_secret_in_env::RULE,
        &dockerfile_unpinned_base::RULE,
        &dockerfile_unpinned_packages::RULE,
        &excessive_permissions::RULE,
        &forbidden_uses::RULE,
        &github_app::RULE,
        &github_env::RULE,
        &hardcoded_container_credentials::RULE,
        &insecure_commands::RULE,
        &insecure_url::RULE,
        &long_lived_publish_token::RULE,
        &misfeature::RULE,
        &obfuscation::RULE,
        &ref_version_mismatch::RULE,
        &secret_exposure::RULE,
        &secrets_in_privileged_trigger::RULE,
        &secrets_inherit::RULE,
        &self_hosted_runner::RULE,
        &template_injection::RULE,
        &typosquatting::RULE,
        &undocumented_permissions::RULE,
        &unpinned_image::RULE,
        &unpinned_tools::RULE,
        &unpinned_uses::RULE,
        &unsound_condition::RULE,
        &unsound_contains::RULE,
        &unsound_ternary::RULE,
    ]
}

/// The rules added for parity with zizmor's documented audits (their fixtures live in
/// `tests/fixtures/audits/`).
pub fn audits() -> Vec<&'static Rule> {
    vec![
        &adhoc_packages::RULE,
        &anonymous_definition::RULE,
        &concurrency_limits::RULE,
        &forbidden_uses::RULE,
        &github_app::RULE,
        &insecure_url::RULE,
        &misfeature::RULE,
        &obfuscation::RULE,
        &typosquatting::RULE,
        &undocumented_permissions::RULE,
        &unpinned_tools::RULE,
        &unsound_contains::RULE,
        &unsound_ternary::RULE,
    ]
}

/// What every check over one YAML file sees.
pub struct FileCtx<'a> {
    /// Path relative to the scanned root.
    pub path: &'a str,
    /// The file's text (for positions inside scalars and trailing comments).
    pub src: &'a str,
    /// `[workflows]` settings.
    pub settings: &'a Settings,
}

impl FileCtx<'_> {
    /// A location covering `span`.
    pub fn loc(&self, span: Span) -> Location {
        Location::file(self.path)
            .with_position(span.start.line, span.start.col)
            .with_end(span.end.line, span.end.col)
    }

    /// A location covering a node.
    pub fn at(&self, node: &Node) -> Location {
        self.loc(node.span)
    }

    /// The `# comment` after a node on its line, if any.
    pub fn trailing_comment(&self, node: &Node) -> Option<&str> {
        let rest = self.src.get(node.span.end.offset..)?;
        let line = rest.split('\n').next()?;
        let c = line.find('#')?;
        Some(line[c + 1..].trim())
    }
}

/// Steps of one job or composite action with where they live.
pub struct StepsCtx<'a, 'w> {
    /// The file.
    pub file: &'a FileCtx<'a>,
    /// The workflow, when the steps are a job's.
    pub workflow: Option<&'a Workflow<'w>>,
    /// The job, when in a workflow.
    pub job: Option<&'a Job<'w>>,
    /// The steps.
    pub steps: &'a [Step<'w>],
    /// Env variables (by name) whose value carries attacker-controlled data.
    pub tainted_env: Vec<String>,
    /// Step ids whose outputs carry attacker-controlled data.
    pub tainted_steps: Vec<String>,
    /// `needs.<job>.outputs.<name>` paths (lowercase) that carry attacker data.
    pub tainted_needs: Vec<String>,
}

impl StepsCtx<'_, '_> {
    /// A short label for messages: `job build` or `composite action`.
    pub fn owner(&self) -> String {
        match self.job {
            Some(j) => format!("job `{}`", j.id),
            None => "composite action".to_string(),
        }
    }

    /// Stable fingerprint key prefix.
    pub fn key_prefix(&self, step: &Step<'_>) -> String {
        match self.job {
            Some(j) => format!(
                "{}/{}",
                j.id,
                step.id
                    .map(str::to_string)
                    .unwrap_or_else(|| step.index.to_string())
            ),
            None => format!(
                "action/{}",
                step.id
                    .map(str::to_string)
                    .unwrap_or_else(|| step.index.to_string())
            ),
        }
    }
}

/// Runs every workflow check on one workflow.
pub fn check_workflow(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    dangerous_trigger::check(file, wf, out);
    excessive_permissions::check(file, wf, out);
    secrets_inherit::check(file, wf, out);
    secrets_in_privileged_trigger::check(file, wf, out);
    hardcoded_container_credentials::check(file, wf, out);
    self_hosted_runner::check(file, wf, out);
    cache_poisoning::check(file, wf, out);
    insecure_commands::check_env(file, wf.env, out);
    unpinned_image::check_workflow(file, wf, out);
    checkout_persist_credentials::check(file, wf, out);
    bot_condition::check(file, wf, out);
    unsound_condition::check(file, wf, out);
    concurrency_limits::check(file, wf, out);
    undocumented_permissions::check(file, wf, out);
    anonymous_definition::check(file, wf, out);
    check_exprs(file, wf.root, out);
    let tainted_needs = taint::tainted_job_outputs(file.src, wf);
    for job in &wf.jobs {
        if let Some(u) = job.uses {
            check_uses(file, u, out);
        }
        insecure_commands::check_env(file, job.env, out);
        let mut tainted_env = taint::tainted_env(file.src, wf.env);
        tainted_env.extend(taint::tainted_env(file.src, job.env));
        let tainted_steps = taint::tainted_steps(file.src, &job.steps, &tainted_env);
        let ctx = StepsCtx {
            file,
            workflow: Some(wf),
            job: Some(job),
            steps: &job.steps,
            tainted_env,
            tainted_steps,
            tainted_needs: tainted_needs.clone(),
        };
        check_steps(&ctx, out);
    }
    ref_version_mismatch::check_file(
        file,
        wf.jobs
            .iter()
            .flat_map(|j| j.steps.iter().filter_map(|s| s.uses).chain(j.uses)),
        out,
    );
}

/// Runs every action check on one `action.yml`.
pub fn check_action(file: &FileCtx<'_>, action: &Action<'_>, out: &mut Vec<Finding>) {
    match &action.runs {
        ActionRuns::Composite(steps) => {
            let tainted_steps = taint::tainted_steps(file.src, steps, &[]);
            let ctx = StepsCtx {
                file,
                workflow: None,
                job: None,
                steps,
                tainted_env: Vec::new(),
                tainted_steps,
                tainted_needs: Vec::new(),
            };
            check_steps(&ctx, out);
            check_exprs(file, action.root, out);
            ref_version_mismatch::check_file(file, steps.iter().filter_map(|s| s.uses), out);
        }
        ActionRuns::Docker(Some(image)) => unpinned_image::check_action_image(file, image, out),
        _ => {}
    }
}

/// The per-step checks shared by jobs and composite actions.
fn check_steps(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        if let Some(u) = step.uses {
            check_uses(ctx.file, u, out);
            unpinned_image::check_uses(ctx.file, u, out);
        }
        insecure_commands::check_env(ctx.file, step.env, out);
    }
    template_injection::check(ctx, out);
    curl_pipe_shell::check(ctx, out);
    secret_exposure::check(ctx, out);
    github_env::check(ctx, out);
    long_lived_publish_token::check(ctx, out);
    adhoc_packages::check(ctx, out);
    github_app::check(ctx, out);
    unpinned_tools::check(ctx, out);
    misfeature::check(ctx, out);
    insecure_url::check(ctx, out);
}

/// The checks of one `uses:` (job-level reusable-workflow calls and steps).
fn check_uses(file: &FileCtx<'_>, u: &Node, out: &mut Vec<Finding>) {
    unpinned_uses::check_node(file, u, out);
    archived_action::check_node(file, u, out);
    typosquatting::check_node(file, u, out);
    obfuscation::check_uses(file, u, out);
    forbidden_uses::check_node(file, u, out);
}

/// The checks over every expression and condition of a workflow or action file.
fn check_exprs(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    unsound_contains::check(file, root, out);
    unsound_ternary::check(file, root, out);
    obfuscation::check_exprs(file, root, out);
}

/// Every `${{ }}` expression of the file (inner text and span), then every bare `if:`
/// condition (written without `${{ }}`), in O(file size).
pub fn file_exprs(file: &FileCtx<'_>, root: &Node) -> Vec<(String, Span)> {
    let mut out: Vec<(String, Span)> = expr::exprs_in_text(
        file.src,
        Pos {
            line: 1,
            col: 1,
            offset: 0,
        },
    )
    .into_iter()
    .map(|e| (e.inner, e.span))
    .collect();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            crate::yaml::Value::Map(m) => {
                for (k, v) in m {
                    if k.as_str() == Some("if")
                        && let Some(s) = v.as_str()
                        && !s.contains("${{")
                    {
                        out.push((s.trim().to_string(), v.span));
                    }
                    stack.push(v);
                }
            }
            crate::yaml::Value::Seq(items) => stack.extend(items.iter()),
            crate::yaml::Value::Scalar(..) => {}
        }
    }
    out
}

/// Runs the dependabot checks.
pub fn check_dependabot(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    dependabot_insecure_execution::check(file, root, out);
    dependabot_cooldown::check(file, root, out);
}

/// What every Dockerfile check sees.
pub struct DockerCtx<'a> {
    /// Path relative to the scanned root.
    pub path: &'a str,
    /// The parsed file.
    pub file: &'a Dockerfile,
}

impl DockerCtx<'_> {
    /// A location from `(line, col)` to `(end_line, end_col)`.
    pub fn loc(&self, start: (u32, u32), end: (u32, u32)) -> Location {
        Location::file(self.path)
            .with_position(start.0, start.1)
            .with_end(end.0, end.1)
    }
}

/// Runs every Dockerfile check.
pub fn check_dockerfile(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    dockerfile_unpinned_base::check(ctx, out);
    dockerfile_add_url::check(ctx, out);
    dockerfile_curl_pipe_shell::check(ctx, out);
    dockerfile_root_user::check(ctx, out);
    dockerfile_secret_in_env::check(ctx, out);
    dockerfile_unpinned_packages::check(ctx, out);
}

/// Expressions in a step's `run:` (and `actions/github-script`'s `script:`), the
/// places where `${{ }}` is pasted into code.
pub fn code_sinks<'w>(step: &Step<'w>) -> Vec<&'w Node> {
    let mut v = Vec::new();
    if let Some(r) = step.run {
        v.push(r);
    }
    if step.uses_action("actions/github-script")
        && let Some(s) = step.with_input("script")
    {
        v.push(s);
    }
    v
}

/// Whether an expression text references an attacker-controlled context directly.
pub fn expr_is_attacker(inner: &str) -> bool {
    expr::context_paths(inner)
        .iter()
        .any(|p| expr::attacker_controlled(p))
}

/// One source line of a scalar's raw text with where it starts.
#[derive(Debug, Clone, Copy)]
pub struct RunLine<'s> {
    /// The line without its line break.
    pub text: &'s str,
    /// Where its first character is.
    pub start: Pos,
}

impl RunLine<'_> {
    /// The span of bytes `a..b` of the line.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let a = a.min(self.text.len());
        let b = b.clamp(a, self.text.len());
        let start = expr::advance(self.text, self.start, a);
        let end = expr::advance(&self.text[a..], start, b - a);
        Span { start, end }
    }
}

/// The source lines of a node's raw text (a `run:` scalar), with positions, in O(len).
pub fn run_lines<'s>(src: &'s str, node: &Node) -> Vec<RunLine<'s>> {
    let Some(raw) = src.get(node.span.start.offset..node.span.end.offset) else {
        return Vec::new();
    };
    let mut cur = expr::Cursor::new(raw, node.span.start);
    let mut out = Vec::new();
    let mut at = 0;
    for text in raw.split('\n') {
        out.push(RunLine {
            text,
            start: cur.pos(at),
        });
        at += text.len() + 1;
    }
    out
}

/// Env values (`name`, value node) of a mapping.
pub fn env_entries(env: Option<&Node>) -> Vec<(&Node, &Node)> {
    env.and_then(Node::as_map)
        .map(|m| m.iter().map(|(k, v)| (k, v)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_lints_clean() {
        let mut ids = std::collections::BTreeSet::new();
        for r in super::all() {
            assert!(r.lint().is_empty(), "{}: {:?}", r.id, r.lint());
            assert!(r.id.starts_with("workflows/"), "{}", r.id);
            assert!(!r.fix_details.is_empty(), "{} has no fix_details", r.id);
            assert!(!r.references.is_empty(), "{} has no references", r.id);
            assert!(ids.insert(r.id), "duplicate {}", r.id);
        }
    }
}
