//! `composer.lock`: `packages` (runtime) and `packages-dev` (dev), with `dist.shasum`
//! (SHA-1, often empty) and `require` edges between locked packages.

use super::support::{Collected, JsonLines, hash_from_hex, link_by_name, package, parse_json};
use crate::model::{Ecosystem, Scope};
use crate::purl;
use serde_json::Value;

/// Parses a composer.lock.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("composer.lock");
    let Some(root) = parse_json(text, &mut out) else {
        return out;
    };
    let mut lines = JsonLines::new(text);
    let mut edges = Vec::new();
    let mut any = false;
    for (key, scope) in [("packages", Scope::Runtime), ("packages-dev", Scope::Dev)] {
        let Some(list) = root.get(key) else { continue };
        any = true;
        lines.find(key);
        let Some(list) = list.as_array() else {
            out.error(lines.peek(key), format!("`{key}` is not an array"));
            continue;
        };
        for entry in list {
            let name = entry.get("name").and_then(Value::as_str);
            let version = entry.get("version").and_then(Value::as_str);
            let (Some(name), Some(version)) = (name, version) else {
                out.error(None, format!("an entry of `{key}` has no name or version"));
                continue;
            };
            let line = lines.find_pair("name", name);
            let mut pkg = package(
                Ecosystem::Packagist,
                name.to_ascii_lowercase(),
                version,
                purl::composer(name, version),
                scope,
                None,
                path,
                line,
            );
            if let Some(sum) = entry
                .pointer("/dist/shasum")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                match hash_from_hex("SHA-1", sum) {
                    Some(h) => pkg.hashes.push(h),
                    None => out.error(line, format!("dist.shasum of {name} is not SHA-1 hex")),
                }
            }
            let deps = entry
                .get("require")
                .and_then(Value::as_object)
                .map(|m| m.keys().map(|k| k.to_ascii_lowercase()).collect())
                .unwrap_or_default();
            edges.push(deps);
            out.push(pkg);
        }
    }
    if !any {
        out.fail(Some(1), "no `packages` array: not a composer.lock?");
    }
    link_by_name(&mut out.packages, &edges, |p| p.name.clone());
    out
}
