//! The maturity checks the posture analyzer evaluates: the guide's tasks that the files of
//! a repository can show (policy, roles, contribution, documentation, playbooks), each a
//! static [`Check`] with positive evidence — a check is met only when the file or the
//! statement it asks for is found, with the path that shows it.
//!
//! Statements are read from the policy documents (README, SECURITY, SUPPORT, GOVERNANCE,
//! MAINTAINERS, CONTRIBUTING, and pages named for a process such as `testing`,
//! `releasing`, `dependencies`, `incident-response` — see [`POLICY_STEMS`]) in the root,
//! `.github/` and the top of `docs/` (Markdown, reStructuredText, AsciiDoc, plain text), at most [`MAX_DOCS`] files and [`crate::text::MAX_PROSE_BYTES`]
//! of each; statements are matched as whole-word phrases on normalised text.

use crate::checks::{
    changelog, contributing, license, pull_request_template, security_policy, security_txt,
};
use crate::parse::security_txt::SecurityTxt;
use crate::repo::{Repo, parent, stem};
use crate::text::{has_phrase, normalize};
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{AnalyzerOutput, Level, Practice};

/// Most documentation files read for statements.
pub const MAX_DOCS: usize = 400;

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

// --- Security policy ---------------------------------------------------------------
check!(
    POLICY,
    "posture/security-policy-published",
    "A security policy (SECURITY.md) is published",
    SecurityPolicy,
    Basic,
    ["OSPS-VM-02.01"],
    "Met when a `SECURITY` file (`.md`, `.markdown`, `.rst`, `.txt` or no extension, any case) is in `.github/`, the root or `docs/` and is not an RFC 9116 security.txt.",
    "The first thing a reporter looks for; every other policy task builds on it."
);
check!(
    PRIVATE_CHANNEL,
    "posture/security-policy-private-channel",
    "The security policy names a private reporting channel",
    SecurityPolicy,
    Basic,
    ["OSPS-VM-03.01"],
    "Met when the security policy contains an e-mail address, an `https://` link that can receive a private report (not an issue tracker, discussion board or forge file view) or GitHub private vulnerability reporting.",
    "Without a private channel every report is a public zero-day: the minimum of a policy."
);
check!(
    SUPPORTED_VERSIONS,
    "posture/security-policy-supported-versions",
    "The security policy says which versions receive security fixes",
    SecurityPolicy,
    Standard,
    ["OSPS-DO-04.01"],
    "Met when the security policy has a statement such as \"supported versions\", \"only the latest release\", \"receive security fixes\" or \"end of life\".",
    "Needs a release process that decides which lines are maintained: beyond the basic reporting channel."
);
check!(
    RESPONSE_TIME,
    "posture/security-policy-response-time",
    "The security policy states a timeframe for responding to reports",
    SecurityPolicy,
    Standard,
    ["OSPS-VM-01.01"],
    "Met when the security policy gives a number of hours, days or weeks (e.g. \"within 3 working days\", \"90 days\").",
    "A committed timeframe is a coordinated-disclosure policy (OSPS level 2), more than a contact."
);
check!(
    DEFECT_GUIDE,
    "posture/defect-reporting-guide",
    "The project explains how to report defects",
    SecurityPolicy,
    Standard,
    ["OSPS-DO-02.01"],
    "Met by issue templates (`.github/ISSUE_TEMPLATE/`, `.gitlab/issue_templates/`, `ISSUE_TEMPLATE.md`) or a documentation statement such as \"report a bug\", \"reporting bugs\", \"bug reports\", \"file an issue\", \"open an issue\".",
    "Guidance for ordinary defects complements the security channel once the basics exist."
);
check!(
    EOL_STATEMENT,
    "posture/end-of-life-statement",
    "The documentation says when versions stop receiving security updates",
    SecurityPolicy,
    Advanced,
    ["OSPS-DO-05.01"],
    "Met when the security policy or documentation says \"end of life\", \"EOL\", \"no longer supported\", \"no longer receive\", \"unsupported\" or \"until <date>\" about versions.",
    "Announcing end of support ahead of time is a mature release commitment."
);
check!(
    SECURITY_TXT,
    "posture/security-txt-published",
    "A valid, unexpired security.txt (RFC 9116) is published",
    SecurityPolicy,
    Advanced,
    [],
    "Met when `.well-known/security.txt` (or an RFC 9116 `security.txt` at the root) parses, has a Contact and an Expires in the future, and raises no posture finding.",
    "A machine-readable contact for automated disclosure tooling: useful once the policy itself is in place."
);

// --- Roles and responsibilities -----------------------------------------------------
check!(
    SECURITY_CONTACTS,
    "posture/security-contacts-documented",
    "The documentation names security contacts",
    RolesAndResponsibilities,
    Basic,
    ["OSPS-VM-02.01"],
    "Met when the security policy names a private channel or a security.txt has a `Contact:` field.",
    "Someone must own security reports before any other role is defined."
);
check!(
    MEMBERS_LISTED,
    "posture/members-listed",
    "The project members are listed (MAINTAINERS, OWNERS, GOVERNANCE or CODEOWNERS)",
    RolesAndResponsibilities,
    Standard,
    ["OSPS-GV-01.01"],
    "Met when a `MAINTAINERS`, `OWNERS`, `GOVERNANCE`, `AUTHORS` or `CODEOWNERS` file names at least one person (an `@handle` or an e-mail address).",
    "Listing who has access to sensitive resources is OSPS level 2 governance."
);
check!(
    ROLES_DOCUMENTED,
    "posture/roles-documented",
    "The roles and responsibilities of project members are described",
    RolesAndResponsibilities,
    Standard,
    ["OSPS-GV-01.02"],
    "Met by a `GOVERNANCE` file or a documentation statement such as \"roles and responsibilities\", \"maintainer responsibilities\", \"responsibilities of maintainers\".",
    "Roles beyond a contact come with a project that has several members."
);
check!(
    CODEOWNERS,
    "posture/codeowners-assigned",
    "CODEOWNERS assigns owners to the code",
    RolesAndResponsibilities,
    Standard,
    [],
    "Met when `CODEOWNERS` in `.github/`, the root, `docs/` or `.gitlab/` has at least one rule with an owner.",
    "Per-path ownership routes reviews of sensitive files to the right people."
);
check!(
    ESCALATION_POLICY,
    "posture/permission-escalation-policy",
    "Governance says how collaborators are vetted before gaining elevated permissions",
    RolesAndResponsibilities,
    Advanced,
    ["OSPS-GV-04.01"],
    "Met when governance, maintainers or contributing documentation says how one becomes a maintainer or gets commit/write access (\"becoming a maintainer\", \"become a maintainer\", \"commit access\", \"write access\", \"maintainer status\", \"nominated\").",
    "A vetting policy for privileges is OSPS level 3."
);

