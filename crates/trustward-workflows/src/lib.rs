//! The `workflows` analyzer: CI/CD hardening for GitHub Actions workflows, composite and
//! docker actions, Dependabot configuration and Dockerfiles.
//!
//! It owns a spanned YAML layer ([`yaml`]), GitHub expression handling ([`expr`]), typed
//! workflow/action models ([`model`]), a Dockerfile parser ([`dockerfile`]) and one module
//! per rule ([`rules`]). It knows nothing about vulnerability databases: [`uses::references`]
//! lists every `uses:` so the caller can match them against advisories.

pub mod actions;
pub mod analyzer;
pub mod discover;
pub mod dockerfile;
pub mod expr;
pub mod fuzz;
pub mod maturity;
pub mod model;
pub mod rules;
pub mod settings;
pub mod uses;
pub mod yaml;

pub use actions::{ActionUse, actions_in};
pub use analyzer::{WorkflowsAnalyzer, scan_file};
pub use settings::Settings;
pub use uses::{UsesRef, references};
