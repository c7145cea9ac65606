//! Text and Markdown: snapshots of whole reports, plus the properties snapshots cannot
//! express (verdict last, no colour unless asked, hostile strings inert, bounded size).

mod common;

use trustward_core::Report;
use trustward_core::finding::Location;
use trustward_core::{FailOn, Finding};
use trustward_report::{Format, RenderOptions, render};

fn text(report: &Report, verbose: bool) -> String {
    let opts = RenderOptions {
        color: false,
        verbose,
    };
    render(report, &common::registry(), Format::Text, &opts)
}

fn markdown(report: &Report, verbose: bool) -> String {
    let opts = RenderOptions {
        color: false,
        verbose,
    };
    render(report, &common::registry(), Format::Markdown, &opts)
}

#[test]
fn text_snapshots() {
    insta::assert_snapshot!("text_sample", text(&common::sample(), false));
    insta::assert_snapshot!("text_sample_verbose", text(&common::sample(), true));
    insta::assert_snapshot!("text_clean", text(&common::clean(), false));
    insta::assert_snapshot!("text_unmet", text(&common::unmet(), false));
    insta::assert_snapshot!("text_hostile", text(&common::hostile(), false));
}

#[test]
fn markdown_snapshots() {
    insta::assert_snapshot!("markdown_sample", markdown(&common::sample(), false));
    insta::assert_snapshot!("markdown_clean", markdown(&common::clean(), false));
    insta::assert_snapshot!("markdown_unmet", markdown(&common::unmet(), false));
    insta::assert_snapshot!("markdown_hostile", markdown(&common::hostile(), true));
}

#[test]
fn text_verdict_is_last_and_exact() {
    let t = text(&common::sample(), false);
    assert_eq!(
        t.lines().last(),
        Some("policy: FAILED — 3 findings at or above high")
    );
    assert!(t.ends_with('\n') && !t.ends_with("\n\n"));
    assert_eq!(
        text(&common::clean(), false).lines().last(),
        Some("policy: passed")
    );
    let mut never = common::sample();
    never.summarize(FailOn::Never, vec![]);
    assert!(
        text(&never, false)
            .lines()
            .last()
            .unwrap()
            .starts_with("policy: passed")
    );
    assert_eq!(
        text(&common::unmet(), false).lines().last(),
        Some("policy: FAILED — scan incomplete: required analyzer did not check: vulns")
    );
}

#[test]
fn text_groups_by_severity_critical_first() {
    let t = text(&common::sample(), false);
    let pos = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s} missing in\n{t}"));
    assert!(pos("CRITICAL (1)") < pos("HIGH (2)"));
    assert!(pos("HIGH (2)") < pos("MEDIUM (1)"));
    assert!(pos("MEDIUM (1)") < pos("LOW (1)"));
    assert!(pos("LOW (1)") < pos("INFO (1)"));
    assert!(pos("INFO (1)") < pos("policy:"));
    assert!(t.contains("[critical] secrets/test-token  src/config.rs:12:5\n"));
    assert!(t.contains("fix: Revoke the token and load it from the environment.\n"));
    // Suppressed findings are counted, listed only with -v.
    assert!(t.contains("3 findings suppressed"));
    assert!(!t.contains("tests/fixture.txt"));
    let v = text(&common::sample(), true);
    assert!(v.contains("tests/fixture.txt:3:1"));
    assert!(v.contains("suppressed (config, expires 2027-01-31): pinned by Dependabot next week"));
    // Not-checked analyzers are visible, and not repeated among the warnings.
    assert!(t.contains(&format!(
        "vulns: not checked ({})",
        common::NOT_CHECKED_REASON
    )));
    assert_eq!(t.matches(common::NOT_CHECKED_REASON).count(), 1);
}

#[test]
fn colour_only_when_asked() {
    let plain = text(&common::sample(), true);
    assert!(!plain.contains('\x1b'));
    let opts = RenderOptions {
        color: true,
        verbose: false,
    };
    let coloured = render(&common::sample(), &common::registry(), Format::Text, &opts);
    assert!(coloured.contains("\x1b[1;31m[critical]\x1b[0m"));
    assert!(
        coloured
            .lines()
            .last()
            .unwrap()
            .starts_with("policy: \x1b[1;31mFAILED")
    );
}

