//! Input the workflows analyzer needed and could not read is an error, never a silent skip.

use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};
use trustward_workflows::WorkflowsAnalyzer;

fn run(files: &FileIndex) -> trustward_core::AnalyzerOutput {
    let config = Config::default();
    WorkflowsAnalyzer.run(&ScanContext {
        files,
        config: &config,
        progress: &trustward_core::analyzer::NoProgress,
        verbose: false,
    })
}

#[cfg(unix)]
#[test]
fn symlinked_workflows_are_reported_not_skipped() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("ci.yml"),
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
    )
    .unwrap();
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join(".github")).unwrap();
    std::os::unix::fs::symlink(outside.path(), d.path().join(".github/workflows")).unwrap();
    let out = run(&FileIndex::new(d.path()));
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].path, ".github/workflows");
    assert!(out.errors[0].message.contains("symbolic link"));
    assert_eq!(out.status, None, "not 'not applicable'");

    // A workflow file that is a link, beside a real one.
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join(".github/workflows")).unwrap();
    std::fs::copy(
        outside.path().join("ci.yml"),
        d.path().join(".github/workflows/real.yml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("ci.yml"),
        d.path().join(".github/workflows/linked.yml"),
    )
    .unwrap();
    let out = run(&FileIndex::new(d.path()));
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].path, ".github/workflows/linked.yml");
}

#[test]
fn unparseable_workflow_is_an_error_with_its_line() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join(".github/workflows")).unwrap();
    std::fs::write(
        d.path().join(".github/workflows/bad.yml"),
        "on: push\njobs:\n  a:\n    runs-on: [ubuntu\n",
    )
    .unwrap();
    let out = run(&FileIndex::new(d.path()));
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(out.errors[0].path.starts_with(".github/workflows/bad.yml:"));
}
