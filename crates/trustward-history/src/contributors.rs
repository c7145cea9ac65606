//! Know your contributors: who committed in the window, first-time contributors who
//! touched sensitive paths, commits whose author and committer differ, and sensitive-path
//! changes that no CODEOWNERS rule covers (with the posture crate's CODEOWNERS parser).

use crate::repo::{CommitInfo, Repo};
use crate::settings::Settings;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, ScanError, Severity,
};
use trustward_posture::parse::codeowners::{Codeowners, Ownership};

/// A first-time contributor changed a sensitive path.
pub static FIRST_TIME_SENSITIVE: Rule = Rule {
    id: "history/first-time-contributor-sensitive-path",
    title: "A first-time contributor changed a sensitive path",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &["OSPS-GV-04.01"],
    description: "A commit in the window by an author whose first commit behind HEAD is in \
        the window changed a sensitive path: CI workflows, build scripts, CODEOWNERS, release \
        configuration, lockfiles, `.gitattributes`/`.gitmodules`, install scripts, or a path \
        listed in `[history] sensitive_paths`. Merge commits are not attributed. Not \
        evaluated when the whole history is inside the window (everyone would be new).",
    why: "Supply-chain attacks often arrive as a newcomer's small change to CI, a build \
        script or a lockfile (the xz backdoor hid in build scripts; poisoned lockfiles swap \
        packages). These changes deserve a second maintainer's review.",
    fix: "Review the commit's changes to the sensitive paths with a second maintainer and \
        require code-owner review for those paths.",
    fix_details: "",
    references: &[
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners",
    ],
};

/// Author and committer differ.
pub static AUTHOR_COMMITTER_DIFFER: Rule = Rule {
    id: "history/author-committer-differ",
    title: "Commits whose author and committer differ",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    practice: Practice::KnowYourContributors,
    level: Level::Advanced,
    controls: &[],
    description: "Commits in the window whose author email differs from the committer email \
        (one finding per author/committer pair, with the count). Commits by GitHub's web \
        committer (`noreply@github.com`) are not reported. This is normal for applied \
        patches, rebases and cherry-picks; it is listed so that the people who put changes \
        on the branch are known.",
    why: "The committer is who put the change into history; when that is not the author, the \
        author's identity is only a claim the committer made.",
    fix: "Check that the committer is a maintainer who reviewed the change; prefer signed \
        commits so authorship is evidenced.",
    fix_details: "",
    references: &["https://git-scm.com/book/en/v2/Git-Basics-Viewing-the-Commit-History"],
};

/// A sensitive path changed in the window with no code owner.
pub static SENSITIVE_PATH_NOT_OWNED: Rule = Rule {
    id: "history/sensitive-path-not-owned",
    title: "A sensitive path changed in the window has no code owner",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::RolesAndResponsibilities,
    level: Level::Standard,
    controls: &["OSPS-GV-04.01"],
    description: "A sensitive path (see `history/first-time-contributor-sensitive-path`) \
        changed in the window, and no CODEOWNERS rule at HEAD (`.github/CODEOWNERS`, \
        `CODEOWNERS`, `docs/CODEOWNERS`) assigns it an owner, or the last matching rule names \
        none.",
    why: "Without an owner, changes to CI, build and release files can be merged without the \
        people responsible for them seeing them.",
    fix: "Add CODEOWNERS rules for the sensitive paths and require code-owner review on the \
        default branch.",
    fix_details: "```text\n/.github/workflows/ @org/maintainers\n/CODEOWNERS @org/maintainers\n*.lock @org/maintainers\n```",
    references: &[
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners",
    ],
};

/// Rules of this module.
pub const RULES: &[&Rule] = &[
    &FIRST_TIME_SENSITIVE,
    &AUTHOR_COMMITTER_DIFFER,
    &SENSITIVE_PATH_NOT_OWNED,
];

/// Sensitive paths changed in the window are owned.
pub static CHECK_SENSITIVE_OWNED: Check = Check {
    id: "history/sensitive-paths-owned",
    title: "Every sensitive path changed in the window has a code owner",
    practice: Practice::RolesAndResponsibilities,
    level: Level::Standard,
    controls: &["OSPS-GV-04.01"],
    how: "Lists the sensitive paths (CI, build, release, lockfiles, CODEOWNERS, install \
        scripts) changed by commits in the window and resolves each with the CODEOWNERS file \
        at HEAD: met when each has an owner; not applicable when none changed.",
    why_level: "Code-owner review of sensitive paths is expected once a project has several \
        maintainers and users relying on its releases.",
};

/// Checks of this module.
pub const CHECKS: &[&Check] = &[&CHECK_SENSITIVE_OWNED];

/// One contributor in the window.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contributor {
    /// Author name (the most recent one used with this email).
    pub name: String,
    /// Author email.
    pub email: String,
    /// Commits in the window.
    pub commits: usize,
    /// Date of their first commit behind HEAD (UTC, `YYYY-MM-DD`).
    pub first_commit: String,
    /// Their first commit behind HEAD is in the window (and there is history before it).
    pub first_time: bool,
}

