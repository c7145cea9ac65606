//! Bounded XML for every XML format trustward reads (POMs, Gradle verification metadata,
//! NuGet specs, licence declarations): DTDs are refused, so no entity is ever expanded
//! and no external entity fetched; element nesting is checked before the parser (whose
//! recursion is not bounded) runs; the node count is capped.

use roxmltree::{Document, ParsingOptions};

/// Deepest element nesting accepted (a POM needs about 6); checked before the XML parser
/// runs, since its recursion is not bounded.
pub const MAX_XML_DEPTH: usize = 256;

/// Line where element nesting first exceeds [`MAX_XML_DEPTH`], if it does (a cheap scan:
/// `<x` opens, `</` and `/>` close; comments and declarations are skipped).
pub fn too_deep(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut line = 1u32;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' => line += 1,
            b'<' => match b.get(i + 1) {
                Some(b'/') => depth = depth.saturating_sub(1),
                Some(b'?' | b'!') | None => {}
                Some(_) => {
                    depth += 1;
                    if depth > MAX_XML_DEPTH {
                        return Some(line);
                    }
                }
            },
            b'>' if i > 0 && b.get(i - 1) == Some(&b'/') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses `text` within the bounds above and at most `nodes_limit` nodes; an error is
/// `(line, message)`.
pub fn parse(text: &str, nodes_limit: u32) -> Result<Document<'_>, (u32, String)> {
    if let Some(line) = too_deep(text) {
        return Err((line, format!("elements nested deeper than {MAX_XML_DEPTH}")));
    }
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit,
    };
    Document::parse_with_options(text, opts)
        .map_err(|e| (e.pos().row, format!("not valid XML: {e}")))
}