// --- Know your contributors ---------------------------------------------------------
check!(
    CONTRIBUTING,
    "posture/contribution-guide",
    "A contribution guide explains how to contribute",
    KnowYourContributors,
    Basic,
    ["OSPS-GV-03.01"],
    "Met when a `CONTRIBUTING` file (any case, any extension) is in the root, `.github/` or `docs/`.",
    "Contributors need to know the process before anything else can be asked of them."
);
check!(
    CONTRIBUTION_REQUIREMENTS,
    "posture/contribution-requirements",
    "The contribution guide states requirements for acceptable contributions",
    KnowYourContributors,
    Standard,
    ["OSPS-GV-03.02"],
    "Met when the contribution guide or the pull-request template asks for tests, review, sign-off or a checklist (\"tests\", \"review\", \"sign off\", \"signed off\", \"DCO\", \"checklist\", \"code style\").",
    "Requirements on contributions are OSPS level 2; a plain process description is basic."
);

// --- Software supply chain ----------------------------------------------------------
check!(
    LICENSE,
    "posture/license-identified",
    "A licence file states the project's licence",
    SoftwareSupplyChain,
    Basic,
    ["OSPS-LE-03.01"],
    "Met when a `LICENSE`/`LICENCE`/`COPYING` file at the root (or a `LICENSES/` directory) is identified as an SPDX licence, or a manifest declares a valid SPDX expression beside a licence file.",
    "Nobody can legally reuse or redistribute code without a licence."
);
check!(
    DEPENDENCY_UPDATES,
    "posture/dependency-updates-configured",
    "Automated dependency updates are configured (Dependabot or Renovate)",
    SoftwareSupplyChain,
    Standard,
    [],
    "Met by a non-empty `.github/dependabot.yml`/`.yaml` or a Renovate configuration (`renovate.json`, `.renovaterc*`, `.github/renovate.json5`, a `renovate` key in `package.json` …).",
    "Keeping dependencies current takes tooling beyond the basic files."
);
check!(
    NO_BINARIES,
    "posture/no-binary-artifacts",
    "No executable or compiled artifacts are committed",
    SoftwareSupplyChain,
    Standard,
    ["OSPS-QA-05.01", "OSPS-QA-05.02"],
    "Met when no file of the scan has an executable or compiled-object extension (`.exe`, `.dll`, `.so`, `.dylib`, `.jar`, `.war`, `.class`, `.pyc`, `.o`, `.obj`, `.a`, `.lib`, `.apk`); not met lists them. Files are judged by name, not content.",
    "Unreviewable binaries hide what a build really contains: a standard hygiene rule."
);
check!(
    DEPENDENCY_DOCS,
    "posture/dependency-policy-documented",
    "The documentation describes how dependencies are selected and tracked",
    SoftwareSupplyChain,
    Advanced,
    ["OSPS-DO-06.01"],
    "Met when documentation has a statement such as \"dependency policy\", \"adding a dependency\", \"adding dependencies\", \"new dependencies\", \"dependency management\", \"managing dependencies\", \"dependency updates\".",
    "A written dependency policy is a mature supply-chain practice."
);
check!(
    HTTPS_URIS,
    "posture/project-uris-https",
    "The project URIs in the manifests use HTTPS",
    SoftwareSupplyChain,
    Standard,
    ["OSPS-BR-03.01", "OSPS-BR-03.02"],
    "Reads `homepage`, `repository` and `documentation` of the root `Cargo.toml` (`[package]` or `[workspace.package]`) and `package.json` (`homepage`, `repository`, `bugs`). Met when at least one is given and all are `https://`; not met names a non-HTTPS one; not applicable when no manifest names a URI.",
    "Official channels delivered over authenticated transport protect users from tampering."
);

