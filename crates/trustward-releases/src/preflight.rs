//! `preflight`: what users would download. Lists the files of a release artifact
//! (`.crate`, npm `.tgz`, `.whl`, sdist `.tar.gz`, `.zip`, `.jar`) read in memory, never
//! extracted, and flags what should not be published: secrets (the secrets engine),
//! sensitive files, symbolic/hard links and absolute or `..` paths, install-time code,
//! large files and native executables, and (given the repository) files that are not in
//! the project's git index.

use crate::{Error, Result};
use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::Path;
use trustward_secrets::archive::{Limits, kind_of};
use trustward_secrets::engine::Engine;
use trustward_secrets::scan::Scanner;

/// How serious a flag is: errors make `preflight` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Must not be published.
    Error,
    /// Review before publishing.
    Warning,
}

/// One thing to look at in an artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Error or warning.
    pub level: Level,
    /// Short kind: `secret`, `sensitive-file`, `unsafe-path`, `link`, `install-time-code`,
    /// `large-file`, `executable`, `not-in-repository`.
    pub kind: &'static str,
    /// The entry (`artifact!entry`).
    pub path: String,
    /// Why.
    pub message: String,
}

/// The kind of an archive entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link to the target.
    Symlink(String),
    /// A hard link to the target.
    Hardlink(String),
    /// Device, FIFO or anything else.
    Other,
}

/// One entry of an artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as stored (lossy UTF-8).
    pub path: String,
    /// Its size in bytes (as the header says).
    pub size: u64,
    /// What it is.
    pub kind: EntryKind,
}

/// The package format of an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Cargo `.crate`.
    Crate,
    /// An npm tarball (`package/…`).
    Npm,
    /// A Python sdist (`name-version/PKG-INFO`).
    Sdist,
    /// A Python wheel.
    Wheel,
    /// A Java archive.
    Jar,
    /// Any other zip or tarball.
    Generic,
}

impl Format {
    /// Human name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Crate => "Cargo crate",
            Format::Npm => "npm package",
            Format::Sdist => "Python sdist",
            Format::Wheel => "Python wheel",
            Format::Jar => "Java archive",
            Format::Generic => "archive",
        }
    }
}

/// Options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this are flagged.
    pub large_file: u64,
    /// Largest artifact read.
    pub max_artifact: u64,
    /// Paths tracked in the project's git index, when `--repo` is given.
    pub repo_files: Option<BTreeSet<String>>,
    /// Print secrets unredacted.
    pub show_secrets: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            large_file: 10 * 1024 * 1024,
            max_artifact: 512 * 1024 * 1024,
            repo_files: None,
            show_secrets: false,
        }
    }
}

/// What preflight found in one artifact.
#[derive(Debug, Clone)]
pub struct Report {
    /// The artifact's path.
    pub artifact: String,
    /// Its format.
    pub format: Format,
    /// Every entry, in archive order.
    pub entries: Vec<Entry>,
    /// What to look at, sorted.
    pub flags: Vec<Flag>,
    /// What could not be read (never passed silently).
    pub errors: Vec<String>,
}

/// The git index's paths under `repo`.
pub fn repo_files(repo: &Path) -> Result<BTreeSet<String>> {
    let shown = repo.display().to_string();
    let r = gix::open(repo)
        .map_err(|e| Error::malformed(&shown, format!("not a git repository: {e}")))?;
    let index = r
        .index_or_empty()
        .map_err(|e| Error::malformed(&shown, format!("cannot read the git index: {e}")))?;
    Ok(index
        .entries()
        .iter()
        .map(|e| e.path(&index).to_string())
        .collect())
}

const LARGEST_KEPT: u64 = 1024 * 1024;

/// Lists entries; keeps the bytes of small files the checks read (manifests, `.pth`,
/// key-like files) and the first bytes of every file (magic numbers).
struct Listing {
    entries: Vec<Entry>,
    kept: Vec<(String, Vec<u8>)>,
    magic: Vec<(String, [u8; 4])>,
}

fn wants_content(path: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    matches!(base, "package.json" | "Cargo.toml")
        || base.ends_with(".pth")
        || base.ends_with(".pem")
        || base.ends_with(".key")
}

