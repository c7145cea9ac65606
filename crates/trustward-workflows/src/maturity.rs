//! The maturity checks the workflows analyzer evaluates from the repository's own GitHub
//! Actions workflows (`.github/workflows/*.yml` at the root; workflows elsewhere, e.g. in
//! test fixtures, are not the project's CI): tests and security scanners run on pull
//! requests, fuzzing, signed releases and SBOMs, pinned actions, declared token
//! permissions and safe handling of untrusted input.
//!
//! A check is met only when a workflow step shows it (a `uses:` of a known action or a
//! `run:` with a known command), with `path:line` of that step. Other CI systems are not
//! read: with no GitHub workflow but another CI configuration, the CI checks are "not
//! evaluated" rather than "not met".

use crate::model::{UsesKind, Workflow, is_commit_sha, parse_uses};
use crate::yaml;
use trustward_core::files::FileIndex;
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{Finding, Level, Practice, ScanError};

macro_rules! check {
    ($name:ident, $id:literal, $title:literal, $practice:ident, $level:ident, [$($c:literal),*], $how:literal, $why:literal) => {
        #[doc = $title]
        pub static $name: Check = Check {
            id: $id,
            title: $title,
            practice: Practice::$practice,
            level: Level::$level,
            controls: &[$($c),*],
            how: $how,
            why_level: $why,
        };
    };
}

check!(
    TESTS_ON_PR,
    "workflows/tests-on-pull-requests",
    "CI runs an automated test suite on pull requests",
    SecurityTesting,
    Basic,
    ["OSPS-QA-06.01"],
    "Met when a workflow triggered by `pull_request`, `pull_request_target` or `merge_group` has a `run:` step with a test command (`cargo test`, `cargo nextest`, `npm test`, `npm run test`, `yarn test`, `pnpm test`, `pytest`, `tox`, `nox`, `go test`, `make test`, `make check`, `mvn test`, `mvn verify`, `gradle test`, `gradlew test`, `rspec`, `rake test`, `ctest`, `dotnet test`, `phpunit`).",
    "Tests on every proposed change are the floor of security testing."
);
check!(
    SAST_ON_PR,
    "workflows/sast-on-pull-requests",
    "CI runs a SAST tool on pull requests",
    SecurityTesting,
    Standard,
    ["OSPS-VM-06.02"],
    "Met when a pull-request workflow uses `github/codeql-action/analyze`, a Semgrep action (`semgrep/*`, `returntocorp/semgrep-action`) or runs `semgrep`, `codeql`, `gosec`, `bandit`, `brakeman`, `spotbugs` or `njsscan`.",
    "Static analysis of every change needs tooling and triage beyond basic tests."
);
check!(
    DEPS_ON_PR,
    "workflows/dependency-scan-on-pull-requests",
    "CI checks dependencies for known vulnerabilities on pull requests",
    SecurityTesting,
    Standard,
    ["OSPS-VM-05.03"],
    "Met when a pull-request workflow uses `actions/dependency-review-action`, `google/osv-scanner-action`, `aquasecurity/trivy-action`, `anchore/scan-action`, `snyk/actions` or runs `osv-scanner`, `cargo audit`, `cargo deny`, `npm audit`, `pip-audit`, `govulncheck`, `trivy`, `grype`, `trustward audit` or `trustward vulns`.",
    "Blocking vulnerable dependencies on each change is a standard supply-chain gate."
);
check!(
    FUZZING,
    "workflows/fuzzing",
    "The project is fuzzed (cargo-fuzz, OSS-Fuzz or ClusterFuzzLite)",
    SecurityTesting,
    Advanced,
    [],
    "Met by a `fuzz/Cargo.toml` depending on `libfuzzer-sys` (cargo-fuzz), a `.clusterfuzzlite/` directory, a workflow using `google/clusterfuzzlite` or `google/oss-fuzz` actions, or a `run:` with `cargo fuzz`, `go test -fuzz` or `atheris`.",
    "Continuous fuzzing is the most demanding testing practice of the guide."
);
check!(
    ACTIONS_PINNED,
    "workflows/actions-pinned",
    "Every action the workflows use is pinned to a full commit SHA",
    SoftwareSupplyChain,
    Standard,
    [],
    "Reads every `uses:` of the root workflows: met when every repository action or reusable workflow is pinned to a 40/64-hex commit (local `./` actions need no pin; `docker://` images need an `@sha256:` digest). Not applicable without workflows.",
    "Pinning needs an update bot to stay current, which comes with a standard process."
);
check!(
    PERMISSIONS_DECLARED,
    "workflows/token-permissions-declared",
    "Every workflow declares its GITHUB_TOKEN permissions",
    TechnicalSecurityGuidance,
    Standard,
    ["OSPS-AC-04.01", "OSPS-AC-04.02"],
    "Met when every root workflow has a top-level `permissions:` or every one of its jobs has one. Not applicable without workflows.",
    "Least privilege for CI tokens is hardening on top of basic hygiene."
);
check!(
    UNTRUSTED_INPUT,
    "workflows/untrusted-input-handled",
    "No workflow expands untrusted event data in scripts or runs pull-request code with privileged credentials",
    TechnicalSecurityGuidance,
    Basic,
    ["OSPS-BR-01.01", "OSPS-BR-01.03"],
    "Every root workflow was parsed and checked by the rules `workflows/template-injection`, `workflows/dangerous-trigger` and `workflows/secrets-in-privileged-trigger`: met when all parsed and none fired (evidence of a complete check, naming how many workflows), not met when one fired. Not applicable without workflows.",
    "Script injection is the most common CI compromise: avoiding it is the basic guidance."
);
check!(
    RELEASES_SIGNED,
    "workflows/releases-signed",
    "The release workflow signs its artifacts or attests their provenance",
    SecureReleasesAndUpdates,
    Standard,
    ["OSPS-BR-06.01"],
    "Met when a release workflow (triggered by `release` or tag pushes, or with a publish step) uses `sigstore/cosign-installer`, `sigstore/gh-action-sigstore-python`, `actions/attest-build-provenance`, `actions/attest`, `slsa-framework/slsa-github-generator` or runs `cosign sign`, `gpg --detach-sign`, `gpg -b`, `minisign -S` or `gh attestation`. Signing done outside GitHub Actions is not seen.",
    "Signed releases need key or identity management: a standard release practice."
);
check!(
    SBOM_WITH_RELEASES,
    "workflows/sbom-with-releases",
    "The release workflow generates an SBOM",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-QA-02.02"],
    "Met when a release workflow uses `anchore/sbom-action`, `actions/attest-sbom`, `CycloneDX/*` actions or runs `syft`, `cyclonedx`, `cargo cyclonedx`, `cargo sbom`, `trustward sbom` or `spdx-sbom-generator`.",
    "Publishing SBOMs with every release is an advanced transparency practice."
);

