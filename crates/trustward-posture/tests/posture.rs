//! Behaviour of the posture analyzer on hand-written fixture repositories. Expected
//! rules and positions are worked out from the fixture files and the specs (GitHub's
//! CODEOWNERS docs, RFC 9116), not from the analyzer's output.

use std::path::Path;
use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ScanContext};
use trustward_posture::PostureAnalyzer;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 1)
}

fn run_with(root: &Path, config: &Config) -> AnalyzerOutput {
    let files = FileIndex::new(root);
    let analyzer = PostureAnalyzer::default().with_today(today());
    analyzer.check_config(config).expect("valid config");
    analyzer.run(&ScanContext {
        files: &files,
        config,
        progress: &NoProgress,
        verbose: false,
    })
}

fn run(root: &Path) -> AnalyzerOutput {
    run_with(root, &Config::default())
}

/// (rule name without `posture/`, path, line, column), sorted.
fn summary(out: &AnalyzerOutput) -> Vec<(String, String, Option<u32>, Option<u32>)> {
    let mut v: Vec<_> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.name().to_string(),
                f.location.path.clone().unwrap_or_default(),
                f.location.line,
                f.location.column,
            )
        })
        .collect();
    v.sort();
    v
}

fn row(
    rule: &str,
    path: &str,
    line: Option<u32>,
    col: Option<u32>,
) -> (String, String, Option<u32>, Option<u32>) {
    (rule.to_string(), path.to_string(), line, col)
}

#[test]
fn good_repository_has_no_findings() {
    let out = run(&fixture("good"));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.findings.is_empty(), "{:#?}", summary(&out));
    assert!(out.status.is_none());
}

#[test]
fn bad_repository_fires_every_content_rule_at_the_right_place() {
    let out = run(&fixture("bad"));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let mut want = vec![
        row(
            "security-policy-no-private-channel",
            "SECURITY.md",
            None,
            None,
        ),
        row(
            "security-policy-no-supported-versions",
            "SECURITY.md",
            None,
            None,
        ),
        row("license-unrecognized", "LICENSE", None, None),
        // CODEOWNERS: the offending token of each line GitHub skips.
        row("codeowners-invalid", "CODEOWNERS", Some(3), Some(14)),
        row("codeowners-invalid", "CODEOWNERS", Some(4), Some(1)),
        row("codeowners-invalid", "CODEOWNERS", Some(5), Some(1)),
        row("codeowners-invalid", "CODEOWNERS", Some(7), Some(14)),
        row("codeowners-invalid", "CODEOWNERS", Some(8), Some(1)),
        // Line 6 leaves workflows unowned, line 9 CODEOWNERS itself.
        row(
            "codeowners-uncovered-sensitive-path",
            "CODEOWNERS",
            Some(6),
            None,
        ),
        row(
            "codeowners-uncovered-sensitive-path",
            "CODEOWNERS",
            Some(9),
            None,
        ),
        row("pull-request-template-missing", "README.md", None, None),
        row("issue-templates-missing", "README.md", None, None),
        row(
            "dependency-updates-missing",
            ".github/dependabot.yml",
            None,
            None,
        ),
        row("changelog-missing", "README.md", None, None),
        row("contributing-missing", "README.md", None, None),
        // .well-known/security.txt
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(2),
            Some(10),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(3),
            Some(10),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(4),
            Some(9),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(5),
            Some(13),
        ),
        row(
            "security-txt-contact-missing",
            ".well-known/security.txt",
            Some(1),
            None,
        ),
        row(
            "security-txt-expires-too-far",
            ".well-known/security.txt",
            Some(6),
            Some(10),
        ),
        row(
            "security-txt-expires-missing",
            ".well-known/security.txt",
            Some(7),
            Some(1),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(9),
            Some(22),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(10),
            Some(1),
        ),
        row(
            "security-txt-invalid",
            ".well-known/security.txt",
            Some(11),
            Some(7),
        ),
        // root security.txt
        row("security-txt-expired", "security.txt", Some(1), Some(10)),
        row(
            "security-txt-contact-missing",
            "security.txt",
            Some(1),
            None,
        ),
    ];
    want.sort();
    assert_eq!(summary(&out), want);
    // Every rule of the analyzer that is not a "missing file" rule fired.
    let fired: std::collections::BTreeSet<&str> = out.findings.iter().map(|f| f.rule.id).collect();
    for r in PostureAnalyzer::default().rules() {
        let missing_file = matches!(
            r.id,
            "posture/security-policy-missing"
                | "posture/license-missing"
                | "posture/codeowners-missing"
        );
        assert!(
            missing_file || fired.contains(r.id),
            "{} did not fire",
            r.id
        );
    }
    // Invalid CODEOWNERS findings span the offending token.
    let f = out
        .findings
        .iter()
        .find(|f| f.rule.id == "posture/codeowners-invalid" && f.location.line == Some(3))
        .unwrap();
    assert_eq!(f.location.end_column, Some(23));
    assert_eq!(f.key, "docs-team");
    // The workflows directory does not exist yet: the message speaks of new files.
    let f = out
        .findings
        .iter()
        .find(|f| {
            f.rule.id == "posture/codeowners-uncovered-sensitive-path" && f.location.line == Some(6)
        })
        .unwrap();
    assert!(
        f.message.contains(
            "any file added to .github/workflows/ (line 6 `/.github/workflows/` has no owners)"
        ),
        "{}",
        f.message
    );
    assert_eq!(f.data["sensitive_path"], ".github/workflows/");
}

