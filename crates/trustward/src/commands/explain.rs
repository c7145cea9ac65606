//! `trustward explain RULE`: a rule's full documentation.

use crate::analyzers;
use crate::cli::GlobalArgs;
use crate::exit::{CliError, CliResult, PASSED};
use crate::output;
use trustward_core::engine;

/// Prints the rule's Markdown docs (or JSON with `--format json`).
pub fn run(global: &GlobalArgs, id: &str) -> CliResult {
    let registry = engine::registry_of(&analyzers::all(global));
    let Some(rule) = registry.get(id) else {
        let s = registry.suggest(id);
        return Err(CliError::usage(if s.is_empty() {
            format!("unknown rule `{id}`; run `trustward rules` for the list")
        } else {
            format!("unknown rule `{id}`; did you mean {}?", s.join(", "))
        }));
    };
    let text = match global.format {
        crate::cli::OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(rule).expect("rule serializes");
            s.push('\n');
            s
        }
        _ => rule.help_markdown(),
    };
    output::emit(global, &text)?;
    Ok(PASSED)
}
