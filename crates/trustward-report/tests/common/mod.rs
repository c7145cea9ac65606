//! Static test rules and hand-built reports shared by the renderer tests.
#![allow(dead_code)]

use trustward_core::analyzer::{AnalyzerStatus, ScanError};
use trustward_core::finding::{Location, Suppression, SuppressionKind};
use trustward_core::fingerprint::fingerprint;
use trustward_core::maturity::{self, Check, Evidence};
use trustward_core::report::{AnalyzerRun, PolicyOutcome, Report, Summary, Target, ToolInfo};
use trustward_core::rule::RuleRegistry;
use trustward_core::{Confidence, FailOn, Finding, Level, Practice, Rule, Severity};

pub static TOKEN: Rule = Rule {
    id: "secrets/test-token",
    title: "A test token is committed",
    severity: Severity::Critical,
    confidence: Confidence::High,
    practice: Practice::SecurityTesting,
    level: Level::Basic,
    controls: &["OSPS-BR-01.01"],
    description: "Finds test tokens committed to the repository.",
    why: "Anyone who can read the repository can use the token.",
    fix: "Revoke the token and load it from the environment.",
    fix_details: "```sh\nexport TOKEN=...\n```",
    references: &["https://example.org/tokens"],
};

pub static POLICY: Rule = Rule {
    id: "posture/test-policy-missing",
    title: "No security policy",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Basic,
    controls: &["OSPS-VM-02.01"],
    description: "The repository has no SECURITY.md.",
    why: "Reporters do not know how to reach the maintainers privately.",
    fix: "Add a SECURITY.md that names a private reporting channel.",
    fix_details: "",
    references: &[],
};

pub static UNPINNED: Rule = Rule {
    id: "workflows/test-unpinned-action",
    title: "Action not pinned to a commit",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &[],
    description: "A workflow uses an action by tag instead of by commit SHA.",
    why: "A moved tag runs new code with the workflow's permissions.",
    fix: "Pin the action to a full commit SHA.",
    fix_details: "",
    references: &["https://example.org/pinning", "https://example.org/more"],
};

pub static CHANGELOG: Rule = Rule {
    id: "posture/test-changelog-missing",
    title: "No changelog",
    severity: Severity::Low,
    confidence: Confidence::Low,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Advanced,
    controls: &[],
    description: "No CHANGELOG or release notes.",
    why: "Users cannot tell which release fixed what.",
    fix: "Add a CHANGELOG.md.",
    fix_details: "",
    references: &[],
};

pub static NOTE: Rule = Rule {
    id: "posture/test-note",
    title: "Informational note",
    severity: Severity::Info,
    confidence: Confidence::High,
    practice: Practice::RolesAndResponsibilities,
    level: Level::Basic,
    controls: &[],
    description: "An informational note.",
    why: "Context for reviewers.",
    fix: "Nothing to do.",
    fix_details: "",
    references: &[],
};

/// Only suppressed findings of this rule exist in the sample report.
pub static BASELINED: Rule = Rule {
    id: "workflows/test-baselined",
    title: "A baselined problem",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &[],
    description: "A problem that the baseline hides.",
    why: "It was there before.",
    fix: "Fix it eventually.",
    fix_details: "",
    references: &[],
};

pub fn registry() -> RuleRegistry {
    let mut r = RuleRegistry::new();
    r.register(&[&TOKEN, &POLICY, &UNPINNED, &CHANGELOG, &NOTE, &BASELINED]);
    r
}

pub const NOT_CHECKED_REASON: &str =
    "no advisory database; run `trustward db update` (or pass --db DIR)";

pub fn run(name: &str, status: AnalyzerStatus) -> AnalyzerRun {
    AnalyzerRun {
        name: name.into(),
        status,
        findings: 0,
    }
}

