//! A Dockerfile/Containerfile parser with positions: parser directives (`# escape=`),
//! comments, line continuations, heredocs (`<<EOF`, `<<-EOF`, quoted delimiters),
//! JSON (exec) form, and multi-stage `FROM … AS name`.

/// Most instructions read from one file (bounds hostile input).
pub const MAX_INSTRUCTIONS: usize = 100_000;

/// A piece of an instruction's argument text that comes from one source line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// Byte offset in [`Instruction::args`] where this piece starts.
    at: usize,
    /// 1-based source line.
    line: u32,
    /// 1-based source column (characters) of the piece's first character.
    col: u32,
}

/// One instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-cased keyword (`FROM`, `RUN` …).
    pub keyword: String,
    /// 1-based line of the keyword.
    pub line: u32,
    /// 1-based column of the keyword.
    pub col: u32,
    /// Last line of the instruction (heredoc bodies included).
    pub end_line: u32,
    /// Column just past the instruction's last character.
    pub end_col: u32,
    /// Arguments with continuations joined by a space and comment lines dropped;
    /// heredoc bodies follow, each line after a `\n`.
    pub args: String,
    /// The exec-form array when the arguments are a JSON array of strings.
    pub json: Option<Vec<String>>,
    segments: Vec<Segment>,
}

impl Instruction {
    /// Source `(line, column)` of byte `at` in [`Instruction::args`].
    pub fn pos(&self, at: usize) -> (u32, u32) {
        // segments are in `at` order and at most SEGMENT_BYTES long: a binary search and
        // a short count, so positions of N findings cost O(N log N), not O(N × len)
        let i = self.segments.partition_point(|s| s.at <= at);
        let seg = self
            .segments
            .get(i.wrapping_sub(1))
            .or(self.segments.first());
        match seg {
            Some(s) => {
                let chars = self
                    .args
                    .get(s.at..at.max(s.at))
                    .map(|t| t.chars().count())
                    .unwrap_or(0);
                (s.line, s.col + u32::try_from(chars).unwrap_or(0))
            }
            None => (self.line, self.col),
        }
    }

    /// Flags (`--platform=x`) and the remaining words of the arguments, each with its
    /// byte offset in [`Instruction::args`]. Only the first line (before heredocs).
    pub fn words(&self) -> Vec<(usize, &str)> {
        let head = self.args.split('\n').next().unwrap_or("");
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in head.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    out.push((s, &head[s..i]));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push((s, &head[s..]));
        }
        out
    }
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dockerfile {
    /// Instructions in order.
    pub instructions: Vec<Instruction>,
    /// The escape character in force (`\` or `` ` ``).
    pub escape: char,
}

/// A `FROM` line's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct From<'a> {
    /// The image reference and its byte offset in the instruction's args.
    pub image: (usize, &'a str),
    /// The stage name after `AS`.
    pub alias: Option<&'a str>,
}

impl Instruction {
    /// Parses a `FROM` instruction's arguments.
    pub fn from_parts(&self) -> Option<From<'_>> {
        if self.keyword != "FROM" {
            return None;
        }
        let words = self.words();
        let mut it = words.into_iter().skip_while(|(_, w)| w.starts_with("--"));
        let image = it.next()?;
        let alias = match it.next() {
            Some((_, w)) if w.eq_ignore_ascii_case("as") => it.next().map(|(_, a)| a),
            _ => None,
        };
        Some(From { image, alias })
    }
}

