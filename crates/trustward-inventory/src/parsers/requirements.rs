//! pip requirements files: `requirements*.txt`, any `*.txt` whose name contains
//! `requirements`, and every `*.txt` in a `requirements/`, `reqs/`, `req/` or
//! `requirements.d/` directory. Names are PEP 503-normalised.
//!
//! A line `name[extras]==version ; marker --hash=sha256:…` is a pinned package (also
//! `===`). Anything else naming a package (`requests>=2`, `flask`, `x==1.*`) is reported
//! as unpinned and not listed. `-r`/`--requirement` and `-c`/`--constraint` files are read
//! relative to the including file, at most [`MAX_INCLUDE_DEPTH`] deep, each once (cycles
//! are cut). Packages of a constraints file are listed with `direct: false`. Editable
//! (`-e`) and URL or path lines are reported as direct references; `--index-url http://…`
//! as insecure. Scope is `dev` when the file name says `dev`, `test`, `lint` or `doc`,
//! else runtime.

use super::common::{hex_hash, is_git_url, is_plain_http, package};
use super::{ParseError, ParseInput, Parsed};
use crate::model::{Ecosystem, Issue, IssueKind, Scope, SourceRef};
use std::collections::HashSet;

/// Deepest chain of `-r`/`-c` includes followed.
pub const MAX_INCLUDE_DEPTH: usize = 8;

/// Whether a file name is a pip requirements file: `requirements*.txt`, and any other
/// `*.txt` whose name says `requirements` (`dev-requirements.txt`, `test_requirements.txt`).
pub fn matches(name: &str) -> bool {
    name.ends_with(".txt") && name.to_ascii_lowercase().contains("requirements")
}

/// Directories whose `*.txt` files are requirements files whatever their names
/// (`requirements/dev.txt`, `reqs/base.txt`).
pub const REQUIREMENTS_DIRS: [&str; 4] = ["requirements", "reqs", "req", "requirements.d"];

/// Whether the file at `rel` is a requirements file by its directory (see
/// [`REQUIREMENTS_DIRS`]) or its name ([`matches`]).
pub fn matches_path(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    let name = parts.next().unwrap_or(rel);
    let dir = parts.next().unwrap_or("");
    matches(name)
        || (name.ends_with(".txt")
            && REQUIREMENTS_DIRS
                .iter()
                .any(|d| dir.eq_ignore_ascii_case(d)))
}

/// Parses the file and the files it includes.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let mut out = Parsed {
        format: "requirements.txt".to_string(),
        ..Default::default()
    };
    let mut visited = HashSet::new();
    visited.insert(input.path.to_string());
    parse_one(
        input,
        input.path,
        input.text,
        0,
        false,
        &mut visited,
        &mut out,
    );
    Ok(out)
}

/// A logical line: continuation lines (`\` at the end) joined, comments removed.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0u32;
    for (i, raw) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if cur.is_empty() {
            start = n;
        }
        let mut line = raw;
        // A comment starts at `#` at the line start or after whitespace.
        if let Some(pos) = line
            .char_indices()
            .find(|&(p, c)| {
                c == '#'
                    && (p == 0
                        || line
                            .get(..p)
                            .is_some_and(|b| b.ends_with(' ') || b.ends_with('\t')))
            })
            .map(|(p, _)| p)
        {
            line = line.get(..pos).unwrap_or("");
        }
        if let Some(body) = line.trim_end().strip_suffix('\\') {
            cur.push_str(body);
            cur.push(' ');
            continue;
        }
        cur.push_str(line);
        let t = cur.trim().to_string();
        if !t.is_empty() {
            out.push((start, t));
        }
        cur.clear();
    }
    let t = cur.trim().to_string();
    if !t.is_empty() {
        out.push((start, t));
    }
    out
}

fn dev_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    ["dev", "test", "lint", "doc"]
        .iter()
        .any(|w| name.contains(w))
}

