//! R `renv.lock` (renv's JSON lockfile): `Packages` maps a name to `{Package, Version,
//! Source, Repository, Requirements}`. Packages from a CRAN-like repository (`Source:
//! Repository` with `Repository: CRAN` or a repository named in `R.Repositories`, and
//! renv's older `Source: CRAN`) are listed in the CRAN ecosystem with edges from
//! `Requirements`. Packages from Bioconductor, GitHub/GitLab/Bitbucket/git or local sources
//! are not CRAN packages: each is reported as an error naming it (trustward has no
//! ecosystem for them), never silently dropped. `Hash` is renv's hash of the DESCRIPTION
//! file, not of a downloadable artifact, and is not recorded. Scope and `direct` unknown.

use super::support::{Collected, JsonLines, package, parse_json};
use crate::model::{Ecosystem, Scope};
use crate::purl::purl_for;
use serde_json::Value;
use std::collections::HashMap;

/// Parses the file.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("renv.lock");
    let Some(v) = parse_json(text, &mut out) else {
        return out;
    };
    let Some(pkgs) = v.get("Packages").and_then(Value::as_object) else {
        out.fail(Some(1), "no `Packages` object: not an renv.lock");
        return out;
    };
    if let Some(r) = v.pointer("/R/Version").and_then(Value::as_str) {
        out.format = format!("renv.lock (R {r})");
    }
    let mut lines = JsonLines::new(text);
    let mut made = Vec::new();
    for (key, p) in pkgs {
        // Members come back sorted by name, not in file order: search from the start.
        lines.rewind();
        lines.find_object("Packages");
        let line = lines.find_object(key);
        let name = p.get("Package").and_then(Value::as_str).unwrap_or(key);
        let Some(version) = p.get("Version").and_then(Value::as_str) else {
            out.error(line, format!("package {name:?} has no Version"));
            continue;
        };
        let source = p.get("Source").and_then(Value::as_str).unwrap_or("");
        let repo = p.get("Repository").and_then(Value::as_str).unwrap_or("");
        let cran = match source {
            "CRAN" => true,
            "Repository" => !repo.eq_ignore_ascii_case("bioconductor"),
            "" => repo.is_empty() || repo.eq_ignore_ascii_case("CRAN"),
            _ => false,
        };
        if !cran {
            out.error(
                line,
                format!(
                    "package {name:?} {version} comes from {} (not CRAN): not listed, trustward has no ecosystem for it",
                    if repo.is_empty() { source } else { repo }
                ),
            );
            continue;
        }
        let purl = purl_for(Ecosystem::Cran, name, version);
        let pkg = package(
            Ecosystem::Cran,
            name,
            version,
            purl,
            Scope::Unknown,
            None,
            path,
            line,
        );
        let reqs: Vec<String> = p
            .get("Requirements")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        made.push((pkg, reqs));
    }
    let by_name: HashMap<String, String> = made
        .iter()
        .map(|(p, _)| (p.name.clone(), p.purl.clone()))
        .collect();
    for (mut pkg, reqs) in made {
        let mut deps: Vec<String> = reqs
            .iter()
            .filter_map(|r| by_name.get(r).cloned())
            .collect();
        deps.sort();
        deps.dedup();
        pkg.dependencies = deps;
        out.push(pkg);
    }
    out
}
