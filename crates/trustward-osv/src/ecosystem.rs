//! OSV ecosystem names (with suffixes such as `Debian:12`) and package-name
//! normalisation, so a lockfile's spelling and an advisory's spelling meet on one key.

/// An OSV ecosystem name split into its base and optional suffix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EcosystemName {
    /// `Debian` in `Debian:12`.
    pub base: String,
    /// `12` in `Debian:12`; `None` without a suffix.
    pub suffix: Option<String>,
}

impl EcosystemName {
    /// Splits `name` at the first `:`.
    pub fn parse(name: &str) -> EcosystemName {
        let name = name.trim();
        match name.split_once(':') {
            Some((base, suffix)) if !suffix.is_empty() => EcosystemName {
                base: base.to_string(),
                suffix: Some(suffix.to_string()),
            },
            Some((base, _)) => EcosystemName {
                base: base.to_string(),
                suffix: None,
            },
            None => EcosystemName {
                base: name.to_string(),
                suffix: None,
            },
        }
    }
}

/// The name of the directory that holds one ecosystem's store: the base name with
/// every character outside `[A-Za-z0-9.-]` replaced by `_` (`GitHub Actions` →
/// `GitHub_Actions`), so it is a safe single path component everywhere.
pub fn store_dir_name(base: &str) -> String {
    let s: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.chars().all(|c| c == '.') {
        format!("_{s}")
    } else {
        s
    }
}

/// The key a package name is indexed and looked up under in ecosystem `base`.
///
/// - PyPI: PEP 503 (lowercase, runs of `-`, `_`, `.` become one `-`).
/// - crates.io: lowercase with `_` as `-` (crates.io refuses names that differ only so).
/// - npm, NuGet, Packagist, Hex, Pub, GitHub Actions, ConanCenter: lowercase (their
///   registries treat names case-insensitively or require lowercase; the GHSA data
///   spells `Axios` for `axios`).
/// - SwiftURL: lowercase, without `https://`/`http://` and a trailing `.git` or `/`.
/// - Go, Maven, RubyGems and anything else: exact (case-sensitive module paths,
///   coordinates and gem names).
pub fn normalize_name(base: &str, name: &str) -> String {
    let name = name.trim();
    match base {
        "PyPI" => pep503(name),
        "crates.io" => name.to_ascii_lowercase().replace('_', "-"),
        "npm" | "NuGet" | "Packagist" | "Hex" | "Pub" | "GitHub Actions" | "ConanCenter" => {
            name.to_lowercase()
        }
        "SwiftURL" => {
            let lower = name.to_lowercase();
            let s = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
                .unwrap_or(&lower);
            let s = s.trim_end_matches('/');
            s.strip_suffix(".git").unwrap_or(s).to_string()
        }
        _ => name.to_string(),
    }
}

/// PEP 503 normalisation.
fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if c == '-' || c == '_' || c == '.' {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_split() {
        let e = EcosystemName::parse("Debian:12");
        assert_eq!(e.base, "Debian");
        assert_eq!(e.suffix.as_deref(), Some("12"));
        assert_eq!(EcosystemName::parse("PyPI").suffix, None);
        assert_eq!(
            EcosystemName::parse("Alpine:v3.16").suffix.as_deref(),
            Some("v3.16")
        );
    }

    #[test]
    fn names_normalise_per_ecosystem() {
        assert_eq!(normalize_name("PyPI", "Django"), "django");
        assert_eq!(
            normalize_name("PyPI", "zope.Interface__x"),
            "zope-interface-x"
        );
        assert_eq!(normalize_name("npm", "Axios"), "axios");
        assert_eq!(normalize_name("crates.io", "Foo_Bar"), "foo-bar");
        assert_eq!(
            normalize_name("Go", "github.com/Azure/x"),
            "github.com/Azure/x"
        );
        assert_eq!(normalize_name("Maven", "org.Apache:x"), "org.Apache:x");
        assert_eq!(
            normalize_name("SwiftURL", "https://github.com/Vapor/vapor.git"),
            "github.com/vapor/vapor"
        );
    }

    #[test]
    fn store_dirs_are_single_components() {
        assert_eq!(store_dir_name("GitHub Actions"), "GitHub_Actions");
        assert_eq!(store_dir_name("crates.io"), "crates.io");
        assert_eq!(store_dir_name(".."), "_..");
        assert_eq!(store_dir_name("a/b"), "a_b");
    }
}
