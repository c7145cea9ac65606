//! The project's own licence: licence files at the root (`LICENSE*`, `LICENCE*`,
//! `COPYING*`, REUSE's `LICENSES/`), identified by full text; what the manifests at the
//! root declare (Cargo.toml, package.json, pyproject.toml, setup.cfg, composer.json,
//! *.gemspec, pom.xml, *.csproj) and REUSE.toml annotations.

use crate::expression;
use crate::identify::{self, Identified};
use crate::sources;
use serde::Serialize;
use std::path::Path;
use trustward_core::ScanError;
use trustward_core::files::FileIndex;

/// A licence file and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseFile {
    /// Path relative to the root.
    pub path: String,
    /// The licences found in it, best first (empty: not identified).
    pub found: Vec<Identified>,
    /// For `LICENSES/<id>.txt` (REUSE), the id its name declares.
    pub named: Option<String>,
}

/// A licence a manifest declares.
#[derive(Debug, Clone, Serialize)]
pub struct Declared {
    /// `path:line` of the declaration.
    pub path: String,
    /// The expression as written.
    pub raw: String,
    /// The normalised expression, or why it is not valid.
    pub expression: Result<String, String>,
}

/// Everything known about the project's licence.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectLicense {
    /// Licence files at the root and in `LICENSES/`.
    pub files: Vec<LicenseFile>,
    /// Declarations in manifests and REUSE.toml.
    pub declared: Vec<Declared>,
    /// Files that could not be read.
    #[serde(skip)]
    pub errors: Vec<ScanError>,
}

/// Largest licence file or manifest read.
const MAX_FILE: u64 = 1024 * 1024;

fn is_license_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"]
        .iter()
        .any(|p| upper.starts_with(p))
}

