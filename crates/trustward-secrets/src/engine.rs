//! The matching engine: one Aho-Corasick pass over a buffer finds which rules' keywords
//! occur, then only those rules' regexes run; each match is checked against entropy,
//! placeholders, allowlists and inline `trustward:allow` markers.

use crate::allow::{self, Allowlist, Candidate};
use crate::entropy;
use crate::rules;
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use trustward_core::{Confidence, Rule};

/// Bytes inspected for NUL to call a buffer binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// At most this many matches are kept per buffer (hostile input could hold millions).
pub const MAX_MATCHES_PER_BUFFER: usize = 1000;

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The trustward rule findings are reported under.
    pub report: &'static Rule,
    /// The rule's own name: the built-in name, or the gitleaks rule id.
    pub name: String,
    /// Whether it came from a user (gitleaks-format) configuration.
    pub custom: bool,
    /// The pattern; `None` for a path-only rule (reports the file itself).
    pub regex: Option<regex::bytes::Regex>,
    /// The capture group holding the secret; `None` = group 1 if the regex has one, else 0.
    pub secret_group: Option<usize>,
    /// Lowercase prefilter keywords; empty = run on every buffer.
    pub keywords: Vec<String>,
    /// Minimum entropy of the secret.
    pub entropy: Option<f64>,
    /// Only files whose path matches.
    pub path: Option<regex::Regex>,
    /// The rule's own allowlists.
    pub allowlists: Vec<Allowlist>,
    /// The secret must hold a letter and a digit (the generic rule's noise filter).
    pub require_mixed: bool,
    /// A secret of digits only is not reported (ports in URLs).
    pub reject_numeric: bool,
    /// How matches are confirmed beyond the regex.
    pub kind: MatchKind,
    /// Tie-break between overlapping matches of equal confidence: 0 for the generic and
    /// context rules, which yield to any provider-specific rule.
    pub specificity: usize,
}

/// How a match is confirmed beyond the regex.
#[derive(Debug, Clone, Default)]
pub enum MatchKind {
    /// The regex alone.
    #[default]
    Regex,
    /// The regex finds the secret part; the identifier part must occur within
    /// `within_lines` lines, or the secret is reported at `alone` confidence (or not).
    Pair {
        /// The identifier part.
        id: regex::bytes::Regex,
        /// Lines before and after the secret's line searched for the identifier.
        within_lines: usize,
        /// Confidence of a secret part found without its identifier.
        alone: Option<Confidence>,
    },
    /// A rule keyword must occur within `within_chars` bytes before the secret, which
    /// must not be a bare UUID.
    Context {
        /// The window before the secret.
        within_chars: usize,
    },
}

impl CompiledRule {
    /// Compiles a built-in definition (they are tested to compile).
    pub fn builtin(index: usize) -> Option<CompiledRule> {
        let d = rules::defs().get(index)?;
        let build = |re: &str| {
            regex::bytes::RegexBuilder::new(re)
                .size_limit(64 << 20)
                .build()
                .ok()
        };
        let (regex, kind) = match d.kind {
            rules::Kind::Regex => (build(&d.regex)?, MatchKind::Regex),
            rules::Kind::Context => (
                build(&d.regex)?,
                MatchKind::Context {
                    within_chars: d.within_chars.unwrap_or(40),
                },
            ),
            rules::Kind::Pair => {
                let parts = d.parts.as_ref()?;
                (
                    build(&parts.secret)?,
                    MatchKind::Pair {
                        id: build(&parts.id)?,
                        within_lines: parts.within_lines,
                        alone: d.alone_confidence,
                    },
                )
            }
        };
        let allow = Allowlist {
            regexes: d
                .allow
                .iter()
                .filter_map(|a| regex::bytes::Regex::new(a).ok())
                .collect(),
            ..Default::default()
        };
        let path = if d.paths.is_empty() {
            None
        } else {
            let alt = d
                .paths
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            Some(regex::Regex::new(&alt).ok()?)
        };
        Some(CompiledRule {
            report: rules::builtin_rules().get(index)?,
            name: d.id.clone(),
            custom: false,
            regex: Some(regex),
            secret_group: d.secret_group,
            keywords: d.keywords.clone(),
            entropy: d.entropy,
            path,
            allowlists: if allow.is_empty() {
                vec![]
            } else {
                vec![allow]
            },
            require_mixed: d.id == "generic-secret",
            reject_numeric: d.id == "url-password",
            specificity: usize::from(d.id != "generic-secret" && d.kind != rules::Kind::Context),
            kind,
        })
    }
}

