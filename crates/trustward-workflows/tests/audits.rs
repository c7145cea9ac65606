//! The audits added for parity with zizmor's documented audit list: each rule's
//! positives and near misses in `fixtures/audits/`, with positions counted by hand
//! from the fixture text.

use trustward_core::{Confidence, Finding, Severity};
use trustward_workflows::Settings;
use trustward_workflows::analyzer::scan_text;
use trustward_workflows::discover::Kind;

fn scan(name: &str, settings: &Settings) -> Vec<Finding> {
    let p = format!(
        "{}/tests/fixtures/audits/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    scan_text(name, &text, Kind::Workflow, settings).expect("scans")
}

/// (line, column) of every finding of `rule`, sorted.
fn at(f: &[Finding], rule: &str) -> Vec<(u32, u32)> {
    let mut v: Vec<_> = f
        .iter()
        .filter(|x| x.rule.id == rule)
        .map(|x| (x.location.line.unwrap(), x.location.column.unwrap()))
        .collect();
    v.sort_unstable();
    v
}

fn find<'a>(f: &'a [Finding], rule: &str, line: u32) -> &'a Finding {
    f.iter()
        .find(|x| x.rule.id == rule && x.location.line == Some(line))
        .unwrap_or_else(|| panic!("no {rule} at line {line}"))
}

#[test]
fn adhoc_packages() {
    let f = scan("adhoc_packages.yml", &Settings::default());
    // pip, npm -g, cargo, go @latest, gem; never the pinned/lockfile/local forms (17-26)
    assert_eq!(
        at(&f, "workflows/adhoc-packages"),
        [(9, 26), (12, 26), (13, 25), (14, 22), (15, 23)]
    );
    assert!(
        find(&f, "workflows/adhoc-packages", 9)
            .message
            .contains("`build`")
    );
}

#[test]
fn github_app() {
    let f = scan("github_app.yml", &Settings::default());
    // no permission-* on the `uses:` line, owner without repositories on `owner:`;
    // the narrowed token (14-20) is silent
    assert_eq!(at(&f, "workflows/github-app"), [(9, 15), (13, 11)]);
}

#[test]
fn typosquatting() {
    let f = scan("typosquatting.yml", &Settings::default());
    assert_eq!(
        at(&f, "workflows/typosquatting"),
        [(9, 15), (10, 15), (11, 15)]
    );
    assert!(
        find(&f, "workflows/typosquatting", 11)
            .message
            .contains("docker/build-push-action")
    );
}

#[test]
fn unpinned_tools() {
    let f = scan("unpinned_tools.yml", &Settings::default());
    // latest, 3.x, ^1.22; exact versions, version files and expressions are silent
    assert_eq!(
        at(&f, "workflows/unpinned-tools"),
        [(11, 25), (14, 27), (17, 23)]
    );
}

#[test]
fn misfeature() {
    let f = scan("misfeature.yml", &Settings::default());
    // defaults.run.shell: cmd, step shell: cmd, --extra-index-url, PIP_EXTRA_INDEX_URL;
    // pwsh and --index-url are silent
    assert_eq!(
        at(&f, "workflows/misfeature"),
        [(6, 12), (12, 16), (14, 26), (16, 11)]
    );
}

#[test]
fn insecure_url() {
    let f = scan("insecure_url.yml", &Settings::default());
    // http:// download, git:// clone, http registry input; an echoed URL, localhost and
    // https are silent
    assert_eq!(
        at(&f, "workflows/insecure-url"),
        [(9, 35), (11, 21), (18, 25)]
    );
}

