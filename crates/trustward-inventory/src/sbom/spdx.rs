//! SPDX 2.3 JSON writer and reader.
//!
//! Written: the document (`SPDXRef-DOCUMENT`, CC0-1.0, a namespace that is unique per run or,
//! in deterministic mode, derived from the content), the project as the described root
//! package (`documentDescribes` and a `DESCRIBES` relationship), one package per
//! component (purl as a `PACKAGE-MANAGER` external reference, checksums, the source
//! file:line as `sourceInfo`), and `DEPENDS_ON` relationships (project → direct packages,
//! package → its dependencies). Licence fields are `NOASSERTION`: the inventory does not
//! know licences.

use super::meta::{self, SbomOptions};
use crate::model::{Inventory, Package, PackageHash, Scope, SourceFile, SourceRef};
use crate::parsers::support::{JsonLines, MAX_PACKAGES};
use crate::purl;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use trustward_core::ScanError;

/// SPDX id of the described project.
pub const ROOT_ID: &str = "SPDXRef-Project";

/// Replaces every character SPDX ids do not allow (`[A-Za-z0-9.-]`) with `-`.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A stable, unique id: sanitised name and version plus 8 hex digits of the purl's hash
/// (two purls that sanitise to the same text still get different ids).
fn package_id(p: &Package) -> String {
    let h = Sha256::digest(p.purl.as_bytes());
    let short = crate::parsers::support::to_hex(&h[..4]);
    let mut base = sanitize(&format!("{}-{}", p.name, p.version));
    base.truncate(120);
    format!("SPDXRef-Package-{base}-{short}")
}

fn spdx_alg(alg: &str) -> Option<&'static str> {
    Some(match alg {
        "SHA-1" => "SHA1",
        "SHA-256" => "SHA256",
        "SHA-384" => "SHA384",
        "SHA-512" => "SHA512",
        "MD5" => "MD5",
        _ => return None,
    })
}

fn from_spdx_alg(alg: &str) -> Option<&'static str> {
    Some(match alg {
        "SHA1" => "SHA-1",
        "SHA256" => "SHA-256",
        "SHA384" => "SHA-384",
        "SHA512" => "SHA-512",
        "MD5" => "MD5",
        _ => return None,
    })
}

#[derive(Serialize)]
struct Doc<'a> {
    #[serde(rename = "spdxVersion")]
    spdx_version: &'static str,
    #[serde(rename = "dataLicense")]
    data_license: &'static str,
    #[serde(rename = "SPDXID")]
    id: &'static str,
    name: &'a str,
    #[serde(rename = "documentNamespace", skip_serializing_if = "Option::is_none")]
    namespace: Option<String>,
    #[serde(rename = "creationInfo")]
    creation_info: CreationInfo,
    #[serde(rename = "documentDescribes")]
    describes: [&'static str; 1],
    packages: Vec<SpdxPackage<'a>>,
    relationships: Vec<Relationship<'a>>,
}

#[derive(Serialize)]
struct CreationInfo {
    created: String,
    creators: [String; 1],
}

#[derive(Serialize)]
struct SpdxPackage<'a> {
    #[serde(rename = "SPDXID")]
    id: Cow<'a, str>,
    name: &'a str,
    #[serde(rename = "versionInfo", skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(rename = "downloadLocation")]
    download_location: &'static str,
    #[serde(rename = "filesAnalyzed")]
    files_analyzed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    checksums: Vec<Checksum<'a>>,
    #[serde(rename = "licenseConcluded", skip_serializing_if = "Option::is_none")]
    license_concluded: Option<&'static str>,
    #[serde(rename = "licenseDeclared", skip_serializing_if = "Option::is_none")]
    license_declared: Option<&'static str>,
    #[serde(rename = "copyrightText", skip_serializing_if = "Option::is_none")]
    copyright: Option<&'static str>,
    #[serde(rename = "sourceInfo", skip_serializing_if = "Option::is_none")]
    source_info: Option<String>,
    #[serde(rename = "primaryPackagePurpose")]
    purpose: &'static str,
    #[serde(rename = "externalRefs", skip_serializing_if = "Vec::is_empty")]
    external_refs: Vec<ExternalRef<'a>>,
}

#[derive(Serialize)]
struct Checksum<'a> {
    algorithm: &'static str,
    #[serde(rename = "checksumValue")]
    value: &'a str,
}

#[derive(Serialize)]
struct ExternalRef<'a> {
    #[serde(rename = "referenceCategory")]
    category: &'static str,
    #[serde(rename = "referenceType")]
    ty: &'static str,
    #[serde(rename = "referenceLocator")]
    locator: &'a str,
}

