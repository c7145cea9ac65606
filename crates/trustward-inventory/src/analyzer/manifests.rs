//! Manifest checks: a manifest with no lockfile, and a manifest whose dependencies its
//! lockfile does not list. Reads `package.json`, `Cargo.toml` and `pyproject.toml` only;
//! resolves nothing.

use super::rules::{LOCKFILE_MISSING, LOCKFILE_OUT_OF_SYNC};
use crate::discover::is_vendored;
use crate::parsers::json;
use std::collections::HashSet;
use trustward_core::files::FileIndex;
use trustward_core::{Finding, Location, ScanError};

/// npm-family lockfiles.
pub const NPM_LOCKS: [&str; 6] = [
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
];

/// Python lockfiles and pin files.
pub const PY_LOCKS: [&str; 5] = [
    "poetry.lock",
    "uv.lock",
    "pdm.lock",
    "Pipfile.lock",
    "pylock.toml",
];

/// Findings and errors of the manifest checks.
#[derive(Default)]
pub struct Output {
    /// Findings.
    pub findings: Vec<Finding>,
    /// Manifests that could not be read.
    pub errors: Vec<ScanError>,
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The nearest file in `dir` or a parent directory whose name starts with one of
/// `prefixes` and satisfies `pred` (a binary search on the sorted index per prefix).
fn find_up(
    files: &FileIndex,
    dir: &str,
    prefixes: &[&str],
    pred: impl Fn(&str) -> bool,
) -> Option<String> {
    let entries = files.entries();
    let mut d = dir.to_string();
    loop {
        for p in prefixes {
            let start = join(&d, p);
            let from = entries.partition_point(|e| e.rel.as_str() < start.as_str());
            let hit = entries
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|e| e.rel.starts_with(&start))
                .find(|e| {
                    e.rel
                        .get(start.len() - p.len()..)
                        .is_some_and(|r| !r.contains('/'))
                        && pred(e.name())
                });
            if let Some(h) = hit {
                return Some(h.rel.clone());
            }
        }
        if d.is_empty() {
            return None;
        }
        d = dir_of(&d).to_string();
    }
}

/// Runs the checks over every manifest in `files`.
pub fn check(files: &FileIndex, include_vendored: bool) -> Output {
    let mut out = Output::default();
    for e in files.entries() {
        if !include_vendored && is_vendored(&e.rel) {
            continue;
        }
        match e.name() {
            "package.json" => package_json(files, &e.rel, &mut out),
            "Cargo.toml" => cargo_toml(files, &e.rel, &mut out),
            "pyproject.toml" => pyproject(files, &e.rel, &mut out),
            _ => {}
        }
    }
    out
}

fn read(files: &FileIndex, rel: &str, out: &mut Output) -> Option<String> {
    match files.read_text(rel) {
        Ok(t) => Some(t),
        Err(e) => {
            out.errors.push(ScanError::new(rel, e.to_string()));
            None
        }
    }
}

/// Whether the nearest `.npmrc` from `dir` up to the root sets `package-lock=false`.
fn npm_lockfile_disabled(files: &FileIndex, dir: &str) -> bool {
    let Some(rc) = find_up(files, dir, &[".npmrc"], |n| n == ".npmrc") else {
        return false;
    };
    files.read_text(&rc).is_ok_and(|t| {
        t.lines().any(|l| {
            l.split_once('=').is_some_and(|(k, v)| {
                k.trim() == "package-lock" && v.trim().trim_matches('"') == "false"
            })
        })
    })
}

fn missing(rel: &str, line: u32, what: &str) -> Finding {
    Finding::new(
        &LOCKFILE_MISSING,
        format!("{rel} declares dependencies but has no {what}"),
        Location::file(rel).with_line(line),
    )
    .with_key(format!("lockfile-missing:{rel}"))
}

