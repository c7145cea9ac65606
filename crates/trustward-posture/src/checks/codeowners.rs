//! CODEOWNERS: present (`.github/`, root or `docs/`, GitHub's order), every line valid
//! for GitHub, and the sensitive paths (workflows, CODEOWNERS itself, build and release
//! configuration, `[posture] sensitive_paths`) owned under GitHub's last-match-wins rule.

use super::Check;
use crate::parse::codeowners::{Codeowners, Dialect, Ownership};
use crate::repo::Repo;
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, Severity,
};

/// No CODEOWNERS file.
pub static MISSING: Rule = Rule {
    id: "posture/codeowners-missing",
    title: "No CODEOWNERS file",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::RolesAndResponsibilities,
    level: Level::Standard,
    controls: &["OSPS-GV-01.01", "OSPS-GV-01.02"],
    description: "The repository has no `CODEOWNERS` file in `.github/`, the root or `docs/` \
        (for a GitLab project: the root, `docs/` or `.gitlab/`).",
    why: "CODEOWNERS says who is responsible for which part of the code and, with branch \
        protection's \"require review from code owners\", makes sure the right people review \
        changes to CI workflows, release configuration and security-sensitive code.",
    fix: "Add .github/CODEOWNERS naming the owners of the whole repository and, more \
        specifically, of .github/, CODEOWNERS itself and the build and release files.",
    fix_details: "```text\n# .github/CODEOWNERS: the last matching line wins.\n\
*                   @example-org/maintainers\n\
/.github/           @example-org/release-team\n\
/.github/CODEOWNERS @example-org/admins\n\
/Cargo.toml         @example-org/release-team\n```\n\n\
Then enable *Require review from Code Owners* in the branch protection rule or ruleset of \
the default branch.",
    references: &[
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners",
        "https://baseline.openssf.org/versions/2026-02-19#osps-gv-01",
    ],
};

/// A line GitHub skips.
pub static INVALID: Rule = Rule {
    id: "posture/codeowners-invalid",
    title: "CODEOWNERS line that GitHub ignores",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::RolesAndResponsibilities,
    level: Level::Standard,
    controls: &["OSPS-GV-01.01", "OSPS-GV-01.02"],
    description: "A CODEOWNERS line GitHub cannot use: an owner that is not `@user`, \
        `@org/team` or an e-mail address, a pattern using `!` negation, `[ ]` character \
        ranges or a `\\#` escape (unsupported in CODEOWNERS), or a line that starts with an owner instead of \
        a pattern. (A pattern with no owners is valid: it makes paths unowned.)",
    why: "GitHub skips invalid lines silently, so the paths they were meant to protect fall \
        back to an earlier rule or to no owner at all, and required code-owner review no \
        longer applies to them.",
    fix: "Fix the line: owners must be @username, @org/team-name or an e-mail address, and \
        patterns cannot use `!` or `[ ]`.",
    fix_details: "Bad:\n\n```text\n/src/        octocat          # missing @\n\
!/docs/      @octocat         # negation is not supported\n*.[ch]       @c-team          # \
character ranges are not supported\n```\n\nGood:\n\n```text\n/src/        @octocat\n\
*.c          @example-org/c-team\n*.h          @example-org/c-team\n```\n\nGitHub also \
shows the errors on the file's page and through the REST API \
(`GET /repos/{owner}/{repo}/codeowners/errors`).",
    references: &[
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax",
        "https://docs.github.com/en/rest/repos/repos#list-codeowners-errors",
    ],
};

