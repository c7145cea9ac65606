//! The inventory model.

use serde::Serialize;
use trustward_core::ScanError;

/// A package ecosystem, named as OSV names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Ecosystem {
    /// Rust crates.
    #[serde(rename = "crates.io")]
    CratesIo,
    /// npm (also yarn, pnpm, bun).
    #[serde(rename = "npm")]
    Npm,
    /// Python packages.
    PyPI,
    /// Go modules.
    Go,
    /// Maven / Gradle.
    Maven,
    /// .NET.
    NuGet,
    /// Ruby gems.
    RubyGems,
    /// PHP Composer.
    Packagist,
    /// Dart / Flutter.
    Pub,
    /// Erlang / Elixir.
    Hex,
    /// Swift Package Manager.
    SwiftURL,
    /// Conan (C/C++).
    ConanCenter,
    /// GitHub Actions referenced by workflows.
    #[serde(rename = "GitHub Actions")]
    GitHubActions,
    /// Debian source packages (dpkg status of a container file system).
    Debian,
    /// Alpine packages (apk database of a container file system).
    Alpine,
    /// R packages from CRAN (renv.lock).
    #[serde(rename = "CRAN")]
    Cran,
}

impl Ecosystem {
    /// Every ecosystem.
    pub const ALL: [Ecosystem; 16] = [
        Ecosystem::CratesIo,
        Ecosystem::Npm,
        Ecosystem::PyPI,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::NuGet,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
        Ecosystem::Pub,
        Ecosystem::Hex,
        Ecosystem::SwiftURL,
        Ecosystem::ConanCenter,
        Ecosystem::GitHubActions,
        Ecosystem::Debian,
        Ecosystem::Alpine,
        Ecosystem::Cran,
    ];

    /// OSV's name for the ecosystem.
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Go => "Go",
            Ecosystem::Maven => "Maven",
            Ecosystem::NuGet => "NuGet",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Pub => "Pub",
            Ecosystem::Hex => "Hex",
            Ecosystem::SwiftURL => "SwiftURL",
            Ecosystem::ConanCenter => "ConanCenter",
            Ecosystem::GitHubActions => "GitHub Actions",
            Ecosystem::Debian => "Debian",
            Ecosystem::Alpine => "Alpine",
            Ecosystem::Cran => "CRAN",
        }
    }

    /// Parses OSV's name (an ecosystem suffix such as `:12` is ignored).
    pub fn from_osv(name: &str) -> Option<Ecosystem> {
        let base = name.split(':').next().unwrap_or(name);
        Ecosystem::ALL.into_iter().find(|e| e.as_str() == base)
    }
}

/// How a package is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Needed at run time.
    Runtime,
    /// Development and test only.
    Dev,
    /// Optional feature.
    Optional,
    /// Peer dependency.
    Peer,
    /// Build time only.
    Build,
    /// The file does not say.
    #[default]
    Unknown,
}

/// Where a package was declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceRef {
    /// Path relative to the scanned root, `/`-separated.
    pub path: String,
    /// 1-based line of the package's entry, when known.
    pub line: Option<u32>,
}

/// A hash recorded for a package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PackageHash {
    /// Algorithm as CycloneDX names it (`SHA-256`, `SHA-512`, `SHA-1`).
    pub alg: String,
    /// Lowercase hex digest.
    pub value: String,
}

/// One package at one exact version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Package {
    /// Ecosystem.
    pub ecosystem: Ecosystem,
    /// Name, normalised per ecosystem (PEP 503 for PyPI, `group:artifact` for Maven).
    pub name: String,
    /// Exact version as the lockfile records it.
    pub version: String,
    /// Package URL.
    pub purl: String,
    /// How it is used.
    pub scope: Scope,
    /// Direct dependency of the project (`None`: unknown).
    pub direct: Option<bool>,
    /// Where it was found.
    pub source: SourceRef,
    /// Hashes from the lockfile.
    #[serde(skip)]
    pub hashes: Vec<PackageHash>,
    /// purls of the packages this one depends on, when the lockfile gives edges.
    #[serde(skip)]
    pub dependencies: Vec<String>,
}

/// A lockfile or manifest that was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFile {
    /// Path relative to the scanned root.
    pub path: String,
    /// Format name (`Cargo.lock`, `package-lock.json v3` …).
    pub format: String,
    /// Packages read from it.
    pub packages: usize,
}

/// Everything found under a root.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// Packages, sorted.
    pub packages: Vec<Package>,
    /// Files read.
    pub sources: Vec<SourceFile>,
    /// Files that could not be read or parsed (`path:line` and reason).
    pub errors: Vec<ScanError>,
}

/// Something a parser noticed that the `inventory` analyzer reports as a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueKind {
    /// A requirement without an exact pin (`requests>=2`).
    Unpinned,
    /// A dependency fetched from a git repository.
    GitSource,
    /// A dependency fetched over plain `http://`.
    InsecureHttp,
    /// An editable (`-e`) or direct-URL requirement line: not a registry package.
    DirectReference,
    /// A manifest dependency that its lockfile does not list.
    OutOfSync,
}

/// One [`IssueKind`] at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Issue {
    /// What was noticed.
    pub kind: IssueKind,
    /// Where (path relative to the root, 1-based line when known).
    pub source: SourceRef,
    /// The package name concerned (may be empty when the line names none).
    pub name: String,
    /// The text that shows it (the requirement line, the source URL …).
    pub detail: String,
}
