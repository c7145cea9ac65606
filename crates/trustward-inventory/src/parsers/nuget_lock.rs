//! NuGet `packages.lock.json` (v1, v2): per target framework, each package's `type`
//! (`Direct`, `Transitive`, `CentralTransitive`, `Project`), `resolved` version,
//! `contentHash` (base64 SHA-512, stored as hex) and `dependencies` edges. `Project`
//! entries are other projects of the same solution, not packages: they are not listed.
//! A package locked for several frameworks is listed once (the first; direct if any
//! framework says so). Read with the line-numbered JSON tree so object keys keep their
//! file order and lines.

use super::json;
use super::support::{Collected, hash_from_base64, link_by_name, package};
use crate::model::{Ecosystem, Scope};
use crate::purl;
use std::collections::HashMap;

/// Parses a packages.lock.json.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("packages.lock.json");
    let root = match json::parse(text) {
        Ok(r) => r,
        Err(e) => {
            out.fail(e.line, format!("not valid JSON: {}", e.message));
            return out;
        }
    };
    if let Some(v) = root.at("version").str() {
        out.format = format!("packages.lock.json v{v}");
    }
    let frameworks = root.at("dependencies");
    if !frameworks.is_obj() {
        out.fail(
            Some(1),
            "no `dependencies` object: not a NuGet packages.lock.json?",
        );
        return out;
    }
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut edges: Vec<Vec<String>> = Vec::new();
    for fw in frameworks.entries() {
        if !fw.value.is_obj() {
            out.error(
                Some(fw.line),
                format!("framework `{}` is not an object", fw.key),
            );
            continue;
        }
        for entry in fw.value.entries() {
            let name: &str = &entry.key;
            let line = Some(entry.line);
            let node = &entry.value;
            let ty = node.at("type").str().unwrap_or("");
            if ty == "Project" {
                continue;
            }
            let Some(version) = node.at("resolved").str() else {
                out.error(line, format!("{name} has no `resolved` version"));
                continue;
            };
            let direct = ty == "Direct";
            let key = (name.to_ascii_lowercase(), version.to_string());
            let deps: Vec<String> = node
                .at("dependencies")
                .entries()
                .iter()
                .map(|e| e.key.to_ascii_lowercase())
                .collect();
            if let Some(&i) = index.get(&key) {
                if direct && let Some(p) = out.packages.get_mut(i) {
                    p.direct = Some(true);
                }
                if let Some(e) = edges.get_mut(i) {
                    e.extend(deps);
                }
                continue;
            }
            let mut pkg = package(
                Ecosystem::NuGet,
                name,
                version,
                purl::nuget(name, version),
                Scope::Runtime,
                Some(direct),
                path,
                line,
            );
            if let Some(h) = node.at("contentHash").str() {
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
