//! Behaviour of the engine: overrides, suppressions, baseline, ordering, policy verdicts
//! and exit codes, driven by small fake analyzers.

use std::path::Path;
use trustward_core::analyzer::NoProgress;
use trustward_core::baseline::Baseline;
use trustward_core::engine::{self, ScanRequest};
use trustward_core::files::FileIndex;
use trustward_core::{
    Analyzer, AnalyzerOutput, Confidence, Config, Finding, Level, Location, Practice, Report, Rule,
    ScanContext, Severity, SuppressionKind,
};

static HIGH: Rule = Rule {
    id: "fake/high-thing",
    title: "A high thing",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Basic,
    controls: &["OSPS-VM-02.01"],
    description: "d",
    why: "w",
    fix: "f",
    fix_details: "",
    references: &[],
};

static LOW: Rule = Rule {
    id: "fake/low-thing",
    title: "A low thing",
    severity: Severity::Low,
    level: Level::Standard,
    ..HIGH
};

/// Reports one HIGH finding per line of `secrets.txt` containing "BAD", and one LOW
/// repository-level finding.
struct Fake;

impl Analyzer for Fake {
    fn name(&self) -> &'static str {
        "fake"
    }
    fn description(&self) -> &'static str {
        "fake analyzer for tests"
    }
    fn rules(&self) -> Vec<&'static Rule> {
        vec![&HIGH, &LOW]
    }
    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let mut out = AnalyzerOutput::default();
        if let Ok(text) = ctx.files.read_text("secrets.txt") {
            for (i, line) in text.lines().enumerate() {
                if let Some(col) = line.find("BAD") {
                    out.findings.push(
                        Finding::new(
                            &HIGH,
                            "bad value",
                            Location::file("secrets.txt")
                                .with_position(i as u32 + 1, col as u32 + 1),
                        )
                        .with_key(line.trim().to_string()),
                    );
                }
            }
        }
        out.findings
            .push(Finding::new(&LOW, "low", Location::file("README.md")));
        out
    }
}

struct Blind;
impl Analyzer for Blind {
    fn name(&self) -> &'static str {
        "blind"
    }
    fn description(&self) -> &'static str {
        "cannot check"
    }
    fn rules(&self) -> Vec<&'static Rule> {
        vec![]
    }
    fn run(&self, _: &ScanContext<'_>) -> AnalyzerOutput {
        AnalyzerOutput::not_checked("no data")
    }
}

struct Crashy;
impl Analyzer for Crashy {
    fn name(&self) -> &'static str {
        "crashy"
    }
    fn description(&self) -> &'static str {
        "panics"
    }
    fn rules(&self) -> Vec<&'static Rule> {
        vec![]
    }
    fn run(&self, _: &ScanContext<'_>) -> AnalyzerOutput {
        panic!("boom")
    }
}

fn run(
    root: &Path,
    config: &Config,
    analyzers: Vec<&dyn Analyzer>,
    baseline: Option<&Baseline>,
    strict: bool,
) -> Report {
    let files = FileIndex::new(root);
    engine::scan(ScanRequest {
        target_display: root.display().to_string(),
        files: &files,
        config,
        analyzers,
        baseline,
        fail_on: config.policy.fail_on,
        strict,
        progress: &NoProgress,
        verbose: false,
        git_head: None,
        catalogue: Vec::new(),
    })
}

fn repo(secrets: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("secrets.txt"), secrets).unwrap();
    d
}

#[test]
fn findings_are_sorted_fingerprinted_and_gate_fails() {
    let d = repo("ok\nx = BAD1\ny = BAD2\n");
    let r = run(d.path(), &Config::default(), vec![&Fake], None, false);
    let ids: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.location.path.clone().unwrap(), f.location.line))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("README.md".into(), None),
            ("secrets.txt".into(), Some(2)),
            ("secrets.txt".into(), Some(3))
        ]
    );
    assert!(r.findings.iter().all(|f| f.fingerprint.len() == 32));
    assert_eq!(r.summary.policy.violations, 2);
    assert_eq!(r.exit_code(), 1);
    assert_eq!(r.summary.by_severity["high"], 2);
    assert_eq!(r.summary.by_analyzer["fake"], 3);
}

#[test]
fn fingerprints_survive_line_shifts() {
    let a = run(
        repo("x = BAD1\n").path(),
        &Config::default(),
        vec![&Fake],
        None,
        false,
    );
    let b = run(
        repo("\n\n\nx = BAD1\n").path(),
        &Config::default(),
        vec![&Fake],
        None,
        false,
    );
    let fa: Vec<_> = a.findings.iter().map(|f| f.fingerprint.clone()).collect();
    let fb: Vec<_> = b.findings.iter().map(|f| f.fingerprint.clone()).collect();
    assert_eq!(fa, fb);
}

