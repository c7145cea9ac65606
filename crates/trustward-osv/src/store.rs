//! The on-disk database: one directory per ecosystem holding
//!
//! - `index.json`: normalised package name → the byte span of its affected entries in
//!   `entries.json`, and a table of advisories giving each one's byte span in
//!   `records.bin`;
//! - `entries.json`: per package name, a JSON array of the affected entries that name
//!   it, with their ranges and `versions` lists pre-extracted (read per matched name);
//! - `records.bin`: the original records' bytes, concatenated, read only for advisories
//!   that matched;
//! - `meta.json`: counts, import time, source, sha256, skipped records with reasons.
//!
//! A database directory also has `trustward-db.json` naming the format version. Only
//! the ecosystems a scan needs are loaded.

use crate::ecosystem::store_dir_name;
use crate::model::Advisory;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The format version written into `trustward-db.json`.
pub const FORMAT_VERSION: u32 = 2;
/// The marker file that makes a directory a trustward database.
pub const MARKER: &str = "trustward-db.json";
/// Largest `index.json` read (guards against a corrupted or hostile database).
const MAX_INDEX_BYTES: u64 = 4 << 30;
/// Largest single advisory record read back.
pub const MAX_RECORD_BYTES: u64 = 16 << 20;

/// Errors reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A file of the database is not what trustward wrote.
    #[error("{path}: corrupt database file: {reason} (run `trustward db update` to rebuild)")]
    Corrupt {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The kind of an indexed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeKind {
    /// `SEMVER`: ordered by SemVer 2.0 whatever the ecosystem.
    #[serde(rename = "S")]
    Semver,
    /// `ECOSYSTEM`: ordered by the ecosystem's own scheme.
    #[serde(rename = "E")]
    Ecosystem,
}

/// One range event, kept as the advisory spells its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexEvent {
    /// `introduced`.
    #[serde(rename = "i")]
    Introduced(String),
    /// `fixed`.
    #[serde(rename = "f")]
    Fixed(String),
    /// `last_affected`.
    #[serde(rename = "l")]
    LastAffected(String),
    /// `limit`.
    #[serde(rename = "x")]
    Limit(String),
}

/// A `SEMVER` or `ECOSYSTEM` range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexRange {
    /// Ordering to use.
    #[serde(rename = "k")]
    pub kind: RangeKind,
    /// Events in record order.
    #[serde(rename = "e")]
    pub events: Vec<IndexEvent>,
}

/// One `affected[]` entry of one advisory for one package name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Index into [`EcosystemIndex::advisories`].
    #[serde(rename = "a")]
    pub advisory: u32,
    /// The ecosystem suffix (`12` in `Debian:12`).
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// The package name as the advisory spells it.
    #[serde(rename = "n")]
    pub name: String,
    /// Ranges of type `SEMVER` or `ECOSYSTEM`.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<IndexRange>,
    /// Explicit affected versions.
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// RustSec `informational` kind, when set.
    #[serde(rename = "info", default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
}

/// Where an advisory's full record is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisoryRef {
    /// The id.
    pub id: String,
    /// Byte offset in `records.bin`.
    #[serde(rename = "o")]
    pub offset: u64,
    /// Byte length.
    #[serde(rename = "l")]
    pub len: u64,
}

/// `index.json`: what is read when an ecosystem is opened.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexFile {
    /// Advisories by position.
    pub advisories: Vec<AdvisoryRef>,
    /// Normalised package name → (offset, length) of its entries in `entries.json`.
    pub names: BTreeMap<String, (u64, u64)>,
}

/// An ecosystem's index as the importer builds it in memory.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EcosystemIndex {
    /// Advisories by position.
    pub advisories: Vec<AdvisoryRef>,
    /// Normalised package name → entries.
    pub packages: BTreeMap<String, Vec<IndexEntry>>,
}

/// A record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The record's id or its file name in the source.
    pub record: String,
    /// Why it was skipped.
    pub reason: String,
}

