//! Issue templates (GitHub issue forms or Markdown templates, GitLab issue templates).

use super::Check;
use crate::repo::Repo;
use trustward_core::{AnalyzerOutput, Confidence, Finding, Level, Practice, Rule, Severity};

/// No issue templates.
pub static MISSING: Rule = Rule {
    id: "posture/issue-templates-missing",
    title: "No issue templates",
    severity: Severity::Info,
    confidence: Confidence::High,
    practice: Practice::SecurityPolicy,
    level: Level::Standard,
    controls: &["OSPS-DO-02.01"],
    description: "No issue templates: `.github/ISSUE_TEMPLATE/` has no files, there is no \
        legacy `issue_template.md` in `.github/`, the root or `docs/`, and no GitLab \
        `.gitlab/issue_templates/`.",
    why: "Templates tell reporters what a useful defect report contains and, through the \
        chooser's contact links, send vulnerability reports to the private channel instead \
        of a public issue.",
    fix: "Add .github/ISSUE_TEMPLATE/ with a bug-report form and a config.yml whose \
        contact_links point security reports to your private channel.",
    fix_details: "```yaml\n# .github/ISSUE_TEMPLATE/config.yml\nblank_issues_enabled: false\n\
contact_links:\n  - name: Report a security vulnerability\n    url: \
https://github.com/OWNER/REPO/security/advisories/new\n    about: Please report \
vulnerabilities privately, not as issues.\n```\n\n```yaml\n# \
.github/ISSUE_TEMPLATE/bug_report.yml\nname: Bug report\ndescription: Something does not \
work\nbody:\n  - type: textarea\n    attributes:\n      label: What happened, and how to \
reproduce it\n    validations:\n      required: true\n```",
    references: &[
        "https://docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/configuring-issue-templates-for-your-repository",
        "https://baseline.openssf.org/versions/2026-02-19#osps-do-02",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "issue_templates",
    rules: &[&MISSING],
    run,
};

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    if !repo.under_ci(".github/ISSUE_TEMPLATE").is_empty()
        || !repo.under(".gitlab/issue_templates").is_empty()
    {
        return;
    }
    for dir in [".github", "", "docs"] {
        if !repo
            .in_dir(dir, |n| n == "issue_template.md" || n == "issue_template")
            .is_empty()
        {
            return;
        }
    }
    out.findings.push(
        Finding::new(
            &MISSING,
            "No issue templates (.github/ISSUE_TEMPLATE/)",
            repo.anchor(),
        )
        .with_key("ISSUE_TEMPLATE"),
    );
}
