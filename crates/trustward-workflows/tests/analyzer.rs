//! The analyzer over a directory and over a single file.

use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, AnalyzerStatus, Config, ScanContext};
use trustward_workflows::WorkflowsAnalyzer;

fn run(files: &FileIndex) -> trustward_core::AnalyzerOutput {
    let config = Config::default();
    let ctx = ScanContext {
        files,
        config: &config,
        progress: &trustward_core::analyzer::NoProgress,
        verbose: false,
    };
    WorkflowsAnalyzer.run(&ctx)
}

#[test]
fn directory_scan_reads_workflows_and_dockerfiles() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/repo");
    let out = run(&FileIndex::new(std::path::Path::new(root)));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // 4 from the original rules + concurrency-limits, undocumented-permissions and
    // anonymous-definition (the job has no name)
    assert_eq!(out.findings.len(), 7);
    assert!(
        out.findings
            .iter()
            .all(|f| f.location.path.as_deref() == Some(".github/workflows/ci.yml"))
    );
}

#[test]
fn single_file_is_audited_alone() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/workflows");
    let out = run(&FileIndex::single_file(
        std::path::Path::new(dir),
        "pinning.yml",
    ));
    // 10 + three anonymous-definition (the workflow and its two jobs have no name)
    assert_eq!(out.findings.len(), 13);
    let out = run(&FileIndex::single_file(
        std::path::Path::new(dir),
        "invalid.yml",
    ));
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].path, "invalid.yml:3");
}

#[test]
fn empty_directory_is_not_applicable() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("README.md"), "hi").unwrap();
    let out = run(&FileIndex::new(d.path()));
    assert_eq!(out.status, Some(AnalyzerStatus::NotApplicable));
}
