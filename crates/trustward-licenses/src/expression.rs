//! SPDX licence expressions: normalising what manifests and registries write into valid
//! SPDX expressions, and evaluating them against a policy.
//!
//! Parsing and evaluation are the `spdx` crate's (the SPDX expression grammar with `AND`,
//! `OR`, `WITH`, `+`, `LicenseRef-` and parentheses). Before parsing, trustward maps what
//! the grammar does not accept but people write: deprecated ids (`GPL-2.0` →
//! `GPL-2.0-only`, `GPL-2.0+` → `GPL-2.0-or-later`), common names (`Apache 2.0`, `MIT
//! License`, `BSD`), Python trove classifiers (`License :: OSI Approved :: MIT License`)
//! and `/` or lowercase operators. A string that still does not parse is an error with the
//! parser's reason: unknown stays unknown, never guessed.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A parsed, normalised licence expression.
#[derive(Debug, Clone)]
pub struct LicenseExpr {
    /// The normalised expression text (valid SPDX).
    pub text: String,
    inner: spdx::Expression,
}

impl PartialEq for LicenseExpr {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Why an expression could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid SPDX licence expression: {reason}")]
pub struct ExprError {
    /// What was given (control characters escaped).
    pub input: String,
    /// The parser's reason.
    pub reason: String,
}

/// Longest expression accepted (manifests sometimes hold whole licence texts).
pub const MAX_EXPRESSION: usize = 1024;

#[derive(Deserialize)]
struct AliasFile {
    alias: Vec<Alias>,
}

#[derive(Deserialize)]
struct Alias {
    names: Vec<String>,
    expression: String,
}

fn aliases() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let file: AliasFile = toml::from_str(include_str!("../data/aliases.toml"))
            .expect("data/aliases.toml is valid (checked by a test)");
        let mut map = HashMap::new();
        for a in file.alias {
            for n in a.names {
                map.insert(key(&n), a.expression.clone());
            }
        }
        map
    })
}

fn key(name: &str) -> String {
    name.trim()
        .trim_end_matches('.')
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Deprecated GNU-style ids and their current forms.
fn deprecated(id: &str) -> Option<String> {
    const GNU: [&str; 12] = [
        "GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "AGPL-1.0",
        "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3", "LGPL-2.1",
    ];
    let (base, plus) = match id.strip_suffix('+') {
        Some(b) => (b, true),
        None => (id, false),
    };
    let canonical = GNU.iter().find(|g| g.eq_ignore_ascii_case(base))?;
    Some(format!(
        "{canonical}-{}",
        if plus { "or-later" } else { "only" }
    ))
}

/// Special deprecated ids that mean an exception.
fn deprecated_with(id: &str) -> Option<&'static str> {
    Some(match id {
        "GPL-2.0-with-classpath-exception" => "GPL-2.0-only WITH Classpath-exception-2.0",
        "GPL-2.0-with-GCC-exception" => "GPL-2.0-only WITH GCC-exception-2.0",
        "GPL-2.0-with-autoconf-exception" => "GPL-2.0-only WITH Autoconf-exception-2.0",
        "GPL-2.0-with-bison-exception" => "GPL-2.0-only WITH Bison-exception-2.2",
        "GPL-2.0-with-font-exception" => "GPL-2.0-only WITH Font-exception-2.0",
        "GPL-3.0-with-GCC-exception" => "GPL-3.0-only WITH GCC-exception-3.1",
        "GPL-3.0-with-autoconf-exception" => "GPL-3.0-only WITH Autoconf-exception-3.0",
        "eCos-2.0" => "GPL-2.0-or-later WITH eCos-exception-2.0",
        "wxWindows" => "GPL-2.0-or-later WITH WxWindows-exception-3.1",
        _ => return None,
    })
}

/// An id written in the wrong case (`apache-2.0`) in its listed case; anything else as is.
fn case_fixed(tok: &str) -> String {
    let (base, plus) = match tok.strip_suffix('+') {
        Some(b) => (b, "+"),
        None => (tok, ""),
    };
    if spdx::license_id(base).is_some() || spdx::exception_id(base).is_some() {
        return tok.to_string();
    }
    if let Some(l) = spdx::identifiers::LICENSES
        .iter()
        .find(|l| l.name.eq_ignore_ascii_case(base))
    {
        return format!("{}{plus}", l.name);
    }
    if let Some(e) = spdx::identifiers::EXCEPTIONS
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(base))
    {
        return e.name.to_string();
    }
    tok.to_string()
}

