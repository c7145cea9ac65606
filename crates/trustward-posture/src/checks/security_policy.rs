//! SECURITY.md: present (root, `.github/` or `docs/`), naming a private reporting
//! channel and saying which versions receive security fixes.

use super::Check;
use crate::repo::Repo;
use crate::text::{has_phrase, normalize};
use regex::Regex;
use std::sync::OnceLock;
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, Severity,
};

/// No security policy file.
pub static MISSING: Rule = Rule {
    id: "posture/security-policy-missing",
    title: "No security policy (SECURITY.md)",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Basic,
    controls: &["OSPS-VM-02.01", "OSPS-VM-01.01", "OSPS-VM-03.01"],
    description: "The repository has no security policy: no `SECURITY.md` (or `.rst`, `.txt`, \
        or no extension, any case) in the root, in `.github/` or in `docs/`. Those are the \
        places GitHub, GitLab and security researchers look for it.",
    why: "Someone who finds a vulnerability needs to know how to tell you privately. Without \
        a policy, reports land in public issues (disclosing the flaw to attackers before a \
        fix exists) or are never sent at all.",
    fix: "Add a SECURITY.md that says how to report a vulnerability privately, what happens \
        after a report, and which versions receive security fixes.",
    fix_details: "Write `SECURITY.md` in the repository root (or `.github/`):\n\n\
```markdown\n\
# Security policy\n\n\
## Supported versions\n\n\
| Version | Supported |\n\
|---------|-----------|\n\
| 2.x     | yes       |\n\
| < 2.0   | no        |\n\n\
## Reporting a vulnerability\n\n\
Please do not open a public issue. Report it privately through\n\
https://github.com/OWNER/REPO/security/advisories/new or by e-mail to\n\
security@example.org. We acknowledge reports within 3 working days and aim to\n\
publish a fix within 90 days, coordinating the disclosure date with you.\n\
```",
    references: &[
        "https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository",
        "https://baseline.openssf.org/versions/2026-02-19#osps-vm-02",
        "https://github.com/ossf/oss-vulnerability-guide",
    ],
};

/// A security policy with no private channel.
pub static NO_PRIVATE_CHANNEL: Rule = Rule {
    id: "posture/security-policy-no-private-channel",
    title: "Security policy names no private reporting channel",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SecurityPolicy,
    level: Level::Basic,
    controls: &["OSPS-VM-03.01", "OSPS-VM-02.01"],
    description: "The security policy contains no private way to report a vulnerability: no \
        e-mail address, no `https://` link to a reporting page (links to public issue \
        trackers, discussion boards, repository and file views on a forge, and reference \
        sites such as badges, CVSS, CVE or documentation do not count), and no link to \
        GitHub private vulnerability reporting (`/security/advisories/new`).",
    why: "A policy that only says \"open an issue\" makes every report a public zero-day. The \
        reporter needs a channel only the maintainers can read.",
    fix: "Name a private channel in the security policy: a security e-mail address, a \
        private reporting form, or GitHub private vulnerability reporting.",
    fix_details: "Bad:\n\n```markdown\nFound a security bug? Open an issue at \
https://github.com/OWNER/REPO/issues.\n```\n\nGood:\n\n```markdown\nReport vulnerabilities \
privately at https://github.com/OWNER/REPO/security/advisories/new\nor by e-mail to \
security@example.org. Please do not open public issues for them.\n```\n\n\
Enable private vulnerability reporting under *Settings → Code security* for the advisory \
link to work.",
    references: &[
        "https://docs.github.com/en/code-security/security-advisories/working-with-repository-security-advisories/configuring-private-vulnerability-reporting-for-a-repository",
        "https://baseline.openssf.org/versions/2026-02-19#osps-vm-03",
    ],
};

