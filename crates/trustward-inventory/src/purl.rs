//! Package URLs (purl spec) and per-ecosystem name normalisation.
//!
//! A purl is `pkg:type/namespace/name@version?qualifiers#subpath`. Each component is
//! percent-encoded except for the unreserved characters `A-Z a-z 0-9 . - _ ~` (and `:`,
//! which the spec says is never encoded); namespace segments are encoded one by one so the
//! `/` between them stays. Qualifier keys are lowercase and sorted.

use crate::model::Ecosystem;

/// A package URL under construction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Purl {
    /// purl type (`cargo`, `npm`, `pypi` …).
    pub ty: String,
    /// Namespace segments joined with `/` (empty for none).
    pub namespace: String,
    /// Package name.
    pub name: String,
    /// Version (empty for none).
    pub version: String,
    /// Qualifiers as `(key, value)`; empty values are dropped when rendered.
    pub qualifiers: Vec<(String, String)>,
    /// Subpath (empty for none).
    pub subpath: String,
}

impl Purl {
    /// A purl of type `ty` for `name` at `version`.
    pub fn new(ty: &str, namespace: &str, name: &str, version: &str) -> Self {
        Purl {
            ty: ty.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
            version: version.to_string(),
            ..Default::default()
        }
    }

    /// Adds a qualifier.
    pub fn qualifier(mut self, key: &str, value: &str) -> Self {
        self.qualifiers
            .push((key.to_ascii_lowercase(), value.to_string()));
        self
    }
}

impl std::fmt::Display for Purl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pkg:{}/", self.ty.to_ascii_lowercase())?;
        for seg in self.namespace.split('/').filter(|s| !s.is_empty()) {
            write!(f, "{}/", encode(seg))?;
        }
        f.write_str(&encode(&self.name))?;
        if !self.version.is_empty() {
            write!(f, "@{}", encode(&self.version))?;
        }
        let mut q: Vec<&(String, String)> = self
            .qualifiers
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        q.sort();
        for (i, (k, v)) in q.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{k}={}", encode(v))?;
        }
        let sub: Vec<String> = self
            .subpath
            .split('/')
            .filter(|s| !s.is_empty() && *s != "." && *s != "..")
            .map(encode)
            .collect();
        if !sub.is_empty() {
            write!(f, "#{}", sub.join("/"))?;
        }
        Ok(())
    }
}

/// Percent-encodes one purl component.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`.
pub fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_sep {
                out.push('-');
            }
            in_sep = true;
        } else {
            out.extend(c.to_lowercase());
            in_sep = false;
        }
    }
    out
}

/// The name as the ecosystem compares names: PEP 503 for PyPI, lowercase for Packagist,
/// Pub and Hex, as written for the rest (npm keeps legacy mixed-case names such as
/// `JSONStream` exactly, since the registry and OSV match them case-sensitively).
pub fn normalize_name(eco: Ecosystem, name: &str) -> String {
    let name = name.trim();
    match eco {
        Ecosystem::PyPI => pep503(name),
        Ecosystem::Packagist | Ecosystem::Pub | Ecosystem::Hex => name.to_lowercase(),
        _ => name.to_string(),
    }
}

/// Splits `a/b/c` at the last `/` into (`a/b`, `c`).
fn split_last(name: &str) -> (&str, &str) {
    match name.rsplit_once('/') {
        Some((ns, n)) => (ns, n),
        None => ("", name),
    }
}

