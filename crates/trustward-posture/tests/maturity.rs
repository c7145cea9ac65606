//! Every maturity check of the posture analyzer has a fixture where it is met and one
//! where it is not. Fixtures are written here from the check's own definition of "met".

use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::maturity::CheckStatus;
use trustward_core::{Analyzer, AnalyzerOutput, Config, ScanContext};
use trustward_posture::PostureAnalyzer;
use trustward_posture::maturity::CHECKS;

fn run(files: &[(&str, &str)]) -> AnalyzerOutput {
    let dir = tempfile::tempdir().unwrap();
    for (rel, content) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    let index = FileIndex::new(dir.path());
    PostureAnalyzer::default()
        .with_today(jiff::civil::date(2026, 6, 1))
        .run(&ScanContext {
            files: &index,
            config: &Config::default(),
            progress: &NoProgress,
            verbose: false,
        })
}

fn status(out: &AnalyzerOutput, id: &str) -> CheckStatus {
    let ev: Vec<_> = out.evidence.iter().filter(|e| e.check == id).collect();
    assert_eq!(
        ev.len(),
        1,
        "{id}: expected one piece of evidence, got {ev:?}"
    );
    ev[0].status.clone()
}

const POLICY_GOOD: &str = "# Security policy\n\n## Supported versions\n\nOnly the latest release \
receives security fixes; 1.x is end of life.\n\n## Reporting\n\nE-mail security@example.org. We \
acknowledge reports within 3 working days and publish an advisory.\n";
const POLICY_BAD: &str = "# Security\n\nOpen an issue at https://github.com/o/r/issues.\n";
const MIT: &str = "MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";

type Files = &'static [(&'static str, &'static str)];