/// A security policy that does not say which versions are supported.
pub static NO_SUPPORTED_VERSIONS: Rule = Rule {
    id: "posture/security-policy-no-supported-versions",
    title: "Security policy does not say which versions get security fixes",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-DO-04.01", "OSPS-DO-05.01"],
    description: "The security policy has no heading, table or sentence about supported \
        versions (phrases such as \"supported versions\", \"only the latest release\", \
        \"receive security updates\", \"end of life\").",
    why: "Users need to know whether the version they run will get a fix, and reporters need \
        to know which versions to test. Without it, old releases are silently left \
        vulnerable.",
    fix: "Add a \"Supported versions\" section to the security policy: which release lines \
        get security fixes and until when.",
    fix_details: "Bad: a policy that only explains how to report.\n\nGood:\n\n```markdown\n## Supported versions\n\nOnly the latest minor release of the \
current major version receives security fixes.\n\n| Version | Supported          |\n\
|---------|--------------------|\n| 3.2.x   | yes                |\n| 3.1.x   | until 2027-06-30   |\n\
| < 3.1   | no                 |\n```",
    references: &[
        "https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository",
        "https://baseline.openssf.org/versions/2026-02-19#osps-do-04",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "security_policy",
    rules: &[&MISSING, &NO_PRIVATE_CHANNEL, &NO_SUPPORTED_VERSIONS],
    run,
};

pub(crate) const DIRS: [&str; 3] = [".github", "", "docs"];

pub(crate) fn is_policy_name(n: &str) -> bool {
    matches!(
        n,
        "security" | "security.md" | "security.markdown" | "security.rst" | "security.txt"
    )
}

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    // GitHub's order: .github/, root, docs/. A `.txt` file is a policy only if it is not
    // an RFC 9116 security.txt (that one is checked by the security.txt check).
    let mut candidates: Vec<&str> = Vec::new();
    for dir in DIRS {
        for e in repo.in_dir(dir, is_policy_name) {
            candidates.push(e.rel.as_str());
        }
    }
    candidates.sort_by_key(|c| c.to_ascii_lowercase().ends_with(".txt"));
    for rel in candidates {
        let Some(text) = repo.read_text(rel, out) else {
            // Present but unreadable: reported as an error; no content verdict.
            return;
        };
        if rel.to_ascii_lowercase().ends_with(".txt") && looks_like_rfc9116(&text) {
            continue;
        }
        check_content(rel, &text, out);
        return;
    }
    out.findings.push(
        Finding::new(
            &MISSING,
            "No security policy: there is no SECURITY.md in the repository root, .github/ or docs/",
            repo.anchor(),
        )
        .with_key("SECURITY.md"),
    );
}

pub(crate) fn looks_like_rfc9116(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start_matches("- ").trim_start();
        l.get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("contact:"))
    })
}

fn check_content(rel: &str, text: &str, out: &mut AnalyzerOutput) {
    let norm = normalize(text);
    if find_private_channel(text, &norm).is_none() {
        out.findings.push(
            Finding::new(
                &NO_PRIVATE_CHANNEL,
                format!(
                    "{rel} names no private way to report a vulnerability (no e-mail address, \
                     no private reporting link)"
                ),
                Location::file(rel),
            )
            .with_key("private-channel"),
        );
    }
    if !mentions_supported_versions(&norm) {
        out.findings.push(
            Finding::new(
                &NO_SUPPORTED_VERSIONS,
                format!("{rel} does not say which versions receive security fixes"),
                Location::file(rel),
            )
            .with_key("supported-versions"),
        );
    }
}

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)[a-z0-9._%+-]+(?:@|\s*[\[({]\s*at\s*[\])}]\s*)[a-z0-9-]+(?:(?:\.|\s*[\[({]\s*dot\s*[\])}]\s*)[a-z0-9-]+)*(?:\.|\s*[\[({]\s*dot\s*[\])}]\s*)[a-z]{2,}",
        )
        .expect("static regex")
    })
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?i)https://[^\s<>()\[\]"'`]+"#).expect("static regex"))
}

/// The first private reporting channel in the policy, if any.
pub fn find_private_channel(text: &str, normalized: &str) -> Option<String> {
    let text = &text[..text.floor_char_boundary(text.len().min(crate::text::MAX_PROSE_BYTES))];
    if let Some(m) = email_re().find(text) {
        return Some(m.as_str().to_string());
    }
    for m in url_re().find_iter(text) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        if is_private_url(url) {
            return Some(url.to_string());
        }
    }
    if has_phrase(normalized, "private vulnerability reporting")
        || has_phrase(normalized, "report a vulnerability button")
    {
        return Some("GitHub private vulnerability reporting".to_string());
    }
    None
}

