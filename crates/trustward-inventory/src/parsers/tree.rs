//! A small document tree with line numbers, shared by the JSON and YAML readers, so that
//! parsers can report the line of every package entry.

use std::borrow::Cow;

/// Nesting limit for JSON and YAML documents.
pub const MAX_DEPTH: usize = 128;

/// One value with the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// Line where the value starts.
    pub line: u32,
    /// The value.
    pub kind: Kind<'a>,
}

/// A value.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// `null` (or a YAML alias, which is never expanded).
    Null,
    /// `true`/`false` (JSON only; YAML scalars stay strings).
    Bool(bool),
    /// A number, as written.
    Num(Cow<'a, str>),
    /// A string (every YAML scalar).
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Node<'a>>),
    /// An object, entries in file order.
    Obj(Vec<Entry<'a>>),
}

/// One key of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// The key.
    pub key: Cow<'a, str>,
    /// Line of the key.
    pub line: u32,
    /// The value.
    pub value: Node<'a>,
}

static NULL: Node<'static> = Node {
    line: 0,
    kind: Kind::Null,
};

impl<'a> Node<'a> {
    /// The value at `key` when this is an object (first match).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entries()
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// Like [`Node::get`] but a null node when absent, for chaining.
    pub fn at(&self, key: &str) -> &Node<'a> {
        self.get(key).unwrap_or(&NULL)
    }

    /// The entries when this is an object, else none.
    pub fn entries(&self) -> &[Entry<'a>] {
        match &self.kind {
            Kind::Obj(e) => e,
            _ => &[],
        }
    }

    /// The items when this is an array, else none.
    pub fn items(&self) -> &[Node<'a>] {
        match &self.kind {
            Kind::Arr(a) => a,
            _ => &[],
        }
    }

    /// The text of a string or number scalar.
    pub fn str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) | Kind::Num(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean (JSON `true`, or YAML `true`).
    pub fn bool(&self) -> bool {
        match &self.kind {
            Kind::Bool(b) => *b,
            Kind::Str(s) => s == "true",
            _ => false,
        }
    }

    /// Whether this is an object.
    pub fn is_obj(&self) -> bool {
        matches!(self.kind, Kind::Obj(_))
    }
}
