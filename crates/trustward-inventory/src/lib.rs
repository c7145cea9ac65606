//! The package inventory: discovers manifests and lockfiles, parses them into
//! [`Package`]s with exact names, versions, purls, scopes and dependency edges, and writes
//! and reads SBOMs. Knows nothing about advisories or policy.
//!
//! The model in [`model`] is the contract other crates (`trustward-osv`) build on.
//! Layout: [`discover`](mod@discover) walks the tree and dispatches each file through the
//! table in [`parsers`]; [`purl`] builds, parses and checks package URLs and normalises names; [`analyzer`]
//! turns what the parsers noticed into findings; [`listing`] renders `trustward deps`;
//! [`sbom`] writes and reads SBOMs; [`fuzzing`] holds the fuzz targets' bodies.

pub mod analyzer;
pub mod discover;
pub mod fuzzing;
pub mod listing;
pub mod model;
pub mod parsers;
pub mod purl;
pub mod sbom;

pub use discover::{DiscoverOptions, Discovery, discover, discover_all};
pub use model::{
    Ecosystem, Inventory, Issue, IssueKind, Package, PackageHash, Scope, SourceFile, SourceRef,
};
