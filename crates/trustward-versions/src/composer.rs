//! Composer (Packagist) versions: normalised like `Composer\Semver\VersionParser::normalize`
//! and ordered like PHP's `version_compare` on the normalised strings, which is what
//! `Composer\Semver\Comparator` does (<https://getcomposer.org/doc/articles/versions.md>).
//!
//! Accepted: an optional `v`, 1–4 numeric parts (padded to 4: `1.2` → `1.2.0.0`), date
//! versions (`2023-01-15` → `2023.01.15`), stability suffixes `stable`, `alpha`/`a`,
//! `beta`/`b`, `RC`, `patch`/`pl`/`p` with an optional number, `-dev`, build metadata
//! `+…` (ignored), `@stability` flags and `X as Y` aliases (the left side is used), and
//! numeric `-dev` branches (`1.x-dev` → `1.9999999.9999999.9999999-dev`).
//!
//! Ordering (`version_compare`): parts split on digit/letter transitions and separators;
//! numbers compare numerically; words by special form `dev < alpha = a < beta = b <
//! RC = rc < (number) < pl = p` (matched by prefix); a missing part counts as a number
//! for the longer side's next part, so `1.0.0.0-beta < 1.0.0.0 < 1.0.0.0-patch1`.
//!
//! Branch versions (`dev-master`, `dev-feature`, `master`) are an error: Composer itself
//! never orders them against versions (its `Constraint::versionCompare` makes every
//! branch comparison false), so an advisory range cannot decide them.

use std::cmp::Ordering;

/// Special-form order of a number in `version_compare` (`#`).
const NUMBER_FORM: i8 = 4;

/// One `version_compare` part of the normalised string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Numeric part (`strtol`, saturating).
    Num(u64),
    /// Special form order of a word; -1 for unknown words.
    Form(i8),
}

/// A parsed Composer version.
#[derive(Debug, Clone)]
pub(crate) struct Composer {
    normalized: Box<str>,
    parts: Vec<Part>,
}

impl Composer {
    /// The `VersionParser::normalize` output.
    pub(crate) fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Stability below stable (dev, alpha, beta, RC).
    pub(crate) fn is_prerelease(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Form(0..=3)))
    }
}

/// `compare_special_version_forms` lookup: prefix match, case-sensitive, in PHP's order.
fn special_form(word: &str) -> i8 {
    const FORMS: [(&str, i8); 10] = [
        ("dev", 0),
        ("alpha", 1),
        ("a", 1),
        ("beta", 2),
        ("b", 2),
        ("RC", 3),
        ("rc", 3),
        ("#", NUMBER_FORM),
        ("pl", 5),
        ("p", 5),
    ];
    FORMS
        .iter()
        .find(|(name, _)| word.starts_with(name))
        .map_or(-1, |(_, o)| *o)
}

/// Splits a string into `version_compare` parts (PHP's canonicalisation: digit and
/// letter runs, everything else a separator).
fn parts_of(s: &str) -> Vec<Part> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        let st = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n = s[st..i].bytes().fold(0u64, |acc, d| {
                acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
            });
            out.push(Part::Num(n.min(i64::MAX as u64)));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Part::Form(special_form(&s[st..i])));
        } else {
            i += 1;
        }
    }
    out
}

/// PHP `version_compare` over pre-split parts.
fn version_compare(a: &[Part], b: &[Part]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = match (*x, *y) {
            (Part::Num(m), Part::Num(n)) => m.cmp(&n),
            (Part::Form(f), Part::Form(g)) => f.cmp(&g),
            (Part::Num(_), Part::Form(g)) => NUMBER_FORM.cmp(&g),
            (Part::Form(f), Part::Num(_)) => f.cmp(&NUMBER_FORM),
        };
        if o.is_ne() {
            return o;
        }
    }
    // The longer side's next part against a virtual number (`#N#`).
    let extra = |p: Option<&Part>| match p {
        Some(Part::Num(_)) => Ordering::Greater,
        Some(Part::Form(f)) => f.cmp(&NUMBER_FORM),
        None => Ordering::Equal,
    };
    match a.len().cmp(&b.len()) {
        Ordering::Greater => extra(a.get(b.len())),
        Ordering::Less => extra(b.get(a.len())).reverse(),
        Ordering::Equal => Ordering::Equal,
    }
}