/// (check id, files where it is met, files where it is not met).
fn cases() -> Vec<(&'static str, Files, Files)> {
    vec![
        (
            "posture/security-policy-published",
            &[("SECURITY.md", POLICY_BAD)],
            &[("README.md", "hi")],
        ),
        (
            "posture/security-policy-private-channel",
            &[("SECURITY.md", POLICY_GOOD)],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/security-policy-supported-versions",
            &[("SECURITY.md", POLICY_GOOD)],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/security-policy-response-time",
            &[("SECURITY.md", POLICY_GOOD)],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/defect-reporting-guide",
            &[(".github/ISSUE_TEMPLATE/bug.md", "---\nname: Bug\n---\n")],
            &[("README.md", "hello")],
        ),
        (
            "posture/end-of-life-statement",
            &[("SECURITY.md", POLICY_GOOD)],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/security-txt-published",
            &[(
                ".well-known/security.txt",
                "Contact: mailto:security@example.org\nExpires: 2027-01-01T00:00:00Z\n",
            )],
            &[(
                ".well-known/security.txt",
                "Contact: mailto:security@example.org\nExpires: 2025-01-01T00:00:00Z\n",
            )],
        ),
        (
            "posture/security-contacts-documented",
            &[(
                ".well-known/security.txt",
                "Contact: mailto:security@example.org\nExpires: 2027-01-01T00:00:00Z\n",
            )],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/members-listed",
            &[("MAINTAINERS.md", "- Ada <ada@example.org>\n")],
            &[("MAINTAINERS.md", "# Maintainers\n\nTo be decided.\n")],
        ),
        (
            "posture/roles-documented",
            &[("GOVERNANCE.md", "# Governance\n")],
            &[("README.md", "# Project\n")],
        ),
        (
            "posture/codeowners-assigned",
            &[(".github/CODEOWNERS", "* @ada\n")],
            &[(".github/CODEOWNERS", "# nobody yet\n")],
        ),
        (
            "posture/permission-escalation-policy",
            &[(
                "GOVERNANCE.md",
                "## Becoming a maintainer\n\nTwo maintainers vote.\n",
            )],
            &[("GOVERNANCE.md", "# Governance\n")],
        ),
        (
            "posture/contribution-guide",
            &[("CONTRIBUTING.md", "Send a pull request.\n")],
            &[("README.md", "hi")],
        ),
        (
            "posture/contribution-requirements",
            &[(
                "CONTRIBUTING.md",
                "Every change needs tests and a review.\n",
            )],
            &[("CONTRIBUTING.md", "Send a pull request.\n")],
        ),
        (
            "posture/license-identified",
            &[("LICENSE", MIT)],
            &[("README.md", "hi")],
        ),
        (
            "posture/dependency-updates-configured",
            &[(".github/dependabot.yml", "version: 2\nupdates: []\n")],
            &[(".github/dependabot.yml", "")],
        ),
        (
            "posture/no-binary-artifacts",
            &[("src/main.c", "int main(){}\n")],
            &[("bin/tool.exe", "MZ")],
        ),
        (
            "posture/dependency-policy-documented",
            &[("CONTRIBUTING.md", "## Adding a dependency\n\nAsk first.\n")],
            &[("CONTRIBUTING.md", "Send a pull request.\n")],
        ),
        (
            "posture/project-uris-https",
            &[(
                "Cargo.toml",
                "[package]\nname = \"x\"\nrepository = \"https://example.org/x\"\n",
            )],
            &[(
                "Cargo.toml",
                "[package]\nname = \"x\"\nrepository = \"http://example.org/x\"\n",
            )],
        ),
        (
            "posture/user-guide",
            &[("README.md", "## Usage\n\nRun it.\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/build-instructions",
            &[("README.md", "Run `cargo build` first.\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/secrets-policy",
            &[(
                "docs/security.md",
                "## Secrets management\n\nTokens live in the CI vault.\n",
            )],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/design-documentation",
            &[("docs/architecture.md", "# Architecture\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/interface-documentation",
            &[("docs/commands/audit.md", "# audit\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/threat-model",
            &[("docs/threat-model.md", "# Threats\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/disclosure-process",
            &[("SECURITY.md", POLICY_GOOD)],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/incident-response-plan",
            &[("docs/incident-response.md", "# Plan\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/vulnerability-management-policy",
            &[("SECURITY.md", "Critical advisories block the release.\n")],
            &[("SECURITY.md", POLICY_BAD)],
        ),
        (
            "posture/vex-published",
            &[("vex/cve-2026-1.openvex.json", "{}")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/testing-documented",
            &[(
                "CONTRIBUTING.md",
                "Run `cargo test`. Add tests for every fix.\n",
            )],
            &[("CONTRIBUTING.md", "Run `cargo test`.\n")],
        ),
        (
            "posture/changelog-kept",
            &[("CHANGELOG.md", "# Changelog\n")],
            &[("README.md", "# x\n")],
        ),
        (
            "posture/release-verification-documented",
            &[(
                "README.md",
                "Verify with `cosign verify-blob`: see checksums.\n",
            )],
            &[("README.md", "# x\n")],
        ),
    ]
}

#[test]
fn every_check_has_a_met_and_a_not_met_fixture() {
    let cases = cases();
    for c in CHECKS {
        assert!(
            cases.iter().any(|(id, _, _)| *id == c.id),
            "{} has no fixture",
            c.id
        );
    }
    for (id, met, not_met) in cases {
        let out = run(met);
        assert_eq!(
            status(&out, id),
            CheckStatus::Met,
            "{id} on its met fixture: {:?}",
            out.evidence.iter().find(|e| e.check == id)
        );
        let out = run(not_met);
        assert_eq!(
            status(&out, id),
            CheckStatus::NotMet,
            "{id} on its not-met fixture: {:?}",
            out.evidence.iter().find(|e| e.check == id)
        );
    }
}

#[test]
fn https_uris_not_applicable_without_a_manifest() {
    let out = run(&[("README.md", "# x\n")]);
    assert!(matches!(
        status(&out, "posture/project-uris-https"),
        CheckStatus::NotApplicable { .. }
    ));
}

#[test]
fn every_check_gets_exactly_one_piece_of_evidence() {
    let out = run(&[]);
    for c in CHECKS {
        let _ = status(&out, c.id);
    }
    assert_eq!(out.evidence.len(), CHECKS.len());
}
