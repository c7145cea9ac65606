//! The GitHub Actions a project's workflow and action files use, each at the exact
//! release it pins, for matching against the OSV "GitHub Actions" ecosystem by the caller
//! (this crate knows no vulnerability database).
//!
//! Only exact versions are listed. A full tag (`v4.1.0`, `1.2.3`) names one release, and a
//! 40-hex commit SHA names one commit whose release the trailing `# v4.1.0` comment gives.
//! A major-only tag (`v4`), a `v4.1` tag or a branch (`main`) is mutable: it moves to
//! whatever the owner publishes next, so which release runs is unknown from the file and
//! matching it against advisory ranges would either cry wolf on every old advisory or pass
//! a vulnerable release silently. Those refs are skipped (the `workflows/unpinned-action`
//! rule already reports them).

use crate::discover::{Kind, classify};
use crate::uses::references;
use trustward_core::ScanError;
use trustward_core::files::FileIndex;

/// One `uses:` of a repository action pinned to an exact release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionUse {
    /// `owner/repo`, the OSV package name of the action.
    pub name: String,
    /// The release without a `v` prefix (`4.1.0`).
    pub version: String,
    /// The ref as written after `@` (tag or SHA), for the package URL.
    pub git_ref: String,
    /// The workflow or action file, relative to the scanned root.
    pub path: String,
    /// 1-based line of the `uses:` value.
    pub line: u32,
    /// 1-based column of the `uses:` value.
    pub column: u32,
}

/// The exact release a ref pins: the tag's version when it is a full semantic version,
/// the comment's version when the ref is a 40-hex commit SHA; `None` for mutable refs.
pub fn exact_version(git_ref: &str, comment_version: Option<&str>) -> Option<String> {
    if is_commit_sha(git_ref) {
        return comment_version.and_then(semver_of);
    }
    semver_of(git_ref)
}

/// A full 40-character hexadecimal commit SHA.
fn is_commit_sha(r: &str) -> bool {
    r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `v1.2.3`, `1.2.3`, `v1.2.3-rc.1` or `1.2.3+build` without the `v`; anything with fewer
/// than three numeric parts is not one release.
fn semver_of(s: &str) -> Option<String> {
    let v = s.strip_prefix(['v', 'V']).unwrap_or(s);
    semver_core(v).map(|_| v.to_string())
}

/// Checks `MAJOR.MINOR.PATCH[-pre][+build]` with numeric core parts.
fn semver_core(s: &str) -> Option<()> {
    let core = s.split(['-', '+']).next()?;
    let mut n = 0;
    for part in core.split('.') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n += 1;
    }
    let rest = s.get(core.len()..)?;
    let suffix_ok = rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'));
    (n == 3 && suffix_ok).then_some(())
}

/// The actions pinned to exact releases in `text`, a workflow or action file at `path`.
/// Invalid YAML is an error naming `path:line`.
pub fn actions_in_text(path: &str, text: &str) -> Result<Vec<ActionUse>, ScanError> {
    let refs =
        references(text).map_err(|e| ScanError::new(format!("{path}:{}", e.line), e.message))?;
    Ok(refs
        .into_iter()
        .filter_map(|r| {
            let version = exact_version(&r.git_ref, r.comment_version.as_deref())?;
            Some(ActionUse {
                name: r.name,
                version,
                git_ref: r.git_ref,
                path: path.to_string(),
                line: r.span.0,
                column: r.span.1,
            })
        })
        .collect())
}

/// Every action pinned to an exact release in the workflow (`.github/workflows/*.yml`) and
/// action (`action.yml`) files of `files`, in path order, with the files that could not be
/// read or parsed.
pub fn actions_in(files: &FileIndex) -> (Vec<ActionUse>, Vec<ScanError>) {
    let single = files.is_single_file();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for e in files.entries() {
        if !matches!(
            classify(&e.rel, single),
            Some(Kind::Workflow | Kind::Action)
        ) {
            continue;
        }
        let found = files
            .read_text(&e.rel)
            .map_err(|err| ScanError::new(e.rel.as_str(), err.to_string()))
            .and_then(|text| actions_in_text(&e.rel, &text));
        match found {
            Ok(list) => out.extend(list),
            Err(err) => errors.push(err),
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_refs() {
        assert_eq!(exact_version("v4.1.0", None).as_deref(), Some("4.1.0"));
        assert_eq!(exact_version("1.2.3", None).as_deref(), Some("1.2.3"));
        assert_eq!(
            exact_version("v2.0.0-rc.1", None).as_deref(),
            Some("2.0.0-rc.1")
        );
        let sha = "b4ffde65f46336ab88eb53be808477a3936bae11";
        assert_eq!(exact_version(sha, Some("v4.1.1")).as_deref(), Some("4.1.1"));
        assert_eq!(exact_version(sha, Some("4.1.1")).as_deref(), Some("4.1.1"));
        // A SHA without a comment, or with a major-only comment: release unknown.
        assert_eq!(exact_version(sha, None), None);
        assert_eq!(exact_version(sha, Some("v4")), None);
        // Mutable refs.
        for r in ["v4", "v4.1", "4", "main", "release/v1", "", "v", "v1.2.x"] {
            assert_eq!(exact_version(r, None), None, "{r}");
        }
        // A short SHA is not a commit pin; a comment does not apply to a tag.
        assert_eq!(exact_version("b4ffde6", Some("v4.1.1")), None);
        assert_eq!(exact_version("v4", Some("v4.1.1")), None);
    }

    #[test]
    fn lists_exact_pins_only() {
        let src = "\
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4.1.0
      - uses: actions/cache@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.2.2
      - uses: actions/setup-node@v4
      - uses: actions/setup-go@main
      - uses: docker://alpine:3.19.1
      - uses: ./.github/actions/local
      - uses: org/repo/sub/dir@1.2.3
";
        let got = actions_in_text(".github/workflows/ci.yml", src).unwrap();
        let summary: Vec<(&str, &str, u32, u32)> = got
            .iter()
            .map(|a| (a.name.as_str(), a.version.as_str(), a.line, a.column))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("actions/checkout", "4.1.0", 6, 15),
                ("actions/cache", "4.2.2", 7, 15),
                ("org/repo", "1.2.3", 12, 15),
            ]
        );
        assert_eq!(got[1].git_ref, "b4ffde65f46336ab88eb53be808477a3936bae11");
        assert_eq!(got[0].path, ".github/workflows/ci.yml");
    }

    #[test]
    fn bad_yaml_is_an_error_with_line() {
        let err = actions_in_text("w.yml", "jobs:\n  a: [\n").unwrap_err();
        assert!(err.path.starts_with("w.yml:"), "{err:?}");
    }

    #[test]
    fn finds_workflow_and_action_files() {
        let dir = tempfile::tempdir().unwrap();
        let wf = dir.path().join(".github/workflows");
        std::fs::create_dir_all(&wf).unwrap();
        std::fs::write(
            wf.join("ci.yml"),
            "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1.0.0\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("action.yml"),
            "name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - uses: c/d@2.0.0\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("other.yml"), "uses: e/f@1.0.0\n").unwrap();
        let files = FileIndex::new(dir.path());
        let (list, errors) = actions_in(&files);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<(&str, &str)> = list
            .iter()
            .map(|a| (a.name.as_str(), a.path.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![("a/b", ".github/workflows/ci.yml"), ("c/d", "action.yml")]
        );
    }
}
