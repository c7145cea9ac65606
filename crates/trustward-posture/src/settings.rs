//! The `[posture]` table of `trustward.toml`.

use serde::Deserialize;
use trustward_core::{Config, ConfigError};

/// Settings of the posture analyzer.
///
/// ```toml
/// [posture]
/// # Extra paths CODEOWNERS must cover, besides .github/workflows/, CODEOWNERS itself
/// # and the build and release configuration found in the repository.
/// sensitive_paths = ["deploy/", "scripts/release.sh"]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PostureSettings {
    /// Extra paths (files, or directories with a trailing `/`) that CODEOWNERS must cover.
    pub sensitive_paths: Vec<String>,
}

/// Most sensitive paths accepted (a bound on work per scan).
pub const MAX_SENSITIVE_PATHS: usize = 1000;

impl PostureSettings {
    /// Reads and validates the `[posture]` table.
    pub fn load(config: &Config) -> Result<Self, ConfigError> {
        let s: PostureSettings = config.analyzer_settings("posture")?;
        if s.sensitive_paths.len() > MAX_SENSITIVE_PATHS {
            return Err(config.error_at(
                "sensitive_paths",
                format!(
                    "[posture] sensitive_paths: at most {MAX_SENSITIVE_PATHS} entries, got {}",
                    s.sensitive_paths.len()
                ),
            ));
        }
        for p in &s.sensitive_paths {
            let t = p.trim().trim_start_matches("./");
            if t.is_empty()
                || t.starts_with('/')
                || t.split('/').any(|c| c == "..")
                || t.contains(['*', '?', '[', '\\'])
            {
                return Err(config.error_at(
                    p,
                    format!(
                        "[posture] sensitive_paths: `{p}` is not a path relative to the \
                         repository root (expected e.g. \"deploy/\" or \"scripts/release.sh\", \
                         no globs, no `..`)"
                    ),
                ));
            }
        }
        Ok(s)
    }

    /// The configured paths, normalised (no leading `./`).
    pub fn sensitive_paths(&self) -> impl Iterator<Item = &str> {
        self.sensitive_paths
            .iter()
            .map(|p| p.trim().trim_start_matches("./"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_rejects() {
        let c = Config::parse("[posture]\nsensitive_paths = [\"deploy/\"]\n", None).unwrap();
        let s = PostureSettings::load(&c).unwrap();
        assert_eq!(s.sensitive_paths().collect::<Vec<_>>(), vec!["deploy/"]);
        let c = Config::parse("[posture]\nsensitive_paths = [\"../x\"]\n", None).unwrap();
        let e = PostureSettings::load(&c).unwrap_err();
        assert!(e.to_string().contains("../x"), "{e}");
        let c = Config::parse("[posture]\nunknown = 1\n", None).unwrap();
        assert!(PostureSettings::load(&c).is_err());
        let c = Config::parse("", None).unwrap();
        assert!(
            PostureSettings::load(&c)
                .unwrap()
                .sensitive_paths
                .is_empty()
        );
    }
}
