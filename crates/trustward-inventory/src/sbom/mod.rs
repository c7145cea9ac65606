//! SBOM writers (CycloneDX 1.6, SPDX 2.3) and readers: turn an [`Inventory`] into a bill of
//! materials and read one back into packages.
//!
//! Layout: [`meta`] holds what both writers share (options, timestamp, serial numbers,
//! merging duplicate packages); [`cyclonedx`] and [`spdx`] each write and read one
//! standard; this module detects which standard a document is.

pub mod cyclonedx;
pub mod meta;
pub mod spdx;

pub use meta::SbomOptions;

use crate::model::Inventory;
use crate::parsers::{ParseError, ParseInput, Parsed};

/// The SBOM standards trustward writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// CycloneDX 1.6 JSON.
    CycloneDx,
    /// SPDX 2.3 JSON.
    Spdx,
}

/// Why an SBOM could not be read at all (problems with single entries are
/// [`Inventory::errors`] instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SbomError {
    /// Not JSON.
    #[error("{path}:{line}: not valid JSON: {message}")]
    Json {
        /// File.
        path: String,
        /// 1-based line of the syntax error.
        line: usize,
        /// serde_json's message.
        message: String,
    },
    /// JSON, but neither CycloneDX nor SPDX.
    #[error(
        "{0}: neither a CycloneDX (`bomFormat: CycloneDX`) nor an SPDX (`spdxVersion`) JSON document"
    )]
    UnknownFormat(String),
}

/// Writes `inventory` as `standard` JSON (pretty-printed, ending in a newline).
pub fn write(inventory: &Inventory, standard: Standard, opts: &SbomOptions) -> String {
    write_checked(inventory, standard, opts).0
}

/// [`write`], also returning one warning per value left out because the schema would not
/// accept it (a hash that is not a digest, a purl that is not a package URL).
pub fn write_checked(
    inventory: &Inventory,
    standard: Standard,
    opts: &SbomOptions,
) -> (String, Vec<String>) {
    match standard {
        Standard::CycloneDx => cyclonedx::write_checked(inventory, opts),
        Standard::Spdx => spdx::write_checked(inventory, opts),
    }
}

/// Which standard a JSON document is, judged by its content.
pub fn detect(value: &serde_json::Value) -> Option<Standard> {
    if value.get("bomFormat").and_then(|v| v.as_str()) == Some("CycloneDX") {
        Some(Standard::CycloneDx)
    } else if value
        .get("spdxVersion")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v.starts_with("SPDX-"))
    {
        Some(Standard::Spdx)
    } else {
        None
    }
}

/// Reads a CycloneDX (1.4–1.6) or SPDX 2.3 JSON document into an inventory: packages come
/// from purls (the ecosystem from the purl type); entries without a usable purl are
/// reported in [`Inventory::errors`] with `path:line`. `path` is used for sources and
/// messages.
pub fn read(path: &str, text: &str) -> Result<Inventory, SbomError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| SbomError::Json {
        path: path.to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    match detect(&value) {
        Some(Standard::CycloneDx) => Ok(cyclonedx::read(path, text, &value)),
        Some(Standard::Spdx) => Ok(spdx::read(path, text, &value)),
        None => Err(SbomError::UnknownFormat(path.to_string())),
    }
}

/// Whether a file name is one trustward reads as an SBOM when it is given as the single
/// PATH: `bom.json`, `*.cdx.json`, `*.spdx.json` (also `sbom.json`, `*.bom.json`).
pub fn is_sbom_file_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "bom.json"
        || n == "sbom.json"
        || n.ends_with(".cdx.json")
        || n.ends_with(".bom.json")
        || n.ends_with(".spdx.json")
}

/// Registry-style entry point: reads an SBOM file as if it were a lockfile.
pub fn parse_entry(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let inv = read(input.path, input.text).map_err(|e| {
        let line = match &e {
            SbomError::Json { line, .. } => u32::try_from(*line).ok(),
            SbomError::UnknownFormat(_) => Some(1),
        };
        let message = match e {
            SbomError::Json { message, .. } => format!("not valid JSON: {message}"),
            SbomError::UnknownFormat(_) => {
                "neither a CycloneDX nor an SPDX JSON document".to_string()
            }
        };
        ParseError::at(line, message)
    })?;
    let prefix = format!("{}:", input.path);
    Ok(Parsed {
        format: inv
            .sources
            .first()
            .map(|s| s.format.clone())
            .unwrap_or_else(|| "SBOM".into()),
        packages: inv.packages,
        issues: Vec::new(),
        errors: inv
            .errors
            .into_iter()
            .map(|e| {
                let line = e
                    .path
                    .strip_prefix(&prefix)
                    .and_then(|l| l.parse::<u32>().ok());
                (line, e.message)
            })
            .collect(),
    })
}
