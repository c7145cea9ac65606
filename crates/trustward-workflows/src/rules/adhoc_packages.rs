//! `workflows/adhoc-packages`: packages installed by name in a `run:` step, outside any
//! lockfile, without a pinned version.

use super::{StepsCtx, run_lines};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/adhoc-packages",
    title: "Package installed ad hoc without a pinned version",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `run:` step installs a package by name (`pip install x`, `pipx install x`, `uv pip install x`, `npm install -g x`, `yarn add x`, `pnpm add x`, `gem install x`, `cargo install x`, `go install x@latest`) without a version pin (`x==1.2.3`, `x@1.2.3`, `-v 1.2.3`, `--version 1.2.3`). Installs from a requirements file, a lockfile, a local path or with no package argument are not reported.",
    why: "An unpinned install takes whatever the registry serves at run time: a compromised or typosquatted release lands in the job with its token and secrets, and builds stop being reproducible. A lockfile or a pinned version (better: with hashes) makes the dependency reviewed and fixed.",
    fix: "Declare the tool in a lockfile the job installs from, or pin the exact version (`pip install tool==1.2.3`, `cargo install tool --version 1.2.3 --locked`).",
    fix_details: "Bad:\n\n```yaml\n- run: pip install build twine\n```\n\nGood:\n\n```yaml\n- run: pip install --require-hashes -r .github/requirements/release.txt\n```\n\nor at least:\n\n```yaml\n- run: pip install build==1.2.2 twine==6.0.1\n```",
    references: &[
        "https://pip.pypa.io/en/stable/topics/secure-installs/",
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions",
    ],
};

/// What follows the install verb of one package manager, and how a version is pinned.
#[derive(Clone, Copy)]
enum Pm {
    Pip,
    Npm,
    Gem,
    Cargo,
    Go,
}

/// The package manager and the byte offset just past its install verb, if `line`
/// (starting at `at`) is an install command.
fn install_at(words: &[(usize, &str)]) -> Option<(Pm, usize)> {
    for (i, (_, w)) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).map(|(_, w)| *w);
        let pm = match *w {
            "pip" | "pip3" | "pipx" if next(1) == Some("install") => Some((Pm::Pip, i + 2)),
            "uv" if next(1) == Some("pip") && next(2) == Some("install") => Some((Pm::Pip, i + 3)),
            "npm" | "cnpm" if matches!(next(1), Some("install" | "i" | "add")) => {
                Some((Pm::Npm, i + 2))
            }
            "yarn" | "pnpm" if next(1) == Some("add") => Some((Pm::Npm, i + 2)),
            "yarn" | "pnpm" if next(1) == Some("global") && next(2) == Some("add") => {
                Some((Pm::Npm, i + 3))
            }
            "gem" if next(1) == Some("install") => Some((Pm::Gem, i + 2)),
            "cargo" if next(1) == Some("install") => Some((Pm::Cargo, i + 2)),
            "go" if next(1) == Some("install") => Some((Pm::Go, i + 2)),
            _ => None,
        };
        if pm.is_some() {
            return pm;
        }
    }
    None
}

/// The first unpinned package word after the verb, with its offset in the line.
fn unpinned(pm: Pm, args: &[(usize, &str)]) -> Option<(usize, String)> {
    let mut skip_next = false;
    let mut version_flag = false;
    let mut first: Option<(usize, String)> = None;
    for (at, w) in args {
        if matches!(*w, "&&" | "||" | ";" | "|") || w.starts_with('#') {
            break;
        }
        if skip_next {
            skip_next = false;
            continue;
        }
        if w.starts_with('-') {
            let flag = w.split('=').next().unwrap_or(w);
            if matches!(
                flag,
                "-r" | "--requirement" | "-c" | "--constraint" | "-e" | "--editable"
            ) && matches!(pm, Pm::Pip)
            {
                // requirements/constraints/editable installs are manifest-driven
                return None;
            }
            if matches!(flag, "-v" | "--version") && matches!(pm, Pm::Gem | Pm::Cargo) {
                version_flag = true;
            }
            if matches!(flag, "--path" | "--git") && matches!(pm, Pm::Cargo) {
                return None;
            }
            let takes_value = !w.contains('=')
                && matches!(
                    flag,
                    "-i" | "--index-url"
                        | "--extra-index-url"
                        | "-t"
                        | "--target"
                        | "--prefix"
                        | "--root"
                        | "-v"
                        | "--version"
                        | "--registry"
                        | "--python"
                        | "-f"
                        | "--find-links"
                );
            skip_next = takes_value;
            continue;
        }
        let w = w.trim_matches(|c| c == '"' || c == '\'');
        if w.is_empty() || w.starts_with('$') || w.contains("${{") {
            continue;
        }
        let local = w.starts_with('.')
            || w.starts_with('/')
            || w.starts_with("git+")
            || w.starts_with("file:")
            || w.ends_with(".whl")
            || w.ends_with(".tar.gz")
            || w.ends_with(".tgz")
            || w.ends_with(".gem");
        if local {
            continue;
        }
        let pinned = match pm {
            Pm::Pip => w.contains("==") || w.contains("@ "),
            Pm::Npm => w
                .get(1..)
                .and_then(|r| r.split_once('@'))
                .is_some_and(|(_, v)| {
                    v.starts_with(|c: char| c.is_ascii_digit()) && !v.contains(['^', '~', '*', 'x'])
                }),
            Pm::Gem => version_flag || w.contains(":"),
            Pm::Cargo => version_flag || w.contains('@'),
            Pm::Go => w
                .split_once('@')
                .is_some_and(|(_, v)| v.starts_with('v') || crate::model::is_commit_sha(v)),
        };
        if !pinned && first.is_none() {
            first = Some((*at, w.to_string()));
        }
    }
    if version_flag {
        return None;
    }
    first
}

/// Checks every `run:` of the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        let Some(run) = step.run else { continue };
        for l in run_lines(ctx.file.src, run) {
            let words = words(l.text);
            let Some((pm, verb_end)) = install_at(&words) else {
                continue;
            };
            let Some((at, pkg)) = unpinned(pm, &words[verb_end.min(words.len())..]) else {
                continue;
            };
            let span = l.span(at, at + pkg.len());
            out.push(
                Finding::new(
                    &RULE,
                    format!("{} installs `{pkg}` without a pinned version", ctx.owner()),
                    ctx.file.loc(span),
                )
                .with_key(format!("{}/{pkg}", ctx.key_prefix(step)))
                .with_remediation("Install from a lockfile or requirements file with hashes, or pin the exact version (`tool==1.2.3`, `tool@1.2.3`, `--version 1.2.3`)."),
            );
        }
    }
}

/// Whitespace-separated words of a line with their byte offsets.
pub fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &line[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}
