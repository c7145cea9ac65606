//! Renders a [`Report`] for people and machines: text, JSON, SARIF 2.1.0 and Markdown.
//!
//! Renderers only format: they never re-run analysis, change the verdict, or redact
//! (redaction is the analyzers' job). Every renderer is a pure function of the report, so
//! the same report always gives the same bytes. Text and Markdown make hostile strings
//! from the scanned repository (paths, messages) inert before printing them.
//!
//! The formats are documented for users in `docs/output.md`.

mod escape;
mod group;
mod html;
mod json;
mod markdown;
mod maturity;
mod sarif;
mod text;
mod verdict;

use trustward_core::Report;
use trustward_core::rule::RuleRegistry;

pub use group::GROUP_THRESHOLD;
pub use html::{HTML_MAX_FINDINGS, badge};
pub use json::{JSON_SCHEMA_VERSION, controls_json};
pub use markdown::{MARKDOWN_MAX_BYTES, MARKDOWN_MAX_FINDINGS};
pub use maturity::{catalogue_markdown, controls_markdown, controls_text, matrix_text};
pub use sarif::{REPOSITORY_LEVEL_URI, SARIF_SCHEMA_URI};

/// An output format of `audit` (and the other scan commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable, grouped by severity.
    Text,
    /// The stable JSON document (schema_version 1).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// A compact Markdown report for pull-request comments.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// Options that change how a report looks, never what it says.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// ANSI colours in text output.
    pub color: bool,
    /// More detail (e.g. every suppressed finding in text output).
    pub verbose: bool,
}

/// Renders `report` in `format`; `registry` supplies rule docs for SARIF.
///
/// The result always ends with a newline.
pub fn render(
    report: &Report,
    registry: &RuleRegistry,
    format: Format,
    opts: &RenderOptions,
) -> String {
    match format {
        Format::Text => text::render(report, opts),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, registry),
        Format::Markdown => markdown::render(report, opts),
        Format::Html => html::render(report),
    }
}
