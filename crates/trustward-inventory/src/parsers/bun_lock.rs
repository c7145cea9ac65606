//! `bun.lock` (text lockfile, JSON with comments and trailing commas).
//!
//! `packages` maps an install key (`a`, `@s/b`, `a/b` for nested copies) to an array
//! `[ "name@version", registry, {dependencies…}, "sha512-…" ]`. Entries resolved from
//! `workspace:`, `link:`, `file:` or `root:` are the project itself and are not listed;
//! `github:`/`git+` entries are reported as git sources. Direct dependencies and their
//! scope come from `workspaces`; others have unknown scope.

use super::common::{is_git_url, is_plain_http, package, sri_hashes};
use super::yarn_lock::split_spec;
use super::{ParseError, ParseInput, Parsed, json};
use crate::model::{Ecosystem, Issue, IssueKind, Package, Scope, SourceRef};
use std::collections::HashMap;

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let root = json::parse_jsonc(input.text)?;
    if !root.is_obj() {
        return Err(ParseError::at(root.line, "not a JSON object"));
    }
    let Some(lv) = root.at("lockfileVersion").str() else {
        return Err(ParseError::at(
            root.line,
            "no lockfileVersion: not a bun.lock",
        ));
    };
    let mut out = Parsed {
        format: format!("bun.lock v{lv}"),
        ..Default::default()
    };
    let mut direct: HashMap<&str, Scope> = HashMap::new();
    for ws in root.at("workspaces").entries() {
        for (k, scope) in [
            ("dependencies", Scope::Runtime),
            ("devDependencies", Scope::Dev),
            ("optionalDependencies", Scope::Optional),
            ("peerDependencies", Scope::Peer),
        ] {
            for d in ws.value.at(k).entries() {
                let e = direct.entry(d.key.as_ref()).or_insert(scope);
                if scope == Scope::Runtime {
                    *e = Scope::Runtime;
                }
            }
        }
    }
    let mut by_key: HashMap<&str, String> = HashMap::new();
    let mut made: Vec<(Package, &str)> = Vec::new();
    for e in root.at("packages").entries() {
        let items = e.value.items();
        let Some(ident) = items.first().and_then(|n| n.str()) else {
            out.errors.push((
                Some(e.line),
                format!("entry {:?} is not [\"name@version\", …]", e.key),
            ));
            continue;
        };
        let Some((name, reference)) = split_spec(ident) else {
            out.errors.push((
                Some(e.line),
                format!("cannot read name@version from {ident:?}"),
            ));
            continue;
        };
        let local = ["workspace:", "link:", "file:", "root:"];
        if local.iter().any(|p| reference.starts_with(p)) {
            continue;
        }
        let git = reference.starts_with("github:") || is_git_url(reference);
        let version = if git {
            reference.rsplit('#').next().unwrap_or(reference)
        } else {
            reference.strip_prefix("npm:").unwrap_or(reference)
        };
        let is_top = e.key == name;
        let dscope = if is_top {
            direct.get(name).copied()
        } else {
            None
        };
        let mut pkg = package(
            Ecosystem::Npm,
            name,
            version,
            dscope.unwrap_or(Scope::Unknown),
            Some(dscope.is_some()),
            input.path,
            Some(e.line),
        );
        if let Some(h) = items.get(3).and_then(|n| n.str()) {
            pkg.hashes = sri_hashes(h);
        }
        let issue = |kind, detail: &str| Issue {
            kind,
            source: SourceRef {
                path: input.path.to_string(),
                line: Some(e.line),
            },
            name: name.to_string(),
            detail: detail.to_string(),
        };
        if git {
            out.issues.push(issue(IssueKind::GitSource, reference));
        }
        if let Some(reg) = items.get(1).and_then(|n| n.str())
            && is_plain_http(reg)
        {
            out.issues.push(issue(IssueKind::InsecureHttp, reg));
        }
        by_key.insert(e.key.as_ref(), pkg.purl.clone());
        made.push((pkg, e.key.as_ref()));
    }
    let entries = root.at("packages");
    for (mut pkg, key) in made {
        let meta = entries.at(key).items().iter().find(|n| n.is_obj()).cloned();
        let mut deps = Vec::new();
        if let Some(meta) = meta {
            for k in ["dependencies", "optionalDependencies", "peerDependencies"] {
                for d in meta.at(k).entries() {
                    // Nested copy first (`key/dep`), then the hoisted one.
                    let nested = format!("{key}/{}", d.key);
                    if let Some(p) = by_key
                        .get(nested.as_str())
                        .or_else(|| by_key.get(d.key.as_ref()))
                    {
                        deps.push(p.clone());
                    }
                }
            }
        }
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.packages.push(pkg);
    }
    Ok(out)
}