/// One accepted match.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the rule in the engine.
    pub rule: usize,
    /// The secret's bytes.
    pub secret: Vec<u8>,
    /// Byte offset of the secret.
    pub start: usize,
    /// 1-based line and column (characters) of the secret's start.
    pub line: u32,
    /// See `line`.
    pub column: u32,
    /// 1-based line and column just past the secret's end.
    pub end_line: u32,
    /// See `end_line`.
    pub end_column: u32,
    /// Shannon entropy of the secret.
    pub entropy: f64,
    /// A confidence other than the rule's (a pair rule's secret part found alone).
    pub confidence: Option<Confidence>,
}

/// Counts of what one buffer scan did, for summaries.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BufferOutcome {
    /// Matches dropped past [`MAX_MATCHES_PER_BUFFER`].
    pub truncated: bool,
}

/// The compiled rule set and its keyword automaton.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<CompiledRule>,
    ac: Option<AhoCorasick>,
    pattern_rules: Vec<Vec<usize>>,
    always: Vec<usize>,
    path_only: Vec<usize>,
    global: Vec<Allowlist>,
}

/// Whether a buffer looks binary: a NUL byte in its first 8 KiB.
pub fn is_binary(buf: &[u8]) -> bool {
    let head = &buf[..buf.len().min(BINARY_SNIFF_LEN)];
    memchr::memchr(0, head).is_some()
}

