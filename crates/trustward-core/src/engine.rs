//! Runs the selected analyzers over one target and assembles the [`Report`]: rule
//! overrides, fingerprints, suppressions, baseline, deterministic order, policy verdict.

use crate::analyzer::{Analyzer, AnalyzerStatus, Progress, ScanContext, ScanError};
use crate::baseline::Baseline;
use crate::config::{Config, ConfigError};
use crate::files::FileIndex;
use crate::fingerprint::fingerprint;
use crate::policy;
use crate::report::{AnalyzerRun, Report, Summary, Target, ToolInfo};
use crate::rule::RuleRegistry;
use crate::severity::FailOn;
use std::collections::HashMap;
use std::sync::Arc;

/// Every rule of the given analyzers.
pub fn registry_of(analyzers: &[Box<dyn Analyzer>]) -> RuleRegistry {
    let mut reg = RuleRegistry::new();
    for a in analyzers {
        reg.register(&a.rules());
    }
    reg
}

/// Chooses analyzers by `--only` and `--skip` names; an unknown name is a usage error.
pub fn select<'a>(
    all: &'a [Box<dyn Analyzer>],
    only: &[String],
    skip: &[String],
) -> Result<Vec<&'a dyn Analyzer>, ConfigError> {
    let known: Vec<&str> = all.iter().map(|a| a.name()).collect();
    for name in only.iter().chain(skip) {
        if !known.contains(&name.as_str()) {
            return Err(ConfigError::plain(format!(
                "unknown analyzer `{name}`: expected one of {}",
                known.join(", ")
            )));
        }
    }
    Ok(all
        .iter()
        .filter(|a| only.is_empty() || only.iter().any(|o| o == a.name()))
        .filter(|a| !skip.iter().any(|s| s == a.name()))
        .map(|a| a.as_ref())
        .collect())
}

/// Checks the config against the registry: rule ids in `[rules]` and `[[ignore]]`,
/// analyzer names in `require`, and each analyzer's own settings.
pub fn validate_config(
    config: &Config,
    registry: &RuleRegistry,
    analyzers: &[Box<dyn Analyzer>],
) -> Result<(), ConfigError> {
    let names: Vec<&str> = analyzers.iter().map(|a| a.name()).collect();
    let unknown_rule = |id: &str| {
        let suggestions = registry.suggest(id);
        let hint = if suggestions.is_empty() {
            "run `trustward rules` for the list".to_string()
        } else {
            format!("did you mean {}?", suggestions.join(", "))
        };
        config.error_at(id, format!("unknown rule `{id}`: {hint}"))
    };
    for id in config.rules.keys() {
        if registry.get(id).is_none() {
            return Err(unknown_rule(id));
        }
    }
    for e in &config.ignore {
        let ok = match e.rule.strip_suffix("/*") {
            Some(a) => names.contains(&a),
            None => registry.get(&e.rule).is_some(),
        };
        if !ok {
            return Err(unknown_rule(&e.rule));
        }
    }
    for r in &config.policy.require {
        if !names.contains(&r.as_str()) {
            return Err(config.error_at(
                &format!("\"{r}\""),
                format!(
                    "[policy] require: unknown analyzer `{r}`: expected one of {}",
                    names.join(", ")
                ),
            ));
        }
    }
    for table in config.analyzers.keys() {
        if !names.contains(&table.as_str()) {
            return Err(config.error_at(
                &format!("[{table}"),
                format!(
                    "unknown table [{table}]: expected [policy], [scan], [rules.\"ID\"], [[ignore]] or an analyzer table ({})",
                    names.join(", ")
                ),
            ));
        }
    }
    for a in analyzers {
        a.check_config(config)?;
    }
    Ok(())
}

/// Everything one scan needs.
pub struct ScanRequest<'a> {
    /// The target as the user named it (for the report).
    pub target_display: String,
    /// The files of the target.
    pub files: &'a FileIndex,
    /// The configuration.
    pub config: &'a Config,
    /// Analyzers to run.
    pub analyzers: Vec<&'a dyn Analyzer>,
    /// The baseline to hide, if any.
    pub baseline: Option<&'a Baseline>,
    /// The threshold (config's unless overridden on the command line).
    pub fail_on: FailOn,
    /// Treat every analyzer that could not check as a required one (exit 3).
    pub strict: bool,
    /// Progress sink.
    pub progress: &'a dyn Progress,
    /// Verbose diagnostics.
    pub verbose: bool,
    /// The commit at `HEAD`, if known.
    pub git_head: Option<String>,
    /// Every maturity check of every registered analyzer (not only the selected ones):
    /// checks of analyzers that did not run are reported as not evaluated.
    pub catalogue: Vec<&'static crate::maturity::Check>,
}

