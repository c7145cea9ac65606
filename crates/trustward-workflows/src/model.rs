//! Typed views of GitHub Actions workflows and `action.yml` metadata, built over the
//! spanned YAML tree so every field keeps the node (and position) it came from.

use crate::yaml::{Node, Span, Value};

/// One `on:` trigger.
#[derive(Debug, Clone)]
pub struct Trigger<'a> {
    /// Event name (`pull_request_target`).
    pub name: &'a str,
    /// The node naming it (list item, map key or the `on:` scalar).
    pub node: &'a Node,
    /// Its configuration (`types`, `branches` …) in the map form.
    pub config: Option<&'a Node>,
}

/// A `permissions:` block.
#[derive(Debug, Clone)]
pub enum Permissions<'a> {
    /// `permissions: write-all`.
    WriteAll(&'a Node),
    /// `permissions: read-all`.
    ReadAll(&'a Node),
    /// `permissions: {}` or a per-scope map: `(scope key node, level)`.
    Scopes(Vec<(&'a Node, &'a str)>),
    /// Anything else (an expression).
    Other(&'a Node),
}

impl<'a> Permissions<'a> {
    fn from(node: &'a Node) -> Self {
        match &node.value {
            Value::Scalar(s, _) if s == "write-all" => Permissions::WriteAll(node),
            Value::Scalar(s, _) if s == "read-all" => Permissions::ReadAll(node),
            Value::Scalar(..) if node.is_null() => Permissions::Scopes(Vec::new()),
            Value::Map(m) => Permissions::Scopes(
                m.iter()
                    .filter_map(|(k, v)| Some((k, v.as_str()?)))
                    .collect(),
            ),
            _ => Permissions::Other(node),
        }
    }

    /// The scopes granted `write`, with their key nodes.
    pub fn write_scopes(&self) -> Vec<(&'a Node, &'a str)> {
        match self {
            Permissions::Scopes(s) => s
                .iter()
                .filter(|(_, l)| *l == "write")
                .filter_map(|(k, _)| Some((*k, k.as_str()?)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether `scope` is granted `write` (or everything is).
    pub fn grants_write(&self, scope: &str) -> bool {
        match self {
            Permissions::WriteAll(_) => true,
            Permissions::Scopes(s) => s
                .iter()
                .any(|(k, l)| k.as_str() == Some(scope) && *l == "write"),
            _ => false,
        }
    }
}

/// One step of a job or composite action.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The whole step mapping.
    pub node: &'a Node,
    /// 0-based index in its job.
    pub index: usize,
    /// `id:`.
    pub id: Option<&'a str>,
    /// `uses:` value node.
    pub uses: Option<&'a Node>,
    /// `run:` value node.
    pub run: Option<&'a Node>,
    /// `with:` mapping.
    pub with: Option<&'a Node>,
    /// `env:` mapping.
    pub env: Option<&'a Node>,
    /// `shell:`.
    pub shell: Option<&'a str>,
    /// `if:`.
    pub if_: Option<&'a Node>,
}

impl<'a> Step<'a> {
    fn from(node: &'a Node, index: usize) -> Self {
        Step {
            node,
            index,
            id: node.get_str("id"),
            uses: node.get("uses"),
            run: node.get("run"),
            with: node.get("with"),
            env: node.get("env"),
            shell: node.get_str("shell"),
            if_: node.get("if"),
        }
    }

    /// The `uses:` string.
    pub fn uses_str(&self) -> Option<&'a str> {
        self.uses.and_then(Node::as_str)
    }

    /// Whether `uses:` names `owner/repo` (any path or ref), case-insensitively.
    pub fn uses_action(&self, owner_repo: &str) -> bool {
        self.uses_str().is_some_and(|u| {
            let name = u.split('@').next().unwrap_or("");
            name.eq_ignore_ascii_case(owner_repo)
        })
    }

    /// A `with:` input node.
    pub fn with_input(&self, key: &str) -> Option<&'a Node> {
        self.with?.get(key)
    }

    /// The `run:` text.
    pub fn run_str(&self) -> Option<&'a str> {
        self.run.and_then(Node::as_str)
    }
}

/// One job.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The job id.
    pub id: &'a str,
    /// The key node naming the job.
    pub key: &'a Node,
    /// The job mapping.
    pub node: &'a Node,
    /// `runs-on:`.
    pub runs_on: Option<&'a Node>,
    /// `permissions:` and its key node.
    pub permissions: Option<(&'a Node, Permissions<'a>)>,
    /// `container:`.
    pub container: Option<&'a Node>,
    /// `services:`.
    pub services: Option<&'a Node>,
    /// Steps (empty for reusable-workflow calls).
    pub steps: Vec<Step<'a>>,
    /// `uses:` of a reusable-workflow call.
    pub uses: Option<&'a Node>,
    /// `secrets:` of a reusable-workflow call (and its key node).
    pub secrets: Option<(&'a Node, &'a Node)>,
    /// `env:`.
    pub env: Option<&'a Node>,
    /// `if:`.
    pub if_: Option<&'a Node>,
    /// `environment:`.
    pub environment: Option<&'a Node>,
}

/// A parsed workflow file.
#[derive(Debug, Clone)]
pub struct Workflow<'a> {
    /// The root mapping.
    pub root: &'a Node,
    /// The `on` key node.
    pub on_key: &'a Node,
    /// Triggers in source order.
    pub triggers: Vec<Trigger<'a>>,
    /// Workflow-level `permissions:` and its key node.
    pub permissions: Option<(&'a Node, Permissions<'a>)>,
    /// Workflow-level `env:`.
    pub env: Option<&'a Node>,
    /// Jobs in source order.
    pub jobs: Vec<Job<'a>>,
}

