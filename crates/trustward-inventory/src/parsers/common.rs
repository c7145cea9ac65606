//! Helpers shared by the parsers: building a [`Package`], byte offsets to lines, TOML
//! errors to [`ParseError`]s, and lockfile hash strings to [`PackageHash`]es.

use super::ParseError;
use crate::model::{Ecosystem, Package, PackageHash, Scope, SourceRef};
use crate::purl::{normalize_name, purl_for};

/// Builds a package with its normalised name and purl.
pub fn package(
    eco: Ecosystem,
    name: &str,
    version: &str,
    scope: Scope,
    direct: Option<bool>,
    path: &str,
    line: Option<u32>,
) -> Package {
    Package {
        ecosystem: eco,
        name: normalize_name(eco, name),
        version: version.to_string(),
        purl: purl_for(eco, name, version),
        scope,
        direct,
        source: SourceRef {
            path: path.to_string(),
            line,
        },
        hashes: Vec::new(),
        dependencies: Vec::new(),
    }
}

/// Maps byte offsets to 1-based line numbers.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    /// The line of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(idx + 1).unwrap_or(u32::MAX)
    }
}

/// Parses TOML into `T`, turning a syntax or shape error into a [`ParseError`] at its line.
pub fn toml_from_str<T: serde::de::DeserializeOwned>(
    text: &str,
    lines: &Lines,
) -> Result<T, ParseError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| lines.line(s.start));
        let msg = e.message().trim().to_string();
        ParseError::at(line, msg)
    })
}

/// Maps a hash algorithm name as lockfiles write it to CycloneDX's name.
pub fn alg_name(alg: &str) -> Option<&'static str> {
    match alg.to_ascii_lowercase().replace('-', "").as_str() {
        "sha1" => Some("SHA-1"),
        "sha256" => Some("SHA-256"),
        "sha384" => Some("SHA-384"),
        "sha512" => Some("SHA-512"),
        "md5" => Some("MD5"),
        "blake2b256" => Some("BLAKE2b-256"),
        "sha3256" => Some("SHA3-256"),
        _ => None,
    }
}

/// A hex digest with a known algorithm (`sha256:abcd…` or `sha256=abcd…`).
pub fn hex_hash(s: &str) -> Option<PackageHash> {
    let (alg, value) = s.split_once(':').or_else(|| s.split_once('='))?;
    let alg = alg_name(alg)?;
    let value = value.trim().to_ascii_lowercase();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(PackageHash {
        alg: alg.to_string(),
        value,
    })
}

/// A hex digest of a given algorithm.
pub fn hex_with_alg(alg: &str, value: &str) -> Option<PackageHash> {
    hex_hash(&format!("{alg}:{value}"))
}

/// Subresource-integrity strings (`sha512-<base64> sha1-<base64>`) as hex hashes.
pub fn sri_hashes(s: &str) -> Vec<PackageHash> {
    s.split_whitespace()
        .filter_map(|part| {
            let (alg, b64) = part.split_once('-')?;
            let alg = alg_name(alg)?;
            let bytes = base64_decode(b64)?;
            Some(PackageHash {
                alg: alg.to_string(),
                value: to_hex(&bytes),
            })
        })
        .collect()
}

/// Lowercase hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// Standard base64 (padding optional); `None` on any invalid character.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Whether a URL or source string points at a git repository.
pub fn is_git_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("git+")
        || l.starts_with("git://")
        || l.starts_with("git@")
        || l.starts_with("github:")
        || l.starts_with("gitlab:")
        || l.starts_with("bitbucket:")
        || (l.starts_with("https://") || l.starts_with("http://")) && l.contains(".git#")
        || l.ends_with(".git")
}

/// Whether a URL is plain `http://` (not `https://`).
pub fn is_plain_http(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("git+http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri() {
        // sha1 of "" is da39a3ee5e6b4b0d3255bfef95601890afd80709; base64 2jmj7l5rSw0yVb/vlWAYkK/YBwk=
        let h = sri_hashes("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
        assert_eq!(h[0].alg, "SHA-1");
        assert_eq!(h[0].value, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert!(sri_hashes("sha512-!!").is_empty());
    }

    #[test]
    fn lines() {
        let l = Lines::new("a\nbb\nc");
        assert_eq!(l.line(0), 1);
        assert_eq!(l.line(2), 2);
        assert_eq!(l.line(5), 3);
        assert_eq!(l.line(500), 3);
    }

    #[test]
    fn hex() {
        assert_eq!(hex_hash("sha256:ABCD").unwrap().value, "abcd");
        assert!(hex_hash("sha256:xyz").is_none());
        assert!(hex_hash("crc:00").is_none());
    }
}
