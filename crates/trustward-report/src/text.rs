//! The text report (`--format text`): findings grouped by severity (critical first), each
//! with its location and a one-line fix; then errors, warnings, analyzers that did not
//! check, the counts, and the policy verdict as the very last line.

use crate::RenderOptions;
use crate::escape::terminal;
use crate::verdict::{self, count};
use trustward_core::{Finding, Report, Severity};

/// ANSI styling that is a no-op without colour.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity, text: &str) -> String {
        let code = match s {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.paint(code, text)
    }

    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }

    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

const INDENT: &str = "    ";

fn push_finding(out: &mut String, st: &Style, f: &Finding) {
    out.push_str(&format!(
        "  {} {}  {}\n",
        st.severity(f.severity, &format!("[{}]", f.severity)),
        st.bold(f.rule.id),
        terminal(&verdict::location(&f.location), INDENT),
    ));
    let message = if f.message.trim().is_empty() {
        f.rule.title
    } else {
        f.message.trim_end()
    };
    out.push_str(&format!("{INDENT}{}\n", terminal(message, INDENT)));
    if let Some(s) = &f.suppressed {
        let expires = s
            .expires
            .as_deref()
            .map(|e| format!(", expires {e}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{INDENT}{}\n",
            st.dim(&format!(
                "suppressed ({}{expires}): {}",
                s.kind.as_str(),
                terminal(&verdict::one_line(&s.reason), INDENT)
            ))
        ));
    } else {
        // The first line is the advice; following lines (a fixed snippet) are shown
        // indented, up to a bound, so a long remediation cannot flood the report.
        let mut lines = f.remediation_text().trim_end().lines();
        let first = lines.next().unwrap_or_default();
        out.push_str(&format!(
            "{INDENT}{} {}\n",
            st.paint("32", "fix:"),
            terminal(&verdict::one_line(first), INDENT)
        ));
        let rest: Vec<&str> = lines.collect();
        for line in rest.iter().take(MAX_FIX_LINES) {
            out.push_str(&format!(
                "{INDENT}     {}\n",
                terminal(line.trim_end(), INDENT)
            ));
        }
        if rest.len() > MAX_FIX_LINES {
            out.push_str(&format!("{INDENT}     …\n"));
        }
    }
}

/// A rule with many findings: once, then per file with its lines.
fn push_group(
    out: &mut String,
    st: &Style,
    f: &Finding,
    count: usize,
    files: &[(String, Vec<u32>)],
) {
    out.push_str(&format!(
        "  {} {}  {} findings in {} file(s) (grouped; -v or JSON/SARIF list each)\n",
        st.severity(f.severity, &format!("[{}]", f.severity)),
        st.bold(f.rule.id),
        count,
        files.len()
    ));
    out.push_str(&format!("{INDENT}{}\n", terminal(f.rule.title, INDENT)));
    for (path, lines) in files.iter().take(crate::group::GROUP_MAX_FILES) {
        let l = crate::group::lines_text(lines);
        let sep = if l.is_empty() { "" } else { ": " };
        out.push_str(&format!("{INDENT}  {}{sep}{l}\n", terminal(path, INDENT)));
    }
    if files.len() > crate::group::GROUP_MAX_FILES {
        out.push_str(&format!(
            "{INDENT}  … and {} more file(s)\n",
            files.len() - crate::group::GROUP_MAX_FILES
        ));
    }
    let first = f
        .remediation_text()
        .trim()
        .lines()
        .next()
        .unwrap_or_default();
    out.push_str(&format!(
        "{INDENT}{} {}\n",
        st.paint("32", "fix:"),
        terminal(&verdict::one_line(first), INDENT)
    ));
}

/// Lines of a multi-line remediation (after the first) shown under a finding.
const MAX_FIX_LINES: usize = 12;

