//! Debian package versions (Debian Policy §5.6.12
//! <https://www.debian.org/doc/debian-policy/ch-controlfields.html#version>), ordered like
//! dpkg's `verrevcmp`. Also used for Ubuntu.
//!
//! Syntax `[epoch:]upstream_version[-debian_revision]`: the epoch is a number before the
//! first `:`, the revision follows the last `-`. The upstream version may contain
//! alphanumerics and `. + - ~ :` (dpkg accepts `:` there), the revision alphanumerics and
//! `. + ~`. Like dpkg, an upstream version that does not start with a digit is accepted
//! (dpkg only warns).
//!
//! Ordering: epoch numerically, then upstream, then revision (absent = `0`), each by
//! alternating non-digit runs (compared character by character with `~` before
//! everything, even the end, then letters, then other characters) and digit runs
//! (compared numerically).

use std::cmp::Ordering;

use crate::num::{Span, parse_u64};

/// A parsed dpkg version.
#[derive(Debug, Clone)]
pub(crate) struct Dpkg {
    epoch: u64,
    upstream: Span,
    revision: Span,
}

/// Parses dpkg version text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<Dpkg, &'static str> {
    let (epoch, vstart) = match text.find(':') {
        Some(p) => {
            let e = &text[..p];
            if e.is_empty() {
                return Err("epoch is empty");
            }
            // dpkg keeps epochs within INT_MAX.
            let n = parse_u64(e)
                .filter(|n| *n <= i32::MAX as u64)
                .ok_or("epoch is not a number")?;
            (n, p + 1)
        }
        None => (0, 0),
    };
    let rest = &text[vstart..];
    let (up_end, rev) = match rest.rfind('-') {
        Some(p) => {
            let r = &rest[p + 1..];
            if r.is_empty() {
                return Err("revision is empty");
            }
            (vstart + p, Span::new(vstart + p + 1, text.len()))
        }
        None => (text.len(), Span::new(text.len(), text.len())),
    };
    let upstream = &text[vstart..up_end];
    if upstream.is_empty() {
        return Err("upstream version is empty");
    }
    if !upstream
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || b".-+~:".contains(&c))
    {
        return Err("invalid character in upstream version");
    }
    if !rev
        .of(text)
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || b".+~".contains(&c))
    {
        return Err("invalid character in revision");
    }
    Ok(Dpkg {
        epoch,
        upstream: Span::new(vstart, up_end),
        revision: rev,
    })
}

/// dpkg's `order()`: `~` first, then end of string and digits, then letters, then the
/// rest.
fn order(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(c) => i32::from(c) + 256,
    }
}

/// dpkg's `verrevcmp`.
fn verrevcmp(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    let is_digit = |s: &[u8], k: usize| s.get(k).is_some_and(u8::is_ascii_digit);
    while i < a.len() || j < b.len() {
        while (i < a.len() && !is_digit(a, i)) || (j < b.len() && !is_digit(b, j)) {
            let ac = order(a.get(i).copied());
            let bc = order(b.get(j).copied());
            if ac != bc {
                return ac.cmp(&bc);
            }
            i += 1;
            j += 1;
        }
        while a.get(i) == Some(&b'0') {
            i += 1;
        }
        while b.get(j) == Some(&b'0') {
            j += 1;
        }
        let mut first_diff = Ordering::Equal;
        while is_digit(a, i) && is_digit(b, j) {
            if first_diff.is_eq() {
                first_diff = a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
        if is_digit(a, i) {
            return Ordering::Greater;
        }
        if is_digit(b, j) {
            return Ordering::Less;
        }
        if first_diff.is_ne() {
            return first_diff;
        }
    }
    Ordering::Equal
}

/// dpkg version ordering.
pub(crate) fn compare(a: &Dpkg, at: &str, b: &Dpkg, bt: &str) -> Ordering {
    a.epoch
        .cmp(&b.epoch)
        .then_with(|| verrevcmp(a.upstream.of(at).as_bytes(), b.upstream.of(bt).as_bytes()))
        .then_with(|| verrevcmp(a.revision.of(at).as_bytes(), b.revision.of(bt).as_bytes()))
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::Debian, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn policy_examples() {
        // Debian Policy §5.6.12: "~~ < ~~a < ~ < (empty) < a", epochs dominate,
        // absent revision equals "0".
        let chain = ["1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(v("1:0.1") > v("9.9"));
        assert!(v("1.0-1") < v("1.0-2"));
        assert!(v("1.0-1~bpo1") < v("1.0-1"));
        assert_eq!(v("1.0"), v("1.0-0"));
        assert_eq!(v("0:1.0"), v("1.0"));
        assert_eq!(v("1.01"), v("1.1"));
        assert!(v("1.0+dfsg-1") > v("1.0-1"));
        assert!(v("1.0.a") < v("1.0.+"));
        assert!(v("2.30-10ubuntu1") < v("2.30-10ubuntu2"));
        assert!(v("1.0~rc1-1").is_prerelease());
    }

    #[test]
    fn invalid() {
        for s in [
            "",
            ":1.0",
            "a:1.0",
            "1:",
            "1.0-",
            "-1",
            "1.0 1",
            "1.0-a_b",
            "1.0_1",
            "99999999999:1",
        ] {
            assert!(Version::parse(Scheme::Debian, s).is_err(), "{s:?}");
        }
    }
}
