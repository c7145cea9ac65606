//! Go module versions (<https://go.dev/ref/mod#versions>): semantic versions with a `v`
//! prefix. Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
//! `vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef123456`, `vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef123456`)
//! are ordinary SemVer pre-releases and order as such; `+incompatible` is build metadata
//! and ignored. The `v` is optional because OSV `Go` ranges omit it.

use crate::num::all_digits;
use crate::semver::{self, SemVer};

/// Parses a Go version with or without its `v` prefix.
pub(crate) fn parse(text: &str) -> Result<SemVer, &'static str> {
    let start = usize::from(text.starts_with('v'));
    semver::parse_from(text, start)
}

/// Whether `v` has a pseudo-version's pre-release shape (golang.org/x/mod/module
/// `IsPseudoVersion`).
pub(crate) fn is_pseudo(v: &SemVer, text: &str) -> bool {
    let Some(pre) = v.pre else { return false };
    let pre = pre.of(text);
    let Some((left, rev)) = pre.rsplit_once('-') else {
        return false;
    };
    if rev.is_empty() || !rev.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let Some(stamp_at) = left.len().checked_sub(14) else {
        return false;
    };
    let (head, stamp) = left.split_at(stamp_at);
    if !all_digits(stamp) {
        return false;
    }
    match head {
        "" => v.minor == 0 && v.patch == 0,
        "0." => true,
        h => h.ends_with(".0."),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scheme, Version};

    fn v(s: &str) -> Version {
        Version::parse(Scheme::Go, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn pseudo_versions_order_as_prereleases() {
        // go.dev/ref/mod#pseudo-versions: a pseudo-version sorts after the base version it
        // derives from and before the next tagged release.
        let chain = [
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0-20200101000000-000000000000",
            "v0.1.0",
            "v1.2.3",
            "v1.2.4-0.20200102030405-abcdefabcdef",
            "v1.2.4-pre",
            "v1.2.4-pre.0.20200102030405-abcdefabcdef",
            "v1.2.4-pre.1",
            "v1.2.4",
        ];
        for w in chain.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(v("v0.0.0-20191109021931-daa7c04131f5").is_go_pseudo_version());
        assert!(v("v1.2.4-0.20200102030405-abcdefabcdef").is_go_pseudo_version());
        assert!(v("v1.2.4-pre.0.20200102030405-abcdefabcdef").is_go_pseudo_version());
        assert!(!v("v1.2.4-pre").is_go_pseudo_version());
        assert!(!v("v1.2.4").is_go_pseudo_version());
    }

    #[test]
    fn incompatible_and_prefix() {
        assert_eq!(v("v2.0.0+incompatible"), v("2.0.0"));
        assert!(v("v2.0.0+incompatible") < v("v2.0.1+incompatible"));
        assert_eq!(v("1.20.3"), v("v1.20.3"));
        assert!(Version::parse(Scheme::Go, "vv1.0.0").is_err());
        assert!(Version::parse(Scheme::Go, "=1.0.0").is_err());
    }
}