/// Joins `rel` to the directory of `from`, normalising `.` and `..` (never above the root).
pub fn join(from: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in rel.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

#[allow(clippy::too_many_arguments)]
fn parse_one(
    input: &ParseInput<'_>,
    path: &str,
    text: &str,
    depth: usize,
    constraints: bool,
    visited: &mut HashSet<String>,
    out: &mut Parsed,
) {
    let scope = if dev_file(path) {
        Scope::Dev
    } else {
        Scope::Runtime
    };
    for (line, l) in logical_lines(text) {
        let issue = |kind, name: &str| Issue {
            kind,
            source: SourceRef {
                path: path.to_string(),
                line: Some(line),
            },
            name: name.to_string(),
            detail: l.clone(),
        };
        if l.starts_with('-') {
            let (opt, val) = match l.split_once(['=', ' ', '\t']) {
                Some((o, v)) => (o, v.trim()),
                None => (l.as_str(), ""),
            };
            match opt {
                "-r" | "--requirement" | "-c" | "--constraint" => {
                    let is_c = opt == "-c" || opt == "--constraint";
                    include(
                        input,
                        path,
                        line,
                        val,
                        depth,
                        is_c || constraints,
                        visited,
                        out,
                    );
                }
                "-e" | "--editable" => {
                    let name = egg_name(val).unwrap_or_default();
                    out.issues.push(issue(IssueKind::DirectReference, &name));
                    if is_git_url(val) {
                        out.issues.push(issue(IssueKind::GitSource, &name));
                    }
                    if is_plain_http(val) {
                        out.issues.push(issue(IssueKind::InsecureHttp, &name));
                    }
                }
                "-i" | "--index-url" | "--extra-index-url" | "-f" | "--find-links"
                    if is_plain_http(val) =>
                {
                    out.issues.push(issue(IssueKind::InsecureHttp, ""));
                }
                _ => {}
            }
            continue;
        }
        // Direct references: URLs, paths, `name @ url`.
        let looks_url = l.contains("://") || l.starts_with('.') || l.starts_with('/');
        let at_ref = l.split_once(" @ ").or_else(|| l.split_once("@ "));
        if looks_url || at_ref.is_some_and(|(n, _)| !n.contains(['=', '<', '>', '~'])) {
            let name = match at_ref {
                Some((n, _)) => n.split('[').next().unwrap_or(n).trim().to_string(),
                None => egg_name(&l).unwrap_or_default(),
            };
            out.issues.push(issue(IssueKind::DirectReference, &name));
            if is_git_url(&l) || l.contains("git+") {
                out.issues.push(issue(IssueKind::GitSource, &name));
            }
            if l.contains("http://") {
                out.issues.push(issue(IssueKind::InsecureHttp, &name));
            }
            continue;
        }
        let Some(req) = parse_requirement(&l) else {
            out.errors
                .push((Some(line), format!("cannot read requirement {l:?}")));
            continue;
        };
        let Some(version) = req.pinned else {
            out.issues.push(issue(IssueKind::Unpinned, &req.name));
            continue;
        };
        let mut pkg = package(
            Ecosystem::PyPI,
            &req.name,
            &version,
            scope,
            if constraints { Some(false) } else { None },
            path,
            Some(line),
        );
        pkg.hashes = req.hashes;
        out.packages.push(pkg);
    }
}

#[allow(clippy::too_many_arguments)]
fn include(
    input: &ParseInput<'_>,
    from: &str,
    line: u32,
    target: &str,
    depth: usize,
    constraints: bool,
    visited: &mut HashSet<String>,
    out: &mut Parsed,
) {
    let Some(read) = input.read else { return };
    if target.contains("://") {
        out.errors.push((
            Some(line),
            format!("remote include {target:?} not read (offline)"),
        ));
        return;
    }
    let Some(rel) = join(from, target) else {
        out.errors.push((
            Some(line),
            format!("include {target:?} is outside the scanned root"),
        ));
        return;
    };
    if depth + 1 > MAX_INCLUDE_DEPTH {
        out.errors.push((
            Some(line),
            format!("include {target:?} not read: deeper than {MAX_INCLUDE_DEPTH} levels"),
        ));
        return;
    }
    if !visited.insert(rel.clone()) {
        return; // already read: a cycle or a repeated include
    }
    match read(&rel) {
        Ok(text) => parse_one(input, &rel, &text, depth + 1, constraints, visited, out),
        Err(e) => out
            .errors
            .push((Some(line), format!("cannot read included {rel}: {e}"))),
    }
}

/// `#egg=name` of a URL line.
fn egg_name(s: &str) -> Option<String> {
    let frag = s.split_once("#egg=")?.1;
    Some(frag.split(['&', ' ']).next().unwrap_or(frag).to_string())
}

/// One requirement line read.
#[derive(Debug, PartialEq, Eq)]
pub struct Requirement {
    /// Name as written.
    pub name: String,
    /// The version when pinned with `==`/`===` to one exact version.
    pub pinned: Option<String>,
    /// `--hash` options.
    pub hashes: Vec<crate::model::PackageHash>,
}

/// Reads `name[extras] specifiers ; marker --hash=…`.
pub fn parse_requirement(line: &str) -> Option<Requirement> {
    let (req_part, opts) = match line.find(" --") {
        Some(i) => (line.get(..i)?, line.get(i..)?),
        None => (line, ""),
    };
    let req_part = req_part.split(';').next().unwrap_or(req_part).trim();
    let name_end = req_part
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req_part.len());
    let name = req_part.get(..name_end)?.trim();
    if name.is_empty() {
        return None;
    }
    let mut rest = req_part.get(name_end..)?.trim();
    if rest.starts_with('[') {
        let close = rest.find(']')?;
        rest = rest.get(close + 1..)?.trim();
    }
    let rest = rest.trim_start_matches('(').trim_end_matches(')').trim();
    let ops = ["==", ">=", "<=", "~=", "!=", "<", ">"];
    if !rest.is_empty() && !ops.iter().any(|o| rest.starts_with(o)) {
        return None;
    }
    let specs: Vec<&str> = rest
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let pinned = match specs.as_slice() {
        [one] => one
            .strip_prefix("===")
            .or_else(|| one.strip_prefix("=="))
            .map(str::trim)
            .filter(|v| !v.is_empty() && !v.contains('*'))
            .map(str::to_string),
        _ => None,
    };
    let hashes = opts
        .split_whitespace()
        .filter_map(|o| o.strip_prefix("--hash="))
        .filter_map(hex_hash)
        .collect();
    Some(Requirement {
        name: name.to_string(),
        pinned,
        hashes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_lines() {
        let r = parse_requirement(
            "Requests[security]==2.31.0 ; python_version >= \"3.8\" --hash=sha256:ab",
        )
        .unwrap();
        assert_eq!(r.name, "Requests");
        assert_eq!(r.pinned.as_deref(), Some("2.31.0"));
        assert_eq!(r.hashes.len(), 1);
        assert_eq!(parse_requirement("x>=1").unwrap().pinned, None);
        assert_eq!(parse_requirement("x==1.*").unwrap().pinned, None);
        assert_eq!(parse_requirement("x==1,<2").unwrap().pinned, None);
        assert_eq!(
            parse_requirement("x===1.0").unwrap().pinned.as_deref(),
            Some("1.0")
        );
        assert!(parse_requirement("==1").is_none());
        assert!(parse_requirement("broken line ===").is_none());
    }

    #[test]
    fn joins() {
        assert_eq!(join("a/b/req.txt", "../c.txt").as_deref(), Some("a/c.txt"));
        assert_eq!(join("req.txt", "sub/x.txt").as_deref(), Some("sub/x.txt"));
        assert_eq!(join("req.txt", "../x.txt"), None);
    }
}
