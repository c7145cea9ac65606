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
    "%s",
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
    if secret.first() == Some(&b'$')
        && secret.len() > 1
        && secret[1..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return true; // $password, $DB_PASS: a shell or template variable
    }
    if has_sequential_run(secret, 6) || is_periodic(secret) {
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

/// Whether `s` holds `n` or more consecutive ascending or descending characters
/// (`abcdef`, `123456`, `987654`): typed filler, improbable in a random token.
fn has_sequential_run(s: &[u8], n: usize) -> bool {
    let (mut up, mut down) = (1, 1);
    for w in s.windows(2) {
        let (a, b) = (w[0], w[1]);
        let alnum = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
        up = if alnum && b == a.wrapping_add(1) {
            up + 1
        } else {
            1
        };
        down = if alnum && a == b.wrapping_add(1) {
            down + 1
        } else {
            1
        };
        if up >= n || down >= n {
            return true;
        }
    }
    false
}

/// Whether `s` (8 bytes or more) is a short unit (1 to 4 bytes) repeated: `abababab`,
/// `1234123412341234`.
fn is_periodic(s: &[u8]) -> bool {
    s.len() >= 8 && (1..=4).any(|p| s.len().is_multiple_of(p) && s.chunks(p).all(|c| c == &s[..p]))
}

/// Whether `text` names a documentation-only host or address (RFC 2606 `example.*`,
/// RFC 5737 `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`): a credential next to
/// one is a documented sample.
pub fn names_documentation_host(text: &[u8]) -> bool {
    const HOSTS: [&[u8]; 6] = [
        b"@example.com",
        b"@example.org",
        b"@example.net",
        b"@192.0.2.",
        b"@198.51.100.",
        b"@203.0.113.",
    ];
    HOSTS
        .iter()
        .any(|h| text.windows(h.len()).any(|w| w.eq_ignore_ascii_case(h)))
}

/// Whether `secret` is a UUID (8-4-4-4-12 hex).
pub fn is_uuid(secret: &[u8]) -> bool {
    secret.len() == 36
        && secret.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Whether the text before a value on its line names an identifier (`credentialsId`,
/// `id:`, `client_id =`, `"uuid":`): the value identifies something, it is not a secret.
pub fn is_identifier_key(before: &[u8]) -> bool {
    let t = String::from_utf8_lossy(before);
    let t = t.trim_end_matches([' ', '\t', '"', '\'', '=', ':', '(', ',', '>']);
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .last()
        .map_or(t.len(), |(i, _)| i);
    let key = &t[start..];
    let lower = key.to_ascii_lowercase();
    lower == "id"
        || lower == "uuid"
        || lower == "guid"
        || ["_id", "-id", ".id", "_uuid", "-uuid", "_guid", "-guid"]
            .iter()
            .any(|s| lower.ends_with(s))
        || key.ends_with("Id")
        || key.ends_with("ID")
        || key.ends_with("Uuid")
        || key.ends_with("Guid")
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
            "$password",
            "%s",
            "Zq1234567Lm",
            "q9876543Ab",
            "abababababab",
            "1a2b1a2b1a2b1a2b",
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

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn random_tokens_are_not_placeholders() {
        for s in [
            "Zq7Lk2Vn9Rb4Tx1Wc8Yp3Hd6Jf0Ms5Ga2Ke7Q",
            "gCXmTB2D2LWZbdsqzftUbXJN",
            "$2b$12$Kq",
        ] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn identifiers_documentation_hosts_uuids() {
        for k in [
            "credentialsId: '",
            "id: ",
            "client_id = \"",
            "\"tenantId\": \"",
            "<uuid>",
            "APP_GUID=",
        ] {
            assert!(is_identifier_key(k.as_bytes()), "{k}");
        }
        for k in ["password: ", "secret = \"", "valid: ", "token="] {
            assert!(!is_identifier_key(k.as_bytes()), "{k}");
        }
        assert!(is_uuid(b"3f2b8c1e-9d4a-4b7e-8f10-2a6c5d9e0b71"));
        assert!(!is_uuid(b"3f2b8c1e9d4a4b7e8f102a6c5d9e0b71"));
        assert!(names_documentation_host(
            b"postgres://u:p4ss@EXAMPLE.com/db"
        ));
        assert!(names_documentation_host(b"amqp://u:p4ss@192.0.2.7:5672"));
        assert!(!names_documentation_host(
            concat!("postgres://u:p4", "ss@db.internal/db").as_bytes()
        ));
    }
}
