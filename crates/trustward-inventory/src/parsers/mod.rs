//! The parser registry: one line per supported file format, mapping a file name to the
//! function that parses it. Discovery walks the tree and calls [`find`] on each file name.
//!
//! Adding a format is one module plus one line in [`REGISTRY`].

pub mod bun_lock;
pub mod cargo_lock;
pub mod common;
pub mod composer_lock;
pub mod conan_lock;
pub mod elixir_term;
pub mod gemfile_lock;
pub mod gomod;
pub mod gosum;
pub mod gradle_lock;
pub mod gradle_verification;
pub mod json;
pub mod mix_lock;
pub mod npm_lock;
pub mod nuget_lock;
pub mod os_packages;
pub mod pdm_lock;
pub mod pipfile_lock;
pub mod pnpm_lock;
pub mod poetry_lock;
pub mod pom;
pub mod pubspec_lock;
pub mod pylock;
pub mod python_lock;
pub mod renv_lock;
pub mod requirements;
pub mod support;
pub mod swift_resolved;
pub mod tree;
pub mod uv_lock;
pub mod xml;
pub mod yaml;
pub mod yarn_lock;

use crate::model::{Issue, Package};

/// Reads a file relative to the scanned root (text, or the reason it cannot be read).
pub type ReadFn<'a> = dyn Fn(&str) -> Result<String, String> + 'a;

/// What a parser is given.
pub struct ParseInput<'a> {
    /// Path of the file relative to the scanned root, `/`-separated.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
    /// Reads another file relative to the root (requirements `-r` includes); `None` when
    /// the parser must not read other files.
    pub read: Option<&'a ReadFn<'a>>,
}

/// What a parser returns for a file it could read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Format name with version as the file records it (`package-lock.json v3`).
    pub format: String,
    /// Packages read, in file order.
    pub packages: Vec<Package>,
    /// Things the file says that the `inventory` analyzer reports (unpinned lines, git
    /// sources …).
    pub issues: Vec<Issue>,
    /// Non-fatal problems: parts of the file that could not be read (`line`, message).
    pub errors: Vec<(Option<u32>, String)>,
}

/// Why a file could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// 1-based line where the problem was seen, when known.
    pub line: Option<u32>,
    /// What was wrong.
    pub message: String,
}

impl ParseError {
    /// An error at `line`.
    pub fn at(line: impl Into<Option<u32>>, message: impl Into<String>) -> Self {
        ParseError {
            line: line.into(),
            message: message.into(),
        }
    }
}

