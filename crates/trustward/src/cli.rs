//! Command-line interface definition (clap). Parsing only; behaviour lives in `commands/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Keep what your open-source project publishes trustworthy: one audit for
/// dependencies, vulnerabilities, secrets, CI workflows and repository policy.
#[derive(Debug, Parser)]
#[command(name = "trustward", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 policy passed · 1 policy violated · 2 usage or configuration error · 3 the scan failed"
)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Output format.
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Configuration file (default: trustward.toml or .trustward.toml from PATH up to the repository root).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run only these analyzers (comma-separated).
    #[arg(
        long,
        global = true,
        value_delimiter = ',',
        value_name = "ANALYZER,..."
    )]
    pub only: Vec<String>,
    /// Skip these analyzers (comma-separated).
    #[arg(
        long,
        global = true,
        value_delimiter = ',',
        value_name = "ANALYZER,..."
    )]
    pub skip: Vec<String>,
    /// Fail (exit 1) on findings at or above this severity [default: from config, else high].
    #[arg(long, global = true, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOnArg>,
    /// Hide findings whose fingerprints are recorded in this baseline file.
    #[arg(long, global = true, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Exit 3 when any analyzer could not check (e.g. no vulnerability database).
    #[arg(long, global = true)]
    pub strict: bool,
    /// Print only the report (no warnings or progress on stderr).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// More detail (suppressed findings, debug counts).
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never colour the output (NO_COLOR is honoured too).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Print secrets in full instead of redacted (never do this in CI logs).
    #[arg(long, global = true)]
    pub show_secrets: bool,
    /// Vulnerability database directory [default: the user cache directory].
    #[arg(long, global = true, env = "TRUSTWARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Also read vendored trees (node_modules/, vendor/, target/) when looking for lockfiles.
    #[arg(long, global = true)]
    pub include_vendored: bool,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text.
    Text,
    /// JSON (schema_version 1, see docs/output.md).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// Markdown for pull-request comments.
    Markdown,
    /// One self-contained HTML page (audit and the scan commands).
    Html,
}

/// `--fail-on` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Only critical findings fail.
    Critical,
    /// High and critical.
    High,
    /// Medium and above.
    Medium,
    /// Low and above.
    Low,
    /// Any finding.
    Info,
    /// Never fail on findings.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every analyzer on a repository and apply the policy (the CI gate).
    Audit(TargetArgs),
    /// List every rule: id, severity, practice, level, title.
    Rules,
    /// Print a rule's full documentation: what, why, how to fix, references.
    Explain {
        /// The rule id, e.g. posture/security-policy-missing.
        rule: String,
    },
    /// Write a commented trustward.toml with the defaults.
    Init {
        /// Where to write it.
        #[arg(default_value = "trustward.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Manage baselines of accepted findings.
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// List every package of every lockfile under PATH (or of one lockfile): text or JSON.
    Deps(TargetArgs),
    /// Write the inventory of PATH as a CycloneDX 1.6 or SPDX 2.3 JSON SBOM.
    Sbom(SbomArgs),
    /// Audit GitHub Actions workflows, actions, Dependabot config and Dockerfiles only
    /// (same as `audit --only workflows`).
    Workflows(crate::commands::workflows::WorkflowsArgs),
    /// The project's licence and every dependency's licence, with where each came from.
    Licenses(LicensesArgs),
    /// Check dependencies against the local OSV vulnerability database.
    Vulns(VulnsArgs),
    /// Manage the local OSV vulnerability database (update, import, status).
    #[command(subcommand)]
    Db(DbCommand),
    /// Find credentials in the working tree, staged changes, standard input or the whole git history.
    Secrets(SecretsArgs),
    /// The OSPS Baseline controls and TSI maturity read from the repository's evidence.
    Controls(crate::commands::controls::ControlsArgs),
    /// Write an SVG badge of the overall TSI maturity level (use --output badge.svg).
    Badge(TargetArgs),
    /// Generate a minisign-compatible Ed25519 key pair (trustward.pub, trustward.key).
    Keygen(crate::commands::release::KeygenArgs),
    /// Sign files (FILE.minisig, minisign-compatible, prehashed Ed25519).
    Sign(crate::commands::release::SignArgs),
    /// Verify files against minisign or OpenPGP signatures; exit 1 on any mismatch.
    Verify(crate::commands::release::VerifyArgs),
    /// Write a SHA256SUMS-style manifest (optionally signed), or --check one.
    Checksums(crate::commands::release::ChecksumsArgs),
    /// List what users would download from release artifacts and flag what should not ship.
    Preflight(crate::commands::preflight::PreflightArgs),
    /// Monitor a repository's refs between runs (force pushes, deleted or moved tags).
    #[command(subcommand)]
    Watch(crate::commands::watch::WatchCommand),
}

