//! `db update`: download `<mirror>/<Ecosystem>/all.zip` for each ecosystem (HTTP(S) or
//! `file://`), check each is a readable zip, import all of them into a staging copy of
//! the database and swap it in. Any failure leaves the previous database as it was.

use crate::import::{ImportError, ImportOptions, Importer};
use crate::store::{EcosystemMeta, StoreError};
use crate::txn::Transaction;
use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The public OSV export bucket.
pub const DEFAULT_MIRROR: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// What to update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Base URL: `https://…`, `http://…` or `file:///path`.
    pub mirror: String,
    /// OSV ecosystem names (base, no suffix).
    pub ecosystems: Vec<String>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Whole-download timeout per file.
    pub download_timeout: Duration,
    /// Largest download accepted.
    pub max_download_bytes: u64,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            mirror: DEFAULT_MIRROR.to_string(),
            ecosystems: Vec::new(),
            connect_timeout: Duration::from_secs(30),
            download_timeout: Duration::from_secs(15 * 60),
            max_download_bytes: 2 << 30,
        }
    }
}

/// Why an update failed (the previous database is intact).
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// A download failed.
    #[error("cannot download {url}: {reason}")]
    Download {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// A downloaded file could not be imported (corrupt or truncated zip …).
    #[error("{url}: {source}")]
    Import {
        /// The URL it came from.
        url: String,
        /// The import error.
        source: ImportError,
    },
    /// The database could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Nothing to do.
    #[error("no ecosystem to update (give --ecosystem NAME or --all)")]
    Nothing,
}

/// The URL of one ecosystem's `all.zip` under `mirror`.
pub fn zip_url(mirror: &str, ecosystem: &str) -> String {
    let enc: String = ecosystem
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{}/{enc}/all.zip", mirror.trim_end_matches('/'))
}

/// Downloads and imports every requested ecosystem, then swaps the database in.
pub fn update(db: &Path, opts: &UpdateOptions) -> Result<Vec<EcosystemMeta>, UpdateError> {
    let ecos: BTreeSet<String> = opts.ecosystems.iter().cloned().collect();
    if ecos.is_empty() {
        return Err(UpdateError::Nothing);
    }
    let tx = Transaction::begin(db)?;
    let downloads = tx.staging().join(".downloads");
    fs::create_dir_all(&downloads).map_err(|e| StoreError::io(&downloads, e))?;
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_global(Some(opts.download_timeout))
        .build()
        .new_agent();
    let mut metas = Vec::new();
    for (i, eco) in ecos.iter().enumerate() {
        let (label, file) = if let Some(path) = opts.mirror.strip_prefix("file://") {
            let p = PathBuf::from(path).join(eco).join("all.zip");
            (format!("file://{}", p.display()), p)
        } else {
            let url = zip_url(&opts.mirror, eco);
            let dest = downloads.join(format!("{i}.zip"));
            download(&agent, &url, &dest, opts.max_download_bytes)?;
            (url, dest)
        };
        if !file.is_file() {
            return Err(UpdateError::Download {
                url: label,
                reason: "no such file".into(),
            });
        }
        let import_opts = ImportOptions {
            ecosystems: Some(BTreeSet::from([eco.clone()])),
            ..ImportOptions::default()
        };
        let report = Importer::run(tx.staging(), &file, &label, import_opts).map_err(|e| {
            UpdateError::Import {
                url: label.clone(),
                source: e,
            }
        })?;
        metas.extend(report.ecosystems);
        if file.starts_with(&downloads) {
            let _ = fs::remove_file(&file);
        }
    }
    let _ = fs::remove_dir_all(&downloads);
    tx.commit()?;
    Ok(metas)
}

/// Fetches `url` into `dest` with a size cap; an HTTP error status, a short body or a
/// timeout is an error naming the URL.
pub fn download(agent: &ureq::Agent, url: &str, dest: &Path, cap: u64) -> Result<(), UpdateError> {
    let fail = |reason: String| UpdateError::Download {
        url: url.to_string(),
        reason,
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(fail(
            "only http://, https:// and file:// mirrors are supported".into(),
        ));
    }
    let mut resp = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    let expected = resp.body().content_length();
    if let Some(n) = expected
        && n > cap
    {
        return Err(fail(format!("{n} bytes is more than the {cap}-byte limit")));
    }
    let mut reader = resp.body_mut().with_config().limit(cap).reader();
    let mut out = fs::File::create(dest).map_err(|e| StoreError::io(dest, e))?;
    let mut buf = vec![0u8; 256 << 10];
    let mut total: u64 = 0;
    loop {
        let n = reader.read(&mut buf).map_err(|e| fail(e.to_string()))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        out.write_all(buf.get(..n).unwrap_or_default())
            .map_err(|e| StoreError::io(dest, e))?;
    }
    out.flush().map_err(|e| StoreError::io(dest, e))?;
    if let Some(n) = expected
        && n != total
    {
        return Err(fail(format!(
            "truncated response: {total} of {n} bytes received"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_ecosystem_names() {
        assert_eq!(
            zip_url("https://m.example/", "GitHub Actions"),
            "https://m.example/GitHub%20Actions/all.zip"
        );
        assert_eq!(
            zip_url("http://127.0.0.1:1", "crates.io"),
            "http://127.0.0.1:1/crates.io/all.zip"
        );
    }
}
