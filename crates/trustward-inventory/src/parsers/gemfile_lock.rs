//! `Gemfile.lock` (Bundler): the `GEM`, `GIT` and `PATH` sections' `specs:` (with
//! platform-specific versions such as `1.13.10-x86_64-linux`), their dependency edges,
//! `DEPENDENCIES` (the direct ones) and `CHECKSUMS` (Bundler 2.5+, `sha256=`).

use super::support::{Collected, hash_from_hex, link_by_name, package};
use crate::model::{Ecosystem, IssueKind, Scope};
use crate::purl;
use std::collections::{HashMap, HashSet};

/// Splits `name (version-platform)` into its parts, as Bundler's lockfile parser does:
/// the version runs to the first `-`, the platform is the rest.
fn name_version(s: &str) -> Option<(&str, Option<(&str, &str)>)> {
    let s = s.trim_end_matches('!');
    match s.split_once(" (") {
        Some((name, rest)) => {
            let inner = rest.strip_suffix(')')?;
            let (v, plat) = inner.split_once('-').unwrap_or((inner, ""));
            Some((name, Some((v, plat))))
        }
        None => Some((s, None)),
    }
}

/// Parses a Gemfile.lock.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("Gemfile.lock");
    let mut section = String::new();
    let mut in_specs = false;
    let mut remote = String::new();
    let mut edges: Vec<Vec<String>> = Vec::new();
    let mut direct: HashSet<String> = HashSet::new();
    let mut checksums: HashMap<(String, String), (String, u32)> = HashMap::new();
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start_matches(' ');
        if indent == 0 {
            section = body.to_string();
            in_specs = false;
            remote.clear();
            continue;
        }
        match section.as_str() {
            "GEM" | "GIT" | "PATH" | "PLUGIN SOURCE" => {
                if indent == 2 {
                    in_specs = body == "specs:";
                    if let Some(r) = body.strip_prefix("remote: ") {
                        remote = r.trim().to_string();
                    }
                    continue;
                }
                if !in_specs {
                    continue;
                }
                let Some((name, nv)) = name_version(body) else {
                    out.error(Some(line_no), format!("cannot read spec `{body}`"));
                    continue;
                };
                if indent == 4 {
                    let Some((version, platform)) = nv else {
                        out.error(Some(line_no), format!("spec `{name}` has no version"));
                        continue;
                    };
                    let purl = purl::gem(name, version, platform);
                    match section.as_str() {
                        "GIT" => {
                            out.issue(IssueKind::GitSource, path, Some(line_no), name, &remote)
                        }
                        "PATH" => out.issue(
                            IssueKind::DirectReference,
                            path,
                            Some(line_no),
                            name,
                            &remote,
                        ),
                        _ if remote.starts_with("http://") => {
                            out.issue(IssueKind::InsecureHttp, path, Some(line_no), name, &remote)
                        }
                        _ => {}
                    }
                    out.push(package(
                        Ecosystem::RubyGems,
                        name,
                        version,
                        purl,
                        Scope::Unknown,
                        Some(false),
                        path,
                        Some(line_no),
                    ));
                    edges.push(Vec::new());
                } else if indent == 6 {
                    if let Some(e) = edges.last_mut() {
                        e.push(name.to_string());
                    }
                } else {
                    out.error(Some(line_no), "unexpected indentation in specs");
                }
            }
            "DEPENDENCIES" => {
                if indent == 2
                    && let Some((name, _)) = name_version(body)
                {
                    direct.insert(name.to_string());
                }
            }
            "CHECKSUMS" => {
                if indent != 2 {
                    continue;
                }
                let (spec, sums) = match body.split_once(") ") {
                    Some((s, rest)) => (format!("{s})"), rest),
                    None => (body.to_string(), ""),
                };
                if let Some((name, Some((v, plat)))) = name_version(&spec) {
                    for sum in sums.split(',') {
                        if let Some(hex) = sum.trim().strip_prefix("sha256=") {
                            let key_v = if plat.is_empty() {
                                v.to_string()
                            } else {
                                format!("{v}-{plat}")
                            };
                            checksums.insert((name.to_string(), key_v), (hex.to_string(), line_no));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for pkg in &mut out.packages {
        if direct.contains(&pkg.name) {
            pkg.direct = Some(true);
        }
    }
    let mut bad = Vec::new();
    for pkg in &mut out.packages {
        let platform = purl::parse(&pkg.purl)
            .and_then(|p| p.qualifiers.into_iter().find(|(k, _)| k == "platform"))
            .map(|(_, v)| format!("{}-{v}", pkg.version))
            .unwrap_or_else(|| pkg.version.clone());
        if let Some((hex, line)) = checksums.get(&(pkg.name.clone(), platform)) {
            match hash_from_hex("SHA-256", hex) {
                Some(h) => pkg.hashes.push(h),
                None => bad.push(*line),
            }
        }
    }
    for line in bad {
        out.error(Some(line), "sha256 checksum is not 64 hex digits");
    }
    // Edges point at a gem name; with several platform variants of one gem, one of them is used.
    link_by_name(&mut out.packages, &edges, |p| p.name.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_platform() {
        assert_eq!(
            name_version("nokogiri (1.13.10-x86_64-linux)"),
            Some(("nokogiri", Some(("1.13.10", "x86_64-linux"))))
        );
        assert_eq!(name_version("rails!"), Some(("rails", None)));
        assert_eq!(name_version("x (1"), None);
    }
}
