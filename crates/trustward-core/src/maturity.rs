//! TSI maturity from positive evidence.
//!
//! The tasks of the guide are explicit [`Check`]s, each declared by the analyzer that can
//! evaluate it (as rules are) and carrying its practice, level and OSPS Baseline controls.
//! An analyzer's run returns [`Evidence`] for the checks it evaluated: met, not met, not
//! evaluated (with why) or not applicable (with why). The engine combines the evidence of
//! every check of the catalogue into a [`CheckResult`]; a check nobody evaluated is "not
//! evaluated", never met.
//!
//! A practice reaches a level only when every check of that level and of the levels below
//! is met (or not applicable) and at least one of them is met; a level with a check that
//! could not be evaluated is "not evaluated", never reached. Absence of findings is never
//! evidence.

use crate::analyzer::AnalyzerStatus;
use crate::rule::{Level, Practice};
use serde::Serialize;
use std::collections::BTreeMap;

/// One task of the guide, as a check with a status.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable id `analyzer/kebab-name`, e.g. `posture/security-policy-private-channel`.
    pub id: &'static str,
    /// The positive statement that is true when the check is met, e.g. "SECURITY.md names
    /// a private reporting channel".
    pub title: &'static str,
    /// The practice it evidences.
    pub practice: Practice,
    /// The level it belongs to.
    pub level: Level,
    /// OSPS Baseline controls it evidences (all must be among [`crate::osps::CONTROLS`]).
    pub controls: &'static [&'static str],
    /// How it is evaluated (what is read, what counts as met).
    pub how: &'static str,
    /// Why it sits at this level.
    pub why_level: &'static str,
}

impl Check {
    /// The analyzer that owns the check (the id's prefix).
    pub fn analyzer(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }
}

/// The status of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum CheckStatus {
    /// Positive evidence shows the task is done.
    Met,
    /// The evidence shows the task is not done.
    NotMet,
    /// It could not be evaluated; `why` says what is missing (e.g. "needs the forge's
    /// settings", "the analyzer did not run").
    NotEvaluated {
        /// What would be needed to evaluate it.
        why: String,
    },
    /// It does not apply to this project; `why` says so (from config or the evidence).
    NotApplicable {
        /// Why it does not apply.
        why: String,
    },
}

impl CheckStatus {
    /// `met`, `not-met`, `not-evaluated` or `not-applicable`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CheckStatus::Met => "met",
            CheckStatus::NotMet => "not-met",
            CheckStatus::NotEvaluated { .. } => "not-evaluated",
            CheckStatus::NotApplicable { .. } => "not-applicable",
        }
    }
}

/// What an analyzer saw about one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The check's id.
    pub check: &'static str,
    /// What the evidence says.
    pub status: CheckStatus,
    /// What was seen, with `path:line` where there is one.
    pub detail: String,
    /// For evidence of a complete scan: rule-id prefixes whose findings, when any is left
    /// after suppressions, make the check not met. The engine resolves it once the
    /// configuration's ignores and the baseline are applied (see [`Evidence::unless_findings`]).
    #[serde(skip)]
    pub unless: &'static [&'static str],
}

impl Evidence {
    /// The check is met; `detail` names what shows it.
    pub fn met(check: &Check, detail: impl Into<String>) -> Self {
        Evidence {
            check: check.id,
            status: CheckStatus::Met,
            detail: detail.into(),
            unless: &[],
        }
    }

