//! The `secrets` analyzer: builds the engine from the built-in rules, `[secrets]` settings
//! and any gitleaks configuration, then scans the chosen source (working tree by default;
//! history, staged changes or standard input for `trustward secrets`).

use crate::archive::Limits;
use crate::engine::Engine;
use crate::gitleaks;
use crate::history::{self, Range};
use crate::rules;
use crate::scan::{Hit, Scanner};
use crate::settings::Settings;
use crate::staged;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use trustward_core::files::{ReadError, read_capped};
use trustward_core::{
    Analyzer, AnalyzerOutput, Config, ConfigError, Rule, ScanContext, ScanError, Severity,
};

/// What to scan.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files of the working tree: tracked and untracked-but-not-ignored, or every file
    /// with `all_files`.
    WorkTree {
        /// Ignore `.gitignore`.
        all_files: bool,
    },
    /// Every blob of the git history (narrowed by the range).
    History(Range),
    /// What is staged in the git index.
    Staged,
    /// A buffer read from standard input.
    Stdin(Arc<Vec<u8>>),
}

/// How the analyzer runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Print secrets in full.
    pub show_secrets: bool,
    /// What to scan.
    pub source: Source,
    /// A gitleaks configuration given on the command line.
    pub gitleaks_config: Option<PathBuf>,
}

/// The secrets analyzer.
#[derive(Debug, Clone)]
pub struct SecretsAnalyzer {
    opts: Options,
}

impl SecretsAnalyzer {
    /// The analyzer `audit` runs: the working tree.
    pub fn new(show_secrets: bool) -> Self {
        Self::with_options(Options {
            show_secrets,
            source: Source::WorkTree { all_files: false },
            gitleaks_config: None,
        })
    }

    /// An analyzer with explicit options (`trustward secrets`).
    pub fn with_options(opts: Options) -> Self {
        SecretsAnalyzer { opts }
    }

    /// Builds the scanner for a root and configuration; warnings go to `warnings`.
    pub fn scanner(
        &self,
        root: &Path,
        config: &Config,
        warnings: &mut Vec<String>,
    ) -> Result<Scanner, String> {
        let settings: Settings = config
            .analyzer_settings("secrets")
            .map_err(|e| e.to_string())?;
        let mut global = vec![settings.allowlist()?];
        let gl_path = self
            .opts
            .gitleaks_config
            .clone()
            .or_else(|| settings.gitleaks_config.as_ref().map(|p| root.join(p)))
            .or_else(|| {
                let p = root.join(".gitleaks.toml");
                p.is_file().then_some(p)
            });
        let mut custom = Vec::new();
        let mut disabled: Vec<String> = Vec::new();
        if let Some(p) = gl_path {
            let loaded = gitleaks::load(&p).map_err(|e| e.to_string())?;
            warnings.extend(loaded.warnings);
            custom = loaded.rules;
            global.extend(loaded.allowlists);
            disabled = loaded.disabled;
        }
        let mut all = Engine::builtin(|id| {
            config.rule_severity(id, Severity::Info).is_none()
                || disabled
                    .iter()
                    .any(|d| id.strip_prefix("secrets/") == Some(d.as_str()))
        });
        if config
            .rule_severity(rules::CUSTOM_RULE.id, Severity::Info)
            .is_some()
        {
            all.extend(custom);
        }
        let engine = Engine::new(all, global);
        let mut scanner = Scanner::new(engine, self.opts.show_secrets, settings.max_file_size());
        scanner.archives = settings.archives.unwrap_or(true);
        let d = Limits::default();
        scanner.limits = Limits {
            max_depth: settings.archive_max_depth.unwrap_or(d.max_depth),
            max_entries: settings.archive_max_entries.unwrap_or(d.max_entries),
            max_size: settings.archive_max_size.unwrap_or(d.max_size),
        };
        Ok(scanner)
    }
}

/// Every file under `root`, ignoring `.gitignore` (never `.git/`, never symlinks).
fn all_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(root) {
            out.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    out.sort();
    out
}

