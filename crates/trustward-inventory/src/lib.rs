//! The package inventory: discovers manifests and lockfiles, parses them into
//! [`Package`]s with exact names, versions, purls, scopes and dependency edges, and writes
//! and reads SBOMs. Knows nothing about advisories or policy.
//!
//! The model below is the contract other crates (`trustward-osv`) build on.

pub mod model;

pub use model::{Ecosystem, Inventory, Package, Scope, SourceFile, SourceRef};
