//! SPDX licence ids and expressions: the list of known ids (SPDX License List 3.27,
//! `spdx_ids.txt`, kept in sync with `shared/data/spdx/licenses.json` by a test), a
//! validator for declared expressions (`MIT OR Apache-2.0`), and the extraction of
//! `SPDX-License-Identifier:` lines.

use std::sync::OnceLock;

static IDS_TEXT: &str = include_str!("spdx_ids.txt");

fn ids() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| {
        let mut v: Vec<&str> = IDS_TEXT.lines().filter(|l| !l.is_empty()).collect();
        v.sort_unstable_by_key(|s| s.to_ascii_lowercase());
        v
    })
}

/// The canonical spelling of a known SPDX licence id, matched case-insensitively.
pub fn canonical_id(id: &str) -> Option<&'static str> {
    let ids = ids();
    let lower = id.to_ascii_lowercase();
    ids.binary_search_by(|probe| probe.to_ascii_lowercase().cmp(&lower))
        .ok()
        .and_then(|i| ids.get(i).copied())
}

/// Longest expression validated.
const MAX_EXPR_LEN: usize = 1024;

/// Validates an SPDX licence expression and returns it with ids in canonical spelling,
/// or why it is not one. Ids must be on the SPDX list (or `LicenseRef-…`); `WITH` takes
/// any exception name; operators are `AND`, `OR`, `WITH` (any case); parentheses nest.
pub fn validate_expression(expr: &str) -> Result<String, String> {
    let expr = expr.trim();
    if expr.is_empty() {
        return Err("empty licence expression".to_string());
    }
    if expr.len() > MAX_EXPR_LEN {
        return Err("licence expression too long".to_string());
    }
    let spaced = expr.replace('(', " ( ").replace(')', " ) ");
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    // What the grammar expects next: an operand (id or `(`) or an operator (or `)`).
    let mut want_operand = true;
    let mut after_with = false;
    for tok in spaced.split_whitespace() {
        let upper = tok.to_ascii_uppercase();
        if want_operand {
            if tok == "(" && !after_with {
                depth += 1;
                out.push("(".to_string());
                continue;
            }
            if matches!(upper.as_str(), "AND" | "OR" | "WITH") || tok == ")" || tok == "(" {
                return Err(format!("unexpected `{tok}` in `{expr}`"));
            }
            if after_with {
                out.push(tok.to_string());
            } else if let Some(canon) = operand(tok) {
                out.push(canon);
            } else {
                return Err(format!("`{tok}` is not an SPDX licence id"));
            }
            after_with = false;
            want_operand = false;
        } else {
            match upper.as_str() {
                ")" => {
                    depth -= 1;
                    if depth < 0 {
                        return Err(format!("unbalanced `)` in `{expr}`"));
                    }
                    out.push(")".to_string());
                }
                "AND" | "OR" => {
                    out.push(upper);
                    want_operand = true;
                }
                "WITH" => {
                    out.push(upper);
                    want_operand = true;
                    after_with = true;
                }
                _ => {
                    return Err(format!(
                        "expected AND, OR or WITH before `{tok}` in `{expr}`"
                    ));
                }
            }
        }
    }
    if want_operand || depth != 0 {
        return Err(format!("incomplete licence expression `{expr}`"));
    }
    Ok(out.join(" ").replace("( ", "(").replace(" )", ")"))
}

fn operand(tok: &str) -> Option<String> {
    if tok.starts_with("LicenseRef-") || tok.starts_with("DocumentRef-") {
        let ok = tok
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b));
        return ok.then(|| tok.to_string());
    }
    let (id, plus) = match tok.strip_suffix('+') {
        Some(i) => (i, "+"),
        None => (tok, ""),
    };
    canonical_id(id).map(|c| format!("{c}{plus}"))
}

/// The value of the first `SPDX-License-Identifier:` tag in `text` with its 1-based line.
pub fn identifier_line(text: &str) -> Option<(u32, String)> {
    const TAG: &str = "SPDX-License-Identifier:";
    for (i, line) in text.lines().take(10_000).enumerate() {
        if let Some(pos) = line.find(TAG) {
            let rest = line.get(pos + TAG.len()..).unwrap_or("");
            // Drop a closing comment marker (`*/`, `-->`).
            let value = rest
                .trim()
                .trim_end_matches("*/")
                .trim_end_matches("-->")
                .trim();
            if !value.is_empty() {
                return Some((crate::repo::line_no(i), value.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_known() {
        assert_eq!(canonical_id("mit"), Some("MIT"));
        assert_eq!(canonical_id("apache-2.0"), Some("Apache-2.0"));
        assert_eq!(canonical_id("NOPE-1.0"), None);
    }

    #[test]
    fn expressions() {
        assert_eq!(
            validate_expression("MIT OR Apache-2.0").unwrap(),
            "MIT OR Apache-2.0"
        );
        assert_eq!(
            validate_expression(
                "(mit or apache-2.0) and GPL-2.0-only WITH Classpath-exception-2.0"
            )
            .unwrap(),
            "(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0"
        );
        assert!(validate_expression("MIT/Apache-2.0").is_err());
        assert!(validate_expression("MIT OR").is_err());
        assert!(validate_expression("(MIT").is_err());
        assert!(validate_expression("MIT)").is_err());
        assert!(validate_expression("Proprietary").is_err());
        assert!(validate_expression("LicenseRef-Mine").is_ok());
        assert!(validate_expression("GPL-2.0+").is_ok());
    }

    #[test]
    fn identifier_lines() {
        let t = "// hello\n/* SPDX-License-Identifier: MIT OR Apache-2.0 */\n";
        assert_eq!(
            identifier_line(t),
            Some((2, "MIT OR Apache-2.0".to_string()))
        );
        assert_eq!(identifier_line("nothing"), None);
    }

    #[test]
    fn id_list_matches_shared_licenses_json() {
        let text = std::fs::read_to_string(crate::shared_data("spdx/licenses.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut from_json: Vec<&str> = v["licenses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["licenseId"].as_str().unwrap())
            .collect();
        from_json.sort_unstable();
        let mut ours: Vec<&str> = IDS_TEXT.lines().filter(|l| !l.is_empty()).collect();
        ours.sort_unstable();
        assert_eq!(ours, from_json);
    }
}