/// `meta.json` of one ecosystem.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EcosystemMeta {
    /// OSV ecosystem name (base, no suffix).
    pub ecosystem: String,
    /// Advisories indexed (withdrawn ones excluded).
    pub advisories: u64,
    /// Distinct package names.
    pub packages: u64,
    /// Withdrawn advisories left out of matching.
    pub withdrawn: u64,
    /// `GIT` ranges skipped (not applicable to registry packages).
    pub git_ranges_skipped: u64,
    /// Records that could not be imported.
    pub skipped_count: u64,
    /// The first skipped records with reasons (at most 1,000).
    pub skipped: Vec<Skipped>,
    /// When imported (RFC 3339, UTC).
    pub imported_at: String,
    /// Where from (URL or path).
    pub source: String,
    /// SHA-256 of the downloaded or imported zip, when the source was one.
    pub sha256: Option<String>,
    /// Format version.
    pub format: u32,
}

impl EcosystemMeta {
    /// Whole days since the import (`None` if `imported_at` does not parse).
    pub fn age_days(&self) -> Option<i64> {
        let t: jiff::Timestamp = self.imported_at.parse().ok()?;
        Some((jiff::Timestamp::now().as_second() - t.as_second()).div_euclid(86_400))
    }
}

/// Entries of one package name, shared between lookups.
pub type Entries = std::sync::Arc<Vec<IndexEntry>>;

/// A loaded ecosystem store.
#[derive(Debug)]
pub struct EcosystemStore {
    /// The directory.
    pub dir: PathBuf,
    /// Its index.
    pub index: IndexFile,
    /// `records.bin`, opened on first use and kept open.
    records: std::sync::Mutex<Option<fs::File>>,
    /// `entries.json`, opened on first use and kept open.
    entries_file: std::sync::Mutex<Option<fs::File>>,
    /// Entries already read, by normalised name.
    cache: std::sync::Mutex<std::collections::HashMap<String, Entries>>,
}

/// Reads `len` bytes at `offset` of the file in `slot` (opening `path` on first use).
fn read_span(
    slot: &std::sync::Mutex<Option<fs::File>>,
    path: &Path,
    offset: u64,
    len: u64,
) -> Result<Vec<u8>, StoreError> {
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut guard = slot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if guard.is_none() {
        *guard = Some(fs::File::open(path).map_err(|e| StoreError::io(path, e))?);
    }
    let Some(f) = guard.as_mut() else {
        return Err(StoreError::io(path, std::io::Error::other("not open")));
    };
    f.seek(SeekFrom::Start(offset))
        .map_err(|e| StoreError::io(path, e))?;
    f.take(len)
        .read_to_end(&mut buf)
        .map_err(|e| StoreError::io(path, e))?;
    if buf.len() as u64 != len {
        return Err(StoreError::Corrupt {
            path: path.display().to_string(),
            reason: format!("short read at {offset}"),
        });
    }
    Ok(buf)
}

/// The parts of a record a finding shows (everything but `affected`, which the index
/// already holds): parsing only these keeps matching cheap on records with long
/// `versions` lists.
#[derive(Deserialize)]
struct Head {
    id: String,
    #[serde(default)]
    modified: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    details: Option<String>,
    #[serde(default)]
    severity: Vec<crate::model::SeverityEntry>,
    #[serde(default)]
    references: Vec<crate::model::Reference>,
    #[serde(default)]
    database_specific: Option<serde_json::Value>,
}