#[test]
fn severity_override_disable_and_fail_on() {
    let d = repo("x = BAD1\n");
    let cfg = Config::parse(
        "[policy]\nfail_on = \"critical\"\n[rules.\"fake/high-thing\"]\nseverity = \"critical\"\n[rules.\"fake/low-thing\"]\nenabled = false\n",
        None,
    )
    .unwrap();
    let r = run(d.path(), &cfg, vec![&Fake], None, false);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].severity, Severity::Critical);
    assert_eq!(r.exit_code(), 1);
    let lenient = Config::parse("[policy]\nfail_on = \"never\"\n", None).unwrap();
    assert_eq!(
        run(d.path(), &lenient, vec![&Fake], None, false).exit_code(),
        0
    );
}

#[test]
fn inline_suppression_on_the_line_or_above() {
    let d = repo(
        "x = BAD1 # trustward:ignore[fake/high-thing] test value\n# trustward:ignore[fake/*]\ny = BAD2\nz = BAD3\n",
    );
    let r = run(d.path(), &Config::default(), vec![&Fake], None, false);
    let sup: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.id == "fake/high-thing")
        .map(|f| f.suppressed.as_ref().map(|s| (s.kind, s.reason.clone())))
        .collect();
    assert_eq!(
        sup,
        vec![
            Some((SuppressionKind::Inline, "test value".into())),
            Some((SuppressionKind::Inline, "(no reason given)".into())),
            None
        ]
    );
    assert_eq!(r.summary.policy.violations, 1);
    assert_eq!(r.summary.suppressed, 2);
}

#[test]
fn config_ignores_with_path_and_expiry() {
    let d = repo("x = BAD1\n");
    let cfg = Config::parse(
        "[[ignore]]\nrule = \"fake/high-thing\"\npath = \"secrets.txt\"\nreason = \"accepted\"\nexpires = 2999-01-01\n",
        None,
    )
    .unwrap();
    let r = run(d.path(), &cfg, vec![&Fake], None, false);
    let s = r
        .findings
        .iter()
        .find(|f| f.rule.id == "fake/high-thing")
        .unwrap()
        .suppressed
        .clone()
        .unwrap();
    assert_eq!(
        (s.kind, s.reason.as_str(), s.expires.as_deref()),
        (SuppressionKind::Config, "accepted", Some("2999-01-01"))
    );
    assert_eq!(r.exit_code(), 0);

    let expired = Config::parse(
        "[[ignore]]\nrule = \"fake/high-thing\"\nreason = \"accepted\"\nexpires = 2000-01-01\n",
        Some(Path::new("trustward.toml")),
    )
    .unwrap();
    let r = run(d.path(), &expired, vec![&Fake], None, false);
    assert!(r.findings.iter().all(|f| f.suppressed.is_none()));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("trustward.toml:1:") && w.contains("expired on 2000-01-01")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.exit_code(), 1);

    let other_path = Config::parse(
        "[[ignore]]\nrule = \"fake/high-thing\"\npath = \"src/\"\nreason = \"r\"\n",
        None,
    )
    .unwrap();
    assert_eq!(
        run(d.path(), &other_path, vec![&Fake], None, false).exit_code(),
        1
    );
}

#[test]
fn baseline_hides_recorded_findings_only() {
    let d = repo("x = BAD1\n");
    let first = run(d.path(), &Config::default(), vec![&Fake], None, false);
    let baseline = Baseline::from_findings(&first.findings);
    let reloaded: Baseline = {
        let p = d.path().join("b.json");
        std::fs::write(&p, baseline.to_json()).unwrap();
        Baseline::load(&p).unwrap()
    };
    // The same finding moved down two lines, plus a new one.
    std::fs::write(d.path().join("secrets.txt"), "\n\nx = BAD1\ny = BAD2\n").unwrap();
    let r = run(
        d.path(),
        &Config::default(),
        vec![&Fake],
        Some(&reloaded),
        false,
    );
    let active: Vec<_> = r.active().map(|f| f.location.line).collect();
    assert_eq!(active, vec![Some(4)]);
    assert_eq!(r.summary.suppressed, 2);
}

#[test]
fn not_checked_is_a_warning_and_required_means_exit_3() {
    let d = repo("");
    let cfg = Config::parse("[policy]\nfail_on = \"never\"\n", None).unwrap();
    let r = run(d.path(), &cfg, vec![&Blind], None, false);
    assert_eq!(r.exit_code(), 0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w == "blind: not checked: no data")
    );
    assert_eq!(
        r.not_checked().collect::<Vec<_>>(),
        vec![("blind", "no data")]
    );

    let strict = run(d.path(), &cfg, vec![&Blind], None, true);
    assert_eq!(strict.exit_code(), 3);

    let required = Config::parse(
        "[policy]\nfail_on = \"never\"\nrequire = [\"blind\"]\n",
        None,
    )
    .unwrap();
    assert_eq!(
        run(d.path(), &required, vec![&Blind], None, false).exit_code(),
        3
    );
}

