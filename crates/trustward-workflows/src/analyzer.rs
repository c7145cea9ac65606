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
        let links = if single {
            Vec::new()
        } else {
            symlinked_workflows(ctx.files)
        };
        if !single {
            out.evidence = crate::maturity::evidence(ctx.files, &out.findings, &out.errors);
        }
        if seen == 0 && links.is_empty() {
            out.status = Some(AnalyzerStatus::NotApplicable);
        }
        out.errors.extend(links);
        out
    }
}

/// `.github`, `.github/workflows` or a workflow file that is a symbolic link: never
/// followed (it may point outside the repository), so reported as not read instead of
/// skipped silently.
fn symlinked_workflows(files: &FileIndex) -> Vec<ScanError> {
    let is_link = |rel: &str| {
        std::fs::symlink_metadata(files.abs(rel)).is_ok_and(|m| m.file_type().is_symlink())
    };
    let message = "is a symbolic link: trustward never follows links, so the workflows it points to were not checked; replace it with the real files";
    for dir in [".github", ".github/workflows"] {
        if files.is_excluded(dir) {
            return Vec::new();
        }
        if is_link(dir) {
            return vec![ScanError::new(dir, message)];
        }
    }
    let Ok(list) = std::fs::read_dir(files.abs(".github/workflows")) else {
        return Vec::new();
    };
    let mut out: Vec<ScanError> = list
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
        .map(|e| format!(".github/workflows/{}", e.file_name().to_string_lossy()))
        .filter(|rel| (rel.ends_with(".yml") || rel.ends_with(".yaml")) && !files.is_excluded(rel))
        .map(|rel| ScanError::new(rel, message))
        .collect();
    out.sort();
    out
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