const MISSING_RULES: [&str; 8] = [
    "changelog-missing",
    "codeowners-missing",
    "contributing-missing",
    "dependency-updates-missing",
    "issue-templates-missing",
    "license-missing",
    "pull-request-template-missing",
    "security-policy-missing",
];

#[test]
fn empty_repository_fires_every_missing_rule_at_the_root() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path());
    let want: Vec<_> = MISSING_RULES
        .iter()
        .map(|r| row(r, ".", None, None))
        .collect();
    assert_eq!(summary(&out), want);
    for f in &out.findings {
        assert!(
            f.remediation_text().len() > 20,
            "{} has a remediation",
            f.rule.id
        );
    }
}

#[test]
fn missing_file_findings_point_at_the_readme() {
    let out = run(&fixture("readme-only"));
    let want: Vec<_> = MISSING_RULES
        .iter()
        .map(|r| row(r, "README.md", None, None))
        .collect();
    assert_eq!(summary(&out), want);
}

#[test]
fn non_utf8_policy_file_is_a_scan_error_and_the_scan_goes_on() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("SECURITY.md"),
        b"Report to \xff\xfe security\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.path().join(".github")).unwrap();
    std::fs::write(d.path().join(".github/CODEOWNERS"), b"* @a\n\xc3\x28\n").unwrap();
    let out = run(d.path());
    let paths: Vec<&str> = out.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["SECURITY.md", ".github/CODEOWNERS"]);
    assert!(out.errors[0].message.contains("UTF-8"), "{:?}", out.errors);
    let rules: Vec<String> = summary(&out).into_iter().map(|r| r.0).collect();
    assert!(!rules.iter().any(|r| r.starts_with("security-policy")));
    assert!(!rules.iter().any(|r| r.starts_with("codeowners")));
    assert!(
        rules.contains(&"license-missing".to_string()),
        "other checks still ran"
    );
}

#[test]
fn single_file_scan_is_not_applicable() {
    let root = fixture("good");
    let files = FileIndex::single_file(&root, "README.md");
    let out = PostureAnalyzer::default().run(&ScanContext {
        files: &files,
        config: &Config::default(),
        progress: &NoProgress,
        verbose: false,
    });
    assert_eq!(out.status, Some(AnalyzerStatus::NotApplicable));
    assert!(out.findings.is_empty());
}

#[test]
fn configured_sensitive_paths_must_be_owned() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::create_dir_all(root.join(".github")).unwrap();
    std::fs::create_dir_all(root.join("deploy")).unwrap();
    std::fs::write(root.join("deploy/prod.tf"), "x").unwrap();
    std::fs::write(root.join("release.sh"), "x").unwrap();
    std::fs::write(
        root.join(".github/CODEOWNERS"),
        "/.github/ @org/release\n/release.sh @org/release\n",
    )
    .unwrap();
    let config = Config::parse(
        "[posture]\nsensitive_paths = [\"deploy/\", \"release.sh\", \"keys/\"]\n",
        None,
    )
    .unwrap();
    let out = run_with(root, &config);
    let uncovered: Vec<String> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "posture/codeowners-uncovered-sensitive-path")
        .map(|f| f.data["sensitive_path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(uncovered, vec!["deploy/", "keys/"]);
    let bad = Config::parse("[posture]\nsensitive_paths = [\"/abs\"]\n", None).unwrap();
    let err = PostureAnalyzer::default().check_config(&bad).unwrap_err();
    assert!(err.to_string().contains("/abs"));
}

#[test]
fn licence_from_manifest_or_spdx_line_is_recognised() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(root.join("LICENSE"), "Custom words.\n").unwrap();
    std::fs::write(
        root.join("package.json"),
        r#"{"name": "x", "license": "MIT OR Apache-2.0"}"#,
    )
    .unwrap();
    let out = run(root);
    assert!(
        !out.findings
            .iter()
            .any(|f| f.rule.id.starts_with("posture/license"))
    );
    std::fs::write(
        root.join("package.json"),
        r#"{"name": "x", "license": "Nice"}"#,
    )
    .unwrap();
    let out = run(root);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule.id == "posture/license-unrecognized")
    );
    std::fs::write(
        root.join("LICENSE"),
        "SPDX-License-Identifier: BSD-2-Clause\n",
    )
    .unwrap();
    let out = run(root);
    assert!(
        !out.findings
            .iter()
            .any(|f| f.rule.id.starts_with("posture/license"))
    );
}

