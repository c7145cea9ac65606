//! The maturity matrix (practices × levels), the OSPS Baseline control table and the
//! check catalogue (`docs/maturity.md`), in text, Markdown and JSON.

use crate::escape::{markdown as esc, terminal};
use trustward_core::maturity::{Achieved, Check, CheckStatus, LevelState, baseline_level};
use trustward_core::rule::{Level, Practice};
use trustward_core::{Report, osps};

/// The state of each level for display: a level whose own checks are met while a level
/// below is not reached says so instead of "reached".
fn shown(levels: &[(Level, LevelState); 3]) -> [LevelState; 3] {
    let mut out = [levels[0].1, levels[1].1, levels[2].1];
    let mut blocked = false;
    for s in &mut out {
        if blocked && *s == LevelState::Reached {
            *s = LevelState::NoChecks;
        }
        blocked |= !matches!(*s, LevelState::Reached | LevelState::NoChecks);
    }
    out
}

fn state_word(s: LevelState) -> &'static str {
    match s {
        LevelState::Reached => "reached",
        LevelState::NotMet => "not met",
        LevelState::NotEvaluated => "NOT EVALUATED",
        LevelState::NoChecks => "-",
    }
}

fn state_md(s: LevelState) -> &'static str {
    match s {
        LevelState::Reached => "✅ reached",
        LevelState::NotMet => "❌ not met",
        LevelState::NotEvaluated => "⚠️ **not evaluated**",
        LevelState::NoChecks => "—",
    }
}

fn achieved_word(a: Achieved) -> &'static str {
    match a {
        Achieved::NotAssessed => "NOT EVALUATED",
        Achieved::BelowBasic => "below basic",
        Achieved::Level(l) => l.as_str(),
    }
}

fn count_levels(report: &Report, state: LevelState) -> usize {
    report
        .maturity
        .iter()
        .flat_map(|m| m.levels.iter())
        .filter(|(_, s)| *s == state)
        .count()
}

/// The matrix as text lines (for the text report).
pub fn matrix_text(report: &Report) -> String {
    if report.maturity.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "maturity (TSI practices; a level is reached only when every check of it and below is met):\n",
    );
    out.push_str(&format!(
        "  {:<30} {:<14} {:<14} {:<14} {:<14} checks met\n",
        "practice", "reached", "basic", "standard", "advanced"
    ));
    for m in &report.maturity {
        let l = shown(&m.levels);
        out.push_str(&format!(
            "  {:<30} {:<14} {:<14} {:<14} {:<14} {}/{}\n",
            m.practice.as_str(),
            achieved_word(m.achieved),
            state_word(l[0]),
            state_word(l[1]),
            state_word(l[2]),
            m.checks_met,
            m.checks_total
        ));
    }
    let ne = count_levels(report, LevelState::NotEvaluated);
    if ne > 0 {
        out.push_str(&format!(
            "  {ne} level(s) NOT EVALUATED: some of their checks need evidence trustward could not read (see `trustward controls` or the JSON `checks`); this is not a pass\n"
        ));
    }
    out
}

/// The matrix as a Markdown table (for the top of the Markdown report).
pub fn matrix_markdown(report: &Report) -> String {
    if report.maturity.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "| TSI practice | reached | basic | standard | advanced | checks met |\n|---|---|---|---|---|---:|\n",
    );
    for m in &report.maturity {
        let l = shown(&m.levels);
        out.push_str(&format!(
            "| {} | **{}** | {} | {} | {} | {}/{} |\n",
            m.practice,
            achieved_word(m.achieved),
            state_md(l[0]),
            state_md(l[1]),
            state_md(l[2]),
            m.checks_met,
            m.checks_total
        ));
    }
    let ne = count_levels(report, LevelState::NotEvaluated);
    if ne > 0 {
        out.push_str(&format!(
            "\n⚠️ {ne} level(s) **not evaluated**: some checks need evidence trustward could not read (forge settings, history, releases, a vulnerability database). Not evaluated is never a pass.\n"
        ));
    }
    out.push('\n');
    out
}

