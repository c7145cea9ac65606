//! One module per command; `run` dispatches.

mod audit;
mod badge;
mod baseline;
mod completions;
pub mod controls;
pub mod db;
mod deps;
mod explain;
mod init;
mod licenses;
pub mod preflight;
pub mod release;
mod rules;
pub mod sbom;
mod secrets;
pub mod target;
mod vulns;
pub mod watch;
pub mod workflows;

use crate::cli::{Cli, Command};
use crate::exit::CliResult;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> CliResult {
    let global = cli.global;
    match cli.command {
        Command::Audit(t) => audit::run(&global, &t),
        Command::Rules => rules::run(&global),
        Command::Explain { rule } => explain::run(&global, &rule),
        Command::Init { path, force } => init::run(&global, &path, force),
        Command::Completions { shell } => completions::run(shell),
        Command::Baseline(cmd) => baseline::run(&global, cmd),
        Command::Deps(t) => deps::run(&global, &t),
        Command::Sbom(a) => sbom::run(&global, &a),
        Command::Workflows(a) => workflows::run(&global, &a),
        Command::Licenses(a) => licenses::run(&global, &a),
        Command::Vulns(args) => vulns::run(&global, &args),
        Command::Db(cmd) => db::run(&global, cmd),
        Command::Secrets(args) => secrets::run(&global, &args),
        Command::Controls(args) => controls::run(&global, &args),
        Command::Badge(t) => badge::run(&global, &t),
        Command::Keygen(a) => release::keygen(&a),
        Command::Sign(a) => release::sign(&a),
        Command::Verify(a) => release::verify(&a),
        Command::Checksums(a) => release::checksums(&a),
        Command::Preflight(a) => preflight::run(&a),
        Command::Watch(cmd) => watch::run(&global, &cmd),
    }
}