/// Composer ordering.
pub(crate) fn compare(a: &Composer, b: &Composer) -> Ordering {
    version_compare(&a.parts, &b.parts)
}

/// Parses Composer version text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<Composer, &'static str> {
    let normalized = normalize(text)?;
    let parts = parts_of(&normalized);
    Ok(Composer {
        normalized: normalized.into(),
        parts,
    })
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// `VersionParser::normalize`.
fn normalize(input: &str) -> Result<String, &'static str> {
    let mut v = input.trim();
    // Strip off aliasing: `^([^,\s]++) ++as ++([^,\s]++)$`.
    if let Some((left, right)) = v.split_once(" as ") {
        let (l, r) = (left.trim_end_matches(' '), right.trim_start_matches(' '));
        let plain = |s: &str| !s.is_empty() && !s.contains(|c: char| c == ',' || c.is_whitespace());
        if plain(l) && plain(r) {
            v = l;
        }
    }
    // Strip off a stability flag: `@(stable|RC|beta|alpha|dev)$`i.
    if let Some((left, flag)) = v.rsplit_once('@')
        && ["stable", "rc", "beta", "alpha", "dev"]
            .iter()
            .any(|f| flag.eq_ignore_ascii_case(f))
    {
        v = left;
    }
    if matches!(v, "master" | "trunk" | "default") || starts_with_ci(v, "dev-") {
        return Err("branch versions (dev-*) have no order");
    }
    // Strip off build metadata: `^([^,\s+]++)\+[^\s]++$`.
    if let Some((left, meta)) = v.split_once('+')
        && !left.is_empty()
        && !left.contains(|c: char| c == ',' || c.is_whitespace())
        && !meta.is_empty()
        && !meta.contains(char::is_whitespace)
    {
        v = left;
    }
    if let Some(n) = classic(v) {
        return Ok(n);
    }
    if let Some(n) = date(v) {
        return Ok(n);
    }
    // Numeric dev branches: `(.*?)[.-]?dev$`i.
    if v.len() >= 3
        && v.is_char_boundary(v.len() - 3)
        && v[v.len() - 3..].eq_ignore_ascii_case("dev")
    {
        let name = &v[..v.len() - 3];
        let name = name
            .strip_suffix('.')
            .or_else(|| name.strip_suffix('-'))
            .unwrap_or(name);
        if let Some(n) = numeric_branch(name.trim()) {
            return Ok(n);
        }
    }
    Err("not a Composer version")
}

/// A byte cursor.
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn digits(&mut self) -> usize {
        let st = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - st
    }

    fn rest(&self) -> &str {
        self.s.get(self.i..).unwrap_or_default()
    }
}

/// The modifier: `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?
/// ([.-]?dev)?$`i, matched on the whole of `rest`. Returns (stability word as written,
/// its number part, dev flag).
fn modifier(rest: &str) -> Option<(&str, &str, bool)> {
    let with_sep = rest.strip_prefix(['.', '_', '-']).map(|r| modifier_body(r));
    if let Some(Some(m)) = with_sep {
        return Some(m);
    }
    modifier_body(rest)
}

fn modifier_body(rest: &str) -> Option<(&str, &str, bool)> {
    const WORDS: [&str; 9] = [
        "stable", "beta", "b", "RC", "alpha", "a", "patch", "pl", "p",
    ];
    for w in WORDS {
        if starts_with_ci(rest, w) {
            let after = &rest[w.len()..];
            // Possessive `(?:[.-]?\d+)*+`.
            let b = after.as_bytes();
            let mut i = 0;
            loop {
                let mut j = i;
                if matches!(b.get(j), Some(b'.' | b'-')) {
                    j += 1;
                }
                let st = j;
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
                if j == st {
                    break;
                }
                i = j;
            }
            if let Some(dev) = dev_tail(&after[i..]) {
                return Some((&rest[..w.len()], &after[..i], dev));
            }
        }
    }
    dev_tail(rest).map(|dev| ("", "", dev))
}

