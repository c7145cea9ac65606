//! The `[licenses]` table of `trustward.toml`: which licences are allowed or denied (by
//! SPDX id or `category:<name>`), per-package exceptions with a reason and an expiry, and
//! how copyleft dependencies of a permissively licensed project and unknown licences are
//! treated.

use crate::category::{self, Category};
use crate::expression::{LicenseExpr, Requirement};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[licenses]` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LicenseSettings {
    /// Licences (SPDX ids, `category:<name>`) allowed; empty = everything not denied.
    pub allow: Vec<String>,
    /// Licences (SPDX ids, `category:<name>`) never allowed.
    pub deny: Vec<String>,
    /// Per-package additions to `allow`.
    pub exceptions: Vec<Exception>,
    /// Report dependencies whose licence requires copyleft when the project's own licence
    /// is permissive (`true` by default).
    pub copyleft_in_permissive: bool,
    /// Also report weak copyleft (LGPL, MPL, EPL) under `copyleft_in_permissive`.
    pub include_weak_copyleft: bool,
    /// Fill unknown licences from the registries (same as `--online`).
    pub online: bool,
    /// How long a registry answer is reused, in days (default 7).
    pub cache_ttl_days: u32,
    /// Base URLs of registries, overriding the public ones (mirrors; tests).
    pub registries: BTreeMap<String, String>,
}

impl Default for LicenseSettings {
    fn default() -> Self {
        LicenseSettings {
            allow: Vec::new(),
            deny: Vec::new(),
            exceptions: Vec::new(),
            copyleft_in_permissive: true,
            include_weak_copyleft: false,
            online: false,
            cache_ttl_days: 7,
            registries: BTreeMap::new(),
        }
    }
}

/// `[[licenses.exceptions]]`: a package allowed licences the policy otherwise refuses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Package name.
    pub name: String,
    /// Only this version (any when absent).
    #[serde(default)]
    pub version: Option<String>,
    /// Licences allowed for it.
    pub allow: Vec<String>,
    /// Why (required: an exception without a reason is a config error).
    pub reason: String,
    /// `YYYY-MM-DD` after which the exception no longer applies.
    #[serde(default)]
    pub expires: Option<String>,
}

/// One entry of `allow`/`deny`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// An SPDX id (`GPL-2.0-or-later`), `+` meaning that version or later.
    Id(String),
    /// Every licence of a category.
    Category(Category),
}

impl Matcher {
    /// Parses `MIT`, `GPL-2.0+` or `category:permissive`.
    pub fn parse(s: &str) -> Result<Matcher, String> {
        if let Some(c) = s.strip_prefix("category:") {
            return Category::parse(c).map(Matcher::Category).ok_or_else(|| {
                format!(
                    "unknown licence category `{c}`: expected one of {}",
                    Category::ALL.map(|c| c.as_str()).join(", ")
                )
            });
        }
        let norm = crate::expression::parse(s).map_err(|e| e.to_string())?;
        let reqs = norm.requirements();
        if reqs.len() != 1 {
            return Err(format!(
                "`{s}`: allow and deny take single licence ids, not expressions"
            ));
        }
        Ok(Matcher::Id(reqs[0].id.clone()))
    }

    fn matches(&self, req: &Requirement) -> bool {
        match self {
            Matcher::Category(c) => category::of(&req.id) == *c,
            Matcher::Id(id) => {
                if id == &req.id {
                    return true;
                }
                // `GPL-2.0-or-later` in the list accepts a dependency's `GPL-2.0-or-later`
                // only; a dependency's `-or-later` is satisfied by the listed later version.
                false
            }
        }
    }
}

/// The compiled policy.
#[derive(Debug, Clone)]
pub struct Policy {
    allow: Vec<Matcher>,
    deny: Vec<Matcher>,
    exceptions: Vec<(Exception, Vec<Matcher>)>,
    /// See [`LicenseSettings::copyleft_in_permissive`].
    pub copyleft_in_permissive: bool,
    /// See [`LicenseSettings::include_weak_copyleft`].
    pub include_weak_copyleft: bool,
}

/// What the policy says about one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Allowed (possibly through an exception, named).
    Allowed {
        /// The exception's reason, when one was needed.
        exception: Option<String>,
    },
    /// Refused; the licences that block it.
    Denied(Vec<String>),
}

impl Policy {
    /// Compiles the settings; errors name the offending entry.
    pub fn new(s: &LicenseSettings) -> Result<Policy, String> {
        let parse_all = |list: &[String], what: &str| -> Result<Vec<Matcher>, String> {
            list.iter()
                .map(|m| Matcher::parse(m).map_err(|e| format!("[licenses] {what}: {e}")))
                .collect()
        };
        let mut exceptions = Vec::new();
        for e in &s.exceptions {
            if e.reason.trim().is_empty() {
                return Err(format!(
                    "[[licenses.exceptions]] for `{}` needs a reason",
                    e.name
                ));
            }
            if let Some(x) = &e.expires
                && x.parse::<jiff::civil::Date>().is_err()
            {
                return Err(format!(
                    "[[licenses.exceptions]] for `{}`: expires = \"{x}\" is not a YYYY-MM-DD date",
                    e.name
                ));
            }
            exceptions.push((e.clone(), parse_all(&e.allow, "exceptions.allow")?));
        }
        Ok(Policy {
            allow: parse_all(&s.allow, "allow")?,
            deny: parse_all(&s.deny, "deny")?,
            exceptions,
            copyleft_in_permissive: s.copyleft_in_permissive,
            include_weak_copyleft: s.include_weak_copyleft,
        })
    }

    fn allowed(&self, req: &Requirement, extra: &[Matcher]) -> bool {
        if self.deny.iter().any(|m| m.matches(req)) {
            return false;
        }
        if extra.iter().any(|m| m.matches(req)) {
            return true;
        }
        self.allow.is_empty() || self.allow.iter().any(|m| m.matches(req))
    }

    /// Evaluates a package's expression (`today` is `YYYY-MM-DD`, for exception expiry).
    pub fn evaluate(&self, name: &str, version: &str, expr: &LicenseExpr, today: &str) -> Verdict {
        if expr.satisfied_by(|r| self.allowed(r, &[])) {
            return Verdict::Allowed { exception: None };
        }
        for (e, extra) in &self.exceptions {
            let applies = e.name == name
                && e.version.as_deref().is_none_or(|v| v == version)
                && e.expires.as_deref().is_none_or(|x| x >= today);
            if applies && expr.satisfied_by(|r| self.allowed(r, extra)) {
                return Verdict::Allowed {
                    exception: Some(e.reason.clone()),
                };
            }
        }
        let mut blocking: Vec<String> = expr
            .failures(|r| self.allowed(r, &[]))
            .into_iter()
            .map(|r| match r.exception {
                Some(x) => format!("{} WITH {x}", r.id),
                None => r.id,
            })
            .collect();
        blocking.sort();
        blocking.dedup();
        Verdict::Denied(blocking)
    }

    /// `true` when `expr` cannot be satisfied without a copyleft licence (of the kinds this
    /// policy reports).
    pub fn requires_copyleft(&self, expr: &LicenseExpr) -> bool {
        let reported = |c: Category| match c {
            Category::StrongCopyleft | Category::NetworkCopyleft => true,
            Category::WeakCopyleft => self.include_weak_copyleft,
            _ => false,
        };
        !expr.satisfied_by(|r| !reported(category::of(&r.id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expression::parse;

    fn policy(toml_text: &str) -> Policy {
        let s: LicenseSettings = toml::from_str(toml_text).unwrap();
        Policy::new(&s).unwrap()
    }

    #[test]
    fn allow_list_or_passes_when_one_branch_is_allowed() {
        let p = policy(r#"allow = ["MIT", "Apache-2.0"]"#);
        let ok = |e: &str| {
            matches!(
                p.evaluate("x", "1", &parse(e).unwrap(), "2026-01-01"),
                Verdict::Allowed { .. }
            )
        };
        assert!(ok("MIT"));
        assert!(ok("MIT OR GPL-3.0-only"));
        assert!(!ok("MIT AND GPL-3.0-only"));
        assert!(!ok("GPL-3.0-only"));
        assert_eq!(
            p.evaluate(
                "x",
                "1",
                &parse("GPL-3.0-only AND MIT").unwrap(),
                "2026-01-01"
            ),
            Verdict::Denied(vec!["GPL-3.0-only".into()])
        );
    }

    #[test]
    fn categories_deny_wins_and_exceptions_expire() {
        let p = policy(
            r#"
allow = ["category:permissive", "category:public-domain"]
deny = ["category:network-copyleft", "Zlib"]
[[exceptions]]
name = "readline"
allow = ["GPL-3.0-or-later"]
reason = "only used by the optional CLI, distributed separately"
expires = "2026-06-30"
"#,
        );
        let eval = |n: &str, e: &str, today: &str| p.evaluate(n, "1", &parse(e).unwrap(), today);
        assert_eq!(
            eval("a", "BSD-3-Clause", "2026-01-01"),
            Verdict::Allowed { exception: None }
        );
        assert_eq!(
            eval("a", "CC0-1.0", "2026-01-01"),
            Verdict::Allowed { exception: None }
        );
        assert!(matches!(
            eval("a", "Zlib", "2026-01-01"),
            Verdict::Denied(_)
        ));
        assert!(matches!(
            eval("a", "AGPL-3.0-only", "2026-01-01"),
            Verdict::Denied(_)
        ));
        assert!(matches!(
            eval("readline", "GPL-3.0-or-later", "2026-01-01"),
            Verdict::Allowed { exception: Some(_) }
        ));
        assert!(matches!(
            eval("readline", "GPL-3.0-or-later", "2026-07-01"),
            Verdict::Denied(_)
        ));
        assert!(matches!(
            eval("other", "GPL-3.0-or-later", "2026-01-01"),
            Verdict::Denied(_)
        ));
    }

    #[test]
    fn empty_allow_means_all_but_denied() {
        let p = policy(r#"deny = ["GPL-2.0-only"]"#);
        assert!(matches!(
            p.evaluate("a", "1", &parse("GPL-2.0").unwrap(), "2026-01-01"),
            Verdict::Denied(_)
        ));
        assert!(matches!(
            p.evaluate(
                "a",
                "1",
                &parse("LicenseRef-Anything").unwrap(),
                "2026-01-01"
            ),
            Verdict::Allowed { .. }
        ));
    }

    #[test]
    fn bad_settings_are_clear_errors() {
        for (t, want) in [
            (
                r#"allow = ["category:viral"]"#,
                "unknown licence category `viral`",
            ),
            (r#"allow = ["MIT OR Apache-2.0"]"#, "single licence ids"),
            (r#"deny = ["Not A Licence"]"#, "not a valid SPDX"),
            (
                "[[exceptions]]\nname = \"x\"\nallow = [\"MIT\"]\nreason = \"\"",
                "needs a reason",
            ),
            (
                "[[exceptions]]\nname = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\nexpires = \"soon\"",
                "YYYY-MM-DD",
            ),
        ] {
            let s: LicenseSettings = toml::from_str(t).unwrap();
            let e = Policy::new(&s).unwrap_err();
            assert!(e.contains(want), "{t}: {e}");
        }
    }

    #[test]
    fn copyleft_detection() {
        let p = policy("");
        assert!(p.requires_copyleft(&parse("GPL-3.0-only").unwrap()));
        assert!(!p.requires_copyleft(&parse("MIT OR GPL-3.0-only").unwrap()));
        assert!(p.requires_copyleft(&parse("MIT AND AGPL-3.0-only").unwrap()));
        assert!(!p.requires_copyleft(&parse("MPL-2.0").unwrap()));
        let weak = policy("include_weak_copyleft = true");
        assert!(weak.requires_copyleft(&parse("MPL-2.0").unwrap()));
    }
}
