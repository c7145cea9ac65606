//! `pylock.toml` / `pylock.NAME.toml` (PEP 751, lock-version 1.x). `[[packages]]` give
//! name, version, `dependencies` (edges), and hashes from `archive`, `sdist` and `wheels`.
//! `vcs` entries are reported as git sources and listed at `commit-id`; `directory` entries
//! are local code and are not listed; `archive` URLs over `http://` are reported.
//! Scope and `direct` are not recorded by the format (unknown).

use super::common::{Lines, hex_with_alg, is_plain_http, package, toml_from_str};
use super::{ParseError, ParseInput, Parsed};
use crate::model::{Ecosystem, Issue, IssueKind, PackageHash, Scope, SourceRef};
use crate::purl::pep503;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
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
    let mut by_name: HashMap<String, String> = HashMap::new();
    let mut made = Vec::new();
    for p in &lock.packages {
        let Some(name) = &p.name else {
            out.errors
                .push((None, "a [[packages]] entry without name".to_string()));
            continue;
        };
        if p.directory.is_some() {
            continue;
        }
        let line = lines.line(name.span().start);
        let version = p
            .version
            .clone()
            .or_else(|| p.vcs.as_ref().and_then(|v| v.commit_id.clone()));
        let Some(version) = version else {
            out.errors.push((
                Some(line),
                format!("package {:?} has no version", name.get_ref()),
            ));
            continue;
        };
        let mut pkg = package(
            Ecosystem::PyPI,
            name.get_ref(),
            &version,
            Scope::Unknown,
            None,
            input.path,
            Some(line),
        );
        let mut hashes: Vec<PackageHash> = p
            .archive
            .iter()
            .chain(&p.sdist)
            .chain(&p.wheels)
            .flat_map(|a| a.hashes.iter())
            .filter_map(|(alg, v)| hex_with_alg(alg, v))
            .collect();
        hashes.sort();
        hashes.dedup();
        pkg.hashes = hashes;
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: input.path.to_string(),
                line: Some(line),
            },
            name: name.get_ref().clone(),
            detail: detail.to_string(),
        };
        if let Some(v) = &p.vcs {
            out.issues
                .push(issue(IssueKind::GitSource, v.url.as_deref().unwrap_or("")));
        }
        let urls = p
            .archive
            .iter()
            .chain(&p.sdist)
            .chain(&p.wheels)
            .filter_map(|a| a.url.as_deref())
            .chain(p.index.as_deref());
        if let Some(u) = urls.into_iter().find(|u| is_plain_http(u)) {
            out.issues.push(issue(IssueKind::InsecureHttp, u));
        }
        by_name.insert(pep503(name.get_ref()), pkg.purl.clone());
        made.push((pkg, p));
    }
    for (mut pkg, p) in made {
        let mut deps: Vec<String> = p
            .dependencies
            .iter()
            .filter_map(|d| d.get("name").and_then(|n| n.as_str()))
            .filter_map(|n| by_name.get(&pep503(n)).cloned())
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.packages.push(pkg);
    }
    Ok(out)
}
