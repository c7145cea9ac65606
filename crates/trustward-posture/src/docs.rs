//! The rule reference of `docs/analyzers/posture.md`, generated from the rules' own
//! documentation so the page cannot drift from what `trustward explain` prints (a test
//! checks the page is current).

use crate::checks;
use std::fmt::Write;

/// Marker line after which the page is generated.
pub const MARKER: &str = "<!-- Everything below is generated from the rules: run `TRUSTWARD_UPDATE_DOCS=1 cargo test -p trustward-posture --test posture docs` to refresh. -->";

/// The Markdown rule reference: one section per rule, grouped by check.
pub fn rule_reference() -> String {
    let mut s = String::new();
    for check in checks::ALL {
        for r in check.rules {
            let _ = writeln!(s, "### `{}`\n", r.id);
            let _ = writeln!(s, "**{}**\n", r.title);
            let _ = writeln!(
                s,
                "Severity **{}** · confidence {} · practice `{}` · level `{}` · OSPS Baseline {}\n",
                r.severity,
                r.confidence,
                r.practice,
                r.level,
                r.controls
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(s, "{}\n", r.description.trim());
            let _ = writeln!(s, "*Why it matters.* {}\n", r.why.trim());
            let _ = writeln!(s, "*How to fix.* {}\n", r.fix.trim());
            let details = r.fix_details.trim();
            if !details.contains("Bad") {
                let _ = writeln!(
                    s,
                    "Bad: the file does not exist (or, where stated above, exists but is empty).\n"
                );
                let _ = writeln!(s, "Good:\n");
            }
            let _ = writeln!(s, "{details}\n");
            let _ = writeln!(s, "References:\n");
            for reference in r.references {
                let _ = writeln!(s, "- <{reference}>");
            }
            s.push('\n');
        }
    }
    s
}