impl Engine {
    /// An engine over `rules` with global allowlists.
    pub fn new(rules: Vec<CompiledRule>, global: Vec<Allowlist>) -> Engine {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut path_only = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.regex.is_none() {
                path_only.push(i);
                continue;
            }
            if r.keywords.is_empty() {
                always.push(i);
                continue;
            }
            for k in &r.keywords {
                let k = k.to_lowercase();
                let p = *index.entry(k.clone()).or_insert_with(|| {
                    patterns.push(k);
                    pattern_rules.push(Vec::new());
                    patterns.len() - 1
                });
                if let Some(v) = pattern_rules.get_mut(p)
                    && !v.contains(&i)
                {
                    v.push(i);
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            // A full DFA: the overlapping search visits every byte of every buffer, and
            // the DFA's single table lookup per byte is several times faster than the
            // default NFA's (the keyword set is small, so the table stays small).
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        // Should the automaton fail to build, every keyword rule runs unfiltered.
        if ac.is_none() {
            for ps in &pattern_rules {
                for &i in ps {
                    if !always.contains(&i) {
                        always.push(i);
                    }
                }
            }
        }
        Engine {
            rules,
            ac,
            pattern_rules,
            always,
            path_only,
            global,
        }
    }

    /// The built-in rules minus those `disabled(id)` says are off.
    pub fn builtin(disabled: impl Fn(&str) -> bool) -> Vec<CompiledRule> {
        (0..rules::defs().len())
            .filter_map(CompiledRule::builtin)
            .filter(|r| !disabled(r.report.id))
            .collect()
    }

    /// The rules, by index.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// Whether the global allowlists exclude the whole file at `path`.
    pub fn path_allowed(&self, path: &str) -> bool {
        self.global.iter().any(|a| a.allows_path(path))
    }

    /// Whether an allowlist of rule `rule` (or a global one) lists `commit`.
    pub fn commit_allowed(&self, rule: usize, commit: &str) -> bool {
        let lists = |a: &Allowlist| {
            a.commits.iter().any(|c| {
                commit.eq_ignore_ascii_case(c) || (c.len() >= 7 && commit.starts_with(c.as_str()))
            })
        };
        self.global.iter().any(lists)
            || self
                .rules
                .get(rule)
                .is_some_and(|r| r.allowlists.iter().any(lists))
    }

    /// Path-only rules (gitleaks rules with `path` and no `regex`) that match `path`.
    pub fn path_matches(&self, path: &str) -> Vec<usize> {
        self.path_only
            .iter()
            .copied()
            .filter(|&i| {
                self.rules
                    .get(i)
                    .and_then(|r| r.path.as_ref())
                    .is_some_and(|p| p.is_match(path))
            })
            .collect()
    }

    /// Scans one text buffer. `commit` feeds commit allowlists in history scans.
    pub fn scan(
        &self,
        path: &str,
        buf: &[u8],
        commit: Option<&str>,
    ) -> (Vec<Match>, BufferOutcome) {
        let mut out = Vec::new();
        let mut outcome = BufferOutcome::default();
        let mut triggered = vec![false; self.rules.len()];
        for &i in &self.always {
            if let Some(t) = triggered.get_mut(i) {
                *t = true;
            }
        }
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(buf) {
                if let Some(rs) = self.pattern_rules.get(m.pattern().as_usize()) {
                    for &i in rs {
                        if let Some(t) = triggered.get_mut(i) {
                            *t = true;
                        }
                    }
                }
            }
        }
        let mut lines: Option<Vec<usize>> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if !triggered.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(p) = &rule.path
                && !p.is_match(path)
            {
                continue;
            }
            let Some(re) = &rule.regex else { continue };
            for caps in re.captures_iter(buf) {
                let Some(whole) = caps.get(0) else { continue };
                let group = match rule.secret_group {
                    Some(g) if g > 0 => caps.get(g),
                    Some(_) => Some(whole),
                    // The first group that took part (alternations with one group each).
                    None => (1..caps.len()).find_map(|g| caps.get(g)).or(Some(whole)),
                };
                let Some(secret) = group else { continue };
                let s = secret.as_bytes();
                if s.is_empty() {
                    continue;
                }
                let ent = entropy::shannon(s);
                if rule.entropy.is_some_and(|min| ent < min) {
                    continue;
                }
                if allow::is_placeholder(s) || allow::names_documentation_host(whole.as_bytes()) {
                    continue;
                }
                let line_start = memchr::memrchr(b'\n', &buf[..whole.start()]).map_or(0, |p| p + 1);
                if allow::is_uuid(s) {
                    let before = buf.get(line_start..secret.start()).unwrap_or_default();
                    if matches!(rule.kind, MatchKind::Context { .. })
                        || allow::is_identifier_key(before)
                    {
                        continue;
                    }
                }
                let mut confidence = None;
                match &rule.kind {
                    MatchKind::Regex => {}
                    MatchKind::Context { within_chars } => {
                        let from = secret.start().saturating_sub(*within_chars);
                        let window = buf[from..secret.start()].to_ascii_lowercase();
                        if !rule
                            .keywords
                            .iter()
                            .any(|k| memchr::memmem::find(&window, k.as_bytes()).is_some())
                        {
                            continue;
                        }
                    }
                    MatchKind::Pair {
                        id,
                        within_lines,
                        alone,
                    } => {
                        let (from, to) = line_window(buf, line_start, secret.end(), *within_lines);
                        if !id.is_match(&buf[from..to]) {
                            match alone {
                                Some(c) => confidence = Some(*c),
                                None => continue,
                            }
                        }
                    }
                }
                if rule.require_mixed
                    && !(s.iter().any(u8::is_ascii_digit) && s.iter().any(u8::is_ascii_alphabetic))
                {
                    continue;
                }
                if rule.reject_numeric && s.iter().all(u8::is_ascii_digit) {
                    continue;
                }
                let line_end = memchr::memchr(b'\n', &buf[whole.end()..])
                    .map_or(buf.len(), |p| whole.end() + p);
                let line_bytes = &buf[line_start..line_end];
                if allow::inline_allowed(line_bytes) {
                    continue;
                }
                let cand = Candidate {
                    path,
                    secret: s,
                    matched: whole.as_bytes(),
                    line: line_bytes,
                    commit,
                };
                if rule.allowlists.iter().any(|a| a.allows(&cand))
                    || self.global.iter().any(|a| a.allows(&cand))
                {
                    continue;
                }
                if out.len() >= MAX_MATCHES_PER_BUFFER {
                    outcome.truncated = true;
                    break;
                }
                let nl = lines.get_or_insert_with(|| memchr::memchr_iter(b'\n', buf).collect());
                let (line, column) = position(buf, nl, secret.start());
                let (end_line, end_column) = position(buf, nl, secret.end());
                out.push(Match {
                    rule: i,
                    secret: s.to_vec(),
                    start: secret.start(),
                    line,
                    column,
                    end_line,
                    end_column,
                    entropy: ent,
                    confidence,
                });
            }
        }
        (self.dedup(out), outcome)
    }

