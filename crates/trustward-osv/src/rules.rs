//! The rules the `vulns` analyzer fires.

use trustward_core::{Confidence, Level, Practice, Rule, Severity};

/// A dependency at a version covered by a known-vulnerability advisory.
pub static KNOWN_VULNERABILITY: Rule = Rule {
    id: "vulns/known-vulnerability",
    title: "Dependency with a known vulnerability",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-VM-05.02", "OSPS-VM-05.03"],
    description: "A package in a lockfile (or given with `--purl`/`--sbom`) is at a version that an OSV advisory lists as affected. Advisories that are aliases of each other (GHSA, CVE, PYSEC, RUSTSEC, GO …) are reported once, listing every id. The severity comes from the advisory's CVSS v4.0 or v3.x base score (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0), else from the database's own rating; advisories without any rating are reported as high, RustSec informational advisories (unmaintained, unsound) as low.",
    why: "Known vulnerabilities in dependencies are the most exploited weakness in software supply chains: the advisory tells attackers exactly what to try, and every user of your release inherits the flaw.",
    fix: "Upgrade the package to the fixed version shown (the smallest version that leaves every affected range), or remove it; if it cannot be upgraded yet, record why in an `[[ignore]]` entry with an expiry date.",
    fix_details: "Bad (`Cargo.lock`):\n\n```toml\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"   # RUSTSEC-2021-0003\n```\n\nGood:\n\n```toml\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.1\"\n```\n\nThe text and Markdown reports end each package with a summary such as \"upgrade `django` 3.2.0 → 3.2.25 (fixes 14 advisories)\".",
    references: &[
        "https://ossf.github.io/osv-schema/",
        "https://osv.dev/",
        "https://baseline.openssf.org/versions/2025-02-25#osps-vm-05",
    ],
};

/// A dependency that is known malware.
pub static MALICIOUS_PACKAGE: Rule = Rule {
    id: "vulns/malicious-package",
    title: "Dependency is a known malicious package",
    severity: Severity::Critical,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-VM-05.03"],
    description: "A package matches an advisory that reports malicious code: an OpenSSF malicious-packages record (`MAL-` id) or a GitHub-reviewed advisory classified CWE-506 (embedded malicious code), such as typosquats and hijacked releases.",
    why: "Malicious packages run attacker code on developer machines, in CI and in production; they usually steal credentials and tokens at install time, so the exposure starts before any test runs.",
    fix: "Remove the package (or pin a known-good version the advisory does not list), then rotate every credential available on machines and CI runners where it was installed.",
    fix_details: "Bad (`package.json`): `\"lodahs\": \"0.0.1-security\"` (typosquat of `lodash`). Good: `\"lodash\": \"4.17.21\"`.\n\nTreat the machines that installed it as compromised: rotate npm/PyPI/GitHub tokens and cloud keys.",
    references: &[
        "https://github.com/ossf/malicious-packages",
        "https://cwe.mitre.org/data/definitions/506.html",
    ],
};

/// Every rule of the analyzer.
pub fn all() -> Vec<&'static Rule> {
    vec![&KNOWN_VULNERABILITY, &MALICIOUS_PACKAGE]
}

#[cfg(test)]
mod tests {
    #[test]
    fn rules_lint_clean() {
        for r in super::all() {
            assert!(r.lint().is_empty(), "{:?}", r.lint());
        }
    }
}
