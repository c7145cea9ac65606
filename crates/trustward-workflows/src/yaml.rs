//! A YAML tree with source spans, built from `saphyr-parser` events under hard limits
//! (input size, nesting depth, node count, alias expansion), so hostile files cannot
//! exhaust memory or the stack, and every key and value keeps its exact position.

use saphyr_parser::{Event, Parser, ScalarStyle, Span as PSpan};
use std::collections::HashMap;

/// Largest YAML file parsed (bytes); workflows are a few KiB.
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 128;
/// Most nodes a document may hold, alias expansions included.
pub const MAX_NODES: usize = 500_000;
/// Most nodes alias expansion may produce in one document.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// A position in the source: 1-based line and column (in characters) and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
    /// Byte offset into the source.
    pub offset: usize,
}

/// A half-open source range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First character.
    pub start: Pos,
    /// Just past the last character.
    pub end: Pos,
}

/// How a scalar was written; block styles matter for locating text inside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'…'`.
    SingleQuoted,
    /// `"…"`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written (YAML 1.2 core schema typing is left to the reader).
    Scalar(String, Style),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping in source order (duplicate keys kept; readers take the first).
    Map(Vec<(Node, Node)>),
}

/// One node with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is written (for an alias: where the alias is).
    pub span: Span,
}

/// Why a YAML document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// 1-based line of the problem.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// The mapping entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The sequence items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The first entry whose key is the scalar `key`: `(key node, value node)`.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// The value of the first entry whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The scalar value under `key`.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// Whether this is a null scalar (`~`, `null`, empty).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, Style::Plain) if s.is_empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    }

    /// The scalar style, if a scalar.
    pub fn style(&self) -> Option<Style> {
        match &self.value {
            Value::Scalar(_, st) => Some(*st),
            _ => None,
        }
    }
}

/// Maps the parser's character indices to byte offsets.
struct Offsets<'a> {
    src: &'a str,
    ascii: bool,
    /// Byte offset of every character when the source is not ASCII.
    table: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(src: &'a str) -> Self {
        let ascii = src.is_ascii();
        let table = if ascii {
            Vec::new()
        } else {
            src.char_indices().map(|(i, _)| i).collect()
        };
        Offsets { src, ascii, table }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            char_index.min(self.src.len())
        } else {
            self.table
                .get(char_index)
                .copied()
                .unwrap_or(self.src.len())
        }
    }

    fn span(&self, s: &PSpan) -> Span {
        let conv = |m: &saphyr_parser::Marker| Pos {
            line: u32::try_from(m.line()).unwrap_or(u32::MAX),
            col: u32::try_from(m.col().saturating_add(1)).unwrap_or(u32::MAX),
            offset: self.byte(m.index()),
        };
        Span {
            start: conv(&s.start),
            end: conv(&s.end),
        }
    }
}

struct Builder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    offsets: Offsets<'a>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    expanded: usize,
    last_line: u32,
}

