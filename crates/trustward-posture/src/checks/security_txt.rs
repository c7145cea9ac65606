//! `security.txt` (RFC 9116) at `.well-known/security.txt` or the root, when present:
//! well-formed fields, at least one `Contact`, exactly one `Expires` in RFC 3339 form, in
//! the future and less than a year ahead, and `https` URIs where the RFC requires them.

use super::Check;
use crate::parse::codeowners::is_email;
use crate::parse::security_txt::{Field, SecurityTxt};
use crate::repo::Repo;
use jiff::ToSpan;
use regex::Regex;
use std::sync::OnceLock;
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, Severity,
};

const REFS: &[&str] = &[
    "https://www.rfc-editor.org/rfc/rfc9116",
    "https://securitytxt.org/",
];

/// Malformed lines or field values.
pub static INVALID: Rule = Rule {
    id: "posture/security-txt-invalid",
    title: "security.txt has malformed lines or field values",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-02.01", "OSPS-VM-03.01"],
    description: "A line of security.txt is not a `Field-Name: value` line, a `#` comment or \
        blank; or a field value breaks RFC 9116: a `Contact` that is not a `mailto:`, \
        `https:` or `tel:` URI, an `Acknowledgments`, `Canonical`, `CSAF`, `Hiring` or \
        `Policy` that is not an `https://` URI, an `Encryption` that is not `https:`, `dns:` \
        or `openpgp4fpr:`, an `Expires` that is not an RFC 3339 date-time, a second \
        `Preferred-Languages`, or a broken OpenPGP signature wrapper.",
    why: "Researchers and scanners parse security.txt mechanically; a malformed contact is \
        no contact, and plain `http://` links can be rewritten in transit to send reports \
        to an attacker.",
    fix: "Rewrite the line as `Field-Name: value` with the value RFC 9116 requires \
        (`mailto:`/`https://` URIs, RFC 3339 dates).",
    fix_details: "Bad:\n\n```text\nContact: security@example.org\nPolicy: \
http://example.org/security\nExpires: 31/12/2026\n```\n\nGood:\n\n```text\nContact: \
mailto:security@example.org\nPolicy: https://example.org/security\nExpires: \
2026-12-31T23:59:59Z\n```",
    references: REFS,
};

/// No Contact field.
pub static CONTACT_MISSING: Rule = Rule {
    id: "posture/security-txt-contact-missing",
    title: "security.txt has no Contact field",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-02.01", "OSPS-VM-03.01"],
    description: "security.txt has no valid `Contact` field. RFC 9116 requires at least one.",
    why: "The one thing security.txt exists for is telling a researcher where to send a \
        report; without a Contact it is useless and suggests the project has no channel.",
    fix: "Add a `Contact:` line with a `mailto:`, `https://` or `tel:` URI.",
    fix_details: "Bad:\n\n```text\nExpires: 2027-06-30T00:00:00Z\n```\n\nGood:\n\n\
```text\nContact: mailto:security@example.org\nContact: \
https://github.com/OWNER/REPO/security/advisories/new\nExpires: 2027-06-30T00:00:00Z\n```",
    references: REFS,
};

/// No Expires, or more than one.
pub static EXPIRES_MISSING: Rule = Rule {
    id: "posture/security-txt-expires-missing",
    title: "security.txt has no Expires field, or more than one",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-02.01"],
    description: "RFC 9116 requires exactly one `Expires` field; this file has none or \
        several.",
    why: "`Expires` tells readers when the information may be stale, so that an abandoned \
        contact address (perhaps re-registered by someone else) is not trusted forever.",
    fix: "Add exactly one `Expires:` line with an RFC 3339 date-time less than a year ahead.",
    fix_details: "Bad:\n\n```text\nContact: mailto:security@example.org\n```\n\nGood:\n\n\
```text\nContact: mailto:security@example.org\nExpires: 2027-06-30T00:00:00Z\n```\n\n\
Renew it as part of your release routine.",
    references: REFS,
};

