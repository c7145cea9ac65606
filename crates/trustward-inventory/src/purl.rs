//! Package URLs (purl spec): the one module that builds, parses and checks them, plus
//! per-ecosystem name normalisation.
//!
//! Building uses [`Purl`] and its `Display` (the per-type helpers [`golang`], [`maven`] …
//! add the qualifiers some parsers need); parsing and validity checks use the `packageurl`
//! crate (a spec parser: percent-decoding, type/name rules, subpath `.`/`..` removal) and
//! turn its result into a [`Purl`].
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
        Ecosystem::Debian => Purl::new("deb", "debian", name, version),
        Ecosystem::Alpine => Purl::new("apk", "alpine", name, version),
        Ecosystem::Cran => Purl::new("cran", "", name, version),
    };
    p.to_string()
}

/// Builds `pkg:TYPE/NAMESPACE/NAME@VERSION?QUALIFIERS` with [`Purl`] (one encoding for the
/// whole crate); empty version and qualifiers are left out.
pub fn build(
    ty: &str,
    namespace: Option<&str>,
    name: &str,
    version: &str,
    qualifiers: &[(&str, &str)],
) -> String {
    let mut p = Purl::new(ty, namespace.unwrap_or(""), name, version);
    for (k, v) in qualifiers {
        p = p.qualifier(k, v);
    }
    p.to_string()
}

/// Splits a `/`-separated path into (namespace, last segment).
fn split_last_opt(path: &str) -> (Option<&str>, &str) {
    match path.rsplit_once('/') {
        Some((ns, name)) => (Some(ns), name),
        None => (None, path),
    }
}

/// `pkg:golang/...` for a Go module path (kept as is, not lowercased).
pub fn golang(module: &str, version: &str) -> String {
    let (ns, name) = split_last_opt(module);
    build("golang", ns, name, version, &[])
}

/// `pkg:maven/group/artifact@version` with optional `type`/`classifier` qualifiers.
pub fn maven(group: &str, artifact: &str, version: &str, ty: &str, classifier: &str) -> String {
    let ty = if ty == "jar" { "" } else { ty };
    build(
        "maven",
        Some(group),
        artifact,
        version,
        &[("classifier", classifier), ("type", ty)],
    )
}

/// `pkg:nuget/Name@version` (case kept).
pub fn nuget(name: &str, version: &str) -> String {
    build("nuget", None, name, version, &[])
}

/// `pkg:gem/name@version` with the `platform` qualifier when it is not `ruby`.
pub fn gem(name: &str, version: &str, platform: &str) -> String {
    let platform = if platform == "ruby" { "" } else { platform };
    build("gem", None, name, version, &[("platform", platform)])
}

/// `pkg:composer/vendor/name@version` (lowercased as the spec requires).
pub fn composer(name: &str, version: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let (ns, n) = split_last_opt(&lower);
    build("composer", ns, n, version, &[])
}

/// `pkg:pub/name@version` (lowercased).
pub fn pub_dev(name: &str, version: &str) -> String {
    build("pub", None, &name.to_ascii_lowercase(), version, &[])
}

/// `pkg:hex/name@version` (lowercased); a private Hex organisation is the namespace.
pub fn hex(organisation: Option<&str>, name: &str, version: &str) -> String {
    let org = organisation.map(|o| o.to_ascii_lowercase());
    build(
        "hex",
        org.as_deref(),
        &name.to_ascii_lowercase(),
        version,
        &[],
    )
}

/// `pkg:swift/github.com/owner/repo@version` from a SwiftURL-style name.
pub fn swift(name: &str, version: &str) -> String {
    let (ns, n) = split_last_opt(name);
    build("swift", ns, n, version, &[])
}

/// `pkg:conan/name@version` with `user`, `channel` and `rrev` qualifiers.
pub fn conan(name: &str, version: &str, user: &str, channel: &str, rrev: &str) -> String {
    build(
        "conan",
        None,
        name,
        version,
        &[("channel", channel), ("rrev", rrev), ("user", user)],
    )
}

/// Parses a purl with the `packageurl` crate; `None` when it is not a valid purl.
pub fn parse(s: &str) -> Option<Purl> {
    use std::str::FromStr;
    let p = packageurl::PackageUrl::from_str(s.trim()).ok()?;
    if p.name().is_empty() {
        return None;
    }
    Some(Purl {
        ty: p.ty().to_ascii_lowercase(),
        namespace: p.namespace().unwrap_or_default().to_string(),
        name: p.name().to_string(),
        version: p.version().unwrap_or_default().to_string(),
        qualifiers: p
            .qualifiers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        subpath: p.subpath().unwrap_or_default().to_string(),
    })
}

/// Whether `s` is a purl the spec accepts (what SBOM writers check before writing one).
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

