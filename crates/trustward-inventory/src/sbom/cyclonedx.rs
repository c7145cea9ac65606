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
use crate::purl;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use trustward_core::ScanError;

/// bom-ref of the described project.
pub const ROOT_REF: &str = "trustward:project";

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

#[derive(Serialize)]
struct Bom<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "bomFormat")]
    bom_format: &'static str,
    #[serde(rename = "specVersion")]
    spec_version: &'static str,
    #[serde(rename = "serialNumber", skip_serializing_if = "Option::is_none")]
    serial_number: Option<String>,
    version: u32,
    metadata: Metadata<'a>,
    components: Vec<Component<'a>>,
    dependencies: Vec<Dependency<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    timestamp: String,
    tools: Tools<'a>,
    component: Root<'a>,
}

#[derive(Serialize)]
struct Tools<'a> {
    components: [Tool<'a>; 1],
}

#[derive(Serialize)]
struct Tool<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
}

#[derive(Serialize)]
struct Component<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<Hash<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<&'a str>,
    properties: Vec<Property<'a>>,
}

#[derive(Serialize)]
struct Hash<'a> {
    alg: &'a str,
    content: &'a str,
}

#[derive(Serialize)]
struct Property<'a> {
    name: &'static str,
    value: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct Dependency<'a> {
    #[serde(rename = "ref")]
    reference: std::borrow::Cow<'a, str>,
    #[serde(rename = "dependsOn")]
    depends_on: Vec<&'a str>,
}

/// CycloneDX `group` and `name`: Maven group, npm scope and Packagist vendor go to `group`;
/// other ecosystems keep their full name.
fn split_name(p: &Package) -> (Option<&str>, &str) {
    use crate::model::Ecosystem as E;
    let split = match p.ecosystem {
        E::Maven => p.name.split_once(':'),
        E::Npm | E::Packagist => p.name.rsplit_once('/'),
        _ => None,
    };
    match split {
        Some((g, n)) => (Some(g), n),
        None => (None, p.name.as_str()),
    }
}

/// Builds the CycloneDX 1.6 document as pretty-printed JSON (ending in a newline).
pub fn write(inventory: &Inventory, opts: &SbomOptions) -> String {
    write_checked(inventory, opts).0
}

/// [`write`], also returning a warning for each value left out because the schema would
/// not accept it (see [`meta::checked`]).
pub fn write_checked(inventory: &Inventory, opts: &SbomOptions) -> (String, Vec<String>) {
    use std::borrow::Cow;
    let checked = meta::checked(inventory);
    let packages = &checked.packages;
    let refs: HashMap<&str, Cow<'_, str>> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.purl.as_str(), meta::bom_ref(&p.purl, i)))
        .collect();
    let components: Vec<Component<'_>> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (group, name) = split_name(p);
            let mut properties = vec![
                Property {
                    name: "trustward:ecosystem",
                    value: Cow::Borrowed(p.ecosystem.as_str()),
                },
                Property {
                    name: "trustward:scope",
                    value: Cow::Borrowed(meta::scope_name(p.scope)),
                },
                Property {
                    name: "trustward:source",
                    value: Cow::Owned(source_text(&p.source)),
                },
            ];
            if let Some(d) = p.direct {
                properties.push(Property {
                    name: "trustward:direct",
                    value: Cow::Borrowed(if d { "true" } else { "false" }),
                });
            }
            Component {
                ty: "library",
                bom_ref: meta::bom_ref(&p.purl, i),
                group,
                name,
                version: &p.version,
                scope: cdx_scope(p.scope),
                hashes: p
                    .hashes
                    .iter()
                    .map(|h| Hash {
                        alg: &h.alg,
                        content: &h.value,
                    })
                    .collect(),
                purl: checked.purl(p),
                properties,
            }
        })
        .collect();
    let mut dependencies = vec![Dependency {
        reference: Cow::Borrowed(ROOT_REF),
        depends_on: packages
            .iter()
            .filter(|p| p.direct == Some(true))
            .filter_map(|p| refs.get(p.purl.as_str()).map(|r| r.as_ref()))
            .collect(),
    }];
    for (i, p) in packages.iter().enumerate() {
        let deps: Vec<&str> = p
            .dependencies
            .iter()
            .filter(|d| **d != p.purl)
            .filter_map(|d| refs.get(d.as_str()).map(|r| r.as_ref()))
            .collect();
        if !deps.is_empty() {
            dependencies.push(Dependency {
                reference: meta::bom_ref(&p.purl, i),
                depends_on: deps,
            });
        }
    }
    let mut bom = Bom {
        schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
        bom_format: "CycloneDX",
        spec_version: "1.6",
        serial_number: None,
        version: 1,
        metadata: Metadata {
            timestamp: opts.timestamp(),
            tools: Tools {
                components: [Tool {
                    ty: "application",
                    name: &opts.tool_name,
                    version: &opts.tool_version,
                }],
            },
            component: Root {
                ty: "application",
                bom_ref: ROOT_REF,
                name: &opts.project_name,
                version: opts.project_version.as_deref().filter(|v| !v.is_empty()),
            },
        },
        components,
        dependencies,
    };
    bom.serial_number = Some(meta::ID_PLACEHOLDER.to_string());
    let text = opts.finish_with_id(&bom, "serialNumber", |uuid| format!("urn:uuid:{uuid}"));
    (text, checked.warnings)
}

/// The error for a key whose value must be an array of components but is not: what it
/// holds was not read.
fn not_a_list(path: &str, lines: &JsonLines<'_>, key: &str, value: &Value) -> ScanError {
    let kind = match value {
        Value::Object(_) => "an object",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        _ => "not an array",
    };
    let line = lines.peek(key);
    ScanError::new(
        crate::discover::at(path, line),
        format!(
            "`{key}` is {kind}, not an array of components (CycloneDX 1.x); its components were not read"
        ),
    )
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
    match value.get("components") {
        Some(Value::Array(list)) => stack.extend(list.iter().rev().map(|c| (c, 0))),
        None | Some(Value::Null) => {}
        Some(other) => inv
            .errors
            .push(not_a_list(path, &lines, "components", other)),
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
        let children = match c.get("components") {
            Some(Value::Array(children)) => Some(children),
            None | Some(Value::Null) => None,
            Some(other) => {
                inv.errors
                    .push(not_a_list(path, &lines, "components", other));
                None
            }
        };
        if let Some(children) = children {
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
        let Some(purl) = purl::parse(purl_text) else {
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