fn package_json(files: &FileIndex, rel: &str, out: &mut Output) {
    let Some(text) = read(files, rel, out) else {
        return;
    };
    let root = match json::parse(&text) {
        Ok(r) => r,
        Err(e) => {
            out.errors.push(ScanError::new(
                crate::discover::at(rel, e.line),
                format!("cannot parse package.json: {}", e.message),
            ));
            return;
        }
    };
    let keys = ["dependencies", "devDependencies", "optionalDependencies"];
    let declared: Vec<(&str, &crate::parsers::tree::Entry)> = keys
        .iter()
        .flat_map(|k| root.at(k).entries().iter().map(move |e| (*k, e)))
        .collect();
    if declared.is_empty() {
        return;
    }
    let dir = dir_of(rel);
    let Some(lock) = find_up(files, dir, &NPM_LOCKS, |n| NPM_LOCKS.contains(&n)) else {
        if npm_lockfile_disabled(files, dir) {
            return; // `.npmrc` says package-lock=false: npm never writes one here
        }
        out.findings.push(missing(
            rel,
            1,
            "package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock",
        ));
        return;
    };
    // Out-of-sync: only against a package-lock v2/v3 whose root entry lists the specs.
    if !(lock.ends_with("package-lock.json") || lock.ends_with("npm-shrinkwrap.json")) {
        return;
    }
    let Ok(lock_text) = files.read_text(&lock) else {
        return;
    };
    let Ok(lock_root) = json::parse(&lock_text) else {
        return;
    };
    let packages = lock_root.at("packages");
    let key = if dir_of(&lock) == dir {
        String::new()
    } else {
        let ld = dir_of(&lock);
        dir.strip_prefix(ld)
            .map(|r| r.trim_start_matches('/').to_string())
            .unwrap_or_default()
    };
    let Some(entry) = packages.get(&key) else {
        return; // v1 lockfile, or a member the lock does not know: nothing to compare
    };
    for (k, d) in declared {
        let want = d.value.str().unwrap_or("");
        let got = entry.at(k).at(&d.key).str();
        let msg = match got {
            None => format!(
                "{} `{}` is declared in {rel} but missing from {lock}",
                k, d.key
            ),
            Some(g) if g != want => {
                format!("{} `{}` is `{want}` in {rel} but `{g}` in {lock}", k, d.key)
            }
            Some(_) => continue,
        };
        out.findings.push(
            Finding::new(
                &LOCKFILE_OUT_OF_SYNC,
                msg,
                Location::file(rel).with_line(d.line),
            )
            .with_key(format!("out-of-sync:{rel}:{k}:{}", d.key))
            .with_data("lockfile", lock.clone()),
        );
    }
}

fn toml_line(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .and_then(|i| u32::try_from(i + 1).ok())
        .unwrap_or(1)
}

fn cargo_toml(files: &FileIndex, rel: &str, out: &mut Output) {
    let Some(text) = read(files, rel, out) else {
        return;
    };
    let doc: toml::Table = match toml::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            let lines = crate::parsers::common::Lines::new(&text);
            out.errors.push(ScanError::new(
                crate::discover::at(rel, e.span().map(|s| lines.line(s.start))),
                format!("cannot parse Cargo.toml: {}", e.message().trim()),
            ));
            return;
        }
    };
    let dir = dir_of(rel);
    let is_workspace = doc.contains_key("workspace");
    let has_bin = doc.contains_key("bin") || files.exists(&join(dir, "src/main.rs"));
    let deps = cargo_deps(&doc);
    // A manifest with a `[workspace]` table is its own workspace root (e.g. a cargo-fuzz
    // directory inside another workspace): its lockfile sits beside it, never above.
    let lock = if is_workspace {
        let own = join(dir, "Cargo.lock");
        files.exists(&own).then_some(own)
    } else {
        find_up(files, dir, &["Cargo.lock"], |n| n == "Cargo.lock")
    };
    let Some(lock) = lock else {
        if is_workspace || (doc.contains_key("package") && has_bin && !deps.is_empty()) {
            out.findings
                .push(missing(rel, 1, "Cargo.lock (binary or workspace crate)"));
        }
        return;
    };
    let Ok(lock_text) = files.read_text(&lock) else {
        return;
    };
    let Ok(lock_doc) = toml::from_str::<toml::Table>(&lock_text) else {
        return;
    };
    let locked: HashSet<&str> = lock_doc
        .get("package")
        .and_then(|p| p.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|p| p.get("name").and_then(|n| n.as_str()))
                .collect()
        })
        .unwrap_or_default();
    for (key, crate_name) in deps {
        if locked.contains(crate_name.as_str()) {
            continue;
        }
        let line = toml_line(&text, &key);
        out.findings.push(
            Finding::new(
                &LOCKFILE_OUT_OF_SYNC,
                format!("dependency `{crate_name}` is declared in {rel} but missing from {lock}"),
                Location::file(rel).with_line(line),
            )
            .with_key(format!("out-of-sync:{rel}:{crate_name}"))
            .with_data("lockfile", lock.clone()),
        );
    }
}

