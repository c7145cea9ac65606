//! Importing OSV records (an `all.zip`, a folder of `.json` files, or one `.json` file)
//! into per-ecosystem stores inside a directory. Records that cannot be used are counted
//! with a reason, never dropped silently; a damaged zip container is an error naming it.

use crate::ecosystem::{EcosystemName, normalize_name, store_dir_name};
use crate::model::Advisory;
use crate::store::{
    AdvisoryRef, EcosystemIndex, EcosystemMeta, FORMAT_VERSION, IndexEntry, IndexEvent, IndexFile,
    IndexRange, RangeKind, Skipped, StoreError,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Limits and filters for an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Only keep `affected` entries of these base ecosystems (`None`: all).
    pub ecosystems: Option<BTreeSet<String>>,
    /// Largest record accepted (uncompressed).
    pub max_record_bytes: u64,
    /// Largest total of uncompressed bytes read from one source (zip-bomb guard).
    pub max_total_bytes: u64,
    /// Most records read from one source.
    pub max_records: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            ecosystems: None,
            max_record_bytes: 8 << 20,
            max_total_bytes: 32 << 30,
            max_records: 20_000_000,
        }
    }
}

/// Why an import failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The source or the store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The zip container is damaged (truncated, bad central directory, CRC mismatch).
    #[error("{path}: not a readable zip archive: {reason}")]
    BadZip {
        /// The zip.
        path: String,
        /// Why.
        reason: String,
    },
    /// A size or count limit was exceeded.
    #[error("{path}: {reason}")]
    Limit {
        /// The source.
        path: String,
        /// Which limit.
        reason: String,
    },
}

/// What an import produced.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One `meta.json` per ecosystem written.
    pub ecosystems: Vec<EcosystemMeta>,
    /// Records that could not be attributed to any ecosystem (unparseable JSON …), with
    /// reasons; also copied into the meta of a single-ecosystem import.
    pub skipped: Vec<Skipped>,
    /// Records read.
    pub records: u64,
}

const MAX_SKIPPED_LISTED: usize = 1000;

/// Per-ecosystem store being written.
struct EcoBuilder {
    dir: PathBuf,
    blob: BufWriter<fs::File>,
    offset: u64,
    index: EcosystemIndex,
    seen: HashSet<String>,
    meta: EcosystemMeta,
}

impl EcoBuilder {
    fn new(
        dir: PathBuf,
        base: &str,
        source: &str,
        sha256: Option<String>,
    ) -> Result<Self, StoreError> {
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let blob_path = dir.join("records.bin");
        let blob = fs::File::create(&blob_path).map_err(|e| StoreError::io(&blob_path, e))?;
        Ok(EcoBuilder {
            dir,
            blob: BufWriter::new(blob),
            offset: 0,
            index: EcosystemIndex::default(),
            seen: HashSet::new(),
            meta: EcosystemMeta {
                ecosystem: base.to_string(),
                imported_at: jiff::Timestamp::now().to_string(),
                source: source.to_string(),
                sha256,
                format: FORMAT_VERSION,
                ..Default::default()
            },
        })
    }

    fn skip(&mut self, record: &str, reason: impl Into<String>) {
        self.meta.skipped_count += 1;
        if self.meta.skipped.len() < MAX_SKIPPED_LISTED {
            self.meta.skipped.push(Skipped {
                record: record.to_string(),
                reason: reason.into(),
            });
        }
    }

