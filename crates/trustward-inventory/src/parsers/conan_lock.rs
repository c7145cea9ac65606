//! `conan.lock`: Conan 1.x lockfiles (`graph_lock.nodes`, format 0.4, the root node `0`
//! names the direct requirements) and Conan 2.x lockfiles (`requires`, `build_requires`,
//! `python_requires` lists of `name/version[@user/channel][#rrev[%timestamp]]`).

use super::support::{Collected, JsonLines, package, parse_json};
use crate::model::{Ecosystem, Scope};
use crate::purl;
use serde_json::Value;
use std::collections::HashMap;

/// A parsed Conan reference.
#[derive(Debug, PartialEq)]
struct Ref<'a> {
    name: &'a str,
    version: &'a str,
    user: &'a str,
    channel: &'a str,
    rrev: &'a str,
}

/// `zlib/1.2.13@user/channel#rrev%1690000000.1` → parts; `None` without `name/version`.
fn parse_ref(s: &str) -> Option<Ref<'_>> {
    let (s, rrev) = match s.split_once('#') {
        Some((a, r)) => (a, r.split('%').next().unwrap_or(r)),
        None => (s, ""),
    };
    let (nv, uc) = s.split_once('@').unwrap_or((s, ""));
    let (name, version) = nv.split_once('/')?;
    let (user, channel) = uc.split_once('/').unwrap_or((uc, ""));
    if name.is_empty() || version.is_empty() {
        return None;
    }
    Some(Ref {
        name,
        version,
        user: if user == "_" { "" } else { user },
        channel: if channel == "_" { "" } else { channel },
        rrev,
    })
}

fn purl_of(r: &Ref<'_>) -> String {
    purl::conan(r.name, r.version, r.user, r.channel, r.rrev)
}

/// Parses a conan.lock.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("conan.lock");
    let Some(root) = parse_json(text, &mut out) else {
        return out;
    };
    let mut lines = JsonLines::new(text);
    if let Some(nodes) = root.pointer("/graph_lock/nodes").and_then(Value::as_object) {
        out.format = "conan.lock v0.4".into();
        let root_requires: Vec<String> = nodes
            .get("0")
            .and_then(|n| n.get("requires"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let root_build: Vec<String> = nodes
            .get("0")
            .and_then(|n| n.get("build_requires"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        // Node ids that only build requirements reach (transitively) are build scope.
        let mut purl_of_id: HashMap<&str, String> = HashMap::new();
        let mut pending: Vec<(String, Vec<String>)> = Vec::new();
        // Lines of node keys from the line-numbered tree (serde_json's map is sorted, not in
        // file order).
        let node_lines: HashMap<String, u32> = super::json::parse(text)
            .map(|t| {
                t.at("graph_lock")
                    .at("nodes")
                    .entries()
                    .iter()
                    .map(|e| (e.key.to_string(), e.line))
                    .collect()
            })
            .unwrap_or_default();
        let mut keys: Vec<&String> = nodes.keys().collect();
        keys.sort_by_key(|k| (k.parse::<u64>().unwrap_or(u64::MAX), k.as_str()));
        for id in keys {
            let Some(node) = nodes.get(id.as_str()) else {
                continue;
            };
            let line = node_lines.get(id.as_str()).copied();
            if id == "0" {
                continue;
            }
            let Some(r) = node.get("ref").and_then(Value::as_str) else {
                out.error(line, format!("node {id} has no `ref`"));
                continue;
            };
            let Some(parsed) = parse_ref(r) else {
                out.error(line, format!("node {id}: `{r}` is not name/version"));
                continue;
            };
            let purl = purl_of(&parsed);
            let direct = root_requires.iter().chain(&root_build).any(|x| x == id);
            let scope = if root_build.iter().any(|x| x == id) {
                Scope::Build
            } else if root_requires.is_empty() && root_build.is_empty() {
                Scope::Unknown
            } else {
                Scope::Runtime
            };
            purl_of_id.insert(id.as_str(), purl.clone());
            let deps: Vec<String> = ["requires", "build_requires"]
                .iter()
                .filter_map(|k| node.get(*k).and_then(Value::as_array))
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            pending.push((purl.clone(), deps));
            out.push(package(
                Ecosystem::ConanCenter,
                parsed.name,
                parsed.version,
                purl,
                scope,
                Some(direct),
                path,
                line,
            ));
        }
        for (pkg, (_, deps)) in out.packages.iter_mut().zip(&pending) {
            let mut d: Vec<String> = deps
                .iter()
                .filter_map(|id| purl_of_id.get(id.as_str()).cloned())
                .collect();
            d.sort();
            d.dedup();
            pkg.dependencies = d;
        }
        return out;
    }
    let mut any = false;
    for (key, scope) in [
        ("requires", Scope::Runtime),
        ("build_requires", Scope::Build),
        ("python_requires", Scope::Build),
    ] {
        let Some(list) = root.get(key) else { continue };
        any = true;
        let Some(list) = list.as_array() else {
            out.error(lines.peek(key), format!("`{key}` is not an array"));
            continue;
        };
        for item in list {
            let Some(r) = item.as_str() else {
                out.error(None, format!("an entry of `{key}` is not a string"));
                continue;
            };
            let line = lines.find(r);
            let Some(parsed) = parse_ref(r) else {
                out.error(line, format!("`{r}` is not name/version"));
                continue;
            };
            out.push(package(
                Ecosystem::ConanCenter,
                parsed.name,
                parsed.version,
                purl_of(&parsed),
                scope,
                None,
                path,
                line,
            ));
        }
    }
    if any {
        let v = root.get("version").and_then(Value::as_str).unwrap_or("?");
        out.format = format!("conan.lock v{v}");
    } else {
        out.fail(
            Some(1),
            "neither `graph_lock` nor `requires`: not a conan.lock?",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(
            parse_ref("zlib/1.2.13@_/_#abc%1690.5"),
            Some(Ref {
                name: "zlib",
                version: "1.2.13",
                user: "",
                channel: "",
                rrev: "abc"
            })
        );
        assert_eq!(
            parse_ref("openssl/3.0.0@me/stable").map(|r| r.channel),
            Some("stable")
        );
        assert!(parse_ref("nothing").is_none());
    }
}
