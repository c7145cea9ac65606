//! The one place analyzers are registered: adding an analyzer is one line here.

use trustward_core::Analyzer;

/// Every analyzer, in report order.
pub fn all() -> Vec<Box<dyn Analyzer>> {
    vec![Box::new(trustward_posture::PostureAnalyzer)]
}
