//! Where a dependency's licence comes from, offline, in this order (the first that knows
//! wins):
//!
//! 1. the lockfile, where it records licences (`package-lock.json` `license`,
//!    `composer.lock` `license`);
//! 2. installed or vendored metadata inside the project: `node_modules/<name>/package.json`,
//!    Python `*.dist-info/METADATA` (`License-Expression`, `License`, classifiers) under
//!    `site-packages`, Go `vendor/<module>/LICENSE*` (identified by full text);
//! 3. the user's package caches: the Cargo registry sources
//!    (`$CARGO_HOME/registry/src/*/<name>-<version>/Cargo.toml`) and the Go module cache
//!    (`$GOMODCACHE/<module>@<version>/LICENSE*`);
//! 4. with `--online`, the registries' public metadata (see [`crate::online`]).
//!
//! Unknown stays unknown: nothing is guessed from a name. Every file is read with a size
//! cap; the project tree is never left through a symlink.

use crate::expression;
use crate::identify;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use trustward_core::ScanError;
use trustward_core::files::{FileIndex, read_capped};
use trustward_inventory::purl::pep503;
use trustward_inventory::{Ecosystem, Package};

/// Directory entries visited when looking for installed package metadata.
const MAX_WALK: usize = 200_000;

/// Largest metadata file read.
const MAX_META: u64 = 4 * 1024 * 1024;

/// One package's licence and where it was found.
#[derive(Debug, Clone, Serialize)]
pub struct PackageLicense {
    /// The package's ecosystem (OSV name).
    pub ecosystem: String,
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// The normalised SPDX expression; `None` when unknown.
    pub license: Option<String>,
    /// Where the licence was read (`path`, `path:line`, a cache path or `registry:<url>`);
    /// `None` when unknown.
    pub source: Option<String>,
    /// What was written when it is not a valid expression (the licence then counts as
    /// unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<String>,
    /// For packages read from an installed directory: whether it holds a licence text.
    #[serde(skip)]
    pub text_present: Option<bool>,
    /// Where the package was found (the lockfile, `path:line`).
    #[serde(skip)]
    pub found_at: String,
}

/// Where the user's caches are (overridable for tests).
#[derive(Debug, Clone, Default)]
pub struct Caches {
    /// `$CARGO_HOME/registry/src` (each registry's directory below it is searched).
    pub cargo_registry_src: Option<PathBuf>,
    /// `$GOMODCACHE`.
    pub go_mod_cache: Option<PathBuf>,
}

impl Caches {
    /// The caches of this user, from `CARGO_HOME`/`HOME` and `GOMODCACHE`/`GOPATH`.
    pub fn from_env() -> Self {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let cargo = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".cargo")))
            .map(|c| c.join("registry").join("src"));
        let go = std::env::var_os("GOMODCACHE")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("GOPATH")
                    .map(|g| PathBuf::from(g).join("pkg").join("mod"))
                    .or_else(|| home.as_ref().map(|h| h.join("go").join("pkg").join("mod")))
            });
        Caches {
            cargo_registry_src: cargo.filter(|p| p.is_dir()),
            go_mod_cache: go.filter(|p| p.is_dir()),
        }
    }
}

/// Everything known locally: one entry per package (deduplicated by ecosystem, name and
/// version), in a stable order.
pub fn resolve(
    files: &FileIndex,
    packages: &[Package],
    caches: &Caches,
    errors: &mut Vec<ScanError>,
) -> Vec<PackageLicense> {
    let lock = LockfileLicenses::read(files, packages, errors);
    let installed = Installed::index(files, errors);
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for p in packages {
        if p.ecosystem == Ecosystem::GitHubActions {
            continue;
        }
        let key = (p.ecosystem, p.name.clone(), p.version.clone());
        if seen.insert(key, ()).is_some() {
            continue;
        }
        let mut entry = PackageLicense {
            ecosystem: p.ecosystem.as_str().to_string(),
            name: p.name.clone(),
            version: p.version.clone(),
            license: None,
            source: None,
            invalid: None,
            text_present: None,
            found_at: match p.source.line {
                Some(l) => format!("{}:{l}", p.source.path),
                None => p.source.path.clone(),
            },
        };
        let found = lock
            .get(p)
            .or_else(|| installed.lookup(files, p, errors))
            .or_else(|| from_caches(p, caches, errors));
        if let Some((raw, source, text_present)) = found {
            set(&mut entry, &raw, source);
            entry.text_present = text_present;
        }
        out.push(entry);
    }
    out.sort_by(|a, b| {
        (&a.ecosystem, &a.name, &a.version).cmp(&(&b.ecosystem, &b.name, &b.version))
    });
    out
}

