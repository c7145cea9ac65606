//! `go.sum`: one `module version h1:hash` line per downloaded module and one
//! `module version/go.mod h1:hash` line per consulted go.mod. A module version with a
//! content hash is a package (with its `h1:` hash); a version seen only through its
//! `/go.mod` line was consulted during resolution but is not built, so it is not listed.

use super::support::{Collected, package};
use crate::model::{Ecosystem, PackageHash, Scope};
use crate::purl;
use std::collections::HashSet;

/// Parses a go.sum file.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("go.sum");
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let fields: Vec<&str> = raw.split_whitespace().collect();
        let [module, version, hash] = fields.as_slice() else {
            if !fields.is_empty() {
                out.error(Some(line_no), "expected `module version hash`");
            }
            continue;
        };
        let Some(h1) = hash.strip_prefix("h1:") else {
            out.error(Some(line_no), format!("unknown hash kind in `{hash}`"));
            continue;
        };
        if version.ends_with("/go.mod") {
            continue;
        }
        if !seen.insert((module.to_string(), version.to_string())) {
            continue;
        }
        let mut pkg = package(
            Ecosystem::Go,
            *module,
            *version,
            purl::golang(module, version),
            Scope::Unknown,
            None,
            path,
            Some(line_no),
        );
        // h1 is SHA-256 over the module's sorted file list and file hashes (Go's dirhash).
        match super::support::hash_from_base64("SHA-256", h1) {
            Some(h) => pkg.hashes.push(PackageHash { ..h }),
            None => out.error(Some(line_no), "h1: hash is not a base64 SHA-256 digest"),
        }
        out.push(pkg);
    }
    out
}

/// Registry entry: a go.sum next to a go.mod only lends its hashes to the go.mod's modules
/// (go.sum also lists modules that are not in the build list); a go.sum alone lists its
/// modules.
pub fn parse_entry(input: &super::ParseInput<'_>) -> Result<super::Parsed, super::ParseError> {
    let has_go_mod = input
        .read
        .is_some_and(|read| read(&super::gomod::sibling(input.path, "go.mod")).is_ok());
    let mut out = parse(input.path, input.text);
    if has_go_mod {
        out.packages.clear();
        out.format = "go.sum (hashes for the go.mod beside it)".into();
    }
    out.finish()
}