    /// The analyzer read everything the check is about (`detail` says what) and the check
    /// is met unless a finding of a rule starting with one of `rules` remains after the
    /// configuration's ignores, inline suppressions and the baseline are applied: then it
    /// is not met. A scan is evidence only when complete: return
    /// [`Evidence::not_evaluated`] instead when part of the input could not be read.
    pub fn unless_findings(
        check: &Check,
        detail: impl Into<String>,
        rules: &'static [&'static str],
    ) -> Self {
        Evidence {
            check: check.id,
            status: CheckStatus::Met,
            detail: detail.into(),
            unless: rules,
        }
    }

    /// Resolves [`Evidence::unless_findings`] against the report's findings (after
    /// suppressions).
    pub fn resolve(&mut self, findings: &[crate::finding::Finding]) {
        if self.unless.is_empty() {
            return;
        }
        let matching =
            |f: &&crate::finding::Finding| self.unless.iter().any(|p| f.rule.id.starts_with(p));
        let active: Vec<&crate::finding::Finding> = findings
            .iter()
            .filter(matching)
            .filter(|f| f.suppressed.is_none())
            .collect();
        let suppressed = findings
            .iter()
            .filter(matching)
            .filter(|f| f.suppressed.is_some())
            .count();
        if let Some(first) = active.first() {
            self.status = CheckStatus::NotMet;
            self.detail = format!(
                "{} finding(s) of {}, e.g. {} at {}",
                active.len(),
                self.unless.join(", "),
                first.rule.id,
                first.location.path.as_deref().unwrap_or("(repository)")
            );
        } else if suppressed > 0 {
            self.detail = format!(
                "{}; {suppressed} finding(s) suppressed by configuration or baseline",
                self.detail
            );
        }
        self.unless = &[];
    }

    /// The check is not met; `detail` says what is missing.
    pub fn not_met(check: &Check, detail: impl Into<String>) -> Self {
        Evidence {
            check: check.id,
            status: CheckStatus::NotMet,
            detail: detail.into(),
            unless: &[],
        }
    }

    /// Met when `found` names what shows it, else not met with `missing`.
    pub fn met_if_found(
        check: &Check,
        found: Option<impl Into<String>>,
        missing: impl Into<String>,
    ) -> Self {
        match found {
            Some(detail) => Evidence::met(check, detail),
            None => Evidence::not_met(check, missing),
        }
    }

    /// The check could not be evaluated.
    pub fn not_evaluated(check: &Check, why: impl Into<String>) -> Self {
        let why = why.into();
        Evidence {
            check: check.id,
            status: CheckStatus::NotEvaluated { why: why.clone() },
            detail: why,
            unless: &[],
        }
    }

    /// The check does not apply.
    pub fn not_applicable(check: &Check, why: impl Into<String>) -> Self {
        let why = why.into();
        Evidence {
            check: check.id,
            status: CheckStatus::NotApplicable { why: why.clone() },
            detail: why,
            unless: &[],
        }
    }
}

/// One check of the catalogue with its combined status.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// The check.
    pub check: &'static Check,
    /// The combined status.
    pub status: CheckStatus,
    /// What was seen, from every piece of evidence, in a stable order.
    pub details: Vec<String>,
}

/// How far one level of one practice got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelState {
    /// Every check of this level and the levels below is met or not applicable.
    Reached,
    /// A check of this level (or below) is not met.
    NotMet,
    /// No check is not met, but some could not be evaluated.
    NotEvaluated,
    /// The catalogue has no check at this level.
    NoChecks,
}

/// The level reached for one practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Achieved {
    /// The basic level could not be evaluated (no evidence either way).
    NotAssessed,
    /// Basic is not reached: a basic check is not met.
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
    /// The highest level reached.
    pub achieved: Achieved,
    /// The state of each level, basic first.
    pub levels: [(Level, LevelState); 3],
    /// Checks of this practice that are met.
    pub checks_met: usize,
    /// Checks of this practice in the catalogue.
    pub checks_total: usize,
}

