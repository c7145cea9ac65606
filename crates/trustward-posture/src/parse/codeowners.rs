//! GitHub `CODEOWNERS`: lines of `pattern owner...`, parsed into rules with spans, and
//! GitHub's ownership lookup (gitignore-style patterns, the last matching rule wins).
//!
//! What GitHub documents and this parser follows: `#` starts a comment; a pattern with no
//! owners is legal and leaves matching paths unowned; owners are `@user`, `@org/team` or
//! an e-mail address; `!` negation, `[ ]` character ranges and `\#` escapes are not
//! supported, and a line GitHub cannot parse is skipped (so the paths it meant to protect are unowned).

/// Most lines parsed (GitHub caps the file at 3 MB; this bounds work on hostile input).
pub const MAX_LINES: usize = 20_000;
/// Longest pattern compiled.
pub const MAX_PATTERN_LEN: usize = 1024;

/// One owner token with its 1-based column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The token as written (`@org/team`).
    pub text: String,
    /// 1-based column (characters).
    pub column: u32,
}

/// Whose CODEOWNERS rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// GitHub: one list, the last matching line wins.
    #[default]
    GitHub,
    /// GitLab: as GitHub, plus `[Section]` / `^[Optional section][n] @default-owners`
    /// headers; the last match wins within each section and every section applies;
    /// owners may be nested groups (`@group/sub/team`) or roles (`@@developer`).
    GitLab,
}

/// A valid rule line.
#[derive(Debug, Clone)]
pub struct OwnersRule {
    /// 1-based line.
    pub line: u32,
    /// Index of the GitLab section the rule is in (0 outside any section).
    pub section: usize,
    /// The pattern as written (unescaped).
    pub pattern: String,
    /// The owners (empty: matching paths are explicitly unowned).
    pub owners: Vec<Owner>,
    matcher: Matcher,
}

/// A line GitHub would reject, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLine {
    /// 1-based line.
    pub line: u32,
    /// 1-based column of the offending token.
    pub column: u32,
    /// 1-based column just past the offending token.
    pub end_column: u32,
    /// The offending token.
    pub token: String,
    /// What is wrong.
    pub reason: String,
}

/// A parsed CODEOWNERS file.
#[derive(Debug, Clone, Default)]
pub struct Codeowners {
    /// Valid rules in file order.
    pub rules: Vec<OwnersRule>,
    /// Lines GitHub skips.
    pub invalid: Vec<InvalidLine>,
    /// Whether parsing stopped at [`MAX_LINES`].
    pub truncated: bool,
}

