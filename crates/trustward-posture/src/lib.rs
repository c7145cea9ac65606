//! The `posture` analyzer: repository policy files a trustworthy project publishes.

use trustward_core::{Analyzer, AnalyzerOutput, Rule, ScanContext};

/// The posture analyzer.
#[derive(Debug, Default)]
pub struct PostureAnalyzer;

impl Analyzer for PostureAnalyzer {
    fn name(&self) -> &'static str {
        "posture"
    }
    fn description(&self) -> &'static str {
        "Repository policy files: security policy, licence, code owners, templates, security.txt"
    }
    fn rules(&self) -> Vec<&'static Rule> {
        vec![]
    }
    fn run(&self, _ctx: &ScanContext<'_>) -> AnalyzerOutput {
        AnalyzerOutput::default()
    }
}
