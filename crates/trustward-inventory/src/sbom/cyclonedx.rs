//! CycloneDX 1.6 JSON writer and CycloneDX 1.4–1.6 JSON reader.
//!
//! Written: `metadata` (timestamp, the tool as a `tools.components` entry, the project as
//! `metadata.component`), one `library` component per package (`bom-ref` = purl, `purl`,
//! `group`/`name`/`version`, `scope`, `hashes`, `trustward:*` properties recording the
//! ecosystem, source, scope and directness) and `dependencies` (the project → its direct
//! packages, each package → the packages its lockfile says it depends on).

use super::meta::{self, SbomOptions};
use crate::model::{Inventory, Package, PackageHash, Scope, SourceFile, SourceRef};
use crate::parsers::support::{JsonLines, MAX_DEPTH, MAX_PACKAGES};
use crate::pkgurl;
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap};
use trustward_core::ScanError;

/// bom-ref of the described project.
pub const ROOT_REF: &str = "trustward:project";

/// CycloneDX `group` and `name` for a package: Maven group, npm scope and Packagist vendor
/// go to `group`; other ecosystems keep their full name.
fn group_and_name(p: &Package) -> (Option<String>, String) {
    use crate::model::Ecosystem as E;
    match p.ecosystem {
        E::Maven => match p.name.split_once(':') {
            Some((g, a)) => (Some(g.to_string()), a.to_string()),
            None => (None, p.name.clone()),
        },
        E::Npm | E::Packagist => match p.name.rsplit_once('/') {
            Some((g, n)) => (Some(g.to_string()), n.to_string()),
            None => (None, p.name.clone()),
        },
        _ => (None, p.name.clone()),
    }
}

fn cdx_scope(s: Scope) -> Option<&'static str> {
    match s {
        Scope::Runtime => Some("required"),
        Scope::Optional | Scope::Peer => Some("optional"),
        Scope::Dev | Scope::Build => Some("excluded"),
        Scope::Unknown => None,
    }
}

fn source_text(s: &SourceRef) -> String {
    match s.line {
        Some(l) => format!("{}:{l}", s.path),
        None => s.path.clone(),
    }
}

/// Builds the CycloneDX 1.6 document.
pub fn write(inventory: &Inventory, opts: &SbomOptions) -> Value {
    let packages = meta::merged(inventory);
    let refs: BTreeSet<&str> = packages.iter().map(|p| p.purl.as_str()).collect();
    let components: Vec<Value> = packages
        .iter()
        .map(|p| {
            let (group, name) = group_and_name(p);
            let mut c = Map::new();
            c.insert("type".into(), json!("library"));
            c.insert("bom-ref".into(), json!(p.purl));
            if let Some(g) = group {
                c.insert("group".into(), json!(g));
            }
            c.insert("name".into(), json!(name));
            if !p.version.is_empty() {
                c.insert("version".into(), json!(p.version));
            }
            if let Some(s) = cdx_scope(p.scope) {
                c.insert("scope".into(), json!(s));
            }
            if !p.hashes.is_empty() {
                let hashes: Vec<Value> = p
                    .hashes
                    .iter()
                    .map(|h| json!({"alg": h.alg, "content": h.value}))
                    .collect();
                c.insert("hashes".into(), Value::Array(hashes));
            }
            c.insert("purl".into(), json!(p.purl));
            let mut props = vec![
                json!({"name": "trustward:ecosystem", "value": p.ecosystem.as_str()}),
                json!({"name": "trustward:scope", "value": meta::scope_name(p.scope)}),
                json!({"name": "trustward:source", "value": source_text(&p.source)}),
            ];
            if let Some(d) = p.direct {
                props.push(json!({"name": "trustward:direct", "value": d.to_string()}));
            }
            c.insert("properties".into(), Value::Array(props));
            Value::Object(c)
        })
        .collect();

    let direct: Vec<&str> = packages
        .iter()
        .filter(|p| p.direct == Some(true))
        .map(|p| p.purl.as_str())
        .collect();
    let mut dependencies = vec![json!({"ref": ROOT_REF, "dependsOn": direct})];
    for p in &packages {
        let deps: Vec<&str> = p
            .dependencies
            .iter()
            .map(String::as_str)
            .filter(|d| refs.contains(d) && *d != p.purl)
            .collect();
        if !deps.is_empty() {
            dependencies.push(json!({"ref": p.purl, "dependsOn": deps}));
        }
    }

    let mut root = Map::new();
    root.insert("type".into(), json!("application"));
    root.insert("bom-ref".into(), json!(ROOT_REF));
    root.insert("name".into(), json!(opts.project_name));
    if let Some(v) = opts.project_version.as_deref().filter(|v| !v.is_empty()) {
        root.insert("version".into(), json!(v));
    }

    let mut doc = json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "timestamp": opts.timestamp(),
            "tools": {
                "components": [{
                    "type": "application",
                    "name": opts.tool_name,
                    "version": opts.tool_version,
                }]
            },
            "component": Value::Object(root),
        },
        "components": components,
        "dependencies": dependencies,
    });
    let content = serde_json::to_vec(&doc).unwrap_or_default();
    let serial = format!("urn:uuid:{}", opts.uuid(&content));
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("serialNumber".into(), json!(serial));
    }
    doc
}