/// Records `raw` as the package's licence, normalised, or as invalid.
pub fn set(entry: &mut PackageLicense, raw: &str, source: String) {
    match expression::parse(raw) {
        Ok(e) => {
            entry.license = Some(e.text);
            entry.invalid = None;
        }
        Err(e) => {
            entry.license = None;
            entry.invalid = Some(e.input);
        }
    }
    entry.source = Some(source);
}

type Found = (String, String, Option<bool>);

/// Licences recorded in lockfiles, keyed by (ecosystem, name, version).
struct LockfileLicenses(HashMap<(Ecosystem, String, String), (String, String)>);

impl LockfileLicenses {
    fn read(files: &FileIndex, packages: &[Package], errors: &mut Vec<ScanError>) -> Self {
        let mut map = HashMap::new();
        let mut lockfiles: Vec<&str> = packages
            .iter()
            .map(|p| p.source.path.as_str())
            .filter(|p| p.ends_with("package-lock.json") || p.ends_with("composer.lock"))
            .collect();
        lockfiles.sort();
        lockfiles.dedup();
        for rel in lockfiles {
            let bytes = match read_capped(files.root(), rel, files.max_file_size()) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(ScanError::new(rel, format!("licences not read: {e}")));
                    continue;
                }
            };
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                // The inventory analyzer reports the parse error with its line.
                continue;
            };
            if rel.ends_with("package-lock.json") {
                if let Some(pkgs) = v.get("packages").and_then(|p| p.as_object()) {
                    for (key, meta) in pkgs {
                        let Some(lic) = license_field(meta.get("license")) else {
                            continue;
                        };
                        let name = meta
                            .get("name")
                            .and_then(|n| n.as_str())
                            .map(String::from)
                            .or_else(|| key.rsplit("node_modules/").next().map(String::from))
                            .unwrap_or_default();
                        let version = meta
                            .get("version")
                            .and_then(|n| n.as_str())
                            .unwrap_or_default()
                            .to_string();
                        map.insert(
                            (Ecosystem::Npm, name, version),
                            (lic, format!("{rel} ({key})")),
                        );
                    }
                }
            } else {
                for section in ["packages", "packages-dev"] {
                    for meta in v
                        .get(section)
                        .and_then(|p| p.as_array())
                        .into_iter()
                        .flatten()
                    {
                        let Some(lic) = license_field(meta.get("license")) else {
                            continue;
                        };
                        let name = meta.get("name").and_then(|n| n.as_str()).unwrap_or("");
                        let version = meta
                            .get("version")
                            .and_then(|n| n.as_str())
                            .unwrap_or("")
                            .trim_start_matches('v');
                        map.insert(
                            (Ecosystem::Packagist, name.to_string(), version.to_string()),
                            (lic, rel.to_string()),
                        );
                    }
                }
            }
        }
        LockfileLicenses(map)
    }

    fn get(&self, p: &Package) -> Option<Found> {
        let v = p.version.trim_start_matches('v').to_string();
        self.0
            .get(&(p.ecosystem, p.name.clone(), p.version.clone()))
            .or_else(|| self.0.get(&(p.ecosystem, p.name.clone(), v)))
            .map(|(l, s)| (l.clone(), s.clone(), None))
    }
}

/// A `license` field of package.json / composer.json shapes: a string, an array of ids
/// (alternatives), or the legacy `{ "type": … }` object / `licenses` array.
pub fn license_field(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Array(a) => any_of(
            a.iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(String::from)
                        .or_else(|| x.get("type").and_then(|t| t.as_str()).map(String::from))
                })
                .collect(),
        ),
        serde_json::Value::Object(o) => o.get("type").and_then(|t| t.as_str()).map(String::from),
        _ => None,
    }
}

/// Alternatives a package offers (`["MIT", "Apache-2.0"]`): one id as is, several as a
/// parenthesised `OR`; `None` when there is none.
pub fn any_of(mut ids: Vec<String>) -> Option<String> {
    match ids.len() {
        0 => None,
        1 => ids.pop(),
        _ => Some(format!("({})", ids.join(" OR "))),
    }
}

/// Installed package metadata inside the scanned tree.
#[derive(Default)]
struct Installed {
    /// npm package name → `node_modules/.../package.json` paths.
    npm: HashMap<String, Vec<String>>,
    /// normalised Python name → `*.dist-info` directories.
    python: HashMap<String, Vec<String>>,
    /// Go module path → `vendor/<module>` directory.
    go_vendor: HashMap<String, String>,
    /// Every file path, to find licence texts beside a manifest.
    dirs_with_license: HashMap<String, bool>,
}

