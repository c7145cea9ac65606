//! `go.mod`: `require`, `replace` and `exclude` (blocks and single lines). A `// indirect`
//! comment marks an indirect requirement; a `replace` by another module changes the module
//! that is built, a `replace` by a local directory is kept as a note, `exclude` is noted.
//! The `go` directive (or `toolchain`, which wins) yields the `stdlib` package, so Go
//! standard-library advisories match: `go 1.21` → `stdlib 1.21.0`, `toolchain go1.22.1` →
//! `stdlib 1.22.1`.

use super::support::{Collected, package};
use crate::model::{Ecosystem, IssueKind, Scope};
use crate::purl;

/// Splits a go.mod line into tokens (quoted strings unquoted), and tells whether the
/// trailing comment says `indirect`.
fn tokens(line: &str) -> Result<(Vec<String>, bool), String> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut indirect = false;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if line[i..].starts_with("//") {
            let comment = line[i + 2..].trim();
            indirect = comment == "indirect" || comment.starts_with("indirect;");
            break;
        } else if c == '"' || c == '`' {
            chars.next();
            let mut s = String::new();
            let mut closed = false;
            while let Some((_, d)) = chars.next() {
                if d == c {
                    closed = true;
                    break;
                }
                if d == '\\' && c == '"' {
                    if let Some((_, e)) = chars.next() {
                        s.push(e);
                    }
                    continue;
                }
                s.push(d);
            }
            if !closed {
                return Err("unterminated quoted string".into());
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&(_, d)) = chars.peek() {
                if d.is_whitespace() {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(s);
        }
    }
    Ok((out, indirect))
}

/// A local replacement target: a path starting with `./`, `../` or `/` (Go's rule).
fn is_local(p: &str) -> bool {
    p.starts_with("./") || p.starts_with("../") || p.starts_with('/') || p == "." || p == ".."
}

struct Require {
    module: String,
    version: String,
    indirect: bool,
    line: u32,
}

struct Replace {
    old: String,
    old_version: Option<String>,
    new: String,
    new_version: Option<String>,
    line: u32,
}

