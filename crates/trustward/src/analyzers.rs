//! The one place analyzers are registered: adding an analyzer is one line here.
//! Command-line options an analyzer needs are handed to its constructor.

use crate::cli::GlobalArgs;
use trustward_core::Analyzer;

/// Every analyzer, in report order, configured from the command line.
pub fn all(global: &GlobalArgs) -> Vec<Box<dyn Analyzer>> {
    vec![
        Box::new(trustward_posture::PostureAnalyzer::default()),
        Box::new(trustward_inventory::analyzer::InventoryAnalyzer::new(
            global.include_vendored,
        )),
        Box::new(trustward_workflows::WorkflowsAnalyzer),
        Box::new(trustward_osv::VulnsAnalyzer::new(
            crate::commands::db::db_path(global),
            global.include_vendored,
        )),
        Box::new(trustward_secrets::SecretsAnalyzer::new(global.show_secrets)),
    ]
}
