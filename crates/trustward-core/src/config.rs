//! `trustward.toml`: policy threshold, per-rule overrides, `[[ignore]]` entries and
//! per-analyzer settings. Errors carry `file:line:column` and say what was expected.

use crate::severity::{FailOn, Severity};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// File names looked for, in order, in each directory from the scanned path up to the
/// repository root.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["trustward.toml", ".trustward.toml"];

/// Cap on the bytes read from a configuration file (4 MiB).
pub const MAX_CONFIG_SIZE: u64 = 4 * 1024 * 1024;

/// A configuration problem, located in its file where possible. Always exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The config file, if the error is in one.
    pub path: Option<PathBuf>,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
                if let Some(c) = self.column {
                    write!(f, ":{c}")?;
                }
            }
            write!(f, ": ")?;
        }
        f.write_str(&self.message)
    }
}

impl ConfigError {
    /// An error without a file position (e.g. a bad CLI value).
    pub fn plain(message: impl Into<String>) -> Self {
        ConfigError {
            path: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// `[policy]`: when the gate fails.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// Findings at or above this severity fail the gate (default `high`).
    #[serde(default)]
    pub fail_on: FailOn,
    /// Analyzers that must actually run; if one could not check (e.g. no vulnerability
    /// database), the scan fails with exit code 3.
    #[serde(default)]
    pub require: Vec<String>,
    /// Accept a scan in which an analyzer could not read all of its input (a file that
    /// does not parse, a missing git object): the report still says "incomplete", but the
    /// gate passes when nothing else fails it. Off by default: an incomplete scan exits 3.
    /// `--strict` and `require` fail on incomplete analyzers regardless.
    #[serde(default)]
    pub allow_incomplete: bool,
}

/// `[scan]`: what is in scope.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Paths left out of the scan: a path prefix of whole components or a glob (`*`,
    /// `**`, `?`), relative to the scanned directory, as in `[[ignore]] path`. Excluded
    /// files are not listed for analyzers, and an unreadable file under an excluded path
    /// does not make the scan incomplete.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl ScanConfig {
    /// Whether `path` (relative, `/`-separated; a trailing `:line` is ignored) is excluded.
    pub fn excludes(&self, path: &str) -> bool {
        if self.exclude.is_empty() || path.is_empty() {
            return false;
        }
        let path = match path.rsplit_once(':') {
            Some((p, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => p,
            _ => path,
        };
        let path = path.trim_start_matches("./");
        self.exclude
            .iter()
            .any(|f| !f.trim().is_empty() && crate::policy::path_matches(f, Some(path)))
    }
}

/// `[rules."analyzer/name"]`: per-rule overrides.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    /// Replaces the rule's default severity.
    pub severity: Option<Severity>,
    /// `false` turns the rule off.
    pub enabled: Option<bool>,
}

/// One `[[ignore]]` entry: a justified, optionally expiring suppression.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// The rule id it applies to (`analyzer/*` for every rule of an analyzer).
    pub rule: String,
    /// Why the findings are acceptable. Required.
    pub reason: String,
    /// Only findings under this path or matching this glob.
    pub path: Option<String>,
    /// Only the finding with this fingerprint.
    pub fingerprint: Option<String>,
    /// Last day the entry applies (`2027-01-31`); afterwards it stops suppressing.
    pub expires: Option<toml::value::Datetime>,
    /// 1-based line of the entry in the config file (filled in after parsing).
    #[serde(skip)]
    pub line: usize,
}

impl IgnoreEntry {
    /// The expiry date as `YYYY-MM-DD`, if any.
    pub fn expires_date(&self) -> Option<String> {
        self.expires
            .as_ref()
            .and_then(|d| d.date)
            .map(|d| d.to_string())
    }
}

/// Unknown top-level tables land in `analyzers` and are checked against the analyzer
/// names by `engine::validate_config`.
#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    policy: PolicyConfig,
    #[serde(default)]
    scan: ScanConfig,
    #[serde(default)]
    rules: BTreeMap<String, RuleOverride>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<IgnoreEntry>>,
    #[serde(flatten)]
    analyzers: BTreeMap<String, toml::Value>,
}

/// The loaded configuration (defaults when there is no file).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The file's text (for locating errors found after parsing).
    source: String,
    /// `[policy]`.
    pub policy: PolicyConfig,
    /// `[scan]`.
    pub scan: ScanConfig,
    /// `[rules.*]` overrides by rule id.
    pub rules: BTreeMap<String, RuleOverride>,
    /// `[[ignore]]` entries in file order.
    pub ignore: Vec<IgnoreEntry>,
    /// Every other top-level table, by name: analyzer settings (`[secrets]`, `[vulns]` …).
    pub analyzers: BTreeMap<String, toml::Value>,
}

