//! `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json`.
//!
//! v2 and v3 are read from `packages` (keys are install paths such as
//! `node_modules/a/node_modules/b`); v1 from the nested `dependencies` tree. The root
//! entry (`""`) and workspace members (paths outside `node_modules/`) are the project
//! itself and are not listed; `link: true` entries point at them. Aliases (`"x": {"name":
//! "real"}` in v2+, `"version": "npm:real@1.0.0"` in v1) are listed under the real name.
//! Scope: `dev`/`devOptional` → dev, `optional` → optional, `peer` → peer, else runtime.
//! `direct` is known in v2+ (declared by the root or a workspace and installed at its top
//! level), unknown in v1. `integrity` becomes hashes; edges follow Node's resolution.

use super::common::{is_git_url, is_plain_http, package, sri_hashes};
use super::tree::Node;
use super::{ParseError, ParseInput, Parsed, json};
use crate::model::{Ecosystem, Issue, IssueKind, Package, Scope, SourceRef};
use std::collections::{HashMap, HashSet};

/// Dependency kinds of a package.json-like object.
pub const DEP_KEYS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let root = json::parse(input.text)?;
    if !root.is_obj() {
        return Err(ParseError::at(root.line, "not a JSON object"));
    }
    let file = input.path.rsplit('/').next().unwrap_or(input.path);
    let version = root.at("lockfileVersion").str().unwrap_or("1").to_string();
    let mut out = Parsed {
        format: format!("{file} v{version}"),
        ..Default::default()
    };
    if root.get("packages").is_some_and(Node::is_obj) {
        parse_packages(input, &root, &mut out);
    } else if root.get("dependencies").is_some_and(Node::is_obj) {
        let mut flat = Vec::new();
        flatten_v1(root.at("dependencies"), "", 0, &mut flat);
        parse_entries(input, &flat, &HashSet::new(), false, &mut out);
    } else if root.get("lockfileVersion").is_none() {
        return Err(ParseError::at(
            root.line,
            "no lockfileVersion, packages or dependencies: not a package-lock.json",
        ));
    }
    Ok(out)
}

/// One install path and its entry.
struct Flat<'a> {
    path: String,
    line: u32,
    node: &'a Node<'a>,
}

fn flatten_v1<'a>(deps: &'a Node, prefix: &str, depth: usize, out: &mut Vec<Flat<'a>>) {
    if depth > 64 {
        return;
    }
    for e in deps.entries() {
        let path = format!("{prefix}node_modules/{}", e.key);
        out.push(Flat {
            path: path.clone(),
            line: e.line,
            node: &e.value,
        });
        if let Some(sub) = e.value.get("dependencies") {
            flatten_v1(sub, &format!("{path}/"), depth + 1, out);
        }
    }
}

fn parse_packages(input: &ParseInput<'_>, root: &Node, out: &mut Parsed) {
    let packages = root.at("packages");
    // Declared direct dependencies: install path of each.
    let mut direct = HashSet::new();
    let mut flat = Vec::new();
    for e in packages.entries() {
        let is_member = e.key.is_empty() || !e.key.contains("node_modules/");
        if is_member {
            let prefix = if e.key.is_empty() {
                String::new()
            } else {
                format!("{}/", e.key)
            };
            for k in DEP_KEYS {
                for d in e.value.at(k).entries() {
                    direct.insert(format!("{prefix}node_modules/{}", d.key));
                    // A workspace dependency may be hoisted to the root.
                    direct.insert(format!("node_modules/{}", d.key));
                }
            }
            continue;
        }
        flat.push(Flat {
            path: e.key.to_string(),
            line: e.line,
            node: &e.value,
        });
    }
    parse_entries(input, &flat, &direct, true, out);
}

/// The package name at the end of an install path.
fn name_from_path(path: &str) -> &str {
    match path.rfind("node_modules/") {
        Some(i) => path.get(i + "node_modules/".len()..).unwrap_or(path),
        None => path,
    }
}

