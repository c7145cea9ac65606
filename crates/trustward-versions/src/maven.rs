//! Maven versions, ordered like `org.apache.maven.artifact.versioning.ComparableVersion`
//! as of the current maven-artifact source (Maven 3.9 line, including MNG-6964,
//! MNG-7644 and MNG-7714; <https://maven.apache.org/pom.html#version-order-specification>).
//!
//! Parsing (case-insensitive): `.` separates items; `-` starts a sub-list; a letter→digit
//! transition makes a combination item (`rc1`, also `rc-1`) in a new sub-list, a
//! digit→letter transition starts a sub-list, and a trailing qualifier after `.` is
//! treated like one after `-` (`1.0.0.X1 < 1.0.0-X2`). Numbers compare numerically with
//! no size limit. Qualifiers order `alpha < beta < milestone < rc = cr < snapshot <
//! "" = ga = final = release < sp`, then unknown qualifiers lexically; `a`/`b`/`m` directly
//! followed by a digit mean alpha/beta/milestone. Null items (0, empty list) are trimmed
//! where `ListItem.normalize()` trims them, so `1.0.0 == 1` and `1-0 == 1`.
//!
//! Deviations: only ASCII digits are digits (Java's `Character.isDigit` also accepts
//! other Unicode digits) and only ASCII letters are lower-cased; an empty string is an
//! error instead of an empty version.

use std::cmp::Ordering;

use crate::num::{Span, cmp_digits};

/// A qualifier: one of the known ones (by rank) or an unknown one (span, compared
/// case-insensitively).
#[derive(Debug, Clone, Copy)]
enum Qualifier {
    Known(u8),
    Unknown(Span),
}

/// Rank of the empty ("release") qualifier in the known list.
const RELEASE: u8 = 5;

/// One item of a ComparableVersion item list.
#[derive(Debug, Clone)]
enum Item {
    /// Digits (leading zeros already stripped; empty = 0).
    Number(Span),
    /// A string qualifier.
    Str(Qualifier),
    /// A qualifier directly followed by a number (`rc1`, `rc-1`).
    Combination(Qualifier, Span),
    /// A sub-list.
    List(Vec<Item>),
}

/// A parsed Maven version: the root item list.
#[derive(Debug, Clone)]
pub(crate) struct Maven {
    toks: Vec<Tok>,
}

impl Maven {
    /// Whether the first qualifier met sorts below a release (alpha … snapshot).
    pub(crate) fn is_prerelease(&self) -> bool {
        let first = self.toks.iter().find_map(|t| match t {
            Tok::Str(q) | Tok::Combo(q, _) => Some(*q),
            Tok::Num(_) | Tok::Sub(_) => None,
        });
        matches!(first, Some(Qualifier::Known(r)) if r < RELEASE)
    }
}

/// The qualifier for a string item; `followed_by_digit` enables the `a1`/`b1`/`m1` forms.
fn qualifier(text: &str, span: Span, followed_by_digit: bool) -> Qualifier {
    let s = span.of(text);
    let eq = |w: &str| s.eq_ignore_ascii_case(w);
    let rank = if followed_by_digit && eq("a") {
        0
    } else if followed_by_digit && eq("b") {
        1
    } else if followed_by_digit && eq("m") {
        2
    } else if eq("alpha") {
        0
    } else if eq("beta") {
        1
    } else if eq("milestone") {
        2
    } else if eq("rc") || eq("cr") {
        3
    } else if eq("snapshot") {
        4
    } else if s.is_empty() || eq("ga") || eq("final") || eq("release") {
        RELEASE
    } else if eq("sp") {
        6
    } else {
        return Qualifier::Unknown(span);
    };
    Qualifier::Known(rank)
}

/// `Item.isNull()`: zero, empty list. (A string item is null only when empty, which the
/// parser never produces.)
fn is_null(item: &Item, text: &str) -> bool {
    match item {
        Item::Number(s) => s.of(text).is_empty(),
        Item::Str(_) | Item::Combination(..) => false,
        Item::List(l) => l.is_empty(),
    }
}

/// `ListItem.normalize()`: a null item is removed when it is last, or followed by a string,
/// or followed by a list that starts with a string or combination (or is empty).
fn normalize(list: &mut Vec<Item>, text: &str) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if !list.get(i).is_some_and(|it| is_null(it, text)) {
            continue;
        }
        let remove = match list.get(i + 1) {
            None | Some(Item::Str(_)) => true,
            Some(Item::List(next)) => matches!(
                next.first(),
                None | Some(Item::Str(_) | Item::Combination(..))
            ),
            Some(_) => false,
        };
        if remove {
            list.remove(i);
        }
    }
}

