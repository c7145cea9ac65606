//! purl helpers for the Go, Maven, NuGet, RubyGems, Packagist, Pub, Hex, Swift and Conan
//! parsers (qualifiers such as `platform`, `rrev`, `classifier` that [`crate::purl::purl_for`]
//! does not take), and a purl parser used by the SBOM readers to turn a purl back into an
//! ecosystem, name and version.

use crate::model::Ecosystem;

/// Decodes `%XX` escapes (invalid escapes are kept as they are).
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16)),
                bytes.get(i + 2).and_then(|c| (*c as char).to_digit(16)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Builds `pkg:TYPE/NAMESPACE/NAME@VERSION?QUALIFIERS` with [`crate::purl::Purl`] (one
/// encoding for the whole crate); empty version and qualifiers are left out.
pub fn build(
    ty: &str,
    namespace: Option<&str>,
    name: &str,
    version: &str,
    qualifiers: &[(&str, &str)],
) -> String {
    let mut p = crate::purl::Purl::new(ty, namespace.unwrap_or(""), name, version);
    for (k, v) in qualifiers {
        p = p.qualifier(k, v);
    }
    p.to_string()
}

/// Splits a `/`-separated path into (namespace, last segment).
fn split_last(path: &str) -> (Option<&str>, &str) {
    match path.rsplit_once('/') {
        Some((ns, name)) => (Some(ns), name),
        None => (None, path),
    }
}

/// `pkg:golang/...` for a Go module path (kept as is, not lowercased).
pub fn golang(module: &str, version: &str) -> String {
    let (ns, name) = split_last(module);
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
    let (ns, n) = split_last(&lower);
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
    let (ns, n) = split_last(name);
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

/// A parsed purl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purl {
    /// Type (`npm`, `maven` …), lowercase.
    pub ty: String,
    /// Decoded namespace segments joined by `/`.
    pub namespace: Option<String>,
    /// Decoded name.
    pub name: String,
    /// Decoded version (empty when absent).
    pub version: String,
    /// Decoded qualifiers in the order they appear.
    pub qualifiers: Vec<(String, String)>,
}

/// Parses a purl; `None` when it is not `pkg:type/…name`.
pub fn parse(s: &str) -> Option<Purl> {
    let rest = s.trim().strip_prefix("pkg:")?;
    let rest = rest.trim_start_matches('/');
    let rest = rest.split_once('#').map_or(rest, |(a, _)| a);
    let (rest, quals) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (ty, path) = rest.split_once('/')?;
    if ty.is_empty() {
        return None;
    }
    let (path, version) = match path.rsplit_once('@') {
        Some((p, v)) if !p.is_empty() => (p, decode(v)),
        _ => (path, String::new()),
    };
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (name, ns) = segs.split_last()?;
    let name = decode(name);
    if name.is_empty() {
        return None;
    }
    let namespace = if ns.is_empty() {
        None
    } else {
        Some(ns.iter().map(|s| decode(s)).collect::<Vec<_>>().join("/"))
    };
    let qualifiers = quals
        .map(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_ascii_lowercase(), decode(v)))
                .collect()
        })
        .unwrap_or_default();
    Some(Purl {
        ty: ty.to_ascii_lowercase(),
        namespace,
        name,
        version,
        qualifiers,
    })
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
            "github" | "githubactions" => Ecosystem::GitHubActions,
            _ => return None,
        })
    }

    /// The package name as the ecosystem (and OSV) spells it: `group:artifact` for Maven,
    /// `@scope/name` for npm, `vendor/name` for Packagist, the full path for Go and Swift,
    /// the PEP 503 form for PyPI.
    pub fn ecosystem_name(&self) -> String {
        let ns = self.namespace.as_deref().filter(|n| !n.is_empty());
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

use crate::purl::pep503;

#[cfg(test)]
mod tests {
    use super::*;

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
