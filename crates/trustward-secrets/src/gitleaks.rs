//! Loading gitleaks (v8) configuration files: `[[rules]]` with `regex`, `secretGroup`,
//! `entropy`, `keywords`, `path` and allowlists; global `[allowlist]` / `[[allowlists]]`;
//! `[extend] path`, `useDefault` and `disabledRules`. Every key trustward does not apply
//! becomes a warning naming it, never silence.

use crate::allow::{Allowlist, Condition, RegexTarget};
use crate::engine::CompiledRule;
use crate::rules::CUSTOM_RULE;
use std::path::{Path, PathBuf};
use toml::Value;

/// Largest configuration file read.
pub const MAX_CONFIG_SIZE: u64 = 4 * 1024 * 1024;

/// How many `[extend] path` hops are followed.
pub const MAX_EXTEND_DEPTH: usize = 3;

/// What a gitleaks configuration contributes.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The user's rules, compiled.
    pub rules: Vec<CompiledRule>,
    /// Global allowlists.
    pub allowlists: Vec<Allowlist>,
    /// Built-in rule names listed in `[extend] disabledRules`.
    pub disabled: Vec<String>,
    /// Problems: unsupported keys, regexes the engine cannot compile, etc.
    pub warnings: Vec<String>,
}

/// A configuration that cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum GitleaksError {
    /// Unreadable file.
    #[error("cannot read gitleaks config {path}: {reason}")]
    Read {
        /// Which file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Not TOML.
    #[error("gitleaks config {path}: invalid TOML: {reason}")]
    Toml {
        /// Which file.
        path: String,
        /// Parser message with line and column.
        reason: String,
    },
}

/// Loads a gitleaks configuration file (following `[extend] path`).
pub fn load(path: &Path) -> Result<Loaded, GitleaksError> {
    let mut out = Loaded::default();
    load_into(path, 0, &mut out)?;
    Ok(out)
}

