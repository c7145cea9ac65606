//! `trustward vulns [PATH] [--purl P ...] [--sbom FILE]`: the `vulns` analyzer alone,
//! over the project's lockfiles or over packages given on the command line, reported
//! like `audit`.

use super::audit::emit_report;
use super::target;
use crate::analyzers;
use crate::cli::{GlobalArgs, VulnsArgs};
use crate::exit::{CliError, CliResult};
use std::path::Path;
use trustward_core::engine;
use trustward_core::files::{DEFAULT_MAX_FILE_SIZE, read_user_text};
use trustward_core::{Analyzer, AnalyzerStatus, ScanError};
use trustward_inventory::Package;
use trustward_osv::VulnsAnalyzer;

/// Reads a CycloneDX or SPDX JSON SBOM's packages with the inventory's reader (through the
/// capped reader for user-named files); entries it cannot use come back as errors naming
/// `path:line`, which make the `vulns` analyzer incomplete.
fn sbom_packages(path: &Path) -> Result<(Vec<Package>, Vec<ScanError>), CliError> {
    let display = path.display().to_string();
    let text = read_user_text(path, DEFAULT_MAX_FILE_SIZE)
        .map_err(|e| CliError::usage(format!("cannot read SBOM {display}: {e}")))?;
    let inv = trustward_inventory::sbom::read(&display, &text)
        .map_err(|e| CliError::usage(e.to_string()))?;
    Ok((inv.packages, inv.errors))
}

/// An analyzer whose output also carries errors found before it ran (an SBOM it was
/// given that could not be fully read), so the engine marks it incomplete.
struct WithErrors {
    inner: Box<dyn Analyzer>,
    errors: Vec<ScanError>,
}

impl Analyzer for WithErrors {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn description(&self) -> &'static str {
        self.inner.description()
    }
    fn rules(&self) -> Vec<&'static trustward_core::Rule> {
        self.inner.rules()
    }
    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        self.inner.checks()
    }
    fn run(&self, ctx: &trustward_core::ScanContext<'_>) -> trustward_core::AnalyzerOutput {
        let mut out = self.inner.run(ctx);
        out.errors.extend(self.errors.iter().cloned());
        out
    }
}

/// Runs `trustward vulns`.
pub fn run(global: &GlobalArgs, args: &VulnsArgs) -> CliResult {
    let resolved = target::resolve(global, &args.target.path)?;
    let all = analyzers::all(global);
    let registry = engine::registry_of(&all);
    engine::validate_config(&resolved.config, &registry, &all)?;
    let db = super::db::db_path(global);

    let mut sbom_errors = Vec::new();
    let analyzer: Box<dyn Analyzer> = if args.purls.is_empty() && args.sbom.is_none() {
        Box::new(analyzers::vulns(global))
    } else {
        let mut packages = Vec::new();
        for p in &args.purls {
            packages.push(
                trustward_osv::package_from_purl(p).map_err(|e| CliError::usage(e.to_string()))?,
            );
        }
        if let Some(sbom) = &args.sbom {
            let (pkgs, errors) = sbom_packages(sbom)?;
            packages.extend(pkgs);
            sbom_errors = errors;
        }
        Box::new(VulnsAnalyzer::with_packages(db, packages))
    };
    let analyzer: Box<dyn Analyzer> = if sbom_errors.is_empty() {
        analyzer
    } else {
        Box::new(WithErrors {
            inner: analyzer,
            errors: sbom_errors,
        })
    };
    let report = super::audit::run_selected(
        global,
        &resolved,
        resolved.display.clone(),
        vec![analyzer.as_ref()],
    )?;
    if !global.quiet {
        for a in &report.analyzers {
            if let AnalyzerStatus::NotChecked { reason } = &a.status {
                eprintln!("vulnerabilities: not checked ({reason})");
            }
        }
    }
    emit_report(global, &report, &registry)
}
