//! A reader for the subset of Elixir term syntax that `mix.lock` uses: maps (`%{k => v}`
//! and `%{"k": v}`), tuples, lists with keyword entries, strings, atoms, numbers, `true`,
//! `false`, `nil` and `#` comments. Pure data: nothing is evaluated. Depth is capped.

use super::support::MAX_DEPTH;

/// A term.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// `"text"`.
    Str(String),
    /// `:atom`, `true`, `false`, `nil`.
    Atom(String),
    /// A number, kept as written.
    Num(String),
    /// `[a, b]`; a keyword entry `k: v` is the tuple `{:k, v}` as in Elixir.
    List(Vec<Term>),
    /// `{a, b}`.
    Tuple(Vec<Term>),
    /// `%{k => v}`: entries with the 1-based line of each key.
    Map(Vec<(Term, Term, u32)>),
}

impl Term {
    /// The text of a string or atom.
    pub fn text(&self) -> Option<&str> {
        match self {
            Term::Str(s) | Term::Atom(s) => Some(s),
            _ => None,
        }
    }
}

/// A syntax error with its 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct TermError {
    /// Line of the error.
    pub line: u32,
    /// What was wrong.
    pub message: String,
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    line: u32,
}

/// Parses one term (the whole input, trailing whitespace and comments allowed).
pub fn parse(text: &str) -> Result<Term, TermError> {
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
        line: 1,
    };
    let t = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("unexpected text after the term"));
    }
    Ok(t)
}

impl P<'_> {
    fn err(&self, m: &str) -> TermError {
        TermError {
            line: self.line,
            message: m.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.bump();
            } else if c == b'#' {
                while let Some(c) = self.peek() {
                    if c == b'\n' {
                        break;
                    }
                    self.bump();
                }
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn string(&mut self) -> Result<String, TermError> {
        // Opening quote already consumed.
        let mut out = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => match self.bump() {
                    None => return Err(self.err("unterminated string")),
                    Some(b'n') => out.push(b'\n'),
                    Some(b't') => out.push(b'\t'),
                    Some(c) => out.push(c),
                },
                Some(c) => out.push(c),
            }
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'?' | b'!' | b'@' | b'.') {
                self.bump();
            } else {
                break;
            }
        }
        String::from_utf8_lossy(self.s.get(start..self.i).unwrap_or_default()).into_owned()
    }

    /// A value, or a keyword entry `key: value` when `keyword_ok`.
    fn item(&mut self, depth: usize, keyword_ok: bool) -> Result<Term, TermError> {
        self.ws();
        let save = (self.i, self.line);
        // `name: value` or `"name": value`
        if keyword_ok {
            let key = match self.peek() {
                Some(b'"') => {
                    self.bump();
                    Some(self.string()?)
                }
                Some(c) if c.is_ascii_alphabetic() || c == b'_' => Some(self.ident()),
                _ => None,
            };
            if let Some(k) = key {
                if self.peek() == Some(b':')
                    && self
                        .s
                        .get(self.i + 1)
                        .is_some_and(|c| c.is_ascii_whitespace())
                {
                    self.bump();
                    let v = self.value(depth + 1)?;
                    return Ok(Term::Tuple(vec![Term::Atom(k), v]));
                }
                (self.i, self.line) = save;
            }
        }
        self.value(depth)
    }

    fn seq(&mut self, close: u8, depth: usize) -> Result<Vec<Term>, TermError> {
        let mut out = Vec::new();
        loop {
            if self.eat(close) {
                return Ok(out);
            }
            out.push(self.item(depth + 1, true)?);
            if self.eat(b',') {
                continue;
            }
            if self.eat(close) {
                return Ok(out);
            }
            return Err(self.err("expected `,` or a closing bracket"));
        }
    }

    fn value(&mut self, depth: usize) -> Result<Term, TermError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.ws();
        match self.peek() {
            None => Err(self.err("unexpected end of file (truncated?)")),
            Some(b'"') => {
                self.bump();
                Ok(Term::Str(self.string()?))
            }
            Some(b':') => {
                self.bump();
                if self.peek() == Some(b'"') {
                    self.bump();
                    return Ok(Term::Atom(self.string()?));
                }
                let a = self.ident();
                if a.is_empty() {
                    return Err(self.err("empty atom"));
                }
                Ok(Term::Atom(a))
            }
            Some(b'[') => {
                self.bump();
                Ok(Term::List(self.seq(b']', depth)?))
            }
            Some(b'{') => {
                self.bump();
                Ok(Term::Tuple(self.seq(b'}', depth)?))
            }
            Some(b'%') => {
                self.bump();
                if self.peek() != Some(b'{') {
                    return Err(self.err("expected `{` after `%`"));
                }
                self.bump();
                let mut entries = Vec::new();
                loop {
                    if self.eat(b'}') {
                        return Ok(Term::Map(entries));
                    }
                    self.ws();
                    let line = self.line;
                    let item = self.item(depth + 1, true)?;
                    let entry = match item {
                        Term::Tuple(mut kv) if kv.len() == 2 && self.peek_is_sep() => {
                            let v = kv.pop().unwrap_or(Term::Atom("nil".into()));
                            let k = kv.pop().unwrap_or(Term::Atom("nil".into()));
                            // `{a, b}` as a key needs `=>`; keyword form already has its value.
                            if self.eat_arrow() {
                                let value = self.value(depth + 1)?;
                                (Term::Tuple(vec![k, v]), value, line)
                            } else {
                                (k, v, line)
                            }
                        }
                        key => {
                            if !self.eat_arrow() {
                                return Err(self.err("expected `=>` in map"));
                            }
                            (key, self.value(depth + 1)?, line)
                        }
                    };
                    entries.push(entry);
                    if self.eat(b',') {
                        continue;
                    }
                    if self.eat(b'}') {
                        return Ok(Term::Map(entries));
                    }
                    return Err(self.err("expected `,` or `}` in map"));
                }
            }
            Some(c) if c.is_ascii_digit() || c == b'-' => {
                let start = self.i;
                self.bump();
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-') {
                        self.bump();
                    } else {
                        break;
                    }
                }
                Ok(Term::Num(
                    String::from_utf8_lossy(self.s.get(start..self.i).unwrap_or_default())
                        .into_owned(),
                ))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let id = self.ident();
                match id.as_str() {
                    "true" | "false" | "nil" => Ok(Term::Atom(id)),
                    _ => Err(self.err(&format!("unexpected `{id}` (only data is read)"))),
                }
            }
            Some(c) => Err(self.err(&format!("unexpected `{}`", c as char))),
        }
    }

    fn peek_is_sep(&mut self) -> bool {
        self.ws();
        matches!(self.peek(), Some(b',' | b'}' | b'='))
    }

    fn eat_arrow(&mut self) -> bool {
        self.ws();
        if self.s.get(self.i..self.i + 2) == Some(b"=>") {
            self.bump();
            self.bump();
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_terms() {
        let t = parse(r#"%{"a": {:hex, :a, "1.0.0", [b: "x", optional: false]}, "c" => [1, -2]}"#)
            .unwrap();
        let Term::Map(m) = t else { panic!() };
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].0, Term::Atom("a".into()));
        assert_eq!(m[1].0, Term::Str("c".into()));
        assert!(parse("%{\"a\": {").is_err());
        assert!(parse("System.cmd(\"rm\")").is_err());
        let deep = "[".repeat(500);
        assert!(parse(&deep).is_err());
    }
}
