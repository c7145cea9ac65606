//! Shared helpers: numeric comparison of digit strings of any length, and byte-range
//! spans into a version's text (so parsed forms borrow nothing and allocate little).

use std::cmp::Ordering;

/// Compares two ASCII digit strings numerically, whatever their length (big integers
/// included): leading zeros are ignored, then the longer is larger, then bytewise.
pub(crate) fn cmp_digits(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Whether `s` is a non-empty run of ASCII digits.
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a non-empty ASCII digit run as `u64`; `None` on overflow or non-digits.
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if !all_digits(s) {
        return None;
    }
    s.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    })
}

/// A byte range in a version's text. `u16` is enough: texts are capped at
/// [`crate::MAX_VERSION_LEN`] bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u16,
    end: u16,
}

impl Span {
    /// The empty span at 0 (an empty digit run reads as the number 0).
    pub(crate) const ZERO: Span = Span { start: 0, end: 0 };

    /// The range `start..end`; callers pass positions inside a capped text.
    pub(crate) fn new(start: usize, end: usize) -> Span {
        Span {
            start: u16::try_from(start).unwrap_or(u16::MAX),
            end: u16::try_from(end).unwrap_or(u16::MAX),
        }
    }

    /// The text under this span (empty if the span does not fit `text`).
    pub(crate) fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(usize::from(self.start)..usize::from(self.end))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_compare_numerically() {
        assert_eq!(cmp_digits("10", "9"), Ordering::Greater);
        assert_eq!(cmp_digits("007", "7"), Ordering::Equal);
        assert_eq!(cmp_digits("0", "000"), Ordering::Equal);
        assert_eq!(
            cmp_digits("123456789012345678901234567890", "99999999999999999999"),
            Ordering::Greater
        );
    }

    #[test]
    fn u64_parse_checks_overflow() {
        assert_eq!(parse_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64("18446744073709551616"), None);
        assert_eq!(parse_u64(""), None);
        assert_eq!(parse_u64("1a"), None);
    }
}
