//! A small JSON reader that keeps the line of every key, with an optional JSONC mode
//! (comments and trailing commas, as `bun.lock` uses). Depth is capped; errors carry the
//! line.

use super::ParseError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node};
use std::borrow::Cow;

/// Parses strict JSON.
pub fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    Reader::new(text, false).document()
}

/// Parses JSON with comments and trailing commas.
pub fn parse_jsonc(text: &str) -> Result<Node<'_>, ParseError> {
    Reader::new(text, true).document()
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    line: u32,
    jsonc: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, jsonc: bool) -> Self {
        Reader {
            text,
            b: text.as_bytes(),
            i: 0,
            line: 1,
            jsonc,
        }
    }

    fn err(&self, msg: impl Into<String>) -> ParseError {
        ParseError::at(self.line, msg)
    }

    fn document(mut self) -> Result<Node<'a>, ParseError> {
        self.ws()?;
        let v = self.value(0)?;
        self.ws()?;
        if self.i < self.b.len() {
            return Err(self.err("unexpected text after the JSON document"));
        }
        Ok(v)
    }

    fn ws(&mut self) -> Result<(), ParseError> {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'/' if self.jsonc => match self.b.get(self.i + 1) {
                    Some(b'/') => {
                        while let Some(&c) = self.b.get(self.i) {
                            if c == b'\n' {
                                break;
                            }
                            self.i += 1;
                        }
                    }
                    Some(b'*') => {
                        self.i += 2;
                        loop {
                            match self.b.get(self.i) {
                                None => return Err(self.err("unterminated comment")),
                                Some(b'*') if self.b.get(self.i + 1) == Some(&b'/') => {
                                    self.i += 2;
                                    break;
                                }
                                Some(b'\n') => {
                                    self.line += 1;
                                    self.i += 1;
                                }
                                Some(_) => self.i += 1,
                            }
                        }
                    }
                    _ => return Err(self.err("unexpected `/`")),
                },
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        let line = self.line;
        let kind = match self.b.get(self.i) {
            None => return Err(self.err("unexpected end of file (truncated JSON?)")),
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws()?;
                    match self.b.get(self.i) {
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        Some(b'"') => {}
                        None => return Err(self.err("unexpected end of file inside an object")),
                        Some(_) => return Err(self.err("expected a string key or `}`")),
                    }
                    let kline = self.line;
                    let key = self.string()?;
                    self.ws()?;
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.err(format!("expected `:` after key {key:?}")));
                    }
                    self.i += 1;
                    self.ws()?;
                    let value = self.value(depth + 1)?;
                    entries.push(Entry {
                        key,
                        line: kline,
                        value,
                    });
                    self.ws()?;
                    match self.b.get(self.i) {
                        Some(b',') => {
                            self.i += 1;
                            if !self.jsonc {
                                self.ws()?;
                                if self.b.get(self.i) == Some(&b'}') {
                                    return Err(self.err("trailing comma in object"));
                                }
                            }
                        }
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        None => return Err(self.err("unexpected end of file inside an object")),
                        Some(_) => return Err(self.err("expected `,` or `}`")),
                    }
                }
                Kind::Obj(entries)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws()?;
                    if self.b.get(self.i) == Some(&b']') {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    self.ws()?;
                    match self.b.get(self.i) {
                        Some(b',') => {
                            self.i += 1;
                            if !self.jsonc {
                                self.ws()?;
                                if self.b.get(self.i) == Some(&b']') {
                                    return Err(self.err("trailing comma in array"));
                                }
                            }
                        }
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        None => return Err(self.err("unexpected end of file inside an array")),
                        Some(_) => return Err(self.err("expected `,` or `]`")),
                    }
                }
                Kind::Arr(items)
            }
            Some(b'"') => Kind::Str(self.string()?),
            Some(b't') => self.word("true", Kind::Bool(true))?,
            Some(b'f') => self.word("false", Kind::Bool(false))?,
            Some(b'n') => self.word("null", Kind::Null)?,
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                while let Some(&c) = self.b.get(self.i) {
                    if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Kind::Num(Cow::Borrowed(
                    self.text.get(start..self.i).unwrap_or_default(),
                ))
            }
            Some(c) => return Err(self.err(format!("unexpected character {:?}", *c as char))),
        };
        Ok(Node { line, kind })
    }

    fn word(&mut self, w: &str, k: Kind<'a>) -> Result<Kind<'a>, ParseError> {
        if self.b.get(self.i..self.i + w.len()) == Some(w.as_bytes()) {
            self.i += w.len();
            Ok(k)
        } else {
            Err(self.err("unexpected word (expected true, false or null)"))
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        // At the opening quote.
        self.i += 1;
        let mut out = String::new();
        let mut escaped = false;
        let mut run = self.i;
        loop {
            match self.b.get(self.i) {
                None => return Err(self.err("unterminated string (truncated JSON?)")),
                Some(b'"') => {
                    let tail = self.text.get(run..self.i).unwrap_or_default();
                    self.i += 1;
                    if escaped {
                        out.push_str(tail);
                        return Ok(Cow::Owned(out));
                    }
                    return Ok(Cow::Borrowed(tail));
                }
                Some(b'\n') => return Err(self.err("newline inside a string")),
                Some(b'\\') => {
                    escaped = true;
                    out.push_str(self.text.get(run..self.i).unwrap_or_default());
                    let esc = self.b.get(self.i + 1).copied();
                    self.i += 2;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.i) == Some(&b'\\')
                                && self.b.get(self.i + 1) == Some(&b'u')
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                let cp = 0x10000
                                    + ((hi - 0xD800) << 10)
                                    + (lo.wrapping_sub(0xDC00) & 0x3FF);
                                char::from_u32(cp)
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.err("invalid escape in string")),
                    }
                    run = self.i;
                }
                Some(_) => self.i += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let s = self
            .b
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("invalid \\u escape"))?;
        self.i += 4;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_values() {
        let n = parse("{\n  \"a\": 1,\n  \"b\": {\"c\": [true, null, \"x\\u00e9\"]}\n}").unwrap();
        assert_eq!(n.entries()[0].line, 2);
        assert_eq!(n.entries()[1].line, 3);
        assert_eq!(n.at("b").at("c").items()[2].str(), Some("xé"));
        assert_eq!(n.at("a").str(), Some("1"));
    }

    #[test]
    fn errors_have_lines() {
        assert_eq!(parse("{\n\"a\": 1,\n").unwrap_err().line, Some(3));
        assert!(parse("{\"a\":1,}").is_err());
        assert!(parse_jsonc("{\"a\":1, // c\n /* d */}").is_ok());
        let deep = "[".repeat(1000);
        assert!(parse(&deep).is_err());
    }
}
