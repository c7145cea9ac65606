//! `yarn.lock`: classic (v1, yarn's own line format) and Berry (v2+, YAML with a
//! `__metadata` key).
//!
//! Classic: each entry's header lists the specs it satisfies (`"a@^1", a@~1.2:`), then
//! `version`, `resolved`, `integrity` and `dependencies`. Aliases (`x@npm:real@^1`) are
//! listed under the real name. Berry: the name comes from `resolution`
//! (`name@npm:1.2.3`); `workspace:`, `link:`, `portal:`, `file:` and `patch:` entries are
//! the project itself or duplicates of a base entry and are not listed; Berry's
//! `checksum` hashes yarn's cache zip, not the published tarball, so it is not reported.
//! yarn.lock does not say which dependencies are direct or dev: scope and `direct` are
//! unknown.

use super::common::{is_git_url, is_plain_http, package, sri_hashes};
use super::{ParseError, ParseInput, Parsed, yaml};
use crate::model::{Ecosystem, Issue, IssueKind, Package, Scope, SourceRef};
use std::collections::HashMap;

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let berry = input
        .text
        .lines()
        .any(|l| l.starts_with("__metadata:") || l.starts_with("\"__metadata\":"));
    if berry {
        parse_berry(input)
    } else {
        parse_classic(input)
    }
}

/// Splits `name@range` at the `@` that ends the name (a scope's leading `@` is part of it).
pub fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let start = usize::from(spec.starts_with('@'));
    let at = spec.get(start..)?.find('@')? + start;
    Some((spec.get(..at)?, spec.get(at + 1..)?))
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(s)
}

struct Entry {
    line: u32,
    specs: Vec<String>,
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
    deps: Vec<(String, String)>,
}

fn parse_classic(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_deps = false;
    for (i, raw) in input.text.lines().enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 0 {
            let Some(header) = line.strip_suffix(':') else {
                return Err(ParseError::at(
                    line_no,
                    "expected an entry header ending in `:`",
                ));
            };
            let specs = header.split(", ").map(|s| unquote(s).to_string()).collect();
            entries.push(Entry {
                line: line_no,
                specs,
                version: None,
                resolved: None,
                integrity: None,
                deps: Vec::new(),
            });
            in_deps = false;
            continue;
        }
        let Some(cur) = entries.last_mut() else {
            return Err(ParseError::at(line_no, "indented line before any entry"));
        };
        let body = line.trim();
        if indent <= 2 {
            in_deps = body == "dependencies:" || body == "optionalDependencies:";
            let (k, v) = body.split_once(' ').unwrap_or((body, ""));
            let v = unquote(v).to_string();
            match unquote(k) {
                "version" => cur.version = Some(v),
                "resolved" => cur.resolved = Some(v),
                "integrity" => cur.integrity = Some(v),
                _ => {}
            }
        } else if in_deps {
            let (k, v) = split_kv(body);
            cur.deps
                .push((unquote(k).to_string(), unquote(v).to_string()));
        }
    }
    let mut out = Parsed {
        format: "yarn.lock v1".to_string(),
        ..Default::default()
    };
    let mut by_spec: HashMap<String, String> = HashMap::new();
    let mut made: Vec<(Package, Vec<(String, String)>)> = Vec::new();
    for e in entries {
        let Some(first) = e.specs.first() else {
            continue;
        };
        let Some((mut name, range)) = split_spec(first) else {
            out.errors.push((
                Some(e.line),
                format!("cannot read a package name from {first:?}"),
            ));
            continue;
        };
        if let Some(real) = range.strip_prefix("npm:")
            && let Some((n, _)) = split_spec(real).filter(|(n, _)| !n.is_empty())
        {
            name = n;
        }
        if range.starts_with("file:") || range.starts_with("link:") {
            continue;
        }
        let Some(version) = e.version.as_deref() else {
            out.errors
                .push((Some(e.line), format!("entry {first:?} has no version")));
            continue;
        };
        let mut pkg = package(
            Ecosystem::Npm,
            name,
            version,
            Scope::Unknown,
            None,
            input.path,
            Some(e.line),
        );
        if let Some(i) = &e.integrity {
            pkg.hashes = sri_hashes(i);
        }
        let resolved = e.resolved.as_deref().unwrap_or("");
        let git =
            is_git_url(range) || is_git_url(resolved) || resolved.contains("codeload.github.com");
        push_issues(input, &mut out, e.line, name, git, resolved, range);
        for s in &e.specs {
            by_spec.insert(s.clone(), pkg.purl.clone());
        }
        made.push((pkg, e.deps));
    }
    for (mut pkg, deps) in made {
        let mut d: Vec<String> = deps
            .iter()
            .filter_map(|(n, r)| by_spec.get(&format!("{n}@{r}")).cloned())
            .collect();
        d.sort();
        d.dedup();
        pkg.dependencies = d;
        out.packages.push(pkg);
    }
    Ok(out)
}