// --- Technical security guidance ----------------------------------------------------
check!(
    USER_GUIDE,
    "posture/user-guide",
    "The README explains how to install or use the software",
    TechnicalSecurityGuidance,
    Basic,
    ["OSPS-DO-01.01"],
    "Met when the root README (or `docs/`) has a statement such as \"usage\", \"getting started\", \"quick start\", \"installation\", \"install\", \"how to use\", \"examples\".",
    "Users cannot use software securely without basic documentation."
);
check!(
    BUILD_DOCS,
    "posture/build-instructions",
    "The documentation explains how to build the software",
    TechnicalSecurityGuidance,
    Standard,
    ["OSPS-DO-07.01"],
    "Met when documentation has a statement such as \"build from source\", \"how to build\", \"build instructions\", \"cargo build\", \"npm run build\", \"go build\", \"make build\", \"mvn package\", \"gradle build\", \"python -m build\".",
    "Reproducing the build is what lets others verify it."
);
check!(
    SECRETS_POLICY,
    "posture/secrets-policy",
    "The documentation has a policy for managing secrets and credentials",
    TechnicalSecurityGuidance,
    Advanced,
    ["OSPS-BR-07.02"],
    "Met when documentation has a statement such as \"secrets management\", \"managing secrets\", \"secret rotation\", \"rotate secrets\", \"rotating credentials\", \"credential rotation\".",
    "A written secrets policy is OSPS level 3."
);
check!(
    DESIGN_DOCS,
    "posture/design-documentation",
    "Design documentation describes the system's components and actors",
    TechnicalSecurityGuidance,
    Advanced,
    ["OSPS-SA-01.01"],
    "Met by an `ARCHITECTURE`/`DESIGN` file at the root or in `docs/`, or a `docs/architecture*`/`docs/design*` path.",
    "Design documentation is what a security review starts from; expected of mature projects."
);
check!(
    INTERFACE_DOCS,
    "posture/interface-documentation",
    "The external interfaces (API, CLI, file formats) are documented",
    TechnicalSecurityGuidance,
    Advanced,
    ["OSPS-SA-02.01"],
    "Met by a `docs/api*`, `docs/commands/`, `docs/cli*`, `docs/reference*` path or a documentation statement such as \"api reference\", \"command line reference\", \"cli reference\", \"output format\".",
    "Documenting every interface is part of a design review (OSPS level 2–3)."
);
check!(
    THREAT_MODEL,
    "posture/threat-model",
    "A threat model or security assessment is documented",
    TechnicalSecurityGuidance,
    Advanced,
    ["OSPS-SA-03.01", "OSPS-SA-03.02"],
    "Met by a file whose name contains `threat` or `security-assessment`/`self-assessment` in the root or `docs/`, or a `threat model` statement in the security policy or the architecture document.",
    "Threat modelling is the most demanding security-design task of the guide."
);

// --- Security playbooks -------------------------------------------------------------
check!(
    DISCLOSURE_PROCESS,
    "posture/disclosure-process",
    "The security policy describes what happens after a report",
    SecurityPlaybooks,
    Basic,
    ["OSPS-VM-01.01"],
    "Met when the security policy mentions acknowledgement, disclosure, an embargo, advisories or CVEs (\"acknowledge\", \"disclosure\", \"embargo\", \"advisory\", \"advisories\", \"CVE\").",
    "The minimum playbook: reporters know what to expect."
);
check!(
    INCIDENT_RESPONSE,
    "posture/incident-response-plan",
    "An incident-response plan documents who does what when a vulnerability is confirmed",
    SecurityPlaybooks,
    Standard,
    [],
    "Met by a file whose name contains `incident` in the root, `.github/` or `docs/`, or a documentation statement \"incident response\", \"incident handling\" or \"security response process\".",
    "A written response plan is needed once several people handle reports."
);
check!(
    VULN_POLICY,
    "posture/vulnerability-management-policy",
    "A policy sets remediation thresholds for dependency and code-scanning findings",
    SecurityPlaybooks,
    Advanced,
    ["OSPS-VM-05.01", "OSPS-VM-05.02", "OSPS-VM-06.01"],
    "Met when documentation has a statement such as \"remediation\" with \"within\", \"fixed before release\", \"blocks the release\", \"before any release\", \"severity threshold\".",
    "Thresholds and release gates are OSPS level 3 vulnerability management."
);
check!(
    VEX,
    "posture/vex-published",
    "VEX documents account for vulnerabilities that do not affect the project",
    SecurityPlaybooks,
    Advanced,
    ["OSPS-VM-04.02"],
    "Met by a file named `*.vex.json`, `*.openvex.json`, `vex.json` or a `vex/`/`.vex/` directory.",
    "VEX is the most advanced vulnerability communication of the Baseline."
);

// --- Security testing ---------------------------------------------------------------
check!(
    TESTING_DOCS,
    "posture/testing-documented",
    "The documentation says how tests are run and asks for tests with changes",
    SecurityTesting,
    Advanced,
    ["OSPS-QA-06.02", "OSPS-QA-06.03"],
    "Met when documentation names how tests run (\"cargo test\", \"npm test\", \"pytest\", \"go test\", \"make test\", \"tox\", \"run the tests\", \"running tests\", \"run tests\") and asks for tests (\"add tests\", \"include tests\", \"tests for\", \"with tests\", \"new tests\", \"update tests\").",
    "A documented testing policy is OSPS level 3."
);

// --- Secure releases and updates ----------------------------------------------------
check!(
    CHANGELOG,
    "posture/changelog-kept",
    "A changelog records each release's changes",
    SecureReleasesAndUpdates,
    Basic,
    ["OSPS-BR-04.01"],
    "Met by a `CHANGELOG`/`CHANGES`/`HISTORY`/`NEWS`/`RELEASES`/`RELEASE_NOTES` file at the root, `docs/changelog*`, or a `changelog.d/`/`changelog/` directory.",
    "Users decide whether to upgrade from release notes: the minimum release practice."
);
check!(
    VERIFY_DOCS,
    "posture/release-verification-documented",
    "The documentation explains how to verify release integrity and authorship",
    SecureReleasesAndUpdates,
    Advanced,
    ["OSPS-DO-03.01", "OSPS-DO-03.02"],
    "Met when documentation has a statement such as \"verify the signature\", \"verifying releases\", \"verify the release\", \"cosign verify\", \"gh attestation verify\", \"slsa verifier\", \"gpg verify\", \"verify the checksums\".",
    "Verification instructions only matter once releases are signed: advanced."
);

/// Every check of the posture analyzer.
pub static CHECKS: &[&Check] = &[
    &POLICY,
    &PRIVATE_CHANNEL,
    &SUPPORTED_VERSIONS,
    &RESPONSE_TIME,
    &DEFECT_GUIDE,
    &EOL_STATEMENT,
    &SECURITY_TXT,
    &SECURITY_CONTACTS,
    &MEMBERS_LISTED,
    &ROLES_DOCUMENTED,
    &CODEOWNERS,
    &ESCALATION_POLICY,
    &CONTRIBUTING,
    &CONTRIBUTION_REQUIREMENTS,
    &LICENSE,
    &DEPENDENCY_UPDATES,
    &NO_BINARIES,
    &DEPENDENCY_DOCS,
    &HTTPS_URIS,
    &USER_GUIDE,
    &BUILD_DOCS,
    &SECRETS_POLICY,
    &DESIGN_DOCS,
    &INTERFACE_DOCS,
    &THREAT_MODEL,
    &DISCLOSURE_PROCESS,
    &INCIDENT_RESPONSE,
    &VULN_POLICY,
    &VEX,
    &TESTING_DOCS,
    &CHANGELOG,
    &VERIFY_DOCS,
];