fn list_tar(data: &[u8], gz: bool, limits: &Limits) -> std::result::Result<Listing, String> {
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(data))
    } else {
        Box::new(data)
    };
    let mut ar = tar::Archive::new(reader);
    let mut out = Listing {
        entries: Vec::new(),
        kept: Vec::new(),
        magic: Vec::new(),
    };
    let mut total: u64 = 0;
    let entries = ar
        .entries()
        .map_err(|e| format!("not a readable tar archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("not a readable tar archive: {e}"))?;
        if out.entries.len() as u64 >= limits.max_entries {
            return Err(format!(
                "more than {} entries: the rest was not listed",
                limits.max_entries
            ));
        }
        let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let size = entry.header().size().unwrap_or(0);
        let et = entry.header().entry_type();
        let link = || {
            entry
                .link_name_bytes()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        let kind = if et.is_file() {
            EntryKind::File
        } else if et.is_dir() {
            EntryKind::Dir
        } else if et.is_symlink() {
            EntryKind::Symlink(link())
        } else if et.is_hard_link() {
            EntryKind::Hardlink(link())
        } else if et.is_pax_global_extensions()
            || et.is_pax_local_extensions()
            || et.is_gnu_longname()
            || et.is_gnu_longlink()
        {
            continue;
        } else {
            EntryKind::Other
        };
        if kind == EntryKind::File {
            let keep = wants_content(&path) && size <= LARGEST_KEPT;
            let want = if keep { size } else { 4.min(size) };
            let mut buf = Vec::new();
            (&mut entry)
                .take(want)
                .read_to_end(&mut buf)
                .map_err(|e| format!("{path}: cannot read: {e}"))?;
            total = total.saturating_add(size);
            if total > limits.max_size {
                return Err(format!(
                    "expands to more than {} bytes (possible decompression bomb): the rest was not listed",
                    limits.max_size
                ));
            }
            if buf.len() >= 4 {
                out.magic
                    .push((path.clone(), [buf[0], buf[1], buf[2], buf[3]]));
            }
            if keep {
                out.kept.push((path.clone(), buf));
            }
        }
        out.entries.push(Entry { path, size, kind });
    }
    Ok(out)
}

fn list_zip(data: &[u8], limits: &Limits) -> std::result::Result<Listing, String> {
    let mut z = zip::ZipArchive::new(Cursor::new(data))
        .map_err(|e| format!("not a readable zip archive: {e}"))?;
    let mut out = Listing {
        entries: Vec::new(),
        kept: Vec::new(),
        magic: Vec::new(),
    };
    if z.len() as u64 > limits.max_entries {
        return Err(format!(
            "more than {} entries: not listed",
            limits.max_entries
        ));
    }
    let mut total: u64 = 0;
    for i in 0..z.len() {
        let (path, size, kind) = {
            let f = z
                .by_index_raw(i)
                .map_err(|e| format!("entry {i}: not readable: {e}"))?;
            let path = String::from_utf8_lossy(f.name_raw()).into_owned();
            let kind = if f.is_symlink() {
                EntryKind::Symlink(String::new())
            } else if f.is_dir() {
                EntryKind::Dir
            } else {
                EntryKind::File
            };
            (path, f.size(), kind)
        };
        if kind == EntryKind::File {
            total = total.saturating_add(size);
            if total > limits.max_size {
                return Err(format!(
                    "expands to more than {} bytes (possible zip bomb): the rest was not listed",
                    limits.max_size
                ));
            }
            let keep = wants_content(&path) && size <= LARGEST_KEPT;
            let want = if keep { size } else { 4.min(size) };
            let mut buf = Vec::new();
            let f = z
                .by_index(i)
                .map_err(|e| format!("{path}: cannot read: {e}"))?;
            f.take(want)
                .read_to_end(&mut buf)
                .map_err(|e| format!("{path}: cannot read: {e}"))?;
            if buf.len() >= 4 {
                out.magic
                    .push((path.clone(), [buf[0], buf[1], buf[2], buf[3]]));
            }
            if keep {
                out.kept.push((path.clone(), buf));
            }
        }
        let kind = match kind {
            EntryKind::Symlink(_) => {
                let mut target = Vec::new();
                if let Ok(f) = z.by_index(i) {
                    let _ = f.take(4096).read_to_end(&mut target);
                }
                EntryKind::Symlink(String::from_utf8_lossy(&target).into_owned())
            }
            k => k,
        };
        out.entries.push(Entry { path, size, kind });
    }
    Ok(out)
}

fn format_of(name: &str, entries: &[Entry]) -> Format {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".crate") {
        Format::Crate
    } else if lower.ends_with(".whl") {
        Format::Wheel
    } else if lower.ends_with(".jar") {
        Format::Jar
    } else if entries.iter().any(|e| e.path == "package/package.json") {
        Format::Npm
    } else if entries
        .iter()
        .any(|e| e.path.matches('/').count() == 1 && e.path.ends_with("/PKG-INFO"))
    {
        Format::Sdist
    } else {
        Format::Generic
    }
}

