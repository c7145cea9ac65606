//! Version parsing and ordering per ecosystem (SemVer, Go, PEP 440, Maven, RubyGems,
//! NuGet, Composer, Debian). Knows nothing about advisories or lockfiles.
//!
//! API contract (used by `trustward-osv`): [`Scheme::for_ecosystem`] picks the ordering
//! for an OSV ecosystem name, [`Version::parse`] parses once, and `Version: Ord` compares
//! two versions parsed with the same scheme.
//!
//! Every scheme lives in its own module and follows the ecosystem's reference
//! implementation (see `docs/versions.md` for what each accepts and the few documented
//! deviations). A string that is not a version under its scheme is an error, never a
//! guess: the caller must report it instead of treating the package as "not affected".
//!
//! Parsing is allocation-light (one copy of the text, plus a small segment vector for
//! PEP 440, Maven, RubyGems and Composer, and Composer's normalised string) and never uses
//! regular expressions; comparison allocates nothing.

mod composer;
mod debian;
mod go;
mod maven;
mod nuget;
mod num;
mod pep440;
mod rubygems;
mod semver;

use std::cmp::Ordering;
use std::fmt;

/// Longest version string accepted, in bytes. Real versions are far shorter (the longest in
/// the OSV data is under 100 bytes); the cap bounds work on hostile input.
pub const MAX_VERSION_LEN: usize = 256;

/// A version ordering scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Semantic Versioning 2.0 (crates.io, npm, Hex, SwiftURL, OSV `SEMVER` ranges).
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
    /// Dart's pub_semver: SemVer 2 except that build metadata counts, after the version
    /// it decorates (`1.0.0 < 1.0.0+build`, `1.2.3+1 < 1.2.3+2`).
    Pub,
}

impl Scheme {
    /// Every scheme, for iteration in tests, docs and benchmarks.
    pub const ALL: [Scheme; 9] = [
        Scheme::SemVer,
        Scheme::Go,
        Scheme::Pep440,
        Scheme::Maven,
        Scheme::RubyGems,
        Scheme::NuGet,
        Scheme::Composer,
        Scheme::Debian,
        Scheme::Pub,
    ];