#[test]
fn a_crashing_analyzer_fails_the_scan_not_the_process() {
    let d = repo("x = BAD1\n");
    let cfg = Config::parse("[policy]\nfail_on = \"never\"\n", None).unwrap();
    let r = run(d.path(), &cfg, vec![&Fake, &Crashy], None, false);
    assert_eq!(r.exit_code(), 3);
    assert!(
        r.errors
            .iter()
            .any(|e| e.message.contains("`crashy` crashed: boom"))
    );
    assert_eq!(
        r.findings.len(),
        2,
        "the other analyzer's findings are kept"
    );
}

#[test]
fn validate_config_rejects_unknown_rules_and_tables() {
    let all: Vec<Box<dyn Analyzer>> = vec![Box::new(Fake)];
    let reg = engine::registry_of(&all);
    let ok = Config::parse("[rules.\"fake/low-thing\"]\nseverity = \"info\"\n[[ignore]]\nrule = \"fake/*\"\nreason = \"r\"\n", None).unwrap();
    engine::validate_config(&ok, &reg, &all).unwrap();
    let bad = Config::parse("\n[rules.\"fake/low-thin\"]\nseverity = \"info\"\n", None).unwrap();
    let e = engine::validate_config(&bad, &reg, &all).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("did you mean fake/low-thing"), "{e}");
    let table = Config::parse("[fak]\nx = 1\n", None).unwrap();
    assert!(
        engine::validate_config(&table, &reg, &all)
            .unwrap_err()
            .message
            .contains("unknown table [fak]")
    );
    let req = Config::parse("[policy]\nrequire = [\"vulns\"]\n", None).unwrap();
    assert!(
        engine::validate_config(&req, &reg, &all)
            .unwrap_err()
            .message
            .contains("unknown analyzer `vulns`")
    );
}

/// Reads every `*.lock` file and reports the ones starting with `BROKEN` as unreadable.
struct Partial;
impl Analyzer for Partial {
    fn name(&self) -> &'static str {
        "partial"
    }
    fn description(&self) -> &'static str {
        "cannot read some files"
    }
    fn rules(&self) -> Vec<&'static Rule> {
        vec![]
    }
    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        let mut out = AnalyzerOutput::default();
        for e in ctx.files.by_name(|n| n.ends_with(".lock")) {
            if ctx
                .files
                .read_text(&e.rel)
                .unwrap_or_default()
                .starts_with("BROKEN")
            {
                out.errors.push(trustward_core::ScanError::new(
                    format!("{}:1", e.rel),
                    "does not parse",
                ));
            }
        }
        out
    }
}

#[test]
fn an_analyzer_with_errors_is_incomplete_and_fails_closed() {
    use trustward_core::AnalyzerStatus;
    let d = repo("");
    std::fs::create_dir_all(d.path().join("fixtures")).unwrap();
    std::fs::write(d.path().join("a.lock"), "BROKEN").unwrap();
    std::fs::write(d.path().join("fixtures/b.lock"), "BROKEN").unwrap();
    let cfg = Config::default();
    let r = run(d.path(), &cfg, vec![&Partial], None, false);
    assert_eq!(
        r.analyzers[0].status,
        AnalyzerStatus::Incomplete {
            unread: vec!["a.lock:1".into(), "fixtures/b.lock:1".into()]
        }
    );
    assert!(r.summary.policy.passed);
    assert_eq!(r.summary.policy.incomplete, vec!["partial"]);
    assert_eq!(r.exit_code(), 3, "passed, INCOMPLETE exits 3 by default");

    let allow = Config::parse("[policy]\nallow_incomplete = true\n", None).unwrap();
    let r = run(d.path(), &allow, vec![&Partial], None, false);
    assert!(matches!(
        r.analyzers[0].status,
        AnalyzerStatus::Incomplete { .. }
    ));
    assert_eq!(r.exit_code(), 0, "allowed, but still reported");
    assert_eq!(
        run(d.path(), &allow, vec![&Partial], None, true).exit_code(),
        3
    );
    let required = Config::parse(
        "[policy]\nallow_incomplete = true\nrequire = [\"partial\"]\n",
        None,
    )
    .unwrap();
    let r = run(d.path(), &required, vec![&Partial], None, false);
    assert_eq!(r.exit_code(), 3);
    assert_eq!(
        r.summary.policy.unmet_requirements,
        vec!["partial (incomplete)"]
    );

    // Excluded paths: not listed for analyzers, and their errors do not count.
    std::fs::remove_file(d.path().join("a.lock")).unwrap();
    let excl = Config::parse("[scan]\nexclude = [\"fixtures/**\"]\n", None).unwrap();
    let files = FileIndex::new(d.path()).with_exclude(&excl.scan);
    assert!(!files.exists("fixtures/b.lock"));
    let r = run(d.path(), &excl, vec![&Partial], None, true);
    assert_eq!(
        r.analyzers[0].status,
        AnalyzerStatus::Checked,
        "only errors under excluded paths"
    );
    assert_eq!(r.exit_code(), 0);
}
