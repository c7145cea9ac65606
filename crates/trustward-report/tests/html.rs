//! The HTML report: self-contained, everything from the scanned repository escaped (in
//! the markup and in the embedded JSON), bounded in size for 100,000 findings.

mod common;

use trustward_core::finding::{Finding, Location};
use trustward_core::{AnalyzerStatus, FailOn, Report};
use trustward_report::{Format, RenderOptions, render};

fn html(report: &Report) -> String {
    render(
        report,
        &common::registry(),
        Format::Html,
        &RenderOptions::default(),
    )
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("html_sample", html(&common::sample()));
}

#[test]
fn self_contained_no_external_request() {
    let h = html(&common::sample());
    assert!(h.contains("Content-Security-Policy"));
    assert!(h.contains("default-src 'none'"));
    for bad in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(!h.contains(bad), "{bad}");
    }
}

#[test]
fn hostile_strings_are_inert() {
    let h = html(&common::hostile());
    // Only the page's own two script elements.
    assert_eq!(h.matches("<script").count(), 2, "{h}");
    assert!(!h.contains("<img src=x"));
    assert!(!h.contains("</details><script>"));
    // Inside the embedded JSON, `<` is written \u003c so no string can close the block.
    assert!(h.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    // Errors and warnings rendered by the template are HTML-escaped.
    assert!(!h.contains("</summary></details># owned"));
    assert!(h.contains("details&gt;# owned"));
    assert!(h.contains("&lt;b&gt;warn&lt;"));
}

/// The size bound stated in docs/output.md: about 40 KB plus 0.6 KB per finding with
/// plain text (messages cut at 300 characters, paths at 200).
#[test]
fn hundred_thousand_findings_stay_bounded() {
    let msg = "m".repeat(2_000);
    let findings: Vec<Finding> = (0..100_000u32)
        .map(|i| {
            Finding::new(
                &common::UNPINNED,
                msg.clone(),
                Location::file(format!("{}/{i}.yml", "d".repeat(1_000))).with_line(i + 1),
            )
            .with_key(format!("k{i}"))
        })
        .collect();
    let report = common::assemble(
        findings,
        vec![],
        vec![],
        vec![common::run("workflows", AnalyzerStatus::Checked)],
        FailOn::default(),
        vec![],
        None,
    );
    let h = html(&report);
    assert!(
        h.len() < 40_000 + 600 * 100_000,
        "{} bytes for 100,000 findings",
        h.len()
    );
}

#[test]
fn badge_names_the_lowest_level() {
    let svg = trustward_report::badge(&common::sample());
    assert!(svg.starts_with("<svg"));
    // The sample report assesses one practice; the others are not evaluated.
    assert!(svg.contains("TSI maturity: not evaluated"));
}
