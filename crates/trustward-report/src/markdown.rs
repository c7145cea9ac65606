//! The Markdown report (`--format markdown`), sized for a pull-request comment: the
//! verdict, two summary tables, analyzers that did not check, and one collapsible section
//! per severity. Every string from the scanned repository is escaped, and the listed
//! findings are capped so the comment stays well under GitHub's 65 536-character limit.

use crate::RenderOptions;
use crate::escape::{markdown as esc, truncate};
use crate::verdict::{self, count};
use trustward_core::{AnalyzerStatus, Finding, Report, Severity};

/// At most this many findings are listed; the rest are counted ("and N more").
pub const MARKDOWN_MAX_FINDINGS: usize = 200;

/// Listing (of findings, errors and warnings) stops once the report reaches this many
/// bytes; the rest are counted. One more item plus the closing lines can follow, so the
/// whole comment stays below GitHub's 65 536-character limit even for worst-case input.
pub const MARKDOWN_MAX_BYTES: usize = 45_000;

/// Longest message (in characters, before escaping) listed for one finding.
const MAX_MESSAGE: usize = 300;
/// Longest path or one-line fix (in characters, before escaping).
const MAX_SHORT: usize = 200;
/// Errors and warnings listed at most.
const MAX_NOTES: usize = 20;

fn severity_title(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

fn finding_item(f: &Finding) -> String {
    let message = if f.message.trim().is_empty() {
        f.rule.title
    } else {
        f.message.trim()
    };
    let mut s = format!(
        "- **{}** · {} — {}",
        esc(f.rule.id),
        esc(&truncate(&verdict::location(&f.location), MAX_SHORT)),
        esc(&truncate(message, MAX_MESSAGE)),
    );
    match &f.suppressed {
        Some(sup) => s.push_str(&format!(
            "<br>suppressed ({}): {}",
            sup.kind.as_str(),
            esc(&truncate(&verdict::one_line(&sup.reason), MAX_SHORT))
        )),
        None => s.push_str(&format!(
            "<br>fix: {}",
            esc(&truncate(
                &verdict::one_line(f.remediation_text()),
                MAX_SHORT
            ))
        )),
    }
    s.push('\n');
    s
}

/// A rule with many findings, once, with its files (grouped; JSON and SARIF list each).
fn group_item(f: &Finding, count: usize, files: &[(String, Vec<u32>)]) -> String {
    let mut s = format!(
        "- **{}** — {count} findings in {} file(s): {}",
        esc(f.rule.id),
        files.len(),
        esc(f.rule.title)
    );
    for (path, lines) in files.iter().take(crate::group::GROUP_MAX_FILES) {
        let l = crate::group::lines_text(lines);
        let sep = if l.is_empty() { "" } else { ": " };
        s.push_str(&format!(
            "<br>· {}{sep}{l}",
            esc(&truncate(path, MAX_SHORT))
        ));
    }
    if files.len() > crate::group::GROUP_MAX_FILES {
        s.push_str(&format!(
            "<br>· … and {} more file(s)",
            files.len() - crate::group::GROUP_MAX_FILES
        ));
    }
    s.push_str(&format!(
        "<br>fix: {}\n",
        esc(&truncate(
            &verdict::one_line(f.remediation_text()),
            MAX_SHORT
        ))
    ));
    s
}

/// Appends a collapsible section listing `items` within the shared budget; returns how
/// many were listed.
fn section(out: &mut String, summary: &str, items: &[&Finding], budget: &mut usize) -> usize {
    out.push_str(&format!(
        "<details><summary>{summary} ({})</summary>\n\n",
        items.len()
    ));
    let mut listed = 0;
    for item in crate::group::items(items) {
        if *budget == 0 || out.len() >= MARKDOWN_MAX_BYTES {
            break;
        }
        match item {
            crate::group::Item::Single(f) => {
                out.push_str(&finding_item(f));
                listed += 1;
            }
            crate::group::Item::Group {
                first,
                count,
                files,
            } => {
                out.push_str(&group_item(first, count, &files));
                listed += count;
            }
        }
        *budget -= 1;
    }
    if listed < items.len() {
        out.push_str(&format!(
            "- … and {} more (see the JSON or SARIF report)\n",
            items.len() - listed
        ));
    }
    out.push_str("\n</details>\n\n");
    listed
}

fn notes(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<details><summary>{title} ({})</summary>\n\n",
        items.len()
    ));
    let mut listed = 0;
    for i in items.iter().take(MAX_NOTES) {
        if out.len() >= MARKDOWN_MAX_BYTES {
            break;
        }
        out.push_str(&format!("- {}\n", esc(&truncate(i, MAX_MESSAGE))));
        listed += 1;
    }
    if listed < items.len() {
        out.push_str(&format!("- … and {} more\n", items.len() - listed));
    }
    out.push_str("\n</details>\n\n");
}