impl Purl {
    /// The OSV ecosystem of this purl type, when trustward knows it.
    pub fn ecosystem(&self) -> Option<Ecosystem> {
        Some(match self.ty.as_str() {
            "cargo" => Ecosystem::CratesIo,
            "npm" => Ecosystem::Npm,
            "pypi" => Ecosystem::PyPI,
            "golang" => Ecosystem::Go,
            "maven" => Ecosystem::Maven,
            "nuget" => Ecosystem::NuGet,
            "gem" => Ecosystem::RubyGems,
            "composer" => Ecosystem::Packagist,
            "pub" => Ecosystem::Pub,
            "hex" => Ecosystem::Hex,
            "swift" => Ecosystem::SwiftURL,
            "conan" => Ecosystem::ConanCenter,
            "deb" if self.namespace.eq_ignore_ascii_case("debian") => Ecosystem::Debian,
            "apk" if self.namespace.eq_ignore_ascii_case("alpine") => Ecosystem::Alpine,
            "cran" => Ecosystem::Cran,
            "github" | "githubactions" => Ecosystem::GitHubActions,
            _ => return None,
        })
    }

    /// The package name as the ecosystem (and OSV) spells it: `group:artifact` for Maven,
    /// `@scope/name` for npm, `vendor/name` for Packagist, the full path for Go and Swift,
    /// the PEP 503 form for PyPI.
    pub fn ecosystem_name(&self) -> String {
        let ns = Some(self.namespace.as_str()).filter(|n| !n.is_empty());
        match (self.ty.as_str(), ns) {
            ("maven", Some(ns)) => format!("{ns}:{}", self.name),
            ("pypi", _) => pep503(&self.name),
            ("npm" | "composer" | "golang" | "swift" | "github" | "githubactions", Some(ns)) => {
                format!("{ns}/{}", self.name)
            }
            _ => self.name.clone(),
        }
    }
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

    #[test]
    fn builds_per_type() {
        assert_eq!(
            golang("github.com/gorilla/mux", "v1.8.0"),
            "pkg:golang/github.com/gorilla/mux@v1.8.0"
        );
        assert_eq!(
            maven("org.apache.commons", "commons-lang3", "3.12.0", "jar", ""),
            "pkg:maven/org.apache.commons/commons-lang3@3.12.0"
        );
        assert_eq!(
            gem("nokogiri", "1.13.10", "x86_64-linux"),
            "pkg:gem/nokogiri@1.13.10?platform=x86_64-linux"
        );
        assert_eq!(
            composer("Symfony/Console", "v6.0.0"),
            "pkg:composer/symfony/console@v6.0.0"
        );
        assert_eq!(
            conan("zlib", "1.2.13", "", "", "abc"),
            "pkg:conan/zlib@1.2.13?rrev=abc"
        );
        assert_eq!(
            swift("github.com/apple/swift-nio", "2.0.0"),
            "pkg:swift/github.com/apple/swift-nio@2.0.0"
        );
        assert_eq!(
            nuget("Newtonsoft.Json", "13.0.1+b"),
            "pkg:nuget/Newtonsoft.Json@13.0.1%2Bb"
        );
    }

    #[test]
    fn built_purls_parse_back() {
        for eco in [
            Ecosystem::Npm,
            Ecosystem::Maven,
            Ecosystem::Go,
            Ecosystem::PyPI,
        ] {
            let name = match eco {
                Ecosystem::Npm => "@s/n",
                Ecosystem::Maven => "g.h:a",
                Ecosystem::Go => "example.com/a/b",
                _ => "a_b",
            };
            let text = purl_for(eco, name, "1.0+x y");
            let p = parse(&text).unwrap();
            assert_eq!(p.ecosystem(), Some(eco));
            assert_eq!(p.ecosystem_name(), normalize_name(eco, name));
            assert_eq!(p.version, "1.0+x y");
        }
        assert!(!is_valid("pkg:npm"));
        assert!(!is_valid("not a purl"));
        assert!(is_valid("pkg:generic/x@1"));
    }

    #[test]
    fn parses_back() {
        let p = parse("pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=pom").unwrap();
        assert_eq!(p.ecosystem(), Some(Ecosystem::Maven));
        assert_eq!(p.ecosystem_name(), "org.apache.commons:commons-lang3");
        assert_eq!(p.version, "3.12.0");
        let p = parse("pkg:npm/%40babel/core@7.0.0").unwrap();
        assert_eq!(p.ecosystem_name(), "@babel/core");
        let p = parse("pkg:pypi/Django_Rest.Framework@1").unwrap();
        assert_eq!(p.ecosystem_name(), "django-rest-framework");
        assert!(parse("pkg:").is_none());
        assert!(parse("pkg:npm/").is_none());
        assert!(parse("npm/x").is_none());
    }
}
