//! `trustward watch refs [REPO_PATH_OR_URL] --state FILE`: a monitor for cron or a
//! scheduled workflow that reports force pushes, deleted or moved tags, new and deleted
//! branches and tags, and a changed default branch since the previous run (see
//! docs/commands/watch.md).

use crate::cli::{GlobalArgs, OutputFormat};
use crate::exit::{CliError, CliResult, PASSED};
use crate::output;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use trustward_history::watch;

/// `watch` subcommands.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Compare a repository's branches and tags with the previous run's state.
    Refs(WatchRefsArgs),
}

/// `watch refs` arguments.
#[derive(Debug, Args)]
pub struct WatchRefsArgs {
    /// A local repository path, or a `file://` or `https://` URL.
    #[arg(default_value = ".")]
    pub target: String,
    /// The SQLite state file (created on the first run).
    #[arg(long, value_name = "FILE")]
    pub state: PathBuf,
}

/// Runs the command: exit 1 when something alarming happened, 3 when the repository
/// could not be read (the state is left unchanged).
pub fn run(global: &GlobalArgs, cmd: &WatchCommand) -> CliResult {
    let WatchCommand::Refs(args) = cmd;
    // A local path is keyed by its canonical form so `.` and its absolute path share state.
    let key = if args.target.contains("://") {
        args.target.clone()
    } else {
        std::fs::canonicalize(&args.target)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| args.target.clone())
    };
    let outcome = match watch::run(&args.target, &key, &args.state) {
        Ok(o) => o,
        Err(watch::WatchError::Unreachable(e)) => {
            return Err(CliError::scan(format!(
                "{e}; nothing was compared and the state was not changed"
            )));
        }
        Err(watch::WatchError::State(e)) => return Err(CliError::scan(e)),
    };
    let text = match global.format {
        OutputFormat::Json => {
            let doc = watch::Document {
                schema_version: watch::SCHEMA_VERSION,
                remote: &args.target,
                events: &outcome.events,
            };
            let mut s = serde_json::to_string_pretty(&doc)
                .map_err(|e| CliError::scan(format!("cannot serialise: {e}")))?;
            s.push('\n');
            s
        }
        OutputFormat::Text => {
            let mut s = String::new();
            if outcome.baseline {
                s.push_str(&format!(
                    "baseline recorded for {}: {} refs; later runs report changes against it\n",
                    clean(&args.target),
                    outcome.refs
                ));
            } else if outcome.events.is_empty() {
                s.push_str(&format!("{}: no ref changes\n", clean(&args.target)));
            }
            for e in &outcome.events {
                s.push_str(&format!(
                    "{:<6} {:<22} {} {} -> {}\n",
                    e.severity,
                    e.kind,
                    clean(&e.ref_name),
                    e.old.as_deref().map_or("-".into(), clean),
                    e.new.as_deref().map_or("-".into(), clean),
                ));
            }
            s
        }
        other => {
            return Err(CliError::usage(format!(
                "`watch refs` writes text or json, not {other:?}"
            )));
        }
    };
    output::emit(global, &text)?;
    if !global.quiet {
        if outcome.baseline && global.format == OutputFormat::Json {
            eprintln!(
                "note: first run: baseline recorded for {} ({} refs)",
                clean(&args.target),
                outcome.refs
            );
        }
        for n in &outcome.notes {
            eprintln!("note: {}", clean(n));
        }
    }
    Ok(if outcome.events.iter().any(watch::Event::alarming) {
        1
    } else {
        PASSED
    })
}

/// Ref names come from the watched repository: no control characters on the terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