#[derive(Serialize)]
struct Relationship<'a> {
    #[serde(rename = "spdxElementId")]
    from: &'a str,
    #[serde(rename = "relationshipType")]
    ty: &'static str,
    #[serde(rename = "relatedSpdxElement")]
    to: &'a str,
}

/// Builds the SPDX 2.3 document as pretty-printed JSON (ending in a newline).
pub fn write(inventory: &Inventory, opts: &SbomOptions) -> String {
    write_checked(inventory, opts).0
}

/// [`write`], also returning a warning for each value left out because the schema or the
/// SPDX 2.3 specification would not accept it (see [`meta::checked`]).
pub fn write_checked(inventory: &Inventory, opts: &SbomOptions) -> (String, Vec<String>) {
    let checked = meta::checked(inventory);
    let packages = &checked.packages;
    let ids: HashMap<&str, String> = packages
        .iter()
        .map(|p| (p.purl.as_str(), package_id(p)))
        .collect();
    let mut spdx_packages = vec![SpdxPackage {
        id: Cow::Borrowed(ROOT_ID),
        name: &opts.project_name,
        version: opts.project_version.as_deref().filter(|v| !v.is_empty()),
        download_location: "NOASSERTION",
        files_analyzed: false,
        checksums: Vec::new(),
        license_concluded: None,
        license_declared: None,
        copyright: None,
        source_info: None,
        purpose: "APPLICATION",
        external_refs: Vec::new(),
    }];
    for p in packages {
        let source = match p.source.line {
            Some(l) => format!("{}:{l}", p.source.path),
            None => p.source.path.clone(),
        };
        spdx_packages.push(SpdxPackage {
            id: Cow::Borrowed(
                ids.get(p.purl.as_str())
                    .map(String::as_str)
                    .unwrap_or(ROOT_ID),
            ),
            name: &p.name,
            version: Some(p.version.as_str()).filter(|v| !v.is_empty()),
            download_location: "NOASSERTION",
            files_analyzed: false,
            checksums: p
                .hashes
                .iter()
                .filter_map(|h| {
                    spdx_alg(&h.alg).map(|a| Checksum {
                        algorithm: a,
                        value: &h.value,
                    })
                })
                .collect(),
            license_concluded: Some("NOASSERTION"),
            license_declared: Some("NOASSERTION"),
            copyright: Some("NOASSERTION"),
            source_info: Some(format!(
                "{} package, scope {}, found in {source}",
                p.ecosystem.as_str(),
                meta::scope_name(p.scope)
            )),
            purpose: "LIBRARY",
            external_refs: checked
                .purl(p)
                .map(|locator| ExternalRef {
                    category: "PACKAGE-MANAGER",
                    ty: "purl",
                    locator,
                })
                .into_iter()
                .collect(),
        });
    }
    let mut relationships = vec![Relationship {
        from: "SPDXRef-DOCUMENT",
        ty: "DESCRIBES",
        to: ROOT_ID,
    }];
    for p in packages.iter().filter(|p| p.direct == Some(true)) {
        if let Some(id) = ids.get(p.purl.as_str()) {
            relationships.push(Relationship {
                from: ROOT_ID,
                ty: "DEPENDS_ON",
                to: id,
            });
        }
    }
    for p in packages {
        let Some(from) = ids.get(p.purl.as_str()) else {
            continue;
        };
        for d in &p.dependencies {
            if let Some(to) = ids.get(d.as_str()).filter(|to| *to != from) {
                relationships.push(Relationship {
                    from,
                    ty: "DEPENDS_ON",
                    to,
                });
            }
        }
    }
    let mut doc = Doc {
        spdx_version: "SPDX-2.3",
        data_license: "CC0-1.0",
        id: "SPDXRef-DOCUMENT",
        name: &opts.project_name,
        namespace: None,
        creation_info: CreationInfo {
            created: opts.timestamp(),
            creators: [format!("Tool: {}-{}", opts.tool_name, opts.tool_version)],
        },
        describes: [ROOT_ID],
        packages: spdx_packages,
        relationships,
    };
    doc.namespace = Some(meta::ID_PLACEHOLDER.to_string());
    let project = sanitize(&opts.project_name);
    let text = opts.finish_with_id(&doc, "documentNamespace", |uuid| {
        format!("https://spdx.org/spdxdocs/{project}-{uuid}")
    });
    (text, checked.warnings)
}

