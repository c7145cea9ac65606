//! Advisory severity: CVSS v3.0/v3.1 and v4.0 base scores computed from the vectors in
//! `severity[]` (with RustSec's `cvss` crate), else the database's own rating (GHSA
//! `database_specific.severity`), mapped onto trustward's scale.

use crate::model::{Advisory, SeverityEntry};
use serde::Serialize;
use std::str::FromStr;
use trustward_core::Severity;

/// The severity trustward settled on for one advisory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvisorySeverity {
    /// Base score 0.0–10.0, when a vector was scored.
    pub score: Option<f64>,
    /// The vector or rating it came from.
    pub vector: Option<String>,
    /// `CVSS_V4`, `CVSS_V3`, `database_specific` or `unknown`.
    pub source: String,
    /// The trustward severity.
    #[serde(skip)]
    pub level: Option<Severity>,
}

/// Base score of a `CVSS:3.0/…`, `CVSS:3.1/…` or `CVSS:4.0/…` vector.
pub fn cvss_base_score(vector: &str) -> Option<f64> {
    let v = vector.trim();
    if v.starts_with("CVSS:4.0/") {
        cvss::v4::Vector::from_str(v)
            .ok()
            .map(|x| x.score().value())
    } else if v.starts_with("CVSS:3.0/") || v.starts_with("CVSS:3.1/") {
        cvss::v3::Base::from_str(v).ok().map(|x| x.score().value())
    } else {
        None
    }
}

/// critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0.0, else info.
pub fn from_score(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else if score > 0.0 {
        Severity::Low
    } else {
        Severity::Info
    }
}

/// GHSA-style textual ratings (`CRITICAL`, `HIGH`, `MODERATE`/`MEDIUM`, `LOW`).
pub fn from_rating(rating: &str) -> Option<Severity> {
    match rating.trim().to_ascii_uppercase().as_str() {
        "CRITICAL" => Some(Severity::Critical),
        "HIGH" => Some(Severity::High),
        "MODERATE" | "MEDIUM" => Some(Severity::Medium),
        "LOW" => Some(Severity::Low),
        _ => None,
    }
}

/// The best severity an advisory offers: the highest CVSS version that scores (v4 over
/// v3), then `database_specific.severity`, else unknown.
pub fn of_advisory(adv: &Advisory, extra: &[SeverityEntry]) -> AdvisorySeverity {
    let entries = || adv.severity.iter().chain(extra.iter());
    for kind in ["CVSS_V4", "CVSS_V3"] {
        let best = entries()
            .filter(|e| e.kind == kind)
            .filter_map(|e| cvss_base_score(&e.score).map(|s| (s, e)))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, e)) = best {
            return AdvisorySeverity {
                score: Some(score),
                vector: Some(e.score.clone()),
                source: kind.to_string(),
                level: Some(from_score(score)),
            };
        }
    }
    if let Some(rating) = adv
        .database_specific
        .as_ref()
        .and_then(|d| d.get("severity"))
        .and_then(|s| s.as_str())
        && let Some(level) = from_rating(rating)
    {
        return AdvisorySeverity {
            score: None,
            vector: Some(rating.to_string()),
            source: "database_specific".into(),
            level: Some(level),
        };
    }
    AdvisorySeverity {
        score: None,
        vector: None,
        source: "unknown".into(),
        level: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("scored");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn cvss_v31_examples_from_the_spec() {
        // CVSS v3.1 Examples document (FIRST): CVE-2014-0160 Heartbleed 7.5,
        // CVE-2013-1937 phpMyAdmin reflected XSS 6.1, CVE-2014-6271 Shellshock 9.8.
        close(
            cvss_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),
            7.5,
        );
        close(
            cvss_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
            6.1,
        );
        close(
            cvss_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            9.8,
        );
        // CVE-2016-5195 "Dirty COW": 7.8; all-high scope changed: 10.0.
        close(
            cvss_base_score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"),
            7.8,
        );
        close(
            cvss_base_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"),
            10.0,
        );
        close(
            cvss_base_score("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N"),
            0.0,
        );
    }

    #[test]
    fn cvss_v4_examples() {
        // FIRST CVSS v4.0 calculator: the all-high network vector scores 10.0, the
        // all-none impact vector 0.0, and AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H with
        // no subsequent impact 9.3.
        close(
            cvss_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"),
            10.0,
        );
        close(
            cvss_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"),
            9.3,
        );
        close(
            cvss_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"),
            0.0,
        );
    }

    #[test]
    fn bad_vectors_do_not_score() {
        assert_eq!(cvss_base_score("CVSS:3.1/AV:X"), None);
        assert_eq!(cvss_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P"), None);
        assert_eq!(cvss_base_score(""), None);
    }

    #[test]
    fn mapping_thresholds() {
        assert_eq!(from_score(9.0), Severity::Critical);
        assert_eq!(from_score(8.9), Severity::High);
        assert_eq!(from_score(7.0), Severity::High);
        assert_eq!(from_score(6.9), Severity::Medium);
        assert_eq!(from_score(4.0), Severity::Medium);
        assert_eq!(from_score(3.9), Severity::Low);
        assert_eq!(from_score(0.1), Severity::Low);
        assert_eq!(from_score(0.0), Severity::Info);
        assert_eq!(from_rating("MODERATE"), Some(Severity::Medium));
    }

    #[test]
    fn v4_preferred_then_rating() {
        let adv: Advisory = serde_json::from_str(
            r#"{"id":"X","severity":[
              {"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
              {"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}]}"#,
        )
        .unwrap();
        let s = of_advisory(&adv, &[]);
        assert_eq!(s.source, "CVSS_V4");
        assert_eq!(s.level, Some(Severity::Critical));
        let adv: Advisory =
            serde_json::from_str(r#"{"id":"X","database_specific":{"severity":"MODERATE"}}"#)
                .unwrap();
        assert_eq!(of_advisory(&adv, &[]).level, Some(Severity::Medium));
        let adv: Advisory = serde_json::from_str(r#"{"id":"X"}"#).unwrap();
        assert_eq!(of_advisory(&adv, &[]).level, None);
    }
}
