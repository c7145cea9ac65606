//! One module per check; each declares its own static [`Rule`]s and a `run` function.
//! Adding a check is adding a module and one line in [`ALL`].

use crate::repo::Repo;
use trustward_core::{AnalyzerOutput, Rule};

pub mod changelog;
pub mod codeowners;
pub mod contributing;
pub mod dependency_updates;
pub mod issue_templates;
pub mod license;
pub mod pull_request_template;
pub mod security_policy;
pub mod security_txt;

/// A check: the rules it can fire and the function that runs it.
pub struct Check {
    /// Short name (the module name), for progress messages.
    pub name: &'static str,
    /// Every rule it can fire.
    pub rules: &'static [&'static Rule],
    /// Runs the check, appending findings and file errors.
    pub run: fn(&Repo<'_>, &mut AnalyzerOutput),
}

/// Every check, in report order.
pub static ALL: &[&Check] = &[
    &security_policy::CHECK,
    &license::CHECK,
    &codeowners::CHECK,
    &pull_request_template::CHECK,
    &issue_templates::CHECK,
    &dependency_updates::CHECK,
    &security_txt::CHECK,
    &changelog::CHECK,
    &contributing::CHECK,
];

/// Every rule of every check.
pub fn all_rules() -> Vec<&'static Rule> {
    ALL.iter().flat_map(|c| c.rules.iter().copied()).collect()
}