/// Maturity check: the files of the working tree hold no credential.
pub static NO_SECRETS_IN_FILES: trustward_core::maturity::Check = trustward_core::maturity::Check {
    id: "secrets/no-credentials-in-files",
    title: "No credential is committed in the repository's files",
    practice: trustward_core::Practice::TechnicalSecurityGuidance,
    level: trustward_core::Level::Basic,
    controls: &["OSPS-BR-07.01"],
    how: "Evidence of a complete scan: every file of the working tree (archives included) was read and matched against the secret rules; met when no `secrets/*` finding remains after the configuration's ignores and the baseline, not met when one does, not evaluated when a file could not be read or was over the size cap. The git history is covered by `trustward secrets --git` only.",
    why_level: "Keeping credentials out of the repository is the first rule of secure development.",
};

impl Analyzer for SecretsAnalyzer {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn description(&self) -> &'static str {
        "Credentials committed to files, archives, staged changes or the git history"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        rules::all_rules()
    }

    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        vec![&NO_SECRETS_IN_FILES]
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        let s: Settings = config.analyzer_settings("secrets")?;
        s.allowlist()
            .map(|_| ())
            .map_err(|m| config.error_at("[secrets", m))
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let root = ctx.root();
        let mut out = AnalyzerOutput::default();
        let scanner = match self.scanner(root, ctx.config, &mut out.warnings) {
            Ok(s) => s,
            Err(e) => {
                let mut o = AnalyzerOutput::not_checked(e);
                o.warnings = out.warnings;
                return o;
            }
        };
        let mut hits: Vec<Hit> = Vec::new();
        match &self.opts.source {
            Source::WorkTree { all_files: every } => {
                let files: Vec<String> = if *every && !ctx.files.is_single_file() {
                    all_files(root)
                } else {
                    ctx.files.entries().iter().map(|e| e.rel.clone()).collect()
                };
                ctx.progress
                    .message("secrets", &format!("scanning {} files", files.len()));
                let results: Vec<(Vec<Hit>, Vec<ScanError>)> = files
                    .par_iter()
                    .map(|rel| {
                        let mut errors = Vec::new();
                        let hits = match read_capped(root, rel, scanner.max_file_size) {
                            Ok(data) => scanner.scan_named(rel, &data, None, &mut errors),
                            Err(ReadError::TooLarge { .. }) => {
                                scanner.note_too_large();
                                Vec::new()
                            }
                            Err(ReadError::OutsideRoot) => Vec::new(),
                            Err(e) => {
                                errors.push(ScanError::new(rel.clone(), e.to_string()));
                                Vec::new()
                            }
                        };
                        (hits, errors)
                    })
                    .collect();
                for (h, e) in results {
                    hits.extend(h);
                    out.errors.extend(e);
                }
            }
            Source::Stdin(data) => {
                hits = scanner.scan_named("<stdin>", data, None, &mut out.errors);
            }
            Source::Staged => match staged::scan(root, &scanner, &mut out.errors) {
                Ok(h) => hits = h,
                Err(e) => return AnalyzerOutput::not_checked(e.to_string()),
            },
            Source::History(range) => {
                ctx.progress.message("secrets", "reading the git history");
                match history::scan(root, range, &scanner) {
                    Ok(h) => {
                        out.findings = h.findings;
                        out.errors.extend(h.errors);
                        out.warnings.extend(h.warnings);
                        if ctx.verbose {
                            out.warnings.push(format!(
                                "history: {} commits, {} unique blobs",
                                h.commits, h.blobs
                            ));
                        }
                    }
                    Err(e) => {
                        let mut o = AnalyzerOutput::not_checked(e.to_string());
                        o.warnings = out.warnings;
                        return o;
                    }
                }
            }
        }
        out.findings
            .extend(hits.iter().filter_map(|h| scanner.finding(h)));
        if let Source::WorkTree { .. } = &self.opts.source {
            use trustward_core::maturity::Evidence;
            let too_large = scanner
                .stats
                .too_large
                .load(std::sync::atomic::Ordering::Relaxed);
            out.evidence
                .push(if !out.errors.is_empty() || too_large > 0 {
                    Evidence::not_evaluated(
                        &NO_SECRETS_IN_FILES,
                        format!(
                            "{} file(s) could not be read and {too_large} were over the size cap",
                            out.errors.len()
                        ),
                    )
                } else {
                    Evidence::unless_findings(
                        &NO_SECRETS_IN_FILES,
                        format!(
                            "{} files scanned with every secret rule; no credential found",
                            ctx.files.entries().len()
                        ),
                        &["secrets/"],
                    )
                });
        }
        out.warnings
            .extend(scanner.stats.warnings(scanner.max_file_size));
        if ctx.verbose {
            out.warnings.push(scanner.stats.summary());
        }
        out
    }
}
