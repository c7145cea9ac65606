//! The `trustward` binary: argument parsing, wiring of analyzers and renderers, progress
//! and exit codes. Analysis lives in the library crates.

mod analyzers;
mod cli;
mod commands;
mod exit;
mod output;
mod pending_checks;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse_from(commands::sbom::format_as_standard(std::env::args_os()));
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            eprintln!("error: {}", err.message);
            ExitCode::from(err.code as u8)
        }
    }
}