impl ProjectLicense {
    /// The expression the project is under: the declared one when all declarations agree,
    /// else the licences of the files joined with `AND` (several files usually mean dual
    /// licensing: declared `OR` wins when present). `None` when nothing is known.
    pub fn expression(&self) -> Option<String> {
        let valid: Vec<&String> = self
            .declared
            .iter()
            .filter_map(|d| d.expression.as_ref().ok())
            .collect();
        if let Some(first) = valid.first()
            && valid.iter().all(|v| v == first)
        {
            return Some((*first).clone());
        }
        let mut ids: Vec<String> = self
            .files
            .iter()
            .flat_map(|f| f.found.iter().map(|i| i.id.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        match ids.len() {
            0 => None,
            1 => ids.pop(),
            _ => Some(ids.join(" OR ")),
        }
    }

    /// Every licence id the project's files or declarations name.
    pub fn ids(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .flat_map(|f| f.found.iter().map(|i| i.id.clone()))
            .collect();
        for d in &self.declared {
            if let Ok(e) = &d.expression
                && let Ok(p) = expression::parse(e)
            {
                out.extend(p.requirements().into_iter().map(|r| r.id));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn read(files: &FileIndex, rel: &str, errors: &mut Vec<ScanError>) -> Option<String> {
    match trustward_core::files::read_capped(files.root(), rel, MAX_FILE) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            errors.push(ScanError::new(rel, format!("could not read: {e}")));
            None
        }
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|at| text[..at].lines().count().max(1))
        .unwrap_or(1)
}

fn declare(out: &mut Vec<Declared>, path: &str, text: &str, raw: &str) {
    declare_at(out, format!("{path}:{}", line_of(text, raw)), raw);
}

fn declare_at(out: &mut Vec<Declared>, path: String, raw: &str) {
    out.push(Declared {
        path,
        raw: raw.to_string(),
        expression: expression::parse(raw).map(|e| e.text).map_err(|e| e.reason),
    });
}

/// Reads the project's licence files and declarations.
pub fn read_project(files: &FileIndex) -> ProjectLicense {
    let mut p = ProjectLicense::default();
    let mut paths: Vec<String> = files.entries().iter().map(|e| e.rel.clone()).collect();
    paths.sort();
    for rel in &paths {
        let (dir, name) = match rel.rsplit_once('/') {
            Some((d, n)) => (d, n),
            None => ("", rel.as_str()),
        };
        let licence_file = dir.is_empty() && is_license_name(name);
        if licence_file || dir == "LICENSES" {
            // REUSE's `LICENSES/<id>.txt` names the licence it holds.
            let named = (!licence_file).then(|| {
                Path::new(name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            if let Some(text) = read(files, rel, &mut p.errors) {
                p.files.push(LicenseFile {
                    path: rel.clone(),
                    found: identify::identify(&text),
                    named,
                });
            }
        } else if dir.is_empty() {
            declared_in(files, rel, name, &mut p);
        }
    }
    p
}

fn declared_in(files: &FileIndex, rel: &str, name: &str, p: &mut ProjectLicense) {
    let wanted = matches!(
        name,
        "Cargo.toml"
            | "package.json"
            | "pyproject.toml"
            | "setup.cfg"
            | "composer.json"
            | "pom.xml"
            | "REUSE.toml"
    ) || name.ends_with(".gemspec")
        || name.ends_with(".csproj");
    if !wanted {
        return;
    }
    let Some(text) = read(files, rel, &mut p.errors) else {
        return;
    };
    let mut bad = |msg: String| p.errors.push(ScanError::new(rel, msg));
    match name {
        "Cargo.toml" | "pyproject.toml" | "REUSE.toml" => match text.parse::<toml::Table>() {
            Ok(t) => {
                let mut found = Vec::new();
                let str_at = |t: &toml::Table, keys: &[&str]| -> Option<String> {
                    let mut v = t.get(keys[0])?;
                    for k in &keys[1..] {
                        v = v.get(k)?;
                    }
                    v.as_str().map(String::from)
                };
                if name == "Cargo.toml" {
                    found.extend(str_at(&t, &["package", "license"]));
                    found.extend(str_at(&t, &["workspace", "package", "license"]));
                } else if name == "pyproject.toml" {
                    found.extend(str_at(&t, &["project", "license"]));
                    found.extend(str_at(&t, &["project", "license", "text"]));
                    found.extend(str_at(&t, &["tool", "poetry", "license"]));
                } else if let Some(anns) = t.get("annotations").and_then(|a| a.as_array()) {
                    for a in anns {
                        if let Some(s) = a.get("SPDX-License-Identifier").and_then(|v| v.as_str()) {
                            found.push(s.to_string());
                        }
                    }
                }
                for raw in found {
                    declare(&mut p.declared, rel, &text, &raw);
                }
            }
            Err(e) => bad(format!("not valid TOML: {}", e.message())),
        },
        "package.json" | "composer.json" => {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => {
                    if let Some(raw) = sources::license_field(v.get("license")) {
                        let line = line_of(&text, "\"license\"");
                        declare_at(&mut p.declared, format!("{rel}:{line}"), &raw);
                    }
                }
                Err(e) => bad(format!("not valid JSON: {e}")),
            }
        }
        "setup.cfg" => {
            let mut in_metadata = false;
            for line in text.lines() {
                let l = line.trim();
                if l.starts_with('[') {
                    in_metadata = l == "[metadata]";
                } else if in_metadata
                    && let Some((k, v)) = l.split_once('=')
                    && k.trim() == "license"
                    && !v.trim().is_empty()
                {
                    declare(&mut p.declared, rel, &text, v.trim());
                }
            }
        }
        "pom.xml" => {
            for name in xml_texts(&text, &["licenses", "license", "name"]) {
                declare(&mut p.declared, rel, &text, &name);
            }
        }
        n if n.ends_with(".csproj") => {
            for e in xml_texts(&text, &["PropertyGroup", "PackageLicenseExpression"]) {
                declare(&mut p.declared, rel, &text, &e);
            }
        }
        n if n.ends_with(".gemspec") => {
            // `spec.license = "MIT"` / `s.licenses = ["MIT", "Apache-2.0"]` (read, never run).
            for line in text.lines() {
                let l = line.trim();
                let Some((lhs, rhs)) = l.split_once('=') else {
                    continue;
                };
                let lhs = lhs.trim();
                if !(lhs.ends_with(".license") || lhs.ends_with(".licenses")) {
                    continue;
                }
                let ids = rhs
                    .split(['"', '\''])
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 1)
                    .map(|(_, s)| s.to_string())
                    .collect();
                if let Some(raw) = sources::any_of(ids) {
                    declare_at(
                        &mut p.declared,
                        format!("{rel}:{}", line_of(&text, l)),
                        &raw,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Texts of elements at `path` (by local names) in an XML document, parsed with the
/// inventory's bounded XML reader (no DTD, so no entity expansion; depth and nodes capped).
pub fn xml_texts(text: &str, path: &[&str]) -> Vec<String> {
    let Ok(doc) = trustward_inventory::parsers::xml::parse(text, 200_000) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        if node.tag_name().name() != *path.last().unwrap_or(&"") {
            continue;
        }
        let mut anc = node.ancestors().skip(1).filter(|a| a.is_element());
        let ok = path[..path.len() - 1]
            .iter()
            .rev()
            .all(|want| anc.next().is_some_and(|a| a.tag_name().name() == *want));
        if ok && let Some(t) = node.text() {
            let t = t.trim();
            if !t.is_empty() {
                out.push(t.to_string());
            }
        }
    }
    out
}
