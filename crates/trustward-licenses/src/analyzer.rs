//! The `licenses` analyzer: the project's licence and every dependency's, against the
//! `[licenses]` policy; and the listing `trustward licenses` prints.

use crate::category::{self, Category};
use crate::expression;
use crate::online::{self, Online, OnlineStats};
use crate::policy::{LicenseSettings, Policy, Verdict};
use crate::project::{self, ProjectLicense};
use crate::sources::{self, Caches, PackageLicense};
use serde::Serialize;
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{
    Analyzer, AnalyzerOutput, Confidence, Config, ConfigError, Finding, Level, Location, Practice,
    Rule, ScanContext, ScanError, Severity,
};
use trustward_inventory::{DiscoverOptions, discover};

const REFS: &[&str] = &[
    "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/",
    "https://spdx.org/licenses/",
];

/// A dependency's licence is refused by the policy.
pub static DENIED: Rule = Rule {
    id: "licenses/denied",
    title: "A dependency's licence is not allowed by the policy",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-LE-02.01"],
    description: "The dependency's licence expression cannot be satisfied with the licences \
        `[licenses] allow` accepts (an `OR` passes when one branch is allowed, an `AND` needs \
        every part), or it names a licence in `[licenses] deny`.",
    why: "Shipping a dependency under terms the project cannot meet is a legal risk for the \
        project and every user who redistributes it.",
    fix: "Replace the dependency, obtain it under another licence, or add a \
        `[[licenses.exceptions]]` entry with the reason it is acceptable.",
    fix_details: "```toml\n[[licenses.exceptions]]\nname = \"readline\"\nallow = \
        [\"GPL-3.0-or-later\"]\nreason = \"only linked by the optional CLI, shipped \
        separately\"\nexpires = \"2027-06-30\"\n```",
    references: REFS,
};

/// A dependency whose licence is unknown.
pub static UNKNOWN: Rule = Rule {
    id: "licenses/unknown",
    title: "A dependency's licence is unknown",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-LE-02.01"],
    description: "No source trustward reads offline (the lockfile, installed metadata in the \
        project, the Cargo registry and Go module caches) records the dependency's licence, or \
        what it records is not a valid SPDX expression. With `--online` the registries are \
        asked too.",
    why: "A licence nobody checked cannot be known to be compatible: unknown is not \
        allowed.",
    fix: "Run `trustward licenses --online` (or install the dependencies) so the licence can \
        be read, then review it.",
    fix_details: "",
    references: REFS,
};

/// A copyleft dependency in a permissively licensed project.
pub static COPYLEFT: Rule = Rule {
    id: "licenses/copyleft-dependency",
    title: "A copyleft dependency in a permissively licensed project",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-LE-02.01"],
    description: "The project's own licence is permissive, but the dependency can only be \
        used under a strong or network copyleft licence (and weak copyleft with \
        `include_weak_copyleft = true`). Set `copyleft_in_permissive = false` to turn this \
        off.",
    why: "Distributing a permissive project that links copyleft code can oblige the \
        distributor to release the whole under the copyleft licence, which users of a \
        permissive project do not expect.",
    fix: "Replace the dependency, or make it optional and document the combined licence.",
    fix_details: "",
    references: REFS,
};

/// A licence expression that is not valid SPDX.
pub static INVALID: Rule = Rule {
    id: "licenses/invalid-expression",
    title: "A declared licence is not a valid SPDX expression",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-02.01"],
    description: "A manifest of the project declares a licence that is not a valid SPDX \
        expression, even after mapping common names (`Apache 2.0`, `MIT License`) and \
        deprecated ids.",
    why: "Registries, SBOMs and compliance tools read the declared expression: one that does \
        not parse is treated as unknown everywhere.",
    fix: "Write an SPDX expression, e.g. `MIT OR Apache-2.0`.",
    fix_details: "",
    references: REFS,
};

/// The manifest and the licence file disagree.
pub static MISMATCH: Rule = Rule {
    id: "licenses/declared-mismatch",
    title: "The declared licence and the licence file disagree",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-02.01", "OSPS-LE-03.01"],
    description: "A manifest at the root declares licences that no licence file holds, or a \
        licence file holds a licence no declaration names.",
    why: "Users, registries and SBOMs read one or the other; when they disagree the \
        project's real licence is unclear.",
    fix: "Make the manifest's expression name exactly the licences of the licence files.",
    fix_details: "",
    references: REFS,
};

