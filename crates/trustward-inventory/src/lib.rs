//! The package inventory: discovers manifests and lockfiles, parses them into
//! [`Package`]s with exact names, versions, purls, scopes and dependency edges, and writes
//! and reads SBOMs. Knows nothing about advisories or policy.
//!
//! The model below is the contract other crates (`trustward-osv`) build on.

pub mod model;
pub mod parsers;
pub mod pkgurl;
pub mod sbom;

pub use model::{Ecosystem, Inventory, Package, Scope, SourceFile, SourceRef};

use trustward_core::files::FileIndex;

/// Options for [`discover`].
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also read `node_modules/`, `vendor/`, `target/` trees.
    pub include_vendored: bool,
}

/// Finds and parses every supported manifest and lockfile in `files`.
///
/// NOTE: placeholder until the parsers land; returns an empty inventory.
pub fn discover(files: &FileIndex, opts: &DiscoverOptions) -> Inventory {
    let _ = (files, opts);
    Inventory::default()
}