/// A sensitive path without an owner.
pub static UNCOVERED: Rule = Rule {
    id: "posture/codeowners-uncovered-sensitive-path",
    title: "Sensitive path has no code owner",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::RolesAndResponsibilities,
    level: Level::Standard,
    controls: &["OSPS-GV-01.01", "OSPS-GV-01.02", "OSPS-GV-04.01"],
    description: "Under GitHub's rules (gitignore-style patterns, the last matching line \
        wins, a matching line without owners leaves the path unowned), no owner is assigned \
        to a sensitive path: `.github/workflows/` and `.github/actions/` (for a GitLab \
        project `.gitlab-ci.yml` and `.gitlab/`, with GitLab's per-section rules), the \
        CODEOWNERS file itself, build and release configuration in the root (`Cargo.toml`, \
        `package.json`, `pyproject.toml`, `go.mod`, `Dockerfile`, `Makefile`, …) or a path \
        listed in `[posture] sensitive_paths`.",
    why: "Workflows hold release credentials and build configuration decides what is \
        shipped; whoever can change them unreviewed can ship malicious code. If CODEOWNERS \
        itself is unowned, anyone with write access can remove the owners of everything \
        else.",
    fix: "Add a CODEOWNERS line, after any broader line that would override it, that assigns \
        owners to the path.",
    fix_details: "Bad (the last line leaves workflows unowned):\n\n```text\n\
*                 @example-org/maintainers\n/.github/workflows/\n```\n\nGood:\n\n```text\n\
*                 @example-org/maintainers\n/.github/         @example-org/release-team\n\
/.github/CODEOWNERS @example-org/admins\n```\n\nExtra paths to check can be listed in \
`trustward.toml`:\n\n```toml\n[posture]\nsensitive_paths = [\"deploy/\", \
\"scripts/release.sh\"]\n```",
    references: &[
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners",
        "https://baseline.openssf.org/versions/2026-02-19#osps-gv-04",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "codeowners",
    rules: &[&MISSING, &INVALID, &UNCOVERED],
    run,
};

/// Where GitHub looks, in its order.
pub const LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// Where GitLab looks, in its order.
pub const GITLAB_LOCATIONS: [&str; 3] = ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];

/// GitLab rules apply to a repository with GitLab CI or a `.gitlab/` directory and no
/// `.github/` directory; GitHub rules otherwise.
fn dialect(repo: &Repo<'_>) -> Dialect {
    let gitlab = repo.files.exists(".gitlab-ci.yml") || !repo.under(".gitlab").is_empty();
    if gitlab && repo.under(".github").is_empty() {
        Dialect::GitLab
    } else {
        Dialect::GitHub
    }
}

/// Root files that are build or release configuration.
const BUILD_FILES: &[&str] = &[
    "Cargo.toml",
    "build.rs",
    "package.json",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "Gemfile",
    "composer.json",
    "Makefile",
    "CMakeLists.txt",
    "meson.build",
    "Dockerfile",
    "Containerfile",
    ".goreleaser.yml",
    ".goreleaser.yaml",
    "release.toml",
    "action.yml",
    "action.yaml",
    ".cargo/config.toml",
];

/// The stand-in file name used to test a sensitive directory that has no files yet.
const NEW_FILE: &str = "new-file";

/// Most files checked per sensitive directory (a bound on work for huge trees).
const MAX_FILES_PER_TARGET: usize = 500;

/// Most uncovered files named in one finding's message.
const MAX_NAMED: usize = 5;

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    let dialect = dialect(repo);
    let locations = match dialect {
        Dialect::GitHub => LOCATIONS,
        Dialect::GitLab => GITLAB_LOCATIONS,
    };
    let Some(path) = locations.iter().find(|p| repo.files.exists(p)) else {
        out.findings.push(
            Finding::new(
                &MISSING,
                "No CODEOWNERS file in .github/, the repository root or docs/",
                repo.anchor(),
            )
            .with_key("CODEOWNERS"),
        );
        return;
    };
    let Some(text) = repo.read_text(path, out) else {
        return;
    };
    let co = Codeowners::parse_dialect(&text, dialect);
    if co.truncated {
        out.warnings.push(format!(
            "{path}: only the first {} lines were checked",
            crate::parse::codeowners::MAX_LINES
        ));
    }
    for bad in &co.invalid {
        out.findings.push(
            Finding::new(
                &INVALID,
                format!("{path}:{}: {}", bad.line, bad.reason),
                Location::file(*path)
                    .with_position(bad.line, bad.column)
                    .with_end(bad.line, bad.end_column),
            )
            .with_key(bad.token.clone())
            .with_data("token", bad.token.clone())
            .with_data("line", bad.line),
        );
    }
    for mut target in sensitive_targets(repo, path, dialect) {
        if target.files.len() > MAX_FILES_PER_TARGET {
            out.warnings.push(format!(
                "{path}: only the first {MAX_FILES_PER_TARGET} of {} files under {} were checked for an owner",
                target.files.len(),
                target.label
            ));
            target.files.truncate(MAX_FILES_PER_TARGET);
        }
        let mut uncovered: Vec<(String, Option<(u32, String)>)> = Vec::new();
        for file in &target.files {
            match co.owner_of(file) {
                Ownership::Owned(_) => {}
                Ownership::ExplicitlyUnowned(r) => {
                    uncovered.push((file.clone(), Some((r.line, r.pattern.clone()))));
                }
                Ownership::NoRule => uncovered.push((file.clone(), None)),
            }
        }
        if uncovered.is_empty() {
            continue;
        }
        let mut names: Vec<String> = uncovered
            .iter()
            .take(MAX_NAMED)
            .map(|(f, why)| {
                let f = match f.strip_suffix(NEW_FILE) {
                    Some(dir) => format!("any file added to {dir}"),
                    None => f.clone(),
                };
                match why {
                    Some((line, pat)) => format!("{f} (line {line} `{pat}` has no owners)"),
                    None => format!("{f} (no rule matches)"),
                }
            })
            .collect();
        if uncovered.len() > MAX_NAMED {
            names.push(format!("and {} more", uncovered.len() - MAX_NAMED));
        }
        let mut loc = Location::file(*path);
        if let Some((_, Some((line, _)))) = uncovered.first() {
            loc = loc.with_line(*line);
        }
        out.findings.push(
            Finding::new(
                &UNCOVERED,
                format!(
                    "{} has no code owner in {path}: {}",
                    target.label,
                    names.join(", ")
                ),
                loc,
            )
            .with_key(target.label.clone())
            .with_data("sensitive_path", target.label.clone())
            .with_data(
                "unowned",
                uncovered
                    .iter()
                    .map(|(f, _)| serde_json::Value::from(f.as_str()))
                    .collect::<Vec<_>>(),
            )
            .with_remediation(format!(
                "Add a line such as `{} @OWNER` at the end of {path} (later lines win).",
                target.suggested_pattern
            )),
        );
    }
}

