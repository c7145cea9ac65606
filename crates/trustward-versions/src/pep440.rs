//! PEP 440 versions (<https://peps.python.org/pep-0440/>, as implemented by
//! `packaging.version`).
//!
//! Accepts every spelling the spec's normalisation rules allow: case-insensitive, leading
//! `v`, `N!` epochs, release segments of any length, pre-releases `a`/`alpha`,
//! `b`/`beta`, `rc`/`c`/`pre`/`preview` (implicit number 0), post-releases `.postN`,
//! `-N`, `rev`, `r` (implicit 0), dev releases, `-`/`_`/`.` separators around them, and
//! local versions `+seg(.seg)*` with `-`/`_`/`.` separators.
//!
//! Ordering (packaging's `_cmpkey`): epoch; release with trailing zeros ignored; a dev
//! release with no pre/post sorts before every pre-release; pre (a < b < rc), none after;
//! post, none before; dev, none after; local, none before, segments numeric above
//! alphanumeric, alphanumeric case-insensitively, shorter before longer.

use std::cmp::Ordering;

use crate::num::{Span, all_digits, cmp_digits, parse_u64};

/// Pre-release kind, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pre {
    Alpha,
    Beta,
    Rc,
}

/// A parsed PEP 440 version.
#[derive(Debug, Clone)]
pub(crate) struct Pep440 {
    epoch: u64,
    release: Vec<u64>,
    pre: Option<(Pre, u64)>,
    post: Option<u64>,
    dev: Option<u64>,
    local: Option<Span>,
}

impl Pep440 {
    /// Pre-release or dev release (PEP 440 "pre-releases" include dev releases).
    pub(crate) fn is_prerelease(&self) -> bool {
        self.pre.is_some() || self.dev.is_some()
    }

    /// The PEP 440 normal form (`1.0a1.post2.dev3+ubuntu.1`).
    pub(crate) fn normalized(&self, text: &str) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        if self.epoch != 0 {
            let _ = write!(s, "{}!", self.epoch);
        }
        for (i, n) in self.release.iter().enumerate() {
            if i > 0 {
                s.push('.');
            }
            let _ = write!(s, "{n}");
        }
        if let Some((kind, n)) = self.pre {
            let k = match kind {
                Pre::Alpha => "a",
                Pre::Beta => "b",
                Pre::Rc => "rc",
            };
            let _ = write!(s, "{k}{n}");
        }
        if let Some(n) = self.post {
            let _ = write!(s, ".post{n}");
        }
        if let Some(n) = self.dev {
            let _ = write!(s, ".dev{n}");
        }
        if let Some(l) = self.local {
            s.push('+');
            for (i, seg) in l.of(text).split(is_sep).enumerate() {
                if i > 0 {
                    s.push('.');
                }
                if all_digits(seg) {
                    let t = seg.trim_start_matches('0');
                    s.push_str(if t.is_empty() { "0" } else { t });
                } else {
                    s.push_str(&seg.to_ascii_lowercase());
                }
            }
        }
        s
    }
}

fn is_sep(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// A byte cursor with case-insensitive keyword matching.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + k).copied()
    }

    /// Consumes `word` (ASCII, lowercase) case-insensitively.
    fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        match self.text.get(self.pos..end) {
            Some(s) if s.eq_ignore_ascii_case(word) => {
                self.pos = end;
                true
            }
            _ => false,
        }
    }

    /// Consumes a digit run; `Err` on overflow, `Ok(None)` when there is none.
    fn number(&mut self) -> Result<Option<u64>, &'static str> {
        let s = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if s == self.pos {
            return Ok(None);
        }
        parse_u64(&self.text[s..self.pos])
            .map(Some)
            .ok_or("number too large")
    }

    /// Consumes one optional `-`, `_` or `.` separator.
    fn eat_sep(&mut self) -> bool {
        if matches!(self.peek(), Some(b'-' | b'_' | b'.')) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `[-_.]?N` as used after a pre/post/dev keyword: the separator is consumed only if a
    /// number follows it.
    fn implicit_number(&mut self) -> Result<u64, &'static str> {
        let save = self.pos;
        self.eat_sep();
        match self.number()? {
            Some(n) => Ok(n),
            None => {
                self.pos = save;
                Ok(0)
            }
        }
    }

    /// Tries `[-_.]?(word1|word2…)`, restoring the position when no word matches.
    fn sep_keyword(&mut self, words: &[&str]) -> Option<usize> {
        let save = self.pos;
        self.eat_sep();
        for (i, w) in words.iter().enumerate() {
            if self.eat_word(w) {
                return Some(i);
            }
        }
        self.pos = save;
        None
    }
}

