//! Semantic Versioning 2.0.0 (<https://semver.org>), shared by SemVer ecosystems and Go.
//!
//! Precedence follows §11: major, minor, patch numerically; a pre-release sorts before
//! its release; pre-release identifiers compare left to right, numeric ones numerically,
//! alphanumeric ones in ASCII order, numeric before alphanumeric, and a shorter list
//! before a longer one with the same prefix; build metadata is ignored.
//!
//! Leniency (documented in docs/versions.md): a leading `=` and/or `v`/`V`, missing minor
//! or patch (`1` = `1.0.0`, OSV's `introduced: "0"`), and leading zeros (compared
//! numerically) are accepted. Everything else that is not SemVer is an error.

use std::cmp::Ordering;

use crate::num::{Span, all_digits, cmp_digits, parse_u64};

/// A parsed SemVer version; pre-release and build are spans into the text.
#[derive(Debug, Clone)]
pub(crate) struct SemVer {
    pub(crate) major: u64,
    pub(crate) minor: u64,
    pub(crate) patch: u64,
    pub(crate) pre: Option<Span>,
    pub(crate) build: Option<Span>,
}

impl SemVer {
    /// Whether it has a pre-release part.
    pub(crate) fn is_prerelease(&self) -> bool {
        self.pre.is_some()
    }

    /// `MAJOR.MINOR.PATCH[-PRE][+BUILD]` without prefix, padding or leading zeros.
    pub(crate) fn normalized(&self, text: &str) -> String {
        let mut s = format!("{}.{}.{}", self.major, self.minor, self.patch);
        if let Some(p) = self.pre {
            s.push('-');
            s.push_str(p.of(text));
        }
        if let Some(b) = self.build {
            s.push('+');
            s.push_str(b.of(text));
        }
        s
    }
}

/// Parses SemVer text, accepting an optional `=` then an optional `v`/`V`.
pub(crate) fn parse(text: &str) -> Result<SemVer, &'static str> {
    let mut start = 0;
    if text.starts_with('=') {
        start = 1;
    }
    if text[start..].starts_with(['v', 'V']) {
        start += 1;
    }
    parse_from(text, start)
}

/// Parses the SemVer grammar starting at byte `start` of `text`.
pub(crate) fn parse_from(text: &str, start: usize) -> Result<SemVer, &'static str> {
    let b = text.as_bytes();
    let mut i = start;
    let mut nums = [0u64; 3];
    for (k, slot) in nums.iter_mut().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'.') {
                break;
            }
            i += 1;
        }
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if s == i {
            return Err(if k == 0 {
                "must start with a number"
            } else {
                "expected a number after `.`"
            });
        }
        *slot = parse_u64(&text[s..i]).ok_or("number too large")?;
    }
    let mut pre = None;
    let mut build = None;
    if b.get(i) == Some(&b'-') {
        let s = i + 1;
        let end = text[s..].find('+').map_or(text.len(), |p| s + p);
        check_identifiers(&text[s..end], "empty pre-release identifier")?;
        pre = Some(Span::new(s, end));
        i = end;
    }
    if b.get(i) == Some(&b'+') {
        let s = i + 1;
        check_identifiers(&text[s..], "empty build metadata identifier")?;
        build = Some(Span::new(s, text.len()));
        i = text.len();
    }
    if i != text.len() {
        return Err(if b.get(i) == Some(&b'.') {
            "more than three numeric components"
        } else {
            "unexpected character after the version core"
        });
    }
    let [major, minor, patch] = nums;
    Ok(SemVer {
        major,
        minor,
        patch,
        pre,
        build,
    })
}

/// Dot-separated, non-empty identifiers of `[0-9A-Za-z-]`.
fn check_identifiers(s: &str, empty: &'static str) -> Result<(), &'static str> {
    for id in s.split('.') {
        if id.is_empty() {
            return Err(empty);
        }
        if !id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
            return Err("identifiers may contain only ASCII letters, digits and `-`");
        }
    }
    Ok(())
}

/// SemVer precedence (§11).
pub(crate) fn compare(a: &SemVer, at: &str, b: &SemVer, bt: &str) -> Ordering {
    (a.major, a.minor, a.patch)
        .cmp(&(b.major, b.minor, b.patch))
        .then_with(|| match (a.pre, b.pre) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => compare_prerelease(x.of(at), y.of(bt)),
        })
}

/// Compares dot-separated pre-release identifiers per SemVer §11.4.
pub(crate) fn compare_prerelease(a: &str, b: &str) -> Ordering {
    let mut xs = a.split('.');
    let mut ys = b.split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = match (all_digits(x), all_digits(y)) {
                    (true, true) => cmp_digits(x, y),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => x.cmp(y),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::SemVer, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn spec_precedence_examples() {
        // semver.org §11: "1.0.0 < 2.0.0 < 2.1.0 < 2.1.1" and
        // "1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
        //  < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0".
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn build_metadata_ignored_and_leniency() {
        assert_eq!(v("1.0.0+20130313144700"), v("1.0.0"));
        assert_eq!(v("1.0.0-beta+exp.sha.5114f85"), v("1.0.0-beta"));
        assert_eq!(v("v1.2.3"), v("1.2.3"));
        assert_eq!(v("=1.2.3"), v("1.2.3"));
        assert_eq!(v("0"), v("0.0.0"));
        assert_eq!(v("1.2"), v("1.2.0"));
        assert_eq!(v("01.2.3"), v("1.2.3"));
        assert_eq!(v("1.0.0-x-y-z.--").normalized(), "1.0.0-x-y-z.--");
        assert_eq!(v("v01.2+b").normalized(), "1.2.0+b");
    }

    #[test]
    fn invalid() {
        for s in [
            "",
            "v",
            "a.b.c",
            "1.",
            "1..2",
            "1.2.3.4",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "1.2.3-a_b",
            "1.2.3 4",
            "-1.2.3",
            "1.2.3-é",
            "99999999999999999999.0.0",
        ] {
            assert!(Version::parse(Scheme::SemVer, s).is_err(), "{s:?}");
        }
    }
}
