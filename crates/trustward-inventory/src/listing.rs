//! The `trustward deps` listing: the JSON document (schema_version 1) and the text table.

use crate::model::{Inventory, Package, SourceFile};
use serde::Serialize;
use trustward_core::ScanError;

/// Version of the `deps` JSON document.
pub const SCHEMA_VERSION: u32 = 1;

/// The `deps --format json` document.
#[derive(Debug, Serialize)]
pub struct DepsDocument<'a> {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Every package, sorted.
    pub packages: &'a [Package],
    /// Every file read.
    pub sources: &'a [SourceFile],
    /// Files that could not be read or parsed.
    pub errors: &'a [ScanError],
}

/// Renders the JSON document (pretty, with a trailing newline).
pub fn to_json(inv: &Inventory) -> String {
    let doc = DepsDocument {
        schema_version: SCHEMA_VERSION,
        packages: &inv.packages,
        sources: &inv.sources,
        errors: &inv.errors,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

use trustward_core::escape::terminal_line as esc;

/// Renders a text table: one package per row, then the files read and the errors (every
/// string from the scanned files escaped: a package name cannot drive the terminal).
pub fn to_text(inv: &Inventory) -> String {
    let header = ["ECOSYSTEM", "NAME", "VERSION", "SCOPE", "DIRECT", "SOURCE"];
    let rows: Vec<[String; 6]> = inv
        .packages
        .iter()
        .map(|p| {
            // Names, versions and paths come from the scanned files: escaped.
            [
                p.ecosystem.as_str().to_string(),
                esc(&p.name),
                esc(&p.version),
                format!("{:?}", p.scope).to_lowercase(),
                match p.direct {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => "?".into(),
                },
                match p.source.line {
                    Some(l) => format!("{}:{l}", esc(&p.source.path)),
                    None => esc(&p.source.path),
                },
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                l.push_str(&format!("{c:<w$}  "));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    if !rows.is_empty() {
        line(&header);
        for r in &rows {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            line(&cells);
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{} package{} from {} file{}\n",
        inv.packages.len(),
        if inv.packages.len() == 1 { "" } else { "s" },
        inv.sources.len(),
        if inv.sources.len() == 1 { "" } else { "s" },
    ));
    for s in &inv.sources {
        out.push_str(&format!(
            "  {} ({}): {}\n",
            esc(&s.path),
            esc(&s.format),
            s.packages
        ));
    }
    if !inv.errors.is_empty() {
        out.push_str(&format!("{} error(s):\n", inv.errors.len()));
        for e in &inv.errors {
            out.push_str(&format!("  {}: {}\n", esc(&e.path), esc(&e.message)));
        }
    }
    out
}