/// Combines every analyzer's evidence over the whole catalogue. `statuses` gives the
/// status of each analyzer that ran; a check whose analyzer did not run or could not
/// check is not evaluated, and a "not met" from an analyzer that did not read everything
/// is downgraded to "not evaluated" (the unread input may hold the evidence).
pub fn combine(
    catalogue: &[&'static Check],
    evidence: &[Evidence],
    statuses: &BTreeMap<String, AnalyzerStatus>,
) -> Vec<CheckResult> {
    let mut by_check: BTreeMap<&str, Vec<&Evidence>> = BTreeMap::new();
    for e in evidence {
        by_check.entry(e.check).or_default().push(e);
    }
    let mut out: Vec<CheckResult> = catalogue
        .iter()
        .map(|&check| {
            let analyzer = check.analyzer();
            let analyzer_status = statuses.get(analyzer);
            let mut pieces = by_check.remove(check.id).unwrap_or_default();
            pieces.sort_by(|a, b| a.detail.cmp(&b.detail));
            let mut details: Vec<String> = pieces.iter().map(|e| e.detail.clone()).collect();
            details.dedup();
            // "Not applicable" means there was nothing of its kind to read: its "not met"
            // (e.g. no CI workflow at all) stands.
            let fully_read = matches!(
                analyzer_status,
                Some(AnalyzerStatus::Checked | AnalyzerStatus::NotApplicable)
            );
            let status = if pieces.is_empty() {
                CheckStatus::NotEvaluated {
                    why: match analyzer_status {
                        None => missing_analyzer_why(analyzer),
                        Some(AnalyzerStatus::NotChecked { reason }) => {
                            format!("`{analyzer}` could not check: {reason}")
                        }
                        Some(_) => format!("`{analyzer}` reported no evidence for it"),
                    },
                }
            } else if pieces.iter().any(|e| e.status == CheckStatus::NotMet) {
                if fully_read {
                    CheckStatus::NotMet
                } else {
                    CheckStatus::NotEvaluated {
                        why: match analyzer_status {
                            Some(AnalyzerStatus::Incomplete { unread }) => format!(
                                "`{analyzer}` did not read all of its input: {}",
                                unread
                                    .iter()
                                    .take(5)
                                    .cloned()
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            _ => format!("`{analyzer}` did not read all of its input"),
                        },
                    }
                }
            } else if let Some(e) = pieces
                .iter()
                .find(|e| matches!(e.status, CheckStatus::NotEvaluated { .. }))
            {
                e.status.clone()
            } else if pieces.iter().any(|e| e.status == CheckStatus::Met) {
                CheckStatus::Met
            } else {
                pieces[0].status.clone()
            };
            CheckResult {
                check,
                status,
                details,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.check.practice, a.check.level, a.check.id).cmp(&(
            b.check.practice,
            b.check.level,
            b.check.id,
        ))
    });
    out
}

/// Why a check of an analyzer that did not run is not evaluated. The checks of
/// `forge`, `history` and `releases` are declared before their analyzers exist, so the
/// report says what evidence they need.
pub fn missing_analyzer_why(analyzer: &str) -> String {
    match analyzer {
        "forge" => {
            "needs the forge's settings (the `forge` analyzer, not in this trustward yet)".into()
        }
        "history" => {
            "needs the git history (the `history` analyzer, not in this trustward yet)".into()
        }
        "releases" => {
            "needs the published releases (the `releases` analyzer, not in this trustward yet)"
                .into()
        }
        _ => format!("the `{analyzer}` analyzer did not run"),
    }
}

/// The maturity of every practice, in guide order, from the combined checks.
pub fn assess(checks: &[CheckResult]) -> Vec<PracticeMaturity> {
    Practice::ALL
        .iter()
        .map(|&practice| {
            let of_practice: Vec<&CheckResult> = checks
                .iter()
                .filter(|c| c.check.practice == practice)
                .collect();
            let levels = [Level::Basic, Level::Standard, Level::Advanced];
            let mut states = [(Level::Basic, LevelState::NoChecks); 3];
            let mut achieved = Achieved::NotAssessed;
            let mut blocked = false;
            let mut any_met_below = false;
            for (i, level) in levels.iter().enumerate() {
                let at: Vec<&&CheckResult> = of_practice
                    .iter()
                    .filter(|c| c.check.level == *level)
                    .collect();
                let state = if at.is_empty() {
                    LevelState::NoChecks
                } else if at.iter().any(|c| c.status == CheckStatus::NotMet) {
                    LevelState::NotMet
                } else if at
                    .iter()
                    .any(|c| matches!(c.status, CheckStatus::NotEvaluated { .. }))
                {
                    LevelState::NotEvaluated
                } else {
                    LevelState::Reached
                };
                any_met_below |= at.iter().any(|c| c.status == CheckStatus::Met);
                states[i] = (*level, state);
                if blocked {
                    continue;
                }
                match state {
                    LevelState::Reached if any_met_below => achieved = Achieved::Level(*level),
                    LevelState::Reached | LevelState::NoChecks => {}
                    LevelState::NotMet => {
                        if i == 0 {
                            achieved = Achieved::BelowBasic;
                        }
                        blocked = true;
                    }
                    LevelState::NotEvaluated => blocked = true,
                }
            }
            PracticeMaturity {
                practice,
                achieved,
                levels: states,
                checks_met: of_practice
                    .iter()
                    .filter(|c| c.status == CheckStatus::Met)
                    .count(),
                checks_total: of_practice.len(),
            }
        })
        .collect()
}

/// The status of one OSPS Baseline control, read from the checks that evidence it.
#[derive(Debug, Clone, Serialize)]
pub struct ControlResult {
    /// The control id, e.g. `OSPS-VM-02.01`.
    pub control: &'static str,
    /// Met only when every check evidencing it is met (or not applicable) and one is met.
    pub status: CheckStatus,
    /// The ids of the checks that evidence it.
    pub checks: Vec<&'static str>,
}

/// Every OSPS Baseline control with its status. `unevaluable` gives, for controls no check
/// covers, why (e.g. "needs the forge's settings"); any other uncovered control is "not
/// evaluated: no check covers it".
pub fn controls(
    checks: &[CheckResult],
    unevaluable: &dyn Fn(&str) -> Option<&'static str>,
) -> Vec<ControlResult> {
    crate::osps::CONTROLS
        .iter()
        .map(|&control| {
            let covering: Vec<&CheckResult> = checks
                .iter()
                .filter(|c| c.check.controls.contains(&control))
                .collect();
            let status = if covering.is_empty() {
                CheckStatus::NotEvaluated {
                    why: unevaluable(control)
                        .unwrap_or("no check of trustward covers it yet")
                        .to_string(),
                }
            } else if covering.iter().any(|c| c.status == CheckStatus::NotMet) {
                CheckStatus::NotMet
            } else if let Some(c) = covering
                .iter()
                .find(|c| matches!(c.status, CheckStatus::NotEvaluated { .. }))
            {
                c.status.clone()
            } else if covering.iter().any(|c| c.status == CheckStatus::Met) {
                CheckStatus::Met
            } else {
                covering[0].status.clone()
            };
            ControlResult {
                control,
                status,
                checks: covering.iter().map(|c| c.check.id).collect(),
            }
        })
        .collect()
}

/// The highest OSPS Baseline level (1–3) whose controls, with those of the levels below,
/// are all met or not applicable; 0 when level 1 is not.
pub fn baseline_level(controls: &[ControlResult]) -> u8 {
    let mut reached = 0;
    for level in 1..=3u8 {
        let all = controls
            .iter()
            .filter(|c| crate::osps::level(c.control) == Some(level))
            .all(|c| {
                matches!(
                    c.status,
                    CheckStatus::Met | CheckStatus::NotApplicable { .. }
                )
            });
        if !all {
            break;
        }
        reached = level;
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    static BASIC: Check = Check {
        id: "posture/basic-file",
        title: "a basic file exists",
        practice: Practice::SecurityPolicy,
        level: Level::Basic,
        controls: &["OSPS-VM-02.01"],
        how: "",
        why_level: "",
    };
    static STANDARD: Check = Check {
        id: "posture/standard-file",
        title: "a standard file exists",
        practice: Practice::SecurityPolicy,
        level: Level::Standard,
        controls: &["OSPS-VM-03.01"],
        how: "",
        why_level: "",
    };
    static FORGE: Check = Check {
        id: "forge/branch-protected",
        title: "the default branch is protected",
        practice: Practice::SecurityPolicy,
        level: Level::Advanced,
        controls: &["OSPS-AC-03.01"],
        how: "",
        why_level: "",
    };

    fn checked(names: &[&str]) -> BTreeMap<String, AnalyzerStatus> {
        names
            .iter()
            .map(|n| (n.to_string(), AnalyzerStatus::Checked))
            .collect()
    }

    fn policy(m: &[PracticeMaturity]) -> &PracticeMaturity {
        m.iter()
            .find(|p| p.practice == Practice::SecurityPolicy)
            .unwrap()
    }

    #[test]
    fn no_evidence_is_never_a_level() {
        let checks = combine(&[&BASIC, &STANDARD], &[], &checked(&["posture"]));
        assert!(
            checks
                .iter()
                .all(|c| matches!(c.status, CheckStatus::NotEvaluated { .. }))
        );
        let m = assess(&checks);
        assert_eq!(policy(&m).achieved, Achieved::NotAssessed);
        // A practice without any check is not assessed either.
        assert!(
            m.iter()
                .filter(|p| p.practice != Practice::SecurityPolicy)
                .all(|p| p.achieved == Achieved::NotAssessed)
        );
    }

    #[test]
    fn a_level_needs_every_check_below_met() {
        let ev = [
            Evidence::met(&BASIC, "SECURITY.md"),
            Evidence::not_met(&STANDARD, "missing"),
        ];
        let m = assess(&combine(
            &[&BASIC, &STANDARD, &FORGE],
            &ev,
            &checked(&["posture"]),
        ));
        assert_eq!(policy(&m).achieved, Achieved::Level(Level::Basic));
        assert_eq!(policy(&m).levels[1].1, LevelState::NotMet);

        let ev = [
            Evidence::met(&BASIC, "SECURITY.md"),
            Evidence::met(&STANDARD, "x"),
        ];
        // The forge analyzer did not run: advanced is not evaluated, standard reached.
        let checks = combine(&[&BASIC, &STANDARD, &FORGE], &ev, &checked(&["posture"]));
        let m = assess(&checks);
        assert_eq!(policy(&m).achieved, Achieved::Level(Level::Standard));
        assert_eq!(policy(&m).levels[2].1, LevelState::NotEvaluated);
        let forge = checks.iter().find(|c| c.check.id == FORGE.id).unwrap();
        assert_eq!(
            forge.status,
            CheckStatus::NotEvaluated {
                why: missing_analyzer_why("forge")
            }
        );
    }

    #[test]
    fn basic_not_met_is_below_basic_and_not_evaluated_blocks() {
        let m = assess(&combine(
            &[&BASIC],
            &[Evidence::not_met(&BASIC, "none")],
            &checked(&["posture"]),
        ));
        assert_eq!(policy(&m).achieved, Achieved::BelowBasic);
        let m = assess(&combine(
            &[&BASIC, &STANDARD],
            &[
                Evidence::not_evaluated(&BASIC, "needs the forge"),
                Evidence::met(&STANDARD, "x"),
            ],
            &checked(&["posture"]),
        ));
        assert_eq!(policy(&m).achieved, Achieved::NotAssessed);
    }

    #[test]
    fn not_met_from_an_incomplete_analyzer_is_not_evaluated() {
        let mut st = BTreeMap::new();
        st.insert(
            "posture".to_string(),
            AnalyzerStatus::NotChecked { reason: "x".into() },
        );
        let c = combine(&[&BASIC], &[Evidence::not_met(&BASIC, "none")], &st);
        assert!(matches!(c[0].status, CheckStatus::NotEvaluated { .. }));
        st.insert(
            "posture".to_string(),
            AnalyzerStatus::Incomplete {
                unread: vec!["SECURITY.md".into()],
            },
        );
        let c = combine(&[&BASIC], &[Evidence::not_met(&BASIC, "none")], &st);
        assert_eq!(
            c[0].status,
            CheckStatus::NotEvaluated {
                why: "`posture` did not read all of its input: SECURITY.md".into()
            }
        );
        // Met stays met: positive evidence was read.
        let c = combine(&[&BASIC], &[Evidence::met(&BASIC, "SECURITY.md")], &st);
        assert_eq!(c[0].status, CheckStatus::Met);
    }

    #[test]
    fn controls_follow_their_checks() {
        let checks = combine(
            &[&BASIC, &STANDARD],
            &[
                Evidence::met(&BASIC, "SECURITY.md"),
                Evidence::not_met(&STANDARD, "none"),
            ],
            &checked(&["posture"]),
        );
        let ctl = controls(&checks, &|c| {
            (c == "OSPS-AC-01.01").then_some("needs the forge's settings")
        });
        assert_eq!(ctl.len(), crate::osps::CONTROLS.len());
        let get = |id: &str| ctl.iter().find(|c| c.control == id).unwrap();
        assert_eq!(get("OSPS-VM-02.01").status, CheckStatus::Met);
        assert_eq!(get("OSPS-VM-03.01").status, CheckStatus::NotMet);
        assert_eq!(
            get("OSPS-AC-01.01").status,
            CheckStatus::NotEvaluated {
                why: "needs the forge's settings".into()
            }
        );
    }
}
