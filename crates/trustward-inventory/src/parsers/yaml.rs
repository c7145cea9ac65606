//! Reads YAML (first document only) into the line-numbered [`Node`] tree with
//! `saphyr-parser`'s event stream: aliases are never expanded (they read as null, so no
//! alias bomb), nesting is capped, every scalar stays a string.

use super::ParseError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node};
use saphyr_parser::{Event, Parser};
use std::borrow::Cow;

/// Cap on the number of events in one document (bounds memory on hostile input).
const MAX_EVENTS: usize = 20_000_000;

enum Frame<'a> {
    Seq(u32, Vec<Node<'a>>),
    Map(u32, Vec<Entry<'a>>, Option<(Cow<'a, str>, u32)>),
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut count = 0usize;
    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| {
            ParseError::at(u32::try_from(e.marker().line()).ok(), e.info().to_string())
        })?;
        count += 1;
        if count > MAX_EVENTS {
            return Err(ParseError::at(None, "YAML document too large"));
        }
        let line = u32::try_from(span.start.line()).unwrap_or(u32::MAX);
        let done = match ev {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => None,
            Event::StreamEnd | Event::DocumentEnd => {
                return Ok(Node {
                    line: 1,
                    kind: Kind::Null,
                });
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::at(
                        line,
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq(line, Vec::new())
                } else {
                    Frame::Map(line, Vec::new(), None)
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(l, items)) => Some(Node {
                    line: l,
                    kind: Kind::Arr(items),
                }),
                Some(Frame::Map(l, entries, _)) => Some(Node {
                    line: l,
                    kind: Kind::Obj(entries),
                }),
                None => return Err(ParseError::at(line, "unbalanced YAML structure")),
            },
            Event::Scalar(s, ..) => Some(Node {
                line,
                kind: Kind::Str(s),
            }),
            Event::Alias(_) => Some(Node {
                line,
                kind: Kind::Null,
            }),
        };
        let Some(node) = done else { continue };
        match stack.last_mut() {
            None => return Ok(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                None => {
                    let key = match node.kind {
                        Kind::Str(s) | Kind::Num(s) => s,
                        _ => Cow::Borrowed(""),
                    };
                    *pending = Some((key, node.line));
                }
                Some((key, kline)) => entries.push(Entry {
                    key,
                    line: kline,
                    value: node,
                }),
            },
        }
    }
    Err(ParseError::at(None, "unexpected end of YAML stream"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_lines() {
        let n = parse("a: 1\nb:\n  c: [x, y]\n  'd@1': {e: f}\n").unwrap();
        assert_eq!(n.entries()[1].line, 2);
        let b = n.at("b");
        assert_eq!(b.entries()[1].key, "d@1");
        assert_eq!(b.entries()[1].line, 4);
        assert_eq!(b.at("c").items()[1].str(), Some("y"));
    }

    #[test]
    fn errors_and_aliases() {
        assert!(parse("a: [1, 2\nb: c: d").is_err());
        let n = parse("a: &x [1]\nb: *x\n").unwrap();
        assert_eq!(n.at("b").kind, Kind::Null);
        assert_eq!(parse("").unwrap().kind, Kind::Null);
    }
}
