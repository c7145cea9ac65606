//! `pylock.toml` / `pylock.NAME.toml` (PEP 751, lock-version 1.x). `[[packages]]` give
//! name, version, `dependencies` (edges), and hashes from `archive`, `sdist` and `wheels`.
//! `vcs` entries are reported as git sources and listed at `commit-id`; `directory` entries
//! are local code and are not listed; `archive` URLs over `http://` are reported.
//! Scope and `direct` are not recorded by the format (unknown).

use super::common::{Lines, hex_with_alg, toml_from_str};
use super::python_lock::{Entry, finish};
use super::{ParseError, ParseInput, Parsed};
use crate::model::Scope;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Whether a file name is a PEP 751 lock file.
pub fn matches(name: &str) -> bool {
    name == "pylock.toml"
        || (name.starts_with("pylock.") && name.ends_with(".toml") && !name.contains('/'))
}

#[derive(Deserialize)]
struct Lock {
    #[serde(rename = "lock-version")]
    lock_version: Option<String>,
    #[serde(default)]
    packages: Vec<Pkg>,
}

#[derive(Deserialize)]
struct Pkg {
    name: Option<Spanned<String>>,
    version: Option<String>,
    #[serde(default)]
    dependencies: Vec<BTreeMap<String, toml::Value>>,
    vcs: Option<Vcs>,
    directory: Option<toml::Value>,
    archive: Option<Artifact>,
    sdist: Option<Artifact>,
    #[serde(default)]
    wheels: Vec<Artifact>,
    index: Option<String>,
}

#[derive(Deserialize)]
struct Vcs {
    url: Option<String>,
    #[serde(rename = "commit-id")]
    commit_id: Option<String>,
}

#[derive(Deserialize)]
struct Artifact {
    url: Option<String>,
    #[serde(default)]
    hashes: BTreeMap<String, String>,
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let lines = Lines::new(input.text);
    let lock: Lock = toml_from_str(input.text, &lines)?;
    let Some(lv) = lock.lock_version else {
        return Err(ParseError::at(
            1,
            "no lock-version: not a PEP 751 lock file",
        ));
    };
    let mut out = Parsed {
        format: format!("pylock.toml v{lv}"),
        ..Default::default()
    };
    let mut entries = Vec::new();
    for p in &lock.packages {
        let Some(name) = &p.name else {
            out.errors
                .push((None, "a [[packages]] entry without name".to_string()));
            continue;
        };
        if p.directory.is_some() {
            continue;
        }
        let artifacts = || p.archive.iter().chain(&p.sdist).chain(&p.wheels);
        entries.push(Entry {
            name: name.get_ref().clone(),
            line: lines.line(name.span().start),
            version: p
                .version
                .clone()
                .or_else(|| p.vcs.as_ref().and_then(|v| v.commit_id.clone())),
            scope: Scope::Unknown,
            direct: None,
            hashes: artifacts()
                .flat_map(|a| a.hashes.iter())
                .filter_map(|(alg, v)| hex_with_alg(alg, v))
                .collect(),
            deps: p
                .dependencies
                .iter()
                .filter_map(|d| d.get("name").and_then(|n| n.as_str()))
                .map(str::to_string)
                .collect(),
            git: p.vcs.as_ref().map(|v| v.url.clone().unwrap_or_default()),
            urls: artifacts()
                .filter_map(|a| a.url.clone())
                .chain(p.index.clone())
                .collect(),
        });
    }
    finish(input.path, entries, &mut out);
    Ok(out)
}
