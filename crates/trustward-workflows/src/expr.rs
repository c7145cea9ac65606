//! GitHub Actions `${{ … }}` expressions: finding them in the raw source text of a scalar
//! (so positions are exact even inside `|` and `>` block scalars) and extracting the
//! context paths they read (`github.event.issue.title`, `steps.x.outputs.y`).

use crate::yaml::{Node, Pos, Span};

/// One `${{ … }}` occurrence with its span in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// The text between `${{` and `}}`, trimmed.
    pub inner: String,
    /// From `$` to just past `}}`.
    pub span: Span,
}

/// Most expressions read from one scalar (bounds hostile input).
const MAX_EXPRS: usize = 10_000;

/// Every expression in the raw source text of `node` (a scalar).
pub fn exprs_in(src: &str, node: &Node) -> Vec<Expr> {
    let Some(raw) = src.get(node.span.start.offset..node.span.end.offset) else {
        return Vec::new();
    };
    exprs_in_text(raw, node.span.start)
}

/// Every expression in `raw`, whose first character is at `start`.
pub fn exprs_in_text(raw: &str, start: Pos) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut from = 0;
    // positions are advanced from the previous expression's end, never from the start of
    // `raw`: a scalar with N expressions costs O(len), not O(N × len)
    let mut cursor = (0usize, start);
    while let Some(rel) = raw.get(from..).and_then(|r| r.find("${{")) {
        let open = from + rel;
        let Some(close_rel) = raw.get(open + 3..).and_then(|r| r.find("}}")) else {
            break;
        };
        let close = open + 3 + close_rel + 2;
        let inner = raw
            .get(open + 3..close - 2)
            .unwrap_or("")
            .trim()
            .to_string();
        let open_pos = advance(&raw[cursor.0..], cursor.1, open - cursor.0);
        let close_pos = advance(&raw[open..], open_pos, close - open);
        cursor = (close, close_pos);
        out.push(Expr {
            inner,
            span: Span {
                start: open_pos,
                end: close_pos,
            },
        });
        if out.len() >= MAX_EXPRS {
            break;
        }
        from = close;
    }
    out
}

/// The position `byte` bytes into `raw`, which starts at `start`.
pub fn advance(raw: &str, start: Pos, byte: usize) -> Pos {
    let mut p = start;
    let upto = raw.get(..byte).unwrap_or(raw);
    for c in upto.chars() {
        if c == '\n' {
            p.line = p.line.saturating_add(1);
            p.col = 1;
        } else {
            p.col = p.col.saturating_add(1);
        }
    }
    p.offset = start.offset + upto.len();
    p
}

/// Positions of byte offsets in `raw` (whose first character is at `start`), advanced
/// from the last answer: asking for increasing offsets costs O(len(raw)) in total, where
/// calling [`advance`] from the start each time would be quadratic.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    raw: &'a str,
    start: Pos,
    at: usize,
    pos: Pos,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `raw`.
    pub fn new(raw: &'a str, start: Pos) -> Self {
        Cursor {
            raw,
            start,
            at: 0,
            pos: start,
        }
    }

    /// The position `byte` bytes into `raw` (rewinds when asked for an earlier one).
    pub fn pos(&mut self, byte: usize) -> Pos {
        let byte = byte.min(self.raw.len());
        if byte < self.at {
            self.at = 0;
            self.pos = self.start;
        }
        let Some(piece) = self.raw.get(self.at..byte) else {
            return self.pos;
        };
        self.pos = advance(piece, self.pos, piece.len());
        self.at = byte;
        self.pos
    }
}