/// Every check of the workflows analyzer.
pub static CHECKS: &[&Check] = &[
    &TESTS_ON_PR,
    &SAST_ON_PR,
    &DEPS_ON_PR,
    &FUZZING,
    &ACTIONS_PINNED,
    &PERMISSIONS_DECLARED,
    &UNTRUSTED_INPUT,
    &RELEASES_SIGNED,
    &SBOM_WITH_RELEASES,
];

/// Other CI configurations this analyzer does not read.
const OTHER_CI: &[&str] = &[
    ".gitlab-ci.yml",
    ".circleci/config.yml",
    "Jenkinsfile",
    ".travis.yml",
    "azure-pipelines.yml",
    ".buildkite/pipeline.yml",
    ".drone.yml",
    ".woodpecker.yml",
    "bitbucket-pipelines.yml",
    ".ci/run",
];

const TEST_CMDS: &[&str] = &[
    "cargo test",
    "cargo nextest",
    "npm test",
    "npm run test",
    "yarn test",
    "pnpm test",
    "pytest",
    "tox",
    "nox",
    "go test",
    "make test",
    "make check",
    "mvn test",
    "mvn verify",
    "gradle test",
    "gradlew test",
    "rspec",
    "rake test",
    "ctest",
    "dotnet test",
    "phpunit",
];
const SAST_USES: &[&str] = &[
    "github/codeql-action/analyze",
    "semgrep/",
    "returntocorp/semgrep-action",
];
const SAST_CMDS: &[&str] = &[
    "semgrep", "codeql", "gosec", "bandit", "brakeman", "spotbugs", "njsscan",
];
const DEPS_USES: &[&str] = &[
    "actions/dependency-review-action",
    "google/osv-scanner-action",
    "aquasecurity/trivy-action",
    "anchore/scan-action",
    "snyk/actions",
];
const DEPS_CMDS: &[&str] = &[
    "osv-scanner",
    "cargo audit",
    "cargo deny",
    "npm audit",
    "pip-audit",
    "govulncheck",
    "trivy",
    "grype",
    "trustward audit",
    "trustward vulns",
];
const FUZZ_USES: &[&str] = &["google/clusterfuzzlite", "google/oss-fuzz"];
const FUZZ_CMDS: &[&str] = &["cargo fuzz", "go test -fuzz", "atheris"];
const SIGN_USES: &[&str] = &[
    "sigstore/cosign-installer",
    "sigstore/gh-action-sigstore-python",
    "actions/attest-build-provenance",
    "actions/attest@",
    "slsa-framework/slsa-github-generator",
];
const SIGN_CMDS: &[&str] = &[
    "cosign sign",
    "gpg --detach-sign",
    "gpg -b",
    "minisign -S",
    "gh attestation",
];
const SBOM_USES: &[&str] = &["anchore/sbom-action", "actions/attest-sbom", "cyclonedx/"];
const SBOM_CMDS: &[&str] = &[
    "syft",
    "cyclonedx",
    "cargo cyclonedx",
    "cargo sbom",
    "trustward sbom",
    "spdx-sbom-generator",
];