/// Normalises and parses a licence string as written in a manifest, lockfile, metadata
/// file or registry.
pub fn parse(raw: &str) -> Result<LicenseExpr, ExprError> {
    let err = |reason: &str| ExprError {
        input: trustward_core::escape::terminal_line(raw)
            .chars()
            .take(200)
            .collect(),
        reason: reason.to_string(),
    };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(err("it is empty"));
    }
    if trimmed.len() > MAX_EXPRESSION {
        return Err(err(
            "it is longer than 1024 bytes (a licence text, not an expression?)",
        ));
    }
    // Whole-string names: `MIT License`, classifiers, `Apache 2.0`.
    let mut text = trimmed.to_string();
    if let Some(rest) = trimmed.strip_prefix("License ::") {
        let last = rest.rsplit("::").next().unwrap_or(rest).trim();
        text = last.to_string();
    }
    if let Some(mapped) = aliases().get(&key(&text)) {
        text = mapped.clone();
    } else {
        // Parenthesised alternatives written with `/` or lowercase operators, and deprecated
        // ids, token by token.
        let spaced = text
            .replace('(', " ( ")
            .replace(')', " ) ")
            .replace('/', " OR ");
        let mut out = Vec::new();
        for tok in spaced.split_whitespace() {
            let t = match tok {
                "and" | "And" | "&" => "AND".to_string(),
                "or" | "Or" | "|" => "OR".to_string(),
                "with" | "With" => "WITH".to_string(),
                other => {
                    if let Some(w) = deprecated_with(other) {
                        format!("({w})")
                    } else if let Some(d) = deprecated(other) {
                        d
                    } else if let Some(m) = aliases().get(&key(other)) {
                        if m.contains(' ') {
                            format!("({m})")
                        } else {
                            m.clone()
                        }
                    } else {
                        case_fixed(other)
                    }
                }
            };
            out.push(t);
        }
        text = out.join(" ").replace("( ", "(").replace(" )", ")");
    }
    let mode = spdx::ParseMode {
        allow_deprecated: false,
        allow_imprecise_license_names: false,
        allow_postfix_plus_on_gpl: true,
        allow_slash_as_or_operator: true,
        allow_unknown: false,
    };
    match spdx::Expression::parse_mode(&text, mode) {
        Ok(inner) => Ok(LicenseExpr { text, inner }),
        Err(e) => Err(err(&e.reason.to_string())),
    }
}

/// One licence requirement of an expression, as policy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The licence id (`MIT`, `GPL-2.0-or-later`, `LicenseRef-…`).
    pub id: String,
    /// The exception after `WITH`, if any.
    pub exception: Option<String>,
}

fn requirement(req: &spdx::LicenseReq) -> Requirement {
    let id = match &req.license {
        spdx::LicenseItem::Spdx { id, or_later } => {
            let name = id.name.to_string();
            if *or_later {
                if let Some(base) = name.strip_suffix("-only") {
                    format!("{base}-or-later")
                } else if name.ends_with("-or-later") {
                    name
                } else {
                    format!("{name}+")
                }
            } else {
                name
            }
        }
        spdx::LicenseItem::Other(r) => match &r.doc_ref {
            Some(d) => format!("DocumentRef-{d}:LicenseRef-{}", r.lic_ref),
            None => format!("LicenseRef-{}", r.lic_ref),
        },
    };
    let exception = req.addition.as_ref().map(|a| match a {
        spdx::AdditionItem::Spdx(e) => e.name.to_string(),
        spdx::AdditionItem::Other(r) => format!("AdditionRef-{}", r.add_ref),
    });
    Requirement { id, exception }
}

impl LicenseExpr {
    /// Every licence the expression names.
    pub fn requirements(&self) -> Vec<Requirement> {
        self.inner
            .requirements()
            .map(|r| requirement(&r.req))
            .collect()
    }