impl Config {
    /// Parses config text; `path` is used in error messages.
    pub fn parse(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_col(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            ConfigError {
                path: path.map(Path::to_path_buf),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        let mut ignore = Vec::with_capacity(raw.ignore.len());
        for spanned in raw.ignore {
            let (line, _) = line_col(text, spanned.span().start);
            let mut entry = spanned.into_inner();
            entry.line = line;
            if entry.reason.trim().is_empty() {
                return Err(ConfigError {
                    path: path.map(Path::to_path_buf),
                    line: Some(line),
                    column: Some(1),
                    message: format!(
                        "[[ignore]] for `{}` needs a non-empty `reason` saying why the finding is acceptable",
                        entry.rule
                    ),
                });
            }
            if let Some(exp) = &entry.expires
                && (exp.date.is_none() || exp.time.is_some())
            {
                return Err(ConfigError {
                    path: path.map(Path::to_path_buf),
                    line: Some(line),
                    column: Some(1),
                    message: format!(
                        "[[ignore]] `expires = {exp}`: expected a date such as 2027-01-31"
                    ),
                });
            }
            ignore.push(entry);
        }
        for (name, value) in &raw.analyzers {
            if !value.is_table() {
                let (line, column) = find_key(text, name);
                return Err(ConfigError {
                    path: path.map(Path::to_path_buf),
                    line,
                    column,
                    message: format!(
                        "unknown top-level key `{name}`: expected [policy], [scan], [rules.\"ID\"], [[ignore]] or an analyzer table such as [secrets]"
                    ),
                });
            }
        }
        Ok(Config {
            path: path.map(Path::to_path_buf),
            source: text.to_string(),
            policy: raw.policy,
            scan: raw.scan,
            rules: raw.rules,
            ignore,
            analyzers: raw.analyzers,
        })
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            crate::files::read_user_text(path, MAX_CONFIG_SIZE).map_err(|e| ConfigError {
                path: Some(path.to_path_buf()),
                line: None,
                column: None,
                message: format!("cannot read config file: {e}"),
            })?;
        Config::parse(&text, Some(path))
    }

    /// Finds `trustward.toml` or `.trustward.toml` from `start` upward to the repository
    /// root (the first directory holding `.git`), or in `start` alone outside a repository.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() {
            start.parent()?
        } else {
            start
        };
        let start = start.canonicalize().ok()?;
        let in_repo = start.ancestors().any(|d| d.join(".git").exists());
        for dir in start.ancestors() {
            for name in CONFIG_FILE_NAMES {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            if !in_repo || dir.join(".git").exists() {
                break;
            }
        }
        None
    }

    /// The `[NAME]` table deserialized into an analyzer's settings type (its `Default` when
    /// absent). Errors point at the table's header in the file.
    pub fn analyzer_settings<T: DeserializeOwned + Default>(
        &self,
        name: &str,
    ) -> Result<T, ConfigError> {
        let Some(value) = self.analyzers.get(name) else {
            return Ok(T::default());
        };
        value.clone().try_into().map_err(|e: toml::de::Error| {
            let (line, column) = find_table(&self.source, name);
            ConfigError {
                path: self.path.clone(),
                line,
                column,
                message: format!("[{name}]: {}", e.message().trim()),
            }
        })
    }

    /// An error located at the first mention of `needle` in the config text (for problems
    /// found after parsing, such as an unknown rule id).
    pub fn error_at(&self, needle: &str, message: impl Into<String>) -> ConfigError {
        let (line, column) = match self.source.find(needle) {
            Some(off) => {
                let (l, c) = line_col(&self.source, off);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        ConfigError {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The severity a rule runs at, and whether it is enabled.
    pub fn rule_severity(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(id) {
            Some(o) if o.enabled == Some(false) => None,
            Some(o) => Some(o.severity.unwrap_or(default)),
            None => Some(default),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn find_table(text: &str, name: &str) -> (Option<usize>, Option<usize>) {
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if t.starts_with('[') && t.trim_start_matches('[').trim_end_matches(']').trim() == name {
            return (Some(i + 1), Some(l.len() - l.trim_start().len() + 1));
        }
    }
    (None, None)
}

fn find_key(text: &str, name: &str) -> (Option<usize>, Option<usize>) {
    for (i, l) in text.lines().enumerate() {
        if l.trim_start().starts_with(name) {
            return (Some(i + 1), Some(l.len() - l.trim_start().len() + 1));
        }
    }
    (None, None)
}

/// The commented default configuration that `trustward init` writes.
pub const DEFAULT_CONFIG: &str = r#"# trustward configuration. Every key is optional; the values shown are the defaults.
# Docs: docs/configuration.md · rule ids: `trustward rules` · one rule: `trustward explain ID`

[policy]
# Findings at or above this severity fail `trustward audit` (exit code 1).
# One of: critical, high, medium, low, info, never.
fail_on = "high"
# Analyzers that must really run. If one cannot (for example the vulnerability
# database is missing or stale), the scan fails with exit code 3 instead of passing.
# require = ["vulns"]
require = []
# An analyzer that could not read all of its input (a lockfile that does not parse,
# a missing git object) makes the scan "incomplete": exit code 3 even when no
# finding fails the gate. Set to true to accept incomplete scans.
allow_incomplete = false

[scan]
# Paths left out of the scan (path prefixes or globs such as "tests/fixtures/**").
# Unreadable files under them do not make the scan incomplete.
exclude = []

# Per-rule overrides: change a rule's severity or turn it off.
# [rules."posture/changelog-missing"]
# severity = "info"
# [rules."posture/pull-request-template-missing"]
# enabled = false

# Suppress findings with a reason. `path` (a path prefix or glob) and `fingerprint`
# narrow the entry; after `expires` it stops suppressing and the report says so.
# [[ignore]]
# rule = "secrets/generic-api-key"
# path = "tests/fixtures/"
# reason = "test fixtures hold fake keys"
# expires = 2027-01-31

# Analyzer settings live in a table named after the analyzer, e.g. [posture].
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_parses_to_defaults() {
        let c = Config::parse(DEFAULT_CONFIG, None).unwrap();
        assert_eq!(c.policy.fail_on, FailOn::Severity(Severity::High));
        assert!(c.ignore.is_empty() && c.rules.is_empty());
        assert!(!c.policy.allow_incomplete && c.scan.exclude.is_empty());
    }

    #[test]
    fn scan_exclude_and_allow_incomplete() {
        let c = Config::parse(
            "[policy]\nallow_incomplete = true\n[scan]\nexclude = [\"fixtures/\", \"**/broken-*.json\"]\n",
            None,
        )
        .unwrap();
        assert!(c.policy.allow_incomplete);
        assert!(c.scan.excludes("fixtures/a/package-lock.json"));
        assert!(c.scan.excludes("fixtures/a/package-lock.json:3"));
        assert!(c.scan.excludes("x/y/broken-sbom.json"));
        assert!(!c.scan.excludes("src/package-lock.json"));
        assert!(!c.scan.excludes(""));
        assert!(Config::parse("[scan]\nexclud = []\n", None).is_err());
    }

    #[test]
    fn full_config() {
        let text = r#"
[policy]
fail_on = "medium"
require = ["vulns"]

[rules."posture/changelog-missing"]
severity = "info"

[rules."posture/codeowners-missing"]
enabled = false

[[ignore]]
rule = "secrets/aws-access-key-id"
reason = "fixture"
path = "tests/"
expires = 2027-01-31

[secrets]
max_file_size = 100
"#;
        let c = Config::parse(text, None).unwrap();
        assert_eq!(c.policy.fail_on, FailOn::Severity(Severity::Medium));
        assert_eq!(c.policy.require, vec!["vulns"]);
        assert_eq!(
            c.rule_severity("posture/changelog-missing", Severity::Low),
            Some(Severity::Info)
        );
        assert_eq!(
            c.rule_severity("posture/codeowners-missing", Severity::Low),
            None
        );
        assert_eq!(c.ignore[0].line, 12, "the [[ignore]] header line");
        assert_eq!(c.ignore[0].expires_date().as_deref(), Some("2027-01-31"));
        #[derive(Deserialize, Default)]
        struct S {
            max_file_size: u64,
        }
        assert_eq!(
            c.analyzer_settings::<S>("secrets").unwrap().max_file_size,
            100
        );
    }

    #[test]
    fn errors_are_located() {
        let e = Config::parse(
            "[policy]\nfail_on = \"sometimes\"\n",
            Some(Path::new("t.toml")),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(11)));
        assert!(e.message.contains("critical, high"), "{e}");
        assert!(e.to_string().starts_with("t.toml:2:11: "), "{e}");

        let e = Config::parse("[[ignore]]\nrule = \"x/y\"\nreason = \"\"\n", None).unwrap_err();
        assert!(e.message.contains("reason"));

        let e = Config::parse("[policy]\nfial_on = \"high\"\n", None).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("fial_on"), "{e}");

        let e = Config::parse("[secrets]\nx = 1\n", None)
            .unwrap()
            .analyzer_settings::<std::collections::HashMap<String, String>>("secrets")
            .unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn discover_stops_at_repo_root() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("repo/.git")).unwrap();
        std::fs::create_dir_all(d.path().join("repo/sub/dir")).unwrap();
        std::fs::write(d.path().join("trustward.toml"), "").unwrap();
        assert_eq!(Config::discover(&d.path().join("repo/sub/dir")), None);
        std::fs::write(d.path().join("repo/.trustward.toml"), "").unwrap();
        let found = Config::discover(&d.path().join("repo/sub/dir")).unwrap();
        assert!(found.ends_with("repo/.trustward.toml"));
    }
}