/// Expires in the past.
pub static EXPIRED: Rule = Rule {
    id: "posture/security-txt-expired",
    title: "security.txt has expired",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-02.01", "OSPS-VM-03.01"],
    description: "The `Expires` date of security.txt is in the past. RFC 9116 says readers \
        should treat the file as stale and may ignore it.",
    why: "An expired file tells researchers the contacts may no longer work, so reports go \
        elsewhere (often public), or to an address nobody reads any more.",
    fix: "Check the contacts are still right and set `Expires` to a date less than a year \
        ahead.",
    fix_details: "Bad:\n\n```text\nExpires: 2020-01-01T00:00:00Z\n```\n\nGood (with a date \
in the coming year):\n\n```text\nExpires: 2027-06-30T00:00:00Z\n```",
    references: REFS,
};

/// Expires too far ahead.
pub static EXPIRES_TOO_FAR: Rule = Rule {
    id: "posture/security-txt-expires-too-far",
    title: "security.txt expires more than a year from now",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-VM-02.01"],
    description: "The `Expires` date is more than one year in the future; RFC 9116 \
        recommends less than a year.",
    why: "A far-off expiry defeats its purpose: contacts go stale long before the file \
        admits it.",
    fix: "Set `Expires` to a date less than a year ahead and renew it regularly.",
    fix_details: "Bad:\n\n```text\nExpires: 2099-12-31T23:59:59Z\n```\n\nGood:\n\n```text\n\
Expires: 2027-06-30T00:00:00Z\n```",
    references: REFS,
};

/// The check.
pub static CHECK: Check = Check {
    name: "security_txt",
    rules: &[
        &INVALID,
        &CONTACT_MISSING,
        &EXPIRES_MISSING,
        &EXPIRED,
        &EXPIRES_TOO_FAR,
    ],
    run,
};

/// Field names RFC 9116 registers (plus CSAF, added to the registry later).
pub(crate) const KNOWN_FIELDS: &[&str] = &[
    "acknowledgments",
    "canonical",
    "contact",
    "csaf",
    "encryption",
    "expires",
    "hiring",
    "policy",
    "preferred-languages",
];

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    for rel in [".well-known/security.txt", "security.txt"] {
        if !repo.files.exists(rel) {
            continue;
        }
        let Some(text) = repo.read_text(rel, out) else {
            continue;
        };
        let parsed = SecurityTxt::parse(&text);
        // A root `security.txt` written as prose is a security policy, not RFC 9116.
        let rfc = parsed
            .fields
            .iter()
            .any(|f| KNOWN_FIELDS.iter().any(|k| f.is(k)));
        if rel == "security.txt" && !rfc {
            continue;
        }
        out.findings.extend(validate(rel, &parsed, repo.now));
    }
}