/// Parses the first document of `src` into a tree. `Ok(None)` for an empty stream.
pub fn parse(src: &str) -> Result<Option<Node>, YamlError> {
    if src.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            line: 1,
            message: format!(
                "{} bytes is over the {MAX_YAML_BYTES}-byte YAML size cap",
                src.len()
            ),
        });
    }
    let mut b = Builder {
        parser: Parser::new_from_str(src),
        offsets: Offsets::new(src),
        anchors: HashMap::new(),
        nodes: 0,
        expanded: 0,
        last_line: 1,
    };
    loop {
        match b.next()? {
            (Event::StreamStart, _) => continue,
            (Event::DocumentStart(_), _) => break,
            (Event::StreamEnd, _) => return Ok(None),
            _ => continue,
        }
    }
    let (ev, span) = b.next()?;
    if matches!(ev, Event::DocumentEnd) {
        return Ok(None);
    }
    let root = b.node(ev, span, 0)?;
    // Drain the rest of the stream so syntax errors after the first document are reported
    // (GitHub rejects such files too); later documents are not modelled.
    loop {
        match b.next()? {
            (Event::StreamEnd, _) => break,
            _ => continue,
        }
    }
    Ok(Some(root))
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, PSpan), YamlError> {
        match self.parser.next_event() {
            Some(Ok((ev, span))) => {
                self.last_line = u32::try_from(span.start.line()).unwrap_or(u32::MAX);
                Ok((ev, span))
            }
            Some(Err(e)) => Err(YamlError {
                line: u32::try_from(e.marker().line()).unwrap_or(u32::MAX).max(1),
                message: format!("invalid YAML: {}", e.info()),
            }),
            None => Err(YamlError {
                line: self.last_line,
                message: "invalid YAML: unexpected end of stream".into(),
            }),
        }
    }

    fn count(&mut self, line: u32) -> Result<(), YamlError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                line,
                message: format!("more than {MAX_NODES} YAML nodes"),
            });
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
    }

    /// Builds one node starting with `ev`; returns it (the node count is tracked globally).
    fn node(&mut self, ev: Event<'a>, pspan: PSpan, depth: usize) -> Result<Node, YamlError> {
        let span = self.offsets.span(&pspan);
        let line = span.start.line;
        if depth > MAX_DEPTH {
            return Err(YamlError {
                line,
                message: format!("YAML nested deeper than {MAX_DEPTH} levels"),
            });
        }
        let before = self.nodes;
        self.count(line)?;
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                // A block scalar's span runs into the next line's indentation: end it
                // after its last non-blank character instead.
                let span = if matches!(style, Style::Literal | Style::Folded) {
                    let raw = self
                        .offsets
                        .src
                        .get(span.start.offset..span.end.offset)
                        .unwrap_or("");
                    let kept = raw.trim_end().len();
                    Span {
                        start: span.start,
                        end: crate::expr::advance(raw, span.start, kept),
                    }
                } else {
                    span
                };
                let node = Node {
                    value: Value::Scalar(text.into_owned(), style),
                    span,
                };
                self.remember(anchor, &node, 1);
                Ok(node)
            }
            Event::Alias(id) => {
                let Some((target, size)) = self.anchors.get(&id) else {
                    return Err(YamlError {
                        line,
                        message: "invalid YAML: alias to an unknown anchor".into(),
                    });
                };
                self.expanded = self.expanded.saturating_add(*size);
                self.nodes = self.nodes.saturating_add(*size);
                if self.expanded > MAX_ALIAS_EXPANSION || self.nodes > MAX_NODES {
                    return Err(YamlError {
                        line,
                        message: format!(
                            "alias expansion limit: aliases would expand to more than {MAX_ALIAS_EXPANSION} nodes"
                        ),
                    });
                }
                let mut node = target.clone();
                node.span = span;
                Ok(node)
            }
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                let end;
                loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        end = self.offsets.span(&sp).end;
                        break;
                    }
                    items.push(self.node(ev, sp, depth + 1)?);
                }
                let node = Node {
                    value: Value::Seq(items),
                    span: Span {
                        start: span.start,
                        end,
                    },
                };
                self.remember(anchor, &node, self.nodes - before);
                Ok(node)
            }
            Event::MappingStart(anchor, _) => {
                let mut entries = Vec::new();
                let end;
                loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::MappingEnd) {
                        end = self.offsets.span(&sp).end;
                        break;
                    }
                    let key = self.node(ev, sp, depth + 1)?;
                    let (ev, sp) = self.next()?;
                    let value = self.node(ev, sp, depth + 1)?;
                    entries.push((key, value));
                }
                let node = Node {
                    value: Value::Map(entries),
                    span: Span {
                        start: span.start,
                        end,
                    },
                };
                self.remember(anchor, &node, self.nodes - before);
                Ok(node)
            }
            _ => Err(YamlError {
                line,
                message: "invalid YAML: unexpected event".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_one_based() {
        let n = parse("a: b\nrun: |\n  echo hi\n").unwrap().unwrap();
        let (k, v) = n.entry("run").unwrap();
        assert_eq!((k.span.start.line, k.span.start.col), (2, 1));
        assert_eq!((v.span.start.line, v.span.start.col), (3, 3));
        assert_eq!(v.as_str(), Some("echo hi\n"));
        assert_eq!(v.style(), Some(Style::Literal));
    }

    #[test]
    fn non_ascii_offsets() {
        let src = "é: x\nb: yz\n";
        let n = parse(src).unwrap().unwrap();
        let v = n.get("b").unwrap();
        assert_eq!(&src[v.span.start.offset..v.span.end.offset], "yz");
    }

    #[test]
    fn invalid_yaml_has_line() {
        let e = parse("a: b\nc: [d\ne: f: g\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            s.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse(&s).unwrap_err();
        assert!(e.message.contains("alias expansion limit"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let s = "[".repeat(1000);
        assert!(parse(&s).is_err());
    }
}