/// Builder mirroring the Java parser's stack of open lists: lists are kept in a stack
/// and folded into their parents (after normalisation) when closed. Java never adds to
/// a parent after opening a child, so appending the child at the end is exact.
struct Builder<'a> {
    text: &'a str,
    stack: Vec<Vec<Item>>,
}

impl Builder<'_> {
    fn current(&mut self) -> &mut Vec<Item> {
        if self.stack.is_empty() {
            self.stack.push(Vec::new());
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn add(&mut self, item: Item) {
        self.current().push(item);
    }

    /// `list.add(list = new ListItem()); stack.push(list)`.
    fn open(&mut self) {
        self.stack.push(Vec::new());
    }

    /// The same, only when the current list is not empty.
    fn open_if_not_empty(&mut self) {
        if !self.current().is_empty() {
            self.open();
        }
    }

    /// The digits `start..end` without leading zeros.
    fn digits(&self, start: usize, end: usize) -> Span {
        let s = self.text.get(start..end).unwrap_or_default();
        let zeros = s.len() - s.trim_start_matches('0').len();
        Span::new(start + zeros, end)
    }

    fn number(&self, start: usize, end: usize) -> Item {
        Item::Number(self.digits(start, end))
    }

    /// `parseItem(isCombination, isDigit, buf)`.
    fn item(&self, is_combination: bool, is_digit: bool, start: usize, end: usize) -> Item {
        if is_combination {
            // `CombinationItem(buf.replace("-", ""))`: letters, an optional `-`, digits.
            let buf = self.text.get(start..end).unwrap_or_default();
            let digit_at = buf
                .bytes()
                .position(|c| c.is_ascii_digit())
                .map_or(end, |p| start + p);
            let hyphen = digit_at > start && self.text.as_bytes().get(digit_at - 1) == Some(&b'-');
            let letters_end = if hyphen { digit_at - 1 } else { digit_at };
            let q = qualifier(self.text, Span::new(start, letters_end), true);
            Item::Combination(q, self.digits(digit_at, end))
        } else if is_digit {
            self.number(start, end)
        } else {
            Item::Str(qualifier(self.text, Span::new(start, end), false))
        }
    }

    /// Closes all lists, innermost first, normalising each.
    fn finish(mut self) -> Vec<Item> {
        while self.stack.len() > 1 {
            let mut inner = self.stack.pop().unwrap_or_default();
            normalize(&mut inner, self.text);
            self.current().push(Item::List(inner));
        }
        let mut root = self.stack.pop().unwrap_or_default();
        normalize(&mut root, self.text);
        root
    }
}

/// Nesting depth cap: every `-` or digit/letter transition opens a list.
const MAX_DEPTH: usize = 64;

/// Parses Maven version text (already trimmed).
pub(crate) fn parse(text: &str) -> Result<Maven, &'static str> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("whitespace or control character inside the version");
    }
    let mut b = Builder {
        text,
        stack: vec![Vec::new()],
    };
    let bytes = text.as_bytes();
    let mut is_digit = false;
    let mut is_combination = false;
    let mut start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if c == b'.' {
            let it = if i == start {
                Item::Number(Span::new(i, i))
            } else {
                b.item(is_combination, is_digit, start, i)
            };
            b.add(it);
            is_combination = false;
            start = i + 1;
        } else if c == b'-' {
            if i == start {
                b.add(Item::Number(Span::new(i, i)));
            } else {
                // X-1 is treated as X1.
                if !is_digit && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    is_combination = true;
                    continue;
                }
                let it = b.item(is_combination, is_digit, start, i);
                b.add(it);
            }
            start = i + 1;
            b.open_if_not_empty();
            is_combination = false;
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                // X1
                is_combination = true;
                b.open_if_not_empty();
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                let it = b.item(is_combination, true, start, i);
                b.add(it);
                start = i;
                b.open();
                is_combination = false;
            }
            is_digit = false;
        }
        if b.stack.len() > MAX_DEPTH {
            return Err("too many version components");
        }
    }
    if text.len() > start {
        // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X.
        if !is_digit {
            b.open_if_not_empty();
        }
        let it = b.item(is_combination, is_digit, start, text.len());
        b.add(it);
    }
    let tree = b.finish();
    let mut toks = Vec::with_capacity(8);
    flatten(&tree, &mut toks);
    classify(&mut toks);
    Ok(Maven { toks })
}

