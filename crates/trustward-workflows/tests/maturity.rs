//! Every maturity check of the workflows analyzer has a fixture where it is met and one
//! where it is not, written from the check's own definition.

use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::maturity::CheckStatus;
use trustward_core::{Analyzer, AnalyzerOutput, Config, ScanContext};
use trustward_workflows::WorkflowsAnalyzer;
use trustward_workflows::maturity::CHECKS;

fn run(files: &[(&str, &str)]) -> AnalyzerOutput {
    let dir = tempfile::tempdir().unwrap();
    for (rel, content) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    let index = FileIndex::new(dir.path());
    WorkflowsAnalyzer.run(&ScanContext {
        files: &index,
        config: &Config::default(),
        progress: &NoProgress,
        verbose: false,
    })
}

fn status(out: &AnalyzerOutput, id: &str) -> CheckStatus {
    let ev: Vec<_> = out.evidence.iter().filter(|e| e.check == id).collect();
    assert_eq!(ev.len(), 1, "{id}: {ev:?}");
    ev[0].status.clone()
}

const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

fn pr_workflow(steps: &str) -> String {
    format!(
        "on: pull_request\npermissions:\n  contents: read\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{SHA}\n{steps}"
    )
}

fn release_workflow(steps: &str) -> String {
    format!(
        "on:\n  push:\n    tags: ['v*']\npermissions:\n  contents: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{SHA}\n{steps}"
    )
}

const CI: &str = ".github/workflows/ci.yml";

#[test]
fn every_check_has_a_met_and_a_not_met_fixture() {
    let plain = pr_workflow("      - run: echo hello\n");
    type Files = Vec<(&'static str, String)>;
    let cases: Vec<(&str, Files, Files)> = vec![
        ("workflows/tests-on-pull-requests", vec![(CI, pr_workflow("      - run: cargo test --workspace\n"))], vec![(CI, plain.clone())]),
        ("workflows/sast-on-pull-requests", vec![(CI, pr_workflow(&format!("      - uses: github/codeql-action/analyze@{SHA}\n")))], vec![(CI, plain.clone())]),
        ("workflows/dependency-scan-on-pull-requests", vec![(CI, pr_workflow("      - run: cargo deny check advisories\n"))], vec![(CI, plain.clone())]),
        ("workflows/fuzzing", vec![("fuzz/Cargo.toml", "[dependencies]\nlibfuzzer-sys = \"0.4\"\n".into())], vec![(CI, plain.clone())]),
        ("workflows/actions-pinned", vec![(CI, plain.clone())], vec![(CI, pr_workflow("      - uses: actions/setup-node@v4\n"))]),
        ("workflows/token-permissions-declared", vec![(CI, plain.clone())], vec![(CI, "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n".into())]),
        ("workflows/untrusted-input-handled", vec![(CI, plain.clone())], vec![(CI, pr_workflow("      - run: echo \"${{ github.event.pull_request.title }}\"\n"))]),
        ("workflows/releases-signed", vec![(".github/workflows/release.yml", release_workflow(&format!("      - uses: actions/attest-build-provenance@{SHA}\n        with:\n          subject-path: dist/*\n")))], vec![(".github/workflows/release.yml", release_workflow("      - run: make dist\n"))]),
        ("workflows/sbom-with-releases", vec![(".github/workflows/release.yml", release_workflow("      - run: syft . -o cyclonedx-json > sbom.json\n"))], vec![(".github/workflows/release.yml", release_workflow("      - run: make dist\n"))]),
    ];
    for c in CHECKS {
        assert!(
            cases.iter().any(|(id, _, _)| *id == c.id),
            "{} has no fixture",
            c.id
        );
    }
    for (id, met, not_met) in &cases {
        let met: Vec<(&str, &str)> = met.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let out = run(&met);
        assert_eq!(
            status(&out, id),
            CheckStatus::Met,
            "{id} met: {:?}",
            out.evidence
        );
        let not: Vec<(&str, &str)> = not_met.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let out = run(&not);
        assert_eq!(
            status(&out, id),
            CheckStatus::NotMet,
            "{id} not met: {:?}",
            out.evidence
        );
    }
}

#[test]
fn other_ci_is_not_evaluated_and_no_workflow_is_not_applicable() {
    let out = run(&[(".gitlab-ci.yml", "test:\n  script: make test\n")]);
    assert!(matches!(
        status(&out, "workflows/tests-on-pull-requests"),
        CheckStatus::NotEvaluated { .. }
    ));
    assert!(matches!(
        status(&out, "workflows/actions-pinned"),
        CheckStatus::NotApplicable { .. }
    ));
    let out = run(&[("README.md", "x")]);
    assert_eq!(
        status(&out, "workflows/tests-on-pull-requests"),
        CheckStatus::NotMet
    );
}

#[test]
fn fixture_workflows_are_not_the_projects_ci() {
    let wf = pr_workflow("      - run: cargo test\n");
    let out = run(&[("tests/fixtures/x/.github/workflows/ci.yml", wf.as_str())]);
    assert_eq!(
        status(&out, "workflows/tests-on-pull-requests"),
        CheckStatus::NotMet
    );
}