/// Parses a go.mod file.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("go.mod");
    let mut requires: Vec<Require> = Vec::new();
    let mut replaces: Vec<Replace> = Vec::new();
    let mut block: Option<String> = None;
    let mut block_line = 0u32;
    // (version, line, from `toolchain`)
    let mut stdlib: Option<(String, u32, bool)> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let (toks, indirect) = match tokens(raw) {
            Ok(t) => t,
            Err(e) => {
                out.error(Some(line_no), e);
                continue;
            }
        };
        if toks.is_empty() {
            continue;
        }
        let (verb, args): (String, &[String]) = match &block {
            Some(b) => {
                if toks.len() == 1 && toks[0] == ")" {
                    block = None;
                    continue;
                }
                (b.clone(), &toks[..])
            }
            None => {
                let verb = toks[0].clone();
                let rest = &toks[1..];
                if rest.len() == 1 && rest[0] == "(" {
                    block = Some(verb);
                    block_line = line_no;
                    continue;
                }
                (verb, rest)
            }
        };
        match verb.as_str() {
            "module" => {
                if let Some(m) = args.first() {
                    out.project = Some((m.clone(), String::new()));
                }
            }
            "require" => match args {
                [m, v] => requires.push(Require {
                    module: m.clone(),
                    version: v.clone(),
                    indirect,
                    line: line_no,
                }),
                _ => out.error(Some(line_no), "require needs a module path and a version"),
            },
            "replace" => {
                let Some(arrow) = args.iter().position(|a| a == "=>") else {
                    out.error(Some(line_no), "replace without `=>`");
                    continue;
                };
                let (lhs, rhs) = args.split_at(arrow);
                let rhs = &rhs[1..];
                match (lhs, rhs) {
                    ([old, ov @ ..], [new, nv @ ..]) if ov.len() <= 1 && nv.len() <= 1 => replaces
                        .push(Replace {
                            old: old.clone(),
                            old_version: ov.first().cloned(),
                            new: new.clone(),
                            new_version: nv.first().cloned(),
                            line: line_no,
                        }),
                    _ => out.error(Some(line_no), "malformed replace directive"),
                }
            }
            "exclude" => match args {
                [m, v] => out.note(
                    Some(line_no),
                    format!("exclude {m} {v}: this version is never selected"),
                ),
                _ => out.error(Some(line_no), "exclude needs a module path and a version"),
            },
            "go" | "toolchain" => match args {
                [v] => {
                    let v = v.strip_prefix("go").unwrap_or(v);
                    // `toolchain` names the toolchain actually used; it wins over `go`.
                    if verb == "toolchain" || stdlib.as_ref().is_none_or(|(_, _, t)| !t) {
                        stdlib = Some((v.to_string(), line_no, verb == "toolchain"));
                    }
                }
                _ => out.error(Some(line_no), format!("`{verb}` needs one version")),
            },
            "retract" | "godebug" | "tool" | "ignore" => {}
            other => out.error(Some(line_no), format!("unknown directive `{other}`")),
        }
    }
    if block.is_some() {
        out.error(
            Some(block_line),
            "block opened here is never closed (truncated file?)",
        );
    }
    if let Some((v, line, _)) = stdlib {
        let version = stdlib_version(&v);
        let purl = purl::golang("stdlib", &version);
        out.push(package(
            Ecosystem::Go,
            "stdlib",
            version,
            purl,
            Scope::Runtime,
            Some(true),
            path,
            Some(line),
        ));
    }
    for r in requires {
        let mut module = r.module.clone();
        let mut version = r.version.clone();
        // The last matching replace wins, a version-specific one over a general one.
        let rep = replaces
            .iter()
            .filter(|p| {
                p.old == r.module && p.old_version.as_deref().is_none_or(|v| v == r.version)
            })
            .max_by_key(|p| (p.old_version.is_some(), p.line));
        if let Some(rep) = rep {
            if is_local(&rep.new) {
                out.note(
                    Some(rep.line),
                    format!(
                        "{} {} is replaced by the local directory {}",
                        r.module, r.version, rep.new
                    ),
                );
                out.issue(
                    IssueKind::DirectReference,
                    path,
                    Some(rep.line),
                    &r.module,
                    &format!("replace {} => {}", r.module, rep.new),
                );
            } else if let Some(nv) = &rep.new_version {
                module = rep.new.clone();
                version = nv.clone();
            } else {
                out.error(Some(rep.line), "replacement by a module needs a version");
            }
        }
        let purl = purl::golang(&module, &version);
        out.push(package(
            Ecosystem::Go,
            module,
            version,
            purl,
            Scope::Runtime,
            Some(!r.indirect),
            path,
            Some(r.line),
        ));
    }
    out
}

/// The `stdlib` version from a `go`/`toolchain` version as OSV's Go advisories write it:
/// `1.21` → `1.21.0` (Go 1.21+ names a release `1.N.0`), `1.22.1` kept, a pre-release
/// (`1.22rc1`) kept as written.
fn stdlib_version(v: &str) -> String {
    let numeric = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if numeric && v.split('.').count() == 2 {
        format!("{v}.0")
    } else {
        v.to_string()
    }
}

/// `dir/go.mod` → `dir/NAME`.
pub(crate) fn sibling(path: &str, name: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    }
}

/// Registry entry: parses go.mod and takes each module's `h1:` hash from the `go.sum`
/// beside it when there is one.
pub fn parse_entry(input: &super::ParseInput<'_>) -> Result<super::Parsed, super::ParseError> {
    let mut out = parse(input.path, input.text);
    if let Some(read) = input.read
        && let Ok(sum_text) = read(&sibling(input.path, "go.sum"))
    {
        let sums = super::gosum::parse("go.sum", &sum_text);
        let by_purl: std::collections::HashMap<&str, &Vec<crate::model::PackageHash>> = sums
            .packages
            .iter()
            .map(|p| (p.purl.as_str(), &p.hashes))
            .collect();
        for p in &mut out.packages {
            if let Some(h) = by_purl.get(p.purl.as_str()) {
                p.hashes.extend(h.iter().cloned());
            }
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_indirect() {
        let (t, i) = tokens(r#"  "golang.org/x/text" v0.3.0 // indirect"#).unwrap();
        assert_eq!(t, vec!["golang.org/x/text", "v0.3.0"]);
        assert!(i);
        assert!(tokens("\"abc").is_err());
    }
}