/// A parser function.
pub type ParseFn = fn(&ParseInput<'_>) -> Result<Parsed, ParseError>;

/// One supported format.
pub struct ParserEntry {
    /// Short format name used in messages.
    pub format: &'static str,
    /// Whether a file name (last path component) is this format.
    pub matches: fn(&str) -> bool,
    /// The parser.
    pub parse: ParseFn,
}

/// Every supported format, one line each. First match wins.
#[rustfmt::skip]
pub static REGISTRY: &[ParserEntry] = &[
    ParserEntry { format: "Cargo.lock", matches: |n| n == "Cargo.lock", parse: cargo_lock::parse },
    ParserEntry { format: "package-lock.json", matches: |n| n == "package-lock.json" || n == "npm-shrinkwrap.json", parse: npm_lock::parse },
    ParserEntry { format: "yarn.lock", matches: |n| n == "yarn.lock", parse: yarn_lock::parse },
    ParserEntry { format: "pnpm-lock.yaml", matches: |n| n == "pnpm-lock.yaml", parse: pnpm_lock::parse },
    ParserEntry { format: "bun.lock", matches: |n| n == "bun.lock", parse: bun_lock::parse },
    ParserEntry { format: "requirements.txt", matches: requirements::matches, parse: requirements::parse },
    ParserEntry { format: "poetry.lock", matches: |n| n == "poetry.lock", parse: poetry_lock::parse },
    ParserEntry { format: "Pipfile.lock", matches: |n| n == "Pipfile.lock", parse: pipfile_lock::parse },
    ParserEntry { format: "uv.lock", matches: |n| n == "uv.lock", parse: uv_lock::parse },
    ParserEntry { format: "pdm.lock", matches: |n| n == "pdm.lock", parse: pdm_lock::parse },
    ParserEntry { format: "pylock.toml", matches: pylock::matches, parse: pylock::parse },
    ParserEntry { format: "go.mod", matches: |n| n == "go.mod", parse: gomod::parse_entry },
    ParserEntry { format: "go.sum", matches: |n| n == "go.sum", parse: gosum::parse_entry },
    ParserEntry { format: "Gemfile.lock", matches: |n| n == "Gemfile.lock" || n == "gems.locked", parse: |i| support::run(i, gemfile_lock::parse) },
    ParserEntry { format: "composer.lock", matches: |n| n == "composer.lock", parse: |i| support::run(i, composer_lock::parse) },
    ParserEntry { format: "pom.xml", matches: |n| n == "pom.xml", parse: |i| support::run(i, pom::parse) },
    ParserEntry { format: "gradle.lockfile", matches: |n| n == "gradle.lockfile" || n == "buildscript-gradle.lockfile", parse: |i| support::run(i, gradle_lock::parse) },
    ParserEntry { format: "packages.lock.json", matches: |n| n == "packages.lock.json", parse: |i| support::run(i, nuget_lock::parse) },
    ParserEntry { format: "pubspec.lock", matches: |n| n == "pubspec.lock", parse: |i| support::run(i, pubspec_lock::parse) },
    ParserEntry { format: "mix.lock", matches: |n| n == "mix.lock", parse: |i| support::run(i, mix_lock::parse) },
    ParserEntry { format: "Package.resolved", matches: |n| n == "Package.resolved", parse: |i| support::run(i, swift_resolved::parse) },
    ParserEntry { format: "conan.lock", matches: |n| n == "conan.lock", parse: |i| support::run(i, conan_lock::parse) },
    ParserEntry { format: "verification-metadata.xml", matches: |n| n == "verification-metadata.xml", parse: |i| support::run(i, gradle_verification::parse) },
    ParserEntry { format: "renv.lock", matches: |n| n == "renv.lock", parse: |i| support::run(i, renv_lock::parse) },
];

/// Formats recognised by their path relative to the root rather than their name alone
/// (package databases of extracted container file systems, requirements files in a
/// `requirements/` or `reqs/` directory). Checked before [`REGISTRY`].
#[rustfmt::skip]
pub static PATH_REGISTRY: &[ParserEntry] = &[
    ParserEntry { format: "dpkg status", matches: os_packages::is_dpkg_status, parse: |i| support::run(i, os_packages::parse_dpkg) },
    ParserEntry { format: "apk installed", matches: os_packages::is_apk_installed, parse: |i| support::run(i, os_packages::parse_apk) },
    ParserEntry { format: "requirements.txt", matches: requirements::matches_path, parse: requirements::parse },
];

/// The entry for a file at `rel` (path relative to the root): [`PATH_REGISTRY`] first,
/// then [`find_for`] on the file name.
pub fn find_path(rel: &str, single_file: bool) -> Option<&'static ParserEntry> {
    if !single_file && let Some(e) = PATH_REGISTRY.iter().find(|e| (e.matches)(rel)) {
        return Some(e);
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    find_for(name, single_file)
}

/// The registry entry for a file name, if the format is supported.
pub fn find(file_name: &str) -> Option<&'static ParserEntry> {
    REGISTRY.iter().find(|e| (e.matches)(file_name))
}

/// An SBOM (`bom.json`, `*.cdx.json`, `*.spdx.json`) given as the single PATH is read like a
/// lockfile; in a directory scan it is not (its packages come from the lockfiles there).
pub static SBOM_ENTRY: ParserEntry = ParserEntry {
    format: "SBOM",
    matches: crate::sbom::is_sbom_file_name,
    parse: crate::sbom::parse_entry,
};

/// The entry for a file name: the SBOM reader when `single_file` and the name is an SBOM's
/// or any other `*.json` the registry does not know, else the registry's.
pub fn find_for(file_name: &str, single_file: bool) -> Option<&'static ParserEntry> {
    if single_file && crate::sbom::is_sbom_file_name(file_name) {
        return Some(&SBOM_ENTRY);
    }
    let found = find(file_name);
    // Any other JSON file given as the single PATH is read as an SBOM whatever its name
    // (`bom.1.4.json`, `vendor-sbom.json`): the content decides, and a JSON file that is
    // neither CycloneDX nor SPDX is a parse error naming it.
    if single_file && found.is_none() && file_name.to_ascii_lowercase().ends_with(".json") {
        return Some(&SBOM_ENTRY);
    }
    found
}