/// `comparableQualifier(a).compareTo(comparableQualifier(b))`: known ones by rank, then
/// unknown ones lexically (case-insensitive).
fn cmp_qualifier(a: Qualifier, at: &str, b: Qualifier, bt: &str) -> Ordering {
    match (a, b) {
        (Qualifier::Known(x), Qualifier::Known(y)) => x.cmp(&y),
        (Qualifier::Known(_), Qualifier::Unknown(_)) => Ordering::Less,
        (Qualifier::Unknown(_), Qualifier::Known(_)) => Ordering::Greater,
        (Qualifier::Unknown(x), Qualifier::Unknown(y)) => x
            .of(at)
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(y.of(bt).bytes().map(|c| c.to_ascii_lowercase())),
    }
}

/// One token of the flattened item tree. A list is always the last item of its parent
/// (the parser never adds to a list after opening a child), so a version is a chain of
/// lists and flattens without loss: a `Sub` marker, then the sub-list's items.
#[derive(Debug, Clone, Copy)]
enum Tok {
    Num(Span),
    Str(Qualifier),
    Combo(Qualifier, Span),
    /// A sub-list marker carrying how the rest of the chain compares with "nothing"
    /// (MNG-6964: the whole list is compared with null, not just its first item).
    Sub(Ordering),
}

fn flatten(items: &[Item], out: &mut Vec<Tok>) {
    for it in items {
        match it {
            Item::Number(s) => out.push(Tok::Num(*s)),
            Item::Str(q) => out.push(Tok::Str(*q)),
            Item::Combination(q, n) => out.push(Tok::Combo(*q, *n)),
            Item::List(l) => {
                out.push(Tok::Sub(Ordering::Equal));
                flatten(l, out);
            }
        }
    }
}

/// The token's band in the single total order of tokens, with 2 the band of "nothing"
/// (a missing item, the release qualifier and lists equivalent to nothing).
///
/// ComparableVersion's own `compareTo` is not transitive (for example
/// `0.sp-alpha < 0-alpha < 0 < 0.sp-alpha`, or `1.0.0.Final-redhat-1 < 1.0.0-alpha <
/// 1.0.0 < 1.0.0.Final-redhat-1` since MNG-7714); a Rust `Ord` must be, or sorting may
/// panic. The bands keep every relation ComparableVersion's own tests check and resolve
/// its contradictions in one fixed way: a qualifier sorts against a sub-list by where
/// each stands relative to "nothing" (release) instead of always below it, a
/// release-qualifier combination (`ga1`) sorts just above release, and a kept `0` sorts
/// above "nothing" like any other number.
fn band(t: Option<&Tok>) -> u8 {
    let q_band = |q: &Qualifier| match q {
        Qualifier::Known(r) if *r < RELEASE => 0,
        Qualifier::Known(RELEASE) => 2,
        _ => 4,
    };
    match t {
        None => 2,
        Some(Tok::Str(q)) => q_band(q),
        Some(Tok::Combo(q, _)) => match q_band(q) {
            2 => 3,
            b => b,
        },
        Some(Tok::Sub(Ordering::Less)) => 1,
        Some(Tok::Sub(Ordering::Equal)) => 2,
        Some(Tok::Sub(Ordering::Greater)) => 5,
        Some(Tok::Num(_)) => 6,
    }
}

/// Fills in each `Sub` marker's class: the first token after it that differs from
/// "nothing" decides.
fn classify(toks: &mut [Tok]) {
    let mut tail = Ordering::Equal;
    for t in toks.iter_mut().rev() {
        if let Tok::Sub(class) = t {
            *class = tail;
        } else {
            let o = band(Some(t)).cmp(&2);
            if o.is_ne() {
                tail = o;
            }
        }
    }
}