/// A licence file that is a known licence with changes.
pub static ALTERED: Rule = Rule {
    id: "licenses/altered-text",
    title: "A licence file is a modified licence text",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-02.01"],
    description: "The licence file resembles a standard licence (score between 0.75 and \
        0.93 of full-text similarity) but is not its text: clauses were added, removed or \
        reworded.",
    why: "A modified licence is a different licence: it may not be open source, and tools \
        that read only the closest id mislead users.",
    fix: "Use the unmodified licence text, and put project notices in a separate file.",
    fix_details: "",
    references: REFS,
};

/// An installed package declares a licence but ships no licence text.
pub static TEXT_MISSING: Rule = Rule {
    id: "licenses/text-missing",
    title: "A dependency declares a licence but ships no licence text",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Advanced,
    controls: &["OSPS-LE-03.02"],
    description: "The installed or cached copy of the dependency declares a licence but its \
        directory holds no LICENSE, LICENCE or COPYING file.",
    why: "Most licences require their text to accompany copies; redistributing the \
        dependency without it breaks that condition.",
    fix: "Add the licence text to the notices you ship, or ask upstream to include it.",
    fix_details: "",
    references: REFS,
};

/// The project's licence is identified.
pub static PROJECT_LICENSED: Check = Check {
    id: "licenses/project-license-identified",
    title: "The project's licence file is a standard licence, identified by its full text",
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-02.01", "OSPS-LE-03.01"],
    how: "A LICENSE/LICENCE/COPYING file at the root (or REUSE `LICENSES/`) whose full text \
        matches an SPDX licence at a score of 0.93 or more, and that licence is OSI-approved \
        or FSF-free.",
    why_level: "Without a licence nobody may use the code: the first thing every project \
        needs.",
};

/// The declarations agree with the files.
pub static DECLARED_CONSISTENT: Check = Check {
    id: "licenses/declared-matches-files",
    title: "The manifests declare the licence the licence files hold",
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-LE-02.01"],
    how: "Every manifest at the root declares a valid SPDX expression, and the licences it \
        names are those of the licence files.",
    why_level: "Registries and SBOMs publish the declared licence; consistency matters once \
        others depend on the project.",
};

/// Every dependency's licence is known and allowed.
pub static DEPENDENCIES_COMPLIANT: Check = Check {
    id: "licenses/dependencies-compliant",
    title: "Every dependency's licence is known and allowed by the policy",
    practice: Practice::SoftwareSupplyChain,
    level: Level::Advanced,
    controls: &["OSPS-LE-02.01"],
    how: "Every package of the inventory has a licence read from a source (lockfile, \
        installed metadata, caches, registries) and the `[licenses]` policy allows it.",
    why_level: "Full dependency licence compliance needs a policy and complete data: an \
        advanced practice.",
};

/// The whole result of licence analysis (what `trustward licenses --format json` prints).
#[derive(Debug, Clone, Serialize)]
pub struct LicensesReport {
    /// Always 1.
    pub schema_version: u32,
    /// The project's licence.
    pub project: ProjectView,
    /// Every package with its licence.
    pub packages: Vec<PackageLicense>,
    /// Files that could not be read and registry look-ups that failed.
    pub errors: Vec<ScanError>,
    /// Registry requests, when `--online`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<OnlineStats>,
}

/// The project part of [`LicensesReport`].
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// The project's licence expression, or `null` when unknown.
    pub license: Option<String>,
    /// Licence files with the licence and score found in each.
    pub files: Vec<FileView>,
    /// Declarations in manifests.
    pub declared: Vec<DeclaredView>,
    #[serde(skip)]
    raw: ProjectLicense,
}

/// One licence found in a licence file.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    /// Path relative to the root, with `:first-last` lines when a file holds several.
    pub path: String,
    /// The SPDX id, `null` when nothing was identified.
    pub license: Option<String>,
    /// Similarity to the licence's text, 0 to 1.
    pub score: f32,
}

