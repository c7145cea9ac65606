//! `pdm.lock`. Each `[[package]]` has name, version, `groups` (`default` → runtime; only
//! other groups, typically `dev`/`test` → dev), `files` hashes and `dependencies` as
//! requirement strings (edges by PEP 503 name). `git` entries are reported and listed at
//! their `revision`; `path` entries are local code and are not listed. `direct` unknown.

use super::common::{Lines, hex_hash, toml_from_str};
use super::python_lock::{Entry, finish};
use super::{ParseError, ParseInput, Parsed};
use crate::model::Scope;
use serde::Deserialize;
use std::collections::BTreeMap;
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
    let mut entries = Vec::new();
    for p in &lock.package {
        let Some(name) = &p.name else {
            out.errors
                .push((None, "a [[package]] without name".to_string()));
            continue;
        };
        if p.path.is_some() {
            continue;
        }
        let scope = if p.groups.is_empty() {
            Scope::Unknown
        } else if p.groups.iter().any(|g| g == "default") {
            Scope::Runtime
        } else {
            Scope::Dev
        };
        entries.push(Entry {
            name: name.get_ref().clone(),
            line: lines.line(name.span().start),
            version: p.version.clone().or_else(|| p.revision.clone()),
            scope,
            direct: None,
            hashes: p
                .files
                .iter()
                .filter_map(|f| f.hash.as_deref().and_then(hex_hash))
                .collect(),
            deps: p
                .dependencies
                .iter()
                .map(|d| req_name(d.trim()).to_string())
                .collect(),
            git: p.git.clone(),
            urls: p.url.iter().cloned().collect(),
        });
    }
    finish(input.path, entries, &mut out);
    Ok(out)
}
