//! The one finding model every analyzer returns.

use crate::rule::Rule;
use crate::severity::{Confidence, Severity};
use serde::Serialize;
use serde_json::{Map, Value};

/// Where a finding is. Every field is optional: a repository-level finding (a missing
/// file) has no line; a finding in git history has a commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Path relative to the scanned root, `/`-separated.
    pub path: Option<String>,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column (in characters).
    pub column: Option<u32>,
    /// 1-based last line of the span.
    pub end_line: Option<u32>,
    /// 1-based column just past the span's end.
    pub end_column: Option<u32>,
    /// The commit the finding was seen in (history scans).
    pub commit: Option<String>,
}

impl Location {
    /// A location naming only a file (or a directory, for repository-level findings).
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            ..Default::default()
        }
    }

    /// No location at all (e.g. a `--purl` query).
    pub fn none() -> Self {
        Location::default()
    }

    /// Sets the line.
    pub fn with_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets line and column of the start.
    pub fn with_position(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets line and column of the end.
    pub fn with_end(mut self, end_line: u32, end_column: u32) -> Self {
        self.end_line = Some(end_line);
        self.end_column = Some(end_column);
        self
    }

    /// Sets the commit.
    pub fn with_commit(mut self, commit: impl Into<String>) -> Self {
        self.commit = Some(commit.into());
        self
    }
}

/// Why a finding does not count against the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuppressionKind {
    /// A `trustward:ignore[RULE]` comment in the source.
    Inline,
    /// An `[[ignore]]` entry in `trustward.toml`.
    Config,
    /// A fingerprint recorded in the `--baseline` file.
    Baseline,
}

impl SuppressionKind {
    /// The lowercase name used in JSON and SARIF.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::Inline => "inline",
            SuppressionKind::Config => "config",
            SuppressionKind::Baseline => "baseline",
        }
    }
}

/// A suppression applied to a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// What suppressed it.
    pub kind: SuppressionKind,
    /// The justification given.
    pub reason: String,
    /// When the suppression stops applying (`YYYY-MM-DD`), if it expires.
    pub expires: Option<String>,
}

/// One problem found by one rule at one location.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that fired.
    pub rule: &'static Rule,
    /// Effective severity (the rule's default unless the analyzer or config changed it).
    pub severity: Severity,
    /// Effective confidence.
    pub confidence: Confidence,
    /// What exactly is wrong here, in one or two sentences.
    pub message: String,
    /// Where.
    pub location: Location,
    /// The content that identifies this finding independently of its line (a secret's
    /// hash, the offending expression, the package name and version). Fingerprints hash
    /// rule + path + this key, so unrelated edits that shift lines keep them stable.
    pub key: String,
    /// Stable fingerprint, filled in by the engine.
    pub fingerprint: String,
    /// A remediation specific to this finding; the rule's `fix` when `None`.
    pub remediation: Option<String>,
    /// Extra references specific to this finding (advisory links), after the rule's.
    pub references: Vec<String>,
    /// Structured, analyzer-specific data.
    pub data: Map<String, Value>,
    /// Set when a suppression applies.
    pub suppressed: Option<Suppression>,
}

impl Finding {
    /// A finding of `rule` with its default severity and confidence.
    pub fn new(rule: &'static Rule, message: impl Into<String>, location: Location) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            confidence: rule.confidence,
            message: message.into(),
            location,
            key: String::new(),
            fingerprint: String::new(),
            remediation: None,
            references: Vec::new(),
            data: Map::new(),
            suppressed: None,
        }
    }

    /// Sets the fingerprint key (see [`Finding::key`]).
    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }

    /// Overrides the severity for this finding (e.g. from an advisory's CVSS score).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Overrides the confidence for this finding.
    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// Sets a finding-specific remediation.
    pub fn with_remediation(mut self, remediation: impl Into<String>) -> Self {
        self.remediation = Some(remediation.into());
        self
    }

    /// Adds one `data` entry.
    pub fn with_data(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.data.insert(key.to_string(), value.into());
        self
    }

    /// Adds finding-specific references.
    pub fn with_references(mut self, refs: impl IntoIterator<Item = String>) -> Self {
        self.references.extend(refs);
        self
    }

    /// The remediation to show: the finding's own or the rule's.
    pub fn remediation_text(&self) -> &str {
        self.remediation.as_deref().unwrap_or(self.rule.fix)
    }

    /// The rule's references followed by the finding's own, without duplicates.
    pub fn all_references(&self) -> Vec<String> {
        let mut out: Vec<String> = self.rule.references.iter().map(|s| s.to_string()).collect();
        for r in &self.references {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
        out
    }

    /// Deterministic ordering key: path, line, column, rule, fingerprint.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.location.path,
            self.location.line,
            self.location.column,
            self.rule.id,
            &self.location.commit,
            &self.fingerprint,
            &self.message,
        )
    }
}
