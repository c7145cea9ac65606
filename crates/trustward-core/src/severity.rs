//! Severity and confidence scales, and the `fail_on` threshold of the policy gate.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How bad a finding is if it is true. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context only; never a problem on its own.
    Info,
    /// Worth fixing when convenient.
    Low,
    /// A real weakness with limited reach.
    Medium,
    /// Exploitable or clearly against the practice; fix before release.
    High,
    /// Exploitable now with serious impact; fix immediately.
    Critical,
}

impl Severity {
    /// Every severity, most severe first (the order reports group by).
    pub const ALL_DESC: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The lowercase name used in config, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The numeric score GitHub code scanning reads from `security-severity`.
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "2.0",
            Severity::Info => "0.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!(
                "unknown severity `{other}`: expected one of critical, high, medium, low, info"
            )),
        }
    }
}

/// How sure the analyzer is that a finding is a true positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Heuristic; expect false positives.
    Low,
    /// Usually right.
    Medium,
    /// Structural or exact match; rarely wrong.
    High,
}

impl Confidence {
    /// The lowercase name used in JSON and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The policy threshold: findings at or above it fail the gate; `Never` never fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String", into = "String")]
pub enum FailOn {
    /// Fail when any unsuppressed finding has at least this severity.
    Severity(Severity),
    /// Report only; the gate always passes on findings.
    Never,
}

impl FailOn {
    /// Whether a finding of severity `s` violates this threshold.
    pub fn is_violated_by(self, s: Severity) -> bool {
        match self {
            FailOn::Severity(min) => s >= min,
            FailOn::Never => false,
        }
    }
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::Severity(Severity::High)
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailOn::Severity(s) => s.fmt(f),
            FailOn::Never => f.write_str("never"),
        }
    }
}

impl FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("never") {
            return Ok(FailOn::Never);
        }
        s.parse::<Severity>().map(FailOn::Severity).map_err(|_| {
            format!(
                "unknown threshold `{s}`: expected one of critical, high, medium, low, info, never"
            )
        })
    }
}

impl TryFrom<String> for FailOn {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<FailOn> for String {
    fn from(f: FailOn) -> String {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Critical > Severity::High);
        assert!(Severity::Low > Severity::Info);
        assert_eq!(Severity::ALL_DESC[0], Severity::Critical);
    }

    #[test]
    fn fail_on_thresholds() {
        let f: FailOn = "medium".parse().unwrap();
        assert!(f.is_violated_by(Severity::High));
        assert!(f.is_violated_by(Severity::Medium));
        assert!(!f.is_violated_by(Severity::Low));
        assert!(!FailOn::Never.is_violated_by(Severity::Critical));
        assert!("bogus".parse::<FailOn>().is_err());
    }
}
