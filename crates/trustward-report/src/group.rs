//! Grouping of many findings of one kind for human output: within a severity, a rule
//! with more than [`GROUP_THRESHOLD`] findings is shown once, then per file with its
//! lines, instead of one entry per finding. JSON and SARIF always list every finding.

use trustward_core::Finding;

/// A rule with more findings than this (in one severity) is grouped.
pub const GROUP_THRESHOLD: usize = 5;

/// Files listed per group (the rest are counted).
pub const GROUP_MAX_FILES: usize = 20;

/// Lines listed per file (the rest are counted).
pub const GROUP_MAX_LINES: usize = 10;

/// One item of a severity section: a single finding or a rule's group.
pub enum Item<'a> {
    /// Shown as usual.
    Single(&'a Finding),
    /// Every finding of one rule, by file (paths sorted, findings in report order).
    Group {
        /// The first finding (the rule, its title and fix).
        first: &'a Finding,
        /// How many findings.
        count: usize,
        /// `(path, lines)`; lines are empty for repository-level findings.
        files: Vec<(String, Vec<u32>)>,
    },
}

/// The items of one severity's findings, in the order of each rule's first finding.
pub fn items<'a>(findings: &[&'a Finding]) -> Vec<Item<'a>> {
    let mut by_rule: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in findings {
        *by_rule.entry(f.rule.id).or_default() += 1;
    }
    let mut out = Vec::new();
    let mut done: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for f in findings {
        let n = by_rule[f.rule.id];
        if n <= GROUP_THRESHOLD {
            out.push(Item::Single(f));
            continue;
        }
        if !done.insert(f.rule.id) {
            continue;
        }
        let mut files: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
        for g in findings.iter().filter(|g| g.rule.id == f.rule.id) {
            let path = match g.location.path.as_deref() {
                None | Some("") | Some(".") => "(repository)".to_string(),
                Some(p) => p.to_string(),
            };
            let lines = files.entry(path).or_default();
            if let Some(l) = g.location.line {
                lines.push(l);
            }
        }
        let files = files
            .into_iter()
            .map(|(p, mut l)| {
                l.sort_unstable();
                (p, l)
            })
            .collect();
        out.push(Item::Group {
            first: f,
            count: n,
            files,
        });
    }
    out
}

/// `lines 3, 7, 12 (+4 more)`, or an empty string.
pub fn lines_text(lines: &[u32]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = lines
        .iter()
        .take(GROUP_MAX_LINES)
        .map(u32::to_string)
        .collect();
    let more = lines.len().saturating_sub(GROUP_MAX_LINES);
    let word = if lines.len() == 1 { "line" } else { "lines" };
    if more > 0 {
        format!("{word} {} (+{more} more)", shown.join(", "))
    } else {
        format!("{word} {}", shown.join(", "))
    }
}
