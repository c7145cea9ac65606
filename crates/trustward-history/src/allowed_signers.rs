//! git's SSH allowed-signers file (`gpg.ssh.allowedSignersFile`), in the format of
//! ssh-keygen(1) "ALLOWED SIGNERS": one key per line,
//! `principals [options] keytype base64-key [comment]`, with the options `namespaces="…"`,
//! `valid-after="…"`, `valid-before="…"` and `cert-authority`.

use ssh_key::public::KeyData;

/// One usable line.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 1-based line in the file.
    pub line: usize,
    /// The principals field as written (comma-separated).
    pub principals: String,
    /// `namespaces="…"` patterns; empty means every namespace.
    pub namespaces: Vec<String>,
    /// `valid-after`, seconds since the epoch (UTC).
    pub valid_after: Option<i64>,
    /// `valid-before`, seconds since the epoch (UTC).
    pub valid_before: Option<i64>,
    /// `cert-authority`: the key signs certificates (not verified by trustward).
    pub cert_authority: bool,
    /// The key.
    pub key: KeyData,
}

/// A parsed allowed-signers file.
#[derive(Debug, Clone, Default)]
pub struct AllowedSigners {
    /// Usable entries in file order.
    pub entries: Vec<Entry>,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl AllowedSigners {
    /// Parses the file's text; bad lines are returned beside the good ones.
    pub fn parse(text: &str) -> (AllowedSigners, Vec<LineError>) {
        let mut out = AllowedSigners::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok(mut e) => {
                    e.line = i + 1;
                    out.entries.push(e);
                }
                Err(message) => errors.push(LineError {
                    line: i + 1,
                    message,
                }),
            }
        }
        (out, errors)
    }

    /// The principals of the first entry for `key` that allows `namespace` at `time`.
    pub fn principal_for(&self, key: &KeyData, namespace: &str, time: i64) -> Option<String> {
        self.entries
            .iter()
            .find(|e| {
                !e.cert_authority
                    && &e.key == key
                    && (e.namespaces.is_empty()
                        || e.namespaces.iter().any(|p| wildcard(p, namespace)))
                    && e.valid_after.is_none_or(|t| time >= t)
                    && e.valid_before.is_none_or(|t| time <= t)
            })
            .map(|e| e.principals.clone())
    }
}

/// Splits off one field: up to unquoted whitespace.
fn field(s: &str) -> (&str, &str) {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&s[..i], s[i..].trim_start()),
            _ => {}
        }
    }
    (s, "")
}

fn is_key_type(s: &str) -> bool {
    s.starts_with("ssh-") || s.starts_with("ecdsa-sha2-") || s.starts_with("sk-")
}

fn parse_line(line: &str) -> Result<Entry, String> {
    let (principals, rest) = field(line);
    let principals = principals.trim_matches('"').to_string();
    if principals.is_empty() {
        return Err("no principals".into());
    }
    let (mut next, mut rest) = field(rest);
    let mut entry = Entry {
        line: 0,
        principals,
        namespaces: Vec::new(),
        valid_after: None,
        valid_before: None,
        cert_authority: false,
        key: KeyData::Ed25519(ssh_key::public::Ed25519PublicKey([0; 32])),
    };
    if !is_key_type(next) {
        for opt in split_options(next) {
            let (name, value) = match opt.split_once('=') {
                Some((n, v)) => (n.to_ascii_lowercase(), Some(v.trim_matches('"'))),
                None => (opt.to_ascii_lowercase(), None),
            };
            match (name.as_str(), value) {
                ("cert-authority", None) => entry.cert_authority = true,
                ("namespaces", Some(v)) => {
                    entry.namespaces = v.split(',').map(|s| s.trim().to_string()).collect()
                }
                ("valid-after", Some(v)) => entry.valid_after = Some(parse_time(v)?),
                ("valid-before", Some(v)) => entry.valid_before = Some(parse_time(v)?),
                _ => return Err(format!("unknown option `{opt}`")),
            }
        }
        (next, rest) = field(rest);
    }
    let (blob, _comment) = field(rest);
    if !is_key_type(next) || blob.is_empty() {
        return Err("expected `principals [options] keytype base64-key`".into());
    }
    let key = ssh_key::PublicKey::from_openssh(&format!("{next} {blob}"))
        .map_err(|e| format!("cannot read the {next} key ({e})"))?;
    entry.key = key.key_data().clone();
    Ok(entry)
}

fn split_options(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|o| !o.is_empty()).collect()
}

/// `YYYYMMDD[HHMM[SS]][Z]`, read as UTC.
fn parse_time(v: &str) -> Result<i64, String> {
    let bad = || format!("`{v}`: expected a time as YYYYMMDD[HHMM[SS]][Z]");
    let d = v.strip_suffix(['Z', 'z']).unwrap_or(v);
    if !matches!(d.len(), 8 | 12 | 14) || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<i32>().ok());
    let (y, mo, da) = (n(0..4), n(4..6), n(6..8));
    let (h, mi, s) = (
        n(8..10).unwrap_or(0),
        n(10..12).unwrap_or(0),
        n(12..14).unwrap_or(0),
    );
    let (Some(y), Some(mo), Some(da)) = (y, mo, da) else {
        return Err(bad());
    };
    let dt =
        jiff::civil::DateTime::new(y as i16, mo as i8, da as i8, h as i8, mi as i8, s as i8, 0)
            .map_err(|_| bad())?;
    dt.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .map_err(|_| bad())
}

/// `*` and `?` wildcards, as ssh's pattern lists.
fn wildcard(pattern: &str, s: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = s.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvX1y1pCwNeW6nrQb3z6T1o8l4tY0dQ0tqmLD2m4z3t";

    #[test]
    fn parses_lines_and_options() {
        let text = format!(
            "# comment\n\nalice@example.org {KEY} laptop\n\"bob@example.org,carol@*\" namespaces=\"git,file\",valid-after=\"20240101\" {KEY}\nbad line\ndave@x cert-authority {KEY}\n"
        );
        let (a, errors) = AllowedSigners::parse(&text);
        assert_eq!(a.entries.len(), 3, "{errors:?}");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 5);
        assert_eq!(a.entries[1].namespaces, vec!["git", "file"]);
        assert_eq!(a.entries[1].valid_after, Some(1_704_067_200));
        assert!(a.entries[2].cert_authority);
        let key = &a.entries[0].key;
        assert_eq!(
            a.principal_for(key, "git", 0).as_deref(),
            Some("alice@example.org")
        );
    }

    #[test]
    fn namespace_and_validity_are_honoured() {
        let text = format!("a@x namespaces=\"file\" {KEY}\nb@x valid-before=\"20200101Z\" {KEY}\n");
        let (a, errors) = AllowedSigners::parse(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let key = &a.entries[0].key;
        assert_eq!(a.principal_for(key, "git", 1_700_000_000), None);
        assert_eq!(
            a.principal_for(key, "git", 1_500_000_000).as_deref(),
            Some("b@x")
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("g*", "git"));
        assert!(wildcard("g?t", "git"));
        assert!(!wildcard("file", "git"));
    }
}
