//! Automated dependency updates: Dependabot or Renovate configuration in any of the
//! places those tools read it.

use super::Check;
use crate::repo::Repo;
use trustward_core::{AnalyzerOutput, Confidence, Finding, Level, Practice, Rule, Severity};

/// No dependency-update configuration.
pub static MISSING: Rule = Rule {
    id: "posture/dependency-updates-missing",
    title: "No automated dependency updates (Dependabot or Renovate)",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-VM-05.03", "OSPS-DO-06.01"],
    description: "No dependency-update tool is configured: no non-empty \
        `.github/dependabot.yml` (or `.yaml`), and no Renovate configuration \
        (`renovate.json`, `renovate.json5`, `.renovaterc`, `.renovaterc.json`, \
        `.renovaterc.json5`, `.github/renovate.json(5)`, `.gitlab/renovate.json(5)`, or a \
        `renovate` key in `package.json`).",
    why: "Most vulnerabilities a project ships are in its dependencies, and fixes only reach \
        users if someone bumps the versions. An update bot opens those changes \
        automatically (and security updates first), so known-vulnerable versions do not \
        linger.",
    fix: "Add .github/dependabot.yml (or a Renovate config) covering every package \
        ecosystem in the repository, including github-actions.",
    fix_details: "```yaml\n# .github/dependabot.yml\nversion: 2\nupdates:\n  - \
package-ecosystem: cargo\n    directory: /\n    schedule:\n      interval: weekly\n  - \
package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n\
```\n\nor, for Renovate, `renovate.json`:\n\n```json\n{\n  \"$schema\": \
\"https://docs.renovatebot.com/renovate-schema.json\",\n  \"extends\": \
[\"config:recommended\"]\n}\n```",
    references: &[
        "https://docs.github.com/en/code-security/dependabot/dependabot-version-updates/configuration-options-for-the-dependabot.yml-file",
        "https://docs.renovatebot.com/configuration-options/",
        "https://github.com/ossf/scorecard/blob/main/docs/checks.md#dependency-update-tool",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "dependency_updates",
    rules: &[&MISSING],
    run,
};

/// Renovate's config file locations (besides `package.json`).
pub const RENOVATE_FILES: [&str; 9] = [
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
];

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    let mut empty_dependabot = None;
    for f in [".github/dependabot.yml", ".github/dependabot.yaml"] {
        if let Some(e) = repo.files.get(f) {
            if e.size > 0 {
                return;
            }
            empty_dependabot = Some(f);
        }
    }
    if RENOVATE_FILES.iter().any(|f| repo.files.exists(f)) {
        return;
    }
    if repo.files.exists("package.json")
        && let Some(v) = repo.read_json("package.json", out)
        && v.get("renovate").is_some()
    {
        return;
    }
    let (msg, loc) = match empty_dependabot {
        Some(f) => (
            format!("{f} is empty: Dependabot has nothing to update"),
            trustward_core::Location::file(f),
        ),
        None => (
            "No dependency-update configuration (Dependabot or Renovate)".to_string(),
            repo.anchor(),
        ),
    };
    out.findings
        .push(Finding::new(&MISSING, msg, loc).with_key("dependency-updates"));
}
