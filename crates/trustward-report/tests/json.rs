//! The JSON document, field by field, in the order docs/output.md promises.

mod common;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use std::fmt;
use trustward_report::{Format, RenderOptions, render};

/// A JSON value that remembers the order of object keys.
#[derive(Debug)]
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Leaf(#[allow(dead_code)] Value),
}

impl J {
    fn keys(&self) -> Vec<&str> {
        match self {
            J::Obj(m) => m.iter().map(|(k, _)| k.as_str()).collect(),
            _ => panic!("not an object: {self:?}"),
        }
    }
    fn get(&self, key: &str) -> &J {
        match self {
            J::Obj(m) => &m.iter().find(|(k, _)| k == key).expect(key).1,
            _ => panic!("not an object"),
        }
    }
    fn at(&self, i: usize) -> &J {
        match self {
            J::Arr(a) => &a[i],
            _ => panic!("not an array"),
        }
    }
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<J, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, J>()? {
                    out.push((k, v));
                }
                Ok(J::Obj(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<J, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = s.next_element::<J>()? {
                    out.push(v);
                }
                Ok(J::Arr(out))
            }
            fn visit_bool<E>(self, v: bool) -> Result<J, E> {
                Ok(J::Leaf(json!(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<J, E> {
                Ok(J::Leaf(json!(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<J, E> {
                Ok(J::Leaf(json!(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<J, E> {
                Ok(J::Leaf(json!(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<J, E> {
                Ok(J::Leaf(json!(v)))
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Leaf(Value::Null))
            }
        }
        d.deserialize_any(V)
    }
}

fn json_of(report: &trustward_core::Report) -> String {
    render(
        report,
        &common::registry(),
        Format::Json,
        &RenderOptions::default(),
    )
}

#[test]
fn field_order_is_the_documented_one() {
    let text = json_of(&common::sample());
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    let doc: J = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc.keys(),
        [
            "schema_version",
            "tool",
            "target",
            "findings",
            "summary",
            "errors",
            "warnings",
            "analyzers",
            "maturity",
            "checks",
            "controls"
        ]
    );
    assert_eq!(doc.get("tool").keys(), ["name", "version"]);
    assert_eq!(doc.get("target").keys(), ["path", "git_head"]);
    let f = doc.get("findings").at(0);
    assert_eq!(
        f.keys(),
        [
            "rule",
            "analyzer",
            "severity",
            "confidence",
            "title",
            "message",
            "location",
            "fingerprint",
            "practice",
            "level",
            "controls",
            "remediation",
            "references",
            "suppressed",
            "data"
        ]
    );
    assert_eq!(
        f.get("location").keys(),
        ["path", "line", "column", "end_line", "end_column", "commit"]
    );
    let s = doc.get("summary");
    assert_eq!(
        s.keys(),
        [
            "by_severity",
            "by_analyzer",
            "suppressed",
            "policy",
            "maturity"
        ]
    );
    // Every TSI practice, in the guide's order (the values are tested in trustward-core).
    assert_eq!(
        s.get("maturity").keys(),
        [
            "roles-and-responsibilities",
            "security-policy",
            "know-your-contributors",
            "software-supply-chain",
            "technical-security-guidance",
            "security-playbooks",
            "security-testing",
            "secure-releases-and-updates"
        ]
    );
    assert_eq!(
        s.get("by_severity").keys(),
        ["critical", "high", "medium", "low", "info"]
    );
    assert_eq!(
        s.get("policy").keys(),
        [
            "passed",
            "fail_on",
            "violations",
            "unmet_requirements",
            "incomplete"
        ]
    );
    assert_eq!(doc.get("errors").at(0).keys(), ["path", "message"]);
    assert_eq!(
        doc.get("analyzers").at(0).keys(),
        ["name", "status", "reason"]
    );
}

#[test]
fn values_match_the_report() {
    let report = common::sample();
    let v: Value = serde_json::from_str(&json_of(&report)).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"], json!({"name": "trustward", "version": "0.1.0"}));
    assert_eq!(
        v["target"],
        json!({"path": ".", "git_head": "89abcdef0123456789abcdef0123456789abcdef"})
    );

    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 9, "suppressed findings are included");

    // Sorted like the report: the repository-level finding (no path) first.
    assert_eq!(findings[0]["rule"], "posture/test-policy-missing");
    assert_eq!(
        findings[0]["location"],
        json!({"path": null, "line": null, "column": null, "end_line": null, "end_column": null, "commit": null})
    );
    assert_eq!(findings[0]["references"], json!([]));
    assert_eq!(findings[0]["controls"], json!(["OSPS-VM-02.01"]));
    assert_eq!(findings[0]["data"], json!({}));
    assert_eq!(findings[0]["suppressed"], Value::Null);

    let token = findings
        .iter()
        .find(|f| f["location"]["path"] == "src/config.rs")
        .unwrap();
    assert_eq!(
        token,
        &json!({
            "rule": "secrets/test-token",
            "analyzer": "secrets",
            "severity": "critical",
            "confidence": "high",
            "title": "A test token is committed",
            "message": "A test token (test_****) is committed.",
            "location": {"path": "src/config.rs", "line": 12, "column": 5, "end_line": 12, "end_column": 45, "commit": null},
            "fingerprint": report.findings.iter().find(|f| f.location.path.as_deref() == Some("src/config.rs")).unwrap().fingerprint,
            "practice": "security-testing",
            "level": "basic",
            "controls": ["OSPS-BR-01.01"],
            "remediation": "Revoke the token and load it from the environment.",
            "references": ["https://example.org/tokens"],
            "suppressed": null,
            "data": {"entropy": 4.5, "redacted": "test_****"}
        })
    );
    assert_eq!(token["fingerprint"].as_str().unwrap().len(), 32);

    let history = findings
        .iter()
        .find(|f| f["location"]["path"] == "old/key.txt")
        .unwrap();
    assert_eq!(
        history["severity"], "high",
        "effective severity, not the rule's"
    );
    assert_eq!(
        history["location"]["commit"],
        "0123456789abcdef0123456789abcdef01234567"
    );
    assert_eq!(history["location"]["column"], Value::Null);

    let unpinned = findings
        .iter()
        .find(|f| f["location"]["line"] == 7)
        .unwrap();
    assert_eq!(
        unpinned["remediation"],
        "Use actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2."
    );
    assert_eq!(
        unpinned["references"],
        json!([
            "https://example.org/pinning",
            "https://example.org/more",
            "https://example.org/checkout"
        ])
    );

    let by_kind = |kind: &str| {
        findings
            .iter()
            .find(|f| f["suppressed"]["kind"] == kind)
            .unwrap()["suppressed"]
            .clone()
    };
    assert_eq!(
        by_kind("inline"),
        json!({"kind": "inline", "reason": "test fixture, not a real token", "expires": null})
    );
    assert_eq!(
        by_kind("config"),
        json!({"kind": "config", "reason": "pinned by Dependabot next week", "expires": "2027-01-31"})
    );
    assert_eq!(by_kind("baseline")["kind"], "baseline");

    let mut summary = v["summary"].clone();
    summary.as_object_mut().unwrap().remove("maturity");
    assert_eq!(
        summary,
        json!({
            "by_severity": {"critical": 1, "high": 2, "medium": 1, "low": 1, "info": 1},
            "by_analyzer": {"docker": 0, "posture": 3, "secrets": 2, "vulns": 0, "workflows": 1},
            "suppressed": 3,
            "policy": {"passed": false, "fail_on": "high", "violations": 3, "unmet_requirements": [], "incomplete": []}
        })
    );
    assert_eq!(
        v["errors"],
        json!([{"path": "vendor/broken.json:3", "message": "invalid JSON: expected `,` or `}` at line 3 column 7"}])
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["analyzers"],
        json!([
            {"name": "docker", "status": "not-applicable", "reason": null},
            {"name": "posture", "status": "checked", "reason": null},
            {"name": "secrets", "status": "checked", "reason": null},
            {"name": "vulns", "status": "not-checked", "reason": common::NOT_CHECKED_REASON},
            {"name": "workflows", "status": "checked", "reason": null}
        ])
    );
}

#[test]
fn unmet_requirements_and_never() {
    let v: Value = serde_json::from_str(&json_of(&common::unmet())).unwrap();
    assert_eq!(
        v["summary"]["policy"],
        json!({"passed": true, "fail_on": "medium", "violations": 0, "unmet_requirements": ["vulns"], "incomplete": []})
    );
    assert_eq!(v["target"]["git_head"], Value::Null);

    let mut r = common::sample();
    r.summarize(trustward_core::FailOn::Never, vec![]);
    let v: Value = serde_json::from_str(&json_of(&r)).unwrap();
    assert_eq!(v["summary"]["policy"]["fail_on"], "never");
    assert_eq!(v["summary"]["policy"]["passed"], true);
}

#[test]
fn clean_report_has_empty_arrays() {
    let v: Value = serde_json::from_str(&json_of(&common::clean())).unwrap();
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["errors"], json!([]));
    assert_eq!(v["warnings"], json!([]));
    assert_eq!(v["summary"]["policy"]["passed"], true);
}

#[test]
fn hostile_strings_round_trip_exactly() {
    let report = common::hostile();
    let v: Value = serde_json::from_str(&json_of(&report)).unwrap();
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for f in &report.findings {
        assert!(messages.contains(&f.message.as_str()));
    }
}
