//! The `posture` analyzer: the repository policy files a trustworthy project publishes
//! (security policy, licence, CODEOWNERS, contribution guide, templates, dependency-update
//! configuration, security.txt, changelog).
//!
//! One module per check under [`checks`], each with its own static rules; parsers for the
//! files they read under [`parse`]. This crate reads files only: it knows nothing about
//! lockfiles, workflows' contents, secrets or output formats.

#![forbid(unsafe_code)]

pub mod checks;
pub mod docs;
pub mod fuzz;
pub mod maturity;
pub mod parse;
pub mod repo;
pub mod settings;
pub mod text;

/// Path of a file under `../shared/data` (beside the repository; worktrees sit one
/// directory deeper, so both places are tried).
#[cfg(test)]
pub(crate) fn shared_data(rel: &str) -> std::path::PathBuf {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for up in ["../../../shared/data", "../../../../shared/data"] {
        let p = base.join(up).join(rel);
        if p.exists() {
            return p;
        }
    }
    panic!("shared/data/{rel} not found beside the repository: the tests need ../shared");
}

use repo::Repo;
use settings::PostureSettings;
use trustward_core::{
    Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ConfigError, Rule, ScanContext,
};

/// The posture analyzer.
#[derive(Debug, Default, Clone)]
pub struct PostureAnalyzer {
    /// A fixed "today" for date checks (tests); `None` uses the clock, honouring
    /// `TRUSTWARD_TODAY`.
    today: Option<jiff::civil::Date>,
}

impl PostureAnalyzer {
    /// An analyzer whose date checks treat `today` (at 00:00 UTC) as now.
    pub fn with_today(mut self, today: jiff::civil::Date) -> Self {
        self.today = Some(today);
        self
    }

    fn now(&self) -> jiff::Timestamp {
        let midnight = |d: jiff::civil::Date| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp())
                .ok()
        };
        if let Some(ts) = self.today.and_then(midnight) {
            return ts;
        }
        let real = jiff::Timestamp::now();
        let today = trustward_core::policy::today();
        let real_day = real.to_zoned(jiff::tz::TimeZone::UTC).date();
        match today.parse::<jiff::civil::Date>() {
            Ok(d) if d != real_day => midnight(d).unwrap_or(real),
            _ => real,
        }
    }
}

impl Analyzer for PostureAnalyzer {
    fn name(&self) -> &'static str {
        "posture"
    }

    fn description(&self) -> &'static str {
        "Repository policy files: security policy, licence, code owners, templates, security.txt"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        checks::all_rules()
    }

    fn checks(&self) -> Vec<&'static trustward_core::maturity::Check> {
        maturity::CHECKS.to_vec()
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        PostureSettings::load(config).map(|_| ())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        if ctx.files.is_single_file() {
            return AnalyzerOutput {
                status: Some(AnalyzerStatus::NotApplicable),
                ..Default::default()
            };
        }
        let settings = match PostureSettings::load(ctx.config) {
            Ok(s) => s,
            Err(e) => {
                return AnalyzerOutput::not_checked(format!("invalid [posture] settings: {e}"));
            }
        };
        let repo = Repo {
            files: ctx.files,
            settings: &settings,
            now: self.now(),
        };
        let mut out = AnalyzerOutput::default();
        for check in checks::ALL {
            ctx.progress.message("posture", check.name);
            (check.run)(&repo, &mut out);
        }
        ctx.progress.message("posture", "maturity evidence");
        maturity::evidence(&repo, &mut out);
        if ctx.verbose {
            for line in checks::license::describe(&repo) {
                out.warnings.push(format!("posture: {line}"));
            }
        }
        out
    }
}
