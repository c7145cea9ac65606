//! The one escaping helper for human output: strings from the scanned repository or from
//! imported data (package names, versions, paths, messages) are made inert before any
//! command prints them to a terminal, so a hostile file cannot move the cursor, clear the
//! screen, set the terminal title or reorder text with bidirectional controls.

/// Whether `c` is a Unicode bidirectional formatting control (Trojan Source) or another
/// invisible formatting character that can disguise text.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // LRI, RLI, FSI, PDI
        | '\u{FEFF}' // zero-width no-break space
    )
}

/// Text for a terminal: control characters (ESC, CR, BEL, …) and invisible formatting
/// characters become visible `\u{..}` escapes. Newlines become `\n` followed by `indent`
/// so multi-line messages stay inside their block; tabs are kept.
pub fn terminal(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => {
                out.push('\n');
                out.push_str(indent);
            }
            '\t' => out.push('\t'),
            c if c.is_control() || is_invisible_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// One line of text for a terminal: like [`terminal`], but newlines are escaped too, so
/// a value stays on its line (table cells, status lines).
pub fn terminal_line(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_invisible_control(c)) {
        return s.to_string();
    }
    terminal(&s.replace('\n', "\u{0}"), "").replace("\\u{0}", "\\u{a}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls() {
        assert_eq!(terminal("a\u{1b}[2Jb", ""), "a\\u{1b}[2Jb");
        assert_eq!(terminal("a\nb", "  "), "a\n  b");
        assert_eq!(terminal_line("a\nb\u{7}"), "a\\u{a}b\\u{7}");
        assert_eq!(terminal_line("lodash"), "lodash");
        assert_eq!(terminal_line("x\u{202E}y"), "x\\u{202e}y");
    }
}
