//! `trustward audit`: every selected analyzer, one report, the policy verdict as exit code.

use super::target;
use crate::analyzers;
use crate::cli::{GlobalArgs, OutputFormat, TargetArgs};
use crate::exit::{CliError, CliResult};
use crate::output;
use crate::progress::TerminalProgress;
use trustward_core::engine::{self, ScanRequest};
use trustward_core::{Analyzer, Report};
use trustward_report::{Format, RenderOptions};

/// Runs the scan and returns the report (shared by `audit`, `workflows` and
/// `baseline write`).
pub fn scan(
    global: &GlobalArgs,
    t: &TargetArgs,
) -> Result<(Report, trustward_core::RuleRegistry), CliError> {
    let resolved = target::resolve(global, &t.path)?;
    let all = analyzers::all(global);
    let registry = engine::registry_of(&all);
    engine::validate_config(&resolved.config, &registry, &all)?;
    let selected = engine::select(&all, &global.only, &global.skip)?;
    let report = run_selected(global, &resolved, resolved.display.clone(), selected)?;
    Ok((report, registry))
}

/// Runs already-selected analyzers over a resolved target with the global options
/// (baseline, threshold, strictness, progress): the one place commands start a scan.
pub fn run_selected(
    global: &GlobalArgs,
    resolved: &target::ResolvedTarget,
    target_display: String,
    analyzers: Vec<&dyn Analyzer>,
) -> Result<Report, CliError> {
    let baseline = target::baseline(global)?;
    let progress = TerminalProgress::new(global.quiet);
    let report = engine::scan(ScanRequest {
        target_display,
        files: &resolved.files,
        config: &resolved.config,
        analyzers,
        baseline: baseline.as_ref(),
        fail_on: target::fail_on(global, &resolved.config),
        strict: global.strict,
        progress: &progress,
        verbose: global.verbose > 0,
        git_head: resolved.git_head.clone(),
        catalogue: crate::analyzers::catalogue(global),
    });
    progress.finish();
    Ok(report)
}

/// Maps the CLI format to the renderer's.
pub fn format(f: OutputFormat) -> Format {
    match f {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Markdown => Format::Markdown,
        OutputFormat::Html => Format::Html,
    }
}

/// Renders and writes a report, echoes warnings for machine formats, returns the exit code.
pub fn emit_report(
    global: &GlobalArgs,
    report: &Report,
    registry: &trustward_core::RuleRegistry,
) -> CliResult {
    let opts = RenderOptions {
        color: output::use_color(global),
        verbose: global.verbose > 0,
    };
    let text = trustward_report::render(report, registry, format(global.format), &opts);
    output::emit(global, &text)?;
    let text_on_stdout = global.format == OutputFormat::Text && global.output.is_none();
    if !global.quiet && !text_on_stdout {
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
        for e in &report.errors {
            eprintln!("warning: {}: {}", e.path, e.message);
        }
    }
    Ok(report.exit_code())
}

/// `trustward audit [PATH]`.
pub fn run(global: &GlobalArgs, t: &TargetArgs) -> CliResult {
    let (report, registry) = scan(global, t)?;
    emit_report(global, &report, &registry)
}
