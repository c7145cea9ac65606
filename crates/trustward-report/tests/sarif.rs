//! SARIF 2.1.0: valid against the OASIS schema, and what GitHub code scanning needs on top.

mod common;

use serde_json::{Value, json};
use trustward_core::Report;
use trustward_report::{Format, RenderOptions, render};

/// The OASIS schema in `shared/data/schemas`: `../shared` beside the repository, which
/// is `/work/shared` both from `/work/main` and from a worktree under `/work/wt/`.
fn schema_path() -> std::path::PathBuf {
    const REL: &str = "shared/data/schemas/sarif/sarif-schema-2.1.0.json";
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(2)
        .map(|dir| dir.join(REL))
        .find(|p| p.is_file())
        .expect("shared/data/schemas/sarif/sarif-schema-2.1.0.json beside the repository")
}

fn sarif_of(report: &Report) -> Value {
    let text = render(
        report,
        &common::registry(),
        Format::Sarif,
        &RenderOptions::default(),
    );
    assert!(text.ends_with("}\n"));
    serde_json::from_str(&text).unwrap()
}

fn assert_schema_valid(log: &Value) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
}

/// What GitHub code scanning checks beyond the schema.
fn assert_github_acceptable(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in rules {
        let sev: f64 = r["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
    }
    for res in run["results"].as_array().unwrap() {
        assert!(!res["message"]["text"].as_str().unwrap().trim().is_empty());
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[idx]["id"], res["ruleId"],
            "ruleIndex points at its rule"
        );
        let locs = res["locations"].as_array().unwrap();
        assert!(!locs.is_empty());
        let phys = &locs[0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.is_empty() && !uri.starts_with('/') && !uri.contains("://"));
        assert!(!uri.contains(' ') && !uri.contains('#'), "{uri}");
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        if let Some(region) = phys.get("region") {
            assert!(region["startLine"].as_u64().unwrap() >= 1);
        }
        assert!(
            !res["partialFingerprints"]["trustward/v1"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
}

#[test]
fn sample_is_schema_valid_and_github_acceptable() {
    let log = sarif_of(&common::sample());
    assert_schema_valid(&log);
    assert_github_acceptable(&log);
}

#[test]
fn other_reports_are_schema_valid() {
    for r in [common::clean(), common::unmet(), common::hostile()] {
        let log = sarif_of(&r);
        assert_schema_valid(&log);
        assert_github_acceptable(&log);
    }
}

#[test]
fn driver_lists_every_fired_rule_once() {
    let log = sarif_of(&common::sample());
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "trustward");
    assert_eq!(driver["version"], "0.1.0");
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "posture/test-changelog-missing",
            "posture/test-note",
            "posture/test-policy-missing",
            "secrets/test-token",
            "workflows/test-baselined",
            "workflows/test-unpinned-action"
        ],
        "sorted, once each, including a rule with only suppressed findings"
    );
    let token = &driver["rules"][3];
    assert_eq!(token["name"], "SecretsTestToken");
    assert_eq!(
        token["shortDescription"]["text"],
        "A test token is committed"
    );
    assert_eq!(
        token["fullDescription"]["text"],
        "Finds test tokens committed to the repository."
    );
    let help = common::TOKEN.help_markdown();
    assert_eq!(token["help"], json!({"text": help, "markdown": help}));
    assert_eq!(token["helpUri"], "https://example.org/tokens");
    assert_eq!(token["defaultConfiguration"]["level"], "error");
    assert_eq!(
        token["properties"],
        json!({
            "tags": ["secrets", "security-testing", "basic", "security"],
            "security-severity": "9.5",
            "precision": "high"
        })
    );
    let level_of = |i: usize| driver["rules"][i]["defaultConfiguration"]["level"].clone();
    assert_eq!(level_of(0), "note"); // low
    assert_eq!(level_of(1), "note"); // info
    assert_eq!(level_of(2), "error"); // high
    assert_eq!(level_of(5), "warning"); // medium
    assert_eq!(driver["rules"][5]["properties"]["precision"], "medium");
    assert_eq!(driver["rules"][1]["properties"]["security-severity"], "0.0");
}