    fn finish(mut self) -> Result<EcosystemMeta, StoreError> {
        let blob_path = self.dir.join("records.bin");
        self.blob
            .flush()
            .map_err(|e| StoreError::io(&blob_path, e))?;
        self.meta.advisories = self.index.advisories.len() as u64;
        self.meta.packages = self.index.packages.len() as u64;
        let ep = self.dir.join("entries.json");
        let f = fs::File::create(&ep).map_err(|e| StoreError::io(&ep, e))?;
        let mut w = BufWriter::new(f);
        let mut file = IndexFile {
            advisories: std::mem::take(&mut self.index.advisories),
            names: BTreeMap::new(),
        };
        let mut offset = 0u64;
        for (name, entries) in std::mem::take(&mut self.index.packages) {
            let bytes = serde_json::to_vec(&entries)
                .map_err(|e| StoreError::io(&ep, std::io::Error::other(e)))?;
            w.write_all(&bytes).map_err(|e| StoreError::io(&ep, e))?;
            file.names.insert(name, (offset, bytes.len() as u64));
            offset += bytes.len() as u64;
        }
        w.flush().map_err(|e| StoreError::io(&ep, e))?;
        let ip = self.dir.join("index.json");
        let f = fs::File::create(&ip).map_err(|e| StoreError::io(&ip, e))?;
        let mut w = BufWriter::new(f);
        serde_json::to_writer(&mut w, &file)
            .map_err(|e| StoreError::io(&ip, std::io::Error::other(e)))?;
        w.flush().map_err(|e| StoreError::io(&ip, e))?;
        let mp = self.dir.join("meta.json");
        let text = serde_json::to_vec_pretty(&self.meta)
            .map_err(|e| StoreError::io(&mp, std::io::Error::other(e)))?;
        fs::write(&mp, text).map_err(|e| StoreError::io(&mp, e))?;
        Ok(self.meta)
    }
}

/// Writes ecosystem stores under `out_dir` from the records at `source`.
pub struct Importer {
    out_dir: PathBuf,
    opts: ImportOptions,
    source_label: String,
    sha256: Option<String>,
    builders: BTreeMap<String, EcoBuilder>,
    report: ImportReport,
    total_bytes: u64,
}

impl Importer {
    /// Imports `source` (zip, folder or JSON file) into `out_dir`; `label` is recorded as
    /// the source in `meta.json` (a URL for downloads). Every ecosystem found replaces
    /// any store of the same name in `out_dir`.
    pub fn run(
        out_dir: &Path,
        source: &Path,
        label: &str,
        opts: ImportOptions,
    ) -> Result<ImportReport, ImportError> {
        let mut imp = Importer {
            out_dir: out_dir.to_path_buf(),
            opts,
            source_label: label.to_string(),
            sha256: None,
            builders: BTreeMap::new(),
            report: ImportReport::default(),
            total_bytes: 0,
        };
        // Pre-create the stores of the requested ecosystems so an empty export still
        // replaces the old data and shows up in `db status`.
        if let Some(ecos) = imp.opts.ecosystems.clone() {
            for e in ecos {
                imp.builder(&e)?;
            }
        }
        let meta = fs::metadata(source).map_err(|e| StoreError::io(source, e))?;
        if meta.is_dir() {
            imp.import_dir(source)?;
        } else if is_zip(source)? {
            imp.sha256 = Some(sha256_file(source)?);
            for b in imp.builders.values_mut() {
                b.meta.sha256 = imp.sha256.clone();
            }
            imp.import_zip(source)?;
        } else {
            let bytes = read_file_capped(source, imp.opts.max_record_bytes)?;
            imp.record(&source.display().to_string(), &bytes)?;
        }
        imp.finish()
    }

    fn builder(&mut self, base: &str) -> Result<&mut EcoBuilder, StoreError> {
        if !self.builders.contains_key(base) {
            let dir = self.out_dir.join(store_dir_name(base));
            let b = EcoBuilder::new(dir, base, &self.source_label, self.sha256.clone())?;
            self.builders.insert(base.to_string(), b);
        }
        // The key was just inserted if missing.
        self.builders
            .get_mut(base)
            .ok_or_else(|| StoreError::io(&self.out_dir, std::io::Error::other("builder")))
    }

    fn count(&mut self, bytes: u64, path: &Path) -> Result<(), ImportError> {
        self.report.records += 1;
        self.total_bytes += bytes;
        if self.report.records > self.opts.max_records {
            return Err(ImportError::Limit {
                path: path.display().to_string(),
                reason: format!("more than {} records", self.opts.max_records),
            });
        }
        if self.total_bytes > self.opts.max_total_bytes {
            return Err(ImportError::Limit {
                path: path.display().to_string(),
                reason: format!(
                    "more than {} bytes of uncompressed records",
                    self.opts.max_total_bytes
                ),
            });
        }
        Ok(())
    }