/// The context paths an expression reads, lowercased, with `['x']` and `[n]` index forms
/// normalised to `.x` and `.*`: `github.event['issue'].title` → `github.event.issue.title`.
pub fn context_paths(expr: &str) -> Vec<String> {
    let b = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            // string literal; '' escapes a quote
            i += 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let prev_is_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
            let mut path = String::new();
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
                i += 1;
            }
            path.push_str(&expr[s..i]);
            // a function call is not a context path
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if b.get(j) == Some(&b'(') || prev_is_ident {
                continue;
            }
            loop {
                if b.get(i) == Some(&b'.') {
                    if b.get(i + 1) == Some(&b'*') {
                        path.push_str(".*");
                        i += 2;
                        continue;
                    }
                    let s = i + 1;
                    let mut e = s;
                    while e < b.len()
                        && (b[e].is_ascii_alphanumeric() || b[e] == b'_' || b[e] == b'-')
                    {
                        e += 1;
                    }
                    if e == s {
                        break;
                    }
                    path.push('.');
                    path.push_str(&expr[s..e]);
                    i = e;
                } else if b.get(i) == Some(&b'[') {
                    let Some(close) = expr[i..].find(']').map(|c| i + c) else {
                        break;
                    };
                    let idx = expr[i + 1..close].trim();
                    if let Some(lit) = idx.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
                        path.push('.');
                        path.push_str(lit);
                    } else {
                        path.push_str(".*");
                    }
                    i = close + 1;
                } else {
                    break;
                }
            }
            let lower = path.to_ascii_lowercase();
            if !matches!(lower.as_str(), "true" | "false" | "null") {
                out.push(lower);
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Whether a context path is controlled by whoever opens an issue, pull request,
/// comment, review, discussion, or pushes a branch/commit: GitHub's list of untrusted
/// input, written as patterns where `*` matches one segment.
pub fn attacker_controlled(path: &str) -> bool {
    const PATTERNS: &[&str] = &[
        "github.head_ref",
        "github.event.issue.title",
        "github.event.issue.body",
        "github.event.pull_request.title",
        "github.event.pull_request.body",
        "github.event.pull_request.head.ref",
        "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch",
        "github.event.pull_request.head.repo.description",
        "github.event.pull_request.head.repo.homepage",
        "github.event.comment.body",
        "github.event.review.body",
        "github.event.review_comment.body",
        "github.event.discussion.title",
        "github.event.discussion.body",
        "github.event.pages.*.page_name",
        "github.event.commits.*.message",
        "github.event.commits.*.author.email",
        "github.event.commits.*.author.name",
        "github.event.commits.*.committer.email",
        "github.event.commits.*.committer.name",
        "github.event.head_commit.message",
        "github.event.head_commit.author.email",
        "github.event.head_commit.author.name",
        "github.event.head_commit.committer.email",
        "github.event.head_commit.committer.name",
        "github.event.workflow_run.head_branch",
        "github.event.workflow_run.display_title",
        "github.event.workflow_run.head_commit.message",
        "github.event.workflow_run.head_commit.author.email",
        "github.event.workflow_run.head_commit.author.name",
        "github.event.workflow_run.head_commit.committer.email",
        "github.event.workflow_run.head_commit.committer.name",
        "github.event.workflow_run.pull_requests.*.head.ref",
        "github.event.workflow_run.head_repository.description",
        "github.event.check_suite.head_branch",
        "github.event.check_run.check_suite.head_branch",
        "github.event.merge_group.head_commit.message",
    ];
    // Whole objects (`toJSON(github.event)`, `github.event.issue`) contain the fields.
    const WHOLE: &[&str] = &[
        "github",
        "github.event",
        "github.event.issue",
        "github.event.pull_request",
        "github.event.pull_request.head",
        "github.event.comment",
        "github.event.review",
        "github.event.review_comment",
        "github.event.discussion",
        "github.event.head_commit",
        "github.event.commits",
        "github.event.pages",
        "github.event.workflow_run",
        "github.event.workflow_run.head_commit",
    ];
    if WHOLE.contains(&path) {
        return true;
    }
    let segs: Vec<&str> = path.split('.').collect();
    PATTERNS.iter().any(|p| {
        let ps: Vec<&str> = p.split('.').collect();
        // a deeper path under an attacker-controlled string is still attacker-controlled
        segs.len() >= ps.len()
            && ps
                .iter()
                .zip(&segs)
                .all(|(a, b)| *a == "*" || a == b || *b == "*")
    })
}

/// Whether a context path is caller- or dispatcher-supplied (`inputs.*`,
/// `github.event.inputs.*`): trusted users in most setups, attacker data in some.
pub fn caller_controlled(path: &str) -> bool {
    path.starts_with("inputs.") || path.starts_with("github.event.inputs.")
}

/// Whether a context path is a branch or tag name (`github.ref_name`): text that
/// whoever can push a branch or tag chooses, including shell metacharacters.
pub fn ref_name(path: &str) -> bool {
    matches!(path, "github.ref_name" | "github.ref" | "github.base_ref")
}

/// Whether a context path's value cannot carry code: ids, numbers, SHAs, fixed names.
pub fn known_safe(path: &str) -> bool {
    const EXACT: &[&str] = &[
        "github.sha",
        "github.run_id",
        "github.run_number",
        "github.run_attempt",
        "github.workspace",
        "github.action_path",
        "github.job",
        "github.repository",
        "github.repository_id",
        "github.repository_owner",
        "github.repository_owner_id",
        "github.server_url",
        "github.api_url",
        "github.graphql_url",
        "github.event_name",
        "github.action",
        "github.actor",
        "github.actor_id",
        "github.triggering_actor",
        "github.retention_days",
        "github.token",
        "github.event.number",
        "github.ref_type",
        "github.event.pull_request.number",
        "github.event.issue.number",
        "github.event.pull_request.head.sha",
        "github.event.pull_request.base.sha",
        "github.event.workflow_run.id",
        "github.event.workflow_run.head_sha",
        "github.event.repository.default_branch",
        "github.event.pull_request.merged",
        "github.event.pull_request.draft",
        "github.event.action",
        "github.workflow_sha",
        "job.status",
        "strategy.job-index",
        "strategy.job-total",
        "strategy.fail-fast",
        "strategy.max-parallel",
    ];
    EXACT.contains(&path)
        || path.starts_with("runner.")
        || path.starts_with("secrets.")
        || path == "secrets"
        || path.ends_with(".outcome")
        || path.ends_with(".conclusion")
        || path.ends_with(".result")
        || (path.starts_with("env.github_") || path.starts_with("env.runner_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(
            context_paths("github.event['issue'].title"),
            vec!["github.event.issue.title"]
        );
        assert_eq!(
            context_paths("toJSON(github.event.commits[0].message) && 'a.b'"),
            vec!["github.event.commits.*.message"]
        );
        assert_eq!(
            context_paths("contains(github.head_ref, 'x') || true"),
            vec!["github.head_ref"]
        );
    }

    #[test]
    fn attacker_contexts() {
        assert!(attacker_controlled("github.event.issue.title"));
        assert!(attacker_controlled("github.event.commits.*.message"));
        assert!(attacker_controlled("github.event"));
        assert!(!attacker_controlled("github.event.pull_request.number"));
        assert!(!attacker_controlled("github.event.pull_request.head.sha"));
        assert!(!attacker_controlled("github.sha"));
    }

    #[test]
    fn positions_inside_block() {
        let start = Pos {
            line: 5,
            col: 11,
            offset: 100,
        };
        let e = exprs_in_text("echo a\n  echo \"${{ github.head_ref }}\"\n", start);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].span.start.line, e[0].span.start.col), (6, 9));
        assert_eq!((e[0].span.end.line, e[0].span.end.col), (6, 31));
        assert_eq!(e[0].inner, "github.head_ref");
    }
}
