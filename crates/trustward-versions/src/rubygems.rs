//! RubyGems versions, ordered like `Gem::Version#<=>`
//! (<https://docs.ruby-lang.org/en/master/Gem/Version.html>).
//!
//! Syntax (`Gem::Version::ANCHORED_VERSION_PATTERN`): `N(.[0-9A-Za-z]+)*` optionally
//! followed by `-` and dot-separated `[0-9A-Za-z-]+` identifiers; every `-` reads as
//! `.pre.`. Segments are runs of digits (numbers, no size limit) or of letters (strings).
//! Any letter makes it a pre-release. Comparison uses the canonical segments (trailing
//! zeros dropped from the numeric prefix and from the rest), pads the shorter with 0,
//! and puts a string segment below a number (`1.0.a < 1.0`); strings compare bytewise
//! (case-sensitive, as in Ruby).
//!
//! Deviation: an empty string (RubyGems reads it as `0`) is an error.

use std::cmp::Ordering;

use crate::num::{Span, cmp_digits};

/// One segment.
#[derive(Debug, Clone, Copy)]
enum Seg {
    /// Digits, leading zeros stripped (an empty span is 0).
    Num(Span),
    /// Letters.
    Str(Span),
    /// The `pre` that a `-` stands for.
    Pre,
}

/// A parsed gem version: its canonical segments.
#[derive(Debug, Clone)]
pub(crate) struct Gem {
    segs: Vec<Seg>,
    prerelease: bool,
}

impl Gem {
    /// Any letter in the version.
    pub(crate) fn is_prerelease(&self) -> bool {
        self.prerelease
    }
}

fn seg_is_zero(s: &Seg, text: &str) -> bool {
    matches!(s, Seg::Num(n) if n.of(text).is_empty())
}

/// Parses gem version text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<Gem, &'static str> {
    let b = text.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return Err("must start with a digit");
    }
    // Validate against ANCHORED_VERSION_PATTERN.
    let (main, pre) = match text.find('-') {
        Some(p) => (&text[..p], Some(&text[p + 1..])),
        None => (text, None),
    };
    for (i, part) in main.split('.').enumerate() {
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return Err("segments must be non-empty runs of letters and digits");
        }
        if i == 0 && !part.bytes().all(|c| c.is_ascii_digit()) {
            return Err("the first segment must be a number");
        }
    }
    if let Some(pre) = pre {
        for part in pre.split('.') {
            if part.is_empty() || !part.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
                return Err("invalid pre-release part after `-`");
            }
        }
    }
    // Scan segments: digit runs, letter runs, `-` → "pre".
    let mut segs = Vec::with_capacity(6);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let stripped = text[s..i].trim_start_matches('0');
            segs.push(Seg::Num(Span::new(i - stripped.len(), i)));
        } else if c.is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            segs.push(Seg::Str(Span::new(s, i)));
        } else {
            if c == b'-' {
                segs.push(Seg::Pre);
            }
            i += 1;
        }
    }
    // `-` became `.pre.`, so it counts as a letter.
    let prerelease = text.bytes().any(|c| c.is_ascii_alphabetic() || c == b'-');
    // canonical_segments: drop trailing zeros of the numeric prefix and of the rest.
    let split = segs
        .iter()
        .position(|s| !matches!(s, Seg::Num(_)))
        .unwrap_or(segs.len());
    let mut rest = segs.split_off(split);
    while segs.last().is_some_and(|s| seg_is_zero(s, text)) {
        segs.pop();
    }
    while rest.last().is_some_and(|s| seg_is_zero(s, text)) {
        rest.pop();
    }
    segs.extend(rest);
    Ok(Gem { segs, prerelease })
}

/// `Gem::Version#<=>`.
pub(crate) fn compare(a: &Gem, at: &str, b: &Gem, bt: &str) -> Ordering {
    const ZERO: Seg = Seg::Num(Span::ZERO);
    let n = a.segs.len().max(b.segs.len());
    for i in 0..n {
        let l = a.segs.get(i).copied().unwrap_or(ZERO);
        let r = b.segs.get(i).copied().unwrap_or(ZERO);
        let o = match (l, r) {
            (Seg::Num(x), Seg::Num(y)) => cmp_digits(x.of(at), y.of(bt)),
            (Seg::Num(_), _) => Ordering::Greater,
            (_, Seg::Num(_)) => Ordering::Less,
            (x, y) => str_of(x, at).cmp(str_of(y, bt)),
        };
        if o.is_ne() {
            return o;
        }
    }
    Ordering::Equal
}

fn str_of(s: Seg, text: &str) -> &str {
    match s {
        Seg::Str(sp) | Seg::Num(sp) => sp.of(text),
        Seg::Pre => "pre",
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::RubyGems, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn gem_version_docs() {
        // Gem::Version docs: "1.0.a.2 < 1.0.b1 < 1.0 ... 1.0.a2 = 1.0.a.2", prereleases
        // sort before the release, `-` means `.pre.`.
        let chain = [
            "1.0.a.1",
            "1.0.a.2",
            "1.0.b1",
            "1.0.rc1",
            "1.0",
            "1.0.1",
            "1.1",
            "2.0.0.pre",
            "2.0.0",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("1.0.a2"), v("1.0.a.2"));
        assert_eq!(v("1.0"), v("1"));
        assert_eq!(v("1.0.0"), v("1"));
        assert_eq!(v("1.0.b.0"), v("1.b"));
        assert_eq!(v("1-1"), v("1.pre.1"));
        assert!(v("1.0.0-rc1").is_prerelease());
        assert!(!v("1.0.0").is_prerelease());
        assert!(v("1-1").is_prerelease());
        assert!(v("1.0.A") < v("1.0.a"));
    }
}
