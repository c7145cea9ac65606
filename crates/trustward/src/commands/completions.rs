//! `trustward completions SHELL`.

use crate::cli::Cli;
use crate::exit::{CliResult, PASSED};
use clap::CommandFactory;

/// Prints completions for `shell` on stdout.
pub fn run(shell: clap_complete::Shell) -> CliResult {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "trustward", &mut std::io::stdout());
    Ok(PASSED)
}