/// Renders the text report.
pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let st = Style { color: opts.color };
    let mut out = String::new();

    let active: Vec<&Finding> = report.active().collect();
    if active.is_empty() {
        out.push_str("No findings.\n");
    }
    for sev in Severity::ALL_DESC {
        let group: Vec<&&Finding> = active.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({})\n",
            st.severity(sev, &sev.as_str().to_uppercase()),
            group.len()
        ));
        let group: Vec<&Finding> = group.into_iter().copied().collect();
        if opts.verbose {
            for f in group {
                push_finding(&mut out, &st, f);
            }
            continue;
        }
        for item in crate::group::items(&group) {
            match item {
                crate::group::Item::Single(f) => push_finding(&mut out, &st, f),
                crate::group::Item::Group {
                    first,
                    count,
                    files,
                } => push_group(&mut out, &st, first, count, &files),
            }
        }
    }

    let suppressed: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_some())
        .collect();
    if !suppressed.is_empty() {
        out.push('\n');
        if opts.verbose {
            out.push_str(&format!(
                "{} ({})\n",
                st.dim("SUPPRESSED"),
                suppressed.len()
            ));
            for f in suppressed {
                push_finding(&mut out, &st, f);
            }
        } else {
            out.push_str(&format!(
                "{} suppressed (inline comments, [[ignore]] entries or the baseline); -v lists them\n",
                count(suppressed.len(), "finding", "findings")
            ));
        }
    }

    if !report.errors.is_empty() {
        out.push_str(&format!(
            "\n{} ({}): files that could not be read or parsed\n",
            st.paint("31", "ERRORS"),
            report.errors.len()
        ));
        for e in &report.errors {
            let path = if e.path.is_empty() { "(scan)" } else { &e.path };
            out.push_str(&format!(
                "  {}: {}\n",
                terminal(path, INDENT),
                terminal(&e.message, INDENT)
            ));
        }
    }

    let warnings = verdict::other_warnings(report);
    if !warnings.is_empty() {
        out.push_str(&format!(
            "\n{} ({})\n",
            st.paint("33", "WARNINGS"),
            warnings.len()
        ));
        for w in warnings {
            out.push_str(&format!("  {}\n", terminal(w, INDENT)));
        }
    }

    let not_checked: Vec<(&str, &str)> = report.not_checked().collect();
    if !not_checked.is_empty() {
        out.push_str(&format!(
            "\n{} — these areas were NOT checked; this is not a pass\n",
            st.paint("1;33", "NOT CHECKED")
        ));
        for (name, reason) in not_checked {
            out.push_str(&format!(
                "  {}: not checked ({})\n",
                st.bold(name),
                terminal(reason, INDENT)
            ));
        }
    }

    let incomplete: Vec<(&str, &[String])> = report.incomplete().collect();
    if !incomplete.is_empty() {
        out.push_str(&format!(
            "\n{} — these analyzers could not read all of their input; this is not a pass\n",
            st.paint("1;33", "INCOMPLETE")
        ));
        for (name, unread) in incomplete {
            out.push_str(&format!("  {}: could not read:\n", st.bold(name)));
            for u in unread.iter().take(20) {
                out.push_str(&format!("{INDENT}{}\n", terminal(u, INDENT)));
            }
            if unread.len() > 20 {
                out.push_str(&format!("{INDENT}… and {} more\n", unread.len() - 20));
            }
        }
    }

    out.push('\n');
    out.push_str(&crate::maturity::matrix_text(report));
    if !report.maturity.is_empty() {
        out.push('\n');
    }
    let sev_counts: Vec<String> = crate::json::severity_counts(report)
        .into_iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    out.push_str(&format!(
        "summary: {} ({}) · {} suppressed · {}\n",
        count(active.len(), "finding", "findings"),
        sev_counts.join(", "),
        report.summary.suppressed,
        count(report.errors.len(), "error", "errors"),
    ));
    if !report.contributors.is_empty() {
        out.push_str("contributors in the history window (commits, first commit):\n");
        for c in &report.contributors {
            out.push_str(&format!(
                "  {:>5}  {}  {} <{}>{}\n",
                c.commits,
                terminal(&c.first_commit, ""),
                terminal(&c.name, ""),
                terminal(&c.email, ""),
                if c.first_time { "  (first-time)" } else { "" }
            ));
        }
    }
    if !report.analyzers.is_empty() {
        let analyzers: Vec<String> = report
            .analyzers
            .iter()
            .map(|a| {
                let status = match &a.status {
                    trustward_core::AnalyzerStatus::Checked => report
                        .summary
                        .by_analyzer
                        .get(&a.name)
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                    trustward_core::AnalyzerStatus::NotChecked { .. } => "not checked".into(),
                    trustward_core::AnalyzerStatus::NotApplicable => "not applicable".into(),
                    trustward_core::AnalyzerStatus::Incomplete { .. } => "INCOMPLETE".into(),
                };
                format!("{} {status}", a.name)
            })
            .collect();
        out.push_str(&format!("analyzers: {}\n", analyzers.join(", ")));
    }
    let v = verdict::verdict(report);
    let v = if verdict::failed(report) {
        st.paint("1;31", &v)
    } else {
        st.paint("1;32", &v)
    };
    out.push_str(&format!("policy: {v}\n"));
    out
}
