//! NuGet `packages.lock.json` (v1, v2): per target framework, each package's `type`
//! (`Direct`, `Transitive`, `CentralTransitive`, `Project`), `resolved` version,
//! `contentHash` (base64 SHA-512, stored as hex) and `dependencies` edges. `Project`
//! entries are other projects of the same solution, not packages: they are not listed.
//! A package locked for several frameworks is listed once (the first, direct if any says so).

use super::support::{Collected, JsonLines, hash_from_base64, link_by_name, package, parse_json};
use crate::model::{Ecosystem, Scope};
use crate::pkgurl;
use serde_json::Value;
use std::collections::HashMap;

/// Parses a packages.lock.json.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("packages.lock.json");
    let Some(root) = parse_json(text, &mut out) else {
        return out;
    };
    if let Some(v) = root.get("version").and_then(Value::as_u64) {
        out.format = format!("packages.lock.json v{v}");
    }
    let Some(frameworks) = root.get("dependencies").and_then(Value::as_object) else {
        out.fail(
            Some(1),
            "no `dependencies` object: not a NuGet packages.lock.json?",
        );
        return out;
    };
    let mut lines = JsonLines::new(text);
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut edges: Vec<Vec<String>> = Vec::new();
    for (fw, pkgs) in frameworks {
        lines.find_object(fw);
        let Some(pkgs) = pkgs.as_object() else {
            out.error(lines.peek(fw), format!("framework `{fw}` is not an object"));
            continue;
        };
        for (name, entry) in pkgs {
            let line = lines.find_object(name);
            let ty = entry.get("type").and_then(Value::as_str).unwrap_or("");
            if ty == "Project" {
                continue;
            }
            let Some(version) = entry.get("resolved").and_then(Value::as_str) else {
                out.error(line, format!("{name} has no `resolved` version"));
                continue;
            };
            let direct = ty == "Direct";
            let key = (name.to_ascii_lowercase(), version.to_string());
            let deps: Vec<String> = entry
                .get("dependencies")
                .and_then(Value::as_object)
                .map(|m| m.keys().map(|k| k.to_ascii_lowercase()).collect())
                .unwrap_or_default();
            if let Some(&i) = index.get(&key) {
                if let Some(p) = out.packages.get_mut(i)
                    && direct
                {
                    p.direct = Some(true);
                }
                if let Some(e) = edges.get_mut(i) {
                    e.extend(deps);
                }
                continue;
            }
            let mut pkg = package(
                Ecosystem::NuGet,
                name.as_str(),
                version,
                pkgurl::nuget(name, version),
                Scope::Runtime,
                Some(direct),
                path,
                line,
            );
            if let Some(h) = entry.get("contentHash").and_then(Value::as_str) {
                match hash_from_base64("SHA-512", h) {
                    Some(h) => pkg.hashes.push(h),
                    None => out.error(
                        line,
                        format!("contentHash of {name} is not a base64 SHA-512"),
                    ),
                }
            }
            index.insert(key, out.packages.len());
            edges.push(deps);
            out.push(pkg);
        }
    }
    link_by_name(&mut out.packages, &edges, |p| p.name.to_ascii_lowercase());
    out
}
