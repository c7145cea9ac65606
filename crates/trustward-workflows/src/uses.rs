//! Every `uses:` reference of a workflow or action, for matching against advisories of
//! the OSV "GitHub Actions" ecosystem (done by the caller; this crate has no database).

use crate::model::{Action, ActionRuns, UsesKind, Workflow, parse_uses};
use crate::yaml::{self, Node};

/// One `uses:` of a repository action or reusable workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsesRef {
    /// `owner/repo` (the OSV package name of the action).
    pub name: String,
    /// Sub-path inside the repository, if any.
    pub path: Option<String>,
    /// The ref after `@` (tag, branch or SHA; empty when missing).
    pub git_ref: String,
    /// The version in a trailing `# vX.Y.Z` comment, useful when the ref is a SHA.
    pub comment_version: Option<String>,
    /// 1-based line, column, end line, end column of the `uses:` value.
    pub span: (u32, u32, u32, u32),
}

fn push(src: &str, n: &Node, out: &mut Vec<UsesRef>) {
    let Some(s) = n.as_str() else { return };
    let Some(UsesKind::Repository {
        owner,
        repo,
        path,
        git_ref,
    }) = parse_uses(s)
    else {
        return;
    };
    let comment_version = src
        .get(n.span.end.offset..)
        .and_then(|r| r.split('\n').next())
        .and_then(|l| l.split_once('#'))
        .and_then(|(_, c)| c.split_whitespace().next())
        .filter(|w| {
            w.trim_start_matches('v')
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .map(str::to_string);
    out.push(UsesRef {
        name: format!("{owner}/{repo}"),
        path,
        git_ref,
        comment_version,
        span: (
            n.span.start.line,
            n.span.start.col,
            n.span.end.line,
            n.span.end.col,
        ),
    });
}

/// Every repository `uses:` (steps, reusable-workflow calls, composite-action steps) in
/// a workflow or action file's text. Invalid YAML yields the error.
pub fn references(src: &str) -> Result<Vec<UsesRef>, yaml::YamlError> {
    let mut out = Vec::new();
    let Some(root) = yaml::parse(src)? else {
        return Ok(out);
    };
    if let Some(wf) = Workflow::from_root(&root) {
        for job in &wf.jobs {
            if let Some(u) = job.uses {
                push(src, u, &mut out);
            }
            for s in &job.steps {
                if let Some(u) = s.uses {
                    push(src, u, &mut out);
                }
            }
        }
    } else if let Some(a) = Action::from_root(&root)
        && let ActionRuns::Composite(steps) = &a.runs
    {
        for s in steps {
            if let Some(u) = s.uses {
                push(src, u, &mut out);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_refs() {
        let src = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1\n      - uses: ./local\n  b:\n    uses: org/repo/.github/workflows/w.yml@main\n";
        let r = super::references(src).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name, "actions/checkout");
        assert_eq!(r[0].comment_version.as_deref(), Some("v4.1.1"));
        assert_eq!(r[0].span.0, 6);
        assert_eq!(r[0].span.1, 15);
        assert_eq!(r[1].path.as_deref(), Some(".github/workflows/w.yml"));
        assert_eq!(r[1].git_ref, "main");
    }
}
