//! `poetry.lock` (lock-version 1.x and 2.x).
//!
//! Each `[[package]]` gives name, version, `files` hashes and `[package.dependencies]`
//! (edges, matched by PEP 503 name). Scope from `category` (older locks: `main` → runtime,
//! `dev` → dev) or `optional = true` → optional; newer locks without `category` give no
//! scope (unknown). `[package.source]` of type `git` is reported as a git source, `url`
//! over `http://` as insecure; `directory` sources are the project's own code and are not
//! listed. `direct` is not recorded by poetry.lock (unknown).

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
    let mut by_name: HashMap<String, String> = HashMap::new();
    let mut made = Vec::new();
    for p in &lock.package {
        let (Some(name), Some(version)) = (&p.name, &p.version) else {
            let line = p.name.as_ref().map(|n| lines.line(n.span().start));
            out.errors
                .push((line, "a [[package]] without name or version".to_string()));
            continue;
        };
        let line = lines.line(name.span().start);
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
        let mut pkg = package(
            Ecosystem::PyPI,
            name.get_ref(),
            version,
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
        pkg.hashes.sort();
        pkg.hashes.dedup();
        if let Some(src) = &p.source {
            let url = src.url.as_deref().unwrap_or("");
            let issue = |kind| Issue {
                kind,
                source: SourceRef {
                    path: input.path.to_string(),
                    line: Some(line),
                },
                name: name.get_ref().clone(),
                detail: match &src.resolved_reference {
                    Some(r) => format!("{url}@{r}"),
                    None => url.to_string(),
                },
            };
            if src_ty == "git" {
                out.issues.push(issue(IssueKind::GitSource));
            }
            if is_plain_http(url) {
                out.issues.push(issue(IssueKind::InsecureHttp));
            }
        }
        by_name.insert(pep503(name.get_ref()), pkg.purl.clone());
        made.push((pkg, p));
    }
    for (mut pkg, p) in made {
        let mut deps: Vec<String> = p
            .dependencies
            .keys()
            .filter_map(|d| by_name.get(&pep503(d)).cloned())
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.packages.push(pkg);
    }
    Ok(out)
}
