//! The `workflows` analyzer: finds the files, parses each one, runs the rules, and drops
//! the tree before the next file (memory stays flat however many files there are).

use crate::discover::{Kind, classify};
use crate::dockerfile;
use crate::model::{Action, Workflow};
use crate::rules::{self, DockerCtx, FileCtx};
use crate::settings::Settings;
use crate::yaml;
use trustward_core::files::FileIndex;
use trustward_core::{
    Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ConfigError, Finding, Rule, ScanContext,
    ScanError,
};

/// One file's outcome with its position in the work list.
type Indexed = (usize, Result<Vec<Finding>, ScanError>);

/// The analyzer.
#[derive(Debug, Default)]
pub struct WorkflowsAnalyzer;

impl Analyzer for WorkflowsAnalyzer {
    fn name(&self) -> &'static str {
        "workflows"
    }

    fn description(&self) -> &'static str {
        "GitHub Actions workflows, composite/docker actions, Dependabot config and Dockerfiles: injection, pinning, permissions, secrets"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        rules::all()
    }

    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        crate::maturity::CHECKS.to_vec()
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        config
            .analyzer_settings::<Settings>("workflows")
            .map(|_| ())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let settings = match ctx.config.analyzer_settings::<Settings>("workflows") {
            Ok(s) => s,
            Err(e) => return AnalyzerOutput::not_checked(e.to_string()),
        };
        let mut out = AnalyzerOutput::default();
        let single = ctx.files.is_single_file();
        let work: Vec<(&str, Kind)> = ctx
            .files
            .entries()
            .iter()
            .filter_map(|e| Some((e.rel.as_str(), classify(&e.rel, single)?)))
            .filter(|(_, k)| !(*k == Kind::Dockerfile && settings.skip_dockerfiles))
            .collect();
        let seen = work.len();
        // Files are independent: spread them over the cores. Each thread parses, checks
        // and drops one file at a time; results are merged in path order.
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8)
            .min(work.len().max(1));
        let results: Vec<Vec<Indexed>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let work = &work;
                    let settings = &settings;
                    scope.spawn(move || {
                        work.iter()
                            .enumerate()
                            .skip(t)
                            .step_by(threads)
                            .map(|(i, (rel, kind))| {
                                ctx.progress.message("workflows", rel);
                                (i, scan_file(ctx.files, rel, *kind, settings))
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![(
                            usize::MAX,
                            Err(ScanError::new("", "workflows: a worker thread panicked")),
                        )]
                    })
                })
                .collect()
        });
        let mut merged: Vec<Indexed> = results.into_iter().flatten().collect();
        merged.sort_by_key(|(i, _)| *i);
        for (_, r) in merged {
            match r {
                Ok(f) => out.findings.extend(f),
                Err(e) => out.errors.push(e),
            }
        }
        if !single {
            out.evidence = crate::maturity::evidence(ctx.files, &out.findings, &out.errors);
        }
        if seen == 0 {
            out.status = Some(AnalyzerStatus::NotApplicable);
        }
        out
    }
}

/// Reads and checks one file of the index.
pub fn scan_file(
    files: &FileIndex,
    rel: &str,
    kind: Kind,
    settings: &Settings,
) -> Result<Vec<Finding>, ScanError> {
    let text = files
        .read_text(rel)
        .map_err(|e| ScanError::new(rel, e.to_string()))?;
    scan_text(rel, &text, kind, settings)
}

/// Checks one file's text as `kind`. Invalid YAML is an error naming `path:line`; YAML
/// that is not a workflow/action is ignored.
pub fn scan_text(
    path: &str,
    text: &str,
    kind: Kind,
    settings: &Settings,
) -> Result<Vec<Finding>, ScanError> {
    let mut out = Vec::new();
    if kind == Kind::Dockerfile {
        let file = dockerfile::parse(text);
        rules::check_dockerfile(&DockerCtx { path, file: &file }, &mut out);
        return Ok(out);
    }
    let root = match yaml::parse(text) {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(out),
        Err(e) => return Err(ScanError::new(format!("{path}:{}", e.line), e.message)),
    };
    let file = FileCtx {
        path,
        src: text,
        settings,
    };
    match kind {
        Kind::Workflow => {
            if let Some(wf) = Workflow::from_root(&root) {
                rules::check_workflow(&file, &wf, &mut out);
            }
        }
        Kind::Action => {
            if let Some(a) = Action::from_root(&root) {
                rules::check_action(&file, &a, &mut out);
            }
        }
        Kind::Dependabot => rules::check_dependabot(&file, &root, &mut out),
        Kind::Dockerfile => {}
    }
    Ok(out)
}