fn status_word(s: &CheckStatus) -> &'static str {
    match s {
        CheckStatus::Met => "met",
        CheckStatus::NotMet => "not met",
        CheckStatus::NotEvaluated { .. } => "not evaluated",
        CheckStatus::NotApplicable { .. } => "not applicable",
    }
}

fn why(s: &CheckStatus) -> &str {
    match s {
        CheckStatus::NotEvaluated { why } | CheckStatus::NotApplicable { why } => why,
        _ => "",
    }
}

fn controls_counts(report: &Report) -> (usize, usize, usize) {
    let met = report
        .controls
        .iter()
        .filter(|c| c.status == CheckStatus::Met)
        .count();
    let evaluated = report
        .controls
        .iter()
        .filter(|c| !matches!(c.status, CheckStatus::NotEvaluated { .. }))
        .count();
    (met, evaluated, report.controls.len())
}

/// The OSPS Baseline control table as text.
pub fn controls_text(report: &Report) -> String {
    let (met, evaluated, total) = controls_counts(report);
    let mut out = String::new();
    for level in 1..=3u8 {
        out.push_str(&format!("OSPS Baseline level {level}\n"));
        for c in report
            .controls
            .iter()
            .filter(|c| osps::level(c.control) == Some(level))
        {
            let mut line = format!("  {:<15} {:<15}", c.control, status_word(&c.status));
            let w = why(&c.status);
            if !w.is_empty() {
                line.push_str(&format!(" {}", terminal(w, "    ")));
            } else if !c.checks.is_empty() {
                line.push_str(&format!(" {}", c.checks.join(", ")));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "controls: {met} met, {evaluated} of {total} evaluated from the repository, {} not evaluated\n",
        total - evaluated
    ));
    out.push_str(&format!(
        "baseline level fully met: {}\n",
        match baseline_level(&report.controls) {
            0 => "none".to_string(),
            n => n.to_string(),
        }
    ));
    out
}

/// The OSPS Baseline control table as Markdown.
pub fn controls_markdown(report: &Report) -> String {
    let (met, evaluated, total) = controls_counts(report);
    let mut out = format!(
        "### OSPS Baseline controls\n\nBaseline level fully met: **{}** · {met} met · {evaluated} of {total} evaluated from the repository\n\n",
        match baseline_level(&report.controls) {
            0 => "none".to_string(),
            n => n.to_string(),
        }
    );
    out.push_str("| control | level | status | why / evidence |\n|---|---:|---|---|\n");
    for c in &report.controls {
        let w = why(&c.status);
        let detail = if w.is_empty() {
            c.checks
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            esc(w)
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            c.control,
            osps::level(c.control).unwrap_or(0),
            status_word(&c.status),
            detail
        ));
    }
    out
}

