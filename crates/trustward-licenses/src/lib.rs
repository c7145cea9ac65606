//! Licence compliance. Owns: identifying the project's licence by full-text matching
//! ([`identify`]), reading and evaluating SPDX expressions ([`expression`]), licence
//! categories ([`category`]), each dependency's licence from what is on disk or, on
//! request, from registries ([`sources`], [`online`]), the `[licenses]` policy
//! ([`policy`]) and the `licenses` analyzer ([`analyzer`]).
//!
//! Must not know about advisories, secrets or workflows. The one licence engine of
//! trustward: the posture crate asks it, never keeps a second one.

pub mod analyzer;
pub mod category;
pub mod expression;
pub mod identify;
pub mod online;
pub mod policy;
pub mod project;
pub mod sources;

pub use analyzer::{LicenseOptions, LicensesAnalyzer, LicensesReport};
pub mod listing;