/// Every finding for one parsed file, with `now` as the reference time.
pub fn validate(rel: &str, s: &SecurityTxt, now: jiff::Timestamp) -> Vec<Finding> {
    let mut f = Vec::new();
    let at = |line: u32, col: u32| Location::file(rel).with_position(line, col);
    for p in &s.problems {
        f.push(
            Finding::new(
                &INVALID,
                format!("{rel}:{}: {}", p.line, p.message),
                at(p.line, p.column),
            )
            .with_key(format!("syntax:{}", p.message)),
        );
    }
    let mut field_problem = |field: &Field, message: String| {
        f.push(
            Finding::new(
                &INVALID,
                format!("{rel}:{}: {message}", field.line),
                at(field.line, field.value_column),
            )
            .with_key(format!(
                "{}:{}",
                field.name.to_ascii_lowercase(),
                field.value
            )),
        );
    };
    let mut valid_contacts = 0;
    for field in &s.fields {
        let name = field.name.to_ascii_lowercase();
        match name.as_str() {
            "contact" => match contact_problem(&field.value) {
                Some(m) => field_problem(field, m),
                None => valid_contacts += 1,
            },
            "acknowledgments" | "canonical" | "csaf" | "hiring" | "policy"
                if !is_https_uri(&field.value) =>
            {
                field_problem(
                    field,
                    format!(
                        "`{}` must be an https:// URI, got `{}`",
                        field.name, field.value
                    ),
                );
            }
            "encryption" => {
                let v = field.value.to_ascii_lowercase();
                if !(is_https_uri(&field.value)
                    || v.starts_with("dns:")
                    || v.starts_with("openpgp4fpr:"))
                {
                    field_problem(
                        field,
                        format!(
                            "`Encryption` must be an https://, dns: or openpgp4fpr: URI, got `{}`",
                            field.value
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    let langs: Vec<&Field> = s.named("preferred-languages").collect();
    for extra in langs.iter().skip(1) {
        field_problem(
            extra,
            "`Preferred-Languages` must appear at most once".to_string(),
        );
    }
    if valid_contacts == 0 {
        let loc = Location::file(rel).with_line(1);
        f.push(
            Finding::new(
                &CONTACT_MISSING,
                format!("{rel} has no valid Contact field"),
                loc,
            )
            .with_key("contact"),
        );
    }
    let expires: Vec<&Field> = s.named("expires").collect();
    match expires.as_slice() {
        [] => f.push(
            Finding::new(
                &EXPIRES_MISSING,
                format!("{rel} has no Expires field (RFC 9116 requires exactly one)"),
                Location::file(rel).with_line(1),
            )
            .with_key("expires"),
        ),
        [one] => check_expiry(rel, one, now, &mut f),
        [first, rest @ ..] => {
            for extra in rest {
                f.push(
                    Finding::new(
                        &EXPIRES_MISSING,
                        format!(
                            "{rel}:{}: a second Expires field (the first is on line {}); RFC \
                             9116 allows exactly one",
                            extra.line, first.line
                        ),
                        at(extra.line, 1),
                    )
                    .with_key(format!("expires-duplicate:{}", extra.value)),
                );
            }
            check_expiry(rel, first, now, &mut f);
        }
    }
    f
}

fn rfc3339_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$",
        )
        .expect("static regex")
    })
}

/// Parses an RFC 3339 date-time (`2026-12-31T23:59:59Z`, `…+01:00`).
pub fn parse_rfc3339(v: &str) -> Option<jiff::Timestamp> {
    if !rfc3339_re().is_match(v) {
        return None;
    }
    v.parse::<jiff::Timestamp>().ok()
}

fn check_expiry(rel: &str, field: &Field, now: jiff::Timestamp, f: &mut Vec<Finding>) {
    let loc = Location::file(rel).with_position(field.line, field.value_column);
    let Some(ts) = parse_rfc3339(&field.value) else {
        f.push(
            Finding::new(
                &INVALID,
                format!(
                    "{rel}:{}: Expires `{}` is not an RFC 3339 date-time (e.g. \
                     2027-06-30T00:00:00Z)",
                    field.line, field.value
                ),
                loc,
            )
            .with_key(format!("expires:{}", field.value)),
        );
        return;
    };
    if ts <= now {
        f.push(
            Finding::new(
                &EXPIRED,
                format!("{rel}:{}: expired on {}", field.line, field.value),
                loc,
            )
            .with_key(format!("expired:{}", field.value))
            .with_data("expires", field.value.clone()),
        );
        return;
    }
    let limit = now
        .to_zoned(jiff::tz::TimeZone::UTC)
        .checked_add(1.year())
        .map(|z| z.timestamp())
        .unwrap_or(jiff::Timestamp::MAX);
    if ts > limit {
        f.push(
            Finding::new(
                &EXPIRES_TOO_FAR,
                format!(
                    "{rel}:{}: Expires {} is more than a year ahead",
                    field.line, field.value
                ),
                loc,
            )
            .with_key(format!("too-far:{}", field.value))
            .with_data("expires", field.value.clone()),
        );
    }
}

fn is_https_uri(v: &str) -> bool {
    v.get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        && v.len() > 8
        && !v.contains(char::is_whitespace)
}

fn contact_problem(v: &str) -> Option<String> {
    let lower = v.to_ascii_lowercase();
    if let Some(addr) = lower.strip_prefix("mailto:") {
        let addr = addr.split('?').next().unwrap_or("");
        return (!is_email(addr)).then(|| format!("`Contact: {v}` is not a valid mailto: address"));
    }
    if lower.starts_with("https://") {
        return (!is_https_uri(v)).then(|| format!("`Contact: {v}` is not a valid https:// URI"));
    }
    if let Some(num) = lower.strip_prefix("tel:") {
        let ok = num.chars().any(|c| c.is_ascii_digit())
            && num
                .chars()
                .all(|c| c.is_ascii_digit() || "+-.() ".contains(c));
        return (!ok).then(|| format!("`Contact: {v}` is not a valid tel: number"));
    }
    if lower.starts_with("http://") {
        return Some(format!(
            "`Contact: {v}` uses http://; web contacts must be https:// URIs"
        ));
    }
    if is_email(v) {
        return Some(format!(
            "`Contact: {v}` is a bare e-mail address; write it as a URI: `mailto:{v}`"
        ));
    }
    Some(format!(
        "`Contact: {v}` is not a mailto:, https: or tel: URI"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Timestamp {
        "2026-06-01T00:00:00Z".parse().unwrap()
    }

    fn ids(t: &str) -> Vec<(&'static str, Option<u32>)> {
        validate("security.txt", &SecurityTxt::parse(t), now())
            .iter()
            .map(|f| (f.rule.id, f.location.line))
            .collect()
    }

    #[test]
    fn valid_file() {
        let t = "Contact: mailto:security@example.org\nContact: tel:+1-201-555-0123\n\
                 Expires: 2026-12-31T23:59:59Z\nEncryption: openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f\n\
                 Policy: https://example.org/security\nX-Custom: anything\n";
        assert!(ids(t).is_empty(), "{:?}", ids(t));
    }

    #[test]
    fn every_problem() {
        let t = "Contact: security@example.org\nPolicy: http://example.org\n\
                 Expires: 2027-12-31T00:00:00Z\nExpires: 2026-01-01T00:00:00Z\nnonsense\n";
        let got = ids(t);
        assert!(got.contains(&("posture/security-txt-invalid", Some(1))));
        assert!(got.contains(&("posture/security-txt-invalid", Some(2))));
        assert!(got.contains(&("posture/security-txt-invalid", Some(5))));
        assert!(got.contains(&("posture/security-txt-contact-missing", Some(1))));
        assert!(got.contains(&("posture/security-txt-expires-missing", Some(4))));
        assert!(got.contains(&("posture/security-txt-expires-too-far", Some(3))));
    }

    #[test]
    fn expiry() {
        let base = "Contact: https://example.org/report\n";
        assert_eq!(
            ids(&format!("{base}Expires: 2026-05-31T23:59:59Z\n")),
            vec![("posture/security-txt-expired", Some(2))]
        );
        assert!(ids(&format!("{base}Expires: 2027-06-01T00:00:00Z\n")).is_empty());
        assert_eq!(
            ids(&format!("{base}Expires: 2027-06-01T00:00:01Z\n")),
            vec![("posture/security-txt-expires-too-far", Some(2))]
        );
        assert_eq!(
            ids(&format!("{base}Expires: 2026-12-31\n")),
            vec![("posture/security-txt-invalid", Some(2))]
        );
        assert_eq!(
            ids(&format!("{base}Expires: 2026-02-30T00:00:00Z\n")),
            vec![("posture/security-txt-invalid", Some(2))]
        );
        assert_eq!(
            ids(base),
            vec![("posture/security-txt-expires-missing", Some(1))]
        );
        assert!(parse_rfc3339("2026-12-31T23:59:59.5+02:00").is_some());
    }
}
