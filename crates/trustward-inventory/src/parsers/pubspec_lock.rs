//! Dart/Flutter `pubspec.lock`: every entry under `packages:` with its `dependency`
//! (`direct main` → runtime, `direct dev` → dev, `direct overridden`, `transitive`),
//! `source` (`hosted`, `git`, `path`, `sdk`), `version` and hosted `sha256`.
//!
//! pub writes this file in one fixed block layout; it is read line by line in that layout
//! (so every package keeps its line number). Flow-style YAML is reported as an error.
//! SDK packages (`flutter`, `flutter_test`) come with the SDK, not from pub.dev: noted,
//! not listed.

use super::support::{Collected, hash_from_hex, package};
use crate::model::{Ecosystem, IssueKind, Scope};
use crate::purl;

#[derive(Default)]
struct Entry {
    name: String,
    line: u32,
    dependency: String,
    source: String,
    version: String,
    sha256: String,
    url: String,
    path: String,
}

/// `"x"`, `'x'` or `x` → `x`.
fn scalar(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(v);
    v.to_string()
}

/// Parses a pubspec.lock.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("pubspec.lock");
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_packages = false;
    let mut saw_packages = false;
    let mut in_description = false;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == 0 {
            in_packages = trimmed == "packages:";
            saw_packages |= in_packages;
            if trimmed.starts_with("packages:") && !in_packages {
                out.error(Some(line_no), "`packages` is not a block mapping");
            }
            continue;
        }
        if !in_packages {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            out.error(
                Some(line_no),
                format!("expected `key: value`, got `{trimmed}`"),
            );
            continue;
        };
        let key = scalar(key);
        let value = value.trim();
        match indent {
            2 => {
                if !value.is_empty() {
                    out.error(
                        Some(line_no),
                        format!("package `{key}` is not a block mapping"),
                    );
                    continue;
                }
                entries.push(Entry {
                    name: key,
                    line: line_no,
                    ..Entry::default()
                });
                in_description = false;
            }
            4 => {
                let Some(e) = entries.last_mut() else {
                    out.error(Some(line_no), "unexpected indentation");
                    continue;
                };
                in_description = key == "description" && value.is_empty();
                match key.as_str() {
                    "dependency" => e.dependency = scalar(value),
                    "source" => e.source = scalar(value),
                    "version" => e.version = scalar(value),
                    _ => {}
                }
            }
            6 if in_description => {
                if let Some(e) = entries.last_mut() {
                    match key.as_str() {
                        "sha256" => e.sha256 = scalar(value),
                        "url" => e.url = scalar(value),
                        "path" => e.path = scalar(value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !saw_packages {
        out.fail(Some(1), "no `packages:` mapping: not a pubspec.lock?");
    }
    for e in entries {
        if e.source == "sdk" {
            out.note(
                Some(e.line),
                format!("{} comes with the SDK; not listed", e.name),
            );
            continue;
        }
        match e.source.as_str() {
            "git" => out.issue(IssueKind::GitSource, path, Some(e.line), &e.name, &e.url),
            "path" => out.issue(
                IssueKind::DirectReference,
                path,
                Some(e.line),
                &e.name,
                &e.path,
            ),
            "hosted" if e.url.starts_with("http://") => {
                out.issue(IssueKind::InsecureHttp, path, Some(e.line), &e.name, &e.url)
            }
            _ => {}
        }
        if e.version.is_empty() {
            out.error(Some(e.line), format!("{} has no version", e.name));
            continue;
        }
        let (scope, direct) = match e.dependency.as_str() {
            "direct main" => (Scope::Runtime, Some(true)),
            "direct dev" => (Scope::Dev, Some(true)),
            "direct overridden" => (Scope::Unknown, Some(true)),
            "transitive" => (Scope::Unknown, Some(false)),
            _ => (Scope::Unknown, None),
        };
        let hosted_elsewhere = e.source == "hosted"
            && !e.url.is_empty()
            && !e.url.starts_with("https://pub.dev")
            && !e.url.starts_with("https://pub.dartlang.org");
        let mut purl = purl::pub_dev(&e.name, &e.version);
        if hosted_elsewhere {
            purl = purl::build(
                "pub",
                None,
                &e.name.to_ascii_lowercase(),
                &e.version,
                &[("repository_url", &e.url)],
            );
        }
        let mut pkg = package(
            Ecosystem::Pub,
            e.name.clone(),
            e.version,
            purl,
            scope,
            direct,
            path,
            Some(e.line),
        );
        if !e.sha256.is_empty() {
            match hash_from_hex("SHA-256", &e.sha256) {
                Some(h) => pkg.hashes.push(h),
                None => out.error(
                    Some(e.line),
                    format!("sha256 of {} is not 64 hex digits", e.name),
                ),
            }
        }
        out.push(pkg);
    }
    out
}