#[test]
fn text_makes_terminal_escapes_inert() {
    let t = text(&common::hostile(), true);
    assert!(!t.contains('\x1b'), "raw ESC reached the terminal");
    assert!(!t.contains('\u{7}') && !t.contains('\u{202E}'));
    assert!(t.contains("\\u{1b}[2J"));
    assert!(t.contains("\\u{202e}"));
}

#[test]
fn markdown_escapes_hostile_strings() {
    let md = markdown(&common::hostile(), true);
    for bad in [
        "<img",
        "<script",
        "</details><script",
        "</summary></details># owned",
        "<!--",
        "<b>",
        "](https://",
        "@octocat",
        "@everyone",
        "https://evil",
        "www.evil",
        "\u{1b}",
        "\u{202E}",
        "\n# heading",
        "\n- item",
        "|a|",
        "`code`",
    ] {
        assert!(!md.contains(bad), "{bad:?} survived in\n{md}");
    }
    assert!(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"));
    // Our own structure is intact: every section opened is closed.
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    assert_eq!(
        md.matches("<summary>").count(),
        md.matches("</summary>").count()
    );
}

#[test]
fn markdown_lists_what_matters() {
    let md = markdown(&common::sample(), false);
    assert!(md.starts_with("### ❌ trustward: policy FAILED — 3 findings at or above high\n"));
    assert!(md.contains("| critical | 1 |"));
    assert!(md.contains("| vulns | ⚠️ **not checked** | 0 |"));
    assert!(md.contains("**Not checked** (this is not a pass)"));
    assert!(md.contains("<details><summary>Critical (1)</summary>"));
    assert!(
        !md.contains("tests/fixture"),
        "suppressed listed only with -v"
    );
    let clean = markdown(&common::clean(), false);
    assert!(clean.starts_with("### ✅ trustward: policy passed\n"));
    assert!(clean.ends_with('\n') && !clean.ends_with("\n\n"));
}

#[test]
fn markdown_size_is_bounded() {
    let long = "x".repeat(5_000);
    let findings: Vec<Finding> = (0..1_000)
        .map(|i| {
            Finding::new(
                &common::TOKEN,
                format!("{long} {i}"),
                Location::file(format!("{}/{i}.txt", "d".repeat(400))).with_line(1),
            )
            .with_key(format!("k{i}"))
        })
        .collect();
    let report = common::assemble(
        findings,
        vec![],
        vec![],
        vec![],
        FailOn::default(),
        vec![],
        None,
    );
    let md = markdown(&report, false);
    assert!(md.len() < 65_536, "{} bytes", md.len());
    // One rule: grouped, with the files listed up to a bound.
    assert!(md.contains("1000 findings in 1000 file(s)"));
    assert!(md.contains("… and 980 more file(s)"));
    assert!(md.contains("<details><summary>Critical (1000)</summary>"));

    // Short findings: the count cap applies.
    let findings: Vec<Finding> = (0..500)
        .map(|i| {
            Finding::new(&common::NOTE, "n", Location::file(format!("{i}.txt")))
                .with_key(format!("{i}"))
        })
        .collect();
    let report = common::assemble(
        findings,
        vec![],
        vec![],
        vec![],
        FailOn::default(),
        vec![],
        None,
    );
    let md = markdown(&report, false);
    assert!(md.contains("500 findings in 500 file(s)"));
    assert!(md.contains("… and 480 more file(s)"));
}

#[test]
fn markdown_size_is_bounded_for_worst_case_escaping() {
    // Every character expands when escaped: `@` to 8 bytes, controls to `\u{..}`.
    let nasty: String = "@\u{1}#<".repeat(2_000);
    let findings: Vec<Finding> = (0..1_000)
        .map(|i| {
            Finding::new(
                &common::TOKEN,
                nasty.clone(),
                Location::file(format!("{nasty}{i}")).with_line(1),
            )
            .with_key(format!("k{i}"))
            .with_remediation(nasty.clone())
        })
        .collect();
    let errors = (0..1_000)
        .map(|i| trustward_core::ScanError::new(format!("{nasty}{i}"), nasty.clone()))
        .collect();
    let warnings = (0..1_000).map(|_| nasty.clone()).collect();
    let report = common::assemble(
        findings,
        errors,
        warnings,
        vec![],
        FailOn::default(),
        vec![],
        None,
    );
    let md = markdown(&report, true);
    assert!(md.len() < 65_536, "{} bytes", md.len());
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
}
