//! The TSI maturity level a project reaches per practice, derived from the findings of the
//! analyzers that really checked.
//!
//! A practice reaches a level when no unsuppressed finding of a rule of that practice
//! belongs to that level or a lower one. A practice no checking analyzer has rules for is
//! "not assessed": absence of evidence is never shown as a level.

use crate::analyzer::AnalyzerStatus;
use crate::report::Report;
use crate::rule::{Level, Practice, RuleRegistry};
use serde::Serialize;

/// The level reached for one practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Achieved {
    /// No analyzer that checked has rules for this practice.
    NotAssessed,
    /// Findings at the basic level remain.
    BelowBasic,
    /// A level reached.
    Level(Level),
}

impl Achieved {
    /// `not-assessed`, `below-basic`, `basic`, `standard` or `advanced`.
    pub fn as_str(self) -> &'static str {
        match self {
            Achieved::NotAssessed => "not-assessed",
            Achieved::BelowBasic => "below-basic",
            Achieved::Level(l) => l.as_str(),
        }
    }
}

/// One practice's assessment.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeMaturity {
    /// The practice.
    pub practice: Practice,
    /// The level reached.
    pub achieved: Achieved,
    /// Rules of this practice that were evaluated.
    pub rules_checked: usize,
    /// Unsuppressed findings of this practice.
    pub findings: usize,
}

/// The maturity of every practice, in guide order.
pub fn assess(report: &Report, registry: &RuleRegistry) -> Vec<PracticeMaturity> {
    let checked: Vec<&str> = report
        .analyzers
        .iter()
        .filter(|a| a.status == AnalyzerStatus::Checked)
        .map(|a| a.name.as_str())
        .collect();
    Practice::ALL
        .iter()
        .map(|&practice| {
            let rules_checked = registry
                .iter()
                .filter(|r| r.practice == practice && checked.contains(&r.analyzer()))
                .count();
            let failing: Vec<Level> = report
                .active()
                .filter(|f| f.rule.practice == practice)
                .map(|f| f.rule.level)
                .collect();
            let achieved = if rules_checked == 0 {
                Achieved::NotAssessed
            } else {
                match failing.iter().min() {
                    None => Achieved::Level(Level::Advanced),
                    Some(Level::Basic) => Achieved::BelowBasic,
                    Some(Level::Standard) => Achieved::Level(Level::Basic),
                    Some(Level::Advanced) => Achieved::Level(Level::Standard),
                }
            };
            PracticeMaturity {
                practice,
                achieved,
                rules_checked,
                findings: failing.len(),
            }
        })
        .collect()
}