    /// `true` when the expression can be satisfied with the licences `allowed` accepts
    /// (an `OR` passes when one branch does, an `AND` needs both).
    pub fn satisfied_by(&self, mut allowed: impl FnMut(&Requirement) -> bool) -> bool {
        self.inner.evaluate(|req| allowed(&requirement(req)))
    }

    /// The requirements that block the expression under `allowed` (empty when it is
    /// satisfied).
    pub fn failures(&self, mut allowed: impl FnMut(&Requirement) -> bool) -> Vec<Requirement> {
        match self
            .inner
            .evaluate_with_failures(|req| allowed(&requirement(req)))
        {
            Ok(()) => Vec::new(),
            Err(fails) => fails.into_iter().map(|r| requirement(&r.req)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        parse(s).unwrap().text
    }

    #[test]
    fn valid_expressions_parse_as_written() {
        for e in [
            "MIT",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "LicenseRef-Proprietary",
            "Apache-2.0 AND (MIT OR (BSD-2-Clause AND ISC))",
        ] {
            assert_eq!(norm(e), e, "{e}");
        }
    }

    #[test]
    fn deprecated_and_common_names_are_normalised() {
        let cases = [
            ("GPL-2.0", "GPL-2.0-only"),
            ("GPL-2.0+", "GPL-2.0-or-later"),
            ("LGPL-2.1+", "LGPL-2.1-or-later"),
            ("Apache 2.0", "Apache-2.0"),
            ("Apache License, Version 2.0", "Apache-2.0"),
            ("MIT License", "MIT"),
            ("License :: OSI Approved :: MIT License", "MIT"),
            (
                "License :: OSI Approved :: Apache Software License",
                "Apache-2.0",
            ),
            ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
            ("mit or apache-2.0", "MIT OR Apache-2.0"),
            (
                "GPL-2.0-with-classpath-exception",
                "(GPL-2.0-only WITH Classpath-exception-2.0)",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input), want, "{input}");
        }
    }

    #[test]
    fn invalid_expressions_are_clear_errors() {
        for bad in [
            "",
            "   ",
            "MIT AND",
            "(MIT",
            "MIT OR OR Apache-2.0",
            "Some Random Words",
            "WITH Classpath-exception-2.0",
            "MIT WITH NotAnException",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.to_string().contains("is not a valid SPDX"), "{bad}: {e}");
        }
        let huge = "MIT OR ".repeat(1000);
        assert!(parse(&huge).unwrap_err().reason.contains("1024"));
        let hostile = parse("MIT\u{1b}[2J").unwrap_err();
        assert!(!hostile.to_string().contains('\u{1b}'));
    }

    #[test]
    fn evaluation_follows_and_or_with_plus() {
        let allow =
            |ids: &'static [&'static str]| move |r: &Requirement| ids.contains(&r.id.as_str());
        let e = parse("MIT OR GPL-3.0-only").unwrap();
        assert!(e.satisfied_by(allow(&["MIT"])));
        assert!(!e.satisfied_by(allow(&["Apache-2.0"])));
        let e = parse("MIT AND GPL-3.0-only").unwrap();
        assert!(!e.satisfied_by(allow(&["MIT"])));
        assert_eq!(e.failures(allow(&["MIT"]))[0].id, "GPL-3.0-only");
        let e = parse("(MIT OR Apache-2.0) AND (BSD-3-Clause OR (ISC AND Zlib))").unwrap();
        assert!(e.satisfied_by(allow(&["Apache-2.0", "ISC", "Zlib"])));
        assert!(!e.satisfied_by(allow(&["Apache-2.0", "ISC"])));
        let e = parse("GPL-2.0+").unwrap();
        assert_eq!(e.requirements()[0].id, "GPL-2.0-or-later");
        let e = parse("GPL-2.0-only WITH Classpath-exception-2.0").unwrap();
        let r = &e.requirements()[0];
        assert_eq!(r.exception.as_deref(), Some("Classpath-exception-2.0"));
        let e = parse("LicenseRef-Company-EULA").unwrap();
        assert_eq!(e.requirements()[0].id, "LicenseRef-Company-EULA");
    }
}
