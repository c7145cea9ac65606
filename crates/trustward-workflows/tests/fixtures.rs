//! Behaviour tests over the hand-written fixture corpus: each rule's positives with
//! exact positions, and the near-misses that must stay silent. Expected positions were
//! counted by hand from the fixture text.

use trustward_core::{Confidence, Finding, Severity};
use trustward_workflows::Settings;
use trustward_workflows::analyzer::scan_text;
use trustward_workflows::discover::Kind;

type Hit = (&'static str, u32, u32, u32, u32);

fn fixture(rel: &str) -> String {
    let p = format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Rules added after these fixtures were written, tested in `audits.rs`: left out here
/// so each test below stays about its own rule.
const LATER: &[&str] = &[
    "workflows/anonymous-definition",
    "workflows/concurrency-limits",
    "workflows/undocumented-permissions",
];

fn run(rel: &str, kind: Kind) -> Vec<Finding> {
    let mut f = scan_text(rel, &fixture(rel), kind, &Settings::default()).expect("scans");
    f.retain(|x| !LATER.contains(&x.rule.id));
    f
}

fn hits(findings: &[Finding]) -> Vec<Hit> {
    let mut v: Vec<Hit> = findings
        .iter()
        .map(|f| {
            let l = &f.location;
            (
                f.rule.id,
                l.line.unwrap(),
                l.column.unwrap(),
                l.end_line.unwrap(),
                l.end_column.unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<Hit>) -> Vec<Hit> {
    v.sort();
    v
}

fn find<'a>(f: &'a [Finding], rule: &str, line: u32) -> &'a Finding {
    f.iter()
        .find(|x| x.rule.id == rule && x.location.line == Some(line))
        .unwrap_or_else(|| panic!("no {rule} at line {line}"))
}

#[test]
fn template_injection_positions_and_near_misses() {
    let f = run("workflows/injection.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/template-injection", 14, 17, 14, 48),
            ("workflows/template-injection", 25, 20, 25, 53),
            ("workflows/template-injection", 29, 26, 29, 56),
            ("workflows/template-injection", 32, 11, 32, 43),
        ])
    );
    let derived = find(&f, "workflows/template-injection", 25);
    assert_eq!(derived.confidence, Confidence::Medium);
    let direct = find(&f, "workflows/template-injection", 14);
    assert_eq!(direct.confidence, Confidence::High);
    let fix = direct.remediation.as_deref().unwrap();
    assert!(
        fix.contains("ISSUE_TITLE: ${{ github.event.issue.title }}"),
        "{fix}"
    );
    assert!(fix.contains("\"$ISSUE_TITLE\""), "{fix}");
}

#[test]
fn pull_request_target_checkout_of_head() {
    let f = run("workflows/pwn_request.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/dangerous-trigger", 12, 16, 12, 57),
            ("workflows/checkout-persist-credentials", 10, 15, 10, 72),
            ("workflows/secrets-in-privileged-trigger", 15, 22, 15, 46),
        ])
    );
    assert_eq!(
        find(&f, "workflows/checkout-persist-credentials", 10).severity,
        Severity::High
    );
    assert_eq!(
        find(&f, "workflows/secrets-in-privileged-trigger", 15).severity,
        Severity::High
    );
}

#[test]
fn pull_request_target_that_only_labels_is_fine() {
    assert_eq!(
        hits(&run("workflows/label_only.yml", Kind::Workflow)),
        vec![]
    );
}

#[test]
fn permissions() {
    let f = run("workflows/permissions.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/excessive-permissions", 3, 3, 3, 8),
            ("workflows/excessive-permissions", 9, 18, 9, 27),
            ("workflows/excessive-permissions", 15, 7, 15, 15),
        ])
    );
    assert_eq!(
        find(&f, "workflows/excessive-permissions", 9).severity,
        Severity::High
    );
}

#[test]
fn pinning_images_mismatch_and_inherit() {
    let f = run("workflows/pinning.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/unpinned-image", 7, 14, 7, 25),
            ("workflows/unpinned-uses", 12, 15, 12, 34),
            ("workflows/unpinned-uses", 15, 15, 15, 40),
            ("workflows/unpinned-uses", 16, 15, 16, 32),
            ("workflows/unpinned-image", 17, 15, 17, 35),
            ("workflows/ref-version-mismatch", 20, 15, 20, 69),
            ("workflows/unpinned-uses", 21, 15, 21, 31),
            ("workflows/ref-version-mismatch", 21, 15, 21, 31),
            ("workflows/unpinned-uses", 23, 11, 23, 49),
            ("workflows/secrets-inherit", 24, 14, 24, 21),
        ])
    );
    assert_eq!(
        find(&f, "workflows/unpinned-uses", 12).severity,
        Severity::Low
    );
    assert_eq!(
        find(&f, "workflows/unpinned-uses", 15).severity,
        Severity::High
    );
    assert_eq!(
        find(&f, "workflows/unpinned-uses", 16).severity,
        Severity::Medium
    );
    assert_eq!(
        find(&f, "workflows/unpinned-image", 7).severity,
        Severity::High
    );
}