impl<'a> Workflow<'a> {
    /// Reads a workflow from a YAML root; `None` when it is not one (no `on` and `jobs`).
    pub fn from_root(root: &'a Node) -> Option<Self> {
        let map = root.as_map()?;
        // `on` is a plain string for a YAML 1.2 event parser; a YAML 1.1 reader turns it
        // into boolean true, so accept that spelling too.
        let (on_key, on) = map.iter().find(|(k, _)| {
            matches!(
                k.as_str(),
                Some("on") | Some("true") | Some("True") | Some("ON") | Some("On")
            )
        })?;
        let jobs_node = root.get("jobs")?;
        let mut triggers = Vec::new();
        match &on.value {
            Value::Scalar(s, _) => triggers.push(Trigger {
                name: s.as_str(),
                node: on,
                config: None,
            }),
            Value::Seq(items) => {
                for it in items {
                    if let Some(s) = it.as_str() {
                        triggers.push(Trigger {
                            name: s,
                            node: it,
                            config: None,
                        });
                    }
                }
            }
            Value::Map(m) => {
                for (k, v) in m {
                    if let Some(s) = k.as_str() {
                        triggers.push(Trigger {
                            name: s,
                            node: k,
                            config: Some(v),
                        });
                    }
                }
            }
        }
        let mut jobs = Vec::new();
        if let Some(m) = jobs_node.as_map() {
            for (k, v) in m {
                let Some(id) = k.as_str() else { continue };
                jobs.push(Job {
                    id,
                    key: k,
                    node: v,
                    runs_on: v.get("runs-on"),
                    permissions: v
                        .entry("permissions")
                        .map(|(k, p)| (k, Permissions::from(p))),
                    container: v.get("container"),
                    services: v.get("services"),
                    steps: steps_of(v.get("steps")),
                    uses: v.get("uses"),
                    secrets: v.entry("secrets"),
                    env: v.get("env"),
                    if_: v.get("if"),
                    environment: v.get("environment"),
                });
            }
        }
        Some(Workflow {
            root,
            on_key,
            triggers,
            permissions: root
                .entry("permissions")
                .map(|(k, p)| (k, Permissions::from(p))),
            env: root.get("env"),
            jobs,
        })
    }

    /// Whether any trigger is named `name`.
    pub fn has_trigger(&self, name: &str) -> bool {
        self.triggers.iter().any(|t| t.name == name)
    }

    /// The first trigger named one of `names`.
    pub fn trigger(&self, names: &[&str]) -> Option<&Trigger<'a>> {
        self.triggers.iter().find(|t| names.contains(&t.name))
    }

    /// Whether the workflow runs with the base repository's privileges on events that
    /// outsiders can cause (`pull_request_target`, `workflow_run`, `issue_comment` …).
    pub fn privileged_untrusted_trigger(&self) -> Option<&Trigger<'a>> {
        self.trigger(&[
            "pull_request_target",
            "workflow_run",
            "issue_comment",
            "issues",
            "discussion",
            "discussion_comment",
            "pull_request_review",
            "pull_request_review_comment",
        ])
    }

    /// Whether the workflow looks like a release/publish workflow (tag pushes, releases,
    /// or a publish step), where a poisoned cache ends up in shipped artifacts.
    pub fn is_release(&self) -> bool {
        if self.has_trigger("release") {
            return true;
        }
        if let Some(t) = self.trigger(&["push"])
            && let Some(cfg) = t.config
            && cfg.get("tags").is_some()
        {
            return true;
        }
        false
    }

    /// The effective permissions of a job: its own, else the workflow's.
    pub fn job_permissions<'s>(&'s self, job: &'s Job<'a>) -> Option<&'s Permissions<'a>> {
        job.permissions
            .as_ref()
            .or(self.permissions.as_ref())
            .map(|(_, p)| p)
    }
}