/// Whether `cmd` appears in `script` as whole words.
fn has_cmd(script: &str, cmd: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = script.get(from..).and_then(|s| s.find(cmd)) {
        let start = from + pos;
        let end = start + cmd.len();
        let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let before = start.checked_sub(1).and_then(|i| script.as_bytes().get(i));
        if !word(before) && before != Some(&b'-') && !word(script.as_bytes().get(end)) {
            return true;
        }
        from = script.ceil_char_boundary(start + 1);
    }
    false
}

/// One step of a root workflow, flattened.
struct StepInfo {
    path: String,
    line: u32,
    pr: bool,
    release: bool,
    uses: Option<String>,
    run: Option<String>,
}

/// Collects the steps of the root workflows; returns them, the number of workflows, the
/// unpinned `uses:` and the workflows without declared permissions.
struct Seen {
    steps: Vec<StepInfo>,
    workflows: usize,
    parse_failed: Vec<String>,
    unpinned: Vec<String>,
    pinned: usize,
    no_permissions: Vec<String>,
}

fn collect(files: &FileIndex) -> Seen {
    let mut seen = Seen {
        steps: Vec::new(),
        workflows: 0,
        parse_failed: Vec::new(),
        unpinned: Vec::new(),
        pinned: 0,
        no_permissions: Vec::new(),
    };
    for e in files.entries() {
        let rel = e.rel.as_str();
        let lower = rel.to_ascii_lowercase();
        let Some(name) = lower.strip_prefix(".github/workflows/") else {
            continue;
        };
        if name.contains('/') || !(name.ends_with(".yml") || name.ends_with(".yaml")) {
            continue;
        }
        let Ok(text) = files.read_text(rel) else {
            seen.parse_failed.push(rel.to_string());
            continue;
        };
        let root = match yaml::parse(&text) {
            Ok(Some(r)) => r,
            _ => {
                seen.parse_failed.push(rel.to_string());
                continue;
            }
        };
        let Some(wf) = Workflow::from_root(&root) else {
            continue;
        };
        seen.workflows += 1;
        let pr = ["pull_request", "pull_request_target", "merge_group"]
            .iter()
            .any(|t| wf.has_trigger(t));
        let publishes = wf.jobs.iter().flat_map(|j| &j.steps).any(|s| {
            s.run_str().is_some_and(|r| {
                [
                    "cargo publish",
                    "npm publish",
                    "twine upload",
                    "gh release",
                    "goreleaser",
                ]
                .iter()
                .any(|c| has_cmd(r, c))
            }) || s.uses_str().is_some_and(|u| {
                u.starts_with("softprops/action-gh-release")
                    || u.starts_with("pypa/gh-action-pypi-publish")
                    || u.starts_with("goreleaser/")
            })
        });
        let release = wf.is_release() || publishes;
        if wf.permissions.is_none() && wf.jobs.iter().any(|j| j.permissions.is_none()) {
            seen.no_permissions.push(rel.to_string());
        }
        let mut check_pin = |node: &yaml::Node| {
            let Some(u) = node.as_str() else { return };
            let line = node.span.start.line;
            match parse_uses(u) {
                Some(UsesKind::Repository { git_ref, .. }) => {
                    if is_commit_sha(&git_ref) {
                        seen.pinned += 1;
                    } else {
                        seen.unpinned.push(format!("{rel}:{line}: {u}"));
                    }
                }
                Some(UsesKind::Docker(img)) => {
                    if img.contains("@sha256:") {
                        seen.pinned += 1;
                    } else {
                        seen.unpinned.push(format!("{rel}:{line}: {u}"));
                    }
                }
                _ => {}
            }
        };
        for job in &wf.jobs {
            if let Some(u) = job.uses {
                check_pin(u);
                seen.steps.push(StepInfo {
                    path: rel.to_string(),
                    line: u.span.start.line,
                    pr,
                    release,
                    uses: u.as_str().map(str::to_string),
                    run: None,
                });
            }
            for s in &job.steps {
                if let Some(u) = s.uses {
                    check_pin(u);
                }
                seen.steps.push(StepInfo {
                    path: rel.to_string(),
                    line: s.node.span.start.line,
                    pr,
                    release,
                    uses: s.uses_str().map(str::to_string),
                    run: s.run_str().map(str::to_string),
                });
            }
        }
    }
    seen
}