#[test]
fn allow_ref_pinned_setting() {
    let s = Settings {
        allow_ref_pinned: vec!["actions/*".into(), "other/tool".into()],
        ..Default::default()
    };
    let f = scan_text(
        "p.yml",
        &fixture("workflows/pinning.yml"),
        Kind::Workflow,
        &s,
    )
    .unwrap();
    let lines: Vec<u32> = f
        .iter()
        .filter(|x| x.rule.id == "workflows/unpinned-uses")
        .map(|x| x.location.line.unwrap())
        .collect();
    assert_eq!(lines, vec![15, 21, 23]);
}

#[test]
fn secrets_credentials_commands_runners_curl() {
    let f = run("workflows/secrets.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/insecure-commands", 6, 3, 6, 34),
            ("workflows/self-hosted-runner", 9, 15, 9, 26),
            ("workflows/hardcoded-container-credentials", 14, 19, 14, 26),
            ("workflows/secret-exposure", 22, 20, 22, 42),
            ("workflows/curl-pipe-shell", 26, 14, 26, 71),
            ("workflows/secret-exposure", 28, 16, 28, 38),
        ])
    );
}

#[test]
fn release_cache_and_publish_tokens() {
    let f = run("workflows/release.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/cache-poisoning", 13, 18, 13, 21),
            ("workflows/long-lived-publish-token", 16, 21, 16, 50),
            ("workflows/long-lived-publish-token", 33, 11, 33, 26),
        ])
    );
}

#[test]
fn workflow_run_artifacts_and_github_env() {
    let f = run("workflows/workflow_run.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/dangerous-trigger", 11, 15, 11, 81),
            ("workflows/github-env", 15, 49, 15, 60),
            ("workflows/github-env", 16, 76, 16, 87),
            ("workflows/template-injection", 16, 27, 16, 71),
        ])
    );
    assert_eq!(
        find(&f, "workflows/github-env", 15).confidence,
        Confidence::Medium
    );
    assert_eq!(
        find(&f, "workflows/github-env", 16).confidence,
        Confidence::High
    );
}

#[test]
fn non_workflow_yaml_is_ignored() {
    assert!(run("workflows/not_a_workflow.yml", Kind::Workflow).is_empty());
}

#[test]
fn invalid_yaml_is_an_error_with_line() {
    let e = scan_text(
        "w/invalid.yml",
        &fixture("workflows/invalid.yml"),
        Kind::Workflow,
        &Settings::default(),
    )
    .unwrap_err();
    assert_eq!(e.path, "w/invalid.yml:3", "{e:?}");
    assert!(e.message.starts_with("invalid YAML"), "{e:?}");
}

#[test]
fn alias_bomb_is_bounded() {
    let e = scan_text(
        "bomb.yml",
        &fixture("workflows/alias_bomb.yml"),
        Kind::Workflow,
        &Settings::default(),
    )
    .unwrap_err();
    assert!(e.message.contains("alias expansion limit"), "{e:?}");
    assert!(e.path.starts_with("bomb.yml:"), "{e:?}");
}

#[test]
fn composite_and_docker_actions() {
    let f = run("actions/composite/action.yml", Kind::Action);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/template-injection", 9, 18, 9, 39),
            ("workflows/unpinned-uses", 11, 13, 11, 29),
        ])
    );
    assert_eq!(
        find(&f, "workflows/template-injection", 9).severity,
        Severity::Low
    );
    let f = run("actions/docker/action.yml", Kind::Action);
    assert_eq!(hits(&f), vec![("workflows/unpinned-image", 4, 10, 4, 42)]);
}

#[test]
fn dependabot() {
    let f = run("dependabot.yml", Kind::Dependabot);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/dependabot-insecure-execution", 7, 39, 7, 44),
            ("workflows/dependabot-cooldown", 3, 5, 3, 22),
        ])
    );
}

