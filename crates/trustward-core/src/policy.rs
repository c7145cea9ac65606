//! Applying configuration to raw findings: rule overrides, `[[ignore]]` entries (with
//! expiry), inline comments and the baseline.

use crate::baseline::Baseline;
use crate::config::{Config, IgnoreEntry};
use crate::finding::{Finding, Suppression, SuppressionKind};
use crate::suppress;

/// Today's date as `YYYY-MM-DD` (UTC); `TRUSTWARD_TODAY` overrides it for tests.
pub fn today() -> String {
    if let Ok(d) = std::env::var("TRUSTWARD_TODAY") {
        return d;
    }
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// Whether an `[[ignore]]` entry's path filter matches a finding's path: a prefix of whole
/// path components, an exact path, or a glob (`*`, `**`, `?`).
pub fn path_matches(filter: &str, path: Option<&str>) -> bool {
    let Some(path) = path else { return false };
    let filter = filter.trim_start_matches("./");
    if filter.contains(['*', '?', '[']) {
        return glob_match(filter, path);
    }
    let filter = filter.trim_end_matches('/');
    path == filter || path.starts_with(&format!("{filter}/")) || filter.is_empty()
}

/// A small glob matcher: `**` spans directories, `*` and `?` stay within one component.
fn glob_match(pattern: &str, path: &str) -> bool {
    fn rec(p: &[u8], s: &[u8]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                if rest.is_empty() {
                    return true;
                }
                (0..=s.len()).any(|i| (i == 0 || s[i - 1] == b'/') && rec(rest, &s[i..]))
                    || rec(&p[2..], s)
            }
            Some(b'*') => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| rec(&p[1..], &s[i..])),
            Some(b'?') => s.first().is_some_and(|&c| c != b'/') && rec(&p[1..], &s[1..]),
            Some(&c) => s.first() == Some(&c) && rec(&p[1..], &s[1..]),
        }
    }
    rec(pattern.as_bytes(), path.as_bytes())
}

fn entry_matches(e: &IgnoreEntry, f: &Finding) -> bool {
    suppress::rule_matches(&e.rule, f.rule.id)
        && e.path
            .as_deref()
            .is_none_or(|p| path_matches(p, f.location.path.as_deref()))
        && e.fingerprint
            .as_deref()
            .is_none_or(|fp| fp == f.fingerprint)
}

/// Applies rule overrides; drops findings of disabled rules.
pub fn apply_rule_overrides(config: &Config, findings: &mut Vec<Finding>) {
    findings.retain_mut(|f| {
        match config.rules.get(f.rule.id) {
            Some(o) if o.enabled == Some(false) => return false,
            Some(o) => {
                if let Some(s) = o.severity {
                    f.severity = s;
                }
            }
            None => {}
        }
        true
    });
}

/// Marks findings suppressed by `[[ignore]]` entries, inline comments (via `read_file`,
/// which returns a file's text) and the baseline. Returns warnings about expired entries.
pub fn apply_suppressions(
    config: &Config,
    baseline: Option<&Baseline>,
    today: &str,
    findings: &mut [Finding],
    mut read_file: impl FnMut(&str) -> Option<std::sync::Arc<String>>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut expired_used = vec![false; config.ignore.len()];
    for f in findings.iter_mut() {
        // Inline comments first: they sit next to the code they justify.
        if let (Some(path), Some(line), None) =
            (&f.location.path, f.location.line, &f.location.commit)
            && let Some(text) = read_file(path)
            && let Some(s) = suppress::find(&text, line, f.rule.id)
        {
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Inline,
                reason: if s.reason.is_empty() {
                    "(no reason given)".into()
                } else {
                    s.reason
                },
                expires: None,
            });
            continue;
        }
        for (i, e) in config.ignore.iter().enumerate() {
            if !entry_matches(e, f) {
                continue;
            }
            let expires = e.expires_date();
            if expires.as_deref().is_some_and(|d| d < today) {
                expired_used[i] = true;
                continue;
            }
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Config,
                reason: e.reason.clone(),
                expires,
            });
            break;
        }
        if f.suppressed.is_none()
            && let Some(b) = baseline
            && b.contains(&f.fingerprint)
        {
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Baseline,
                reason: "recorded in the baseline".into(),
                expires: None,
            });
        }
    }
    let where_ = config
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "config".into());
    for (i, used) in expired_used.iter().enumerate() {
        if *used {
            let e = &config.ignore[i];
            warnings.push(format!(
                "{where_}:{}: [[ignore]] for `{}` expired on {}; it no longer suppresses findings",
                e.line,
                e.rule,
                e.expires_date().unwrap_or_default()
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_filters() {
        assert!(path_matches("tests/", Some("tests/a.txt")));
        assert!(path_matches("tests", Some("tests/x/a.txt")));
        assert!(!path_matches("tests", Some("testsuite/a.txt")));
        assert!(path_matches("src/main.rs", Some("src/main.rs")));
        assert!(path_matches("**/*.md", Some("docs/a/b.md")));
        assert!(path_matches("**/*.md", Some("b.md")));
        assert!(path_matches("*.md", Some("b.md")));
        assert!(!path_matches("*.md", Some("docs/b.md")));
        assert!(path_matches("src/?.rs", Some("src/a.rs")));
        assert!(path_matches(
            "crates/*/tests/fixtures/**",
            Some("crates/x/tests/fixtures/a/b.lock")
        ));
        assert!(!path_matches(
            "crates/*/tests/fixtures/**",
            Some("crates/x/src/a.rs")
        ));
        assert!(path_matches("**", Some("any/thing")));
        assert!(!path_matches("x", None));
    }
}
