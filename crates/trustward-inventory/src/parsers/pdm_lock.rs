//! `pdm.lock`. Each `[[package]]` has name, version, `groups` (`default` → runtime; only
//! other groups, typically `dev`/`test` → dev), `files` hashes and `dependencies` as
//! requirement strings (edges by PEP 503 name). `git` entries are reported and listed at
//! their `revision`; `path` entries are local code and are not listed. `direct` unknown.

use super::common::{Lines, hex_hash, is_plain_http, package, toml_from_str};
use super::{ParseError, ParseInput, Parsed};
use crate::model::{Ecosystem, Issue, IssueKind, Scope, SourceRef};
use crate::purl::pep503;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Pkg>,
    #[serde(default)]
    metadata: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct Pkg {
    name: Option<Spanned<String>>,
    version: Option<String>,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    files: Vec<File>,
    #[serde(default)]
    dependencies: Vec<String>,
    git: Option<String>,
    revision: Option<String>,
    path: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct File {
    hash: Option<String>,
}

/// The distribution name at the start of a requirement string.
fn req_name(req: &str) -> &str {
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    req.get(..end).unwrap_or(req)
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let lines = Lines::new(input.text);
    let lock: Lock = toml_from_str(input.text, &lines)?;
    let lv = lock
        .metadata
        .get("lock_version")
        .and_then(|v| v.as_str())
        .unwrap_or("?");
    let mut out = Parsed {
        format: format!("pdm.lock v{lv}"),
        ..Default::default()
    };
    let mut by_name: HashMap<String, String> = HashMap::new();
    let mut made = Vec::new();
    for p in &lock.package {
        let Some(name) = &p.name else {
            out.errors
                .push((None, "a [[package]] without name".to_string()));
            continue;
        };
        if p.path.is_some() {
            continue;
        }
        let line = lines.line(name.span().start);
        let Some(version) = p.version.clone().or_else(|| p.revision.clone()) else {
            out.errors.push((
                Some(line),
                format!("package {:?} has no version", name.get_ref()),
            ));
            continue;
        };
        let scope = if p.groups.is_empty() {
            Scope::Unknown
        } else if p.groups.iter().any(|g| g == "default") {
            Scope::Runtime
        } else {
            Scope::Dev
        };
        let mut pkg = package(
            Ecosystem::PyPI,
            name.get_ref(),
            &version,
            scope,
            None,
            input.path,
            Some(line),
        );
        pkg.hashes = p
            .files
            .iter()
            .filter_map(|f| f.hash.as_deref().and_then(hex_hash))
            .collect();
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: input.path.to_string(),
                line: Some(line),
            },
            name: name.get_ref().clone(),
            detail: detail.to_string(),
        };
        if let Some(g) = &p.git {
            out.issues.push(issue(IssueKind::GitSource, g));
        }
        if let Some(u) = &p.url
            && is_plain_http(u)
        {
            out.issues.push(issue(IssueKind::InsecureHttp, u));
        }
        by_name.insert(pep503(name.get_ref()), pkg.purl.clone());
        made.push((pkg, p));
    }
    for (mut pkg, p) in made {
        let mut deps: Vec<String> = p
            .dependencies
            .iter()
            .filter_map(|d| by_name.get(&pep503(req_name(d.trim()))).cloned())
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.packages.push(pkg);
    }
    Ok(out)
}