fn read(path: &Path) -> Result<String, GitleaksError> {
    let err = |reason: String| GitleaksError::Read {
        path: path.display().to_string(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if meta.len() > MAX_CONFIG_SIZE {
        return Err(err(format!("larger than {MAX_CONFIG_SIZE} bytes")));
    }
    std::fs::read_to_string(path).map_err(|e| err(e.to_string()))
}

fn load_into(path: &Path, depth: usize, out: &mut Loaded) -> Result<(), GitleaksError> {
    let text = read(path)?;
    let name = path.display().to_string();
    let extend = parse_str(&text, &name, out)?;
    if let Some(p) = extend {
        if depth >= MAX_EXTEND_DEPTH {
            out.warnings.push(format!(
                "{name}: [extend] path nested more than {MAX_EXTEND_DEPTH} deep was not followed"
            ));
        } else {
            let base = path.parent().unwrap_or(Path::new("."));
            let target: PathBuf = base.join(p);
            load_into(&target, depth + 1, out)?;
        }
    }
    Ok(())
}

/// Parses one configuration text into `out`; returns its `[extend] path`, if any.
pub fn parse_str(
    text: &str,
    name: &str,
    out: &mut Loaded,
) -> Result<Option<String>, GitleaksError> {
    let doc: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| GitleaksError::Toml {
            path: name.to_string(),
            reason: e.to_string(),
        })?;
    let mut extend_path = None;
    for (key, value) in &doc {
        match key.as_str() {
            "title" | "description" | "minVersion" => {}
            "extend" => extend_path = parse_extend(value, name, out),
            "rules" => match value.as_array() {
                Some(rules) => {
                    for (i, r) in rules.iter().enumerate() {
                        parse_rule(r, i, name, out);
                    }
                }
                None => warn(out, name, "`rules` must be an array of tables ([[rules]])"),
            },
            "allowlist" => {
                if let Some((a, targets)) = parse_allowlist(value, name, "[allowlist]", out) {
                    attach_global(a, targets, name, out);
                }
            }
            "allowlists" => match value.as_array() {
                Some(lists) => {
                    for (i, v) in lists.iter().enumerate() {
                        let ctx = format!("[[allowlists]] #{}", i + 1);
                        if let Some((a, targets)) = parse_allowlist(v, name, &ctx, out) {
                            attach_global(a, targets, name, out);
                        }
                    }
                }
                None => warn(out, name, "`allowlists` must be an array of tables"),
            },
            other => warn(out, name, &format!("unsupported key `{other}` ignored")),
        }
    }
    Ok(extend_path)
}

fn warn(out: &mut Loaded, name: &str, msg: &str) {
    out.warnings.push(format!("{name}: {msg}"));
}

fn parse_extend(v: &Value, name: &str, out: &mut Loaded) -> Option<String> {
    let Some(t) = v.as_table() else {
        warn(out, name, "[extend] must be a table");
        return None;
    };
    let mut path = None;
    for (k, v) in t {
        match k.as_str() {
            // trustward's built-in rules always run; `useDefault` only says the file
            // extends gitleaks' own defaults, which trustward replaces with its own.
            "useDefault" => {}
            "path" => path = v.as_str().map(str::to_string),
            "disabledRules" => {
                for r in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    out.disabled.push(r.to_string());
                }
            }
            other => warn(
                out,
                name,
                &format!("[extend]: unsupported key `{other}` ignored"),
            ),
        }
    }
    path
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Parses one allowlist table; returns it with its `targetRules` (global lists only).
fn parse_allowlist(
    v: &Value,
    name: &str,
    ctx: &str,
    out: &mut Loaded,
) -> Option<(Allowlist, Vec<String>)> {
    let Some(t) = v.as_table() else {
        warn(out, name, &format!("{ctx} must be a table"));
        return None;
    };
    let mut a = Allowlist::default();
    let mut targets = Vec::new();
    for (k, v) in t {
        match k.as_str() {
            "description" => {}
            "condition" => match v.as_str().map(str::to_ascii_uppercase).as_deref() {
                Some("AND") => a.condition = Condition::And,
                Some("OR") => a.condition = Condition::Or,
                _ => warn(
                    out,
                    name,
                    &format!("{ctx}: condition must be \"AND\" or \"OR\"; using OR"),
                ),
            },
            "regexTarget" => match v.as_str() {
                Some("secret") => a.regex_target = RegexTarget::Secret,
                Some("match") => a.regex_target = RegexTarget::Match,
                Some("line") => a.regex_target = RegexTarget::Line,
                _ => warn(
                    out,
                    name,
                    &format!("{ctx}: regexTarget must be secret, match or line"),
                ),
            },
            "regexes" => {
                for r in strings(v) {
                    match regex::bytes::Regex::new(&r) {
                        Ok(re) => a.regexes.push(re),
                        Err(e) => warn(
                            out,
                            name,
                            &format!(
                                "{ctx}: regex `{r}` is not supported ({}); skipped",
                                first_line(&e.to_string())
                            ),
                        ),
                    }
                }
            }
            "paths" => {
                for r in strings(v) {
                    match regex::Regex::new(&r) {
                        Ok(re) => a.paths.push(re),
                        Err(e) => warn(
                            out,
                            name,
                            &format!(
                                "{ctx}: path regex `{r}` is not supported ({}); skipped",
                                first_line(&e.to_string())
                            ),
                        ),
                    }
                }
            }
            "stopwords" => a.stopwords = strings(v).into_iter().map(|s| s.to_lowercase()).collect(),
            "commits" => a.commits = strings(v),
            "targetRules" => targets = strings(v),
            other => warn(
                out,
                name,
                &format!("{ctx}: unsupported key `{other}` ignored"),
            ),
        }
    }
    Some((a, targets))
}

fn attach_global(a: Allowlist, targets: Vec<String>, name: &str, out: &mut Loaded) {
    if targets.is_empty() {
        out.allowlists.push(a);
        return;
    }
    for t in targets {
        match out.rules.iter_mut().find(|r| r.name == t) {
            Some(r) => r.allowlists.push(a.clone()),
            None => warn(
                out,
                name,
                &format!(
                    "allowlist targetRules names `{t}`, which is not a rule defined before it in this file; ignored"
                ),
            ),
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn parse_rule(v: &Value, index: usize, name: &str, out: &mut Loaded) {
    let Some(t) = v.as_table() else {
        warn(
            out,
            name,
            &format!("[[rules]] #{} must be a table", index + 1),
        );
        return;
    };
    let id = t
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("rule-{}", index + 1));
    let ctx = format!("rule `{id}`");
    let mut rule = CompiledRule {
        report: &CUSTOM_RULE,
        name: id.clone(),
        custom: true,
        regex: None,
        secret_group: None,
        keywords: vec![],
        entropy: None,
        path: None,
        allowlists: vec![],
        require_mixed: false,
        reject_numeric: false,
        kind: crate::engine::MatchKind::Regex,
        specificity: 0,
    };
    for (k, v) in t {
        match k.as_str() {
            "id" | "description" | "tags" => {}
            "regex" => {
                let Some(src) = v.as_str() else {
                    warn(
                        out,
                        name,
                        &format!("{ctx}: regex must be a string; rule skipped"),
                    );
                    return;
                };
                match regex::bytes::RegexBuilder::new(src)
                    .size_limit(32 << 20)
                    .build()
                {
                    Ok(re) => rule.regex = Some(re),
                    Err(e) => {
                        warn(
                            out,
                            name,
                            &format!(
                                "{ctx}: regex is not supported by trustward's engine (Rust regex, close to Go RE2): {}; rule skipped",
                                first_line(&e.to_string())
                            ),
                        );
                        return;
                    }
                }
            }
            "secretGroup" => {
                rule.secret_group = v.as_integer().and_then(|g| usize::try_from(g).ok())
            }
            "entropy" => rule.entropy = v.as_float().or_else(|| v.as_integer().map(|i| i as f64)),
            "keywords" => {
                rule.keywords = strings(v).into_iter().map(|s| s.to_lowercase()).collect()
            }
            "path" => match v.as_str().map(regex::Regex::new) {
                Some(Ok(re)) => rule.path = Some(re),
                _ => {
                    warn(
                        out,
                        name,
                        &format!("{ctx}: path is not a supported regex; rule skipped"),
                    );
                    return;
                }
            },
            "allowlist" => {
                if let Some((a, _)) = parse_allowlist(v, name, &format!("{ctx} allowlist"), out) {
                    rule.allowlists.push(a);
                }
            }
            "allowlists" => {
                for (i, a) in v.as_array().into_iter().flatten().enumerate() {
                    if let Some((a, _)) =
                        parse_allowlist(a, name, &format!("{ctx} allowlists #{}", i + 1), out)
                    {
                        rule.allowlists.push(a);
                    }
                }
            }
            other => warn(
                out,
                name,
                &format!("{ctx}: unsupported key `{other}` ignored"),
            ),
        }
    }
    if let (Some(re), Some(g)) = (&rule.regex, rule.secret_group)
        && g >= re.captures_len()
    {
        warn(
            out,
            name,
            &format!("{ctx}: secretGroup {g} does not exist in the regex; using the whole match"),
        );
        rule.secret_group = Some(0);
    }
    if rule.regex.is_none() && rule.path.is_none() {
        warn(
            out,
            name,
            &format!("{ctx}: has neither regex nor path; rule skipped"),
        );
        return;
    }
    out.rules.push(rule);
}

/// The fuzz target body: parses arbitrary bytes as a gitleaks configuration. Must never
/// panic.
pub fn fuzz_gitleaks_config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut out = Loaded::default();
    let _ = parse_str(&text, "fuzz.toml", &mut out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_allowlists_and_warnings() {
        let cfg = r#"
title = "demo"
[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "internal-token"
description = "Internal service token"
regex = '''itk_([a-z0-9]{24})'''
secretGroup = 1
entropy = 2.5
keywords = ["ITK_"]
tags = ["internal"]
skipReport = true
[[rules.allowlists]]
stopwords = ["fixture"]

[[rules]]
id = "bad-one"
regex = '''(?<!x)abc'''

[[rules]]
id = "pem-file"
path = '''\.pem$'''

[allowlist]
paths = ['''^vendor/''']
commits = ["abcdef123"]
"#;
        let mut out = Loaded::default();
        parse_str(cfg, "g.toml", &mut out).unwrap();
        assert_eq!(out.rules.len(), 2);
        let r = &out.rules[0];
        assert_eq!(r.name, "internal-token");
        assert_eq!(r.keywords, vec!["itk_"]);
        assert_eq!(r.secret_group, Some(1));
        assert_eq!(r.entropy, Some(2.5));
        assert_eq!(r.allowlists.len(), 1);
        assert!(out.rules[1].regex.is_none() && out.rules[1].path.is_some());
        assert_eq!(out.allowlists.len(), 1);
        assert_eq!(out.disabled, vec!["generic-api-key"]);
        let w = out.warnings.join("\n");
        assert!(w.contains("`skipReport`"), "{w}");
        assert!(w.contains("rule `bad-one`: regex is not supported"), "{w}");
    }

    #[test]
    fn bad_toml_is_an_error() {
        let mut out = Loaded::default();
        assert!(parse_str("[[rules]\nid=", "x.toml", &mut out).is_err());
    }

    #[test]
    fn fuzz_body_on_mutations() {
        let seed = "[[rules]]\nid = \"a\"\nregex = '''x(y)'''\nsecretGroup = 9\n[allowlist]\nregexes=['(']\n";
        fuzz_gitleaks_config(seed.as_bytes());
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let bytes = seed.as_bytes().to_vec();
        for _ in 0..500 {
            let mut d = bytes.clone();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state as usize) % d.len();
                const CH: &[u8] = b" []='\"\n\\x{}(0";
                d[i] = CH[(state >> 40) as usize % CH.len()];
            }
            fuzz_gitleaks_config(&d);
        }
    }
}
