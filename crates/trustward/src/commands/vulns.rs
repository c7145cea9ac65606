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
use trustward_core::{Analyzer, AnalyzerStatus};
use trustward_inventory::Package;
use trustward_osv::VulnsAnalyzer;

/// Reads a CycloneDX or SPDX JSON SBOM's packages with the inventory's reader; entries it
/// cannot use come back as warnings naming `path:line`.
fn sbom_packages(path: &Path) -> Result<(Vec<Package>, Vec<String>), CliError> {
    let display = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| CliError::usage(format!("cannot read SBOM {display}: {e}")))?
        .len();
    if size > trustward_core::files::DEFAULT_MAX_FILE_SIZE {
        return Err(CliError::usage(format!(
            "SBOM {display} is {size} bytes, over the {}-byte cap",
            trustward_core::files::DEFAULT_MAX_FILE_SIZE
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("cannot read SBOM {display}: {e}")))?;
    let inv = trustward_inventory::sbom::read(&display, &text)
        .map_err(|e| CliError::usage(e.to_string()))?;
    let warnings = inv
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    Ok((inv.packages, warnings))
}

/// Runs `trustward vulns`.
pub fn run(global: &GlobalArgs, args: &VulnsArgs) -> CliResult {
    let resolved = target::resolve(global, &args.target.path)?;
    let all = analyzers::all(global);
    let registry = engine::registry_of(&all);
    engine::validate_config(&resolved.config, &registry, &all)?;
    let db = super::db::db_path(global);

    let mut extra_warnings = Vec::new();
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
            let (pkgs, warnings) = sbom_packages(sbom)?;
            packages.extend(pkgs);
            extra_warnings = warnings;
        }
        Box::new(VulnsAnalyzer::with_packages(db, packages))
    };
    let mut report = super::audit::run_selected(
        global,
        &resolved,
        resolved.display.clone(),
        vec![analyzer.as_ref()],
    )?;
    report.warnings.extend(extra_warnings);
    if !global.quiet {
        for a in &report.analyzers {
            if let AnalyzerStatus::NotChecked { reason } = &a.status {
                eprintln!("vulnerabilities: not checked ({reason})");
            }
        }
    }
    emit_report(global, &report, &registry)
}