/// How a path's ownership resolves.
#[derive(Debug, Clone, Copy)]
pub enum Ownership<'a> {
    /// The last matching rule names owners.
    Owned(&'a OwnersRule),
    /// The last matching rule has no owners.
    ExplicitlyUnowned(&'a OwnersRule),
    /// No rule matches.
    NoRule,
}

impl Codeowners {
    /// Parses GitHub CODEOWNERS text; never fails (bad lines land in
    /// [`Codeowners::invalid`]).
    pub fn parse(text: &str) -> Codeowners {
        Self::parse_dialect(text, Dialect::GitHub)
    }

    /// Parses CODEOWNERS text with the rules of `dialect`.
    pub fn parse_dialect(text: &str, dialect: Dialect) -> Codeowners {
        let mut out = Codeowners::default();
        let mut section = 0usize;
        let mut section_owners: Vec<Owner> = Vec::new();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, raw) in text.lines().enumerate() {
            if i >= MAX_LINES {
                out.truncated = true;
                break;
            }
            let line_no = crate::repo::line_no(i);
            let tokens = tokenize(raw);
            let Some(first) = tokens.first() else {
                continue;
            };
            let pattern = first.text.clone();
            if dialect == Dialect::GitLab
                && let Some(header) = gitlab_section_header(raw)
            {
                section += 1;
                section_owners.clear();
                let mut bad_owner = None;
                for tok in tokens.iter().skip(header) {
                    if let Some(reason) = owner_problem_in(&tok.text, dialect) {
                        bad_owner = Some((tok, reason));
                        break;
                    }
                    section_owners.push(Owner {
                        text: tok.text.clone(),
                        column: tok.column,
                    });
                }
                if let Some((tok, reason)) = bad_owner {
                    out.invalid.push(InvalidLine {
                        line: line_no,
                        column: tok.column,
                        end_column: tok.column.saturating_add(count(&tok.raw)),
                        token: tok.raw.clone(),
                        reason,
                    });
                }
                continue;
            }
            let bad = |tok: &Token, reason: String| InvalidLine {
                line: line_no,
                column: tok.column,
                end_column: tok.column.saturating_add(count(&tok.raw)),
                token: tok.raw.clone(),
                reason,
            };
            let escaped_hash = first.raw.starts_with("\\#").then(|| {
                "escaping a leading `#` with `\\` is not supported in CODEOWNERS: GitHub \
                 does not match this pattern"
                    .to_string()
            });
            if let Some(reason) = escaped_hash.or_else(|| pattern_problem(&pattern)) {
                out.invalid.push(bad(first, reason));
                continue;
            }
            let mut owners = Vec::new();
            let mut problem = None;
            for tok in tokens.iter().skip(1) {
                if let Some(reason) = owner_problem_in(&tok.text, dialect) {
                    problem = Some(bad(tok, reason));
                    break;
                }
                owners.push(Owner {
                    text: tok.text.clone(),
                    column: tok.column,
                });
            }
            if let Some(p) = problem {
                out.invalid.push(p);
                continue;
            }
            if owners.is_empty() {
                owners = section_owners.clone();
            }
            match compile(&pattern) {
                Some(matcher) => out.rules.push(OwnersRule {
                    line: line_no,
                    section,
                    pattern,
                    owners,
                    matcher,
                }),
                None => out
                    .invalid
                    .push(bad(first, "the pattern cannot be evaluated".to_string())),
            }
        }
        out
    }

    /// GitHub's answer for one file path (relative, `/`-separated): the last valid rule
    /// whose pattern matches decides.
    /// With GitLab sections, the last match of each section applies and the path is
    /// owned if any of them names owners.
    pub fn owner_of(&self, path: &str) -> Ownership<'_> {
        let mut unowned: Option<&OwnersRule> = None;
        let mut done_sections: Vec<usize> = Vec::new();
        for r in self.rules.iter().rev() {
            if done_sections.contains(&r.section) || !r.matches(path) {
                continue;
            }
            if !r.owners.is_empty() {
                return Ownership::Owned(r);
            }
            done_sections.push(r.section);
            unowned = unowned.or(Some(r));
        }
        match unowned {
            Some(r) => Ownership::ExplicitlyUnowned(r),
            None => Ownership::NoRule,
        }
    }
}

