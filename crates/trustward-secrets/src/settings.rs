//! The `[secrets]` table of `trustward.toml`.

use crate::allow::Allowlist;
use serde::Deserialize;
use std::path::PathBuf;

/// Default cap on a file or blob scanned (bytes): larger ones are skipped and counted.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 25 * 1024 * 1024;

/// `[secrets]` settings; every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Files and blobs larger than this many bytes are skipped (counted in a warning).
    pub max_file_size: Option<u64>,
    /// A gitleaks configuration to load (relative to the scanned root).
    pub gitleaks_config: Option<PathBuf>,
    /// Regexes on paths whose findings are not reported.
    pub allow_paths: Vec<String>,
    /// Regexes on secrets that are not reported.
    pub allow_regexes: Vec<String>,
    /// Words: a secret containing one (case-insensitively) is not reported.
    pub stopwords: Vec<String>,
    /// Commits whose findings are not reported (history scans).
    pub allow_commits: Vec<String>,
    /// Scan inside archives (default true).
    pub archives: Option<bool>,
    /// How deep archives nested in archives are opened (default 3).
    pub archive_max_depth: Option<u32>,
    /// Entries read per top-level archive, nested ones included (default 10000).
    pub archive_max_entries: Option<u64>,
    /// Bytes expanded per top-level archive (default 256 MiB).
    pub archive_max_size: Option<u64>,
}

impl Settings {
    /// The size cap in force.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// The global allowlist these settings describe; an invalid regex is an error naming it.
    pub fn allowlist(&self) -> Result<Allowlist, String> {
        let paths = self
            .allow_paths
            .iter()
            .map(|p| regex::Regex::new(p).map_err(|e| format!("[secrets] allow_paths: `{p}`: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let regexes = self
            .allow_regexes
            .iter()
            .map(|p| {
                regex::bytes::Regex::new(p)
                    .map_err(|e| format!("[secrets] allow_regexes: `{p}`: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Allowlist {
            paths,
            regexes,
            stopwords: self.stopwords.iter().map(|s| s.to_lowercase()).collect(),
            commits: self.allow_commits.clone(),
            ..Default::default()
        })
    }
}
