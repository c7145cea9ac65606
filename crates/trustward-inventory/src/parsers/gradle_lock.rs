//! `gradle.lockfile` (Gradle dependency locking): `group:artifact:version=conf1,conf2`
//! lines. The configurations give the scope: only test configurations → dev; only
//! annotation processors / build tooling → build; anything else → runtime.

use super::support::{Collected, package};
use crate::model::{Ecosystem, Scope};
use crate::purl;

/// The scope of a package used by these configurations.
fn scope_of(confs: &[&str]) -> Scope {
    if confs.is_empty() {
        return Scope::Unknown;
    }
    let lower: Vec<String> = confs.iter().map(|c| c.to_ascii_lowercase()).collect();
    let is_test = |c: &String| c.starts_with("test") || c.contains("test");
    let is_build = |c: &String| {
        c.contains("annotationprocessor")
            || c.starts_with("kapt")
            || c.starts_with("ksp")
            || c.contains("classpathcopy")
            || c == "buildscript"
            || c.starts_with("detekt")
    };
    if lower.iter().all(is_test) {
        Scope::Dev
    } else if lower.iter().all(|c| is_build(c) || is_test(c)) {
        Scope::Build
    } else {
        Scope::Runtime
    }
}

/// Parses a gradle.lockfile.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("gradle.lockfile");
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (coord, confs) = line.split_once('=').unwrap_or((line, ""));
        if coord == "empty" {
            continue;
        }
        let parts: Vec<&str> = coord.split(':').collect();
        let [group, artifact, version] = parts.as_slice() else {
            out.error(
                Some(line_no),
                format!("expected `group:artifact:version=…`, got `{line}`"),
            );
            continue;
        };
        if group.is_empty() || artifact.is_empty() || version.is_empty() {
            out.error(Some(line_no), "empty group, artifact or version");
            continue;
        }
        let confs: Vec<&str> = confs
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        out.push(package(
            Ecosystem::Maven,
            format!("{group}:{artifact}"),
            *version,
            purl::maven(group, artifact, version, "", ""),
            scope_of(&confs),
            None,
            path,
            Some(line_no),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes() {
        assert_eq!(
            scope_of(&["testRuntimeClasspath", "testCompileClasspath"]),
            Scope::Dev
        );
        assert_eq!(scope_of(&["annotationProcessor"]), Scope::Build);
        assert_eq!(
            scope_of(&["runtimeClasspath", "testRuntimeClasspath"]),
            Scope::Runtime
        );
        assert_eq!(scope_of(&[]), Scope::Unknown);
    }
}
