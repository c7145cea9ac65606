//! `uv.lock` (version 1). Packages whose `source` is `editable`, `virtual` or `directory`
//! are the project (or workspace members) and are not listed; their `dependencies`,
//! `optional-dependencies` and `dev-dependencies` make the direct set and its scope.
//! `git` sources are reported; `url` sources over `http://` too. Hashes from `sdist` and
//! `wheels`. Edges from `dependencies`.

use super::common::{Lines, hex_hash, toml_from_str};
use super::python_lock::{Entry, finish};
use super::{ParseError, ParseInput, Parsed};
use crate::model::Scope;
use crate::purl::pep503;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

#[derive(Deserialize)]
struct Lock {
    version: Option<toml::Value>,
    #[serde(default)]
    package: Vec<Pkg>,
}

#[derive(Deserialize)]
struct Pkg {
    name: Option<Spanned<String>>,
    version: Option<String>,
    #[serde(default)]
    source: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dependencies: Vec<Dep>,
    #[serde(default, rename = "optional-dependencies")]
    optional: BTreeMap<String, Vec<Dep>>,
    #[serde(default, rename = "dev-dependencies")]
    dev: BTreeMap<String, Vec<Dep>>,
    sdist: Option<Artifact>,
    #[serde(default)]
    wheels: Vec<Artifact>,
}

#[derive(Deserialize)]
struct Dep {
    name: String,
}

#[derive(Deserialize)]
struct Artifact {
    hash: Option<String>,
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let lines = Lines::new(input.text);
    let lock: Lock = toml_from_str(input.text, &lines)?;
    let v = lock.version.map(|v| v.to_string()).unwrap_or("?".into());
    let mut out = Parsed {
        format: format!("uv.lock v{v}"),
        ..Default::default()
    };
    let is_local = |p: &Pkg| {
        ["editable", "virtual", "directory"]
            .iter()
            .any(|k| p.source.contains_key(*k))
    };
    let mut direct: HashMap<String, Scope> = HashMap::new();
    for p in lock.package.iter().filter(|p| is_local(p)) {
        let groups = [(Scope::Runtime, vec![&p.dependencies])]
            .into_iter()
            .chain([(Scope::Optional, p.optional.values().collect())])
            .chain([(Scope::Dev, p.dev.values().collect())]);
        for (scope, lists) in groups {
            for d in lists.into_iter().flatten() {
                let e = direct.entry(pep503(&d.name)).or_insert(scope);
                if scope == Scope::Runtime {
                    *e = Scope::Runtime;
                }
            }
        }
    }
    let mut entries = Vec::new();
    for p in &lock.package {
        let Some(name) = &p.name else {
            out.errors
                .push((None, "a [[package]] without name".to_string()));
            continue;
        };
        if is_local(p) {
            continue;
        }
        let git = p.source.get("git").and_then(|g| g.as_str());
        let version = p
            .version
            .clone()
            .or_else(|| git.map(|g| g.rsplit('#').next().unwrap_or(g).to_string()));
        let dscope = direct.get(&pep503(name.get_ref())).copied();
        entries.push(Entry {
            name: name.get_ref().clone(),
            line: lines.line(name.span().start),
            version,
            scope: dscope.unwrap_or(Scope::Unknown),
            direct: Some(dscope.is_some()),
            hashes: p
                .sdist
                .iter()
                .chain(&p.wheels)
                .filter_map(|a| a.hash.as_deref().and_then(hex_hash))
                .collect(),
            deps: p
                .dependencies
                .iter()
                .chain(p.optional.values().flatten())
                .map(|d| d.name.clone())
                .collect(),
            git: git.map(str::to_string),
            urls: ["url", "registry"]
                .iter()
                .filter_map(|k| p.source.get(*k).and_then(|u| u.as_str()))
                .map(str::to_string)
                .collect(),
        });
    }
    finish(input.path, entries, &mut out);
    Ok(out)
}