#[test]
fn unsound_contains_and_ternary() {
    let f = scan("conditions.yml", &Settings::default());
    assert_eq!(at(&f, "workflows/unsound-contains"), [(8, 9), (10, 13)]);
    // a branch list checked against github.ref is high; against event_name low
    assert_eq!(
        find(&f, "workflows/unsound-contains", 8).severity,
        Severity::High
    );
    assert_eq!(
        find(&f, "workflows/unsound-contains", 10).severity,
        Severity::Low
    );
    assert_eq!(at(&f, "workflows/unsound-ternary"), [(19, 16), (21, 16)]);
    assert_eq!(
        find(&f, "workflows/unsound-ternary", 19).confidence,
        Confidence::High
    );
    assert_eq!(
        find(&f, "workflows/unsound-ternary", 21).confidence,
        Confidence::Medium
    );
}

#[test]
fn obfuscation() {
    let f = scan("obfuscation.yml", &Settings::default());
    // `/./`, `..`, `//` in uses and a constant format(); plain forms and `if: true` silent
    assert_eq!(
        at(&f, "workflows/obfuscation"),
        [(9, 15), (10, 15), (11, 15), (12, 14)]
    );
}

#[test]
fn forbidden_uses_only_when_configured() {
    assert!(
        at(
            &scan("forbidden_uses.yml", &Settings::default()),
            "workflows/forbidden-uses"
        )
        .is_empty()
    );
    let s = Settings {
        forbidden_uses: vec!["tj-actions/*".into(), "evil-org/workflows".into()],
        ..Settings::default()
    };
    let f = scan("forbidden_uses.yml", &s);
    assert_eq!(at(&f, "workflows/forbidden-uses"), [(9, 15), (13, 11)]);
}

#[test]
fn privileged_workflow_without_limits_or_documentation() {
    let f = scan("privileged.yml", &Settings::default());
    assert_eq!(at(&f, "workflows/concurrency-limits"), [(2, 3)]);
    // line 11 has a comment above, line 12 a trailing one
    assert_eq!(at(&f, "workflows/undocumented-permissions"), [(5, 3)]);
    assert_eq!(at(&f, "workflows/anonymous-definition"), [(1, 1), (7, 3)]);
    let ok = scan("privileged_ok.yml", &Settings::default());
    for rule in [
        "workflows/concurrency-limits",
        "workflows/undocumented-permissions",
        "workflows/anonymous-definition",
    ] {
        assert!(at(&ok, rule).is_empty(), "{rule}");
    }
}

#[test]
fn composite_action_env_file_writes_from_inputs_and_events() {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/audits/composite/action.yml"
    );
    let text = std::fs::read_to_string(p).unwrap();
    let f = scan_text("action.yml", &text, Kind::Action, &Settings::default()).unwrap();
    // inputs.* and github.event data written to $GITHUB_ENV/$GITHUB_PATH; the literal
    // write (line 13) and the env-passed input (15-18) are silent
    assert_eq!(at(&f, "workflows/github-env"), [(9, 52), (11, 54)]);
    assert_eq!(at(&f, "workflows/template-injection"), [(9, 28), (11, 18)]);
}

/// Every rule added here has a positive fixture in `fixtures/audits/`.
#[test]
fn every_audit_has_a_positive_fixture() {
    let s = Settings {
        forbidden_uses: vec!["tj-actions/*".into()],
        ..Settings::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audits");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".yml") {
            continue;
        }
        for f in scan(&name, &s) {
            assert!(f.remediation.is_some(), "{}", f.rule.id);
            seen.insert(f.rule.id);
        }
    }
    for r in trustward_workflows::rules::audits() {
        assert!(seen.contains(r.id), "{} has no positive fixture", r.id);
    }
}

/// Workflows written to be safe (minimal documented permissions, SHA pins,
/// `persist-credentials: false`, attacker data through `env:`, concurrency groups,
/// trusted publishing) produce no finding of any rule at any confidence.
#[test]
fn clean_corpus_has_no_findings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        let f = scan_text(&name, &text, Kind::Workflow, &Settings::default()).expect("scans");
        let shown: Vec<_> = f
            .iter()
            .map(|x| (x.rule.id, x.location.line, x.message.clone()))
            .collect();
        assert!(f.is_empty(), "{name}: {shown:#?}");
        n += 1;
    }
    assert!(n >= 3);
}
