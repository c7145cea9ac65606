//! OSV vulnerability data for trustward: the OSV record model, the local database
//! (import from `all.zip` exports, folders or single records; atomic `db update` from a
//! mirror; status), matching packages to advisories exactly as the OSV schema defines,
//! fixed-version advice, CVSS scoring, and the `vulns` analyzer.
//!
//! Knows nothing about lockfile formats (packages come from `trustward-inventory`) or
//! version syntax (orderings come from `trustward-versions`).

pub mod analyzer;
pub mod check;
pub mod ecosystem;
pub mod import;
pub mod matcher;
pub mod model;
pub mod purl;
pub mod rules;
pub mod severity;
pub mod store;
pub mod txn;
pub mod update;

pub use analyzer::{PackageProvider, VulnsAnalyzer, VulnsSettings};
pub use check::{CheckOutput, check_packages};
pub use import::{ImportOptions, ImportReport, Importer};
pub use purl::Purl;
pub use store::{Database, EcosystemMeta, default_db_path};
pub use update::{DEFAULT_MIRROR, UpdateOptions, update};

use std::path::Path;

/// `db import PATH`: imports a zip, folder or JSON file into the database at `db`
/// atomically (the ecosystems found replace their previous data; others are kept).
pub fn import_into_db(
    db: &Path,
    source: &Path,
    opts: ImportOptions,
) -> Result<ImportReport, import::ImportError> {
    let tx = txn::Transaction::begin(db)?;
    let label = source
        .canonicalize()
        .unwrap_or_else(|_| source.to_path_buf())
        .display()
        .to_string();
    let report = Importer::run(tx.staging(), source, &label, opts)?;
    tx.commit()?;
    Ok(report)
}

/// A `Package` for a purl given on the command line (no lockfile location).
pub fn package_from_purl(text: &str) -> Result<trustward_inventory::Package, purl::PurlError> {
    let p = Purl::parse(text)?;
    let err = |reason: &str| purl::PurlError {
        input: text.to_string(),
        reason: reason.to_string(),
    };
    let eco = p
        .ecosystem()
        .and_then(trustward_inventory::Ecosystem::from_osv)
        .ok_or_else(|| err("no OSV ecosystem for this purl type"))?;
    let version = p
        .version
        .clone()
        .ok_or_else(|| err("a version is required (`@VERSION`)"))?;
    Ok(trustward_inventory::Package {
        ecosystem: eco,
        name: p.osv_name(),
        version,
        purl: text.trim().to_string(),
        scope: trustward_inventory::Scope::Unknown,
        direct: None,
        source: trustward_inventory::SourceRef {
            path: String::new(),
            line: None,
        },
        hashes: Vec::new(),
        dependencies: Vec::new(),
    })
}