/// `([.-]?dev)?$`.
fn dev_tail(s: &str) -> Option<bool> {
    if s.is_empty() {
        return Some(false);
    }
    let t = s.strip_prefix(['.', '-']).unwrap_or(s);
    t.eq_ignore_ascii_case("dev").then_some(true)
}

/// Appends the modifier like `normalize` does.
fn with_modifier(mut version: String, stab: &str, num: &str, dev: bool) -> String {
    if !stab.is_empty() {
        if stab == "stable" {
            return version;
        }
        let lower = stab.to_ascii_lowercase();
        let expanded = match lower.as_str() {
            "a" | "alpha" => "alpha",
            "b" | "beta" => "beta",
            "p" | "pl" | "patch" => "patch",
            "rc" => "RC",
            other => other,
        };
        version.push('-');
        version.push_str(expanded);
        version.push_str(num.trim_start_matches(['.', '-']));
    }
    if dev {
        version.push_str("-dev");
    }
    version
}

/// Classical versioning: `^v?(\d{1,5}+)(\.\d++)?(\.\d++)?(\.\d++)?` + modifier.
fn classic(v: &str) -> Option<String> {
    let mut c = Cur { s: v, i: 0 };
    if matches!(c.peek(), Some(b'v' | b'V')) {
        c.i += 1;
    }
    let st = c.i;
    let n = c.digits();
    if n == 0 || n > 5 {
        return None;
    }
    let mut out = String::with_capacity(v.len() + 8);
    out.push_str(&v[st..c.i]);
    let mut parts = 1;
    while parts < 4 && c.peek() == Some(b'.') {
        let save = c.i;
        c.i += 1;
        let ds = c.i;
        if c.digits() == 0 {
            c.i = save;
            break;
        }
        out.push('.');
        out.push_str(&v[ds..c.i]);
        parts += 1;
    }
    for _ in parts..4 {
        out.push_str(".0");
    }
    let (stab, num, dev) = modifier(c.rest())?;
    Some(with_modifier(out, stab, num, dev))
}

