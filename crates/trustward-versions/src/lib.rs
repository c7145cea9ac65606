//! Version parsing and ordering per ecosystem (SemVer, Go, PEP 440, Maven, RubyGems,
//! NuGet, Composer, Debian). Knows nothing about advisories or lockfiles.
//!
//! API contract (used by `trustward-osv`): [`Scheme::for_ecosystem`] picks the ordering
//! for an OSV ecosystem name, [`Version::parse`] parses once, and `Version: Ord` compares
//! two versions parsed with the same scheme.
//!
//! NOTE: the orderings below are placeholders to be replaced by the real implementations.

use std::cmp::Ordering;

/// A version ordering scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Semantic Versioning 2.0 (crates.io, npm, Hex, Pub, SwiftURL, OSV `SEMVER` ranges).
    SemVer,
    /// Go module versions (v-prefix, pseudo-versions, `+incompatible`).
    Go,
    /// PEP 440 (PyPI).
    Pep440,
    /// Maven ComparableVersion.
    Maven,
    /// RubyGems Gem::Version.
    RubyGems,
    /// NuGet (SemVer 2 plus four-part legacy versions).
    NuGet,
    /// Composer (Packagist).
    Composer,
    /// Debian dpkg ordering.
    Debian,
}

impl Scheme {
    /// The scheme for an OSV ecosystem name (`crates.io`, `PyPI`, `Debian:12` …).
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem);
        Some(match base {
            "crates.io" | "npm" | "Hex" | "Pub" | "SwiftURL" | "GitHub Actions" | "ConanCenter" => {
                Scheme::SemVer
            }
            "Go" => Scheme::Go,
            "PyPI" => Scheme::Pep440,
            "Maven" => Scheme::Maven,
            "RubyGems" => Scheme::RubyGems,
            "NuGet" => Scheme::NuGet,
            "Packagist" => Scheme::Composer,
            "Debian" | "Ubuntu" => Scheme::Debian,
            _ => return None,
        })
    }
}

/// A version that cannot be parsed under its scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid {scheme:?} version: {reason}")]
pub struct VersionError {
    /// The scheme.
    pub scheme: Scheme,
    /// The text.
    pub input: String,
    /// Why.
    pub reason: String,
}

/// A parsed version; compare only versions parsed with the same scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    scheme: Scheme,
    parts: Vec<u64>,
    rest: String,
}

impl Version {
    /// Parses `s` under `scheme`.
    pub fn parse(scheme: Scheme, s: &str) -> Result<Version, VersionError> {
        let t = s.trim().trim_start_matches('v');
        let mut parts = Vec::new();
        let mut rest = String::new();
        for (i, p) in t.split('.').enumerate() {
            match p.parse::<u64>() {
                Ok(n) if rest.is_empty() => parts.push(n),
                _ => {
                    if i == 0 && p.is_empty() {
                        return Err(VersionError {
                            scheme,
                            input: s.into(),
                            reason: "empty".into(),
                        });
                    }
                    rest.push_str(p);
                }
            }
        }
        if parts.is_empty() {
            return Err(VersionError {
                scheme,
                input: s.into(),
                reason: "no numeric part".into(),
            });
        }
        Ok(Version {
            scheme,
            parts,
            rest,
        })
    }

    /// The scheme it was parsed with.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts).then_with(|| {
            match (self.rest.is_empty(), other.rest.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.rest.cmp(&other.rest),
            }
        })
    }
}

/// Compares two version strings under `scheme`.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(Version::parse(scheme, a)?.cmp(&Version::parse(scheme, b)?))
}
