//! A small document tree with line numbers, shared by the JSON and YAML readers, so that
//! parsers can report the line of every package entry.

/// Nesting limit for JSON and YAML documents.
pub const MAX_DEPTH: usize = 128;

/// One value with the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Line where the value starts.
    pub line: u32,
    /// The value.
    pub kind: Kind,
}

/// A value.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `null` (or a YAML alias, which is never expanded).
    Null,
    /// `true`/`false` (JSON only; YAML scalars stay strings).
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string (every YAML scalar).
    Str(String),
    /// An array.
    Arr(Vec<Node>),
    /// An object, entries in file order.
    Obj(Vec<Entry>),
}

/// One key of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Line of the key.
    pub line: u32,
    /// The value.
    pub value: Node,
}

static NULL: Node = Node {
    line: 0,
    kind: Kind::Null,
};

impl Node {
    /// The value at `key` when this is an object (first match).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// Like [`Node::get`] but a null node when absent, for chaining.
    pub fn at(&self, key: &str) -> &Node {
        self.get(key).unwrap_or(&NULL)
    }

    /// The entries when this is an object, else none.
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Obj(e) => e,
            _ => &[],
        }
    }

    /// The items when this is an array, else none.
    pub fn items(&self) -> &[Node] {
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