/// Reads an SPDX 2.x JSON document (already parsed into `value`; `text` gives lines).
pub fn read(path: &str, text: &str, value: &Value) -> Inventory {
    let mut inv = Inventory::default();
    let mut lines = JsonLines::new(text);
    let version = value
        .get("spdxVersion")
        .and_then(Value::as_str)
        .unwrap_or("SPDX-?");
    let rels: Vec<(&str, &str, &str)> = value
        .get("relationships")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            Some((
                r.get("spdxElementId")?.as_str()?,
                r.get("relationshipType")?.as_str()?,
                r.get("relatedSpdxElement")?.as_str()?,
            ))
        })
        .collect();
    let mut described: HashSet<&str> = value
        .get("documentDescribes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (a, t, b) in &rels {
        match *t {
            "DESCRIBES" => {
                described.insert(b);
            }
            "DESCRIBED_BY" => {
                described.insert(a);
            }
            _ => {}
        }
    }
    let mut purl_of_id: HashMap<&str, String> = HashMap::new();
    let list = match value.get("packages") {
        Some(Value::Array(list)) => list.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => {
            inv.errors.push(ScanError::new(
                crate::discover::at(path, lines.peek("packages")),
                "`packages` is not an array of packages (SPDX 2.x); its packages were not read",
            ));
            &[]
        }
    };
    if list.len() > MAX_PACKAGES {
        inv.errors.push(ScanError::new(
            path,
            format!(
                "{} packages, more than {MAX_PACKAGES}; the rest was not read",
                list.len()
            ),
        ));
    }
    for p in list.iter().take(MAX_PACKAGES) {
        let id = p.get("SPDXID").and_then(Value::as_str).unwrap_or("");
        let name = p.get("name").and_then(Value::as_str).unwrap_or("");
        let line = lines.find_pair("SPDXID", id);
        let purl_text = p
            .get("externalRefs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|r| r.get("referenceType").and_then(Value::as_str) == Some("purl"))
            .and_then(|r| r.get("referenceLocator"))
            .and_then(Value::as_str);
        let at = crate::discover::at(path, line);
        let Some(purl_text) = purl_text else {
            if !described.contains(id) {
                inv.errors.push(ScanError::new(
                    at,
                    format!("package `{name}` ({id}) has no purl; not listed"),
                ));
            }
            continue;
        };
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
        let hashes: Vec<PackageHash> = p
            .get("checksums")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                Some(PackageHash {
                    alg: from_spdx_alg(c.get("algorithm")?.as_str()?)?.to_string(),
                    value: c.get("checksumValue")?.as_str()?.to_ascii_lowercase(),
                })
            })
            .collect();
        let version = if purl.version.is_empty() {
            p.get("versionInfo")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        } else {
            purl.version.clone()
        };
        // Our own writer records the scope in sourceInfo.
        let scope = p
            .get("sourceInfo")
            .and_then(Value::as_str)
            .and_then(|s| s.split_once(", scope "))
            .and_then(|(_, rest)| rest.split(',').next())
            .and_then(meta::scope_from_name)
            .unwrap_or(Scope::Unknown);
        purl_of_id.insert(id, purl_text.to_string());
        inv.packages.push(Package {
            ecosystem,
            name: purl.ecosystem_name(),
            version,
            purl: purl_text.to_string(),
            scope,
            direct: None,
            source: SourceRef {
                path: path.to_string(),
                line,
            },
            hashes,
            dependencies: Vec::new(),
        });
    }
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    let mut direct: HashSet<String> = HashSet::new();
    let mut root_has_edges = false;
    for (a, t, b) in &rels {
        let (from, to) = match *t {
            "DEPENDS_ON" => (*a, *b),
            "DEPENDENCY_OF"
            | "DEV_DEPENDENCY_OF"
            | "OPTIONAL_DEPENDENCY_OF"
            | "BUILD_DEPENDENCY_OF"
            | "RUNTIME_DEPENDENCY_OF" => (*b, *a),
            _ => continue,
        };
        let Some(to_purl) = purl_of_id.get(to) else {
            continue;
        };
        if described.contains(from) {
            root_has_edges = true;
            direct.insert(to_purl.clone());
        } else if let Some(from_purl) = purl_of_id.get(from) {
            edges
                .entry(from_purl.clone())
                .or_default()
                .push(to_purl.clone());
        }
    }
    for p in &mut inv.packages {
        if let Some(mut e) = edges.remove(&p.purl) {
            e.sort();
            e.dedup();
            p.dependencies = e;
        }
        if root_has_edges {
            p.direct = Some(direct.contains(&p.purl));
        }
    }
    inv.sources.push(SourceFile {
        path: path.to_string(),
        format: version.replacen("SPDX-", "SPDX ", 1),
        packages: inv.packages.len(),
    });
    inv.packages.sort();
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(sanitize("@babel/core@7.0.0+x"), "-babel-core-7.0.0-x");
    }
}
