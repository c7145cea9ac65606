//! The rule table of `docs/secrets.md`, generated from the built-in rules so the page
//! cannot drift (a test compares them; `TRUSTWARD_BLESS=1` rewrites the page).

use crate::rules::defs;

/// Marker before the generated table.
pub const START: &str = "<!-- rules:start (generated from crates/trustward-secrets/rules/*.toml; run `TRUSTWARD_BLESS=1 cargo test -p trustward-secrets --test docs`) -->";
/// Marker after it.
pub const END: &str = "<!-- rules:end -->";

/// The Markdown table of every built-in rule.
pub fn rules_table() -> String {
    let mut s = format!(
        "{} built-in rules, plus `secrets/custom-rule` for rules from a gitleaks configuration.\n\n\
| id | finds | severity | confidence | keywords | entropy ≥ | file | format reference |\n|---|---|---|---|---|---|---|---|\n",
        defs().len()
    );
    for d in defs() {
        s.push_str(&format!(
            "| `secrets/{}` | {} | {} | {} | {} | {} | {} | {} |\n",
            d.id,
            d.title.replace('|', "\\|"),
            d.severity,
            d.confidence,
            d.keywords
                .iter()
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" "),
            d.entropy
                .map(|e| e.to_string())
                .unwrap_or_else(|| "–".into()),
            d.file,
            d.references
                .iter()
                .map(|r| format!("<{r}>"))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    s
}

/// `page` with the text between the markers replaced by the current table.
pub fn splice(page: &str) -> Option<String> {
    let a = page.find(START)? + START.len();
    let b = page.find(END)?;
    (a <= b).then(|| format!("{}\n\n{}\n{}", &page[..a], rules_table(), &page[b..]))
}
