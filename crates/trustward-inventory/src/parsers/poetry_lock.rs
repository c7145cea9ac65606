//! `poetry.lock` (lock-version 1.x and 2.x).
//!
//! Each `[[package]]` gives name, version, `files` hashes and `[package.dependencies]`
//! (edges, matched by PEP 503 name). Scope from `category` (older locks: `main` → runtime,
//! `dev` → dev) or `optional = true` → optional; newer locks without `category` give no
//! scope (unknown). `[package.source]` of type `git` is reported as a git source, `url`
//! over `http://` as insecure; `directory` sources are the project's own code and are not
//! listed. `direct` is not recorded by poetry.lock (unknown).

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
    category: Option<String>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    files: Vec<File>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
    source: Option<Source>,
}

#[derive(Deserialize)]
struct File {
    hash: Option<String>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "type")]
    ty: Option<String>,
    url: Option<String>,
    resolved_reference: Option<String>,
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let lines = Lines::new(input.text);
    let lock: Lock = toml_from_str(input.text, &lines)?;
    let lv = lock
        .metadata
        .get("lock-version")
        .and_then(|v| v.as_str())
        .unwrap_or("?");
    let mut out = Parsed {
        format: format!("poetry.lock v{lv}"),
        ..Default::default()
    };
    let mut entries = Vec::new();
    for p in &lock.package {
        let (Some(name), Some(version)) = (&p.name, &p.version) else {
            let line = p.name.as_ref().map(|n| lines.line(n.span().start));
            out.errors
                .push((line, "a [[package]] without name or version".to_string()));
            continue;
        };
        let src_ty = p
            .source
            .as_ref()
            .and_then(|s| s.ty.as_deref())
            .unwrap_or("");
        if src_ty == "directory" {
            continue;
        }
        let scope = match p.category.as_deref() {
            _ if p.optional => Scope::Optional,
            Some("main") => Scope::Runtime,
            Some("dev") => Scope::Dev,
            _ => Scope::Unknown,
        };
        let url = p.source.as_ref().and_then(|s| s.url.clone());
        let detail = p.source.as_ref().map(|src| {
            let url = src.url.as_deref().unwrap_or("");
            match &src.resolved_reference {
                Some(r) => format!("{url}@{r}"),
                None => url.to_string(),
            }
        });
        entries.push(Entry {
            name: name.get_ref().clone(),
            line: lines.line(name.span().start),
            version: Some(version.clone()),
            scope,
            direct: None,
            hashes: p
                .files
                .iter()
                .filter_map(|f| f.hash.as_deref().and_then(hex_hash))
                .collect(),
            deps: p.dependencies.keys().cloned().collect(),
            git: detail.filter(|_| src_ty == "git"),
            urls: url.into_iter().collect(),
        });
    }
    finish(input.path, entries, &mut out);
    Ok(out)
}
