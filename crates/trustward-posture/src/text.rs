//! Text helpers shared by the checks: phrase normalisation for prose matching.

/// Most bytes of a prose file examined by phrase matching (policy and licence texts are
/// far smaller).
pub const MAX_PROSE_BYTES: usize = 256 * 1024;

/// Lowercases, turns every run of non-alphanumeric characters into one space.
pub fn normalize(text: &str) -> String {
    let text = &text[..text.floor_char_boundary(text.len().min(MAX_PROSE_BYTES))];
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether the normalised `text` contains the normalised phrase on word boundaries.
pub fn has_phrase(normalized: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = normalized.get(from..).and_then(|s| s.find(phrase)) {
        let start = from + pos;
        let end = start + phrase.len();
        let before_ok = start == 0 || normalized.as_bytes().get(start - 1) == Some(&b' ');
        let after_ok = end == normalized.len() || normalized.as_bytes().get(end) == Some(&b' ');
        if before_ok && after_ok {
            return true;
        }
        from = start + 1;
        if !normalized.is_char_boundary(from) {
            from = normalized.ceil_char_boundary(from);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_on_word_boundaries() {
        let n = normalize("We support the LATEST release; supported-versions table.");
        assert!(has_phrase(&n, "latest release"));
        assert!(has_phrase(&n, "supported versions"));
        assert!(!has_phrase(&n, "test release"));
        assert!(!has_phrase(&n, "support th"));
    }
}