/// Compares two tokens (or a token with "nothing") in the total token order.
fn cmp_tok(a: Option<&Tok>, at: &str, b: Option<&Tok>, bt: &str) -> Ordering {
    let (x, y) = (band(a), band(b));
    if x != y {
        return x.cmp(&y);
    }
    match (a, b) {
        (Some(Tok::Num(m)), Some(Tok::Num(n))) => cmp_digits(m.of(at), n.of(bt)),
        (Some(Tok::Str(p)), Some(Tok::Str(q))) => cmp_qualifier(*p, at, *q, bt),
        // X < X1 for the same qualifier X.
        (Some(Tok::Str(p)), Some(Tok::Combo(q, _))) => {
            cmp_qualifier(*p, at, *q, bt).then(Ordering::Less)
        }
        (Some(Tok::Combo(p, _)), Some(Tok::Str(q))) => {
            cmp_qualifier(*p, at, *q, bt).then(Ordering::Greater)
        }
        (Some(Tok::Combo(p, m)), Some(Tok::Combo(q, n))) => {
            cmp_qualifier(*p, at, *q, bt).then_with(|| cmp_digits(m.of(at), n.of(bt)))
        }
        // Same band, nothing more to tell them apart: release-equivalents, sub-list
        // markers of the same class (their contents follow).
        _ => Ordering::Equal,
    }
}

/// ComparableVersion ordering over the flattened tokens, padding the shorter side with
/// "nothing".
pub(crate) fn compare(a: &Maven, at: &str, b: &Maven, bt: &str) -> Ordering {
    let n = a.toks.len().max(b.toks.len());
    (0..n)
        .map(|i| cmp_tok(a.toks.get(i), at, b.toks.get(i), bt))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::Maven, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn pom_reference_examples() {
        // maven.apache.org/pom.html "Version Order Specification" examples (current text,
        // after maven-site PR #707).
        assert!(v("1") < v("1.1"));
        assert!(v("1-snapshot") < v("1") && v("1") < v("1-sp"));
        assert!(v("1-foo2") < v("1-foo10"));
        assert!(v("1.foo") == v("1-foo") && v("1-foo") < v("1-1") && v("1-1") < v("1.1"));
        assert!(v("1.ga") == v("1-ga") && v("1-ga") == v("1-0") && v("1-0") == v("1.0"));
        assert_eq!(v("1"), v("1.0"));
        assert!(v("1-sp") > v("1-ga"));
        assert!(v("1-sp.1") > v("1-ga.1"));
        // pom.html states "1-sp-1" < "1-ga-1", which held before combination items; the
        // current ComparableVersion reads both as combinations (sp1, ga1) and sp > ga.
        assert!(v("1-sp-1") > v("1-ga-1"));
        assert!(v("1-a1") == v("1-alpha-1"));
        assert_eq!(v("1.0-alpha1"), v("1.0-ALPHA1"));
        assert!(v("1.7") > v("1.K"));
        assert!(v("5.zebra") > v("5.aardvark"));
        assert!(v("1.\u{3b1}") > v("1.b"));
        assert_eq!(v("1.0.0"), v("1"));
        assert_eq!(v("1-RELEASE"), v("1"));
        assert_eq!(v("1-final"), v("1"));
        assert_eq!(v("1-cr1"), v("1-rc1"));
    }

    #[test]
    fn comparable_version_cycles_are_resolved() {
        // ComparableVersion itself orders each of these in a cycle; here they must form
        // a consistent order.
        for triple in [
            ["0.sp-alpha", "0-alpha", "0"],
            ["1.0.0.Final-redhat-1", "1.0.0-alpha", "1.0.0"],
            ["0", "0.ga-ga", "0alpha-alpha"],
            ["20sp", "20", "20-alpha"],
        ] {
            let mut vs: Vec<_> = triple.iter().map(|s| v(s)).collect();
            vs.sort();
            assert!(
                vs[0] <= vs[1] && vs[1] <= vs[2] && vs[0] <= vs[2],
                "{triple:?}"
            );
        }
        // The resolution keeps the natural reading of real Red Hat versions.
        assert!(v("1.0.0-alpha") < v("1.0.0.Final-redhat-1"));
        assert!(v("1.0.0") < v("1.0.0.Final-redhat-1"));
        assert!(v("1.0.0.Final-redhat-1") < v("1.0.0.Final-redhat-2"));
        assert!(v("1.0.0.Final-redhat-2") < v("1.0.1.Final"));
    }

    #[test]
    fn big_numbers() {
        assert!(v("1.99999999999999999999999") > v("1.99999999999999999999998"));
        assert!(v("1.99999999999999999999999") > v("1.2147483648"));
        assert!(v("1.0000000000000000000000001") == v("1.1"));
    }

    #[test]
    fn prerelease_flag() {
        assert!(v("1.0-beta-1").is_prerelease());
        assert!(v("1.0-SNAPSHOT").is_prerelease());
        assert!(!v("1.0.Final").is_prerelease());
        assert!(!v("1.0-sp1").is_prerelease());
        assert!(!v("1.0").is_prerelease());
    }
}
