//! `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x.
//!
//! Package keys: v5 `/name/1.2.3_peer@1.0.0`, v6 `/name@1.2.3(peer@1.0.0)`, v9
//! `name@1.2.3` (peer variants live in `snapshots`). Peer suffixes are dropped and each
//! name@version is listed once. Direct dependencies come from `importers` (workspaces) or,
//! in single-project v5/v6 files, the top-level `dependencies`/`devDependencies`/
//! `optionalDependencies`; `link:` and `workspace:` versions are the project itself.
//! Scope: v5/v6 `dev: true` → dev, `dev: false` → runtime, `optional: true` → optional;
//! in v9 only direct dependencies have a known scope. `resolution.integrity` → hashes.

use super::common::{is_plain_http, package, sri_hashes};
use super::tree::Node;
use super::{ParseError, ParseInput, Parsed, yaml};
use crate::model::{Ecosystem, Issue, IssueKind, Package, Scope, SourceRef};
use std::collections::{HashMap, HashSet};

/// Splits a package key into (name, version), dropping peer suffixes.
pub fn split_key(key: &str, major: u32) -> Option<(String, String)> {
    let k = key.strip_prefix('/').unwrap_or(key);
    let k = k.split('(').next().unwrap_or(k);
    if major < 6 {
        // name/1.2.3_peer — the version is after the last `/`.
        let (name, ver) = k.rsplit_once('/')?;
        let ver = ver.split('_').next().unwrap_or(ver);
        if name.is_empty() || ver.is_empty() {
            return None;
        }
        return Some((name.to_string(), ver.to_string()));
    }
    let start = usize::from(k.starts_with('@'));
    let at = k.get(start..)?.find('@')? + start;
    let (name, ver) = (k.get(..at)?, k.get(at + 1..)?);
    if name.is_empty() || ver.is_empty() {
        return None;
    }
    Some((name.to_string(), ver.to_string()))
}

