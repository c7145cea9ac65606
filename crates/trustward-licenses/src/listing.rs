//! `trustward licenses` output: a text listing and the JSON document.

use crate::analyzer::LicensesReport;

/// Control characters from the scanned tree are shown escaped, never sent to the terminal.
fn clean(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

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
            .map(clean)
            .unwrap_or_else(|| "unknown".into())
    ));
    for f in &r.project.files {
        out.push_str(&format!(
            "  file      {}  {}  (score {:.2})\n",
            clean(&f.path),
            f.license
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "not identified".into()),
            f.score
        ));
    }
    for d in &r.project.declared {
        out.push_str(&format!(
            "  declared  {}  {}\n",
            clean(&d.path),
            clean(&d.expression)
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
        let id = format!("{}@{}", clean(&p.name), clean(&p.version));
        let lic = match (&p.license, &p.invalid) {
            (Some(l), _) => clean(l),
            (None, Some(raw)) => format!("invalid: {}", clean(raw)),
            (None, None) => "unknown".into(),
        };
        out.push_str(&format!(
            "  {:<10} {:<w_name$}  {:<28}  {}\n",
            clean(&p.ecosystem),
            id,
            lic,
            p.source.as_deref().map(clean).unwrap_or_default()
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
            clean(&e.path),
            clean(&e.message)
        ));
    }
    out
}
