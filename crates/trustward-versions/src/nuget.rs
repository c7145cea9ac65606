//! NuGet versions (<https://learn.microsoft.com/nuget/concepts/package-versioning>),
//! ordered like NuGet.Versioning's `VersionComparer.Default`.
//!
//! Syntax: 1 to 4 numeric parts (`1` = `1.0.0`, a fourth "revision" part for legacy
//! versions, `1.0.0.0 == 1.0.0`, leading zeros tolerated), then optionally `-label`
//! (dot-separated `[0-9A-Za-z-]` identifiers) and `+metadata`. Ordering: the four numbers,
//! then a release (no label) above any pre-release, labels compared identifier by
//! identifier (numeric ones as integers and below alphanumeric ones, alphanumeric ones
//! ordinally ignoring case, fewer identifiers first); metadata is ignored.

use std::cmp::Ordering;

use crate::num::{Span, parse_u64};

/// A parsed NuGet version.
#[derive(Debug, Clone)]
pub(crate) struct NuGet {
    nums: [u64; 4],
    label: Option<Span>,
}

impl NuGet {
    /// Has a pre-release label.
    pub(crate) fn is_prerelease(&self) -> bool {
        self.label.is_some()
    }

    /// `ToNormalizedString()`: three parts, the revision only when non-zero, the label, no
    /// metadata.
    pub(crate) fn normalized(&self, text: &str) -> String {
        let [a, b, c, d] = self.nums;
        let mut s = format!("{a}.{b}.{c}");
        if d != 0 {
            s.push_str(&format!(".{d}"));
        }
        if let Some(l) = self.label {
            s.push('-');
            s.push_str(l.of(text));
        }
        s
    }
}

fn check_identifiers(s: &str) -> Result<(), &'static str> {
    for id in s.split('.') {
        if id.is_empty() || !id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
            return Err("label and metadata identifiers must be non-empty [0-9A-Za-z-]");
        }
    }
    Ok(())
}

/// Parses NuGet version text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<NuGet, &'static str> {
    // Build metadata is validated, then ignored.
    let rest = match text.find('+') {
        Some(p) => {
            check_identifiers(&text[p + 1..])?;
            &text[..p]
        }
        None => text,
    };
    let (core, label) = match rest.find('-') {
        Some(p) => {
            check_identifiers(&rest[p + 1..])?;
            (&rest[..p], Some(Span::new(p + 1, rest.len())))
        }
        None => (rest, None),
    };
    let mut nums = [0u64; 4];
    for (count, part) in core.split('.').enumerate() {
        let slot = nums.get_mut(count).ok_or("more than four numeric parts")?;
        *slot = parse_u64(part).ok_or("parts must be non-empty numbers")?;
    }
    Ok(NuGet { nums, label })
}

/// A label identifier that `int.TryParse` accepts.
fn as_int(s: &str) -> Option<u64> {
    parse_u64(s).filter(|n| *n <= i32::MAX as u64)
}

fn compare_labels(a: &str, b: &str) -> Ordering {
    let mut xs = a.split('.');
    let mut ys = b.split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = match (as_int(x), as_int(y)) {
                    (Some(m), Some(n)) => m.cmp(&n),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    // OrdinalIgnoreCase upper-cases; for [0-9A-Za-z-] that orders like
                    // lower-casing.
                    (None, None) => x
                        .bytes()
                        .map(|c| c.to_ascii_uppercase())
                        .cmp(y.bytes().map(|c| c.to_ascii_uppercase())),
                };
                if o.is_ne() {
                    return o;
                }
            }
        }
    }
}

/// `VersionComparer.Default`.
pub(crate) fn compare(a: &NuGet, at: &str, b: &NuGet, bt: &str) -> Ordering {
    a.nums.cmp(&b.nums).then_with(|| match (a.label, b.label) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => compare_labels(x.of(at), y.of(bt)),
    })
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::NuGet, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn nuget_docs() {
        // learn.microsoft.com/nuget/concepts/package-versioning: "1.0.0-alpha <
        // 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0" style precedence, legacy fourth part,
        // normalisation "1.0 -> 1.0.0", "1.0.0.0 -> 1.0.0", "1.01.1 -> 1.1.1",
        // case-insensitive labels, metadata ignored.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.0.1",
            "1.0.1-beta",
            "1.0.1",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("1.0.0.0"), v("1.0.0"));
        assert_eq!(v("1.0"), v("1.0.0"));
        assert_eq!(v("1.01.1"), v("1.1.1"));
        assert_eq!(v("1.0.0-BETA"), v("1.0.0-beta"));
        assert_eq!(v("1.0.0+abc"), v("1.0.0+def"));
        assert_eq!(v("1.0").normalized(), "1.0.0");
        assert_eq!(v("1.0.0.0").normalized(), "1.0.0");
        assert_eq!(v("1.01.1.5-rc+x").normalized(), "1.1.1.5-rc");
    }

    #[test]
    fn invalid() {
        for s in [
            "",
            "a",
            "1.",
            "1..0",
            "1.0.0.0.0",
            "1.0.0-",
            "1.0.0+",
            "1.0.0-a..b",
            "v1.0.0",
            "1.0.0-a_b",
            "-1.0",
        ] {
            assert!(Version::parse(Scheme::NuGet, s).is_err(), "{s:?}");
        }
    }
}
