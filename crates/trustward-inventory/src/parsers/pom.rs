//! Maven `pom.xml`: the dependencies the file declares, with `${properties}` resolved from
//! the file itself (`<properties>`, `project.*`, `project.parent.*`) and versions of
//! version-less dependencies taken from the file's `<dependencyManagement>`. Scopes:
//! `compile`/`runtime` → runtime, `test` → dev, `provided`/`system` → build; `<optional>`
//! → optional. Nothing is fetched: a version that comes from a parent POM or an imported
//! BOM cannot be known here, so the package is listed without a version and the file gets
//! an error saying so. DTDs are refused (no entity expansion).

use super::support::{Collected, MAX_PACKAGES, package};
use super::xml;
use crate::model::{Ecosystem, Scope};
use crate::purl;
use roxmltree::{Document, Node};
use std::collections::HashMap;

/// Child element `name` of `node`.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Trimmed text of child element `name`.
fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
}

/// Resolves `${…}` references; `None` when one is undefined or the expansion loops.
fn interpolate(s: &str, props: &HashMap<String, String>) -> Option<String> {
    let mut cur = s.to_string();
    for _ in 0..16 {
        let Some(start) = cur.find("${") else {
            return Some(cur);
        };
        let end = start + cur.get(start..)?.find('}')?;
        let key = cur.get(start + 2..end)?;
        let value = props.get(key)?;
        if cur.len() + value.len() > 4096 {
            return None;
        }
        cur = format!("{}{}{}", cur.get(..start)?, value, cur.get(end + 1..)?);
    }
    None
}

struct Dep {
    group: String,
    artifact: String,
    version: Option<String>,
    scope: Option<String>,
    optional: bool,
    ty: String,
    classifier: String,
    line: u32,
}

fn read_deps(doc: &Document<'_>, list: Option<Node<'_, '_>>) -> Vec<Dep> {
    let Some(list) = list else { return Vec::new() };
    list.children()
        .filter(|c| c.is_element() && c.tag_name().name() == "dependency")
        .take(MAX_PACKAGES)
        .map(|d| Dep {
            group: child_text(d, "groupId").unwrap_or_default(),
            artifact: child_text(d, "artifactId").unwrap_or_default(),
            version: child_text(d, "version").filter(|v| !v.is_empty()),
            scope: child_text(d, "scope"),
            optional: child_text(d, "optional").is_some_and(|o| o == "true"),
            ty: child_text(d, "type").unwrap_or_default(),
            classifier: child_text(d, "classifier").unwrap_or_default(),
            line: doc.text_pos_at(d.range().start).row,
        })
        .collect()
}

/// Parses a pom.xml.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("pom.xml");
    let doc = match xml::parse(text, 1_000_000) {
        Ok(d) => d,
        Err((line, message)) => {
            out.fail(Some(line), message);
            return out;
        }
    };
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        out.fail(Some(1), "root element is not <project>: not a pom.xml?");
        return out;
    }
    let parent = child(project, "parent");
    let parent_group = parent.and_then(|p| child_text(p, "groupId"));
    let parent_version = parent.and_then(|p| child_text(p, "version"));
    let group = child_text(project, "groupId").or(parent_group.clone());
    let artifact = child_text(project, "artifactId");
    let version = child_text(project, "version").or(parent_version.clone());

    let mut props: HashMap<String, String> = HashMap::new();
    if let Some(p) = child(project, "properties") {
        for c in p.children().filter(|c| c.is_element()).take(10_000) {
            props.insert(
                c.tag_name().name().to_string(),
                c.text().unwrap_or("").trim().to_string(),
            );
        }
    }
    for (k, v) in [
        ("groupId", &group),
        ("artifactId", &artifact),
        ("version", &version),
        ("parent.groupId", &parent_group),
        ("parent.version", &parent_version),
    ] {
        if let Some(v) = v {
            props.insert(format!("project.{k}"), v.clone());
            props.insert(format!("pom.{k}"), v.clone());
        }
    }
    let resolve = |s: &str| interpolate(s, &props);
    if let (Some(g), Some(a)) = (&group, &artifact) {
        let g = resolve(g).unwrap_or_else(|| g.clone());
        let v = version.as_deref().and_then(resolve).unwrap_or_default();
        out.project = Some((format!("{g}:{a}"), v));
    }

    // dependencyManagement: (group, artifact) → (version, scope).
    let mut managed: HashMap<(String, String), (Option<String>, Option<String>)> = HashMap::new();
    let dm = child(project, "dependencyManagement").and_then(|d| child(d, "dependencies"));
    for d in read_deps(&doc, dm) {
        let g = resolve(&d.group).unwrap_or(d.group.clone());
        let a = resolve(&d.artifact).unwrap_or(d.artifact.clone());
        if d.scope.as_deref() == Some("import") {
            out.note(
                Some(d.line),
                format!("BOM {g}:{a} is imported; versions it manages are not fetched"),
            );
            continue;
        }
        managed.insert((g, a), (d.version.clone(), d.scope.clone()));
    }

    let deps = read_deps(&doc, child(project, "dependencies"));
    if child(project, "profiles").is_some() {
        out.note(None, "dependencies inside <profiles> are not read");
    }
    for d in deps {
        let (Some(g), Some(a)) = (resolve(&d.group), resolve(&d.artifact)) else {
            out.error(
                Some(d.line),
                format!("cannot resolve `{}:{}`", d.group, d.artifact),
            );
            continue;
        };
        if g.is_empty() || a.is_empty() {
            out.error(Some(d.line), "dependency without groupId or artifactId");
            continue;
        }
        let m = managed.get(&(g.clone(), a.clone()));
        let raw_version = d.version.clone().or_else(|| m.and_then(|m| m.0.clone()));
        let version = match raw_version.as_deref().map(|v| (v, resolve(v))) {
            Some((_, Some(v))) => v,
            Some((raw, None)) => {
                out.error(
                    Some(d.line),
                    format!("{g}:{a}: version `{raw}` uses a property not defined in this file"),
                );
                String::new()
            }
            None => {
                out.error(
                    Some(d.line),
                    format!(
                        "{g}:{a}: no version in this file (it comes from a parent POM or an imported BOM, which are not fetched)"
                    ),
                );
                String::new()
            }
        };
        let scope_name = d
            .scope
            .clone()
            .or_else(|| m.and_then(|m| m.1.clone()))
            .unwrap_or_else(|| "compile".into());
        let scope = if d.optional {
            Scope::Optional
        } else {
            match resolve(&scope_name).as_deref() {
                Some("compile" | "runtime") => Scope::Runtime,
                Some("test") => Scope::Dev,
                Some("provided" | "system") => Scope::Build,
                _ => Scope::Unknown,
            }
        };
        let ty = resolve(&d.ty).unwrap_or_default();
        let classifier = resolve(&d.classifier).unwrap_or_default();
        let purl = purl::maven(&g, &a, &version, &ty, &classifier);
        out.push(package(
            Ecosystem::Maven,
            format!("{g}:{a}"),
            version,
            purl,
            scope,
            Some(true),
            path,
            Some(d.line),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation() {
        let mut p = HashMap::new();
        p.insert("a".to_string(), "${b}".to_string());
        p.insert("b".to_string(), "1.0".to_string());
        p.insert("loop".to_string(), "${loop}".to_string());
        assert_eq!(interpolate("v${a}", &p).as_deref(), Some("v1.0"));
        assert_eq!(interpolate("${loop}", &p), None);
        assert_eq!(interpolate("${missing}", &p), None);
    }
}
