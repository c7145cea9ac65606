//! A small Package URL parser (<https://github.com/package-url/purl-spec>) for
//! `trustward vulns --purl`, mapping purl types onto OSV ecosystems and names.

/// A parsed purl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purl {
    /// Lowercased type (`npm`, `pypi`, `maven` …).
    pub kind: String,
    /// Percent-decoded namespace segments joined by `/`.
    pub namespace: Option<String>,
    /// Percent-decoded name.
    pub name: String,
    /// Percent-decoded version.
    pub version: Option<String>,
}

/// Why a purl could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid purl `{input}`: {reason}")]
pub struct PurlError {
    /// The text given.
    pub input: String,
    /// What is wrong.
    pub reason: String,
}

const MAX_PURL_LEN: usize = 4096;

impl Purl {
    /// Parses `pkg:type/namespace/name@version?qualifiers#subpath`.
    pub fn parse(input: &str) -> Result<Purl, PurlError> {
        let err = |reason: &str| PurlError {
            input: input.chars().take(200).collect(),
            reason: reason.to_string(),
        };
        if input.len() > MAX_PURL_LEN {
            return Err(err("longer than 4096 bytes"));
        }
        let s = input.trim();
        let rest = s
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("pkg:"))
            .map(|_| &s[4..])
            .ok_or_else(|| err("must start with `pkg:`"))?;
        let rest = rest.trim_start_matches('/');
        let rest = rest.split_once('#').map_or(rest, |(a, _)| a);
        let rest = rest.split_once('?').map_or(rest, |(a, _)| a);
        let (kind, path) = rest
            .split_once('/')
            .ok_or_else(|| err("missing `/` after the type"))?;
        let kind = kind.to_ascii_lowercase();
        if kind.is_empty()
            || !kind
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".+-".contains(c))
        {
            return Err(err("bad type"));
        }
        let (path, version) = match path.rsplit_once('@') {
            Some((p, v)) => (p, Some(decode(v).map_err(&err)?)),
            None => (path, None),
        };
        let segments: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let Some((last, ns)) = segments.split_last() else {
            return Err(err("missing name"));
        };
        let name = decode(last).map_err(&err)?;
        if name.is_empty() {
            return Err(err("missing name"));
        }
        let namespace = if ns.is_empty() {
            None
        } else {
            let parts: Result<Vec<String>, _> = ns.iter().map(|p| decode(p)).collect();
            Some(parts.map_err(err)?.join("/"))
        };
        Ok(Purl {
            kind,
            namespace,
            name,
            version: version.filter(|v| !v.is_empty()),
        })
    }

    /// The OSV ecosystem for this purl's type, if OSV has one.
    pub fn ecosystem(&self) -> Option<&'static str> {
        Some(match self.kind.as_str() {
            "cargo" => "crates.io",
            "npm" => "npm",
            "pypi" => "PyPI",
            "golang" => "Go",
            "maven" => "Maven",
            "nuget" => "NuGet",
            "gem" => "RubyGems",
            "composer" => "Packagist",
            "pub" => "Pub",
            "hex" => "Hex",
            "swift" => "SwiftURL",
            "conan" => "ConanCenter",
            "github" | "githubactions" => "GitHub Actions",
            _ => return None,
        })
    }

    /// The package name as OSV spells it: npm `@scope/name`, Maven `group:artifact`,
    /// Go/Swift/GitHub `namespace/name`, Packagist `vendor/name`, PyPI PEP 503.
    pub fn osv_name(&self) -> String {
        let ns = self.namespace.as_deref();
        match (self.kind.as_str(), ns) {
            ("maven", Some(g)) => format!("{g}:{}", self.name),
            ("pypi", _) => crate::ecosystem::normalize_name("PyPI", &self.name),
            (_, Some(ns)) => format!("{ns}/{}", self.name),
            (_, None) => self.name.clone(),
        }
    }
}

/// Percent-decodes one component.
fn decode(s: &str) -> Result<String, &'static str> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = b.get(i + 1..i + 3).ok_or("truncated percent escape")?;
            let hex = std::str::from_utf8(hex).map_err(|_| "bad percent escape")?;
            let v = u8::from_str_radix(hex, 16).map_err(|_| "bad percent escape")?;
            out.push(v);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "percent escape is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_scoped() {
        let p = Purl::parse("pkg:npm/%40angular/core@16.0.0").unwrap();
        assert_eq!(p.ecosystem(), Some("npm"));
        assert_eq!(p.osv_name(), "@angular/core");
        assert_eq!(p.version.as_deref(), Some("16.0.0"));
        let p = Purl::parse("pkg:npm/lodash@4.17.20").unwrap();
        assert_eq!(p.osv_name(), "lodash");
    }

    #[test]
    fn maven_go_pypi() {
        let p =
            Purl::parse("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar").unwrap();
        assert_eq!(p.osv_name(), "org.apache.logging.log4j:log4j-core");
        assert_eq!(p.version.as_deref(), Some("2.14.1"));
        let p = Purl::parse("pkg:golang/github.com/gin-gonic/gin@v1.6.0").unwrap();
        assert_eq!(p.ecosystem(), Some("Go"));
        assert_eq!(p.osv_name(), "github.com/gin-gonic/gin");
        let p = Purl::parse("pkg:pypi/Django_Rest@3.2.0#sub/path").unwrap();
        assert_eq!(p.osv_name(), "django-rest");
        let p = Purl::parse("PKG:cargo/smallvec@1.6.0").unwrap();
        assert_eq!(p.ecosystem(), Some("crates.io"));
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "npm/x",
            "pkg:",
            "pkg:npm",
            "pkg:npm/",
            "pkg:npm/%4",
            "pkg:np m/x",
        ] {
            assert!(Purl::parse(bad).is_err(), "{bad}");
        }
        assert!(Purl::parse("pkg:npm/x").unwrap().version.is_none());
    }
}