/// Parses a Dockerfile. Never fails: unknown lines become instructions with their first
/// word as keyword, as Docker's own parser does before validation.
pub fn parse(src: &str) -> Dockerfile {
    let mut escape = '\\';
    let lines: Vec<&str> = src
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut i = 0;
    // Parser directives: `# key=value` lines before anything else.
    while let Some(l) = lines.get(i) {
        let t = l.trim();
        let Some(d) = t.strip_prefix('#') else { break };
        let Some((k, v)) = d.split_once('=') else {
            break;
        };
        let k = k.trim().to_ascii_lowercase();
        if k.contains(' ') || k.is_empty() {
            break;
        }
        if k == "escape" {
            match v.trim() {
                "`" => escape = '`',
                _ => escape = '\\',
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    while i < lines.len() && out.len() < MAX_INSTRUCTIONS {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let lead = line.len() - trimmed.len();
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let col = u32::try_from(line[..lead].chars().count() + 1).unwrap_or(1);
        let kw_end = trimmed
            .find(|c: char| c.is_whitespace())
            .unwrap_or(trimmed.len());
        let keyword = trimmed[..kw_end].to_ascii_uppercase();
        let mut args = String::new();
        let mut segments = Vec::new();
        // first line's arguments
        let rest_start = lead + kw_end;
        let rest = &line[rest_start..];
        let rest_trim = rest.trim_start();
        let mut piece_start = rest_start + (rest.len() - rest_trim.len());
        let mut piece_line = i;
        let mut end_line;
        let mut end_col_text: &str;
        loop {
            let piece = &lines[piece_line][piece_start.min(lines[piece_line].len())..];
            let (body, continued) = strip_continuation(piece, escape);
            if !args.is_empty() && !body.is_empty() {
                args.push(' ');
            }
            if !body.is_empty() || segments.is_empty() {
                let pl = lines[piece_line];
                let pcol = pl
                    .get(..piece_start.min(pl.len()))
                    .map(|p| p.chars().count())
                    .unwrap_or(0);
                push_piece(
                    &mut args,
                    &mut segments,
                    body.trim_end(),
                    u32::try_from(piece_line + 1).unwrap_or(u32::MAX),
                    u32::try_from(pcol + 1).unwrap_or(1),
                );
            }
            end_line = piece_line;
            end_col_text = lines[piece_line];
            if !continued {
                break;
            }
            // next non-comment, non-empty line continues the instruction
            let mut j = piece_line + 1;
            while let Some(l) = lines.get(j) {
                let t = l.trim_start();
                if t.starts_with('#') || t.is_empty() {
                    j += 1;
                    continue;
                }
                break;
            }
            if j >= lines.len() {
                break;
            }
            piece_line = j;
            let l = lines[j];
            piece_start = l.len() - l.trim_start().len();
        }
        // heredocs named on the instruction's first line(s)
        let mut next = end_line + 1;
        for (delim, strip_tabs) in heredoc_delims(&args) {
            while next < lines.len() {
                let raw = lines[next];
                let cmp = if strip_tabs {
                    raw.trim_start_matches('\t')
                } else {
                    raw
                };
                let l = u32::try_from(next + 1).unwrap_or(u32::MAX);
                next += 1;
                end_line = next - 1;
                end_col_text = raw;
                if cmp == delim {
                    break;
                }
                args.push('\n');
                push_piece(&mut args, &mut segments, raw, l, 1);
            }
        }
        let json = parse_json_array(args.split('\n').next().unwrap_or(""));
        out.push(Instruction {
            keyword,
            line: line_no,
            col,
            end_line: u32::try_from(end_line + 1).unwrap_or(u32::MAX),
            end_col: u32::try_from(end_col_text.trim_end().chars().count() + 1).unwrap_or(1),
            args,
            json,
            segments,
        });
        i = next.max(end_line + 1);
    }
    Dockerfile {
        instructions: out,
        escape,
    }
}

/// Longest run of argument text one [`Segment`] covers: a long line is split into
/// several so that [`Instruction::pos`] counts at most this many bytes.
const SEGMENT_BYTES: usize = 512;

/// Appends `text` (from source `line`, starting at column `col`) to `args`, recording a
/// segment at its start and every [`SEGMENT_BYTES`] after.
fn push_piece(args: &mut String, segments: &mut Vec<Segment>, text: &str, line: u32, col: u32) {
    let mut col = col;
    let mut rest = text;
    loop {
        segments.push(Segment {
            at: args.len(),
            line,
            col,
        });
        if rest.len() <= SEGMENT_BYTES {
            args.push_str(rest);
            return;
        }
        let mut cut = SEGMENT_BYTES;
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (head, tail) = rest.split_at(cut);
        args.push_str(head);
        col = col.saturating_add(u32::try_from(head.chars().count()).unwrap_or(u32::MAX));
        rest = tail;
    }
}

/// Splits a trailing escape character off a line: `(text, continued)`.
fn strip_continuation(s: &str, escape: char) -> (&str, bool) {
    let t = s.trim_end();
    match t.strip_suffix(escape) {
        Some(body) => (body, true),
        None => (s, false),
    }
}

/// Heredoc delimiters named in `args` (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`).
fn heredoc_delims(args: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(p) = rest.find("<<") {
        let mut t = &rest[p + 2..];
        let strip = t.starts_with('-');
        if strip {
            t = &t[1..];
        }
        let quote = t.chars().next().filter(|c| *c == '"' || *c == '\'');
        if let Some(q) = quote {
            t = &t[1..];
            let end = t.find(q).unwrap_or(t.len());
            if end > 0 {
                out.push((t[..end].to_string(), strip));
            }
            rest = &t[end..];
            continue;
        }
        let end = t
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(t.len());
        let word = &t[..end];
        if !word.is_empty()
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            out.push((word.to_string(), strip));
        }
        rest = &t[end..];
        if out.len() > 16 {
            break;
        }
    }
    out
}

/// A JSON array of strings, as Docker's exec form accepts.
fn parse_json_array(s: &str) -> Option<Vec<String>> {
    let s = s.trim();
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some('"') => {}
            Some(_) => return None,
        }
        let mut v = String::new();
        loop {
            match chars.next()? {
                '"' => break,
                '\\' => match chars.next()? {
                    'n' => v.push('\n'),
                    't' => v.push('\t'),
                    c => v.push(c),
                },
                c => v.push(c),
            }
        }
        out.push(v);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some(',') => continue,
            Some(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_comments_and_positions() {
        let src = "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS build\nRUN apk add \\\n    # a comment\n    curl \\\n  && echo hi\nUSER app\n";
        let d = parse(src);
        let kws: Vec<_> = d.instructions.iter().map(|i| i.keyword.as_str()).collect();
        assert_eq!(kws, ["FROM", "RUN", "USER"]);
        let run = &d.instructions[1];
        assert_eq!(run.args, "apk add curl && echo hi");
        assert_eq!((run.line, run.end_line), (3, 6));
        let at = run.args.find("curl").unwrap();
        assert_eq!(run.pos(at), (5, 5));
        let at = run.args.find("&&").unwrap();
        assert_eq!(run.pos(at), (6, 3));
        let f = d.instructions[0].from_parts().unwrap();
        assert_eq!(f.image.1, "alpine:3.20");
        assert_eq!(f.alias, Some("build"));
        assert_eq!(d.instructions[0].pos(f.image.0), (2, 6));
    }

    #[test]
    fn heredoc_and_json() {
        let src = "FROM x\nRUN <<EOF\ncurl https://x | sh\nEOF\nCMD [\"a\", \"b c\"]\n";
        let d = parse(src);
        assert_eq!(d.instructions.len(), 3);
        let run = &d.instructions[1];
        assert!(run.args.contains("curl https://x | sh"));
        assert_eq!(run.pos(run.args.find("curl").unwrap()), (3, 1));
        assert_eq!(run.end_line, 4);
        assert_eq!(
            d.instructions[2].json,
            Some(vec!["a".to_string(), "b c".to_string()])
        );
    }

    #[test]
    fn escape_directive() {
        let d = parse("# escape=`\nFROM x\nRUN a `\n  b\n");
        assert_eq!(d.escape, '`');
        assert_eq!(d.instructions[1].args, "a b");
    }
}