fn parse_entries(
    input: &ParseInput<'_>,
    flat: &[Flat<'_>],
    direct: &HashSet<String>,
    v2: bool,
    out: &mut Parsed,
) {
    // path → purl, and links path → target path.
    let mut purls: HashMap<&str, String> = HashMap::new();
    let mut links: HashMap<&str, &str> = HashMap::new();
    let mut made: Vec<(usize, Package)> = Vec::new();
    for (i, f) in flat.iter().enumerate() {
        let n = f.node;
        let key_name = name_from_path(&f.path);
        if n.at("link").bool() {
            if let Some(t) = n.at("resolved").str() {
                links.insert(&f.path, t);
            }
            continue;
        }
        let Some(raw_version) = n.at("version").str() else {
            if v2 && n.is_obj() {
                out.errors
                    .push((Some(f.line), format!("package {:?} has no version", f.path)));
            }
            continue;
        };
        let (mut name, mut version) = (key_name, raw_version);
        if let Some(real) = n.at("name").str() {
            name = real;
        }
        if let Some(alias) = raw_version.strip_prefix("npm:") {
            // `npm:real@1.0.0` (v1 alias); the last `@` separates the version.
            if let Some((real, v)) = alias.rsplit_once('@').filter(|(r, _)| !r.is_empty()) {
                name = real;
                version = v;
            }
        }
        let resolved = n.at("resolved").str().unwrap_or("");
        if version.starts_with("file:") || version.starts_with("link:") {
            continue; // local directory, part of the project
        }
        let mut detail_src = None;
        if is_git_url(version) {
            detail_src = Some(version);
            // v1 git dependency: version holds the URL; the commit is after `#`.
            version = version.rsplit('#').next().unwrap_or(version);
        } else if is_git_url(resolved) {
            detail_src = Some(resolved);
        }
        let scope = if n.at("dev").bool() || n.at("devOptional").bool() {
            Scope::Dev
        } else if n.at("optional").bool() {
            Scope::Optional
        } else if n.at("peer").bool() {
            Scope::Peer
        } else {
            Scope::Runtime
        };
        let is_direct = if v2 {
            Some(direct.contains(&f.path))
        } else {
            None
        };
        let mut pkg = package(
            Ecosystem::Npm,
            name,
            version,
            scope,
            is_direct,
            input.path,
            Some(f.line),
        );
        if let Some(integ) = n.at("integrity").str() {
            pkg.hashes = sri_hashes(integ);
        }
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: input.path.to_string(),
                line: Some(f.line),
            },
            name: name.to_string(),
            detail: detail.to_string(),
        };
        if let Some(src) = detail_src {
            out.issues.push(issue(IssueKind::GitSource, src));
        }
        if is_plain_http(resolved) {
            out.issues.push(issue(IssueKind::InsecureHttp, resolved));
        }
        purls.insert(&f.path, pkg.purl.clone());
        made.push((i, pkg));
    }
    // Edges, by Node's resolution from each install path upwards.
    for (i, pkg) in &mut made {
        let Some(f) = flat.get(*i) else { continue };
        let n = f.node;
        let mut names: Vec<&str> = Vec::new();
        for k in [
            "dependencies",
            "optionalDependencies",
            "peerDependencies",
            "requires",
        ] {
            names.extend(
                n.at(k)
                    .entries()
                    .iter()
                    .filter(|e| !(k == "dependencies" && !v2 && e.value.is_obj()))
                    .map(|e| e.key.as_ref()),
            );
        }
        let mut deps: Vec<String> = names
            .into_iter()
            .filter_map(|d| resolve(&f.path, d, &purls, &links))
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
    }
    out.packages.extend(made.into_iter().map(|(_, p)| p));
}

fn resolve(
    from: &str,
    name: &str,
    purls: &HashMap<&str, String>,
    links: &HashMap<&str, &str>,
) -> Option<String> {
    let mut base = from.to_string();
    for _ in 0..256 {
        let cand = if base.is_empty() {
            format!("node_modules/{name}")
        } else {
            format!("{base}/node_modules/{name}")
        };
        if let Some(p) = purls.get(cand.as_str()) {
            return Some(p.clone());
        }
        if let Some(target) = links.get(cand.as_str()) {
            return purls.get(target).cloned();
        }
        if base.is_empty() {
            return None;
        }
        base = match base.rfind("/node_modules/") {
            Some(i) => base.get(..i).unwrap_or("").to_string(),
            None if base.starts_with("node_modules/") => String::new(),
            None => String::new(),
        };
    }
    None
}
