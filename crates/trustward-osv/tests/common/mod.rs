//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::PathBuf;
use trustward_inventory::{Ecosystem, Package, Scope, SourceRef};

/// `shared/data/osv` next to the repository (`/work/shared` for `/work/main` and for the
/// worktrees under `/work/wt/`): the first ancestor of this crate that has it.
pub fn osv_data() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/data/osv"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| here.join("../../../shared/data/osv"))
}

/// This crate's fixtures.
pub fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

/// Every ecosystem folder of the shared data.
pub fn ecosystems() -> Vec<String> {
    std::fs::read_to_string(osv_data().join("ecosystems.txt"))
        .expect("ecosystems.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A package as a lockfile parser would produce it.
pub fn pkg(eco: Ecosystem, name: &str, version: &str, path: &str, line: u32) -> Package {
    Package {
        ecosystem: eco,
        name: name.to_string(),
        version: version.to_string(),
        purl: format!("pkg:{}/{name}@{version}", eco.as_str()),
        scope: Scope::Runtime,
        direct: Some(true),
        source: SourceRef {
            path: path.to_string(),
            line: Some(line),
        },
        hashes: vec![],
        dependencies: vec![],
    }
}
