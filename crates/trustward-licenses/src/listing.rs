//! `trustward licenses` output: a text listing and the JSON document.

use crate::analyzer::LicensesReport;
// Strings from the scanned tree are shown escaped, never sent raw to the terminal.
use trustward_core::escape::terminal_line;

/// The JSON document (`schema_version` 1, see docs/licenses.md).
pub fn to_json(r: &LicensesReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The text listing.
pub fn to_text(r: &LicensesReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "project licence: {}\n",
        r.project
            .license
            .as_deref()
            .map(terminal_line)
            .unwrap_or_else(|| "unknown".into())
    ));
    for f in &r.project.files {
        out.push_str(&format!(
            "  file      {}  {}  (score {:.2})\n",
            terminal_line(&f.path),
            f.license
                .as_deref()
                .map(terminal_line)
                .unwrap_or_else(|| "not identified".into()),
            f.score
        ));
    }
    for d in &r.project.declared {
        out.push_str(&format!(
            "  declared  {}  {}\n",
            terminal_line(&d.path),
            terminal_line(&d.expression)
        ));
    }
    let known = r.packages.iter().filter(|p| p.license.is_some()).count();
    out.push_str(&format!(
        "\n{} packages, {known} with a known licence, {} unknown\n",
        r.packages.len(),
        r.packages.len() - known
    ));
    let w_name = r
        .packages
        .iter()
        .map(|p| p.name.chars().count() + p.version.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .min(60);
    for p in &r.packages {
        let id = format!("{}@{}", terminal_line(&p.name), terminal_line(&p.version));
        let lic = match (&p.license, &p.invalid) {
            (Some(l), _) => terminal_line(l),
            (None, Some(raw)) => format!("invalid: {}", terminal_line(raw)),
            (None, None) => "unknown".into(),
        };
        out.push_str(&format!(
            "  {:<10} {:<w_name$}  {:<28}  {}\n",
            terminal_line(&p.ecosystem),
            id,
            lic,
            p.source.as_deref().map(terminal_line).unwrap_or_default()
        ));
    }
    if let Some(o) = &r.online {
        out.push_str(&format!(
            "\nregistries: {} requests, {} answers from the cache, {} licences filled\n",
            o.requests, o.cached, o.filled
        ));
    }
    for e in &r.errors {
        out.push_str(&format!(
            "error: {}: {}\n",
            terminal_line(&e.path),
            terminal_line(&e.message)
        ));
    }
    out
}
