//! `Pipfile.lock` (pipenv): `default` (runtime) and `develop` (dev) sections mapping
//! names to `{version: "==1.2.3", hashes: […]}`. Git entries (`{git, ref}`) are reported
//! and listed at their `ref`; editable or path entries are the project's own code and are
//! reported as direct references. The file is flat: `direct` is unknown, no edges.

use super::common::{hex_hash, is_plain_http, package};
use super::{ParseError, ParseInput, Parsed, json};
use crate::model::{Ecosystem, Issue, IssueKind, Scope, SourceRef};

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let root = json::parse(input.text)?;
    if !root.is_obj() {
        return Err(ParseError::at(root.line, "not a JSON object"));
    }
    let spec = root.at("_meta").at("pipfile-spec").str().unwrap_or("?");
    let mut out = Parsed {
        format: format!("Pipfile.lock spec {spec}"),
        ..Default::default()
    };
    for url in root.at("_meta").at("sources").items() {
        if let Some(u) = url.at("url").str()
            && is_plain_http(u)
        {
            out.issues.push(Issue {
                kind: IssueKind::InsecureHttp,
                source: SourceRef {
                    path: input.path.to_string(),
                    line: Some(url.line),
                },
                name: String::new(),
                detail: u.to_string(),
            });
        }
    }
    for (section, scope) in [("default", Scope::Runtime), ("develop", Scope::Dev)] {
        for e in root.at(section).entries() {
            let v = &e.value;
            let issue = |kind, detail: &str| Issue {
                kind,
                source: SourceRef {
                    path: input.path.to_string(),
                    line: Some(e.line),
                },
                name: e.key.to_string(),
                detail: detail.to_string(),
            };
            let version = if let Some(git) = v.at("git").str() {
                out.issues.push(issue(IssueKind::GitSource, git));
                match v.at("ref").str() {
                    Some(r) => r.to_string(),
                    None => continue,
                }
            } else if let Some(ver) = v.at("version").str() {
                match ver.strip_prefix("===").or_else(|| ver.strip_prefix("==")) {
                    Some(x) => x.to_string(),
                    None => {
                        out.issues.push(issue(IssueKind::Unpinned, ver));
                        continue;
                    }
                }
            } else {
                let what = v.at("path").str().or(v.at("file").str()).unwrap_or("");
                out.issues.push(issue(IssueKind::DirectReference, what));
                continue;
            };
            let mut pkg = package(
                Ecosystem::PyPI,
                &e.key,
                &version,
                scope,
                None,
                input.path,
                Some(e.line),
            );
            pkg.hashes = v
                .at("hashes")
                .items()
                .iter()
                .filter_map(|h| h.str().and_then(hex_hash))
                .collect();
            out.packages.push(pkg);
        }
    }
    Ok(out)
}