fn steps_of(node: Option<&Node>) -> Vec<Step<'_>> {
    node.and_then(Node::as_seq)
        .map(|s| {
            s.iter()
                .enumerate()
                .filter(|(_, n)| n.as_map().is_some())
                .map(|(i, n)| Step::from(n, i))
                .collect()
        })
        .unwrap_or_default()
}

/// How an action runs.
#[derive(Debug, Clone)]
pub enum ActionRuns<'a> {
    /// `using: composite` with its steps.
    Composite(Vec<Step<'a>>),
    /// `using: docker` with its `image:` node.
    Docker(Option<&'a Node>),
    /// A JavaScript or unknown action.
    Other,
}

/// A parsed `action.yml`.
#[derive(Debug, Clone)]
pub struct Action<'a> {
    /// The root mapping.
    pub root: &'a Node,
    /// The `runs` key node.
    pub runs_key: &'a Node,
    /// What it runs.
    pub runs: ActionRuns<'a>,
}

impl<'a> Action<'a> {
    /// Reads action metadata; `None` when there is no `runs:` mapping.
    pub fn from_root(root: &'a Node) -> Option<Self> {
        let (runs_key, runs) = root.entry("runs")?;
        runs.as_map()?;
        let using = runs.get_str("using").unwrap_or("").to_ascii_lowercase();
        let kind = if using == "composite" {
            ActionRuns::Composite(steps_of(runs.get("steps")))
        } else if using == "docker" {
            ActionRuns::Docker(runs.get("image"))
        } else {
            ActionRuns::Other
        };
        Some(Action {
            root,
            runs_key,
            runs: kind,
        })
    }
}

/// What a `uses:` reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsesKind {
    /// `owner/repo[/path]@ref`.
    Repository {
        /// Owner.
        owner: String,
        /// Repository.
        repo: String,
        /// Sub-path inside the repository (for actions or reusable workflows).
        path: Option<String>,
        /// The ref after `@` (empty when missing).
        git_ref: String,
    },
    /// `./path` in the same repository.
    Local(String),
    /// `docker://image[:tag][@digest]`.
    Docker(String),
}

/// Parses a `uses:` string.
pub fn parse_uses(s: &str) -> Option<UsesKind> {
    let s = s.trim();
    if let Some(img) = s.strip_prefix("docker://") {
        return Some(UsesKind::Docker(img.to_string()));
    }
    if s.starts_with("./") || s.starts_with(".\\") {
        return Some(UsesKind::Local(s.to_string()));
    }
    let (name, git_ref) = match s.split_once('@') {
        Some((n, r)) => (n, r),
        None => (s, ""),
    };
    let mut parts = name.splitn(3, '/');
    let owner = parts.next().filter(|p| !p.is_empty())?;
    let repo = parts.next().filter(|p| !p.is_empty())?;
    let path = parts.next().map(str::to_string);
    Some(UsesKind::Repository {
        owner: owner.to_string(),
        repo: repo.to_string(),
        path,
        git_ref: git_ref.to_string(),
    })
}

/// Whether a ref is a full 40-hex (SHA-1) or 64-hex (SHA-256) commit id.
pub fn is_commit_sha(r: &str) -> bool {
    (r.len() == 40 || r.len() == 64) && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The span of a node as a `(start, end)` pair.
pub fn span_of(n: &Node) -> Span {
    n.span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn on_forms() {
        for (src, names) in [
            ("on: push\njobs: {}\n", vec!["push"]),
            (
                "on: [push, pull_request]\njobs: {}\n",
                vec!["push", "pull_request"],
            ),
            (
                "on:\n  push:\n    tags: ['v*']\n  release:\njobs: {}\n",
                vec!["push", "release"],
            ),
            ("true: push\njobs: {}\n", vec!["push"]),
        ] {
            let n = yaml::parse(src).unwrap().unwrap();
            let w = Workflow::from_root(&n).unwrap();
            let got: Vec<_> = w.triggers.iter().map(|t| t.name).collect();
            assert_eq!(got, names, "{src}");
        }
        let n = yaml::parse("name: x\nfoo: bar\n").unwrap().unwrap();
        assert!(Workflow::from_root(&n).is_none());
    }

    #[test]
    fn uses_forms() {
        assert_eq!(
            parse_uses("actions/checkout@v4"),
            Some(UsesKind::Repository {
                owner: "actions".into(),
                repo: "checkout".into(),
                path: None,
                git_ref: "v4".into()
            })
        );
        assert!(matches!(
            parse_uses("./.github/actions/x"),
            Some(UsesKind::Local(_))
        ));
        assert!(matches!(
            parse_uses("docker://alpine:3"),
            Some(UsesKind::Docker(_))
        ));
        assert!(is_commit_sha("b4ffde65f46336ab88eb53be808477a3936bae11"));
        assert!(!is_commit_sha("v4"));
    }
}
