//! `[history]` settings.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use trustward_core::{Config, ConfigError};

/// The default release-tag pattern: `v1.2.3`, `1.2`, `v2.0.0-rc.1`, `1.2.3+build`.
pub const DEFAULT_RELEASE_TAG_PATTERN: &str =
    r"^v?[0-9]+\.[0-9]+(\.[0-9]+)?([-+.][0-9A-Za-z.+-]*)?$";

/// `[history]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    /// The window: `"90 days"`, `"12 weeks"`, `"6 months"`, `"1 year"` or a date.
    pub since: Option<String>,
    /// The window as the last N commits behind `HEAD` (instead of `since`).
    pub last: Option<usize>,
    /// git's SSH allowed-signers file.
    pub allowed_signers: Option<String>,
    /// Armored OpenPGP public keys.
    pub keyring: Option<String>,
    /// Share of commits in the window that must be signed (0.0–1.0).
    pub min_signed_ratio: Option<f64>,
    /// Regex for tag names that are releases.
    pub release_tag_pattern: Option<String>,
    /// Extra sensitive paths (prefixes ending in `/`, exact paths or `*` globs).
    #[serde(default)]
    pub sensitive_paths: Vec<String>,
    /// Paths (prefix, exact or glob) where checked-in binaries and key-shaped files are
    /// expected.
    #[serde(default)]
    pub allow_paths: Vec<String>,
}

/// `[history]`, validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Seconds before now where the window starts (when `since` is a duration) or the
    /// absolute start (when a date).
    pub since: Since,
    /// Last N commits instead of a time window.
    pub last: Option<usize>,
    /// Resolved path of the allowed-signers file.
    pub allowed_signers: Option<PathBuf>,
    /// Resolved path of the keyring.
    pub keyring: Option<PathBuf>,
    /// Minimum share of signed commits; `None`: no policy.
    pub min_signed_ratio: Option<f64>,
    /// Release tag names.
    pub release_tag: regex::Regex,
    /// Extra sensitive paths.
    pub sensitive_paths: Vec<String>,
    /// Allowlisted paths.
    pub allow_paths: Vec<String>,
}

/// Where the time window starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// This many seconds before now.
    Ago(i64),
    /// This instant.
    At(i64),
}

impl Since {
    /// The window's start given now.
    pub fn cutoff(self, now: i64) -> i64 {
        match self {
            Since::Ago(s) => now - s,
            Since::At(t) => t,
        }
    }
}

/// Reads `"90 days"`, `"2 weeks"`, `"6 months"` (30 days each), `"1 year"` (365 days) or a
/// date `2026-01-31`.
pub fn parse_since(s: &str) -> Result<Since, String> {
    let t = s.trim();
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| Since::At(z.timestamp().as_second()))
            .map_err(|e| e.to_string());
    }
    let bad = || {
        format!(
            "`{s}`: expected a duration such as \"90 days\", \"12 weeks\", \"6 months\", \"1 year\" or a date such as 2026-01-31"
        )
    };
    let (n, unit) = t.split_once(char::is_whitespace).ok_or_else(bad)?;
    let n: i64 = n.parse().map_err(|_| bad())?;
    let day = 86_400;
    let per = match unit.trim().trim_end_matches('s') {
        "day" => day,
        "week" => 7 * day,
        "month" => 30 * day,
        "year" => 365 * day,
        _ => return Err(bad()),
    };
    if n < 0 {
        return Err(bad());
    }
    Ok(Since::Ago(n.saturating_mul(per)))
}

impl Settings {
    /// Loads and validates `[history]`; relative file paths are resolved against the
    /// config file's directory (or `root` without a config file).
    pub fn load(config: &Config, root: &Path) -> Result<Settings, ConfigError> {
        let raw: RawSettings = config.analyzer_settings("history")?;
        let since = match &raw.since {
            Some(s) => parse_since(s)
                .map_err(|m| config.error_at("since", format!("[history] since {m}")))?,
            None => Since::Ago(90 * 86_400),
        };
        if raw.since.is_some() && raw.last.is_some() {
            return Err(
                config.error_at("last", "[history]: give either `since` or `last`, not both")
            );
        }
        if raw.last == Some(0) {
            return Err(config.error_at("last", "[history] last: expected at least 1 commit"));
        }
        if let Some(r) = raw.min_signed_ratio
            && !(0.0..=1.0).contains(&r)
        {
            return Err(config.error_at(
                "min_signed_ratio",
                "[history] min_signed_ratio: expected a share between 0.0 and 1.0",
            ));
        }
        let pattern = raw
            .release_tag_pattern
            .as_deref()
            .unwrap_or(DEFAULT_RELEASE_TAG_PATTERN);
        let release_tag = regex::Regex::new(pattern).map_err(|e| {
            config.error_at(
                "release_tag_pattern",
                format!("[history] release_tag_pattern: not a valid regex ({e})"),
            )
        })?;
        let base = config
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.to_path_buf());
        let resolve = |p: &Option<String>| p.as_ref().map(|p| base.join(p));
        Ok(Settings {
            since,
            last: raw.last,
            allowed_signers: resolve(&raw.allowed_signers),
            keyring: resolve(&raw.keyring),
            min_signed_ratio: raw.min_signed_ratio,
            release_tag,
            sensitive_paths: raw.sensitive_paths,
            allow_paths: raw.allow_paths,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_values() {
        assert_eq!(parse_since("90 days"), Ok(Since::Ago(90 * 86_400)));
        assert_eq!(parse_since("1 week"), Ok(Since::Ago(7 * 86_400)));
        assert_eq!(parse_since("2026-01-01"), Ok(Since::At(1_767_225_600)));
        assert!(parse_since("soon").is_err());
        assert!(parse_since("3 fortnights").is_err());
    }

    #[test]
    fn bad_settings_are_located() {
        let c = Config::parse("[history]\nmin_signed_ratio = 2.0\n", None).unwrap();
        let e = Settings::load(&c, Path::new(".")).unwrap_err();
        assert_eq!(e.line, Some(2));
        let c = Config::parse("[history]\nsince = \"1 day\"\nlast = 3\n", None).unwrap();
        assert!(Settings::load(&c, Path::new(".")).is_err());
        let c = Config::parse("[history]\nrelease_tag_pattern = \"(\"\n", None).unwrap();
        assert!(Settings::load(&c, Path::new(".")).is_err());
        let c = Config::parse("[history]\nsincee = \"1 day\"\n", None).unwrap();
        assert!(Settings::load(&c, Path::new(".")).is_err());
    }
}
