//! A pull-request (or GitLab merge-request) template.

use super::Check;
use crate::repo::Repo;
use trustward_core::{AnalyzerOutput, Confidence, Finding, Level, Practice, Rule, Severity};

/// No pull-request template.
pub static MISSING: Rule = Rule {
    id: "posture/pull-request-template-missing",
    title: "No pull-request template",
    severity: Severity::Info,
    confidence: Confidence::High,
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &["OSPS-GV-03.02"],
    description: "No pull-request template: no `pull_request_template.md` (any case, `.md` or \
        `.txt`) in `.github/`, the root or `docs/`, no `PULL_REQUEST_TEMPLATE/` directory \
        with templates there, and no GitLab `.gitlab/merge_request_templates/`.",
    why: "A template puts the project's contribution requirements (tests, changelog entry, \
        sign-off, security impact) in front of every contributor at the moment they open a \
        change, and gives reviewers a consistent checklist.",
    fix: "Add .github/pull_request_template.md with the checklist contributors must complete.",
    fix_details: "```markdown\n<!-- .github/pull_request_template.md -->\n## What and why\n\n\
## Checklist\n- [ ] Tests added or updated\n- [ ] CHANGELOG.md entry\n- [ ] Commits signed \
off (DCO)\n- [ ] Security impact considered (new dependencies, permissions, inputs)\n```",
    references: &[
        "https://docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/creating-a-pull-request-template-for-your-repository",
        "https://docs.gitlab.com/user/project/description_templates/",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "pull_request_template",
    rules: &[&MISSING],
    run,
};

pub(crate) fn is_template(n: &str) -> bool {
    matches!(
        n,
        "pull_request_template.md" | "pull_request_template.txt" | "pull_request_template"
    )
}

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    for dir in [".github", "", "docs"] {
        if !repo.in_dir(dir, is_template).is_empty() {
            return;
        }
        let sub = if dir.is_empty() {
            "PULL_REQUEST_TEMPLATE".to_string()
        } else {
            format!("{dir}/PULL_REQUEST_TEMPLATE")
        };
        if !repo.under_ci(&sub).is_empty() {
            return;
        }
    }
    if !repo.under(".gitlab/merge_request_templates").is_empty() {
        return;
    }
    out.findings.push(
        Finding::new(
            &MISSING,
            "No pull-request template (.github/pull_request_template.md)",
            repo.anchor(),
        )
        .with_key("pull_request_template"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_template("pull_request_template.md"));
        assert!(is_template("pull_request_template.txt"));
        assert!(!is_template("pull_request.md"));
    }
}
