//! The shared language of trustward: what a rule is, what a finding is, how an analyzer
//! plugs in, how `trustward.toml` is read, and how suppressions, the baseline and the
//! policy gate turn raw findings into a verdict.
//!
//! This crate owns no analysis of its own and knows nothing about lockfiles, secrets,
//! workflows or output formats: analyzers depend on it, renderers read its [`Report`].

#![warn(missing_docs)]

pub mod analyzer;
pub mod baseline;
pub mod config;
pub mod engine;
pub mod escape;
pub mod files;
pub mod finding;
pub mod fingerprint;
pub mod git;
pub mod maturity;
pub mod osps;
pub mod policy;
pub mod report;
pub mod rule;
pub mod severity;
pub mod suppress;

pub use analyzer::{Analyzer, AnalyzerOutput, AnalyzerStatus, ScanContext, ScanError};
pub use config::{Config, ConfigError};
pub use finding::{Finding, Location, Suppression, SuppressionKind};
pub use report::{Report, Summary};
pub use rule::{Level, Practice, Rule, RuleRegistry};
pub use severity::{Confidence, FailOn, Severity};
