//! Elixir `mix.lock`: a map from application name to
//! `{:hex, :package, "version", "inner_hash", managers, deps, "repo", "outer_hash"}` or
//! `{:git, "url", "commit", opts}`. Hex entries carry the tarball's SHA-256 (the outer
//! checksum) and dependency edges; git entries are listed with the commit as version.
//! The file is read as data by [`super::elixir_term`], never evaluated.

use super::elixir_term::{self, Term};
use super::support::{Collected, hash_from_hex, link_by_name, package};
use crate::model::{Ecosystem, IssueKind, Scope};
use crate::purl;

/// Parses a mix.lock.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("mix.lock");
    let term = match elixir_term::parse(text) {
        Ok(t) => t,
        Err(e) => {
            out.fail(
                Some(e.line),
                format!("not a valid mix.lock term: {}", e.message),
            );
            return out;
        }
    };
    let Term::Map(entries) = term else {
        out.fail(Some(1), "mix.lock is not a map");
        return out;
    };
    let mut edges: Vec<Vec<String>> = Vec::new();
    let mut apps: Vec<String> = Vec::new();
    for (key, value, line) in entries {
        let Some(app) = key.text().map(str::to_string) else {
            out.error(Some(line), "entry key is not a name");
            continue;
        };
        let Term::Tuple(items) = value else {
            out.error(Some(line), format!("{app}: entry is not a tuple"));
            continue;
        };
        match items.first().and_then(Term::text) {
            Some("hex") => {
                let name = items.get(1).and_then(Term::text);
                let version = items.get(2).and_then(Term::text);
                let (Some(name), Some(version)) = (name, version) else {
                    out.error(
                        Some(line),
                        format!("{app}: hex entry without name or version"),
                    );
                    continue;
                };
                let repo = items.get(6).and_then(Term::text).unwrap_or("hexpm");
                let org = repo.strip_prefix("hexpm:");
                let mut pkg = package(
                    Ecosystem::Hex,
                    name,
                    version,
                    purl::hex(org, name, version),
                    Scope::Unknown,
                    None,
                    path,
                    Some(line),
                );
                if let Some(outer) = items.get(7).and_then(Term::text) {
                    match hash_from_hex("SHA-256", outer) {
                        Some(h) => pkg.hashes.push(h),
                        None => out.error(
                            Some(line),
                            format!("{app}: outer checksum is not SHA-256 hex"),
                        ),
                    }
                }
                let deps = match items.get(5) {
                    Some(Term::List(ds)) => ds
                        .iter()
                        .filter_map(|d| match d {
                            Term::Tuple(t) => t.first().and_then(Term::text).map(str::to_string),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                edges.push(deps);
                apps.push(app);
                out.push(pkg);
            }
            Some("git") => {
                let url = items.get(1).and_then(Term::text).unwrap_or("");
                let Some(commit) = items.get(2).and_then(Term::text) else {
                    out.error(Some(line), format!("{app}: git entry without a commit"));
                    continue;
                };
                let purl = purl::build(
                    "hex",
                    None,
                    &app.to_ascii_lowercase(),
                    commit,
                    &[("vcs_url", &format!("git+{url}"))],
                );
                out.issue(IssueKind::GitSource, path, Some(line), &app, url);
                edges.push(Vec::new());
                apps.push(app.clone());
                out.push(package(
                    Ecosystem::Hex,
                    app,
                    commit,
                    purl,
                    Scope::Unknown,
                    None,
                    path,
                    Some(line),
                ));
            }
            Some("path") => {
                out.note(
                    Some(line),
                    format!("{app} is a local path dependency; not listed"),
                );
                out.issue(
                    IssueKind::DirectReference,
                    path,
                    Some(line),
                    &app,
                    "path dependency",
                );
            }
            other => out.error(
                Some(line),
                format!("{app}: unknown source `{}`", other.unwrap_or("?")),
            ),
        }
    }
    // Edges name applications (map keys), which may differ from Hex package names.
    let app_of: std::collections::HashMap<String, String> = out
        .packages
        .iter()
        .zip(&apps)
        .map(|(p, a)| (p.purl.clone(), a.clone()))
        .collect();
    link_by_name(&mut out.packages, &edges, |p| {
        app_of.get(&p.purl).cloned().unwrap_or_default()
    });
    out
}
