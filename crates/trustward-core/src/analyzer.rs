//! The one trait every analyzer implements, and what it is given and gives back.
//!
//! Adding an analyzer is: a crate or module that implements [`Analyzer`], declares its
//! rules as `static` [`Rule`]s, and one line in the binary's analyzer list.

use crate::config::{Config, ConfigError};
use crate::files::FileIndex;
use crate::finding::Finding;
use crate::maturity::{Check, Evidence};
use crate::rule::Rule;
use serde::Serialize;
use std::path::Path;

/// A file that could not be read or parsed. The scan goes on; the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ScanError {
    /// Path relative to the root (with `:line` appended by the analyzer when known), or
    /// empty for errors that are not about one file.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl ScanError {
    /// An error about `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScanError {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Whether an analyzer really checked what it is responsible for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum AnalyzerStatus {
    /// It ran over the whole target.
    Checked,
    /// It could not check (missing data, stale database …): never read as a pass.
    NotChecked {
        /// Why, and how to fix it, in one line.
        reason: String,
    },
    /// Nothing it looks at exists in the target (no lockfiles, no workflows).
    NotApplicable,
    /// It ran, but could not read all of the input it needed (a file that does not parse,
    /// a git object that is missing, entries past a cap): what it reports is not the
    /// whole answer. The engine sets this for every analyzer that returned
    /// [`ScanError`]s outside the `[scan] exclude` paths; it fails `--strict` and
    /// `[policy] require`, and by default the gate (unless `[policy] allow_incomplete`).
    Incomplete {
        /// What was not read: the error paths (`path` or `path:line`), sorted, or the
        /// message of an error that is not about one file.
        unread: Vec<String>,
    },
}

/// What an analyzer returns.
#[derive(Debug, Default)]
pub struct AnalyzerOutput {
    /// Findings, in any order (the engine sorts them).
    pub findings: Vec<Finding>,
    /// Files that could not be read or parsed.
    pub errors: Vec<ScanError>,
    /// Warnings for the user that are neither findings nor file errors.
    pub warnings: Vec<String>,
    /// `None` means [`AnalyzerStatus::Checked`].
    pub status: Option<AnalyzerStatus>,
    /// What the analyzer saw about the maturity checks it declares (see
    /// [`crate::maturity`]): positive evidence, not the absence of findings.
    pub evidence: Vec<Evidence>,
    /// Contributors seen in the history (only the `history` analyzer fills it).
    pub contributors: Vec<crate::report::Contributor>,
}

impl AnalyzerOutput {
    /// An output that says the analyzer could not check, and why.
    pub fn not_checked(reason: impl Into<String>) -> Self {
        AnalyzerOutput {
            status: Some(AnalyzerStatus::NotChecked {
                reason: reason.into(),
            }),
            ..Default::default()
        }
    }
}

/// Reports progress of long work; the binary shows it on a TTY only.
pub trait Progress: Send + Sync {
    /// A short line of what is happening now.
    fn message(&self, analyzer: &str, message: &str);
}

/// A progress sink that drops everything.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn message(&self, _: &str, _: &str) {}
}

/// Everything an analyzer may look at. It must not execute anything from the target.
pub struct ScanContext<'a> {
    /// The scanned files.
    pub files: &'a FileIndex,
    /// The configuration in force.
    pub config: &'a Config,
    /// Progress sink.
    pub progress: &'a dyn Progress,
    /// `-v` given: analyzers may add detail to warnings.
    pub verbose: bool,
}

impl ScanContext<'_> {
    /// The scanned root directory.
    pub fn root(&self) -> &Path {
        self.files.root()
    }
}

/// One analysis over a repository that turns what it reads into [`Finding`]s.
pub trait Analyzer: Send + Sync {
    /// Short lowercase name, the prefix of its rule ids and the `--only`/`--skip` key.
    fn name(&self) -> &'static str;

    /// One line saying what it checks.
    fn description(&self) -> &'static str;

    /// Every rule it can fire.
    fn rules(&self) -> Vec<&'static Rule>;

    /// The maturity checks it evaluates (returned as [`Evidence`] from `run`).
    fn checks(&self) -> Vec<&'static Check> {
        Vec::new()
    }

    /// Validates this analyzer's `[name]` settings before anything runs.
    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        let _ = config;
        Ok(())
    }

    /// Runs the analysis.
    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput;
}