/// Whether a path is sensitive by the built-in list or the configured extras.
pub fn is_sensitive(path: &str, extra: &[String]) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let builtin = lower.starts_with(".github/workflows/")
        || lower.starts_with(".github/actions/")
        || lower.starts_with(".circleci/")
        || lower.starts_with(".buildkite/")
        || lower == ".gitlab-ci.yml"
        || lower == "azure-pipelines.yml"
        || lower == ".travis.yml"
        || name == "jenkinsfile"
        || name == "codeowners"
        || name == ".gitattributes"
        || name == ".gitmodules"
        || matches!(
            name,
            "build.rs"
                | "makefile"
                | "gnumakefile"
                | "cmakelists.txt"
                | "configure"
                | "configure.ac"
                | "meson.build"
                | "setup.py"
                | "setup.cfg"
                | "pyproject.toml"
                | "build.gradle"
                | "build.gradle.kts"
                | "settings.gradle"
                | "settings.gradle.kts"
                | "pom.xml"
                | "package.json"
                | "dockerfile"
                | "cargo.lock"
                | "package-lock.json"
                | "npm-shrinkwrap.json"
                | "yarn.lock"
                | "pnpm-lock.yaml"
                | "bun.lockb"
                | "poetry.lock"
                | "uv.lock"
                | "pipfile.lock"
                | "go.sum"
                | "gemfile.lock"
                | "composer.lock"
                | "gradle.lockfile"
                | "packages.lock.json"
                | "release.toml"
                | "dist-workspace.toml"
                | "release-please-config.json"
                | ".release-please-manifest.json"
                | "install.sh"
                | "install.ps1"
                | "get.sh"
        )
        || name.starts_with(".goreleaser.")
        || name.starts_with(".releaserc")
        || name.starts_with("release.config.")
        || (lower.starts_with("scripts/install") || lower.contains("/install."))
        || name.ends_with(".mk");
    builtin || extra.iter().any(|p| path_matches(p, path))
}

/// A prefix ending in `/`, an exact path, or a glob with `*` (not crossing `/`) and `**`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    if let Some(prefix) = pattern.strip_suffix('/') {
        return path == prefix || path.starts_with(pattern);
    }
    if !pattern.contains('*') && !pattern.contains('?') {
        return path == pattern || path.starts_with(&format!("{pattern}/"));
    }
    trustward_core::policy::path_matches(pattern, Some(path))
}

fn date(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| secs.to_string())
}

/// The CODEOWNERS file at HEAD, read from the object store.
fn codeowners_at(repo: &Repo, head_tree: gix::ObjectId) -> Option<(String, Codeowners)> {
    let mut errors = Vec::new();
    let files = repo.tree_files(head_tree, &mut errors);
    for loc in [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] {
        if let Some((_, id, _)) = files.iter().find(|(p, _, _)| p == loc)
            && let Ok(raw) = repo.raw(id, gix::object::Kind::Blob)
        {
            return Some((
                loc.to_string(),
                Codeowners::parse(&String::from_utf8_lossy(&raw)),
            ));
        }
    }
    None
}