#[test]
fn renovate_in_package_json_counts() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("package.json"),
        r#"{"name": "x", "renovate": {"extends": ["config:recommended"]}}"#,
    )
    .unwrap();
    let out = run(d.path());
    assert!(
        !out.findings
            .iter()
            .any(|f| f.rule.id == "posture/dependency-updates-missing")
    );
    for f in ["renovate.json", ".github/renovate.json5", ".renovaterc"] {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join(".github")).unwrap();
        std::fs::write(d.path().join(f), "{}").unwrap();
        let out = run(d.path());
        assert!(
            !out.findings
                .iter()
                .any(|x| x.rule.id == "posture/dependency-updates-missing"),
            "{f}"
        );
    }
}

#[test]
fn every_rule_passes_lint_and_has_full_docs() {
    let rules = PostureAnalyzer::default().rules();
    assert_eq!(rules.len(), 18);
    let mut ids = std::collections::BTreeSet::new();
    for r in &rules {
        assert!(r.lint().is_empty(), "{}: {:?}", r.id, r.lint());
        assert!(r.id.starts_with("posture/"), "{}", r.id);
        assert!(!r.fix_details.trim().is_empty(), "{} fix_details", r.id);
        assert!(!r.references.is_empty(), "{} references", r.id);
        assert!(!r.controls.is_empty(), "{} controls", r.id);
        assert!(ids.insert(r.id), "{} twice", r.id);
    }
}

#[test]
fn docs_have_a_section_per_rule() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/analyzers/posture.md"),
    )
    .unwrap();
    for r in PostureAnalyzer::default().rules() {
        assert!(
            doc.contains(&format!("### `{}`", r.id)),
            "docs miss {}",
            r.id
        );
    }
}

/// The generated part of docs/analyzers/posture.md is current (set
/// `TRUSTWARD_UPDATE_DOCS=1` to rewrite it).
#[test]
fn docs_rule_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/analyzers/posture.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let marker = trustward_posture::docs::MARKER;
    let head = match doc.find(marker) {
        Some(i) => &doc[..i],
        None => doc.as_str(),
    };
    let want = format!(
        "{head}{marker}\n\n{}",
        trustward_posture::docs::rule_reference()
    );
    if std::env::var_os("TRUSTWARD_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    assert!(
        doc == want,
        "docs/analyzers/posture.md is stale: rerun with TRUSTWARD_UPDATE_DOCS=1"
    );
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const GPL2: &str = include_str!("../../../../shared/data/spdx/text/GPL-2.0-only.txt");