/// `docs/maturity.md`: every check of the catalogue, by practice and level, with how it is
/// evaluated and why it sits at its level, then the OSPS Baseline coverage.
pub fn catalogue_markdown(catalogue: &[&Check]) -> String {
    let mut out = String::from(
        "# Maturity checks\n\n<!-- Generated by `trustward controls --catalogue`; a test keeps it current (`UPDATE_DOCS=1 cargo test -p trustward --test docs`). -->\n\n\
The report's maturity comes from **positive evidence**: each task of the OpenSSF Tooling \
SIG's maturity guide is a *check* declared by the analyzer that can evaluate it. A check is \
*met* only when that evidence is found (a file, a statement, a CI step, a complete scan); \
*not met* when the evidence shows it is missing; *not evaluated* — with why — when trustward \
could not read what it needs (forge settings, the git history, published releases, a \
vulnerability database, an unreadable file); *not applicable* with the reason (e.g. no \
workflows at all). A practice reaches a level only when every check of that level and of \
the levels below is met or not applicable, and at least one is met; a level with a check not \
evaluated is shown as **not evaluated**, never as reached.\n\n\
Checks under `forge/`, `history/` and `releases/` are declared before the analyzers that will \
evaluate them exist: they are always *not evaluated* today, which is why no project can reach \
those levels yet. They sit at the level the guide gives them.\n\n\
Statements (\"documentation has a statement such as …\") are looked for, as whole words, in \
the project's policy documents: README, SECURITY, SUPPORT, GOVERNANCE, MAINTAINERS, \
CONTRIBUTING and pages named for a process (`testing`, `releasing`, `dependencies`, \
`incident-response`, `architecture` …) at the root, in `.github/` and at the top of `docs/`. \
A statement is evidence that the document addresses the task, not a review of its quality.\n\n",
    );
    let level_name = |l: Level| match l {
        Level::Basic => "Basic",
        Level::Standard => "Standard",
        Level::Advanced => "Advanced",
    };
    out.push_str(
        "## Summary\n\n| practice | basic | standard | advanced |\n|---|---:|---:|---:|\n",
    );
    for p in Practice::ALL {
        let n = |l: Level| {
            catalogue
                .iter()
                .filter(|c| c.practice == p && c.level == l)
                .count()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            p,
            n(Level::Basic),
            n(Level::Standard),
            n(Level::Advanced)
        ));
    }
    out.push('\n');
    for p in Practice::ALL {
        out.push_str(&format!("## {}\n\n", practice_title(p)));
        for l in [Level::Basic, Level::Standard, Level::Advanced] {
            let mut at: Vec<&&Check> = catalogue
                .iter()
                .filter(|c| c.practice == p && c.level == l)
                .collect();
            if at.is_empty() {
                continue;
            }
            at.sort_by_key(|c| c.id);
            out.push_str(&format!("### {}\n\n", level_name(l)));
            for c in at {
                out.push_str(&format!("#### `{}`\n\n**{}**", c.id, c.title));
                if !c.controls.is_empty() {
                    out.push_str(&format!(
                        " · OSPS Baseline {}",
                        c.controls
                            .iter()
                            .map(|x| format!("`{x}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                out.push_str(&format!(
                    "\n\n*How.* {}\n\n*Why this level.* {}\n\n",
                    c.how, c.why_level
                ));
            }
        }
    }
    out.push_str("## OSPS Baseline coverage\n\n");
    out.push_str("`trustward controls` reads the same evidence against the 64 controls of the OSPS Baseline (2026-02-19). A control is met when every check evidencing it is met (or not applicable) and one is met.\n\n");
    let covered: Vec<&str> = osps::CONTROLS
        .iter()
        .copied()
        .filter(|id| {
            catalogue.iter().any(|c| {
                c.controls.contains(id) && !matches!(c.analyzer(), "forge" | "history" | "releases")
            })
        })
        .collect();
    out.push_str(&format!(
        "{} of the 64 controls ({}%) are evaluated from what the repository shows; OpenSSF Scorecard automates about 42%.\n\n",
        covered.len(),
        covered.len() * 100 / 64
    ));
    out.push_str("| control | level | evaluated by | needs |\n|---|---:|---|---|\n");
    for id in osps::CONTROLS {
        let checks: Vec<&str> = catalogue
            .iter()
            .filter(|c| c.controls.contains(&id))
            .map(|c| c.id)
            .collect();
        let needs = if covered.contains(&id) {
            "the repository".to_string()
        } else if checks.iter().any(|c| c.starts_with("forge/")) {
            "the forge's settings".to_string()
        } else if checks.iter().any(|c| c.starts_with("history/")) {
            "the git history".to_string()
        } else if checks.iter().any(|c| c.starts_with("releases/")) {
            "the published releases".to_string()
        } else {
            osps::not_covered_why(id)
                .unwrap_or("no check yet")
                .to_string()
        };
        out.push_str(&format!(
            "| {id} | {} | {} | {needs} |\n",
            osps::level(id).unwrap_or(0),
            if checks.is_empty() {
                "—".to_string()
            } else {
                checks
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
    out
}

fn practice_title(p: Practice) -> &'static str {
    match p {
        Practice::RolesAndResponsibilities => "Roles and Responsibilities",
        Practice::SecurityPolicy => "Security Policy",
        Practice::KnowYourContributors => "Know Your Contributors",
        Practice::SoftwareSupplyChain => "Software Supply Chain",
        Practice::TechnicalSecurityGuidance => "Technical Security Guidance",
        Practice::SecurityPlaybooks => "Security Playbooks",
        Practice::SecurityTesting => "Security Testing",
        Practice::SecureReleasesAndUpdates => "Secure Releases and Updates",
    }
}