/// Date versioning: `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})` + modifier.
fn date(v: &str) -> Option<String> {
    let start = usize::from(matches!(v.as_bytes().first(), Some(b'v' | b'V')));
    let b = v.as_bytes();
    if b.len() < start + 4 || !b[start..start + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Candidate ends of the date part, greedy first (the regex engine's order).
    let mut ends = Vec::new();
    date_groups(b, start + 4, 0, &mut ends);
    for end in ends {
        if let Some((stab, num, dev)) = modifier(&v[end..]) {
            let date: String = v[start..end]
                .chars()
                .map(|c| if c.is_ascii_digit() { c } else { '.' })
                .collect();
            return Some(with_modifier(date, stab, num, dev));
        }
    }
    None
}

/// Enumerates ends after `(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2}` from `i`, where
/// `k` repetitions of the first group are already matched.
fn date_groups(b: &[u8], i: usize, k: usize, ends: &mut Vec<usize>) {
    if k < 6 {
        for sep in [true, false] {
            let j = if sep {
                if !matches!(b.get(i), Some(b'.' | b':' | b'-')) {
                    continue;
                }
                i + 1
            } else {
                i
            };
            if b.get(j).is_some_and(u8::is_ascii_digit)
                && b.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                date_groups(b, j + 2, k + 1, ends);
            }
        }
    }
    if k >= 1 {
        date_tail(b, i, 0, ends);
    }
}

/// `(?:[.:-]?\d{1,3}){0,2}` from `i`, `k` repetitions matched.
fn date_tail(b: &[u8], i: usize, k: usize, ends: &mut Vec<usize>) {
    if k < 2 {
        for sep in [true, false] {
            let j = if sep {
                if !matches!(b.get(i), Some(b'.' | b':' | b'-')) {
                    continue;
                }
                i + 1
            } else {
                i
            };
            for len in (1..=3).rev() {
                if (j..j + len).all(|x| b.get(x).is_some_and(u8::is_ascii_digit)) {
                    date_tail(b, j + len, k + 1, ends);
                }
            }
        }
    }
    if !ends.contains(&i) {
        ends.push(i);
    }
}

/// `normalizeBranch` for numeric branches: `^v?(\d++)(\.(?:\d++|[xX*]))?{0,3}$`.
fn numeric_branch(name: &str) -> Option<String> {
    let s = name.strip_prefix(['v', 'V']).unwrap_or(name);
    let mut out = String::new();
    let mut count = 0;
    for (i, part) in s.split('.').enumerate() {
        let ok = if i == 0 {
            crate::num::all_digits(part)
        } else {
            crate::num::all_digits(part) || matches!(part, "x" | "X" | "*")
        };
        if !ok || i >= 4 {
            return None;
        }
        if i > 0 {
            out.push('.');
        }
        if matches!(part, "x" | "X" | "*") {
            out.push_str("9999999");
        } else {
            out.push_str(part);
        }
        count += 1;
    }
    for _ in count..4 {
        out.push_str(".9999999");
    }
    out.push_str("-dev");
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::Composer, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn normalize_table() {
        // Expected values follow VersionParser::normalize's documented behaviour
        // (getcomposer.org/doc/articles/versions.md: "1.0.0" is "1.0.0.0", stability
        // suffixes, `-dev`).
        let cases = [
            ("1.0.0", "1.0.0.0"),
            ("1.2.3.4", "1.2.3.4"),
            ("v1.0.0", "1.0.0.0"),
            ("1", "1.0.0.0"),
            ("1.0.0RC1dev", "1.0.0.0-RC1-dev"),
            ("1.0.0-rC15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0-rc1", "1.0.0.0-RC1"),
            ("1.0.0.pl3-dev", "1.0.0.0-patch3-dev"),
            ("1.0-dev", "1.0.0.0-dev"),
            ("0", "0.0.0.0"),
            ("10.4.13-beta", "10.4.13.0-beta"),
            ("10.4.13beta2", "10.4.13.0-beta2"),
            ("10.4.13beta.2", "10.4.13.0-beta2"),
            ("10.4.13-b", "10.4.13.0-beta"),
            ("10.4.13-b5", "10.4.13.0-beta5"),
            ("v1.0.0-alpha3", "1.0.0.0-alpha3"),
            ("1.0.0-stable", "1.0.0.0"),
            ("2010.01", "2010.01.0.0"),
            ("2010.01.02", "2010.01.02.0"),
            ("2010-01-02", "2010.01.02"),
            ("2010-01-02.5", "2010.01.02.5"),
            ("20100102-203040", "20100102.203040"),
            ("20100102203040-10", "20100102203040.10"),
            ("20100102-203040-p1", "20100102.203040-patch1"),
            ("1.0.0+foo@dev", "1.0.0.0"),
            ("1.0.0-beta.5+foo", "1.0.0.0-beta5"),
            ("1.0.0-alpha.3.1+foo/bar", "1.0.0.0-alpha3.1"),
            ("1.x-dev", "1.9999999.9999999.9999999-dev"),
            ("v2.3.x-dev", "2.3.9999999.9999999-dev"),
            ("1.0.0 as 1.0.x-dev", "1.0.0.0"),
        ];
        for (input, want) in cases {
            assert_eq!(v(input).normalized(), want, "{input}");
        }
    }

    #[test]
    fn branches_and_garbage_are_errors() {
        for s in [
            "dev-master",
            "master",
            "dev-feature/foo",
            "DEV-trunk",
            "feature-dev",
            "",
            "1.0.0.0.0",
            "1.0.0-foo",
            "a",
            "1.0 beta",
            "1.0.0-beta.",
        ] {
            assert!(Version::parse(Scheme::Composer, s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn stability_order() {
        // Composer docs (versions.md "Stabilities"): dev < alpha < beta < RC < stable,
        // patch releases after the stable one.
        let chain = [
            "1.0.0-dev",
            "1.0.0-alpha1",
            "1.0.0-alpha2",
            "1.0.0-beta1",
            "1.0.0-RC1",
            "1.0.0-RC2",
            "1.0.0",
            "1.0.0-p1",
            "1.0.0.1",
            "1.0.1",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("1.0"), v("v1.0.0.0"));
        assert_eq!(v("1.0.0-b1"), v("1.0.0-beta1"));
        assert!(v("1.0.0-beta1").is_prerelease());
        assert!(!v("1.0.0-patch1").is_prerelease());
    }
}
