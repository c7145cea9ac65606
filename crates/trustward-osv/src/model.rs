//! The OSV schema (<https://ossf.github.io/osv-schema/>) as far as matching and reporting
//! need it. Deserialisation is lenient about fields trustward does not use, strict about
//! the ones it does: a record without an `id` is rejected by the importer.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One OSV advisory record.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Advisory {
    /// The advisory id (`GHSA-…`, `PYSEC-…`, `RUSTSEC-…`, `GO-…`, `MAL-…`).
    pub id: String,
    /// Last modification time (RFC 3339).
    #[serde(default)]
    pub modified: Option<String>,
    /// Set when the advisory was withdrawn; withdrawn advisories never match.
    #[serde(default)]
    pub withdrawn: Option<String>,
    /// Ids of the same vulnerability in other databases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Ids of related but different vulnerabilities (not merged).
    #[serde(default)]
    pub related: Vec<String>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer description (Markdown).
    #[serde(default)]
    pub details: Option<String>,
    /// Severity vectors.
    #[serde(default)]
    pub severity: Vec<SeverityEntry>,
    /// Affected packages.
    #[serde(default)]
    pub affected: Vec<Affected>,
    /// Links.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Database-specific data (GHSA `severity`, `cwe_ids`; RustSec `informational` …).
    #[serde(default)]
    pub database_specific: Option<Value>,
}

/// A `severity[]` entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct SeverityEntry {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu` …
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The vector or rating.
    #[serde(default)]
    pub score: String,
}

/// An `affected[]` entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Affected {
    /// The package.
    #[serde(default)]
    pub package: Option<AffectedPackage>,
    /// Version ranges.
    #[serde(default)]
    pub ranges: Vec<Range>,
    /// Explicit affected versions.
    #[serde(default)]
    pub versions: Vec<String>,
    /// Per-package severity (schema 1.6).
    #[serde(default)]
    pub severity: Vec<SeverityEntry>,
    /// Ecosystem-specific data.
    #[serde(default)]
    pub ecosystem_specific: Option<Value>,
    /// Database-specific data.
    #[serde(default)]
    pub database_specific: Option<Value>,
}

/// `affected[].package`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AffectedPackage {
    /// OSV ecosystem, possibly with a suffix (`Debian:12`).
    #[serde(default)]
    pub ecosystem: String,
    /// Package name as the ecosystem spells it.
    #[serde(default)]
    pub name: String,
    /// Package URL, when given.
    #[serde(default)]
    pub purl: Option<String>,
}

/// `affected[].ranges[]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Range {
    /// `SEMVER`, `ECOSYSTEM` or `GIT`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Repository for `GIT` ranges.
    #[serde(default)]
    pub repo: Option<String>,
    /// The events.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One range event: exactly one of the fields is set in a valid record.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Event {
    /// Version from which the package is affected (`"0"`: from the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<String>,
    /// First version no longer affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Last affected version (all later ones are not affected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    /// Upper limit of the range (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
}

/// A `references[]` entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Reference {
    /// `ADVISORY`, `WEB`, `FIX`, `PACKAGE` …
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The link.
    #[serde(default)]
    pub url: String,
}

impl Advisory {
    /// Whether this advisory reports malicious code rather than a vulnerability: a `MAL-`
    /// id (OpenSSF malicious-packages), or a GitHub-reviewed advisory whose
    /// `database_specific.cwe_ids` contains CWE-506 (embedded malicious code).
    pub fn is_malicious(&self) -> bool {
        if self.id.starts_with("MAL-") || self.aliases.iter().any(|a| a.starts_with("MAL-")) {
            return true;
        }
        self.database_specific
            .as_ref()
            .and_then(|d| d.get("cwe_ids"))
            .and_then(Value::as_array)
            .is_some_and(|ids| ids.iter().any(|i| i.as_str() == Some("CWE-506")))
    }
}

impl Affected {
    /// RustSec's `informational` kind (`unmaintained`, `unsound`, `notice`), if any.
    pub fn informational(&self) -> Option<&str> {
        self.database_specific
            .as_ref()
            .and_then(|d| d.get("informational"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }
}
