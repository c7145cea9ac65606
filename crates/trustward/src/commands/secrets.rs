//! `trustward secrets [PATH]`: only the secrets analyzer, over the working tree (default),
//! the whole git history (`--git`), the staged changes (`--staged`) or standard input
//! (`--stdin`); same report, policy and exit codes as `audit`.

use super::{audit, target};
use crate::analyzers;
use crate::cli::{GlobalArgs, SecretsArgs};
use crate::exit::{CliError, CliResult};
use std::io::Read;
use std::sync::Arc;
use trustward_core::Analyzer;
use trustward_core::engine;
use trustward_secrets::history::Range;
use trustward_secrets::{Options, SecretsAnalyzer, Source};

/// Largest standard input read (bytes).
const MAX_STDIN: u64 = 256 * 1024 * 1024;

/// Runs the command.
pub fn run(global: &GlobalArgs, args: &SecretsArgs) -> CliResult {
    let source = if args.git {
        Source::History(Range {
            branch: args.branch.clone(),
            since: args.since.clone(),
            commits: args.commits.clone(),
        })
    } else if args.staged {
        Source::Staged
    } else if args.stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_STDIN + 1)
            .read_to_end(&mut buf)
            .map_err(|e| CliError::scan(format!("cannot read standard input: {e}")))?;
        if buf.len() as u64 > MAX_STDIN {
            return Err(CliError::usage(format!(
                "standard input is larger than {MAX_STDIN} bytes; scan it as a file instead"
            )));
        }
        Source::Stdin(Arc::new(buf))
    } else {
        Source::WorkTree {
            all_files: args.all_files,
        }
    };
    let mut path = args.path.clone();
    if args.git || args.staged {
        path = trustward_core::git::repo_root(&args.path).ok_or_else(|| {
            CliError::usage(format!(
                "`{}` is not inside a git repository (needed for --git and --staged)",
                args.path.display()
            ))
        })?;
        if let Some(why) = trustward_core::git::foreign_git_dir(&path) {
            return Err(CliError::usage(why));
        }
    }
    let resolved = target::resolve(global, &path)?;
    let mut all = analyzers::all(global);
    let secrets: Box<dyn Analyzer> = Box::new(SecretsAnalyzer::with_options(Options {
        show_secrets: global.show_secrets,
        source,
        gitleaks_config: args.gitleaks_config.clone(),
    }));
    if let Some(slot) = all.iter_mut().find(|a| a.name() == "secrets") {
        *slot = secrets;
    } else {
        all.push(secrets);
    }
    let registry = engine::registry_of(&all);
    engine::validate_config(&resolved.config, &registry, &all)?;
    let selected = engine::select(&all, &["secrets".to_string()], &[])?;
    let display = if args.stdin {
        "<stdin>".to_string()
    } else {
        resolved.display.clone()
    };
    let report = audit::run_selected(global, &resolved, display, selected)?;
    audit::emit_report(global, &report, &registry)
}
