//! Makes strings from the scanned repository (paths, messages, reasons) inert before a
//! human-readable renderer prints them: a hostile repository must not be able to move the
//! cursor or recolour a terminal, reorder text with bidirectional controls, or inject
//! Markdown/HTML, links or @-mentions into a pull-request comment.

use trustward_core::escape::is_invisible_control;

/// Pushes `c` as a visible escape such as `\u{1b}`.
fn push_escaped(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", c as u32));
}

/// Text for a terminal: the shared helper of `trustward_core::escape` (control and
/// invisible formatting characters become visible `\u{..}` escapes).
pub(crate) fn terminal(s: &str, indent: &str) -> String {
    trustward_core::escape::terminal(s, indent)
}

/// Shortens `s` to at most `max` characters, marking the cut with `…`.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Inline Markdown text (GitHub-flavoured, HTML allowed) that renders as exactly the
/// characters of `s`, on one line:
/// - `& < > " '` become HTML entities, so no tag, comment or entity can be injected;
/// - every other ASCII punctuation character that Markdown gives meaning to is
///   backslash-escaped (emphasis, code spans, links, images, tables, headings, lists);
/// - line breaks, tabs and other control or invisible characters become spaces or
///   visible `\u{..}` escapes, so a message cannot start a new block;
/// - `@`, `#`, `://` and `www.` get a zero-width space so GitHub neither mentions
///   users/teams, nor links issues, nor auto-links URLs planted by the repository.
pub(crate) fn markdown(s: &str) -> String {
    const ZWSP: &str = "&#8203;";
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '@' => {
                out.push('@');
                out.push_str(ZWSP);
            }
            '#' => {
                out.push_str("\\#");
                out.push_str(ZWSP);
            }
            ':' if chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/') => {
                out.push(':');
                out.push_str(ZWSP);
            }
            'w' | 'W'
                if chars
                    .get(i..i + 4)
                    .is_some_and(|w| w.iter().collect::<String>().eq_ignore_ascii_case("www.")) =>
            {
                out.extend(chars.iter().skip(i).take(3));
                out.push_str(ZWSP);
                i += 3;
                continue;
            }
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '+' | '-' | '.' | '!'
            | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_invisible_control(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_neutralises_escapes_and_bidi() {
        assert_eq!(terminal("a\u{1b}[31mb", ""), "a\\u{1b}[31mb");
        assert_eq!(terminal("x\ry", ""), "x\\u{d}y");
        assert_eq!(terminal("l1\nl2", "  "), "l1\n  l2");
        assert_eq!(terminal("a\u{202E}b", ""), "a\\u{202e}b");
        assert_eq!(terminal("plain ünïcode", ""), "plain ünïcode");
    }

    #[test]
    fn markdown_is_inert() {
        assert_eq!(markdown("<b>&"), "&lt;b&gt;&amp;");
        assert_eq!(markdown("*x* `y` [l](u)"), "\\*x\\* \\`y\\` \\[l\\]\\(u\\)");
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("l1\nl2"), "l1 l2");
        assert_eq!(markdown("@octocat"), "@&#8203;octocat");
        assert_eq!(markdown("#1"), "\\#&#8203;1");
        assert_eq!(
            markdown("https://evil.example"),
            "https:&#8203;//evil\\.example"
        );
        assert_eq!(markdown("WWW.evil"), "WWW&#8203;\\.evil");
        assert_eq!(markdown("a\u{0}b"), "a\\u{0}b");
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }
}