    /// The scheme for an OSV ecosystem name (`crates.io`, `PyPI`, `Debian:12` …).
    ///
    /// The part after the first `:` (a release such as `Debian:12` or
    /// `Ubuntu:22.04:LTS`) does not change the ordering. Ecosystems whose ordering is
    /// not implemented (Alpine/apk, RPM distributions, Hackage, CRAN …) give `None`.
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem).trim();
        Some(match base {
            "crates.io" | "npm" | "Hex" | "SwiftURL" | "GitHub Actions" | "ConanCenter"
            | "Bitnami" => Scheme::SemVer,
            "Pub" => Scheme::Pub,
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

    /// A short human name (`SemVer`, `PEP 440` …) for messages.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::SemVer => "SemVer",
            Scheme::Go => "Go",
            Scheme::Pep440 => "PEP 440",
            Scheme::Maven => "Maven",
            Scheme::RubyGems => "RubyGems",
            Scheme::NuGet => "NuGet",
            Scheme::Composer => "Composer",
            Scheme::Debian => "Debian",
            Scheme::Pub => "Pub",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A version that cannot be parsed under its scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid {scheme} version: {reason}")]
pub struct VersionError {
    /// The scheme.
    pub scheme: Scheme,
    /// The text (truncated to [`MAX_VERSION_LEN`] bytes plus an ellipsis when longer).
    pub input: String,
    /// Why.
    pub reason: String,
}

impl VersionError {
    fn new(scheme: Scheme, input: &str, reason: impl Into<String>) -> Self {
        let input = if input.len() > MAX_VERSION_LEN {
            let mut end = MAX_VERSION_LEN;
            while !input.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", input.get(..end).unwrap_or_default())
        } else {
            input.to_owned()
        };
        VersionError {
            scheme,
            input,
            reason: reason.into(),
        }
    }
}

/// A parsed version; compare only versions parsed with the same scheme.
///
/// Equality is ordering equality (`1.0 == 1.0.0` under PEP 440), not text equality; use
/// [`Version::as_str`] for the text. Versions of different schemes are ordered by scheme
/// first so that `Ord` stays a total order, but such a comparison has no meaning.
#[derive(Debug, Clone)]
pub struct Version {
    scheme: Scheme,
    text: Box<str>,
    repr: Repr,
}

/// The parsed form, one variant per scheme family.
#[derive(Debug, Clone)]
enum Repr {
    SemVer(semver::SemVer),
    Pep440(pep440::Pep440),
    Maven(maven::Maven),
    RubyGems(rubygems::Gem),
    NuGet(nuget::NuGet),
    Composer(composer::Composer),
    Debian(debian::Dpkg),
}

impl Version {
    /// Parses `s` under `scheme`. Surrounding whitespace is ignored.
    pub fn parse(scheme: Scheme, s: &str) -> Result<Version, VersionError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(VersionError::new(scheme, s, "empty version"));
        }
        if text.len() > MAX_VERSION_LEN {
            return Err(VersionError::new(
                scheme,
                s,
                format!("longer than {MAX_VERSION_LEN} bytes"),
            ));
        }
        let err = |reason: &'static str| VersionError::new(scheme, s, reason);
        let repr = match scheme {
            Scheme::SemVer => Repr::SemVer(semver::parse(text).map_err(err)?),
            Scheme::Go => Repr::SemVer(go::parse(text).map_err(err)?),
            Scheme::Pub => Repr::SemVer(semver::parse(text).map_err(err)?),
            Scheme::Pep440 => Repr::Pep440(pep440::parse(text).map_err(err)?),
            Scheme::Maven => Repr::Maven(maven::parse(text).map_err(err)?),
            Scheme::RubyGems => Repr::RubyGems(rubygems::parse(text).map_err(err)?),
            Scheme::NuGet => Repr::NuGet(nuget::parse(text).map_err(err)?),
            Scheme::Composer => Repr::Composer(composer::parse(text).map_err(err)?),
            Scheme::Debian => Repr::Debian(debian::parse(text).map_err(err)?),
        };
        Ok(Version {
            scheme,
            text: text.into(),
            repr,
        })
    }

    /// The scheme it was parsed with.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The version text as given (surrounding whitespace removed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is a pre-release under its scheme's own definition (SemVer/Go/NuGet
    /// label, PEP 440 a/b/rc/dev, Maven qualifier below release, RubyGems letter, Composer
    /// stability below stable, Debian `~`).
    pub fn is_prerelease(&self) -> bool {
        match &self.repr {
            Repr::SemVer(v) => v.is_prerelease(),
            Repr::Pep440(v) => v.is_prerelease(),
            Repr::Maven(v) => v.is_prerelease(),
            Repr::RubyGems(v) => v.is_prerelease(),
            Repr::NuGet(v) => v.is_prerelease(),
            Repr::Composer(v) => v.is_prerelease(),
            Repr::Debian(_) => self.text.contains('~'),
        }
    }

    /// The scheme's canonical spelling: PEP 440 normal form, NuGet normalized string,
    /// Composer `VersionParser::normalize` output, SemVer/Go without prefix and build
    /// metadata kept; other schemes return the text unchanged.
    ///
    /// Parsing the canonical form gives an equal version.
    pub fn normalized(&self) -> String {
        match &self.repr {
            Repr::SemVer(v) => v.normalized(&self.text),
            Repr::Pep440(v) => v.normalized(&self.text),
            Repr::NuGet(v) => v.normalized(&self.text),
            Repr::Composer(v) => v.normalized().to_owned(),
            Repr::Maven(_) | Repr::RubyGems(_) | Repr::Debian(_) => self.text.to_string(),
        }
    }

    /// Whether this Go version is a pseudo-version (`v0.0.0-20191109021931-daa7c04131f5`).
    /// Always false for other schemes.
    pub fn is_go_pseudo_version(&self) -> bool {
        match (&self.repr, self.scheme) {
            (Repr::SemVer(v), Scheme::Go) => go::is_pseudo(v, &self.text),
            _ => false,
        }
    }
}

impl fmt::Display for Version {
    /// The original text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (&*self.text, &*other.text);
        match (&self.repr, &other.repr) {
            (Repr::SemVer(x), Repr::SemVer(y)) if self.scheme == other.scheme => {
                let o = semver::compare(x, a, y, b);
                if self.scheme != Scheme::Pub {
                    return o;
                }
                // pub_semver's `Version.compareTo`: no build before any build, then builds
                // compared identifier by identifier like pre-releases.
                o.then_with(|| match (x.build, y.build) {
                    (None, None) => Ordering::Equal,
                    (None, Some(_)) => Ordering::Less,
                    (Some(_), None) => Ordering::Greater,
                    (Some(p), Some(q)) => semver::compare_prerelease(p.of(a), q.of(b)),
                })
            }
            (Repr::Pep440(x), Repr::Pep440(y)) => pep440::compare(x, a, y, b),
            (Repr::Maven(x), Repr::Maven(y)) => maven::compare(x, a, y, b),
            (Repr::RubyGems(x), Repr::RubyGems(y)) => rubygems::compare(x, a, y, b),
            (Repr::NuGet(x), Repr::NuGet(y)) => nuget::compare(x, a, y, b),
            (Repr::Composer(x), Repr::Composer(y)) => composer::compare(x, y),
            (Repr::Debian(x), Repr::Debian(y)) => debian::compare(x, a, y, b),
            _ => self.scheme.cmp(&other.scheme),
        }
    }
}

