//! Swift Package Manager `Package.resolved` v1 (`object.pins[]` with `repositoryURL`),
//! v2 and v3 (`pins[]` with `identity`, `kind`, `location`). Names are SwiftURL names as OSV
//! uses them: the repository URL without scheme, user and `.git` (`github.com/apple/swift-nio`).
//! A pin on a branch or commit has the revision as its version. Local (`fileSystem`,
//! `localSourceControl`) pins are noted, not listed.

use super::support::{Collected, JsonLines, package, parse_json};
use crate::model::{Ecosystem, IssueKind, Scope};
use crate::purl;
use serde_json::Value;

/// `https://github.com/apple/swift-nio.git` / `git@github.com:apple/swift-nio.git` →
/// `github.com/apple/swift-nio`.
pub fn swift_url_name(url: &str) -> String {
    let mut s = url.trim();
    if let Some((_, rest)) = s.split_once("://") {
        s = rest;
    }
    let s = match s.split_once('@') {
        Some((user, rest)) if !user.contains('/') => rest,
        _ => s,
    };
    // scp-like `host:owner/repo`.
    let s = match s.split_once(':') {
        Some((host, rest))
            if !host.contains('/') && !rest.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            format!("{host}/{rest}")
        }
        _ => s.to_string(),
    };
    let s = s.trim_end_matches('/');
    let s = s.strip_suffix(".git").unwrap_or(s);
    s.to_string()
}

/// Parses a Package.resolved.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("Package.resolved");
    let Some(root) = parse_json(text, &mut out) else {
        return out;
    };
    let version = root.get("version").and_then(Value::as_u64).unwrap_or(0);
    out.format = format!("Package.resolved v{version}");
    let (pins, url_key) = match version {
        1 => (root.pointer("/object/pins"), "repositoryURL"),
        2 | 3 => (root.get("pins"), "location"),
        _ => {
            out.fail(
                Some(1),
                format!("unsupported Package.resolved version {version}"),
            );
            return out;
        }
    };
    let Some(pins) = pins.and_then(Value::as_array) else {
        out.fail(Some(1), "no `pins` array");
        return out;
    };
    let mut lines = JsonLines::new(text);
    for pin in pins {
        let Some(url) = pin.get(url_key).and_then(Value::as_str) else {
            out.error(None, format!("a pin has no `{url_key}`"));
            continue;
        };
        let line = lines.find_pair(url_key, url);
        let kind = pin
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("remoteSourceControl");
        if matches!(kind, "fileSystem" | "localSourceControl") {
            out.note(line, format!("local package {url} is not listed"));
            out.issue(IssueKind::DirectReference, path, line, url, kind);
            continue;
        }
        let state = pin.get("state");
        let version = state
            .and_then(|s| s.get("version"))
            .and_then(Value::as_str)
            .or_else(|| {
                state
                    .and_then(|s| s.get("revision"))
                    .and_then(Value::as_str)
            });
        let Some(version) = version else {
            out.error(
                line,
                format!("pin {url} has neither a version nor a revision"),
            );
            continue;
        };
        let name = if kind == "registry" {
            pin.get("identity")
                .and_then(Value::as_str)
                .unwrap_or(url)
                .to_string()
        } else {
            swift_url_name(url)
        };
        let purl = purl::swift(&name, version);
        out.push(package(
            Ecosystem::SwiftURL,
            name,
            version,
            purl,
            Scope::Runtime,
            None,
            path,
            line,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_names() {
        assert_eq!(
            swift_url_name("https://github.com/apple/swift-nio.git"),
            "github.com/apple/swift-nio"
        );
        assert_eq!(
            swift_url_name("git@github.com:apple/swift-nio.git"),
            "github.com/apple/swift-nio"
        );
        assert_eq!(
            swift_url_name("https://gitlab.com:8443/a/b/"),
            "gitlab.com:8443/a/b"
        );
    }
}
