//! Inline suppressions: `trustward:ignore[RULE] reason` on the finding's line or the line
//! above it. Several rules may be listed, separated by commas; `analyzer/*` covers every
//! rule of an analyzer.

/// One parsed inline suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineIgnore {
    /// Rule ids or `analyzer/*` patterns it names.
    pub rules: Vec<String>,
    /// The text after the closing bracket (may be empty).
    pub reason: String,
}

impl InlineIgnore {
    /// Whether it covers `rule_id`.
    pub fn covers(&self, rule_id: &str) -> bool {
        self.rules.iter().any(|r| rule_matches(r, rule_id))
    }
}

/// Whether a rule pattern (an id, or `analyzer/*`) matches a rule id.
pub fn rule_matches(pattern: &str, rule_id: &str) -> bool {
    match pattern.strip_suffix("/*") {
        Some(prefix) => rule_id.split_once('/').is_some_and(|(a, _)| a == prefix),
        None => pattern == rule_id,
    }
}

/// Parses every `trustward:ignore[...]` marker on a line.
pub fn parse_line(line: &str) -> Option<InlineIgnore> {
    const MARKER: &str = "trustward:ignore[";
    let start = line.find(MARKER)? + MARKER.len();
    let rest = &line[start..];
    let end = rest.find(']')?;
    let rules: Vec<String> = rest[..end]
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if rules.is_empty() {
        return None;
    }
    let reason = rest[end + 1..]
        .trim()
        .trim_end_matches("-->")
        .trim_end_matches("*/")
        .trim()
        .to_string();
    Some(InlineIgnore { rules, reason })
}

/// The inline suppression covering `rule_id` at 1-based `line` of `text` (that line or
/// the one above), if any.
pub fn find(text: &str, line: u32, rule_id: &str) -> Option<InlineIgnore> {
    let idx = line.checked_sub(1)? as usize;
    let mut lines = text.lines().skip(idx.saturating_sub(1));
    let above = if idx > 0 { lines.next() } else { None };
    let this = lines.next();
    [this, above]
        .into_iter()
        .flatten()
        .filter_map(parse_line)
        .find(|s| s.covers(rule_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markers() {
        let s = parse_line("key = 1 # trustward:ignore[secrets/generic, posture/*] test fixture")
            .unwrap();
        assert_eq!(s.rules, vec!["secrets/generic", "posture/*"]);
        assert_eq!(s.reason, "test fixture");
        assert!(s.covers("posture/x") && s.covers("secrets/generic") && !s.covers("secrets/other"));
        assert!(parse_line("trustward:ignore[] x").is_none());
        assert!(
            parse_line("<!-- trustward:ignore[a/b] why -->")
                .unwrap()
                .reason
                == "why"
        );
    }

    #[test]
    fn line_or_line_above() {
        let text = "a\n# trustward:ignore[x/y] ok\nb\nc # trustward:ignore[x/z]\n";
        assert!(find(text, 3, "x/y").is_some());
        assert!(find(text, 2, "x/y").is_some());
        assert!(find(text, 4, "x/y").is_none());
        assert!(find(text, 4, "x/z").is_some());
        assert!(find(text, 1, "x/y").is_none());
        assert!(find(text, 0, "x/y").is_none());
    }
}