fn is_license_file(name: &str) -> bool {
    let u = name.to_ascii_uppercase();
    u.starts_with("LICENSE") || u.starts_with("LICENCE") || u.starts_with("COPYING")
}

impl Installed {
    fn index(files: &FileIndex, errors: &mut Vec<ScanError>) -> Self {
        let mut ix = Installed::default();
        let root = files.root();
        // node_modules and site-packages are usually git-ignored and so not in the file
        // index: walk them directly, bounded, without following symlinks.
        let mut stack: Vec<(PathBuf, String, usize)> = vec![(root.to_path_buf(), String::new(), 0)];
        let mut budget = MAX_WALK;
        while let Some((dir, rel, depth)) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    // Never a silent skip: the scan is incomplete and says where it stopped.
                    errors.push(ScanError::new(
                        "",
                        format!(
                            "installed package metadata: the walk stopped after {MAX_WALK} \
                             entries at {}; licences of installed packages beyond it were not read",
                            dir.display()
                        ),
                    ));
                    return ix;
                }
                let Ok(ft) = e.file_type() else { continue };
                let name = e.file_name().to_string_lossy().into_owned();
                let child_rel = if rel.is_empty() {
                    name.clone()
                } else {
                    format!("{rel}/{name}")
                };
                if ft.is_symlink() {
                    continue;
                }
                if ft.is_file() {
                    if is_license_file(&name) {
                        ix.dirs_with_license.insert(rel.clone(), true);
                    }
                    if name == "package.json"
                        && let Some(pkg) = rel.rsplit_once("node_modules/").map(|x| x.1)
                    {
                        ix.npm.entry(pkg.to_string()).or_default().push(child_rel);
                    }
                    continue;
                }
                if !ft.is_dir() || depth > 12 || name == ".git" {
                    continue;
                }
                if rel.ends_with("site-packages")
                    && let Some(stem) = name.strip_suffix(".dist-info")
                {
                    let pkg = stem.split('-').next().unwrap_or(stem);
                    ix.python
                        .entry(pep503(pkg))
                        .or_default()
                        .push(child_rel.clone());
                }
                if rel == "vendor" || rel.starts_with("vendor/") {
                    let module = child_rel.trim_start_matches("vendor/").to_string();
                    ix.go_vendor.insert(module, child_rel.clone());
                }
                stack.push((e.path(), child_rel, depth + 1));
            }
        }
        ix
    }

    fn lookup(&self, files: &FileIndex, p: &Package, errors: &mut Vec<ScanError>) -> Option<Found> {
        let root = files.root();
        match p.ecosystem {
            Ecosystem::Npm => {
                for rel in self.npm.get(&p.name)? {
                    let Ok(bytes) = read_capped(root, rel, MAX_META) else {
                        continue;
                    };
                    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                        errors.push(ScanError::new(rel.as_str(), "not valid JSON"));
                        continue;
                    };
                    if v.get("version").and_then(|x| x.as_str()) != Some(p.version.as_str()) {
                        continue;
                    }
                    let lic = license_field(v.get("license"))
                        .or_else(|| license_field(v.get("licenses")))?;
                    let dir = rel.trim_end_matches("/package.json");
                    let text = self.dirs_with_license.contains_key(dir);
                    return Some((lic, rel.clone(), Some(text)));
                }
                None
            }
            Ecosystem::PyPI => {
                for dir in self.python.get(&pep503(&p.name))? {
                    let meta = format!("{dir}/METADATA");
                    let Ok(bytes) = read_capped(root, &meta, MAX_META) else {
                        continue;
                    };
                    let text = String::from_utf8_lossy(&bytes);
                    let (version, lic) = python_metadata(&text);
                    if version.as_deref() != Some(p.version.as_str()) {
                        continue;
                    }
                    let has_text = self.dirs_with_license.contains_key(dir.as_str())
                        || self
                            .dirs_with_license
                            .keys()
                            .any(|k| k.starts_with(&format!("{dir}/")));
                    return lic.map(|l| (l, meta, Some(has_text)));
                }
                None
            }
            Ecosystem::Go => {
                let dir = self.go_vendor.get(&p.name)?;
                license_text_in(&root.join(dir), dir).map(|(l, s)| (l, s, Some(true)))
            }
            _ => None,
        }
    }
}

