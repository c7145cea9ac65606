//! The result of one scan: findings, errors, analyzer statuses and the policy verdict.
//! Renderers (the `trustward-report` crate) turn it into text, JSON, SARIF or Markdown.

use crate::analyzer::{AnalyzerStatus, ScanError};
use crate::finding::Finding;
use crate::severity::{FailOn, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// The tool that produced the report.
#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    /// `trustward`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// What was scanned.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// The path as given on the command line.
    pub path: String,
    /// The commit `HEAD` pointed at, if the target is in a git repository.
    pub git_head: Option<String>,
}

/// One person who authored commits in the `history` analyzer's window (Know your
/// contributors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contributor {
    /// Author name (as last used with this email).
    pub name: String,
    /// Author email.
    pub email: String,
    /// Commits authored in the window.
    pub commits: usize,
    /// Date of their first commit in the history read (`YYYY-MM-DD`).
    pub first_commit: String,
    /// Their first commit is inside the window.
    pub first_time: bool,
}

/// One analyzer's run.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyzerRun {
    /// Analyzer name.
    pub name: String,
    /// Whether it checked.
    pub status: AnalyzerStatus,
    /// Unsuppressed findings it reported.
    pub findings: usize,
}

/// The verdict of the policy gate.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyOutcome {
    /// `true` when no unsuppressed finding reaches `fail_on`.
    pub passed: bool,
    /// The threshold in force.
    pub fail_on: FailOn,
    /// Number of unsuppressed findings at or above the threshold.
    pub violations: usize,
    /// Required analyzers that could not check (the scan then fails with exit code 3).
    pub unmet_requirements: Vec<String>,
    /// Analyzers that did not read all of their input and that the policy does not accept
    /// as incomplete (`[policy] allow_incomplete` is off): the scan exits with code 3
    /// even when no finding reaches the threshold ("passed, INCOMPLETE").
    pub incomplete: Vec<String>,
}

/// Counts over the findings.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Unsuppressed findings per severity (every severity present, zero included).
    pub by_severity: BTreeMap<String, usize>,
    /// Unsuppressed findings per analyzer that ran.
    pub by_analyzer: BTreeMap<String, usize>,
    /// Findings hidden by suppressions or the baseline.
    pub suppressed: usize,
    /// The gate's verdict.
    pub policy: PolicyOutcome,
}

/// The whole result of a scan.
#[derive(Debug, Clone)]
pub struct Report {
    /// Producer.
    pub tool: ToolInfo,
    /// Target.
    pub target: Target,
    /// Every finding, suppressed ones included, sorted deterministically.
    pub findings: Vec<Finding>,
    /// Files that could not be read or parsed, sorted.
    pub errors: Vec<ScanError>,
    /// Warnings (expired ignores, analyzers that could not check …), in a stable order.
    pub warnings: Vec<String>,
    /// Each analyzer's status, by name.
    pub analyzers: Vec<AnalyzerRun>,
    /// Counts and verdict.
    pub summary: Summary,
    /// The TSI maturity level reached per practice (see [`crate::maturity`]).
    pub maturity: Vec<crate::maturity::PracticeMaturity>,
    /// Every maturity check of the catalogue with its combined status.
    pub checks: Vec<crate::maturity::CheckResult>,
    /// Every OSPS Baseline control with its status.
    pub controls: Vec<crate::maturity::ControlResult>,
    /// Contributors in the history window, most commits first (empty when the `history`
    /// analyzer did not run).
    pub contributors: Vec<Contributor>,
}

impl Report {
    /// Findings that count (not suppressed).
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// Analyzers that could not check, with their reason.
    pub fn not_checked(&self) -> impl Iterator<Item = (&str, &str)> {
        self.analyzers.iter().filter_map(|a| match &a.status {
            AnalyzerStatus::NotChecked { reason } => Some((a.name.as_str(), reason.as_str())),
            _ => None,
        })
    }

    /// Analyzers that did not read all of their input, with what they did not read.
    pub fn incomplete(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.analyzers.iter().filter_map(|a| match &a.status {
            AnalyzerStatus::Incomplete { unread } => Some((a.name.as_str(), unread.as_slice())),
            _ => None,
        })
    }

    /// Rebuilds the summary from the findings (after the findings changed). The policy's
    /// `incomplete` list is kept.
    pub fn summarize(&mut self, fail_on: FailOn, unmet_requirements: Vec<String>) {
        let incomplete = std::mem::take(&mut self.summary.policy.incomplete);
        let mut by_severity: BTreeMap<String, usize> = Severity::ALL_DESC
            .iter()
            .map(|s| (s.to_string(), 0))
            .collect();
        let mut by_analyzer: BTreeMap<String, usize> =
            self.analyzers.iter().map(|a| (a.name.clone(), 0)).collect();
        let mut suppressed = 0;
        let mut violations = 0;
        for f in &self.findings {
            if f.suppressed.is_some() {
                suppressed += 1;
                continue;
            }
            *by_severity.entry(f.severity.to_string()).or_default() += 1;
            *by_analyzer
                .entry(f.rule.analyzer().to_string())
                .or_default() += 1;
            if fail_on.is_violated_by(f.severity) {
                violations += 1;
            }
        }
        for a in &mut self.analyzers {
            a.findings = by_analyzer.get(&a.name).copied().unwrap_or(0);
        }
        self.summary = Summary {
            by_severity,
            by_analyzer,
            suppressed,
            policy: PolicyOutcome {
                passed: violations == 0,
                fail_on,
                violations,
                unmet_requirements,
                incomplete,
            },
        };
    }

    /// The process exit code: 3 when a required analyzer could not check, 1 when the
    /// policy is violated, 3 when it passed but an analyzer did not read all of its input
    /// (and the policy does not allow that), else 0.
    pub fn exit_code(&self) -> i32 {
        if !self.summary.policy.unmet_requirements.is_empty() {
            3
        } else if !self.summary.policy.passed {
            1
        } else if !self.summary.policy.incomplete.is_empty() {
            3
        } else {
            0
        }
    }
}
