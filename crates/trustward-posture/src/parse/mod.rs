//! Parsers for the policy files the checks read: each turns text into a typed model with
//! line/column spans and never panics on hostile input.

pub mod codeowners;
pub mod license_id;
pub mod security_txt;
pub mod spdx;