#[test]
fn dockerfile_rules() {
    let f = run("docker/Dockerfile", Kind::Dockerfile);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/dockerfile-unpinned-base", 2, 6, 2, 17),
            ("workflows/dockerfile-secret-in-env", 3, 5, 3, 17),
            ("workflows/dockerfile-curl-pipe-shell", 4, 5, 4, 49),
            ("workflows/dockerfile-unpinned-packages", 5, 23, 7, 31),
            ("workflows/dockerfile-add-url", 8, 5, 8, 36),
            ("workflows/dockerfile-unpinned-base", 11, 6, 11, 12),
            ("workflows/dockerfile-root-user", 11, 1, 11, 5),
            ("workflows/dockerfile-secret-in-env", 12, 5, 12, 14),
        ])
    );
    assert_eq!(
        find(&f, "workflows/dockerfile-unpinned-base", 2).severity,
        Severity::Low
    );
    assert_eq!(
        find(&f, "workflows/dockerfile-unpinned-base", 11).severity,
        Severity::Medium
    );
    assert_eq!(
        find(&f, "workflows/dockerfile-secret-in-env", 12).severity,
        Severity::High
    );
}

#[test]
fn dockerfile_heredoc_and_near_misses() {
    let f = run("docker/heredoc.Dockerfile", Kind::Dockerfile);
    assert_eq!(
        hits(&f),
        vec![("workflows/dockerfile-curl-pipe-shell", 4, 1, 4, 42)]
    );
    assert!(run("docker/Containerfile", Kind::Dockerfile).is_empty());
}

#[test]
fn context_grading_and_archived_actions() {
    let f = run("workflows/contexts.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/archived-action", 13, 15, 13, 76),
            ("workflows/template-injection", 17, 19, 17, 43),
            ("workflows/template-injection", 17, 44, 17, 66),
            ("workflows/template-injection", 24, 19, 24, 39),
        ])
    );
    let at = |col: u32| {
        f.iter()
            .find(|x| x.location.line == Some(17) && x.location.column == Some(col))
            .unwrap()
            .severity
    };
    assert_eq!(at(19), Severity::Info);
    assert_eq!(at(44), Severity::Medium);
}

#[test]
fn workflow_level_write_and_read_all() {
    let f = run("workflows/workflow_perms.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/excessive-permissions", 3, 3, 3, 9),
            ("workflows/excessive-permissions", 12, 18, 12, 26),
        ])
    );
}

#[test]
fn bot_and_unsound_conditions() {
    let f = run("workflows/conditions.yml", Kind::Workflow);
    assert_eq!(
        hits(&f),
        sorted(vec![
            ("workflows/bot-condition", 7, 9, 7, 42),
            ("workflows/unsound-condition", 16, 13, 16, 82),
            ("workflows/unsound-condition", 21, 11, 21, 45),
        ])
    );
    assert_eq!(
        find(&f, "workflows/bot-condition", 7).severity,
        Severity::High
    );
}

/// Every finding carries its own remediation snippet, not only the rule's one-liner.
#[test]
fn every_finding_has_a_fixed_snippet() {
    let cases = [
        ("workflows/injection.yml", Kind::Workflow),
        ("workflows/pwn_request.yml", Kind::Workflow),
        ("workflows/permissions.yml", Kind::Workflow),
        ("workflows/pinning.yml", Kind::Workflow),
        ("workflows/secrets.yml", Kind::Workflow),
        ("workflows/release.yml", Kind::Workflow),
        ("workflows/workflow_run.yml", Kind::Workflow),
        ("workflows/contexts.yml", Kind::Workflow),
        ("workflows/conditions.yml", Kind::Workflow),
        ("workflows/workflow_perms.yml", Kind::Workflow),
        ("actions/composite/action.yml", Kind::Action),
        ("actions/docker/action.yml", Kind::Action),
        ("dependabot.yml", Kind::Dependabot),
        ("docker/Dockerfile", Kind::Dockerfile),
        ("docker/heredoc.Dockerfile", Kind::Dockerfile),
    ];
    let mut rules = std::collections::BTreeSet::new();
    for (rel, kind) in cases {
        for f in run(rel, kind) {
            assert!(
                f.remediation.is_some(),
                "{} at {rel}:{:?}",
                f.rule.id,
                f.location.line
            );
            assert!(!f.key.is_empty(), "{} has no fingerprint key", f.rule.id);
            rules.insert(f.rule.id);
        }
    }
    // the corpus exercises every rule
    // (the audits added later have their own corpus and check in audits.rs)
    let later: Vec<&str> = trustward_workflows::rules::audits()
        .iter()
        .map(|r| r.id)
        .collect();
    let all: std::collections::BTreeSet<_> = trustward_workflows::rules::all()
        .iter()
        .map(|r| r.id)
        .filter(|id| !later.contains(id))
        .collect();
    let missing: Vec<_> = all.difference(&rules).collect();
    assert!(
        missing.is_empty(),
        "rules without a positive fixture: {missing:?}"
    );
}