/// One declaration.
#[derive(Debug, Clone, Serialize)]
pub struct DeclaredView {
    /// `path:line`.
    pub path: String,
    /// The normalised expression, or what was written when it is not valid.
    pub expression: String,
}

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct LicenseOptions {
    /// Ask the registries for what the disk does not know.
    pub online: bool,
    /// Read vendored trees when discovering lockfiles.
    pub include_vendored: bool,
    /// Override the registry cache directory.
    pub cache_dir: Option<std::path::PathBuf>,
    /// Override the user's package caches (tests).
    pub caches: Option<Caches>,
}

/// Runs the whole licence analysis.
pub fn analyze(
    files: &trustward_core::files::FileIndex,
    config: &Config,
    opts: &LicenseOptions,
) -> Result<LicensesReport, String> {
    let settings: LicenseSettings = config
        .analyzer_settings("licenses")
        .map_err(|e| e.message)?;
    let mut errors = Vec::new();
    let raw = project::read_project(files);
    errors.extend(raw.errors.iter().cloned());
    let dopts =
        DiscoverOptions::from_config(config, opts.include_vendored).unwrap_or(DiscoverOptions {
            include_vendored: opts.include_vendored,
            max_file_size: None,
        });
    let inv = discover(files, &dopts);
    let caches = opts.caches.clone().unwrap_or_else(Caches::from_env);
    let mut packages = sources::resolve(files, &inv.packages, &caches, &mut errors);
    let online = if opts.online || settings.online {
        let o = Online::new(
            &settings.registries,
            opts.cache_dir
                .clone()
                .unwrap_or_else(Online::default_cache_dir),
            settings.cache_ttl_days,
        );
        Some(online::fill(&o, &mut packages, &mut errors))
    } else {
        None
    };
    let mut files_view = Vec::new();
    for f in &raw.files {
        if f.found.is_empty() {
            files_view.push(FileView {
                path: f.path.clone(),
                license: None,
                score: 0.0,
            });
        }
        let several = f.found.len() > 1;
        for i in &f.found {
            files_view.push(FileView {
                path: if several {
                    format!("{}:{}-{}", f.path, i.lines.0, i.lines.1)
                } else {
                    f.path.clone()
                },
                license: Some(i.id.clone()),
                score: i.score,
            });
        }
    }
    let declared = raw
        .declared
        .iter()
        .map(|d| DeclaredView {
            path: d.path.clone(),
            expression: d.expression.clone().unwrap_or_else(|_| d.raw.clone()),
        })
        .collect();
    errors.sort();
    errors.dedup();
    Ok(LicensesReport {
        schema_version: 1,
        project: ProjectView {
            license: raw.expression(),
            files: files_view,
            declared,
            raw,
        },
        packages,
        errors,
        online,
    })
}

/// The analyzer.
#[derive(Debug, Clone, Default)]
pub struct LicensesAnalyzer {
    opts: LicenseOptions,
}

impl LicensesAnalyzer {
    /// An analyzer with the command line's options.
    pub fn new(opts: LicenseOptions) -> Self {
        LicensesAnalyzer { opts }
    }
}

fn project_is_permissive(p: &ProjectLicense) -> bool {
    let ids = p.ids();
    !ids.is_empty()
        && ids.iter().all(|id| {
            matches!(
                category::of(id),
                Category::Permissive | Category::PublicDomain
            )
        })
}