/// The purl of a package, with namespace rules per type:
/// npm scopes (`@scope/name`) become the namespace (`%40scope`); Go and Swift paths split at
/// the last `/`; Maven `group:artifact`; Packagist `vendor/name`; GitHub Actions
/// `owner/repo[/path]` (path becomes the subpath).
pub fn purl_for(eco: Ecosystem, name: &str, version: &str) -> String {
    let p = match eco {
        Ecosystem::CratesIo => Purl::new("cargo", "", name, version),
        Ecosystem::Npm => match name.strip_prefix('@').and_then(|r| r.split_once('/')) {
            Some((scope, n)) => Purl::new("npm", &format!("@{scope}"), n, version),
            None => Purl::new("npm", "", name, version),
        },
        Ecosystem::PyPI => Purl::new("pypi", "", &pep503(name), version),
        Ecosystem::Go => {
            let (ns, n) = split_last(name);
            Purl::new("golang", ns, n, version)
        }
        Ecosystem::Maven => match name.split_once(':') {
            Some((g, a)) => Purl::new("maven", g, a, version),
            None => Purl::new("maven", "", name, version),
        },
        Ecosystem::NuGet => Purl::new("nuget", "", name, version),
        Ecosystem::RubyGems => Purl::new("gem", "", name, version),
        Ecosystem::Packagist => {
            let lower = name.to_lowercase();
            let (ns, n) = split_last(&lower);
            Purl::new("composer", ns, n, version)
        }
        Ecosystem::Pub => Purl::new("pub", "", &name.to_lowercase(), version),
        Ecosystem::Hex => Purl::new("hex", "", &name.to_lowercase(), version),
        Ecosystem::SwiftURL => {
            let trimmed = name
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches(".git");
            let (ns, n) = split_last(trimmed);
            Purl::new("swift", ns, n, version)
        }
        Ecosystem::ConanCenter => Purl::new("conan", "", name, version),
        Ecosystem::GitHubActions => {
            let lower = name.to_lowercase();
            let mut parts = lower.splitn(3, '/');
            let owner = parts.next().unwrap_or_default();
            let repo = parts.next().unwrap_or_default();
            let mut p = Purl::new("github", owner, repo, version);
            p.subpath = parts.next().unwrap_or_default().to_string();
            p
        }
    };
    p.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        // Examples from the purl specification's type list.
        assert_eq!(
            purl_for(Ecosystem::CratesIo, "rand", "0.7.2"),
            "pkg:cargo/rand@0.7.2"
        );
        assert_eq!(
            purl_for(Ecosystem::Npm, "@angular/animation", "12.3.1"),
            "pkg:npm/%40angular/animation@12.3.1"
        );
        assert_eq!(
            purl_for(Ecosystem::Npm, "foobar", "12.3.1"),
            "pkg:npm/foobar@12.3.1"
        );
        assert_eq!(
            purl_for(Ecosystem::PyPI, "Django_Allauth", "1.11.1"),
            "pkg:pypi/django-allauth@1.11.1"
        );
        assert_eq!(
            purl_for(Ecosystem::Go, "github.com/gorilla/context", "v1.1.1"),
            "pkg:golang/github.com/gorilla/context@v1.1.1"
        );
        assert_eq!(
            purl_for(
                Ecosystem::Maven,
                "org.apache.xmlgraphics:batik-anim",
                "1.9.1"
            ),
            "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1"
        );
        assert_eq!(
            purl_for(Ecosystem::NuGet, "EnterpriseLibrary.Common", "6.0.1304"),
            "pkg:nuget/EnterpriseLibrary.Common@6.0.1304"
        );
        assert_eq!(
            purl_for(Ecosystem::RubyGems, "ruby-advisory-db-check", "0.12.4"),
            "pkg:gem/ruby-advisory-db-check@0.12.4"
        );
        assert_eq!(
            purl_for(Ecosystem::Packagist, "Laravel/Laravel", "5.5.0"),
            "pkg:composer/laravel/laravel@5.5.0"
        );
        assert_eq!(
            purl_for(
                Ecosystem::SwiftURL,
                "https://github.com/Alamofire/Alamofire.git",
                "5.4.3"
            ),
            "pkg:swift/github.com/Alamofire/Alamofire@5.4.3"
        );
        assert_eq!(
            purl_for(Ecosystem::GitHubActions, "actions/checkout", "v4"),
            "pkg:github/actions/checkout@v4"
        );
        assert_eq!(
            purl_for(Ecosystem::Hex, "Jason", "1.4.0"),
            "pkg:hex/jason@1.4.0"
        );
        assert_eq!(
            purl_for(Ecosystem::Pub, "http", "0.13.3"),
            "pkg:pub/http@0.13.3"
        );
        assert_eq!(
            purl_for(Ecosystem::ConanCenter, "openssl", "3.0.3"),
            "pkg:conan/openssl@3.0.3"
        );
    }

    #[test]
    fn encoding_and_qualifiers() {
        assert_eq!(encode("a b@c/d+e"), "a%20b%40c%2Fd%2Be");
        assert_eq!(encode("1.0.0:beta"), "1.0.0:beta");
        let p = Purl::new("maven", "org.x", "y", "1.0")
            .qualifier("Type", "jar")
            .qualifier("classifier", "sources")
            .qualifier("empty", "");
        assert_eq!(
            p.to_string(),
            "pkg:maven/org.x/y@1.0?classifier=sources&type=jar"
        );
        let mut g = Purl::new("github", "o", "r", "v1");
        g.subpath = "a/../b".into();
        assert_eq!(g.to_string(), "pkg:github/o/r@v1#a/b");
        assert_eq!(Purl::new("cargo", "", "x", "").to_string(), "pkg:cargo/x");
    }

    #[test]
    fn names() {
        assert_eq!(pep503("Foo__Bar.-baz"), "foo-bar-baz");
        assert_eq!(
            normalize_name(Ecosystem::PyPI, "zope.interface"),
            "zope-interface"
        );
        assert_eq!(
            normalize_name(Ecosystem::CratesIo, "Serde_json"),
            "Serde_json"
        );
        assert_eq!(normalize_name(Ecosystem::Npm, "JSONStream"), "JSONStream");
    }
}