/// (key as written, crate name) of every dependency table, skipping `workspace = true`
/// entries (their real name is in the workspace root).
fn cargo_deps(doc: &toml::Table) -> Vec<(String, String)> {
    let mut tables: Vec<&toml::Table> = Vec::new();
    for k in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(t) = doc.get(k).and_then(|t| t.as_table()) {
            tables.push(t);
        }
    }
    if let Some(targets) = doc.get("target").and_then(|t| t.as_table()) {
        for t in targets.values() {
            for k in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(t) = t.get(k).and_then(|t| t.as_table()) {
                    tables.push(t);
                }
            }
        }
    }
    let mut out = Vec::new();
    for t in tables {
        for (k, v) in t {
            if v.get("workspace").and_then(|w| w.as_bool()) == Some(true) {
                continue;
            }
            let name = v
                .get("package")
                .and_then(|p| p.as_str())
                .unwrap_or(k)
                .to_string();
            out.push((k.clone(), name));
        }
    }
    out
}

fn pyproject(files: &FileIndex, rel: &str, out: &mut Output) {
    let Some(text) = read(files, rel, out) else {
        return;
    };
    let doc: toml::Table = match toml::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            let lines = crate::parsers::common::Lines::new(&text);
            out.errors.push(ScanError::new(
                crate::discover::at(rel, e.span().map(|s| lines.line(s.start))),
                format!("cannot parse pyproject.toml: {}", e.message().trim()),
            ));
            return;
        }
    };
    let tool = doc.get("tool");
    let get = |path: &[&str]| -> Option<&toml::Value> {
        let mut v = tool?;
        for p in path {
            v = v.get(p)?;
        }
        Some(v)
    };
    let packaging_off = get(&["poetry", "package-mode"]).and_then(|v| v.as_bool()) == Some(false)
        || get(&["uv", "package"]).and_then(|v| v.as_bool()) == Some(false)
        || get(&["pdm", "distribution"]).and_then(|v| v.as_bool()) == Some(false);
    let application = packaging_off || !doc.contains_key("build-system");
    let project_deps = doc
        .get("project")
        .and_then(|p| p.get("dependencies"))
        .and_then(|d| d.as_array())
        .is_some_and(|a| !a.is_empty());
    let poetry_deps = get(&["poetry", "dependencies"])
        .and_then(|d| d.as_table())
        .is_some_and(|t| t.keys().any(|k| k != "python"));
    if !application || !(project_deps || poetry_deps) {
        return;
    }
    let dir = dir_of(rel);
    let prefixes = [PY_LOCKS.as_slice(), &["pylock.", "requirements"]].concat();
    let found = find_up(files, dir, &prefixes, |n| {
        PY_LOCKS.contains(&n)
            || crate::parsers::pylock::matches(n)
            || crate::parsers::requirements::matches(n)
    });
    if found.is_none() {
        out.findings.push(missing(
            rel,
            1,
            "lockfile (poetry.lock, uv.lock, pdm.lock, Pipfile.lock, pylock.toml or requirements*.txt) for this application",
        ));
    }
}