/// `Version` and the licence of a Python core-metadata file: `License-Expression` (PEP
/// 639) first, then classifiers, then a short `License` field.
pub fn python_metadata(text: &str) -> (Option<String>, Option<String>) {
    let mut version = None;
    let mut expr = None;
    let mut license = None;
    let mut classifiers = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            break; // the body (description) starts after the first blank line
        }
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim();
            match k {
                "Version" => version = Some(v.to_string()),
                "License-Expression" => expr = Some(v.to_string()),
                "License" if !v.is_empty() && v.len() < 100 && v != "UNKNOWN" => {
                    license = Some(v.to_string())
                }
                "Classifier" if v.starts_with("License ::") && expression::parse(v).is_ok() => {
                    classifiers.push(v.to_string())
                }
                _ => {}
            }
        }
    }
    let from_classifiers = if classifiers.len() > 1 {
        any_of(
            classifiers
                .iter()
                .filter_map(|c| expression::parse(c).ok().map(|e| e.text))
                .collect(),
        )
    } else {
        classifiers.pop()
    };
    (version, expr.or(from_classifiers).or(license))
}

/// The licence of a directory from its licence file's full text.
fn license_text_in(dir: &Path, shown: &str) -> Option<(String, String)> {
    let rd = std::fs::read_dir(dir).ok()?;
    let mut names: Vec<String> = rd
        .flatten()
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_license_file(n))
        .collect();
    names.sort();
    let mut ids = Vec::new();
    for n in &names {
        let Ok(bytes) = read_capped(dir, n, MAX_META) else {
            continue;
        };
        for f in identify::identify(&String::from_utf8_lossy(&bytes)) {
            if f.is_exact() {
                ids.push(f.id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    let expr = match ids.len() {
        0 => return None,
        1 => ids.remove(0),
        _ => format!("({})", ids.join(" AND ")),
    };
    Some((expr, format!("{shown}/{} (licence text)", names.join(", "))))
}

fn from_caches(p: &Package, caches: &Caches, errors: &mut Vec<ScanError>) -> Option<Found> {
    match p.ecosystem {
        Ecosystem::CratesIo => {
            let src = caches.cargo_registry_src.as_ref()?;
            let dirname = format!("{}-{}", p.name, p.version);
            for reg in std::fs::read_dir(src).ok()?.flatten() {
                let dir = reg.path().join(&dirname);
                if !dir.is_dir() {
                    continue;
                }
                let manifest = match read_capped(&dir, "Cargo.toml", MAX_META) {
                    Ok(b) => b,
                    Err(e) => {
                        errors.push(ScanError::new(
                            dir.join("Cargo.toml").display().to_string(),
                            format!("licence not read: {e}"),
                        ));
                        continue;
                    }
                };
                let text = String::from_utf8_lossy(&manifest);
                let table: toml::Table = text.parse().ok()?;
                let package = table.get("package")?;
                let shown = dir.join("Cargo.toml").display().to_string();
                let has_text = std::fs::read_dir(&dir)
                    .ok()
                    .map(|rd| {
                        rd.flatten()
                            .any(|e| is_license_file(&e.file_name().to_string_lossy()))
                    })
                    .unwrap_or(false);
                if let Some(l) = package.get("license").and_then(|l| l.as_str()) {
                    return Some((l.to_string(), shown, Some(has_text)));
                }
                if let Some(f) = package.get("license-file").and_then(|l| l.as_str())
                    && let Ok(bytes) = read_capped(&dir, f, MAX_META)
                    && let Some(best) = identify::identify(&String::from_utf8_lossy(&bytes))
                        .into_iter()
                        .find(|i| i.is_exact())
                {
                    return Some((best.id, format!("{}/{f}", dir.display()), Some(true)));
                }
            }
            None
        }
        Ecosystem::Go => {
            let cache = caches.go_mod_cache.as_ref()?;
            // Module paths are case-encoded in the cache: `!x` for an upper-case `X`.
            let escaped: String = p
                .name
                .chars()
                .flat_map(|c| {
                    if c.is_ascii_uppercase() {
                        vec!['!', c.to_ascii_lowercase()]
                    } else {
                        vec![c]
                    }
                })
                .collect();
            let version = if p.version.starts_with('v') {
                p.version.clone()
            } else {
                format!("v{}", p.version)
            };
            let dir = cache.join(format!("{escaped}@{version}"));
            license_text_in(&dir, &dir.display().to_string()).map(|(l, s)| (l, s, Some(true)))
        }
        _ => None,
    }
}
