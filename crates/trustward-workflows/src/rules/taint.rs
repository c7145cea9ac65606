//! Which env variables, step outputs and job outputs carry attacker-controlled data:
//! a value set from `${{ github.event.issue.title }}` stays attacker-controlled when it
//! is read back as `${{ env.TITLE }}`, `${{ steps.x.outputs.y }}` or
//! `${{ needs.j.outputs.z }}`.

use super::{env_entries, expr_is_attacker};
use crate::expr;
use crate::model::{Step, Workflow};
use crate::yaml::Node;

/// Whether any expression in the raw text of `node` (scalars, or any scalar below a
/// mapping/sequence) is attacker-controlled, directly or via `env`/`steps` taint.
pub fn node_tainted(src: &str, node: &Node, env: &[String], steps: &[String]) -> bool {
    let Some(raw) = src.get(node.span.start.offset..node.span.end.offset) else {
        return false;
    };
    expr::exprs_in_text(raw, node.span.start)
        .iter()
        .any(|e| expr_is_attacker(&e.inner) || derived(&e.inner, env, steps, &[]).is_some())
}

/// If the expression reads a tainted env variable, step output or job output, the
/// path it reads.
pub fn derived(inner: &str, env: &[String], steps: &[String], needs: &[String]) -> Option<String> {
    for p in expr::context_paths(inner) {
        if let Some(name) = p.strip_prefix("env.")
            && env.iter().any(|e| e.eq_ignore_ascii_case(name))
        {
            return Some(p);
        }
        if let Some(rest) = p.strip_prefix("steps.")
            && let Some((id, tail)) = rest.split_once('.')
            && tail.starts_with("outputs")
            && steps.iter().any(|s| s.eq_ignore_ascii_case(id))
        {
            return Some(p);
        }
        if p.starts_with("needs.") && needs.contains(&p) {
            return Some(p);
        }
    }
    None
}

/// Most tainted names tracked per list: real workflows have a handful; the cap keeps
/// hostile files with thousands of steps from making lookups quadratic.
pub const MAX_TAINTED: usize = 256;

/// Names of env variables in an `env:` mapping whose values are attacker-controlled.
pub fn tainted_env(src: &str, env: Option<&Node>) -> Vec<String> {
    env_entries(env)
        .into_iter()
        .filter(|(_, v)| node_tainted(src, v, &[], &[]))
        .filter_map(|(k, _)| k.as_str().map(str::to_string))
        .take(MAX_TAINTED)
        .collect()
}

/// Ids of steps whose outputs carry attacker data: a `run:` that reads attacker data
/// (directly or via a tainted env variable) and writes `$GITHUB_OUTPUT`, or an action
/// given attacker data as input.
pub fn tainted_steps(src: &str, steps: &[Step<'_>], job_env: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in steps {
        let Some(id) = s.id else { continue };
        let mut env: Vec<String> = job_env.to_vec();
        env.extend(tainted_env(src, s.env));
        let tainted = if let Some(run) = s.run {
            let text = run.as_str().unwrap_or("");
            text.contains("GITHUB_OUTPUT")
                && (node_tainted(src, run, &env, &out)
                    || env.iter().any(|e| {
                        text.contains(&format!("${e}")) || text.contains(&format!("${{{e}}}"))
                    }))
        } else if let Some(with) = s.with {
            node_tainted(src, with, &env, &out)
        } else {
            false
        };
        if tainted {
            out.push(id.to_string());
            if out.len() >= MAX_TAINTED {
                break;
            }
        }
    }
    out
}

/// `needs.<job>.outputs.<name>` paths (lowercase) of job outputs set from tainted step
/// outputs or attacker-controlled expressions.
pub fn tainted_job_outputs(src: &str, wf: &Workflow<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for job in &wf.jobs {
        let Some(outputs) = job.node.get("outputs").and_then(Node::as_map) else {
            continue;
        };
        let mut env = tainted_env(src, wf.env);
        env.extend(tainted_env(src, job.env));
        let steps = tainted_steps(src, &job.steps, &env);
        for (k, v) in outputs {
            let Some(name) = k.as_str() else { continue };
            if node_tainted(src, v, &[], &steps) && out.len() < MAX_TAINTED {
                out.push(format!("needs.{}.outputs.{}", job.id, name).to_ascii_lowercase());
            }
        }
    }
    out
}