    /// Where two rules matched overlapping text, keeps the more specific one: higher
    /// confidence first, then a built-in over a custom rule, then the earlier rule.
    fn dedup(&self, mut ms: Vec<Match>) -> Vec<Match> {
        if ms.len() < 2 {
            return ms;
        }
        let rank = |m: &Match| {
            let r = self.rules.get(m.rule);
            let conf = match m.confidence.or(r.map(|r| r.report.confidence)) {
                Some(Confidence::High) => 3,
                Some(Confidence::Medium) => 2,
                Some(Confidence::Low) => 1,
                None => 0,
            };
            // A rule whose keyword is part of the secret itself (a documented prefix
            // such as `sk-ant-admin01-`) is more specific than one whose keyword is
            // context around it; the longer such prefix wins.
            let prefix = r.map_or(0, |r| {
                let lower = m.secret.to_ascii_lowercase();
                r.keywords
                    .iter()
                    .filter(|k| memchr::memmem::find(&lower, k.as_bytes()).is_some())
                    .map(String::len)
                    .max()
                    .unwrap_or(0)
            });
            (
                conf,
                r.is_some_and(|r| !r.custom) as u8,
                r.map_or(0, |r| r.specificity),
                m.secret.len(),
                prefix,
            )
        };
        ms.sort_by(|a, b| {
            rank(b)
                .cmp(&rank(a))
                .then(a.rule.cmp(&b.rule))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<Match> = Vec::with_capacity(ms.len());
        for m in ms {
            let end = m.start + m.secret.len();
            let overlaps = kept
                .iter()
                .any(|k| k.start < end && m.start < k.start + k.secret.len());
            if !overlaps {
                kept.push(m);
            }
        }
        kept.sort_by(|a, b| a.start.cmp(&b.start).then(a.rule.cmp(&b.rule)));
        kept
    }
}

/// The byte range from `n` lines before the line starting at `line_start` to `n` lines
/// after the line holding `end`.
fn line_window(buf: &[u8], line_start: usize, end: usize, n: usize) -> (usize, usize) {
    let mut from = line_start;
    for _ in 0..n {
        if from == 0 {
            break;
        }
        from = memchr::memrchr(b'\n', &buf[..from - 1]).map_or(0, |p| p + 1);
    }
    let mut to = end.min(buf.len());
    for _ in 0..=n {
        match memchr::memchr(b'\n', &buf[to..]) {
            Some(p) => to += p + 1,
            None => {
                to = buf.len();
                break;
            }
        }
    }
    (from, to)
}

/// 1-based line and character column of byte `offset`, given newline offsets.
fn position(buf: &[u8], newlines: &[usize], offset: usize) -> (u32, u32) {
    let idx = newlines.partition_point(|&p| p < offset);
    let line_start = if idx == 0 {
        0
    } else {
        newlines.get(idx - 1).map_or(0, |p| p + 1)
    };
    let col = buf
        .get(line_start..offset)
        .map_or(0, |s| s.iter().filter(|&&b| (b & 0xC0) != 0x80).count());
    (
        u32::try_from(idx + 1).unwrap_or(u32::MAX),
        u32::try_from(col + 1).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(Engine::builtin(|_| false), vec![])
    }

    /// The rule-file contract (docs/secrets.md, "Rule files"): every rule has examples and
    /// counter-examples; each example gives exactly one match when the rule runs alone and
    /// the rule wins among all rules; no counter-example matches; regexes compile; keywords
    /// are lowercase and each occurs in some example.
    #[test]
    fn every_rule_on_its_own_examples() {
        let all = engine();
        let mut failures = Vec::new();
        for (i, d) in rules::defs().iter().enumerate() {
            let at = format!("{} (rules/{})", d.id, d.file);
            if d.examples.is_empty() || d.counter_examples.is_empty() {
                failures.push(format!("{at}: needs examples and counter_examples"));
            }
            if d.keywords.is_empty() {
                failures.push(format!("{at}: needs keywords"));
            }
            for k in &d.keywords {
                if *k != k.to_lowercase() {
                    failures.push(format!("{at}: keyword {k:?} is not lowercase"));
                }
                if !d
                    .examples
                    .iter()
                    .any(|e| e.to_lowercase().contains(k.as_str()))
                {
                    failures.push(format!("{at}: keyword {k:?} occurs in no example"));
                }
            }
            let Some(rule) = CompiledRule::builtin(i) else {
                failures.push(format!("{at}: a regex does not compile"));
                continue;
            };
            let alone = Engine::new(vec![rule], vec![]);
            let path = d.example_path.as_deref().unwrap_or("x.txt");
            for ex in &d.examples {
                let (ms, _) = alone.scan(path, ex.as_bytes(), None);
                if ms.len() != 1 {
                    failures.push(format!("{at}: {} matches in example {ex:?}", ms.len()));
                }
                let (ms, _) = all.scan(path, ex.as_bytes(), None);
                if !ms.iter().any(|m| all.rules()[m.rule].name == d.id) {
                    failures.push(format!(
                        "{at}: loses to {:?} on example {ex:?}",
                        ms.iter()
                            .map(|m| &all.rules()[m.rule].name)
                            .collect::<Vec<_>>()
                    ));
                }
            }
            for ex in &d.counter_examples {
                let (ms, _) = alone.scan(path, ex.as_bytes(), None);
                if !ms.is_empty() {
                    failures.push(format!("{at}: matches counter-example {ex:?}"));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} problems:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn positions_inline_allow_and_binary() {
        let e = engine();
        let secret = concat!("ghp_", "Zq8Lm3Kd9Xv2Tr7Wp4Ny6Hb1Jc5Gf0Sa8Ed3");
        let text = format!("line one\né = \"{secret}\"\n");
        let (ms, _) = e.scan("a.txt", text.as_bytes(), None);
        assert_eq!(ms.len(), 1);
        let m = &ms[0];
        assert_eq!((m.line, m.column), (2, 6));
        assert_eq!((m.end_line, m.end_column), (2, 6 + 40));
        assert_eq!(m.secret, secret.as_bytes());
        let allowed = format!("x = \"{secret}\" # trustward:allow\n");
        assert!(e.scan("a.txt", allowed.as_bytes(), None).0.is_empty());
        let allowed = format!("x = \"{secret}\" # gitleaks:allow\n");
        assert!(e.scan("a.txt", allowed.as_bytes(), None).0.is_empty());
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary(b"abc"));
    }

    #[test]
    fn generic_rule_noise_filters() {
        let e = engine();
        for quiet in [
            "token = \"token_refresh_interval\"",
            "password = \"${DB_PASSWORD}\"",
            "api_key = \"abcdefghijklmnopqrstuv\"",
            "let token: &str = \"\";",
        ] {
            assert!(
                e.scan("a.rs", quiet.as_bytes(), None).0.is_empty(),
                "{quiet}"
            );
        }
    }

    #[test]
    fn invalid_utf8_and_huge_lines() {
        let e = engine();
        let mut buf = vec![0xff, 0xfe, b'\n'];
        buf.extend(std::iter::repeat_n(b'a', 2_000_000));
        buf.extend_from_slice(concat!(" gh", "p_Zq8Lm3Kd9Xv2Tr7Wp4Ny6Hb1Jc5Gf0Sa8Ed3").as_bytes());
        let (ms, _) = e.scan("min.js", &buf, None);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].line, 2);
    }
}