/// Parses PEP 440 text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<Pep440, &'static str> {
    let mut c = Cursor { text, pos: 0 };
    if matches!(c.peek(), Some(b'v' | b'V')) {
        c.pos += 1;
    }
    // Epoch: digits followed by `!`.
    let mut epoch = 0;
    let save = c.pos;
    if let Some(n) = c.number()? {
        if c.peek() == Some(b'!') {
            c.pos += 1;
            epoch = n;
        } else {
            c.pos = save;
        }
    }
    // Release: N(.N)*
    let mut release = Vec::with_capacity(4);
    match c.number()? {
        Some(n) => release.push(n),
        None => return Err("must start with a release number"),
    }
    while c.peek() == Some(b'.') && c.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
        c.pos += 1;
        release.push(c.number()?.unwrap_or(0));
    }
    // Pre-release. Longer spellings first so `alpha` is not read as `a` + `lpha`.
    let mut pre = None;
    if let Some(i) = c.sep_keyword(&["alpha", "a", "beta", "b", "preview", "pre", "rc", "c"]) {
        let kind = match i {
            0 | 1 => Pre::Alpha,
            2 | 3 => Pre::Beta,
            _ => Pre::Rc,
        };
        pre = Some((kind, c.implicit_number()?));
    }
    // Post-release: `-N` or `[-_.]?(post|rev|r)[-_.]?N?`.
    let mut post = None;
    if c.peek() == Some(b'-') && c.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
        c.pos += 1;
        post = c.number()?;
    } else if c.sep_keyword(&["post", "rev", "r"]).is_some() {
        post = Some(c.implicit_number()?);
    }
    // Dev release.
    let mut dev = None;
    if c.sep_keyword(&["dev"]).is_some() {
        dev = Some(c.implicit_number()?);
    }
    // Local version: `+` then alphanumeric segments separated by `-`, `_` or `.`.
    let mut local = None;
    if c.peek() == Some(b'+') {
        let s = c.pos + 1;
        let l = &text[s..];
        if l.split(is_sep)
            .any(|seg| seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            return Err("invalid local version label");
        }
        local = Some(Span::new(s, text.len()));
        c.pos = text.len();
    }
    if c.pos != text.len() {
        return Err("unexpected text after the version");
    }
    Ok(Pep440 {
        epoch,
        release,
        pre,
        post,
        dev,
        local,
    })
}

/// Release segments compared with zero padding (`1.0 == 1.0.0`).
fn compare_release(a: &[u64], b: &[u64]) -> Ordering {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            a.get(i)
                .copied()
                .unwrap_or(0)
                .cmp(&b.get(i).copied().unwrap_or(0))
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// The pre-release sort key: a bare dev release sorts below every pre-release, no
/// pre-release above all.
fn pre_key(v: &Pep440) -> (u8, Option<(Pre, u64)>) {
    match (v.pre, v.post, v.dev) {
        (None, None, Some(_)) => (0, None),
        (Some(p), _, _) => (1, Some(p)),
        (None, _, _) => (2, None),
    }
}

/// Local segments: numeric (compared as integers) above alphanumeric (compared
/// case-insensitively); shorter before longer.
fn compare_local(a: &str, b: &str) -> Ordering {
    let mut xs = a.split(is_sep);
    let mut ys = b.split(is_sep);
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = match (all_digits(x), all_digits(y)) {
                    (true, true) => cmp_digits(x, y),
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    (false, false) => x
                        .bytes()
                        .map(|c| c.to_ascii_lowercase())
                        .cmp(y.bytes().map(|c| c.to_ascii_lowercase())),
                };
                if o.is_ne() {
                    return o;
                }
            }
        }
    }
}

