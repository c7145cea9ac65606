//! `Cargo.lock`, versions 1 to 4.
//!
//! v1 keeps checksums in `[metadata]` (`"checksum NAME VERSION (SOURCE)" = "…"`) and writes
//! every dependency as `NAME VERSION (SOURCE)`; v2 moves checksums into each package and
//! shortens dependencies to `NAME` or `NAME VERSION` when unambiguous; v3 and v4 add a
//! top-level `version`. Packages without `source` are the workspace's own crates (or local
//! path crates): they are the project, not dependencies, and are not listed; the crates
//! they depend on are the direct dependencies. Cargo.lock does not record dev/build kinds:
//! scope is unknown.
//! Git sources get a `vcs_url` purl qualifier and are reported as issues.

use super::common::{Lines, hex_with_alg, is_plain_http, package, toml_from_str};
use super::{ParseError, ParseInput, Parsed};
use crate::model::{Ecosystem, Issue, IssueKind, Scope, SourceRef};
use crate::purl::Purl;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

#[derive(Deserialize)]
struct Lock {
    version: Option<toml::Value>,
    #[serde(default)]
    package: Vec<Pkg>,
    #[serde(default)]
    metadata: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct Pkg {
    name: Option<Spanned<String>>,
    version: Option<String>,
    source: Option<String>,
    checksum: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

/// How a locked crate is sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// No source: a crate of the workspace itself.
    Path,
    /// A registry (crates.io or another).
    Registry,
    /// A git repository.
    Git,
}

/// Classifies a `source` string.
pub fn source_kind(source: Option<&str>) -> SourceKind {
    match source {
        None => SourceKind::Path,
        Some(s) if s.starts_with("git+") => SourceKind::Git,
        Some(_) => SourceKind::Registry,
    }
}

/// Parses a `Cargo.lock`.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let lines = Lines::new(input.text);
    let lock: Lock = toml_from_str(input.text, &lines)?;
    let v1_deps = lock
        .package
        .iter()
        .any(|p| p.dependencies.iter().any(|d| d.contains(" (")));
    let has_meta_checksums = lock.metadata.keys().any(|k| k.starts_with("checksum "));
    let format_version = match &lock.version {
        Some(toml::Value::Integer(n)) => n.to_string(),
        Some(_) => return Err(ParseError::at(None, "`version` is not an integer")),
        None if v1_deps || has_meta_checksums => "1".to_string(),
        None => "2".to_string(),
    };
    let mut out = Parsed {
        format: format!("Cargo.lock v{format_version}"),
        ..Default::default()
    };

    // First pass: the packages themselves.
    struct Row<'a> {
        name: &'a str,
        version: &'a str,
        source: Option<&'a str>,
        line: u32,
        purl: String,
    }
    let mut rows = Vec::new();
    for p in &lock.package {
        let (Some(name), Some(version)) = (&p.name, &p.version) else {
            let line = p.name.as_ref().map(|n| lines.line(n.span().start));
            out.errors.push((
                line,
                "a [[package]] entry without name or version".to_string(),
            ));
            continue;
        };
        let line = lines.line(name.span().start);
        let kind = source_kind(p.source.as_deref());
        let mut purl = Purl::new("cargo", "", name.get_ref(), version);
        if kind == SourceKind::Git
            && let Some(src) = &p.source
        {
            purl = purl.qualifier("vcs_url", src.trim_start_matches("git+"));
        }
        rows.push(Row {
            name: name.get_ref(),
            version,
            source: p.source.as_deref(),
            line,
            purl: purl.to_string(),
        });
    }

    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_name.entry(r.name).or_default().push(i);
    }
    // Resolves a dependency string to the index of a row.
    let resolve = |dep: &str| -> Option<usize> {
        let mut parts = dep.splitn(3, ' ');
        let name = parts.next()?;
        let version = parts.next();
        let source = parts
            .next()
            .map(|s| s.trim_start_matches('(').trim_end_matches(')'));
        by_name.get(name)?.iter().copied().find(|&i| {
            rows.get(i).is_some_and(|r| {
                version.is_none_or(|v| r.version == v) && source.is_none_or(|s| r.source == Some(s))
            })
        })
    };

    let mut direct: HashSet<usize> = HashSet::new();
    let mut edges: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    let mut idx = 0;
    for p in &lock.package {
        if p.name.is_none() || p.version.is_none() {
            continue;
        }
        let mut deps = Vec::new();
        for d in &p.dependencies {
            match resolve(d) {
                Some(j) => {
                    if rows.get(idx).is_some_and(|r| r.source.is_none()) {
                        direct.insert(j);
                    }
                    if let Some(r) = rows.get(j) {
                        deps.push(r.purl.clone());
                    }
                }
                None => out.errors.push((
                    rows.get(idx).map(|r| r.line),
                    format!("dependency {d:?} is not a package of this lockfile"),
                )),
            }
        }
        deps.sort();
        deps.dedup();
        edges.push(deps);
        idx += 1;
    }

    for (i, (r, p)) in rows
        .iter()
        .zip(
            lock.package
                .iter()
                .filter(|p| p.name.is_some() && p.version.is_some()),
        )
        .enumerate()
    {
        let kind = source_kind(r.source);
        if kind == SourceKind::Path {
            continue; // the workspace's own crates: the project, not a dependency
        }
        let is_direct = Some(direct.contains(&i));
        let mut pkg = package(
            Ecosystem::CratesIo,
            r.name,
            r.version,
            Scope::Unknown,
            is_direct,
            input.path,
            Some(r.line),
        );
        pkg.purl = r.purl.clone();
        let checksum = p.checksum.clone().or_else(|| {
            let key = format!(
                "checksum {} {} ({})",
                r.name,
                r.version,
                r.source.unwrap_or("")
            );
            lock.metadata
                .get(&key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        });
        if let Some(h) = checksum.and_then(|c| hex_with_alg("sha256", &c)) {
            pkg.hashes.push(h);
        }
        pkg.dependencies = edges.get(i).cloned().unwrap_or_default();
        if let Some(src) = r.source {
            let issue = |kind| Issue {
                kind,
                source: SourceRef {
                    path: input.path.to_string(),
                    line: Some(r.line),
                },
                name: r.name.to_string(),
                detail: src.to_string(),
            };
            if kind == SourceKind::Git {
                out.issues.push(issue(IssueKind::GitSource));
            }
            if is_plain_http(src.split_once('+').map_or(src, |(_, url)| url)) {
                out.issues.push(issue(IssueKind::InsecureHttp));
            }
        }
        out.packages.push(pkg);
    }
    Ok(out)
}