/// Every "missing" rule is satisfied by each of the other places and spellings the
/// tools (GitHub, GitLab, Renovate, REUSE) accept.
#[test]
fn alternative_locations_and_spellings_are_accepted() {
    let layouts: &[&[(&str, &str)]] = &[
        &[
            (
                "docs/security.rst",
                "Mail security@example.org. Supported versions: 2.x.\n",
            ),
            ("LICENCE.txt", "SPDX-License-Identifier: ISC\n"),
            ("docs/CODEOWNERS", "* @a\n"),
            ("docs/PULL_REQUEST_TEMPLATE.md", "x\n"),
            ("ISSUE_TEMPLATE.md", "x\n"),
            (".renovaterc.json", "{}\n"),
            ("HISTORY.rst", "x\n"),
            ("docs/CONTRIBUTING.rst", "x\n"),
        ],
        &[
            (
                ".github/Security",
                "https://hackerone.com/example — only the latest release is supported\n",
            ),
            // The full text: a two-line header is not a licence (the licences engine
            // matches full texts).
            ("COPYING", GPL2),
            ("CODEOWNERS", "* @a\n"),
            (".github/PULL_REQUEST_TEMPLATE/feature.md", "x\n"),
            (
                ".github/ISSUE_TEMPLATE/config.yml",
                "blank_issues_enabled: false\n",
            ),
            (".github/dependabot.yaml", "version: 2\n"),
            ("docs/changelog.md", "x\n"),
            (".github/contributing", "x\n"),
        ],
        &[
            (
                "SECURITY.markdown",
                "Use private vulnerability reporting. We support the latest version.\n",
            ),
            ("LICENSES/Apache-2.0.txt", "text\n"),
            (".github/CODEOWNERS", "* @a\n"),
            (".gitlab/merge_request_templates/default.md", "x\n"),
            (".gitlab/issue_templates/bug.md", "x\n"),
            (".gitlab/renovate.json5", "{}\n"),
            ("changelog.d/123.fixed.md", "x\n"),
            ("Contributing.adoc", "x\n"),
        ],
    ];
    for (i, layout) in layouts.iter().enumerate() {
        let d = tempfile::tempdir().unwrap();
        for (rel, text) in layout.iter() {
            write(d.path(), rel, text);
        }
        let out = run(d.path());
        let rules: Vec<_> = summary(&out)
            .into_iter()
            .map(|r| r.0)
            .filter(|r| r != "codeowners-uncovered-sensitive-path")
            .collect();
        assert!(rules.is_empty(), "layout {i}: {rules:?}");
        assert!(out.errors.is_empty(), "layout {i}: {:?}", out.errors);
    }
}

/// A prose root SECURITY.txt is a policy; an RFC 9116 one is not, and is validated.
#[test]
fn root_security_txt_is_told_apart() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "SECURITY.txt",
        "Report to security@example.org; supported versions: all.\n",
    );
    let rules: Vec<_> = summary(&run(d.path())).into_iter().map(|r| r.0).collect();
    assert!(
        !rules.iter().any(|r| r.starts_with("security-")),
        "{rules:?}"
    );
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "security.txt",
        "Contact: mailto:security@example.org\nExpires: 2026-09-01T00:00:00Z\n",
    );
    let rules: Vec<_> = summary(&run(d.path())).into_iter().map(|r| r.0).collect();
    assert!(
        rules.contains(&"security-policy-missing".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|r| r.starts_with("security-txt")),
        "{rules:?}"
    );
}

#[test]
fn verbose_run_names_the_identified_licences() {
    let files = FileIndex::new(&fixture("good"));
    let out = PostureAnalyzer::default()
        .with_today(today())
        .run(&ScanContext {
            files: &files,
            config: &Config::default(),
            progress: &NoProgress,
            verbose: true,
        });
    assert_eq!(
        out.warnings,
        vec![
            "posture: LICENSE is MIT (from its text)".to_string(),
            "posture: Cargo.toml declares MIT".to_string(),
        ]
    );
}

/// A manifest posture reads that does not parse is a located scan error, once.
#[test]
fn broken_manifests_are_located_scan_errors() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "package.json",
        "{\n  \"name\": \"x\",\n  oops\n}\n",
    );
    write(
        d.path(),
        "Cargo.toml",
        "[package]\nname = \"x\"\nlicense = \n",
    );
    let mut out = run(d.path());
    out.errors.sort();
    out.errors.dedup();
    let paths: Vec<&str> = out.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["Cargo.toml:3", "package.json:3"],
        "{:?}",
        out.errors
    );
}

/// A GitLab project: `.gitlab/CODEOWNERS` with sections is valid, and the CI file is
/// the sensitive path instead of `.github/workflows/`.
#[test]
fn gitlab_codeowners_with_sections() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), ".gitlab-ci.yml", "test:\n  script: [\"true\"]\n");
    write(
        d.path(),
        ".gitlab/CODEOWNERS",
        "[Maintainers] @example/maintainers\n*\n\n[CI][2] @example/platform/ci @@maintainer\n\
         /.gitlab-ci.yml\n/.gitlab/\n",
    );
    let out = run(d.path());
    let rules: Vec<String> = summary(&out)
        .into_iter()
        .map(|r| r.0)
        .filter(|r| r.starts_with("codeowners"))
        .collect();
    assert!(rules.is_empty(), "{rules:?}");
    // With no section owning them, the CI file, the .gitlab/ directory and CODEOWNERS
    // itself are all reported.
    write(
        d.path(),
        ".gitlab/CODEOWNERS",
        "[Docs] @example/docs\n/docs/\n",
    );
    let out = run(d.path());
    let uncovered: Vec<String> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "posture/codeowners-uncovered-sensitive-path")
        .map(|f| f.data["sensitive_path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        uncovered,
        vec![".gitlab-ci.yml", ".gitlab/", ".gitlab/CODEOWNERS"]
    );
}