/// `sbom` arguments.
#[derive(Debug, Args, Clone)]
pub struct SbomArgs {
    /// Repository directory, one lockfile, or an SBOM (bom.json, *.cdx.json, *.spdx.json) to convert.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The SBOM standard (the global --format stays the report format; an SBOM is always JSON).
    #[arg(long, value_enum, default_value_t = SbomStandard::Cyclonedx)]
    pub standard: SbomStandard,
    /// Reproducible output: serial number / namespace derived from the content, timestamp
    /// from SOURCE_DATE_EPOCH or 1970-01-01T00:00:00Z.
    #[arg(long)]
    pub deterministic: bool,
}

/// SBOM standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SbomStandard {
    /// CycloneDX 1.6 JSON.
    Cyclonedx,
    /// SPDX 2.3 JSON.
    Spdx,
}

/// `vulns` arguments.
#[derive(Debug, Args, Clone)]
pub struct VulnsArgs {
    /// What to scan (ignored for packages when --purl or --sbom is given).
    #[command(flatten)]
    pub target: TargetArgs,
    /// Check this package instead of the project's lockfiles, e.g. pkg:npm/lodash@4.17.20 (repeatable).
    #[arg(long = "purl", value_name = "PURL")]
    pub purls: Vec<String>,
    /// Check the packages of this CycloneDX or SPDX JSON SBOM instead of the lockfiles.
    #[arg(long, value_name = "FILE")]
    pub sbom: Option<PathBuf>,
}

/// `db` subcommands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download <mirror>/<Ecosystem>/all.zip and import it (atomic: a failure keeps the old database).
    Update {
        /// Mirror base URL (https://, http:// or file://) [default: the public OSV bucket].
        #[arg(long, value_name = "URL")]
        mirror: Option<String>,
        /// Ecosystem to update, as OSV names it (repeatable or comma-separated) [default: those in PATH].
        #[arg(long = "ecosystem", value_name = "NAME", value_delimiter = ',')]
        ecosystems: Vec<String>,
        /// Update every ecosystem trustward supports.
        #[arg(long, conflicts_with = "ecosystems")]
        all: bool,
        /// Project whose lockfiles decide the ecosystems.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// Import an OSV all.zip, a folder of OSV JSON files or one JSON file.
    Import {
        /// The zip, folder or file.
        path: PathBuf,
        /// Only import entries of these ecosystems [default: for `<Ecosystem>/all.zip`, that ecosystem; else all].
        #[arg(long = "ecosystem", value_name = "NAME", value_delimiter = ',')]
        ecosystems: Vec<String>,
    },
    /// Per ecosystem: advisories, when imported, from where; warns when old.
    Status {
        /// Warn when older than this many days [default: [vulns] max_age_days, else 7].
        #[arg(long, value_name = "DAYS")]
        max_age_days: Option<u32>,
    },
}

/// `trustward secrets` options.
#[derive(Debug, Args, Clone)]
pub struct SecretsArgs {
    /// Repository directory or single file to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Scan every blob reachable from every ref (the whole history) instead of the working tree.
    #[arg(long, conflicts_with_all = ["staged", "stdin", "all_files"])]
    pub git: bool,
    /// With --git: only history reachable from this ref or commit.
    #[arg(long, value_name = "REF", requires = "git")]
    pub branch: Option<String>,
    /// With --git: only commits made on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE", requires = "git")]
    pub since: Option<String>,
    /// With --git: only commits in A..B (reachable from B, not from A).
    #[arg(long, value_name = "A..B", requires = "git", conflicts_with = "branch")]
    pub commits: Option<String>,
    /// Scan only what is staged in the git index (for pre-commit hooks).
    #[arg(long, conflicts_with_all = ["stdin", "all_files"])]
    pub staged: bool,
    /// Scan standard input.
    #[arg(long, conflicts_with = "all_files")]
    pub stdin: bool,
    /// Scan every file under PATH, including ignored ones.
    #[arg(long)]
    pub all_files: bool,
    /// Load rules and allowlists from this gitleaks configuration file.
    #[arg(long, value_name = "FILE")]
    pub gitleaks_config: Option<PathBuf>,
}

/// `baseline` subcommands.
#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan PATH and record every current finding's fingerprint in FILE.
    Write {
        /// The baseline file to write.
        file: PathBuf,
        /// What to scan.
        #[command(flatten)]
        target: TargetArgs,
    },
}

/// `licenses` arguments.
#[derive(Debug, Args)]
pub struct LicensesArgs {
    /// Repository directory to read.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Ask the registries (crates.io, npm, PyPI, RubyGems, Packagist, NuGet, Maven Central,
    /// pub.dev) for licences the disk does not know; answers are cached.
    #[arg(long)]
    pub online: bool,
    /// Registry answer cache [default: ~/.cache/trustward/licenses].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// The scanned target.
#[derive(Debug, Args, Clone)]
pub struct TargetArgs {
    /// Repository directory or single file to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
}