#[test]
fn results_locations_fingerprints_and_suppressions() {
    let report = common::sample();
    let log = sarif_of(&report);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());

    for (res, f) in results.iter().zip(&report.findings) {
        assert_eq!(res["ruleId"], f.rule.id);
        assert_eq!(
            res["partialFingerprints"]["trustward/v1"],
            f.fingerprint.as_str()
        );
        assert_eq!(res["message"]["text"], f.message.as_str());
    }

    let by_path = |p: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == p)
            .unwrap()
    };
    let token = by_path("src/config.rs");
    assert_eq!(token["level"], "error");
    assert_eq!(
        token["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 45})
    );
    assert!(token.get("suppressions").is_none());

    let history = by_path("old/key.txt");
    assert_eq!(
        history["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 2})
    );
    assert_eq!(
        history["properties"]["commit"],
        "0123456789abcdef0123456789abcdef01234567"
    );

    // Repository-level findings (no path, or the root itself) point at README.md without
    // a region.
    let repo_level: Vec<&Value> = results
        .iter()
        .filter(|r| r["properties"]["repositoryLevel"] == true)
        .collect();
    assert_eq!(repo_level.len(), 2);
    for r in repo_level {
        let phys = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            phys["artifactLocation"]["uri"],
            trustward_report::REPOSITORY_LEVEL_URI
        );
        assert!(phys.get("region").is_none());
    }

    let inline = by_path("tests/fixture.txt");
    assert_eq!(
        inline["suppressions"],
        json!([{"kind": "inSource", "status": "accepted", "justification": "test fixture, not a real token", "properties": {"trustwardKind": "inline"}}])
    );
    let config = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 15)
        .unwrap();
    assert_eq!(config["suppressions"][0]["kind"], "external");
    assert_eq!(
        config["suppressions"][0]["properties"]["expires"],
        "2027-01-31"
    );
    let baseline = by_path("legacy/build.sh");
    assert_eq!(baseline["suppressions"][0]["kind"], "external");
    assert_eq!(
        baseline["suppressions"][0]["properties"]["trustwardKind"],
        "baseline"
    );
}

#[test]
fn invocation_reports_errors_warnings_and_analyzers() {
    let log = sarif_of(&common::sample());
    let run = &log["runs"][0];
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    assert_eq!(inv["exitCode"], 1);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    assert_eq!(notes[0]["level"], "error");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("vendor/broken.json:3: ")
    );
    assert!(notes.iter().any(|n| {
        n["level"] == "warning"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("vulns: not checked: ")
    }));
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"],
        "The scanned directory (.)"
    );
    assert_eq!(run["properties"]["analyzers"][3]["status"], "not-checked");
    assert_eq!(
        run["properties"]["analyzers"][3]["reason"],
        common::NOT_CHECKED_REASON
    );
    assert_eq!(run["properties"]["policy"]["passed"], false);

    let log = sarif_of(&common::unmet());
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    assert_eq!(log["runs"][0]["invocations"][0]["exitCode"], 3);
}

#[test]
fn hostile_paths_become_relative_encoded_uris() {
    let log = sarif_of(&common::hostile());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"dir%20with%20space/%C3%BC%23%3F%25.txt"),
        "{uris:?}"
    );
    // An empty message falls back to the rule title.
    assert!(
        results
            .iter()
            .any(|r| r["message"]["text"] == common::POLICY.title)
    );
}

#[test]
fn the_schema_check_catches_broken_logs() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let mut log = sarif_of(&common::sample());
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&log), "an unknown level is rejected");
    let mut log = sarif_of(&common::sample());
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] =
        json!({"startLine": 0});
    assert!(!validator.is_valid(&log), "startLine 0 is rejected");
}