/// One documentation file, normalised.
struct Doc {
    rel: String,
    norm: String,
}

/// The documentation read for statements.
struct Docs(Vec<Doc>);

const DOC_EXTS: [&str; 6] = ["md", "markdown", "rst", "txt", "adoc", "asciidoc"];

/// Stems of the documents that state a project's policies and processes. Other pages
/// (references, benchmarks, generated catalogues) describe things and are not read for
/// statements.
const POLICY_STEMS: &[&str] = &[
    "readme",
    "security",
    "support",
    "governance",
    "maintainers",
    "owners",
    "contributing",
    "development",
    "developing",
    "hacking",
    "building",
    "build",
    "install",
    "installation",
    "testing",
    "tests",
    "releasing",
    "release",
    "releases",
    "dependencies",
    "dependency-policy",
    "policy",
    "policies",
    "secrets",
    "secrets-policy",
    "incident-response",
    "incidents",
    "vulnerability-management",
    "usage",
    "getting-started",
    "quickstart",
    "guide",
    "user-guide",
    "index",
    "architecture",
    "design",
    "threat-model",
    "verifying",
    "verification",
];

fn is_doc(rel: &str) -> bool {
    let dir = parent(rel).to_ascii_lowercase();
    // The project's own policy documents: the root, `.github/` and the top of `docs/`.
    if !(dir.is_empty() || dir == ".github" || dir == "docs" || dir == "doc") {
        return false;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let (stem, ext) = match name.split_once('.') {
        Some((s, e)) => (s, e),
        None => (name.as_str(), ""),
    };
    (ext.is_empty() || DOC_EXTS.contains(&ext))
        && POLICY_STEMS.contains(&stem.replace('_', "-").as_str())
}

impl Docs {
    fn read(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Docs {
        let mut docs = Vec::new();
        let mut skipped = 0usize;
        for e in repo.files.entries() {
            if !is_doc(&e.rel) {
                continue;
            }
            if docs.len() >= MAX_DOCS {
                skipped += 1;
                continue;
            }
            if let Some(text) = repo.read_text(&e.rel, out) {
                docs.push(Doc {
                    rel: e.rel.clone(),
                    norm: normalize(&text),
                });
            }
        }
        if skipped > 0 {
            out.warnings.push(format!(
                "posture: maturity statements were looked for in the first {MAX_DOCS} documentation files; {skipped} more were not read"
            ));
        }
        Docs(docs)
    }

    /// The first document (satisfying `filter`) with one of `phrases`.
    fn find<'a>(
        &'a self,
        filter: impl Fn(&str) -> bool,
        phrases: &[&'static str],
    ) -> Option<(&'a str, &'static str)> {
        self.0
            .iter()
            .filter(|d| filter(&d.rel.to_ascii_lowercase()))
            .find_map(|d| {
                phrases
                    .iter()
                    .find(|p| has_phrase(&d.norm, p))
                    .map(|p| (d.rel.as_str(), *p))
            })
    }
}

fn file_name(rel: &str) -> String {
    rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase()
}

/// The security policy file and its text.
enum Policy {
    Missing,
    Unreadable(String),
    Found(String, String),
}

fn find_policy(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Policy {
    let mut candidates: Vec<&str> = Vec::new();
    for dir in security_policy::DIRS {
        for e in repo.in_dir(dir, security_policy::is_policy_name) {
            candidates.push(e.rel.as_str());
        }
    }
    candidates.sort_by_key(|c| c.to_ascii_lowercase().ends_with(".txt"));
    for rel in candidates {
        let Some(text) = repo.read_text(rel, out) else {
            return Policy::Unreadable(rel.to_string());
        };
        if rel.to_ascii_lowercase().ends_with(".txt") && security_policy::looks_like_rfc9116(&text)
        {
            continue;
        }
        return Policy::Found(rel.to_string(), text);
    }
    Policy::Missing
}

/// The parsed RFC 9116 security.txt, if one is published.
fn find_security_txt(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Option<(String, SecurityTxt)> {
    for rel in [".well-known/security.txt", "security.txt"] {
        if !repo.files.exists(rel) {
            continue;
        }
        let text = repo.read_text(rel, out)?;
        let parsed = SecurityTxt::parse(&text);
        let rfc = parsed
            .fields
            .iter()
            .any(|f| security_txt::KNOWN_FIELDS.iter().any(|k| f.is(k)));
        if rel == "security.txt" && !rfc {
            continue;
        }
        return Some((rel.to_string(), parsed));
    }
    None
}

const CODEOWNERS_PATHS: [&str; 4] = [
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

fn names_a_person(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .any(|t| {
            (t.starts_with('@') && t.len() > 1)
                || crate::parse::codeowners::is_email(t.trim_matches(['<', '>', ',', '(', ')']))
        })
}

/// Appends the evidence of every posture check to `out`.
pub fn evidence(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    let before = out.errors.len();
    let docs = Docs::read(repo, out);
    let ev = &mut Vec::new();

    // Security policy.
    let policy = find_policy(repo, out);
    let sectxt = find_security_txt(repo, out);
    let sectxt_contact = sectxt
        .as_ref()
        .and_then(|(rel, s)| s.named("contact").next().map(|c| (rel, c.value.clone())));
    match &policy {
        Policy::Missing => {
            let none = "no SECURITY.md in .github/, the root or docs/";
            ev.push(Evidence::not_met(&POLICY, none));
            for c in [
                &PRIVATE_CHANNEL,
                &SUPPORTED_VERSIONS,
                &RESPONSE_TIME,
                &DISCLOSURE_PROCESS,
            ] {
                ev.push(Evidence::not_met(c, none));
            }
        }
        Policy::Unreadable(rel) => {
            ev.push(Evidence::met(&POLICY, rel.clone()));
            for c in [
                &PRIVATE_CHANNEL,
                &SUPPORTED_VERSIONS,
                &RESPONSE_TIME,
                &DISCLOSURE_PROCESS,
            ] {
                ev.push(Evidence::not_evaluated(
                    c,
                    format!("{rel} could not be read"),
                ));
            }
        }
        Policy::Found(rel, text) => {
            ev.push(Evidence::met(&POLICY, rel.clone()));
            let norm = normalize(text);
            ev.push(match security_policy::find_private_channel(text, &norm) {
                Some(ch) => Evidence::met(&PRIVATE_CHANNEL, format!("{rel}: {ch}")),
                None => Evidence::not_met(
                    &PRIVATE_CHANNEL,
                    format!("{rel} names no e-mail address or private reporting link"),
                ),
            });
            ev.push(if security_policy::mentions_supported_versions(&norm) {
                Evidence::met(
                    &SUPPORTED_VERSIONS,
                    format!("{rel} has a supported-versions statement"),
                )
            } else {
                Evidence::not_met(
                    &SUPPORTED_VERSIONS,
                    format!("{rel} does not say which versions get fixes"),
                )
            });
            ev.push(match response_time(&norm) {
                Some(t) => Evidence::met(&RESPONSE_TIME, format!("{rel}: \"{t}\"")),
                None => {
                    Evidence::not_met(&RESPONSE_TIME, format!("{rel} gives no response timeframe"))
                }
            });
            const DISCLOSURE: &[&str] = &[
                "acknowledge",
                "acknowledgement",
                "acknowledgment",
                "disclosure",
                "embargo",
                "advisory",
                "advisories",
                "cve",
            ];
            ev.push(match DISCLOSURE.iter().find(|p| has_phrase(&norm, p)) {
                Some(p) => Evidence::met(&DISCLOSURE_PROCESS, format!("{rel}: \"{p}\"")),
                None => Evidence::not_met(
                    &DISCLOSURE_PROCESS,
                    format!("{rel} does not say what happens after a report"),
                ),
            });
        }
    }
    let channel = match &policy {
        Policy::Found(rel, text) => security_policy::find_private_channel(text, &normalize(text))
            .map(|c| format!("{rel}: {c}")),
        _ => None,
    };
    ev.push(match (channel, &sectxt_contact) {
        (Some(c), _) => Evidence::met(&SECURITY_CONTACTS, c),
        (None, Some((rel, c))) => Evidence::met(&SECURITY_CONTACTS, format!("{rel}: Contact: {c}")),
        (None, None) if matches!(policy, Policy::Unreadable(_)) => {
            Evidence::not_evaluated(&SECURITY_CONTACTS, "the security policy could not be read")
        }
        (None, None) => Evidence::not_met(
            &SECURITY_CONTACTS,
            "neither a security policy with a private channel nor a security.txt Contact",
        ),
    });
    ev.push(match &sectxt {
        None => Evidence::not_met(&SECURITY_TXT, "no .well-known/security.txt"),
        Some((rel, s)) => {
            let problems = security_txt::validate(rel, s, repo.now);
            if problems.is_empty() && s.named("contact").next().is_some() {
                Evidence::met(&SECURITY_TXT, rel.clone())
            } else {
                Evidence::not_met(
                    &SECURITY_TXT,
                    format!(
                        "{rel} has {} problem(s) (see the posture findings)",
                        problems.len().max(1)
                    ),
                )
            }
        }
    });
    let templates = !repo.under_ci(".github/ISSUE_TEMPLATE").is_empty()
        || !repo.under(".gitlab/issue_templates").is_empty()
        || [".github", "", "docs"].iter().any(|d| {
            !repo
                .in_dir(d, |n| n == "issue_template.md" || n == "issue_template")
                .is_empty()
        });
    ev.push(if templates {
        Evidence::met(&DEFECT_GUIDE, "issue templates")
    } else {
        match docs.find(
            |_| true,
            &[
                "report a bug",
                "reporting bugs",
                "bug reports",
                "file an issue",
                "open an issue",
                "report bugs",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&DEFECT_GUIDE, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &DEFECT_GUIDE,
                "no issue templates and no bug-reporting statement",
            ),
        }
    });
    ev.push(
        match docs.find(
            |_| true,
            &[
                "end of life",
                "eol",
                "no longer supported",
                "no longer receive",
                "no longer receives",
                "unsupported versions",
                "end of support",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&EOL_STATEMENT, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &EOL_STATEMENT,
                "no end-of-life statement in the documentation",
            ),
        },
    );

    // Roles.
    let member_files: Vec<String> = repo
        .in_dir("", |n| {
            matches!(stem(n), "maintainers" | "owners" | "governance" | "authors")
        })
        .into_iter()
        .chain(repo.in_dir(".github", |n| {
            matches!(stem(n), "maintainers" | "governance")
        }))
        .chain(repo.in_dir("docs", |n| matches!(stem(n), "maintainers" | "governance")))
        .map(|e| e.rel.clone())
        .collect();
    let codeowners = CODEOWNERS_PATHS.iter().find(|p| repo.files.exists(p));
    let mut listed = None;
    for rel in member_files
        .iter()
        .map(String::as_str)
        .chain(codeowners.copied())
    {
        if let Some(t) = repo.read_text(rel, out)
            && names_a_person(&t)
        {
            listed = Some(rel.to_string());
            break;
        }
    }
    ev.push(Evidence::met_if_found(
        &MEMBERS_LISTED,
        listed,
        "no MAINTAINERS, OWNERS, GOVERNANCE, AUTHORS or CODEOWNERS file names a person",
    ));
    let governance = member_files
        .iter()
        .find(|r| stem(&file_name(r)) == "governance");
    ev.push(match governance {
        Some(rel) => Evidence::met(&ROLES_DOCUMENTED, rel.clone()),
        None => match docs.find(
            |_| true,
            &[
                "roles and responsibilities",
                "maintainer responsibilities",
                "responsibilities of maintainers",
                "responsibilities of the maintainers",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&ROLES_DOCUMENTED, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &ROLES_DOCUMENTED,
                "no GOVERNANCE file and no roles statement",
            ),
        },
    });
    ev.push(match codeowners {
        None => Evidence::not_met(&CODEOWNERS, "no CODEOWNERS file"),
        Some(rel) => match repo.read_text(rel, out) {
            None => Evidence::not_evaluated(&CODEOWNERS, format!("{rel} could not be read")),
            Some(t) if names_a_person(&t) => Evidence::met(&CODEOWNERS, *rel),
            Some(_) => Evidence::not_met(&CODEOWNERS, format!("{rel} assigns no owner")),
        },
    });
    ev.push(
        match docs.find(
            |rel| {
                let n = file_name(rel);
                ["governance", "maintainers", "contributing", "owners"]
                    .iter()
                    .any(|s| n.starts_with(s))
            },
            &[
                "becoming a maintainer",
                "become a maintainer",
                "commit access",
                "write access",
                "maintainer status",
                "nominated",
                "nomination",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&ESCALATION_POLICY, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &ESCALATION_POLICY,
                "governance documentation does not say how one gets elevated permissions",
            ),
        },
    );

    // Contributors.
    let contributing: Vec<String> = [".github", "", "docs"]
        .iter()
        .flat_map(|d| repo.in_dir(d, contributing::is_contributing))
        .map(|e| e.rel.clone())
        .collect();
    ev.push(match contributing.first() {
        Some(rel) => Evidence::met(&CONTRIBUTING, rel.clone()),
        None => Evidence::not_met(
            &CONTRIBUTING,
            "no CONTRIBUTING file in the root, .github/ or docs/",
        ),
    });
    let pr_templates: Vec<String> = [".github", "", "docs"]
        .iter()
        .flat_map(|d| repo.in_dir(d, pull_request_template::is_template))
        .map(|e| e.rel.clone())
        .collect();
    let mut req = None;
    for rel in contributing.iter().chain(pr_templates.iter()) {
        if let Some(t) = repo.read_text(rel, out) {
            let n = normalize(&t);
            if let Some(p) = [
                "tests",
                "test",
                "review",
                "reviewed",
                "sign off",
                "signed off",
                "dco",
                "checklist",
                "code style",
            ]
            .iter()
            .find(|p| has_phrase(&n, p))
            {
                req = Some(format!("{rel}: \"{p}\""));
                break;
            }
        }
    }
    ev.push(Evidence::met_if_found(
        &CONTRIBUTION_REQUIREMENTS,
        req,
        "no contribution guide or pull-request template asks for tests, review or sign-off",
    ));

    // Supply chain.
    ev.push(license_evidence(repo, out));
    let dependabot = [".github/dependabot.yml", ".github/dependabot.yaml"]
        .into_iter()
        .find(|f| repo.files.get(f).is_some_and(|e| e.size > 0));
    let renovate = crate::checks::dependency_updates::RENOVATE_FILES
        .into_iter()
        .find(|f| repo.files.exists(f));
    let renovate_pkg = repo.files.exists("package.json")
        && repo
            .read_json("package.json", out)
            .is_some_and(|v| v.get("renovate").is_some());
    ev.push(match (dependabot, renovate, renovate_pkg) {
        (Some(f), _, _) | (None, Some(f), _) => Evidence::met(&DEPENDENCY_UPDATES, f),
        (None, None, true) => Evidence::met(&DEPENDENCY_UPDATES, "package.json: renovate"),
        _ => Evidence::not_met(
            &DEPENDENCY_UPDATES,
            "no Dependabot or Renovate configuration",
        ),
    });
    const BINARY_EXTS: [&str; 13] = [
        "exe", "dll", "so", "dylib", "jar", "war", "class", "pyc", "o", "obj", "a", "lib", "apk",
    ];
    let binaries: Vec<&str> = repo
        .files
        .entries()
        .iter()
        .filter(|e| {
            file_name(&e.rel)
                .rsplit_once('.')
                .is_some_and(|(_, ext)| BINARY_EXTS.contains(&ext))
        })
        .map(|e| e.rel.as_str())
        .collect();
    ev.push(if binaries.is_empty() {
        Evidence::met(
            &NO_BINARIES,
            format!(
                "none of the {} files scanned is an executable or compiled object",
                repo.files.entries().len()
            ),
        )
    } else {
        let shown: Vec<&str> = binaries.iter().take(5).copied().collect();
        Evidence::not_met(
            &NO_BINARIES,
            format!(
                "{} binary artifact(s): {}",
                binaries.len(),
                shown.join(", ")
            ),
        )
    });
    ev.push(
        match docs.find(
            |_| true,
            &[
                "dependency policy",
                "adding a dependency",
                "adding dependencies",
                "new dependencies",
                "new dependency",
                "dependency management",
                "managing dependencies",
                "dependency updates",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&DEPENDENCY_DOCS, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &DEPENDENCY_DOCS,
                "no dependency-policy statement in the documentation",
            ),
        },
    );
    ev.push(https_evidence(repo, out));

    // Technical guidance.
    ev.push(
        match docs.find(
            |rel| rel.starts_with("readme") || rel.starts_with("docs/") || rel.starts_with("doc/"),
            &[
                "usage",
                "getting started",
                "quick start",
                "quickstart",
                "installation",
                "install",
                "how to use",
                "examples",
                "example",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&USER_GUIDE, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &USER_GUIDE,
                "no README or docs/ page with usage or installation",
            ),
        },
    );
    ev.push(
        match docs.find(
            |_| true,
            &[
                "build from source",
                "building from source",
                "how to build",
                "build instructions",
                "cargo build",
                "npm run build",
                "go build",
                "make build",
                "mvn package",
                "gradle build",
                "python m build",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&BUILD_DOCS, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(&BUILD_DOCS, "no build instructions in the documentation"),
        },
    );
    ev.push(
        match docs.find(
            |_| true,
            &[
                "secrets management",
                "secret management",
                "managing secrets",
                "secret rotation",
                "rotate secrets",
                "rotating secrets",
                "rotating credentials",
                "rotate credentials",
                "credential rotation",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&SECRETS_POLICY, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(
                &SECRETS_POLICY,
                "no secrets-management policy in the documentation",
            ),
        },
    );
    let design = repo
        .files
        .entries()
        .iter()
        .map(|e| e.rel.as_str())
        .find(|rel| {
            let l = rel.to_ascii_lowercase();
            let n = file_name(rel);
            let top = parent(rel).is_empty() || parent(&l) == "docs";
            (top && (stem(&n) == "architecture" || stem(&n) == "design"))
                || l.starts_with("docs/architecture")
                || l.starts_with("docs/design")
        });
    ev.push(Evidence::met_if_found(
        &DESIGN_DOCS,
        design,
        "no ARCHITECTURE or DESIGN document",
    ));
    let iface = repo
        .files
        .entries()
        .iter()
        .map(|e| e.rel.as_str())
        .find(|rel| {
            let l = rel.to_ascii_lowercase();
            ["docs/api", "docs/commands/", "docs/cli", "docs/reference"]
                .iter()
                .any(|p| l.starts_with(p))
        });
    ev.push(match iface {
        Some(rel) => Evidence::met(&INTERFACE_DOCS, rel),
        None => match docs.find(
            |_| true,
            &[
                "api reference",
                "command line reference",
                "cli reference",
                "output format",
                "output formats",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&INTERFACE_DOCS, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(&INTERFACE_DOCS, "no API, CLI or format reference"),
        },
    });
    let threat_file = repo
        .files
        .entries()
        .iter()
        .map(|e| e.rel.as_str())
        .find(|rel| {
            let l = rel.to_ascii_lowercase();
            let top = parent(rel).is_empty() || l.starts_with("docs/");
            let n = file_name(rel);
            top && (n.contains("threat")
                || n.contains("security-assessment")
                || n.contains("security_assessment")
                || n.contains("self-assessment"))
        });
    let threat = threat_file.map(str::to_string).or_else(|| {
        docs.find(
            |rel| stem(&file_name(rel)) == "security" || stem(&file_name(rel)) == "architecture",
            &["threat model", "threat modeling", "threat modelling"],
        )
        .map(|(rel, p)| format!("{rel}: \"{p}\""))
    });
    ev.push(Evidence::met_if_found(
        &THREAT_MODEL,
        threat,
        "no threat model or security assessment document",
    ));

    // Playbooks.
    let incident = repo
        .files
        .entries()
        .iter()
        .map(|e| e.rel.as_str())
        .find(|rel| {
            let l = rel.to_ascii_lowercase();
            (parent(rel).is_empty() || l.starts_with(".github/") || l.starts_with("docs/"))
                && file_name(rel).contains("incident")
        });
    ev.push(match incident {
        Some(rel) => Evidence::met(&INCIDENT_RESPONSE, rel),
        None => match docs.find(
            |_| true,
            &[
                "incident response",
                "incident handling",
                "security response process",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&INCIDENT_RESPONSE, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(&INCIDENT_RESPONSE, "no incident-response plan"),
        },
    });
    let vuln_policy = docs.0.iter().find_map(|d| {
        if has_phrase(&d.norm, "remediation") && has_phrase(&d.norm, "within") {
            return Some(format!("{}: \"remediation … within\"", d.rel));
        }
        [
            "fixed before release",
            "blocks the release",
            "block the release",
            "before any release",
            "severity threshold",
        ]
        .iter()
        .find(|p| has_phrase(&d.norm, p))
        .map(|p| format!("{}: \"{p}\"", d.rel))
    });
    ev.push(Evidence::met_if_found(
        &VULN_POLICY,
        vuln_policy,
        "no remediation thresholds in the documentation",
    ));
    let vex = repo
        .files
        .entries()
        .iter()
        .map(|e| e.rel.as_str())
        .find(|rel| {
            let n = file_name(rel);
            let l = rel.to_ascii_lowercase();
            n.ends_with(".vex.json")
                || n.ends_with(".openvex.json")
                || n == "vex.json"
                || l.starts_with("vex/")
                || l.starts_with(".vex/")
        });
    ev.push(Evidence::met_if_found(&VEX, vex, "no VEX document"));

    // Testing.
    let how = docs.find(
        |_| true,
        &[
            "cargo test",
            "cargo nextest",
            "npm test",
            "pytest",
            "go test",
            "make test",
            "tox",
            "run the tests",
            "running tests",
            "running the tests",
            "run tests",
        ],
    );
    let ask = docs.find(
        |_| true,
        &[
            "add tests",
            "include tests",
            "tests for",
            "with tests",
            "new tests",
            "update tests",
            "add a test",
        ],
    );
    ev.push(match (how, ask) {
        (Some((r1, p1)), Some((r2, p2))) => {
            Evidence::met(&TESTING_DOCS, format!("{r1}: \"{p1}\"; {r2}: \"{p2}\""))
        }
        (None, _) => Evidence::not_met(
            &TESTING_DOCS,
            "the documentation does not say how tests run",
        ),
        (Some(_), None) => Evidence::not_met(
            &TESTING_DOCS,
            "the documentation does not ask for tests with changes",
        ),
    });

    // Releases.
    let changelog_found = repo
        .in_dir("", changelog::is_changelog)
        .first()
        .map(|e| e.rel.clone())
        .or_else(|| {
            repo.in_dir("docs", |n| n.starts_with("changelog"))
                .first()
                .map(|e| e.rel.clone())
        })
        .or_else(|| {
            ["changelog.d", "changelog", "docs/changelog"]
                .iter()
                .find(|d| !repo.under_ci(d).is_empty())
                .map(|d| format!("{d}/"))
        });
    ev.push(Evidence::met_if_found(
        &CHANGELOG,
        changelog_found,
        "no changelog or release notes file",
    ));
    ev.push(
        match docs.find(
            |_| true,
            &[
                "verify the signature",
                "verifying the signature",
                "verifying releases",
                "verify releases",
                "verify the release",
                "verifying the release",
                "cosign verify",
                "cosign verify blob",
                "gh attestation verify",
                "slsa verifier",
                "gpg verify",
                "verify the checksum",
                "verify the checksums",
                "verifying checksums",
            ],
        ) {
            Some((rel, p)) => Evidence::met(&VERIFY_DOCS, format!("{rel}: \"{p}\"")),
            None => Evidence::not_met(&VERIFY_DOCS, "no release-verification instructions"),
        },
    );

    out.evidence.append(ev);
    // Files the checks already failed to read are reported once.
    let mut seen: std::collections::BTreeSet<trustward_core::ScanError> =
        out.errors[..before].iter().cloned().collect();
    let new: Vec<_> = out.errors.drain(before..).collect();
    for e in new {
        if seen.insert(e.clone()) {
            out.errors.push(e);
        }
    }
}

/// A response timeframe in a normalised policy: a number followed by hours/days/weeks.
fn response_time(norm: &str) -> Option<String> {
    let words: Vec<&str> = norm.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit()) || w.len() > 3 {
            continue;
        }
        for j in i + 1..(i + 3).min(words.len()) {
            if matches!(
                words[j],
                "hour"
                    | "hours"
                    | "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "business"
                    | "working"
                    | "calendar"
            ) {
                let end = if matches!(words[j], "business" | "working" | "calendar") {
                    (j + 1).min(words.len() - 1)
                } else {
                    j
                };
                if matches!(
                    words[end],
                    "hour" | "hours" | "day" | "days" | "week" | "weeks"
                ) {
                    return Some(words[i..=end].join(" "));
                }
            }
        }
    }
    None
}

fn license_evidence(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Evidence {
    for dir in ["LICENSES", "licenses"] {
        for e in repo.under(dir) {
            let name = file_name(&e.rel);
            let id = name.strip_suffix(".txt").unwrap_or(&name);
            let orig = e.rel.rsplit('/').next().unwrap_or(&e.rel);
            let orig = orig.strip_suffix(".txt").unwrap_or(orig);
            if crate::parse::spdx::canonical_id(orig)
                .or_else(|| crate::parse::spdx::canonical_id(id))
                .is_some()
            {
                return Evidence::met(&LICENSE, format!("{} (REUSE)", e.rel));
            }
        }
    }
    let files: Vec<String> = repo
        .in_dir("", license::is_license_name)
        .into_iter()
        .map(|e| e.rel.clone())
        .collect();
    if files.is_empty() {
        return Evidence::not_met(&LICENSE, "no LICENSE, LICENCE or COPYING file at the root");
    }
    let declared = license::declared_licenses(repo, out);
    for rel in &files {
        let Some(text) = repo.read_text(rel, out) else {
            return Evidence::not_evaluated(&LICENSE, format!("{rel} could not be read"));
        };
        if let Some((id, _)) = license::identify_file(&text, &declared) {
            return Evidence::met(&LICENSE, format!("{rel}: {id}"));
        }
    }
    if let Some((manifest, expr)) = declared.first() {
        return Evidence::met(
            &LICENSE,
            format!("{} with {manifest} declaring {expr}", files[0]),
        );
    }
    Evidence::not_met(
        &LICENSE,
        format!(
            "{} is not a licence trustward recognises and no manifest declares one",
            files[0]
        ),
    )
}

fn https_evidence(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Evidence {
    let mut uris: Vec<(String, String)> = Vec::new();
    if repo.files.exists("Cargo.toml")
        && let Some(t) = repo.read_toml("Cargo.toml", out)
    {
        for table in [
            t.get("package"),
            t.get("workspace").and_then(|w| w.get("package")),
        ]
        .into_iter()
        .flatten()
        {
            for key in ["homepage", "repository", "documentation"] {
                if let Some(v) = table.get(key).and_then(|v| v.as_str()) {
                    uris.push((format!("Cargo.toml {key}"), v.to_string()));
                }
            }
        }
    }
    if repo.files.exists("package.json")
        && let Some(v) = repo.read_json("package.json", out)
    {
        for key in ["homepage", "repository", "bugs"] {
            let val = v.get(key);
            let s = val
                .and_then(|x| x.as_str())
                .or_else(|| val.and_then(|x| x.get("url")).and_then(|x| x.as_str()));
            if let Some(s) = s {
                uris.push((format!("package.json {key}"), s.to_string()));
            }
        }
    }
    if uris.is_empty() {
        return Evidence::not_applicable(
            &HTTPS_URIS,
            "no root Cargo.toml or package.json names a project URI",
        );
    }
    let is_https = |u: &str| {
        let u = u.strip_prefix("git+").unwrap_or(u);
        u.to_ascii_lowercase().starts_with("https://")
    };
    match uris.iter().find(|(_, u)| !is_https(u)) {
        Some((k, u)) => Evidence::not_met(&HTTPS_URIS, format!("{k} is {u}")),
        None => Evidence::met(
            &HTTPS_URIS,
            uris.iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeframes() {
        assert_eq!(
            response_time(&normalize("We reply within 3 working days.")).as_deref(),
            Some("3 working days")
        );
        assert_eq!(
            response_time(&normalize("a fix in 90 days")).as_deref(),
            Some("90 days")
        );
        assert_eq!(response_time(&normalize("Version 2 is supported")), None);
    }

    #[test]
    fn checks_are_well_formed() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        for c in CHECKS {
            assert!(c.id.starts_with("posture/"), "{}", c.id);
            for ctl in c.controls {
                assert!(trustward_core::osps::is_known_control(ctl), "{ctl}");
            }
        }
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
    }
}
