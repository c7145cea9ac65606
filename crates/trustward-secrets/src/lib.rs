//! trustward's secrets scanner.
//!
//! Owns the secret rules (built-in ones written from providers' documented token formats,
//! and user rules in gitleaks' configuration format), the matching engine (keyword
//! prefilter, regex, entropy, allowlists) and the sources it reads: working-tree files,
//! archives in memory, the git index (staged changes), standard input and every blob of
//! the git history. It knows nothing about output formats or other analyzers.

pub mod allow;
pub mod analyzer;
pub mod archive;
pub mod engine;
pub mod entropy;
pub mod gitleaks;
pub mod history;
pub mod redact;
pub mod rules;
pub mod scan;
pub mod settings;
pub mod staged;

pub use analyzer::{Options, SecretsAnalyzer, Source};
pub mod docs;