    fn skip_unassigned(&mut self, record: &str, reason: impl Into<String>) {
        let reason = reason.into();
        if self.report.skipped.len() < MAX_SKIPPED_LISTED {
            self.report.skipped.push(Skipped {
                record: record.to_string(),
                reason: reason.clone(),
            });
        }
        // A single-ecosystem import owns its unattributable records.
        if self.builders.len() == 1
            && let Some(b) = self.builders.values_mut().next()
        {
            b.skip(record, reason);
        }
    }

    fn import_zip(&mut self, path: &Path) -> Result<(), ImportError> {
        let bad = |reason: String| ImportError::BadZip {
            path: path.display().to_string(),
            reason,
        };
        let f = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
        let mut zip =
            zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| bad(e.to_string()))?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_string();
            if !name.ends_with(".json") {
                self.skip_unassigned(&name, "not a .json entry");
                continue;
            }
            if entry.size() > self.opts.max_record_bytes {
                self.count(0, path)?;
                self.skip_unassigned(
                    &name,
                    format!("larger than {} bytes", self.opts.max_record_bytes),
                );
                continue;
            }
            let mut buf = Vec::with_capacity(entry.size() as usize);
            (&mut entry)
                .take(self.opts.max_record_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| bad(format!("entry {name}: {e}")))?;
            if buf.len() as u64 > self.opts.max_record_bytes {
                self.count(0, path)?;
                self.skip_unassigned(
                    &name,
                    format!("larger than {} bytes", self.opts.max_record_bytes),
                );
                continue;
            }
            drop(entry);
            self.count(buf.len() as u64, path)?;
            self.record(&name, &buf)?;
        }
        Ok(())
    }

    fn import_dir(&mut self, root: &Path) -> Result<(), ImportError> {
        let mut stack = vec![root.to_path_buf()];
        let mut files = Vec::new();
        while let Some(dir) = stack.pop() {
            let rd = fs::read_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
            for entry in rd {
                let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
                let ft = entry
                    .file_type()
                    .map_err(|e| StoreError::io(&entry.path(), e))?;
                let p = entry.path();
                if ft.is_dir() {
                    stack.push(p);
                } else if ft.is_file() && p.extension().is_some_and(|e| e == "json") {
                    files.push(p);
                }
            }
        }
        files.sort();
        for p in files {
            let rel = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            let len = fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            if len > self.opts.max_record_bytes {
                self.count(0, root)?;
                self.skip_unassigned(
                    &rel,
                    format!("larger than {} bytes", self.opts.max_record_bytes),
                );
                continue;
            }
            let bytes = read_file_capped(&p, self.opts.max_record_bytes)?;
            self.count(bytes.len() as u64, root)?;
            self.record(&rel, &bytes)?;
        }
        Ok(())
    }

    /// Parses and files one record.
    fn record(&mut self, name: &str, bytes: &[u8]) -> Result<(), ImportError> {
        let adv: Advisory = match serde_json::from_slice(bytes) {
            Ok(a) => a,
            Err(e) => {
                self.skip_unassigned(name, format!("invalid OSV JSON: {e}"));
                return Ok(());
            }
        };
        if adv.id.trim().is_empty() {
            self.skip_unassigned(name, "record has no `id`");
            return Ok(());
        }
        // Group this record's usable affected entries by base ecosystem.
        let mut per_eco: BTreeMap<String, Vec<IndexEntry>> = BTreeMap::new();
        let mut problems: Vec<String> = Vec::new();
        let mut git_per_eco: BTreeMap<String, u64> = BTreeMap::new();
        for (n, aff) in adv.affected.iter().enumerate() {
            let Some(pkg) = aff.package.as_ref() else {
                problems.push(format!("affected[{n}] has no package"));
                continue;
            };
            if pkg.ecosystem.trim().is_empty() || pkg.name.trim().is_empty() {
                problems.push(format!("affected[{n}] has no ecosystem or name"));
                continue;
            }
            let eco = EcosystemName::parse(&pkg.ecosystem);
            if let Some(filter) = &self.opts.ecosystems
                && !filter.contains(&eco.base)
            {
                continue;
            }
            let mut ranges = Vec::new();
            for r in &aff.ranges {
                let kind = match r.kind.as_str() {
                    "SEMVER" => RangeKind::Semver,
                    "ECOSYSTEM" => RangeKind::Ecosystem,
                    "GIT" => {
                        *git_per_eco.entry(eco.base.clone()).or_default() += 1;
                        continue;
                    }
                    other => {
                        problems.push(format!("affected[{n}]: unknown range type `{other}`"));
                        continue;
                    }
                };
                let mut events = Vec::with_capacity(r.events.len());
                for ev in &r.events {
                    let e = match (&ev.introduced, &ev.fixed, &ev.last_affected, &ev.limit) {
                        (Some(v), None, None, None) => IndexEvent::Introduced(v.clone()),
                        (None, Some(v), None, None) => IndexEvent::Fixed(v.clone()),
                        (None, None, Some(v), None) => IndexEvent::LastAffected(v.clone()),
                        (None, None, None, Some(v)) => IndexEvent::Limit(v.clone()),
                        _ => {
                            problems.push(format!(
                                "affected[{n}]: an event must set exactly one of introduced/fixed/last_affected/limit"
                            ));
                            continue;
                        }
                    };
                    events.push(e);
                }
                ranges.push(IndexRange { kind, events });
            }
            per_eco
                .entry(eco.base.clone())
                .or_default()
                .push(IndexEntry {
                    advisory: 0,
                    suffix: eco.suffix.clone(),
                    name: pkg.name.clone(),
                    ranges,
                    versions: aff.versions.clone(),
                    informational: aff.informational().map(str::to_string),
                });
        }
        for (base, n) in &git_per_eco {
            self.builder(base)?.meta.git_ranges_skipped += n;
        }
        if per_eco.is_empty() {
            if !problems.is_empty() {
                self.skip_unassigned(&adv.id, problems.join("; "));
            } else if self.opts.ecosystems.is_none() {
                self.skip_unassigned(&adv.id, "no affected package");
            }
            return Ok(());
        }
        for (base, mut entries) in per_eco {
            let b = self.builder(&base)?;
            for p in &problems {
                b.skip(&adv.id, format!("partly imported: {p}"));
            }
            if adv
                .withdrawn
                .as_deref()
                .is_some_and(|w| !w.trim().is_empty())
            {
                b.meta.withdrawn += 1;
                continue;
            }
            if !b.seen.insert(adv.id.clone()) {
                b.skip(&adv.id, "duplicate id in this source (first kept)");
                continue;
            }
            let idx = b.index.advisories.len() as u32;
            b.blob
                .write_all(bytes)
                .map_err(|e| StoreError::io(&b.dir, e))?;
            b.index.advisories.push(AdvisoryRef {
                id: adv.id.clone(),
                offset: b.offset,
                len: bytes.len() as u64,
            });
            b.offset += bytes.len() as u64;
            for e in &mut entries {
                e.advisory = idx;
            }
            for e in entries {
                let key = normalize_name(&base, &e.name);
                let list = b.index.packages.entry(key).or_default();
                list.push(e);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ImportReport, ImportError> {
        for (_, b) in std::mem::take(&mut self.builders) {
            self.report.ecosystems.push(b.finish()?);
        }
        Ok(self.report)
    }
}

/// Whether `path` starts with the zip local-header magic.
fn is_zip(path: &Path) -> Result<bool, StoreError> {
    let mut f = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut magic = [0u8; 4];
    let mut n = 0;
    while n < 4 {
        match f.read(&mut magic[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    Ok(n == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06"))
        .map(|z| z || path.extension().is_some_and(|e| e == "zip"))
}

fn read_file_capped(path: &Path, cap: u64) -> Result<Vec<u8>, StoreError> {
    let f = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut buf = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| StoreError::io(path, e))?;
    if buf.len() as u64 > cap {
        return Err(StoreError::io(
            path,
            std::io::Error::other(format!("larger than {cap} bytes")),
        ));
    }
    Ok(buf)
}

/// Lowercase hex SHA-256 of a file.
pub fn sha256_file(path: &Path) -> Result<String, StoreError> {
    let mut f = fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = f.read(&mut buf).map_err(|e| StoreError::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(buf.get(..n).unwrap_or_default());
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
