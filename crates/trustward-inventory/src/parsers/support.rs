//! Shared plumbing for the lockfile parsers: the parse result, byte offset → line lookup,
//! package construction and the caps every parser applies to hostile input.

use super::{ParseError, ParseInput, Parsed};
use crate::model::{Ecosystem, Issue, IssueKind, Package, PackageHash, Scope, SourceRef};

/// Most packages one file may yield; the rest is reported as an error.
pub const MAX_PACKAGES: usize = 200_000;
/// Deepest nesting a hand-written term/XML parser follows.
pub const MAX_DEPTH: usize = 64;

/// What one of these parsers collected from one file; [`Collected::finish`] turns it into
/// the registry's [`super::Parsed`] (or a [`super::ParseError`] when the file could not be
/// read at all).
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// Format name with version (`go.mod`, `Package.resolved v2` …).
    pub format: String,
    /// Packages, in file order.
    pub packages: Vec<Package>,
    /// Problems with the line and the reason; the rest of the file was still read.
    pub errors: Vec<(Option<u32>, String)>,
    /// What the inventory analyzer reports (git sources, local path dependencies).
    pub issues: Vec<Issue>,
    /// Informational notes (`exclude` directives, SDK packages, imported BOMs …).
    pub notes: Vec<(Option<u32>, String)>,
    /// Set when the file could not be read at all (syntax error, wrong format).
    pub fatal: Option<ParseError>,
    /// The project's own name and version when the file states them (go.mod `module`,
    /// pom coordinates).
    pub project: Option<(String, String)>,
}

impl Collected {
    /// An empty result for `format`.
    pub fn new(format: impl Into<String>) -> Self {
        Collected {
            format: format.into(),
            ..Collected::default()
        }
    }

    /// Records an error at `line`; reading goes on.
    pub fn error(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.errors.push((line, message.into()));
    }

    /// Records that the file cannot be read at all.
    pub fn fail(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.fatal = Some(ParseError::at(line, message));
    }

    /// Records a note at `line`.
    pub fn note(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.notes.push((line, message.into()));
    }

    /// Records an issue for the inventory analyzer.
    pub fn issue(
        &mut self,
        kind: IssueKind,
        path: &str,
        line: Option<u32>,
        name: &str,
        detail: &str,
    ) {
        self.issues.push(Issue {
            kind,
            source: SourceRef {
                path: path.to_string(),
                line,
            },
            name: name.to_string(),
            detail: detail.to_string(),
        });
    }

    /// Adds a package unless the per-file cap is reached (then reports it once).
    pub fn push(&mut self, pkg: Package) {
        if self.packages.len() == MAX_PACKAGES {
            self.error(
                None,
                format!("more than {MAX_PACKAGES} packages; the rest was not read"),
            );
        }
        if self.packages.len() < MAX_PACKAGES {
            self.packages.push(pkg);
        }
    }

    /// The registry's result: a fatal problem becomes the error, the rest is kept.
    pub fn finish(self) -> Result<Parsed, ParseError> {
        if let Some(f) = self.fatal {
            return Err(f);
        }
        Ok(Parsed {
            format: self.format,
            packages: self.packages,
            issues: self.issues,
            errors: self.errors,
        })
    }
}

/// Adapts a `parse(path, text)` function of this group to the registry's signature.
pub fn run(input: &ParseInput<'_>, f: fn(&str, &str) -> Collected) -> Result<Parsed, ParseError> {
    f(input.path, input.text).finish()
}

/// A package with no hashes and no edges yet.
#[allow(clippy::too_many_arguments)]
pub fn package(
    ecosystem: Ecosystem,
    name: impl Into<String>,
    version: impl Into<String>,
    purl: String,
    scope: Scope,
    direct: Option<bool>,
    path: &str,
    line: Option<u32>,
) -> Package {
    Package {
        ecosystem,
        name: name.into(),
        version: version.into(),
        purl,
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

/// Byte offset → 1-based line number.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(idx + 1).unwrap_or(u32::MAX)
    }
}

/// Finds JSON string tokens in order, so a parser that walked a `serde_json::Value` can
/// still report the line of each entry: `find(needle)` returns the line of the next
/// `"needle"` at or after the cursor and moves the cursor past it.
#[derive(Debug)]
pub struct JsonLines<'a> {
    text: &'a str,
    index: LineIndex,
    cursor: usize,
}