/// `"name" "range"` or `name range` → (name, range).
fn split_kv(body: &str) -> (&str, &str) {
    if let Some(rest) = body.strip_prefix('"')
        && let Some(end) = rest.find('"')
    {
        return (
            rest.get(..end).unwrap_or(""),
            rest.get(end + 1..).unwrap_or("").trim(),
        );
    }
    body.split_once(' ').unwrap_or((body, ""))
}

fn push_issues(
    input: &ParseInput<'_>,
    out: &mut Parsed,
    line: u32,
    name: &str,
    git: bool,
    resolved: &str,
    range: &str,
) {
    let issue = |kind, detail: &str| Issue {
        kind,
        source: SourceRef {
            path: input.path.to_string(),
            line: Some(line),
        },
        name: name.to_string(),
        detail: detail.to_string(),
    };
    if git {
        let d = if resolved.is_empty() { range } else { resolved };
        out.issues.push(issue(IssueKind::GitSource, d));
    }
    if is_plain_http(resolved) {
        out.issues.push(issue(IssueKind::InsecureHttp, resolved));
    } else if is_plain_http(range) {
        out.issues.push(issue(IssueKind::InsecureHttp, range));
    }
}

fn parse_berry(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let root = yaml::parse(input.text)?;
    let meta = root.at("__metadata").at("version").str().unwrap_or("?");
    let mut out = Parsed {
        format: format!("yarn.lock berry v{meta}"),
        ..Default::default()
    };
    let mut by_spec: HashMap<String, String> = HashMap::new();
    let mut made: Vec<(Package, Vec<(String, String)>)> = Vec::new();
    for e in root.entries() {
        if e.key == "__metadata" {
            continue;
        }
        let v = &e.value;
        let Some(resolution) = v.at("resolution").str() else {
            out.errors
                .push((Some(e.line), format!("entry {:?} has no resolution", e.key)));
            continue;
        };
        let Some((name, reference)) = split_spec(resolution) else {
            out.errors.push((
                Some(e.line),
                format!("cannot read resolution {resolution:?}"),
            ));
            continue;
        };
        let local = ["workspace:", "link:", "portal:", "file:", "patch:", "exec:"];
        if local.iter().any(|p| reference.starts_with(p)) || v.at("linkType").str() == Some("soft")
        {
            continue;
        }
        let Some(version) = v.at("version").str() else {
            out.errors
                .push((Some(e.line), format!("entry {:?} has no version", e.key)));
            continue;
        };
        let pkg = package(
            Ecosystem::Npm,
            name,
            version,
            Scope::Unknown,
            None,
            input.path,
            Some(e.line),
        );
        let git = is_git_url(reference)
            || reference.starts_with("git:")
            || reference.starts_with("github:")
            || reference.contains(".git#");
        let url = if reference.starts_with("http") {
            reference
        } else {
            ""
        };
        push_issues(input, &mut out, e.line, name, git, url, reference);
        for spec in e.key.split(", ") {
            by_spec.insert(spec.trim().to_string(), pkg.purl.clone());
        }
        let deps = v
            .at("dependencies")
            .entries()
            .iter()
            .chain(v.at("peerDependencies").entries())
            .map(|d| (d.key.to_string(), d.value.str().unwrap_or("").to_string()))
            .collect();
        made.push((pkg, deps));
    }
    for (mut pkg, deps) in made {
        let mut d: Vec<String> = deps
            .iter()
            .filter_map(|(n, r)| {
                let range = if r.contains(':') {
                    r.clone()
                } else {
                    format!("npm:{r}")
                };
                by_spec.get(&format!("{n}@{range}")).cloned()
            })
            .collect();
        d.sort();
        d.dedup();
        pkg.dependencies = d;
        out.packages.push(pkg);
    }
    Ok(out)
}