/// The path inside the package's root (without `package/` or `name-version/`).
fn inner_path(format: Format, path: &str) -> String {
    let p = path.trim_start_matches("./");
    match format {
        Format::Crate | Format::Npm | Format::Sdist => {
            p.split_once('/').map(|(_, r)| r).unwrap_or(p).to_string()
        }
        _ => p.to_string(),
    }
}

fn is_unsafe_path(p: &str) -> bool {
    p.starts_with('/')
        || p.starts_with('\\')
        || p.as_bytes().get(1) == Some(&b':')
        || p.split(['/', '\\']).any(|c| c == "..")
}

/// Sensitive file names: the reason, if `inner` is one.
fn sensitive(inner: &str, content: Option<&[u8]>) -> Option<&'static str> {
    let lower = inner.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    let base = *parts.last()?;
    if parts[..parts.len() - 1]
        .iter()
        .any(|c| matches!(*c, ".git" | ".hg" | ".svn"))
        || matches!(base, ".git")
    {
        return Some("version-control metadata (history, possibly credentials in .git/config)");
    }
    if base == ".env"
        || (base.starts_with(".env.")
            && !matches!(
                base,
                ".env.example" | ".env.sample" | ".env.template" | ".env.dist"
            ))
    {
        return Some("environment file (usually holds credentials)");
    }
    match base {
        ".npmrc" => return Some("npm configuration (may hold a registry auth token)"),
        ".pypirc" => return Some("PyPI upload configuration (may hold a password or token)"),
        ".netrc" | "_netrc" => return Some("netrc (machine passwords)"),
        ".git-credentials" => return Some("git credential store"),
        ".dockercfg" | ".htpasswd" | ".vault-token" | "kubeconfig" => {
            return Some("credential file");
        }
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" => return Some("SSH private key"),
        "credentials" if parts.len() >= 2 && parts[parts.len() - 2] == ".aws" => {
            return Some("AWS credentials");
        }
        "config.json" if parts.len() >= 2 && parts[parts.len() - 2] == ".docker" => {
            return Some("Docker registry credentials");
        }
        "config" if parts.len() >= 2 && parts[parts.len() - 2] == ".kube" => {
            return Some("Kubernetes credentials");
        }
        _ => {}
    }
    if base.ends_with(".tfstate") || base.ends_with(".tfstate.backup") {
        return Some("Terraform state (holds secrets in clear)");
    }
    if [".p12", ".pfx", ".jks", ".keystore", ".gpg", ".asc.key"]
        .iter()
        .any(|s| base.ends_with(s))
    {
        return Some("key store or private key file");
    }
    if (base.ends_with(".pem") || base.ends_with(".key"))
        && content.is_none_or(|c| c.windows(11).any(|w| w == b"PRIVATE KEY"))
    {
        return Some("private key");
    }
    None
}

fn executable_magic(m: &[u8; 4]) -> bool {
    m == b"\x7fELF"
        || &m[..2] == b"MZ"
        || matches!(
            m,
            [0xfe, 0xed, 0xfa, 0xce]
                | [0xfe, 0xed, 0xfa, 0xcf]
                | [0xce, 0xfa, 0xed, 0xfe]
                | [0xcf, 0xfa, 0xed, 0xfe]
        )
}