impl EcosystemStore {
    /// The affected entries indexed under normalised name `key` (empty if none).
    pub fn entries(&self, key: &str) -> Result<Entries, StoreError> {
        let Some(&(offset, len)) = self.index.names.get(key) else {
            return Ok(Entries::default());
        };
        {
            let cache = self
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(e) = cache.get(key) {
                return Ok(e.clone());
            }
        }
        let path = self.dir.join("entries.json");
        if len > MAX_RECORD_BYTES * 4 {
            return Err(StoreError::Corrupt {
                path: path.display().to_string(),
                reason: format!("entries of `{key}` are larger than 64 MiB"),
            });
        }
        let buf = read_span(&self.entries_file, &path, offset, len)?;
        let list: Vec<IndexEntry> =
            serde_json::from_slice(&buf).map_err(|e| StoreError::Corrupt {
                path: path.display().to_string(),
                reason: format!("entries of `{key}`: {e}"),
            })?;
        let list = Entries::new(list);
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key.to_string(), list.clone());
        Ok(list)
    }

    /// Reads one advisory's record, without its `affected` list (see [`Head`]).
    pub fn advisory(&self, idx: u32) -> Result<Advisory, StoreError> {
        let path = self.dir.join("records.bin");
        let Some(r) = self.index.advisories.get(idx as usize) else {
            return Err(StoreError::Corrupt {
                path: self.dir.join("index.json").display().to_string(),
                reason: format!("advisory #{idx} out of range"),
            });
        };
        if r.len > MAX_RECORD_BYTES {
            return Err(StoreError::Corrupt {
                path: path.display().to_string(),
                reason: format!("record {} is larger than 16 MiB", r.id),
            });
        }
        let buf = read_span(&self.records, &path, r.offset, r.len)?;
        let h: Head = serde_json::from_slice(&buf).map_err(|e| StoreError::Corrupt {
            path: path.display().to_string(),
            reason: format!("record {}: {e}", r.id),
        })?;
        Ok(Advisory {
            id: h.id,
            modified: h.modified,
            withdrawn: h.withdrawn,
            aliases: h.aliases,
            related: h.related,
            summary: h.summary,
            details: h.details,
            severity: h.severity,
            affected: Vec::new(),
            references: h.references,
            database_specific: h.database_specific,
        })
    }
}

/// A database directory.
#[derive(Debug, Clone)]
pub struct Database {
    root: PathBuf,
}

impl Database {
    /// The database at `root`, if one exists there (its marker file is present).
    pub fn open(root: &Path) -> Option<Database> {
        root.join(MARKER).is_file().then(|| Database {
            root: root.to_path_buf(),
        })
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of ecosystem `base`.
    pub fn ecosystem_dir(&self, base: &str) -> PathBuf {
        self.root.join(store_dir_name(base))
    }

    /// `meta.json` of every ecosystem present, sorted by name.
    pub fn status(&self) -> Result<Vec<EcosystemMeta>, StoreError> {
        let mut out = Vec::new();
        let rd = fs::read_dir(&self.root).map_err(|e| StoreError::io(&self.root, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| StoreError::io(&self.root, e))?;
            let meta_path = entry.path().join("meta.json");
            if meta_path.is_file() {
                out.push(read_meta(&meta_path)?);
            }
        }
        out.sort_by(|a, b| a.ecosystem.cmp(&b.ecosystem));
        Ok(out)
    }

    /// `meta.json` of ecosystem `base`, if it was imported.
    pub fn meta(&self, base: &str) -> Result<Option<EcosystemMeta>, StoreError> {
        let p = self.ecosystem_dir(base).join("meta.json");
        if !p.is_file() {
            return Ok(None);
        }
        read_meta(&p).map(Some)
    }

    /// Loads ecosystem `base`, if it was imported.
    pub fn load(&self, base: &str) -> Result<Option<EcosystemStore>, StoreError> {
        let dir = self.ecosystem_dir(base);
        let path = dir.join("index.json");
        if !path.is_file() {
            return Ok(None);
        }
        let bytes = read_capped(&path, MAX_INDEX_BYTES)?;
        let index: IndexFile = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(Some(EcosystemStore {
            dir,
            index,
            records: std::sync::Mutex::new(None),
            entries_file: std::sync::Mutex::new(None),
            cache: std::sync::Mutex::new(std::collections::HashMap::new()),
        }))
    }
}

fn read_meta(path: &Path) -> Result<EcosystemMeta, StoreError> {
    let bytes = read_capped(path, 64 << 20)?;
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, StoreError> {
    let f = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut buf = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| StoreError::io(path, e))?;
    if buf.len() as u64 > cap {
        return Err(StoreError::Corrupt {
            path: path.display().to_string(),
            reason: format!("larger than {cap} bytes"),
        });
    }
    Ok(buf)
}

/// The default database directory: `$XDG_CACHE_HOME/trustward/db`, else
/// `~/.cache/trustward/db` (`%LOCALAPPDATA%\trustward\db` on Windows).
pub fn default_db_path() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = env("XDG_CACHE_HOME") {
        return x.join("trustward").join("db");
    }
    if cfg!(windows)
        && let Some(l) = env("LOCALAPPDATA")
    {
        return l.join("trustward").join("db");
    }
    if let Some(h) = env("HOME") {
        return h.join(".cache").join("trustward").join("db");
    }
    PathBuf::from(".trustward-db")
}