/// Reads a CycloneDX JSON document (already parsed into `value`; `text` gives lines).
pub fn read(path: &str, text: &str, value: &Value) -> Inventory {
    let mut inv = Inventory::default();
    let mut lines = JsonLines::new(text);
    let spec = value
        .get("specVersion")
        .and_then(Value::as_str)
        .unwrap_or("?");
    // Flatten nested components (depth-capped), keeping document order.
    let mut flat: Vec<&Value> = Vec::new();
    let mut stack: Vec<(&Value, usize)> = Vec::new();
    if let Some(list) = value.get("components").and_then(Value::as_array) {
        stack.extend(list.iter().rev().map(|c| (c, 0)));
    }
    while let Some((c, depth)) = stack.pop() {
        if flat.len() >= MAX_PACKAGES {
            inv.errors.push(ScanError::new(
                path,
                format!("more than {MAX_PACKAGES} components; the rest was not read"),
            ));
            break;
        }
        flat.push(c);
        if let Some(children) = c.get("components").and_then(Value::as_array) {
            if depth >= MAX_DEPTH {
                inv.errors
                    .push(ScanError::new(path, "components nested too deeply"));
                continue;
            }
            stack.extend(children.iter().rev().map(|c| (c, depth + 1)));
        }
    }
    let mut purl_of_ref: HashMap<String, String> = HashMap::new();
    let mut own_direct: BTreeSet<String> = BTreeSet::new();
    for c in flat {
        let name = c.get("name").and_then(Value::as_str).unwrap_or("");
        let bom_ref = c.get("bom-ref").and_then(Value::as_str);
        let Some(purl_text) = c.get("purl").and_then(Value::as_str) else {
            let line = lines.peek(name);
            inv.errors.push(ScanError::new(
                crate::discover::at(path, line),
                format!("component `{name}` has no purl; not listed"),
            ));
            continue;
        };
        let line = lines.find_pair("purl", purl_text);
        let at = crate::discover::at(path, line);
        let Some(purl) = pkgurl::parse(purl_text) else {
            inv.errors.push(ScanError::new(
                at,
                format!("`{purl_text}` is not a valid purl"),
            ));
            continue;
        };
        let Some(ecosystem) = purl.ecosystem() else {
            inv.errors.push(ScanError::new(
                at,
                format!("purl type `{}` is not a supported ecosystem", purl.ty),
            ));
            continue;
        };
        let props: HashMap<&str, &str> = c
            .get("properties")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| Some((p.get("name")?.as_str()?, p.get("value")?.as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        let scope = props
            .get("trustward:scope")
            .and_then(|s| meta::scope_from_name(s))
            .unwrap_or(match c.get("scope").and_then(Value::as_str) {
                Some("required") => Scope::Runtime,
                Some("optional") => Scope::Optional,
                Some("excluded") => Scope::Dev,
                _ => Scope::Unknown,
            });
        let version = if purl.version.is_empty() {
            c.get("version")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        } else {
            purl.version.clone()
        };
        let hashes: Vec<PackageHash> = c
            .get("hashes")
            .and_then(Value::as_array)
            .map(|hs| {
                hs.iter()
                    .filter_map(|h| {
                        Some(PackageHash {
                            alg: h.get("alg")?.as_str()?.to_string(),
                            value: h.get("content")?.as_str()?.to_ascii_lowercase(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Some(r) = bom_ref {
            purl_of_ref.insert(r.to_string(), purl_text.to_string());
        }
        // trustward's own documents record directness (including "unknown") as a property.
        if props.contains_key("trustward:scope") {
            own_direct.insert(purl_text.to_string());
        }
        inv.packages.push(Package {
            ecosystem,
            name: purl.ecosystem_name(),
            version,
            purl: purl_text.to_string(),
            scope,
            direct: props.get("trustward:direct").and_then(|d| d.parse().ok()),
            source: SourceRef {
                path: path.to_string(),
                line,
            },
            hashes,
            dependencies: Vec::new(),
        });
    }
    // Edges, and directness from the described component's entry.
    let root_ref = value
        .pointer("/metadata/component/bom-ref")
        .and_then(Value::as_str);
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    let mut direct: Option<BTreeSet<String>> = None;
    for d in value
        .get("dependencies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(r) = d.get("ref").and_then(Value::as_str) else {
            continue;
        };
        let targets: Vec<String> = d
            .get("dependsOn")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(|t| purl_of_ref.get(t).cloned())
            .collect();
        if Some(r) == root_ref {
            direct = Some(targets.into_iter().collect());
        } else if let Some(p) = purl_of_ref.get(r) {
            edges.entry(p.clone()).or_default().extend(targets);
        }
    }
    for p in &mut inv.packages {
        if let Some(mut e) = edges.remove(&p.purl) {
            e.sort();
            e.dedup();
            p.dependencies = e;
        }
        if p.direct.is_none()
            && !own_direct.contains(&p.purl)
            && let Some(d) = &direct
        {
            p.direct = Some(d.contains(&p.purl));
        }
    }
    inv.sources.push(SourceFile {
        path: path.to_string(),
        format: format!("CycloneDX {spec}"),
        packages: inv.packages.len(),
    });
    inv.packages.sort();
    inv
}