impl OwnersRule {
    /// Whether this rule's pattern matches the file `path`.
    pub fn matches(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

struct Token {
    /// Unescaped text.
    text: String,
    /// As written.
    raw: String,
    column: u32,
}

fn count(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// Splits a line into whitespace-separated tokens, honouring `\ ` escapes and stopping
/// at a `#` that starts a token (a comment).
fn tokenize(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut col: u32 = 0;
    let mut cur: Option<Token> = None;
    while let Some((_, c)) = chars.next() {
        col = col.saturating_add(1);
        if c.is_whitespace() {
            if let Some(t) = cur.take() {
                tokens.push(t);
            }
            continue;
        }
        if c == '#' && cur.is_none() {
            break;
        }
        let tok = cur.get_or_insert_with(|| Token {
            text: String::new(),
            raw: String::new(),
            column: col,
        });
        if c == '\\'
            && let Some(&(_, next)) = chars.peek()
        {
            chars.next();
            col = col.saturating_add(1);
            tok.raw.push(c);
            tok.raw.push(next);
            if next == '#' || next.is_whitespace() {
                tok.text.push(next);
            } else {
                tok.text.push('\\');
                tok.text.push(next);
            }
            continue;
        }
        tok.raw.push(c);
        tok.text.push(c);
    }
    if let Some(t) = cur.take() {
        tokens.push(t);
    }
    tokens
}

fn pattern_problem(p: &str) -> Option<String> {
    if p.starts_with('!') {
        return Some(
            "`!` negation is not supported in CODEOWNERS: GitHub skips this line".to_string(),
        );
    }
    if p.contains(['[', ']']) {
        return Some(
            "`[ ]` character ranges are not supported in CODEOWNERS: GitHub skips this line"
                .to_string(),
        );
    }
    if p.starts_with('@') {
        return Some("the line starts with an owner but has no path pattern".to_string());
    }
    if p.len() > MAX_PATTERN_LEN {
        return Some(format!(
            "the pattern is longer than {MAX_PATTERN_LEN} bytes"
        ));
    }
    None
}

/// If `raw` is a GitLab section header (`[Name]`, `^[Name]`, `[Name][2]`), the number
/// of leading tokens it spans (the owners follow).
fn gitlab_section_header(raw: &str) -> Option<usize> {
    let t = raw.trim_start();
    let t = t.strip_prefix('^').unwrap_or(t);
    let rest = t.strip_prefix('[')?;
    let close = rest.find(']')?;
    let mut after = rest.get(close + 1..)?;
    if let Some(n) = after.strip_prefix('[') {
        let end = n.find(']')?;
        if !n.get(..end)?.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        after = n.get(end + 1..)?;
    }
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    // The name may contain spaces: count the tokens up to the end of the header.
    let header_len = raw.len() - after.len();
    let header = raw.get(..header_len)?;
    Some(header.split_whitespace().count())
}

/// Why `o` is not an owner in `dialect`, if it is not.
fn owner_problem_in(o: &str, dialect: Dialect) -> Option<String> {
    if dialect == Dialect::GitLab {
        let path = o.strip_prefix("@@").or_else(|| o.strip_prefix('@'));
        let ok = match path {
            Some(p) => {
                !p.is_empty()
                    && p.split('/').all(|seg| {
                        !seg.is_empty()
                            && seg
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
                    })
            }
            None => is_email(o),
        };
        return (!ok).then(|| {
            format!(
                "`{o}` is not a valid owner: expected @user, @group/subgroup, @@role or an e-mail address"
            )
        });
    }
    owner_problem(o)
}

/// Why `o` is not an owner GitHub accepts, if it is not.
pub fn owner_problem(o: &str) -> Option<String> {
    if let Some(rest) = o.strip_prefix('@') {
        let ok = match rest.split_once('/') {
            Some((org, team)) => valid_login(org) && valid_team(team),
            None => valid_login(rest),
        };
        return (!ok).then(|| {
            format!("`{o}` is not a valid owner: expected @username, @org/team-name or an e-mail address")
        });
    }
    if is_email(o) {
        return None;
    }
    Some(format!(
        "`{o}` is not a valid owner: expected @username, @org/team-name or an e-mail address \
         (did you forget the `@`?)"
    ))
}

/// A GitHub login: 1–39 characters, alphanumerics and single hyphens, not at either end
/// (`_` is allowed for enterprise managed users' `_shortcode` suffix).
fn valid_login(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 39
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A team slug: alphanumerics, `-`, `_` and `.`.
fn valid_team(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// A plausible e-mail address: `local@domain.tld`, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&b));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
    local_ok && domain_ok
}

/// One `/`-separated piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    /// `**`: zero or more whole path segments.
    AnyDirs,
    /// A glob over one path segment.
    Glob(Vec<Tok>),
}

/// One element of a segment glob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A literal character.
    Lit(char),
    /// `?`: one character.
    One,
    /// `*` (or `**` inside a segment): any run of characters.
    Star,
}

/// A gitignore-style pattern compiled for GitHub's CODEOWNERS semantics:
/// - a leading `/`, or a `/` anywhere but at the end, anchors the pattern at the root;
///   otherwise it matches at any depth;
/// - `*` and `?` never cross `/`; a whole `**` segment spans any number of directories
///   (`**/x`, `a/**/b`, `a/**`); `**` inside a segment is a plain `*`, as in gitignore;
/// - a pattern naming a directory owns every file below it, except that a final `/*`
///   owns only the directory's direct files (GitHub's documented `docs/*` example);
/// - a trailing `/` matches directories only.
///
/// Matching is a dynamic programme over (pattern segment, path segment) with a
/// backtracking-free wildcard match inside a segment, so it stays polynomial
/// (pattern length × path length) on hostile patterns such as `*a*a*a…`.
#[derive(Debug, Clone)]
pub struct Matcher {
    segs: Vec<Seg>,
    dir_only: bool,
    direct_children_only: bool,
    everything: bool,
}

fn compile(pattern: &str) -> Option<Matcher> {
    let dir_only = pattern.ends_with('/') && pattern.len() > 1;
    let body = pattern.trim_end_matches('/');
    let anchored = body.starts_with('/') || body.contains('/');
    let body = body.trim_start_matches('/');
    if body.is_empty() {
        return Some(Matcher {
            segs: Vec::new(),
            dir_only: false,
            direct_children_only: false,
            everything: true,
        });
    }
    let raw: Vec<&str> = body.split('/').filter(|s| !s.is_empty()).collect();
    let direct_children_only = raw.len() > 1 && raw.last() == Some(&"*");
    let mut segs = Vec::with_capacity(raw.len() + 1);
    if !anchored {
        segs.push(Seg::AnyDirs);
    }
    for seg in raw {
        if seg == "**" {
            if segs.last() != Some(&Seg::AnyDirs) {
                segs.push(Seg::AnyDirs);
            }
            continue;
        }
        let mut toks = Vec::with_capacity(seg.len());
        let mut chars = seg.chars();
        while let Some(c) = chars.next() {
            match c {
                '*' => {
                    if toks.last() != Some(&Tok::Star) {
                        toks.push(Tok::Star);
                    }
                }
                '?' => toks.push(Tok::One),
                '\\' => {
                    if let Some(n) = chars.next() {
                        toks.push(Tok::Lit(n));
                    }
                }
                c => toks.push(Tok::Lit(c)),
            }
        }
        segs.push(Seg::Glob(toks));
    }
    Some(Matcher {
        segs,
        dir_only,
        direct_children_only,
        everything: false,
    })
}

impl Matcher {
    /// Whether the pattern owns the file at `path`.
    pub fn is_match(&self, path: &str) -> bool {
        if self.everything {
            return true;
        }
        let parts: Vec<Vec<char>> = path.split('/').map(|p| p.chars().collect()).collect();
        let n = parts.len();
        // reach[k]: the pattern segments seen so far can consume exactly the first k
        // path segments.
        let mut reach = vec![false; n + 1];
        if let Some(r) = reach.get_mut(0) {
            *r = true;
        }
        for seg in &self.segs {
            let mut next = vec![false; n + 1];
            match seg {
                Seg::AnyDirs => {
                    if let Some(first) = reach.iter().position(|r| *r) {
                        for r in next.iter_mut().skip(first) {
                            *r = true;
                        }
                    }
                }
                Seg::Glob(toks) => {
                    for (k, part) in parts.iter().enumerate() {
                        if reach.get(k) == Some(&true)
                            && wildcard(toks, part)
                            && let Some(r) = next.get_mut(k + 1)
                        {
                            *r = true;
                        }
                    }
                }
            }
            reach = next;
            if !reach.iter().any(|r| *r) {
                return false;
            }
        }
        reach.iter().enumerate().any(|(k, r)| {
            *r && if k == n {
                !self.dir_only
            } else {
                // The first k segments are a directory that contains the file.
                k >= 1 && !self.direct_children_only
            }
        })
    }
}

/// Wildcard match of one path segment: `*` any run, `?` one character. Greedy with a
/// single resume point, which is exact for one kind of star and O(len(p) × len(s)).
fn wildcard(p: &[Tok], s: &[char]) -> bool {
    let (mut pi, mut si) = (0usize, 0usize);
    let mut resume: Option<(usize, usize)> = None;
    while si < s.len() {
        match (p.get(pi), s.get(si)) {
            (Some(Tok::Star), _) => {
                resume = Some((pi, si));
                pi += 1;
                continue;
            }
            (Some(Tok::One), Some(_)) => {
                pi += 1;
                si += 1;
                continue;
            }
            (Some(Tok::Lit(c)), Some(x)) if c == x => {
                pi += 1;
                si += 1;
                continue;
            }
            _ => {}
        }
        match resume {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                resume = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    while p.get(pi) == Some(&Tok::Star) {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(text: &str, path: &str) -> Option<u32> {
        match Codeowners::parse(text).owner_of(path) {
            Ownership::Owned(r) => Some(r.line),
            _ => None,
        }
    }

    #[test]
    fn parses_comments_owners_and_bad_lines() {
        let t = "# comment\n\n*       @global-owner1 @org/team-a\n*.js    @js-owner # tail\n\
                 /build/logs/ @doctocat\napps/ octocat@example.com\n/unowned\n!x.txt @a\n\
                 *.[ch] @a\ndocs/ @bad--\nsrc/ user\n";
        let c = Codeowners::parse(t);
        assert_eq!(c.rules.len(), 5);
        assert_eq!(c.rules[0].owners.len(), 2);
        assert_eq!(c.rules[1].owners.len(), 1, "inline comment dropped");
        assert!(c.rules[4].owners.is_empty());
        let lines: Vec<(u32, u32)> = c.invalid.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(lines, vec![(8, 1), (9, 1), (10, 7), (11, 6)]);
    }

    #[test]
    fn github_documented_examples() {
        // The examples of GitHub's "About code owners" page, written out by hand.
        let t = "*       @global-owner1 @global-owner2\n\
                 *.js    @js-owner\n\
                 *.go docs@example.com\n\
                 /build/logs/ @doctocat\n\
                 docs/*  docs@example.com\n\
                 apps/ @octocat\n\
                 /docs/ @doctocat\n\
                 /scripts/ @doctocat @octocat\n\
                 **/logs @octocat\n\
                 /apps/ @octocat\n\
                 /apps/github\n";
        assert_eq!(owner(t, "README.md"), Some(1));
        assert_eq!(owner(t, "src/a/b.js"), Some(2));
        assert_eq!(owner(t, "x.go"), Some(3));
        assert_eq!(
            owner(t, "build/logs/x/y.txt"),
            Some(9),
            "**/logs matches nested logs dir"
        );
        assert_eq!(owner(t, "docs/getting-started.md"), Some(7));
        assert_eq!(owner(t, "a/apps/x.txt"), Some(6));
        assert_eq!(owner(t, "apps/x.txt"), Some(10));
        assert_eq!(owner(t, "deep/logs/x"), Some(9));
        let c = Codeowners::parse(t);
        assert!(matches!(
            c.owner_of("apps/github/x.rb"),
            Ownership::ExplicitlyUnowned(r) if r.line == 11
        ));
    }

    #[test]
    fn star_slash_does_not_cross_directories() {
        let t = "docs/* @a\n";
        assert_eq!(owner(t, "docs/a.md"), Some(1));
        assert_eq!(owner(t, "docs/build-app/troubleshooting.md"), None);
        assert_eq!(owner("/.github/ @a\n", ".github/workflows/ci.yml"), Some(1));
        assert_eq!(owner("/.github/ @a\n", "x/.github/workflows/ci.yml"), None);
        assert_eq!(owner("CODEOWNERS @a\n", ".github/CODEOWNERS"), Some(1));
        assert_eq!(owner("/CODEOWNERS @a\n", ".github/CODEOWNERS"), None);
        assert_eq!(
            owner(".github/** @a\n", ".github/workflows/ci.yml"),
            Some(1)
        );
        assert_eq!(owner("Cargo.* @a\n", "Cargo.toml"), Some(1));
        assert_eq!(owner("docs @a\n", "docs"), Some(1));
        assert_eq!(
            owner("/docs/ @a\n", "docs"),
            None,
            "trailing slash: directories only"
        );
        assert_eq!(owner("a/**/b @a\n", "a/b"), Some(1));
        assert_eq!(owner("a/**/b @a\n", "a/x/y/b"), Some(1));
        assert_eq!(owner("foo**bar @a\n", "x/fooXbar"), Some(1));
        assert_eq!(
            owner("foo**bar @a\n", "foo/bar"),
            None,
            "** inside a segment is *"
        );
        assert_eq!(owner("*.rs @a\n", "src/a/b.rs"), Some(1));
        assert_eq!(owner("/src/*.rs @a\n", "src/a/b.rs"), None);
        assert_eq!(owner("s?c/ @a\n", "x/src/y"), Some(1));
        assert_eq!(owner("*a*b*c @a\n", "xaybzc"), Some(1));
        assert_eq!(owner("*a*b*c @a\n", "xaybz"), None);
        assert_eq!(owner("my\\ file @a\n", "my file"), Some(1));
        let c = Codeowners::parse("\\#notes @a\n");
        assert_eq!(c.invalid.len(), 1);
        assert!(c.invalid[0].reason.contains("escaping"));
    }

    #[test]
    fn gitlab_sections() {
        let t = "* @org/maintainers\n[Docs][2] @org/docs/writers\ndocs/\n^[Release] @@maintainer\n\
                 /Cargo.toml\n/build/\n[Empty]\n/ci/\n";
        let c = Codeowners::parse_dialect(t, Dialect::GitLab);
        assert!(c.invalid.is_empty(), "{:?}", c.invalid);
        assert_eq!(c.rules.len(), 5);
        // Section defaults apply to entries without owners.
        assert!(matches!(c.owner_of("docs/a.md"), Ownership::Owned(r) if r.line == 3));
        assert!(matches!(c.owner_of("Cargo.toml"), Ownership::Owned(r) if r.line == 5));
        // Every section applies: /ci/ is unowned in [Empty] but `*` owns it.
        assert!(matches!(c.owner_of("ci/x"), Ownership::Owned(r) if r.line == 1));
        let only = Codeowners::parse_dialect("[S]\n/ci/\n", Dialect::GitLab);
        assert!(matches!(only.owner_of("ci/x"), Ownership::ExplicitlyUnowned(r) if r.line == 2));
        // The same text is invalid for GitHub.
        assert!(!Codeowners::parse(t).invalid.is_empty());
        let bad = Codeowners::parse_dialect("[S] not-an-owner\n", Dialect::GitLab);
        assert_eq!(bad.invalid.len(), 1);
        assert_eq!(bad.invalid[0].column, 5);
    }

    #[test]
    fn owners_and_emails() {
        assert!(owner_problem("@octocat").is_none());
        assert!(owner_problem("@octo-org/octo-team").is_none());
        assert!(owner_problem("@octo-org/team.name_x").is_none());
        assert!(owner_problem("dev@example.org").is_none());
        assert!(owner_problem("@-bad").is_some());
        assert!(owner_problem("@org/").is_some());
        assert!(owner_problem("octocat").is_some());
        assert!(owner_problem("a@b").is_some());
        assert!(owner_problem("@a/b/c").is_some());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let big = format!("{} @a\n", "*".repeat(5000));
        let c = Codeowners::parse(&big);
        assert_eq!(c.invalid.len(), 1);
        let many = "a @b\n".repeat(MAX_LINES + 5);
        let c = Codeowners::parse(&many);
        assert!(c.truncated);
        for s in ["\\", "\\\\", "# \\", "\u{feff}x @a", "**/**/** @a", "/ @a"] {
            let c = Codeowners::parse(s);
            let _ = c.owner_of("a/b");
        }
    }
}
