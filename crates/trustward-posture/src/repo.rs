//! The view of the scanned repository the checks share: file look-ups by the
//! case-insensitive names policy files go by, reads that turn failures into
//! [`ScanError`]s, the anchor for repository-level findings, and the clock.

use crate::settings::PostureSettings;
use trustward_core::files::{FileEntry, FileIndex};
use trustward_core::{AnalyzerOutput, Location, ScanError};

/// Largest policy file read (GitHub caps CODEOWNERS at 3 MB; the others are far smaller).
pub const MAX_POLICY_FILE: u64 = 4 * 1024 * 1024;

/// What every check is given.
pub struct Repo<'a> {
    /// The scanned files.
    pub files: &'a FileIndex,
    /// The `[posture]` settings.
    pub settings: &'a PostureSettings,
    /// "Now", for date checks (security.txt `Expires`).
    pub now: jiff::Timestamp,
}

impl<'a> Repo<'a> {
    /// Files directly in directory `dir` (`""` for the root) whose lowercase name
    /// satisfies `pred`, sorted by path.
    pub fn in_dir(&self, dir: &str, pred: impl Fn(&str) -> bool) -> Vec<&'a FileEntry> {
        self.files
            .entries()
            .iter()
            .filter(|e| parent(&e.rel) == dir && pred(&e.name().to_ascii_lowercase()))
            .collect()
    }

    /// Files anywhere under directory `dir` (`dir` without a trailing slash).
    pub fn under(&self, dir: &str) -> Vec<&'a FileEntry> {
        let prefix = format!("{dir}/");
        let entries = self.files.entries();
        // Entries are sorted by path, so the ones under `dir/` are contiguous.
        let start = entries.partition_point(|e| e.rel.as_str() < prefix.as_str());
        entries
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|e| e.rel.starts_with(&prefix))
            .collect()
    }

    /// Files under any directory whose path matches `dir` case-insensitively.
    pub fn under_ci(&self, dir: &str) -> Vec<&'a FileEntry> {
        let prefix = format!("{}/", dir.to_ascii_lowercase());
        self.files
            .entries()
            .iter()
            .filter(|e| e.rel.to_ascii_lowercase().starts_with(&prefix))
            .collect()
    }

    /// Where a repository-level finding (a missing file) points: the root README if
    /// there is one (SARIF needs a file), else the root itself.
    pub fn anchor(&self) -> Location {
        let readmes = self.in_dir("", |n| n == "readme" || n.starts_with("readme."));
        let best = readmes
            .iter()
            .find(|e| e.name().eq_ignore_ascii_case("README.md"))
            .or_else(|| readmes.first());
        Location::file(best.map_or(".", |e| e.rel.as_str()))
    }

    /// Reads a file as text; a failure (unreadable, not UTF-8, larger than
    /// [`MAX_POLICY_FILE`]) becomes a [`ScanError`] in `out` and `None`.
    pub fn read_text(&self, rel: &str, out: &mut AnalyzerOutput) -> Option<String> {
        if let Some(e) = self.files.get(rel)
            && e.size > MAX_POLICY_FILE
        {
            out.errors.push(ScanError::new(
                rel,
                format!(
                    "skipped: {} bytes is over the {MAX_POLICY_FILE}-byte limit for a policy file",
                    e.size
                ),
            ));
            return None;
        }
        match self.files.read_text(rel) {
            Ok(t) => Some(t),
            Err(e) => {
                out.errors.push(ScanError::new(rel, e.to_string()));
                None
            }
        }
    }
}

impl Repo<'_> {
    /// Reads and parses a JSON file; a failure becomes a [`ScanError`] at `path:line`.
    pub fn read_json(&self, rel: &str, out: &mut AnalyzerOutput) -> Option<serde_json::Value> {
        let text = self.read_text(rel, out)?;
        match serde_json::from_str(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                out.errors.push(ScanError::new(
                    format!("{rel}:{}", e.line()),
                    format!("not valid JSON: {e}"),
                ));
                None
            }
        }
    }

    /// Reads and parses a TOML file; a failure becomes a [`ScanError`] at `path:line`.
    pub fn read_toml(&self, rel: &str, out: &mut AnalyzerOutput) -> Option<toml::Table> {
        let text = self.read_text(rel, out)?;
        match text.parse::<toml::Table>() {
            Ok(v) => Some(v),
            Err(e) => {
                let path = match e.span() {
                    Some(span) => {
                        let (line, _) = trustward_core::config::line_col(&text, span.start);
                        format!("{rel}:{line}")
                    }
                    None => rel.to_string(),
                };
                out.errors.push(ScanError::new(
                    path,
                    format!("not valid TOML: {}", e.message().trim()),
                ));
                None
            }
        }
    }
}

/// The directory part of a relative path (`""` at the root).
pub fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The part of a file name before its first dot (`changelog` in `changelog.md`).
pub fn stem(name: &str) -> &str {
    name.split_once('.').map_or(name, |(s, _)| s)
}

/// 1-based character column of byte offset `off` in `line`.
pub fn column(line: &str, off: usize) -> u32 {
    let off = line.floor_char_boundary(off.min(line.len()));
    u32::try_from(line[..off].chars().count() + 1).unwrap_or(u32::MAX)
}

/// 1-based line number from a 0-based index.
pub fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}