/// Whether an `https://` URL can receive a private report: not a public issue tracker,
/// discussion board, pull-request list or published-advisory list.
pub fn is_private_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower.trim_start_matches("https://");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if path.contains("security/advisories/new") {
        return true;
    }
    let host = host.split([':', '@']).next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    if REFERENCE_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    {
        return false;
    }
    let segs: Vec<&str> = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .collect();
    let public_seg = segs
        .iter()
        .any(|s| matches!(*s, "issues" | "discussions" | "pulls" | "merge_requests"));
    let public_security = segs
        .windows(2)
        .any(|w| w[0] == "security" && matches!(w[1], "advisories" | "policy"));
    // A repository page, a file or folder view on a forge: reading material, not a
    // reporting channel.
    let forge = matches!(
        host,
        "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org"
    );
    let non_empty = segs.iter().filter(|s| !s.is_empty()).count();
    let forge_page = forge
        && (non_empty <= 2
            || segs
                .iter()
                .any(|s| matches!(*s, "blob" | "tree" | "wiki" | "releases" | "actions")));
    !(public_seg || public_security || forge_page)
}

/// Hosts whose links are references (badges, standards, scoring, licence texts,
/// documentation), never a place to send a report.
const REFERENCE_HOSTS: &[&str] = &[
    "shields.io",
    "badgen.net",
    "semver.org",
    "keepachangelog.com",
    "first.org",
    "cve.org",
    "cve.mitre.org",
    "nvd.nist.gov",
    "cwe.mitre.org",
    "spdx.org",
    "opensource.org",
    "wikipedia.org",
    "creativecommons.org",
    "docs.github.com",
    "docs.gitlab.com",
    "securitytxt.org",
    "rfc-editor.org",
    "ietf.org",
];

const SUPPORTED_PHRASES: &[&str] = &[
    "supported version",
    "supported versions",
    "supported release",
    "supported releases",
    "supported branch",
    "supported branches",
    "versions are supported",
    "version is supported",
    "releases are supported",
    "version support",
    "versions supported",
    "support policy",
    "receive security updates",
    "receives security updates",
    "receive security fixes",
    "receives security fixes",
    "security fixes are",
    "security updates are",
    "only the latest",
    "latest release",
    "latest version",
    "most recent release",
    "most recent version",
    "end of life",
];

pub(crate) fn mentions_supported_versions(normalized: &str) -> bool {
    SUPPORTED_PHRASES.iter().any(|p| has_phrase(normalized, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(t: &str) -> Option<String> {
        find_private_channel(t, &normalize(t))
    }

    #[test]
    fn private_channels() {
        assert!(channel("Mail security@example.org please").is_some());
        assert!(channel("mail security [at] example [dot] org").is_some());
        assert!(channel("Use https://github.com/o/r/security/advisories/new").is_some());
        assert!(channel("Use https://hackerone.com/example").is_some());
        assert!(channel("Enable private vulnerability reporting and use it").is_some());
        assert!(channel("Open an issue at https://github.com/o/r/issues").is_none());
        assert!(channel("Open https://gitlab.com/o/r/-/issues/new").is_none());
        assert!(channel("Ask at https://github.com/o/r/discussions.").is_none());
        assert!(channel("See https://github.com/o/r/security/advisories").is_none());
        assert!(channel("Ping @maintainer on chat").is_none());
        assert!(channel("http://example.org/report").is_none());
        assert!(
            channel("Scores use https://www.first.org/cvss/ and https://semver.org.").is_none()
        );
        assert!(
            channel("See https://github.com/o/r/blob/main/README.md or https://github.com/o/r")
                .is_none()
        );
        assert!(channel("Read https://docs.github.com/en/code-security").is_none());
        assert!(channel("Use the form at https://example.org/security/report").is_some());
    }

    #[test]
    fn supported_versions() {
        assert!(mentions_supported_versions(&normalize(
            "## Supported Versions\n| 1.x | yes |"
        )));
        assert!(mentions_supported_versions(&normalize(
            "Only the latest release gets fixes"
        )));
        assert!(!mentions_supported_versions(&normalize(
            "Report bugs to us."
        )));
    }

    #[test]
    fn rfc9116_detection() {
        assert!(looks_like_rfc9116("# x\nContact: mailto:a@b.org\n"));
        assert!(!looks_like_rfc9116("# Security\nContact us by mail\n"));
    }
}