/// A dependency's version as written in `dependencies:` maps (v5: `1.2.3_peer`, v6+:
/// `1.2.3(peer)` or `{version: …}`), without peer suffix.
fn dep_version(n: &Node, major: u32) -> Option<String> {
    let raw = n.str().or_else(|| n.at("version").str())?;
    let raw = raw.split('(').next().unwrap_or(raw);
    let raw = if major < 6 {
        raw.split('_').next().unwrap_or(raw)
    } else {
        raw
    };
    Some(raw.to_string())
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let root = yaml::parse(input.text)?;
    if !root.is_obj() {
        return Err(ParseError::at(root.line, "not a YAML mapping"));
    }
    let version = root.at("lockfileVersion").str().unwrap_or("").to_string();
    let major: u32 = version
        .trim_matches('\'')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| ParseError::at(1, "missing or unreadable lockfileVersion"))?;
    let mut out = Parsed {
        format: format!("pnpm-lock.yaml v{version}"),
        ..Default::default()
    };

    // Direct dependencies: (name, version) → scope.
    let mut direct: HashMap<(String, String), Scope> = HashMap::new();
    let importers: Vec<&Node> = match root.get("importers") {
        Some(imp) => imp.entries().iter().map(|e| &e.value).collect(),
        None => vec![&root],
    };
    for imp in importers {
        for (k, scope) in [
            ("dependencies", Scope::Runtime),
            ("devDependencies", Scope::Dev),
            ("optionalDependencies", Scope::Optional),
        ] {
            for d in imp.at(k).entries() {
                let Some(v) = dep_version(&d.value, major) else {
                    continue;
                };
                if v.starts_with("link:") || v.starts_with("workspace:") || v.starts_with("file:") {
                    continue;
                }
                let e = direct.entry((d.key.to_string(), v)).or_insert(scope);
                if scope == Scope::Runtime {
                    *e = Scope::Runtime;
                }
            }
        }
    }

    let mut purls: HashMap<(String, String), String> = HashMap::new();
    let mut seen = HashSet::new();
    let mut made: Vec<(Package, (String, String))> = Vec::new();
    for e in root.at("packages").entries() {
        let v = &e.value;
        // Tarball or git keys: name and version must then be in the entry.
        let (kname, kver) = split_key(&e.key, major).unwrap_or_default();
        let name = v
            .at("name")
            .str()
            .map(str::to_string)
            .unwrap_or(kname.clone());
        let version = v
            .at("version")
            .str()
            .map(str::to_string)
            .unwrap_or(kver.clone());
        if name.is_empty() || version.is_empty() {
            out.errors.push((
                Some(e.line),
                format!("entry {:?} has no name or version", e.key),
            ));
            continue;
        }
        if !seen.insert((name.clone(), version.clone())) {
            continue;
        }
        let dscope = direct.get(&(name.clone(), version.clone())).copied();
        let scope = if v.get("dev").is_some() {
            if v.at("dev").bool() {
                Scope::Dev
            } else if v.at("optional").bool() {
                Scope::Optional
            } else {
                Scope::Runtime
            }
        } else if v.at("optional").bool() {
            Scope::Optional
        } else {
            dscope.unwrap_or(Scope::Unknown)
        };
        let mut pkg = package(
            Ecosystem::Npm,
            &name,
            &version,
            scope,
            Some(dscope.is_some()),
            input.path,
            Some(e.line),
        );
        let res = v.at("resolution");
        if let Some(i) = res.at("integrity").str() {
            pkg.hashes = sri_hashes(i);
        }
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: input.path.to_string(),
                line: Some(e.line),
            },
            name: name.clone(),
            detail: detail.to_string(),
        };
        let tarball = res.at("tarball").str().unwrap_or("");
        if res.at("type").str() == Some("git")
            || res.get("repo").is_some()
            || tarball.contains("codeload.github.com")
            || e.key.starts_with("github.com/")
        {
            let repo =
                res.at("repo")
                    .str()
                    .unwrap_or(if tarball.is_empty() { &e.key } else { tarball });
            out.issues.push(issue(IssueKind::GitSource, repo));
        }
        if let Some(t) = res.at("tarball").str()
            && is_plain_http(t)
        {
            out.issues.push(issue(IssueKind::InsecureHttp, t));
        }
        purls.insert((kname.clone(), kver.clone()), pkg.purl.clone());
        purls.insert((name.clone(), version.clone()), pkg.purl.clone());
        made.push((pkg, (e.key.to_string(), String::new())));
    }

    // Edges: from the package entry (v5/v6) or its snapshots (v9).
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for section in ["packages", "snapshots"] {
        for e in root.at(section).entries() {
            let Some((n, v)) = split_key(&e.key, major) else {
                continue;
            };
            let Some(purl) = purls.get(&(n, v)).cloned() else {
                continue;
            };
            let list = edges.entry(purl).or_default();
            for k in ["dependencies", "optionalDependencies"] {
                for d in e.value.at(k).entries() {
                    if let Some(dv) = dep_version(&d.value, major)
                        && let Some(p) = purls
                            .get(&(d.key.to_string(), dv.clone()))
                            .or_else(|| split_key(&dv, major).and_then(|nv| purls.get(&nv)))
                    {
                        list.push(p.clone());
                    }
                }
            }
        }
    }
    for (mut pkg, _) in made {
        if let Some(mut d) = edges.remove(&pkg.purl) {
            d.sort();
            d.dedup();
            pkg.dependencies = d;
        }
        out.packages.push(pkg);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            split_key("/lodash/4.17.21", 5),
            Some(("lodash".into(), "4.17.21".into()))
        );
        assert_eq!(
            split_key("/@babel/core/7.0.0_react@18.0.0", 5),
            Some(("@babel/core".into(), "7.0.0".into()))
        );
        assert_eq!(
            split_key("/@a/b@1.0.0(react@18.0.0)", 6),
            Some(("@a/b".into(), "1.0.0".into()))
        );
        assert_eq!(
            split_key("ms@2.1.3", 9),
            Some(("ms".into(), "2.1.3".into()))
        );
        assert_eq!(split_key("nover", 9), None);
    }
}
