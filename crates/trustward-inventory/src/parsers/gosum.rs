//! `go.sum`: one `module version h1:hash` line per downloaded module and one
//! `module version/go.mod h1:hash` line per consulted go.mod. A module version with a
//! content hash is a package (with its `h1:` hash); a version seen only through its
//! `/go.mod` line was consulted during resolution but is not built, so it is not listed.

use super::support::{Collected, package};
use crate::model::{Ecosystem, PackageHash, Scope};
use crate::pkgurl;
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
            pkgurl::golang(module, version),
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