/// Findings and evidence from a finished analysis.
pub fn judge(
    report: &LicensesReport,
    settings: &LicenseSettings,
    today: &str,
) -> Result<(Vec<Finding>, Vec<Evidence>), String> {
    let policy = Policy::new(settings)?;
    let mut findings = Vec::new();
    let mut evidence = Vec::new();
    let raw = &report.project.raw;

    // The project's licence files.
    let mut identified = Vec::new();
    for f in &raw.files {
        for i in &f.found {
            if i.is_exact() {
                identified.push((f.path.clone(), i.clone()));
            } else {
                findings.push(
                    Finding::new(
                        &ALTERED,
                        format!(
                            "{} resembles {} (score {:.2}) but is not its unmodified text",
                            f.path, i.id, i.score
                        ),
                        Location::file(&f.path).with_line(i.lines.0 as u32),
                    )
                    .with_key(format!("{}:{}", f.path, i.id)),
                );
            }
        }
    }
    let free = |id: &str| {
        spdx::license_id(id).is_some_and(|l| l.is_osi_approved() || l.is_fsf_free_libre())
    };
    match identified.iter().find(|(_, i)| free(&i.id)) {
        Some((path, i)) => evidence.push(Evidence::met(
            &PROJECT_LICENSED,
            format!("{path}: {} (score {:.2})", i.id, i.score),
        )),
        None if raw.files.is_empty() => evidence.push(Evidence::not_met(
            &PROJECT_LICENSED,
            "no LICENSE, LICENCE or COPYING file at the root",
        )),
        None => evidence.push(Evidence::not_met(
            &PROJECT_LICENSED,
            format!(
                "no licence file is an unmodified OSI-approved or FSF-free licence text ({})",
                raw.files
                    .iter()
                    .map(|f| f.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }

    // Declarations.
    let mut consistent = !raw.declared.is_empty();
    let mut why = Vec::new();
    let file_ids: Vec<&Identified> = identified.iter().map(|(_, i)| i).collect();
    for d in &raw.declared {
        match &d.expression {
            Err(reason) => {
                consistent = false;
                why.push(format!("{} is not valid SPDX", d.path));
                let (path, line) = split_line(&d.path);
                findings.push(
                    Finding::new(
                        &INVALID,
                        format!(
                            "`{}` is not a valid SPDX licence expression: {reason}",
                            d.raw
                        ),
                        Location::file(path).with_line(line),
                    )
                    .with_key(d.raw.clone()),
                );
            }
            Ok(expr) if !file_ids.is_empty() => {
                let Ok(parsed) = expression::parse(expr) else {
                    continue;
                };
                let named: Vec<String> = parsed.requirements().into_iter().map(|r| r.id).collect();
                let missing_file: Vec<&String> = named
                    .iter()
                    .filter(|id| !id.starts_with("LicenseRef-"))
                    .filter(|id| !file_ids.iter().any(|i| i.matches(id)))
                    .collect();
                let undeclared: Vec<&str> = file_ids
                    .iter()
                    .filter(|i| !named.iter().any(|n| i.matches(n)))
                    .map(|i| i.id.as_str())
                    .collect();
                if !missing_file.is_empty() || !undeclared.is_empty() {
                    consistent = false;
                    let mut parts = Vec::new();
                    if !missing_file.is_empty() {
                        parts.push(format!(
                            "no licence file holds {}",
                            missing_file
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                    if !undeclared.is_empty() {
                        parts.push(format!(
                            "the licence files hold {} which it does not name",
                            undeclared.join(", ")
                        ));
                    }
                    why.push(format!("{}: {}", d.path, parts.join("; ")));
                    let (path, line) = split_line(&d.path);
                    findings.push(
                        Finding::new(
                            &MISMATCH,
                            format!("{path} declares `{expr}` but {}", parts.join("; ")),
                            Location::file(path).with_line(line),
                        )
                        .with_key(expr.clone()),
                    );
                }
            }
            Ok(_) => {}
        }
    }
    evidence.push(if consistent {
        Evidence::met(
            &DECLARED_CONSISTENT,
            raw.declared
                .iter()
                .map(|d| d.path.clone())
                .collect::<Vec<_>>()
                .join(", "),
        )
    } else if raw.declared.is_empty() {
        Evidence::not_met(
            &DECLARED_CONSISTENT,
            "no manifest at the root declares a licence",
        )
    } else {
        Evidence::not_met(&DECLARED_CONSISTENT, why.join("; "))
    });

    // Dependencies.
    let permissive = project_is_permissive(raw);
    let mut unknown = 0;
    let mut denied = 0;
    for p in &report.packages {
        let location = {
            let (path, line) = split_line(&p.found_at);
            Location::file(path).with_line(line)
        };
        let key = format!("{}:{}@{}", p.ecosystem, p.name, p.version);
        let Some(expr) = p.license.as_deref().and_then(|l| expression::parse(l).ok()) else {
            unknown += 1;
            let msg = match &p.invalid {
                Some(raw) => format!(
                    "{} {} ({}): its licence `{raw}` is not a valid SPDX expression",
                    p.name, p.version, p.ecosystem
                ),
                None => format!(
                    "{} {} ({}): licence unknown (no lockfile field, installed metadata or cache \
                     records it{})",
                    p.name,
                    p.version,
                    p.ecosystem,
                    if report.online.is_some() {
                        "; the registry did not either"
                    } else {
                        "; try --online"
                    }
                ),
            };
            findings.push(Finding::new(&UNKNOWN, msg, location).with_key(key));
            continue;
        };
        match policy.evaluate(&p.name, &p.version, &expr, today) {
            Verdict::Allowed { .. } => {}
            Verdict::Denied(blocking) => {
                denied += 1;
                findings.push(
                    Finding::new(
                        &DENIED,
                        format!(
                            "{} {} ({}) is under `{}`; not allowed: {}",
                            p.name,
                            p.version,
                            p.ecosystem,
                            expr.text,
                            blocking.join(", ")
                        ),
                        location.clone(),
                    )
                    .with_key(key.clone()),
                );
            }
        }
        if permissive && policy.copyleft_in_permissive && policy.requires_copyleft(&expr) {
            findings.push(
                Finding::new(
                    &COPYLEFT,
                    format!(
                        "{} {} ({}) is under `{}`, copyleft, in a project under {}",
                        p.name,
                        p.version,
                        p.ecosystem,
                        expr.text,
                        raw.ids().join(", ")
                    ),
                    location.clone(),
                )
                .with_key(key.clone()),
            );
        }
        if p.text_present == Some(false) {
            findings.push(
                Finding::new(
                    &TEXT_MISSING,
                    format!(
                        "{} {} declares `{}` but its copy ({}) holds no licence text",
                        p.name,
                        p.version,
                        expr.text,
                        p.source.as_deref().unwrap_or("?")
                    ),
                    location,
                )
                .with_key(key),
            );
        }
    }
    let total = report.packages.len();
    evidence.push(if total == 0 {
        Evidence::not_applicable(&DEPENDENCIES_COMPLIANT, "no dependencies in any lockfile")
    } else if unknown == 0 && denied == 0 {
        Evidence::met(
            &DEPENDENCIES_COMPLIANT,
            format!("{total} packages, every licence known and allowed"),
        )
    } else {
        Evidence::not_met(
            &DEPENDENCIES_COMPLIANT,
            format!("{total} packages: {unknown} of unknown licence, {denied} not allowed"),
        )
    });
    Ok((findings, evidence))
}

use crate::identify::Identified;

fn split_line(s: &str) -> (&str, u32) {
    match s.rsplit_once(':') {
        Some((p, l)) if l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty() => {
            (p, l.parse().unwrap_or(1))
        }
        _ => (s, 1),
    }
}

/// Today as `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

impl Analyzer for LicensesAnalyzer {
    fn name(&self) -> &'static str {
        "licenses"
    }

    fn description(&self) -> &'static str {
        "the project's licence by full text, every dependency's licence, the [licenses] policy"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        vec![
            &DENIED,
            &UNKNOWN,
            &COPYLEFT,
            &INVALID,
            &MISMATCH,
            &ALTERED,
            &TEXT_MISSING,
        ]
    }

    fn checks(&self) -> Vec<&'static Check> {
        vec![
            &PROJECT_LICENSED,
            &DECLARED_CONSISTENT,
            &DEPENDENCIES_COMPLIANT,
        ]
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        let s: LicenseSettings = config.analyzer_settings("licenses")?;
        Policy::new(&s).map_err(|e| config.error_at("[licenses", e))?;
        Ok(())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        ctx.progress.message("licenses", "reading licences");
        let report = match analyze(ctx.files, ctx.config, &self.opts) {
            Ok(r) => r,
            Err(e) => return AnalyzerOutput::not_checked(e),
        };
        let settings: LicenseSettings =
            ctx.config.analyzer_settings("licenses").unwrap_or_default();
        let mut out = AnalyzerOutput::default();
        match judge(&report, &settings, &today()) {
            Ok((findings, evidence)) => {
                out.findings = findings;
                out.evidence = evidence;
            }
            Err(e) => return AnalyzerOutput::not_checked(e),
        }
        out.errors = report.errors;
        out
    }
}