/// An analyzer that returned errors about input it needed, outside the `[scan] exclude`
/// paths, is incomplete (unless it could not check at all, which says more).
fn incomplete_status(
    status: AnalyzerStatus,
    errors: &[ScanError],
    config: &Config,
) -> AnalyzerStatus {
    if matches!(status, AnalyzerStatus::NotChecked { .. }) {
        return status;
    }
    let mut unread: Vec<String> = errors
        .iter()
        .filter(|e| !config.scan.excludes(&e.path))
        .map(|e| {
            if e.path.is_empty() {
                e.message.clone()
            } else {
                e.path.clone()
            }
        })
        .collect();
    let status = match status {
        AnalyzerStatus::Incomplete { unread: own } => {
            unread.extend(own);
            AnalyzerStatus::Checked
        }
        s => s,
    };
    unread.sort();
    unread.dedup();
    if unread.is_empty() {
        // No errors, or only under excluded paths: what is in scope was read.
        status
    } else {
        AnalyzerStatus::Incomplete { unread }
    }
}

/// Runs the scan. Each analyzer runs on its own thread; a panicking analyzer is reported
/// as a failed scan (exit code 3), never as a pass.
pub fn scan(req: ScanRequest<'_>) -> Report {
    let ctx = ScanContext {
        files: req.files,
        config: req.config,
        progress: req.progress,
        verbose: req.verbose,
    };
    let outputs: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = req
            .analyzers
            .iter()
            .map(|a| {
                let ctx = &ctx;
                (a.name(), s.spawn(move || a.run(ctx)))
            })
            .collect();
        handles
            .into_iter()
            .map(|(name, h)| (name, h.join()))
            .collect()
    });

    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut runs = Vec::new();
    let mut unmet = Vec::new();
    let mut evidence = Vec::new();
    let mut incomplete = Vec::new();
    let mut contributors = Vec::new();
    for (name, result) in outputs {
        let status = match result {
            Ok(out) => {
                findings.extend(out.findings);
                evidence.extend(out.evidence);
                contributors.extend(out.contributors);
                warnings.extend(out.warnings.into_iter().map(|w| format!("{name}: {w}")));
                let status = out.status.unwrap_or(AnalyzerStatus::Checked);
                let status = incomplete_status(status, &out.errors, req.config);
                errors.extend(out.errors);
                status
            }
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                unmet.push(format!("{name} (crashed)"));
                errors.push(ScanError::new(
                    "",
                    format!("analyzer `{name}` crashed: {msg}; please report this bug"),
                ));
                AnalyzerStatus::NotChecked {
                    reason: format!("the analyzer crashed: {msg}"),
                }
            }
        };
        let required = req.config.policy.require.iter().any(|r| r == name);
        match &status {
            AnalyzerStatus::NotChecked { reason } => {
                warnings.push(format!("{name}: not checked: {reason}"));
                if (required || req.strict) && !unmet.iter().any(|u: &String| u.starts_with(name)) {
                    unmet.push(name.to_string());
                }
            }
            AnalyzerStatus::Incomplete { unread } => {
                warnings.push(format!(
                    "{name}: incomplete: could not read {}",
                    unread.join(", ")
                ));
                if required || req.strict {
                    unmet.push(format!("{name} (incomplete)"));
                } else if !req.config.policy.allow_incomplete {
                    incomplete.push(name.to_string());
                }
            }
            _ => {}
        }
        runs.push(AnalyzerRun {
            name: name.to_string(),
            status,
            findings: 0,
        });
    }
    runs.sort_by(|a, b| a.name.cmp(&b.name));

    policy::apply_rule_overrides(req.config, &mut findings);
    for f in &mut findings {
        f.fingerprint = fingerprint(f);
    }
    let mut cache: HashMap<String, Option<Arc<String>>> = HashMap::new();
    let files = req.files;
    let today = policy::today();
    warnings.extend(policy::apply_suppressions(
        req.config,
        req.baseline,
        &today,
        &mut findings,
        |path| {
            cache
                .entry(path.to_string())
                .or_insert_with(|| {
                    files
                        .read(path)
                        .ok()
                        .map(|b| Arc::new(String::from_utf8_lossy(&b).into_owned()))
                })
                .clone()
        },
    ));

    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    errors.sort();
    errors.dedup();

    let mut report = Report {
        tool: ToolInfo {
            name: "trustward".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        target: Target {
            path: req.target_display,
            git_head: req.git_head,
        },
        findings,
        errors,
        warnings,
        analyzers: runs,
        summary: Summary {
            by_severity: Default::default(),
            by_analyzer: Default::default(),
            suppressed: 0,
            policy: crate::report::PolicyOutcome {
                passed: true,
                fail_on: req.fail_on,
                violations: 0,
                unmet_requirements: vec![],
                incomplete,
            },
        },
        maturity: Vec::new(),
        checks: Vec::new(),
        controls: Vec::new(),
        contributors,
    };
    report.summarize(req.fail_on, unmet);
    let statuses = report
        .analyzers
        .iter()
        .map(|a| (a.name.clone(), a.status.clone()))
        .collect();
    for e in &mut evidence {
        e.resolve(&report.findings);
    }
    report.checks = crate::maturity::combine(&req.catalogue, &evidence, &statuses);
    report.maturity = crate::maturity::assess(&report.checks);
    report.controls = crate::maturity::controls(&report.checks, &crate::osps::not_covered_why);
    report
}
