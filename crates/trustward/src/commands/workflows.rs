//! `trustward workflows [PATH]`: `audit --only workflows` — CI/CD and Dockerfile
//! hardening on its own, with a persona choosing which confidence levels are shown.

use super::audit;
use crate::cli::{GlobalArgs, TargetArgs};
use crate::exit::CliResult;
use clap::{Args, ValueEnum};
use trustward_core::Confidence;

/// `trustward workflows` options.
#[derive(Debug, Args)]
pub struct WorkflowsArgs {
    /// What to audit.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Who is reading: `regular` shows high- and medium-confidence findings, `pedantic`
    /// adds the hygiene rules that are low-confidence by design (undocumented
    /// permissions, anonymous definitions), `auditor` shows everything, heuristic
    /// low-confidence findings included.
    #[arg(long, value_enum, default_value_t = Persona::Regular)]
    pub persona: Persona,
}

/// Personas, as zizmor users know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Persona {
    /// High- and medium-confidence findings.
    Regular,
    /// Regular plus the rules that are low-confidence by design.
    Pedantic,
    /// Everything.
    Auditor,
}

impl Persona {
    /// Whether a finding of this confidence and severity is shown.
    pub fn shows(self, f: &trustward_core::Finding) -> bool {
        match self {
            Persona::Regular => f.confidence >= Confidence::Medium,
            Persona::Pedantic => {
                f.confidence >= Confidence::Medium || f.rule.confidence == Confidence::Low
            }
            Persona::Auditor => true,
        }
    }
}

/// Runs the workflows analyzer alone and prints its report.
pub fn run(global: &GlobalArgs, a: &WorkflowsArgs) -> CliResult {
    let mut g = global.clone();
    g.only = vec!["workflows".to_string()];
    g.skip.clear();
    let (mut report, registry) = audit::scan(&g, &a.target)?;
    if a.persona != Persona::Auditor {
        report.findings.retain(|f| a.persona.shows(f));
        let policy = report.summary.policy.clone();
        report.summarize(policy.fail_on, policy.unmet_requirements);
    }
    audit::emit_report(&g, &report, &registry)
}
