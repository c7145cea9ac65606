//! The shape the Python lock parsers (`pdm.lock`, `poetry.lock`, `pylock.toml`, `uv.lock`)
//! share: each reads its own TOML into [`Entry`] values (name, line, version, scope, hashes,
//! dependency names, git and plain-http sources), and [`finish`] turns them into packages,
//! reports entries without a version, raises the git / plain-http issues and resolves the
//! dependency edges by PEP 503 name in a second pass.

use super::Parsed;
use super::common::package;
use crate::model::{Ecosystem, Issue, IssueKind, PackageHash, Scope, SourceRef};
use crate::purl::pep503;
use std::collections::HashMap;

/// One package entry of a Python lock file, read by the format's own parser.
#[derive(Debug, Default)]
pub struct Entry {
    /// Distribution name as written.
    pub name: String,
    /// 1-based line of the entry.
    pub line: u32,
    /// Version (registry version, or what the lock gives for a git entry).
    pub version: Option<String>,
    /// Scope.
    pub scope: Scope,
    /// Direct dependency of the project, when the lock records it.
    pub direct: Option<bool>,
    /// Hashes (unsorted; [`finish`] sorts and dedups).
    pub hashes: Vec<PackageHash>,
    /// Names of the distributions it depends on, as written.
    pub deps: Vec<String>,
    /// The git source (URL, with the revision when known): reported as a git source.
    pub git: Option<String>,
    /// URLs it is fetched from; plain `http://` ones are reported.
    pub urls: Vec<String>,
}

/// Builds the packages, issues and errors of `entries` into `out`.
pub fn finish(path: &str, entries: Vec<Entry>, out: &mut Parsed) {
    let mut by_name: HashMap<String, String> = HashMap::new();
    let mut made = Vec::with_capacity(entries.len());
    for e in entries {
        let Some(version) = e.version.as_deref() else {
            out.errors
                .push((Some(e.line), format!("package {:?} has no version", e.name)));
            continue;
        };
        let mut pkg = package(
            Ecosystem::PyPI,
            &e.name,
            version,
            e.scope,
            e.direct,
            path,
            Some(e.line),
        );
        let mut hashes = e.hashes.clone();
        hashes.sort();
        hashes.dedup();
        pkg.hashes = hashes;
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: path.to_string(),
                line: Some(e.line),
            },
            name: e.name.clone(),
            detail: detail.to_string(),
        };
        if let Some(g) = &e.git {
            out.issues.push(issue(IssueKind::GitSource, g));
        }
        if let Some(u) = e.urls.iter().find(|u| super::common::is_plain_http(u)) {
            out.issues.push(issue(IssueKind::InsecureHttp, u));
        }
        by_name.insert(pep503(&e.name), pkg.purl.clone());
        made.push((pkg, e.deps));
    }
    for (mut pkg, names) in made {
        let mut deps: Vec<String> = names
            .iter()
            .filter_map(|d| by_name.get(&pep503(d)).cloned())
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.packages.push(pkg);
    }
}
