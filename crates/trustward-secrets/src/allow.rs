//! Allowlists: what is not a secret even though a rule matched it — placeholders (built
//! in), and user allowlists of paths, regexes, stopwords and commits (global or per rule,
//! from `[secrets]` or a gitleaks configuration), plus inline `trustward:allow`.

/// What an allowlist regex is tested against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RegexTarget {
    /// The secret (capture group) only.
    #[default]
    Secret,
    /// The whole regex match.
    Match,
    /// The whole line holding the match.
    Line,
}

/// How the checks of one allowlist combine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Condition {
    /// Any check that matches allows the finding.
    #[default]
    Or,
    /// Every check that is set must match.
    And,
}

/// One allowlist.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    /// Regexes on the path (relative, `/`-separated; inside archives the `a.zip!x` form).
    pub paths: Vec<regex::Regex>,
    /// Regexes on the secret, match or line (see [`RegexTarget`]).
    pub regexes: Vec<regex::bytes::Regex>,
    /// What `regexes` are tested against.
    pub regex_target: RegexTarget,
    /// Case-insensitive words: a secret containing one is allowed.
    pub stopwords: Vec<String>,
    /// Commit ids (or prefixes of at least 7 hex digits) whose findings are allowed.
    pub commits: Vec<String>,
    /// How the checks combine.
    pub condition: Condition,
}

/// What an allowlist is asked about.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// Path of the file or blob.
    pub path: &'a str,
    /// The secret.
    pub secret: &'a [u8],
    /// The whole match.
    pub matched: &'a [u8],
    /// The line(s) holding the match.
    pub line: &'a [u8],
    /// The commit, in history scans.
    pub commit: Option<&'a str>,
}

impl Allowlist {
    /// Whether it has no checks at all.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
            && self.regexes.is_empty()
            && self.stopwords.is_empty()
            && self.commits.is_empty()
    }

    /// Whether the path alone allows everything in the file (so it need not be read).
    pub fn allows_path(&self, path: &str) -> bool {
        if self.paths.is_empty() {
            return false;
        }
        let hit = self.paths.iter().any(|r| r.is_match(path));
        match self.condition {
            Condition::Or => hit,
            Condition::And => {
                hit && self.regexes.is_empty()
                    && self.stopwords.is_empty()
                    && self.commits.is_empty()
            }
        }
    }

    /// Whether a match is allowed.
    pub fn allows(&self, c: &Candidate<'_>) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut checks: Vec<bool> = Vec::with_capacity(4);
        if !self.paths.is_empty() {
            checks.push(self.paths.iter().any(|r| r.is_match(c.path)));
        }
        if !self.regexes.is_empty() {
            let target = match self.regex_target {
                RegexTarget::Secret => c.secret,
                RegexTarget::Match => c.matched,
                RegexTarget::Line => c.line,
            };
            checks.push(self.regexes.iter().any(|r| r.is_match(target)));
        }
        if !self.stopwords.is_empty() {
            let lower = String::from_utf8_lossy(c.secret).to_lowercase();
            checks.push(self.stopwords.iter().any(|w| lower.contains(w.as_str())));
        }
        if !self.commits.is_empty() {
            checks.push(c.commit.is_some_and(|id| {
                self.commits.iter().any(|a| {
                    id.eq_ignore_ascii_case(a) || (a.len() >= 7 && id.starts_with(a.as_str()))
                })
            }));
        }
        match self.condition {
            Condition::Or => checks.iter().any(|&b| b),
            Condition::And => checks.iter().all(|&b| b),
        }
    }
}

/// The inline markers that suppress every secret finding on their line.
pub const INLINE_MARKERS: [&[u8]; 2] = [b"trustward:allow", b"gitleaks:allow"];

/// Whether `line` carries an inline allow marker.
pub fn inline_allowed(line: &[u8]) -> bool {
    INLINE_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(line, m).is_some())
}

const PLACEHOLDER_PARTS: &[&str] = &[
    "example",
    "xxxx",
    "****",
    "...",
    "…",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "your_",
    "your-",
    "yourapi",
    "yourtoken",
    "yoursecret",
    "redacted",
    "dummy",
    "sample",
    "${",
    "{{",
    "%(",
    "$(",
    "<",
    ">",
    "insert",
    "abcdefgh",
    "12345678",
    "00000000",
    "fake",
    "secret_here",
    "token_here",
    "key_here",
    "not_a_real",
    "notareal",
];

const PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "token",
    "test",
    "testing",
    "admin",
    "root",
    "none",
    "null",
    "nil",
    "true",
    "false",
    "undefined",
    "default",
    "user",
    "username",
    "guest",
    "changeit",
    "letmein",
    "hunter2",
    "qwerty",
    "foobar",
    "foo",
    "bar",
];

/// Whether a secret is an obvious placeholder (`EXAMPLE`, `xxxx`, `${VAR}`, `<token>`, a
/// single repeated character, a word such as `password`).
pub fn is_placeholder(secret: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(secret).to_lowercase();
    if PLACEHOLDER_WORDS.contains(&lower.as_str()) {
        return true;
    }
    if PLACEHOLDER_PARTS.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let mut distinct = [false; 256];
    let mut n = 0;
    for &b in secret {
        if !distinct[b as usize] {
            distinct[b as usize] = true;
            n += 1;
        }
    }
    n <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand<'a>(path: &'a str, secret: &'a [u8], commit: Option<&'a str>) -> Candidate<'a> {
        Candidate {
            path,
            secret,
            matched: secret,
            line: secret,
            commit,
        }
    }

    #[test]
    fn placeholders() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "xxxxxxxxxxxx",
            "${TOKEN}",
            "<token>",
            "aaaaaaaa",
            "password",
            "{{ secrets.X }}",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        for s in ["q8Hd2kLm9Xz4Tr7W", "ghp_4kD9sLq2Zx8Vb7Nw1Mc3"] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn or_and_conditions() {
        let mut a = Allowlist {
            paths: vec![regex::Regex::new(r"^tests/").unwrap()],
            stopwords: vec!["fixture".into()],
            ..Default::default()
        };
        assert!(a.allows(&cand("tests/a.rs", b"zzz", None)));
        assert!(a.allows(&cand("src/a.rs", b"my-FIXTURE-1", None)));
        assert!(!a.allows(&cand("src/a.rs", b"zzz", None)));
        assert!(a.allows_path("tests/x"));
        a.condition = Condition::And;
        assert!(!a.allows(&cand("tests/a.rs", b"zzz", None)));
        assert!(a.allows(&cand("tests/a.rs", b"fixture", None)));
        assert!(!a.allows_path("tests/x"));
        let c = Allowlist {
            commits: vec!["abcdef1".into()],
            ..Default::default()
        };
        assert!(c.allows(&cand("x", b"s", Some("abcdef1234"))));
        assert!(!c.allows(&cand("x", b"s", None)));
        assert!(inline_allowed(b"token = 'x' # gitleaks:allow"));
        assert!(!inline_allowed(b"token = 'x'"));
    }
}