/// Renders the Markdown report.
pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let failed = verdict::failed(report);
    out.push_str(&format!(
        "### {} trustward: policy {}\n\n",
        if failed { "❌" } else { "✅" },
        esc(&verdict::verdict(report))
    ));

    let active: Vec<&Finding> = report.active().collect();
    out.push_str(&format!(
        "{} · {} suppressed · {} · target {}{}\n\n",
        count(active.len(), "finding", "findings"),
        report.summary.suppressed,
        count(report.errors.len(), "error", "errors"),
        esc(&truncate(&report.target.path, MAX_SHORT)),
        report
            .target
            .git_head
            .as_deref()
            .map(|h| format!(" at {}", esc(&h.chars().take(12).collect::<String>())))
            .unwrap_or_default(),
    ));

    out.push_str(&crate::maturity::matrix_markdown(report));

    out.push_str("| severity | findings |\n|---|---:|\n");
    for (sev, n) in crate::json::severity_counts(report) {
        out.push_str(&format!("| {sev} | {n} |\n"));
    }
    out.push('\n');

    if !report.analyzers.is_empty() {
        out.push_str("| analyzer | status | findings |\n|---|---|---:|\n");
        for a in &report.analyzers {
            let status = match &a.status {
                AnalyzerStatus::Checked => "checked",
                AnalyzerStatus::NotChecked { .. } => "⚠️ **not checked**",
                AnalyzerStatus::NotApplicable => "not applicable",
                AnalyzerStatus::Incomplete { .. } => "⚠️ **incomplete**",
            };
            let n = report
                .summary
                .by_analyzer
                .get(&a.name)
                .copied()
                .unwrap_or(0);
            out.push_str(&format!("| {} | {status} | {n} |\n", esc(&a.name)));
        }
        out.push('\n');
    }

    if !report.contributors.is_empty() {
        out.push_str(
            "| contributor | commits in window | first commit | first-time |\n|---|---|---|---|\n",
        );
        for c in &report.contributors {
            out.push_str(&format!(
                "| {} &lt;{}&gt; | {} | {} | {} |\n",
                esc(&c.name),
                esc(&c.email),
                c.commits,
                esc(&c.first_commit),
                if c.first_time { "yes" } else { "no" }
            ));
        }
        out.push('\n');
    }

    let not_checked: Vec<(&str, &str)> = report.not_checked().collect();
    if !not_checked.is_empty() {
        out.push_str("**Not checked** (this is not a pass):\n\n");
        for (name, reason) in not_checked {
            out.push_str(&format!(
                "- **{}**: {}\n",
                esc(name),
                esc(&truncate(reason, MAX_MESSAGE))
            ));
        }
        out.push('\n');
    }

    let incomplete: Vec<(&str, &[String])> = report.incomplete().collect();
    if !incomplete.is_empty() {
        out.push_str("**Incomplete** (input that could not be read; this is not a pass):\n\n");
        for (name, unread) in incomplete {
            let shown: Vec<String> = unread
                .iter()
                .take(20)
                .map(|u| esc(&truncate(u, MAX_SHORT)))
                .collect();
            let more = unread.len().saturating_sub(shown.len());
            out.push_str(&format!(
                "- **{}**: {}{}\n",
                esc(name),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        out.push('\n');
    }

    let mut budget = MARKDOWN_MAX_FINDINGS;
    for sev in Severity::ALL_DESC {
        let group: Vec<&Finding> = active
            .iter()
            .copied()
            .filter(|f| f.severity == sev)
            .collect();
        if !group.is_empty() {
            section(&mut out, severity_title(sev), &group, &mut budget);
        }
    }
    if opts.verbose {
        let suppressed: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .collect();
        if !suppressed.is_empty() {
            section(&mut out, "Suppressed", &suppressed, &mut budget);
        }
    }

    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| {
            if e.path.is_empty() {
                e.message.clone()
            } else {
                format!("{}: {}", e.path, e.message)
            }
        })
        .collect();
    notes(&mut out, "Errors", &errors);
    let warnings: Vec<String> = verdict::other_warnings(report)
        .into_iter()
        .map(String::from)
        .collect();
    notes(&mut out, "Warnings", &warnings);

    // Exactly one trailing newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