/// Assembles a report the way the engine does: fingerprints, sorted findings, summary.
pub fn assemble(
    mut findings: Vec<Finding>,
    errors: Vec<ScanError>,
    warnings: Vec<String>,
    analyzers: Vec<AnalyzerRun>,
    fail_on: FailOn,
    unmet: Vec<String>,
    git_head: Option<&str>,
) -> Report {
    for f in &mut findings {
        f.fingerprint = fingerprint(f);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut report = Report {
        tool: ToolInfo {
            name: "trustward".into(),
            version: "0.1.0".into(),
        },
        target: Target {
            path: ".".into(),
            git_head: git_head.map(String::from),
        },
        findings,
        errors,
        warnings,
        analyzers,
        summary: Summary {
            by_severity: Default::default(),
            by_analyzer: Default::default(),
            suppressed: 0,
            policy: PolicyOutcome {
                passed: true,
                fail_on,
                violations: 0,
                unmet_requirements: vec![],
                incomplete: vec![],
            },
        },
        maturity: vec![],
        checks: vec![],
        controls: vec![],
        contributors: vec![],
    };
    report.summarize(fail_on, unmet);
    let statuses = report
        .analyzers
        .iter()
        .map(|a| (a.name.clone(), a.status.clone()))
        .collect();
    let evidence = vec![
        Evidence::met(&POLICY_FILE, "SECURITY.md"),
        Evidence::not_met(&PRIVATE_CHANNEL, "SECURITY.md names no private channel"),
    ];
    report.checks = maturity::combine(&[&POLICY_FILE, &PRIVATE_CHANNEL], &evidence, &statuses);
    report.maturity = maturity::assess(&report.checks);
    report.controls = maturity::controls(&report.checks, &|_| None);
    report
}

/// A basic check met by the sample report.
pub static POLICY_FILE: Check = Check {
    id: "posture/security-policy-present",
    title: "A security policy file exists",
    practice: Practice::SecurityPolicy,
    level: Level::Basic,
    controls: &["OSPS-VM-02.01"],
    how: "SECURITY.md at the root, in .github/ or docs/",
    why_level: "every project needs a way to be told about vulnerabilities",
};

/// A standard check not met by the sample report.
pub static PRIVATE_CHANNEL: Check = Check {
    id: "posture/security-policy-private-channel",
    title: "The security policy names a private reporting channel",
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-03.01"],
    how: "an e-mail address or private advisory link in SECURITY.md",
    why_level: "reports must not be public before a fix",
};

/// Every kind of finding, error, warning and analyzer status.
pub fn sample_findings() -> Vec<Finding> {
    vec![
        Finding::new(
            &TOKEN,
            "A test token (test_****) is committed.",
            Location::file("src/config.rs")
                .with_position(12, 5)
                .with_end(12, 45),
        )
        .with_key("sha256:aaaa")
        .with_data("redacted", "test_****")
        .with_data("entropy", 4.5),
        Finding::new(
            &POLICY,
            "No SECURITY.md in the root, .github/ or docs/.",
            Location::none(),
        ),
        Finding::new(
            &UNPINNED,
            "actions/checkout@v4 is not pinned to a commit SHA.",
            Location::file(".github/workflows/ci.yml")
                .with_position(7, 9)
                .with_end(7, 28),
        )
        .with_key("actions/checkout@v4")
        .with_remediation("Use actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2.")
        .with_references(["https://example.org/checkout".to_string()]),
        Finding::new(
            &CHANGELOG,
            "No CHANGELOG.md or release notes.",
            Location::file("."),
        ),
        Finding::new(
            &NOTE,
            "3 contributors in the last 90 days.",
            Location::file("CODEOWNERS").with_line(1),
        ),
        Finding::new(
            &TOKEN,
            "A test token (test_****) was committed in history.",
            Location::file("old/key.txt")
                .with_line(2)
                .with_commit("0123456789abcdef0123456789abcdef01234567"),
        )
        .with_key("sha256:bbbb")
        .with_severity(Severity::High),
        suppressed(
            Finding::new(
                &TOKEN,
                "A test token (test_****) is committed.",
                Location::file("tests/fixture.txt").with_position(3, 1),
            )
            .with_key("sha256:cccc"),
            SuppressionKind::Inline,
            "test fixture, not a real token",
            None,
        ),
        suppressed(
            Finding::new(
                &UNPINNED,
                "actions/cache@v4 is not pinned to a commit SHA.",
                Location::file(".github/workflows/ci.yml").with_position(15, 9),
            )
            .with_key("actions/cache@v4"),
            SuppressionKind::Config,
            "pinned by Dependabot next week",
            Some("2027-01-31"),
        ),
        suppressed(
            Finding::new(
                &BASELINED,
                "An old problem.",
                Location::file("legacy/build.sh").with_line(40),
            ),
            SuppressionKind::Baseline,
            "in the baseline",
            None,
        ),
    ]
}

pub fn suppressed(
    mut f: Finding,
    kind: SuppressionKind,
    reason: &str,
    expires: Option<&str>,
) -> Finding {
    f.suppressed = Some(Suppression {
        kind,
        reason: reason.into(),
        expires: expires.map(String::from),
    });
    f
}

pub fn sample_analyzers() -> Vec<AnalyzerRun> {
    vec![
        run("posture", AnalyzerStatus::Checked),
        run("secrets", AnalyzerStatus::Checked),
        run(
            "vulns",
            AnalyzerStatus::NotChecked {
                reason: NOT_CHECKED_REASON.into(),
            },
        ),
        run("workflows", AnalyzerStatus::Checked),
        run("docker", AnalyzerStatus::NotApplicable),
    ]
}

/// The sample report: fails the default gate (high).
pub fn sample() -> Report {
    let mut analyzers = sample_analyzers();
    analyzers.sort_by(|a, b| a.name.cmp(&b.name));
    assemble(
        sample_findings(),
        vec![ScanError::new(
            "vendor/broken.json:3",
            "invalid JSON: expected `,` or `}` at line 3 column 7",
        )],
        vec![
            "config: the [[ignore]] entry for posture/test-note at trustward.toml:12 expired on 2026-01-01 and no longer suppresses".into(),
            format!("vulns: not checked: {NOT_CHECKED_REASON}"),
        ],
        analyzers,
        FailOn::default(),
        vec![],
        Some("89abcdef0123456789abcdef0123456789abcdef"),
    )
}

/// A clean report: every analyzer checked, nothing found.
pub fn clean() -> Report {
    assemble(
        vec![],
        vec![],
        vec![],
        vec![
            run("posture", AnalyzerStatus::Checked),
            run("secrets", AnalyzerStatus::Checked),
        ],
        FailOn::default(),
        vec![],
        None,
    )
}

/// A report that passes on findings but a required analyzer could not check (exit 3).
pub fn unmet() -> Report {
    assemble(
        vec![Finding::new(
            &CHANGELOG,
            "No CHANGELOG.md or release notes.",
            Location::none(),
        )],
        vec![],
        vec![format!("vulns: not checked: {NOT_CHECKED_REASON}")],
        vec![
            run("posture", AnalyzerStatus::Checked),
            run(
                "vulns",
                AnalyzerStatus::NotChecked {
                    reason: NOT_CHECKED_REASON.into(),
                },
            ),
        ],
        FailOn::Severity(Severity::Medium),
        vec!["vulns".into()],
        None,
    )
}

/// Findings whose paths and messages a hostile repository controls.
pub fn hostile() -> Report {
    let nasty = "<img src=x onerror=alert(1)> **bold** [link](https://evil.example) `code` | pipe @octocat #1 \u{1b}[2J\u{202E}gnp.exe <!-- comment --> &amp; www.evil.example\n# heading\n- item";
    assemble(
        vec![
            Finding::new(
                &TOKEN,
                nasty,
                Location::file("src/<script>alert(1)</script> [x](y) |a|.rs").with_position(1, 1),
            )
            .with_key("k1"),
            Finding::new(
                &POLICY,
                "",
                Location::file("dir with space/ü#?%.txt").with_line(9),
            )
            .with_key("k2"),
            suppressed(
                Finding::new(&UNPINNED, "x", Location::file("a.yml").with_line(1)),
                SuppressionKind::Inline,
                "</details><script>alert(1)</script>",
                None,
            ),
        ],
        vec![ScanError::new(
            "bad\u{1b}]0;title\u{7}.json",
            "</summary></details># owned",
        )],
        vec!["<b>warn</b> @everyone".into()],
        vec![run("posture", AnalyzerStatus::Checked)],
        FailOn::default(),
        vec![],
        None,
    )
}