/// Runs the contributor checks; returns the contributors table.
pub fn run(
    repo: &Repo,
    all: &[CommitInfo],
    window: &[&CommitInfo],
    history_before_window: bool,
    settings: &Settings,
    out: &mut AnalyzerOutput,
) -> Vec<Contributor> {
    // First commit of each author over the whole history behind HEAD.
    let mut first: BTreeMap<String, i64> = BTreeMap::new();
    for c in all {
        let e = first
            .entry(c.author_email.to_ascii_lowercase())
            .or_insert(c.commit_time);
        *e = (*e).min(c.commit_time);
    }
    let window_start = window.iter().map(|c| c.commit_time).min().unwrap_or(0);
    let mut table: BTreeMap<String, Contributor> = BTreeMap::new();
    for c in window {
        let key = c.author_email.to_ascii_lowercase();
        let first_time =
            history_before_window && first.get(&key).is_some_and(|t| *t >= window_start);
        let entry = table.entry(key.clone()).or_insert_with(|| Contributor {
            name: c.author_name.clone(),
            email: c.author_email.clone(),
            commits: 0,
            first_commit: date(first.get(&key).copied().unwrap_or(c.commit_time)),
            first_time,
        });
        entry.commits += 1;
    }

    // Paths changed by each non-merge commit in the window.
    let mut diff_errors = Vec::new();
    let mut sensitive_changed: BTreeMap<String, String> = BTreeMap::new();
    let mut parent_trees: BTreeMap<gix::ObjectId, gix::ObjectId> = BTreeMap::new();
    for c in all {
        parent_trees.insert(c.id, c.tree);
    }
    for c in window {
        if c.parents.len() > 1 {
            continue;
        }
        let parent_tree = match c.parents.first() {
            None => None,
            Some(p) => match parent_trees.get(p) {
                Some(t) => Some(*t),
                // Past a shallow boundary: the change cannot be computed.
                None => continue,
            },
        };
        let changed = repo.changed_paths(parent_tree, c.tree, &mut diff_errors);
        let sensitive: Vec<&String> = changed
            .iter()
            .filter(|p| is_sensitive(p, &settings.sensitive_paths))
            .collect();
        if sensitive.is_empty() {
            continue;
        }
        for p in &sensitive {
            sensitive_changed
                .entry((*p).clone())
                .or_insert_with(|| c.id.to_string());
        }
        let key = c.author_email.to_ascii_lowercase();
        if table.get(&key).is_some_and(|t| t.first_time) {
            let id = c.id.to_string();
            let list: Vec<&str> = sensitive.iter().map(|s| s.as_str()).collect();
            out.findings.push(
                Finding::new(
                    &FIRST_TIME_SENSITIVE,
                    format!(
                        "first-time contributor {} <{}> changed {} in commit {}",
                        c.author_name,
                        c.author_email,
                        list.join(", "),
                        &id[..12.min(id.len())]
                    ),
                    Location::file(sensitive[0].clone()).with_commit(id.clone()),
                )
                .with_key(id.clone())
                .with_data("author", format!("{} <{}>", c.author_name, c.author_email))
                .with_data("paths", list),
            );
        }
    }
    out.errors
        .extend(diff_errors.into_iter().map(|e| ScanError::new("", e)));

    // Author ≠ committer, per pair.
    let mut pairs: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for c in window {
        let (a, m) = (
            c.author_email.to_ascii_lowercase(),
            c.committer_email.to_ascii_lowercase(),
        );
        if a == m || m == "noreply@github.com" {
            continue;
        }
        let e = pairs
            .entry((
                format!("{} <{}>", c.author_name, c.author_email),
                format!("{} <{}>", c.committer_name, c.committer_email),
            ))
            .or_insert((0, c.id.to_string()));
        e.0 += 1;
    }
    for ((author, committer), (n, example)) in pairs {
        out.findings.push(
            Finding::new(
                &AUTHOR_COMMITTER_DIFFER,
                format!("{n} commits authored by {author} were committed by {committer}"),
                Location::none().with_commit(example.clone()),
            )
            .with_key(format!("{author}|{committer}"))
            .with_data("count", n)
            .with_data("example_commit", example),
        );
    }

    // Sensitive changes without an owner.
    let codeowners = repo
        .head
        .and_then(|h| all.iter().find(|c| c.id == h))
        .and_then(|c| codeowners_at(repo, c.tree));
    let mut unowned = BTreeSet::new();
    for (path, commit) in &sensitive_changed {
        let owned = match &codeowners {
            Some((_, co)) => matches!(co.owner_of(path), Ownership::Owned(_)),
            None => false,
        };
        if owned {
            continue;
        }
        unowned.insert(path.clone());
        let why = match &codeowners {
            Some((loc, _)) => format!("no rule in {loc} gives it an owner"),
            None => "the repository has no CODEOWNERS file".to_string(),
        };
        out.findings.push(
            Finding::new(
                &SENSITIVE_PATH_NOT_OWNED,
                format!(
                    "{path} changed in the window (commit {}) and {why}",
                    &commit[..12.min(commit.len())]
                ),
                Location::file(path.clone()).with_commit(commit.clone()),
            )
            .with_key(path.clone()),
        );
    }
    out.evidence.push(if sensitive_changed.is_empty() {
        Evidence::not_applicable(
            &CHECK_SENSITIVE_OWNED,
            "no sensitive path changed in the window",
        )
    } else if unowned.is_empty() {
        Evidence::met(
            &CHECK_SENSITIVE_OWNED,
            format!(
                "{} sensitive paths changed in the window, all with a code owner",
                sensitive_changed.len()
            ),
        )
    } else {
        Evidence::not_met(
            &CHECK_SENSITIVE_OWNED,
            format!(
                "{} of {} sensitive paths changed in the window have no code owner: {}",
                unowned.len(),
                sensitive_changed.len(),
                unowned
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    });

    let mut v: Vec<Contributor> = table.into_values().collect();
    v.sort_by(|a, b| b.commits.cmp(&a.commits).then(a.email.cmp(&b.email)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_paths() {
        for p in [
            ".github/workflows/ci.yml",
            "CODEOWNERS",
            ".github/CODEOWNERS",
            "Cargo.lock",
            "sub/package-lock.json",
            "build.rs",
            ".gitattributes",
            ".goreleaser.yaml",
            "scripts/install.sh",
            "Makefile",
        ] {
            assert!(is_sensitive(p, &[]), "{p}");
        }
        for p in ["src/main.rs", "README.md", "docs/guide.md", "tests/x.rs"] {
            assert!(!is_sensitive(p, &[]), "{p}");
        }
        assert!(is_sensitive("deploy/prod.tf", &["deploy/".into()]));
        assert!(is_sensitive("x/y.tf", &["**/*.tf".into()]));
    }
}
