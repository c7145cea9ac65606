//! Baselines: a file of fingerprints of accepted findings, written by
//! `trustward baseline write` and read by `--baseline`, so a project can adopt the gate
//! without fixing its whole history first.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// Cap on the bytes read from a baseline file (64 MiB: about half a million findings).
pub const MAX_BASELINE_SIZE: u64 = 64 * 1024 * 1024;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Its rule (for humans reading the file).
    pub rule: String,
    /// Its path (for humans reading the file).
    #[serde(default)]
    pub path: Option<String>,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub schema_version: u32,
    /// Recorded findings, sorted.
    pub findings: Vec<BaselineEntry>,
    #[serde(skip)]
    index: BTreeSet<String>,
}

/// A baseline that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct BaselineError {
    /// The file.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl Baseline {
    /// A baseline of every given finding (suppressed or not).
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.id.to_string(),
                path: f.location.path.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup();
        let index = entries.iter().map(|e| e.fingerprint.clone()).collect();
        Baseline {
            schema_version: 1,
            findings: entries,
            index,
        }
    }

    /// Whether a fingerprint is recorded.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.index.contains(fingerprint)
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError {
            path: path.display().to_string(),
            message,
        };
        let text = crate::files::read_user_text(path, MAX_BASELINE_SIZE)
            .map_err(|e| err(format!("cannot read baseline: {e}")))?;
        let mut b: Baseline = serde_json::from_str(&text).map_err(|e| {
            err(format!(
                "line {} column {}: not a trustward baseline: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if b.schema_version != 1 {
            return Err(err(format!(
                "unsupported baseline schema_version {} (this trustward writes 1)",
                b.schema_version
            )));
        }
        b.index = b.findings.iter().map(|e| e.fingerprint.clone()).collect();
        Ok(b)
    }

    /// The baseline as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serializes");
        s.push('\n');
        s
    }
}