/// Compares two version strings under `scheme`.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(Version::parse(scheme, a)?.cmp(&Version::parse(scheme, b)?))
}

/// Fuzz entry point: parses arbitrary bytes under every scheme and checks that ordering
/// a version against itself is `Equal`. Panics only on a real bug.
pub fn fuzz_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for scheme in Scheme::ALL {
        if let Ok(v) = Version::parse(scheme, text) {
            assert_eq!(v.cmp(&v), Ordering::Equal);
            let _ = v.is_prerelease();
            let n = v.normalized();
            if let Ok(w) = Version::parse(scheme, &n) {
                assert_eq!(v.cmp(&w), Ordering::Equal, "{scheme:?} {text:?} vs {n:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystems_map_to_schemes() {
        let cases = [
            ("crates.io", Some(Scheme::SemVer)),
            ("npm", Some(Scheme::SemVer)),
            ("Hex", Some(Scheme::SemVer)),
            ("Pub", Some(Scheme::Pub)),
            ("SwiftURL", Some(Scheme::SemVer)),
            ("GitHub Actions", Some(Scheme::SemVer)),
            ("ConanCenter", Some(Scheme::SemVer)),
            ("Go", Some(Scheme::Go)),
            ("PyPI", Some(Scheme::Pep440)),
            ("Maven", Some(Scheme::Maven)),
            ("RubyGems", Some(Scheme::RubyGems)),
            ("NuGet", Some(Scheme::NuGet)),
            ("Packagist", Some(Scheme::Composer)),
            ("Debian", Some(Scheme::Debian)),
            ("Debian:12", Some(Scheme::Debian)),
            ("Ubuntu:22.04:LTS", Some(Scheme::Debian)),
            ("Ubuntu:Pro:18.04:LTS", Some(Scheme::Debian)),
            ("Alpine:v3.18", None),
            ("Red Hat", None),
            ("", None),
            ("pypi", None),
        ];
        for (eco, want) in cases {
            assert_eq!(Scheme::for_ecosystem(eco), want, "{eco}");
        }
    }

    #[test]
    fn errors_name_scheme_and_input() {
        let e = Version::parse(Scheme::SemVer, "  ").unwrap_err();
        assert_eq!(e.scheme, Scheme::SemVer);
        let long = "1".repeat(MAX_VERSION_LEN + 10);
        let e = Version::parse(Scheme::Debian, &long).unwrap_err();
        assert!(e.input.ends_with('…'));
        assert!(e.to_string().contains("longer than"));
    }

    #[test]
    fn display_is_original_text() {
        let v = Version::parse(Scheme::Pep440, " 1.0-Alpha1 ").unwrap();
        assert_eq!(v.to_string(), "1.0-Alpha1");
        assert_eq!(v.normalized(), "1.0a1");
        assert!(v.is_prerelease());
    }

    #[test]
    fn compare_helper() {
        assert_eq!(
            compare(Scheme::SemVer, "1.0.0", "1.0.1"),
            Ok(Ordering::Less)
        );
        assert!(compare(Scheme::SemVer, "x", "1.0.1").is_err());
    }

    #[test]
    fn pub_orders_build_metadata() {
        // pub_semver (Dart's reference implementation): a version with build metadata
        // comes after the same version without, and builds are ordered like pre-releases.
        let order = [
            "1.0.0-beta",
            "1.0.0-beta+1",
            "1.0.0",
            "1.0.0+build",
            "1.2.3",
            "1.2.3+1",
            "1.2.3+2",
            "1.2.3+10",
            "1.2.3+a",
            "1.2.4",
        ];
        for w in order.windows(2) {
            assert_eq!(
                compare(Scheme::Pub, w[0], w[1]).unwrap(),
                Ordering::Less,
                "{} < {}",
                w[0],
                w[1]
            );
        }
        // Other SemVer ecosystems still ignore build metadata.
        assert_eq!(
            compare(Scheme::SemVer, "1.0.0", "1.0.0+build").unwrap(),
            Ordering::Equal
        );
    }
}