impl<'a> JsonLines<'a> {
    /// Starts at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        JsonLines {
            text,
            index: LineIndex::new(text),
            cursor: 0,
        }
    }

    /// Line of the next occurrence of the JSON string `s` (as serde_json would write it).
    pub fn find(&mut self, s: &str) -> Option<u32> {
        let quoted = serde_json::to_string(s).ok()?;
        let rest = self.text.get(self.cursor..)?;
        let pos = rest.find(&quoted)?;
        let abs = self.cursor + pos;
        self.cursor = abs + quoted.len();
        Some(self.index.line(abs))
    }

    /// Line of the next `"key": "value"` pair at or after the cursor; moves past it.
    pub fn find_pair(&mut self, key: &str, value: &str) -> Option<u32> {
        let qv = serde_json::to_string(value).ok()?;
        self.find_key_then(key, |after| after.starts_with(&qv))
    }

    /// Line of the next object member `"key": {` at or after the cursor; moves past it.
    pub fn find_object(&mut self, key: &str) -> Option<u32> {
        self.find_key_then(key, |after| after.starts_with('{'))
    }

    /// Line of the next `"key":` whose value (text after the colon, whitespace skipped)
    /// satisfies `pred`.
    fn find_key_then(&mut self, key: &str, pred: impl Fn(&str) -> bool) -> Option<u32> {
        let qk = serde_json::to_string(key).ok()?;
        let mut from = self.cursor;
        loop {
            let rest = self.text.get(from..)?;
            let pos = rest.find(&qk)?;
            let start = from + pos;
            let after = self.text.get(start + qk.len()..)?.trim_start();
            if let Some(after) = after.strip_prefix(':')
                && pred(after.trim_start())
            {
                self.cursor = start + qk.len();
                return Some(self.index.line(start));
            }
            from = start + qk.len();
        }
    }

    /// Moves the cursor back to the start of the text.
    pub fn rewind(&mut self) {
        self.cursor = 0;
    }

    /// Line of the next `s` without moving the cursor.
    pub fn peek(&self, s: &str) -> Option<u32> {
        let quoted = serde_json::to_string(s).ok()?;
        let rest = self.text.get(self.cursor..)?;
        rest.find(&quoted).map(|p| self.index.line(self.cursor + p))
    }
}

/// Parses JSON, turning a syntax error into a fatal error at its line.
pub fn parse_json(text: &str, out: &mut Collected) -> Option<serde_json::Value> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            out.fail(
                u32::try_from(e.line()).ok().filter(|l| *l > 0),
                format!("not valid JSON: {e}"),
            );
            None
        }
    }
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// A hash from a base64 digest (`sha512-…` style values); `None` if it does not decode to
/// the algorithm's length.
pub fn hash_from_base64(alg: &str, b64: &str) -> Option<PackageHash> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let want = match alg {
        "SHA-1" => 20,
        "SHA-256" => 32,
        "SHA-384" => 48,
        "SHA-512" => 64,
        _ => return None,
    };
    (bytes.len() == want).then(|| PackageHash {
        alg: alg.to_string(),
        value: to_hex(&bytes),
    })
}

/// A hash from a hex digest, checked for length and lowercased.
pub fn hash_from_hex(alg: &str, hex: &str) -> Option<PackageHash> {
    let want = match alg {
        "SHA-1" => 40,
        "SHA-256" => 64,
        "SHA-384" => 96,
        "SHA-512" => 128,
        _ => return None,
    };
    let hex = hex.trim();
    (hex.len() == want && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| PackageHash {
        alg: alg.to_string(),
        value: hex.to_ascii_lowercase(),
    })
}

/// Resolves edges recorded by name into purls, once every package of a file is known.
/// `edges[i]` holds the names package `i` depends on; unknown names are dropped.
pub fn link_by_name(
    packages: &mut [Package],
    edges: &[Vec<String>],
    key: impl Fn(&Package) -> String,
) {
    let map: std::collections::HashMap<String, String> =
        packages.iter().map(|p| (key(p), p.purl.clone())).collect();
    for (pkg, deps) in packages.iter_mut().zip(edges) {
        let mut out: Vec<String> = deps.iter().filter_map(|d| map.get(d).cloned()).collect();
        out.sort();
        out.dedup();
        out.retain(|p| *p != pkg.purl);
        pkg.dependencies = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let idx = LineIndex::new("a\nbb\n\nc");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
        let mut j = JsonLines::new("{\n\"a\": 1,\n\"a\": 2}");
        assert_eq!(j.find("a"), Some(2));
        assert_eq!(j.find("a"), Some(3));
        assert_eq!(j.find("a"), None);
    }

    #[test]
    fn hashes() {
        assert_eq!(
            hash_from_base64("SHA-1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=").map(|h| h.value),
            Some("0".repeat(40))
        );
        assert!(hash_from_base64("SHA-512", "AAAA").is_none());
        assert!(hash_from_hex("SHA-256", "xyz").is_none());
    }
}
