//! Discovery: walks the [`FileIndex`], picks the files the parser registry knows, reads
//! each with a size cap and collects packages, sources, parse errors and issues.

use crate::model::{Inventory, Issue, SourceFile};
use crate::parsers::{self, ParseInput};
use trustward_core::ScanError;
use trustward_core::files::{FileIndex, ReadError};

/// Directories skipped unless [`DiscoverOptions::include_vendored`] is set.
pub const VENDORED_DIRS: [&str; 4] = ["node_modules", "vendor", "target", ".git"];

/// Options for [`discover`].
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also read `node_modules/`, `vendor/`, `target/` trees.
    pub include_vendored: bool,
    /// Size cap for one file (`[inventory] max_file_size`); `None` keeps the cap of the
    /// [`FileIndex`] (256 MiB by default).
    pub max_file_size: Option<u64>,
}

impl DiscoverOptions {
    /// The options every command and analyzer uses: `[inventory]` settings from the
    /// configuration plus the `--include-vendored` flag, so all of them read the same files.
    pub fn from_config(
        config: &trustward_core::Config,
        include_vendored: bool,
    ) -> Result<Self, trustward_core::ConfigError> {
        let settings: crate::analyzer::Settings = config.analyzer_settings("inventory")?;
        Ok(DiscoverOptions {
            include_vendored,
            max_file_size: settings.max_file_size,
        })
    }
}

/// What discovery found: the inventory plus what the parsers noticed for the analyzer.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Packages, sources and errors.
    pub inventory: Inventory,
    /// Unpinned, git, http, direct-reference lines seen while parsing.
    pub issues: Vec<Issue>,
    /// Files skipped on purpose (size cap), with the reason.
    pub skipped: Vec<ScanError>,
}

/// Whether `rel` lies under a vendored directory.
pub fn is_vendored(rel: &str) -> bool {
    let mut comps: Vec<&str> = rel.split('/').collect();
    comps.pop();
    comps.iter().any(|c| VENDORED_DIRS.contains(c))
}

/// Finds and parses every supported lockfile in `files`.
pub fn discover(files: &FileIndex, opts: &DiscoverOptions) -> Inventory {
    discover_all(files, opts).inventory
}

/// Like [`discover`], also returning the parsers' issues and skipped files.
pub fn discover_all(files: &FileIndex, opts: &DiscoverOptions) -> Discovery {
    let mut out = Discovery::default();
    let cap = opts.max_file_size.unwrap_or(files.max_file_size());
    for entry in files.entries() {
        let Some(parser) = parsers::find_path(&entry.rel, files.is_single_file()) else {
            continue;
        };
        if !opts.include_vendored && !files.is_single_file() && is_vendored(&entry.rel) {
            continue;
        }
        let text = match read_text(files, &entry.rel, cap) {
            Ok(t) => t,
            Err(e @ ReadError::TooLarge { .. }) => {
                out.skipped.push(ScanError::new(&entry.rel, e.to_string()));
                out.inventory
                    .errors
                    .push(ScanError::new(&entry.rel, e.to_string()));
                continue;
            }
            Err(e) => {
                out.inventory
                    .errors
                    .push(ScanError::new(&entry.rel, e.to_string()));
                continue;
            }
        };
        let read_other = |rel: &str| -> Result<String, String> {
            read_text(files, rel, cap).map_err(|e| e.to_string())
        };
        let input = ParseInput {
            path: &entry.rel,
            text: &text,
            read: Some(&read_other),
        };
        match (parser.parse)(&input) {
            Ok(parsed) => {
                out.inventory.sources.push(SourceFile {
                    path: entry.rel.clone(),
                    format: parsed.format,
                    packages: parsed.packages.len(),
                });
                out.inventory.packages.extend(parsed.packages);
                out.issues.extend(parsed.issues);
                for (line, msg) in parsed.errors {
                    out.inventory
                        .errors
                        .push(ScanError::new(at(&entry.rel, line), msg));
                }
            }
            Err(e) => out.inventory.errors.push(ScanError::new(
                at(&entry.rel, e.line),
                format!("cannot parse {}: {}", parser.format, e.message),
            )),
        }
    }
    out.inventory.packages.sort();
    out.inventory.packages.dedup();
    out.inventory.errors.sort();
    out.issues.sort();
    out.issues.dedup();
    out
}

/// `path:line` when the line is known.
pub fn at(path: &str, line: Option<u32>) -> String {
    match line {
        Some(l) => format!("{path}:{l}"),
        None => path.to_string(),
    }
}

fn read_text(files: &FileIndex, rel: &str, cap: u64) -> Result<String, ReadError> {
    let bytes = trustward_core::files::read_capped(files.root(), rel, cap)?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored() {
        assert!(is_vendored("node_modules/x/package-lock.json"));
        assert!(is_vendored("a/vendor/b/Cargo.lock"));
        assert!(!is_vendored("Cargo.lock"));
        assert!(!is_vendored("src/targets/Cargo.lock"));
    }
}