/// Generated by the packaging tool, never in the repository.
fn generated(format: Format, inner: &str) -> bool {
    match format {
        Format::Crate => matches!(
            inner,
            "Cargo.toml" | "Cargo.toml.orig" | ".cargo_vcs_info.json" | "Cargo.lock"
        ),
        Format::Npm => inner == "package.json",
        Format::Sdist => {
            inner == "PKG-INFO" || inner == "setup.cfg" || inner.contains(".egg-info/")
        }
        _ => false,
    }
}

/// Checks one artifact.
pub fn check_artifact(path: &Path, opts: &Options) -> Result<Report> {
    let shown = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let Some(kind) = kind_of(&name) else {
        return Err(Error::malformed(
            &shown,
            "not a known artifact (.crate, .tgz, .tar.gz, .whl, .zip, .jar)",
        ));
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, &e))?;
    if meta.len() > opts.max_artifact {
        return Err(Error::malformed(
            &shown,
            format!("larger than {} bytes: not read", opts.max_artifact),
        ));
    }
    let data = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
    let limits = Limits::default();
    let mut errors = Vec::new();
    let listing = match kind {
        trustward_secrets::archive::Kind::Zip => list_zip(&data, &limits),
        trustward_secrets::archive::Kind::Tar => list_tar(&data, false, &limits),
        trustward_secrets::archive::Kind::TarGz => list_tar(&data, true, &limits),
    };
    let listing = match listing {
        Ok(l) => l,
        Err(e) => {
            errors.push(format!("{shown}: {e}"));
            Listing {
                entries: Vec::new(),
                kept: Vec::new(),
                magic: Vec::new(),
            }
        }
    };
    let format = format_of(&name, &listing.entries);
    let mut flags = Vec::new();
    let at = |p: &str| format!("{shown}!{p}");
    let content_of = |p: &str| {
        listing
            .kept
            .iter()
            .find(|(k, _)| k == p)
            .map(|(_, c)| c.as_slice())
    };
    for e in &listing.entries {
        if is_unsafe_path(&e.path) {
            flags.push(Flag {
                level: Level::Error,
                kind: "unsafe-path",
                path: at(&e.path),
                message: "absolute or `..` path: extracting it writes outside the destination"
                    .into(),
            });
        }
        match &e.kind {
            EntryKind::Symlink(t) | EntryKind::Hardlink(t) => {
                let what = if matches!(e.kind, EntryKind::Symlink(_)) {
                    "symbolic link"
                } else {
                    "hard link"
                };
                let escapes = is_unsafe_path(t);
                flags.push(Flag {
                    level: if escapes {
                        Level::Error
                    } else {
                        Level::Warning
                    },
                    kind: "link",
                    path: at(&e.path),
                    message: if escapes {
                        format!("{what} to `{t}`, outside the package (not followed)")
                    } else {
                        format!("{what} to `{t}` (not followed; some installers reject links)")
                    },
                });
            }
            EntryKind::Other => flags.push(Flag {
                level: Level::Error,
                kind: "unsafe-path",
                path: at(&e.path),
                message: "device, FIFO or other special file".into(),
            }),
            _ => {}
        }
        if e.kind != EntryKind::File {
            continue;
        }
        let inner = inner_path(format, &e.path);
        if let Some(why) = sensitive(&inner, content_of(&e.path)) {
            flags.push(Flag {
                level: Level::Error,
                kind: "sensitive-file",
                path: at(&e.path),
                message: format!("{why}: should not be published"),
            });
        }
        if e.size > opts.large_file {
            flags.push(Flag {
                level: Level::Warning,
                kind: "large-file",
                path: at(&e.path),
                message: format!(
                    "{} bytes (over {}): is it meant to ship?",
                    e.size, opts.large_file
                ),
            });
        }
        if let Some(files) = &opts.repo_files
            && matches!(format, Format::Crate | Format::Npm | Format::Sdist)
            && !generated(format, &inner)
            && !files.contains(&inner)
        {
            flags.push(Flag {
                level: Level::Error,
                kind: "not-in-repository",
                path: at(&e.path),
                message: format!(
                    "`{inner}` is not in the repository's git index: built, generated or local file?"
                ),
            });
        }
        // Install-time code.
        let install = match format {
            Format::Crate if inner == "build.rs" => {
                Some("build script: runs on every machine that compiles the crate")
            }
            Format::Sdist if inner == "setup.py" => Some(
                "setup.py: runs when pip builds this sdist (any platform without a matching wheel)",
            ),
            Format::Npm if inner == "binding.gyp" => {
                Some("binding.gyp: npm runs `node-gyp rebuild` at install time")
            }
            Format::Wheel if inner.ends_with(".pth") && !inner.contains('/') => {
                Some(".pth file: its `import` lines run at every Python start-up")
            }
            _ => None,
        };
        if let Some(why) = install {
            flags.push(Flag {
                level: Level::Warning,
                kind: "install-time-code",
                path: at(&e.path),
                message: why.into(),
            });
        }
        if format == Format::Npm
            && inner == "package.json"
            && let Some(c) = content_of(&e.path)
        {
            match serde_json::from_slice::<serde_json::Value>(c) {
                Ok(v) => {
                    for hook in ["preinstall", "install", "postinstall"] {
                        if let Some(cmd) = v
                            .get("scripts")
                            .and_then(|s| s.get(hook))
                            .and_then(|s| s.as_str())
                        {
                            flags.push(Flag {
                                level: Level::Warning,
                                kind: "install-time-code",
                                path: at(&e.path),
                                message: format!(
                                    "`{hook}` script runs on every install: {}",
                                    crate::escape(cmd)
                                ),
                            });
                        }
                    }
                }
                Err(err) => errors.push(format!("{}: not valid JSON: {err}", at(&e.path))),
            }
        }
    }
    for (p, m) in &listing.magic {
        let is_class = format == Format::Jar && m == &[0xca, 0xfe, 0xba, 0xbe];
        if !is_class && executable_magic(m) {
            flags.push(Flag {
                level: Level::Warning,
                kind: "executable",
                path: at(p),
                message: "native executable or library (ELF, PE or Mach-O): built from the published sources?".into(),
            });
        }
    }
    // Secrets, with the secrets engine (which opens the archive itself, with its limits).
    let engine = Engine::new(Engine::builtin(|_| false), Vec::new());
    let scanner = Scanner::new(engine, opts.show_secrets, limits.max_size);
    let mut scan_errors = Vec::new();
    for hit in scanner.scan_named(&shown, &data, None, &mut scan_errors) {
        if let Some(f) = scanner.finding(&hit) {
            let line = if hit.m.line > 0 {
                format!(":{}", hit.m.line)
            } else {
                String::new()
            };
            flags.push(Flag {
                level: Level::Error,
                kind: "secret",
                path: format!("{}{line}", hit.path),
                message: f.message.clone(),
            });
        }
    }
    for e in scan_errors {
        errors.push(format!("{}: {}", e.path, e.message));
    }
    flags.sort_by(|a, b| (a.level, &a.path, a.kind).cmp(&(b.level, &b.path, b.kind)));
    flags.dedup();
    Ok(Report {
        artifact: shown,
        format,
        entries: listing.entries,
        flags,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_sensitive_names() {
        assert!(is_unsafe_path("../x"));
        assert!(is_unsafe_path("/etc/passwd"));
        assert!(is_unsafe_path("a/../../b"));
        assert!(!is_unsafe_path("a/b..c"));
        assert!(sensitive(".env", None).is_some());
        assert!(sensitive("config/.env.production", None).is_some());
        assert!(sensitive(".env.example", None).is_none());
        assert!(sensitive("src/.git/config", None).is_some());
        assert!(sensitive("certs/server.pem", Some(b"-----BEGIN CERTIFICATE-----")).is_none());
        assert!(sensitive("certs/server.pem", Some(b"-----BEGIN RSA PRIVATE KEY-----")).is_some());
        assert!(sensitive("README.md", None).is_none());
    }

    proptest::proptest! {
        #[test]
        fn listers_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let l = Limits::default();
            let _ = list_zip(&bytes, &l);
            let _ = list_tar(&bytes, true, &l);
            let _ = list_tar(&bytes, false, &l);
        }
    }
}
