//! Which files the analyzer reads, by path.

/// The kind of file the analyzer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.github/workflows/*.yml|yaml`.
    Workflow,
    /// `action.yml|yaml` anywhere.
    Action,
    /// `.github/dependabot.yml|yaml`.
    Dependabot,
    /// `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile`.
    Dockerfile,
}

/// The kind of `rel` (a `/`-separated relative path), or `None` when not read.
/// With `single`, a lone YAML file that is not named like an action or dependabot file
/// is treated as a workflow (so `trustward workflows ci.yml` works anywhere).
pub fn classify(rel: &str, single: bool) -> Option<Kind> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let lower = name.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    if yaml {
        if lower == "action.yml" || lower == "action.yaml" {
            return Some(Kind::Action);
        }
        let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let dependabot = lower == "dependabot.yml" || lower == "dependabot.yaml";
        if dependabot && (single || dir == ".github" || dir.ends_with("/.github")) {
            return Some(Kind::Dependabot);
        }
        if dir == ".github/workflows" || dir.ends_with("/.github/workflows") || single {
            return Some(Kind::Workflow);
        }
        return None;
    }
    const NOT_DOCKERFILES: &[&str] = &[
        ".md",
        ".txt",
        ".rst",
        ".html",
        ".dockerignore",
        ".orig",
        ".bak",
    ];
    if NOT_DOCKERFILES.iter().any(|x| lower.ends_with(x)) {
        return None;
    }
    if name == "Dockerfile"
        || name == "Containerfile"
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
        || name.starts_with("Dockerfile.")
        || name.starts_with("Containerfile.")
    {
        return Some(Kind::Dockerfile);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            classify(".github/workflows/ci.yml", false),
            Some(Kind::Workflow)
        );
        assert_eq!(
            classify("sub/.github/workflows/ci.yaml", false),
            Some(Kind::Workflow)
        );
        assert_eq!(classify("a/b/action.yml", false), Some(Kind::Action));
        assert_eq!(
            classify(".github/dependabot.yml", false),
            Some(Kind::Dependabot)
        );
        assert_eq!(classify("docker/Dockerfile", false), Some(Kind::Dockerfile));
        assert_eq!(classify("web.Dockerfile", false), Some(Kind::Dockerfile));
        assert_eq!(classify("Dockerfile.dev", false), Some(Kind::Dockerfile));
        assert_eq!(classify("Containerfile", false), Some(Kind::Dockerfile));
        assert_eq!(classify("config.yml", false), None);
        assert_eq!(classify("config.yml", true), Some(Kind::Workflow));
        assert_eq!(classify("dependabot.yml", true), Some(Kind::Dependabot));
        assert_eq!(classify("x/dependabot.yml", false), None);
        assert_eq!(classify("Dockerfile.md", false), None);
        assert_eq!(classify("Dockerfile.dockerignore", false), None);
        assert_eq!(
            classify("Containerfile.prod", false),
            Some(Kind::Dockerfile)
        );
    }
}