/// PEP 440 ordering.
pub(crate) fn compare(a: &Pep440, at: &str, b: &Pep440, bt: &str) -> Ordering {
    a.epoch
        .cmp(&b.epoch)
        .then_with(|| compare_release(&a.release, &b.release))
        .then_with(|| pre_key(a).cmp(&pre_key(b)))
        // Option: None < Some, as packaging's "no post-release" = -infinity.
        .then_with(|| a.post.cmp(&b.post))
        // No dev release sorts after any dev release.
        .then_with(|| match (a.dev, b.dev) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => x.cmp(&y),
        })
        .then_with(|| match (a.local, b.local) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(x), Some(y)) => compare_local(x.of(at), y.of(bt)),
        })
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::Pep440, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn normalisation_table() {
        // PEP 440 "Normalization" section examples.
        let cases = [
            ("1.0A1", "1.0a1"),
            ("1.1RC1", "1.1rc1"),
            ("1.0.POST1", "1.0.post1"),
            ("1.0.DEV1", "1.0.dev1"),
            ("1.1.0-alpha1", "1.1.0a1"),
            ("1.1.0_beta.2", "1.1.0b2"),
            ("1.0c1", "1.0rc1"),
            ("1.0pre1", "1.0rc1"),
            ("1.0preview1", "1.0rc1"),
            ("1.0a", "1.0a0"),
            ("1.0-post", "1.0.post0"),
            ("1.0post-2", "1.0.post2"),
            ("1.0-1", "1.0.post1"),
            ("1.0rev3", "1.0.post3"),
            ("1.0r3", "1.0.post3"),
            ("1.0-dev", "1.0.dev0"),
            ("1.0dev2", "1.0.dev2"),
            ("1.0+ubuntu-1", "1.0+ubuntu.1"),
            ("1.0+Ubuntu_01", "1.0+ubuntu.1"),
            ("v1.0", "1.0"),
            ("V1.0", "1.0"),
            ("0!1.0", "1.0"),
            ("2!1.0", "2!1.0"),
            ("01.002", "1.2"),
            ("1.0.0", "1.0.0"),
        ];
        for (input, want) in cases {
            assert_eq!(v(input).normalized(), want, "{input}");
        }
    }

    #[test]
    fn invalid() {
        for s in [
            "",
            "a",
            "1.0+",
            "1.0+a..b",
            "1.0+a b",
            "1.0a1a1",
            "1.0.",
            "1.0-",
            "1!",
            "!1",
            "1.0.post1.post2",
            "1.0dev1.dev2",
            "1.0 beta",
            "1.0+é",
            "1.0-dev-1-",
        ] {
            assert!(Version::parse(Scheme::Pep440, s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn dev_release_placement() {
        // packaging: 1.0.dev0 < 1.0a1 ; 1.0a1.dev0 < 1.0a1 ; 1.0.post1.dev0 < 1.0.post1
        assert!(v("1.0.dev0") < v("1.0a0"));
        assert!(v("1.0.dev456") < v("1.0a1"));
        assert!(v("1.0rc1.dev0") < v("1.0rc1"));
        assert!(v("1.0") < v("1.0.post0.dev0"));
        assert!(!v("1.0.post1").is_prerelease());
        assert!(v("1.0.dev1").is_prerelease());
    }
}