fn find_step(
    seen: &Seen,
    filter: impl Fn(&StepInfo) -> bool,
    uses: &[&str],
    cmds: &[&str],
) -> Option<String> {
    seen.steps.iter().filter(|s| filter(s)).find_map(|s| {
        let what = s
            .uses
            .as_deref()
            .filter(|u| {
                let l = u.to_ascii_lowercase();
                uses.iter().any(|p| l.starts_with(&p.to_ascii_lowercase()))
            })
            .map(str::to_string)
            .or_else(|| {
                let r = s.run.as_deref()?;
                cmds.iter()
                    .find(|c| has_cmd(r, c))
                    .map(|c| format!("run: {c}"))
            })?;
        Some(format!("{}:{}: {what}", s.path, s.line))
    })
}

/// The evidence of every workflows check. `findings` are the analyzer's findings (for
/// the untrusted-input check); `errors` receives workflows that could not be read.
pub fn evidence(files: &FileIndex, findings: &[Finding], errors: &[ScanError]) -> Vec<Evidence> {
    let seen = collect(files);
    let other_ci: Vec<&str> = OTHER_CI
        .iter()
        .copied()
        .filter(|p| files.exists(p))
        .collect();
    let mut ev = Vec::new();
    let incomplete = !seen.parse_failed.is_empty();
    let none_why = if incomplete {
        Some(format!(
            "{} could not be read or parsed",
            seen.parse_failed.join(", ")
        ))
    } else if seen.workflows == 0 && !other_ci.is_empty() {
        Some(format!(
            "CI is configured outside GitHub Actions ({}), which trustward does not read",
            other_ci.join(", ")
        ))
    } else {
        None
    };
    let mut ci = |check: &'static Check, found: Option<String>, missing: &str| {
        ev.push(match (found, &none_why) {
            (Some(d), _) => Evidence::met(check, d),
            (None, Some(why)) => Evidence::not_evaluated(check, why.clone()),
            (None, None) => Evidence::not_met(check, missing),
        });
    };
    ci(
        &TESTS_ON_PR,
        find_step(&seen, |s| s.pr, &[], TEST_CMDS),
        "no pull-request workflow runs a test command",
    );
    ci(
        &SAST_ON_PR,
        find_step(&seen, |s| s.pr, SAST_USES, SAST_CMDS),
        "no pull-request workflow runs CodeQL, Semgrep or another SAST tool",
    );
    ci(
        &DEPS_ON_PR,
        find_step(&seen, |s| s.pr, DEPS_USES, DEPS_CMDS),
        "no pull-request workflow checks dependencies for known vulnerabilities",
    );
    let fuzz_files = if files.exists("fuzz/Cargo.toml")
        && files
            .read_text("fuzz/Cargo.toml")
            .is_ok_and(|t| t.contains("libfuzzer-sys"))
    {
        Some("fuzz/Cargo.toml (cargo-fuzz)".to_string())
    } else {
        files
            .entries()
            .iter()
            .find(|e| e.rel.starts_with(".clusterfuzzlite/"))
            .map(|_| ".clusterfuzzlite/".to_string())
    };
    ci(
        &FUZZING,
        fuzz_files.or_else(|| find_step(&seen, |_| true, FUZZ_USES, FUZZ_CMDS)),
        "no cargo-fuzz project, ClusterFuzzLite configuration or fuzzing workflow",
    );
    ci(
        &RELEASES_SIGNED,
        find_step(&seen, |s| s.release, SIGN_USES, SIGN_CMDS),
        "no release workflow signs artifacts or attests provenance",
    );
    ci(
        &SBOM_WITH_RELEASES,
        find_step(&seen, |s| s.release, SBOM_USES, SBOM_CMDS),
        "no release workflow generates an SBOM",
    );

    let no_workflows = seen.workflows == 0 && !incomplete;
    if no_workflows {
        for c in [&ACTIONS_PINNED, &PERMISSIONS_DECLARED, &UNTRUSTED_INPUT] {
            ev.push(Evidence::not_applicable(
                c,
                "the repository has no GitHub Actions workflow",
            ));
        }
        return ev;
    }
    let why = format!(
        "{} could not be read or parsed",
        seen.parse_failed.join(", ")
    );
    ev.push(if let Some(u) = seen.unpinned.first() {
        Evidence::not_met(
            &ACTIONS_PINNED,
            format!("{} unpinned, e.g. {u}", seen.unpinned.len()),
        )
    } else if incomplete {
        Evidence::not_evaluated(&ACTIONS_PINNED, why.clone())
    } else {
        Evidence::met(
            &ACTIONS_PINNED,
            format!(
                "{} uses: in {} workflows, all pinned by SHA",
                seen.pinned, seen.workflows
            ),
        )
    });
    ev.push(if let Some(w) = seen.no_permissions.first() {
        Evidence::not_met(
            &PERMISSIONS_DECLARED,
            format!("{w} has no top-level permissions and a job without them"),
        )
    } else if incomplete {
        Evidence::not_evaluated(&PERMISSIONS_DECLARED, why.clone())
    } else {
        Evidence::met(
            &PERMISSIONS_DECLARED,
            format!("all {} workflows declare permissions", seen.workflows),
        )
    });
    let bad = findings.iter().find(|f| {
        matches!(
            f.rule.id,
            "workflows/template-injection"
                | "workflows/dangerous-trigger"
                | "workflows/secrets-in-privileged-trigger"
        ) && f
            .location
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with(".github/workflows/"))
    });
    let root_errors = errors
        .iter()
        .any(|e| e.path.starts_with(".github/workflows/"));
    ev.push(match bad {
        Some(f) => Evidence::not_met(
            &UNTRUSTED_INPUT,
            format!(
                "{}: {}",
                f.rule.id,
                f.location.path.as_deref().unwrap_or_default()
            ),
        ),
        None if incomplete || root_errors => Evidence::not_evaluated(&UNTRUSTED_INPUT, why),
        None => Evidence::met(
            &UNTRUSTED_INPUT,
            format!(
                "{} workflows parsed; no template injection, dangerous trigger or secret in a privileged trigger",
                seen.workflows
            ),
        ),
    });
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_on_word_boundaries() {
        assert!(has_cmd("set -e\ncargo test --workspace", "cargo test"));
        assert!(!has_cmd("mycargo testing", "cargo test"));
        assert!(has_cmd("go test -fuzz=Fuzz ./...", "go test -fuzz"));
        assert!(!has_cmd("pytest_plugin", "pytest"));
    }
}