/// A sensitive path and the concrete files to test for it.
struct Target {
    label: String,
    suggested_pattern: String,
    files: Vec<String>,
}

fn sensitive_targets(repo: &Repo<'_>, codeowners_path: &str, dialect: Dialect) -> Vec<Target> {
    let mut targets = Vec::new();
    let dir_target = |dir: &str, always: bool| {
        let mut files: Vec<String> = repo.under(dir).iter().map(|e| e.rel.clone()).collect();
        if files.is_empty() {
            if !always {
                return None;
            }
            // Not present yet: whoever adds the first file must be reviewed too.
            files.push(format!("{dir}/{NEW_FILE}"));
        }
        Some(Target {
            label: format!("{dir}/"),
            suggested_pattern: format!("/{dir}/"),
            files,
        })
    };
    match dialect {
        Dialect::GitHub => {
            if let Some(t) = dir_target(".github/workflows", true) {
                targets.push(t);
            }
            if let Some(t) = dir_target(".github/actions", false) {
                targets.push(t);
            }
        }
        Dialect::GitLab => {
            targets.push(Target {
                label: ".gitlab-ci.yml".to_string(),
                suggested_pattern: "/.gitlab-ci.yml".to_string(),
                files: vec![".gitlab-ci.yml".to_string()],
            });
            if let Some(t) = dir_target(".gitlab", false) {
                targets.push(t);
            }
        }
    }
    targets.push(Target {
        label: codeowners_path.to_string(),
        suggested_pattern: format!("/{codeowners_path}"),
        files: vec![codeowners_path.to_string()],
    });
    for f in BUILD_FILES {
        if repo.files.exists(f) {
            targets.push(Target {
                label: (*f).to_string(),
                suggested_pattern: format!("/{f}"),
                files: vec![(*f).to_string()],
            });
        }
    }
    for e in repo.in_dir("", |n| n.ends_with(".gemspec")) {
        targets.push(Target {
            label: e.rel.clone(),
            suggested_pattern: format!("/{}", e.rel),
            files: vec![e.rel.clone()],
        });
    }
    for p in repo.settings.sensitive_paths() {
        if let Some(dir) = p.strip_suffix('/') {
            let mut files: Vec<String> = repo.under(dir).iter().map(|e| e.rel.clone()).collect();
            if files.is_empty() {
                files.push(format!("{dir}/{NEW_FILE}"));
            }
            targets.push(Target {
                label: p.to_string(),
                suggested_pattern: format!("/{p}"),
                files,
            });
        } else {
            // A directory given without its trailing slash is still a directory.
            let mut files: Vec<String> = repo.under(p).iter().map(|e| e.rel.clone()).collect();
            if files.is_empty() {
                files.push(p.to_string());
            }
            targets.push(Target {
                label: p.to_string(),
                suggested_pattern: format!("/{p}"),
                files,
            });
        }
    }
    // A configured path may repeat a built-in one.
    let mut seen = std::collections::BTreeSet::new();
    targets.retain(|t| seen.insert(t.label.clone()));
    targets
}
