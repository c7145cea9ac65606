//! Full-text licence identification: a licence file's text is compared with every licence
//! text of the SPDX License List (the `spdx` crate's detection store, built from the SPDX
//! texts and compiled in), giving each licence found with a score from 0 to 1. A file that
//! holds several licences (dual licensing, appended third-party notices) yields each of
//! them with the lines it covers.
//!
//! The store is loaded once, on first use (it is a ~2 MB compressed table).

use serde::Serialize;
use spdx::detection::{Store, TextData};
use std::sync::OnceLock;

/// A score at or above this is an unmodified (or trivially reformatted) licence text.
pub const EXACT: f32 = 0.93;
/// A score at or above this (and below [`EXACT`]) is the licence with changes: reported as
/// altered. Below it the text is not identified.
pub const RECOGNISED: f32 = 0.75;

/// At most this many licences are looked for in one file.
pub const MAX_LICENSES_PER_FILE: usize = 6;

/// Texts longer than this are cut before matching (licence files are a few KiB; a huge
/// file is not a licence and must not cost seconds).
pub const MAX_TEXT: usize = 512 * 1024;

/// One licence found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identified {
    /// The SPDX licence id.
    pub id: String,
    /// How closely the text matches the licence's text, 0 to 1.
    pub score: f32,
    /// 1-based first and last line of the text the licence covers.
    pub lines: (usize, usize),
    /// Other ids whose licence text is the same (`GPL-2.0-only` and `GPL-2.0-or-later`
    /// share one text: the choice is made by the notice or the manifest, not the text).
    pub same_text: Vec<String>,
}

impl Identified {
    /// The match is close enough to call the text unaltered.
    pub fn is_exact(&self) -> bool {
        self.score >= EXACT
    }

    /// `true` when `id` is this licence or one that shares its text.
    pub fn matches(&self, id: &str) -> bool {
        self.id == id || self.same_text.iter().any(|s| s == id)
    }
}

/// Licences whose texts are identical: the text cannot tell them apart.
const SAME_TEXT: &[&[&str]] = &[
    &["GPL-1.0-only", "GPL-1.0-or-later"],
    &["GPL-2.0-only", "GPL-2.0-or-later"],
    &["GPL-3.0-only", "GPL-3.0-or-later"],
    &["LGPL-2.0-only", "LGPL-2.0-or-later"],
    &["LGPL-2.1-only", "LGPL-2.1-or-later"],
    &["LGPL-3.0-only", "LGPL-3.0-or-later"],
    &["AGPL-1.0-only", "AGPL-1.0-or-later"],
    &["AGPL-3.0-only", "AGPL-3.0-or-later"],
    &["GFDL-1.1-only", "GFDL-1.1-or-later"],
    &["GFDL-1.2-only", "GFDL-1.2-or-later"],
    &["GFDL-1.3-only", "GFDL-1.3-or-later"],
    &["MPL-2.0", "MPL-2.0-no-copyleft-exception"],
];

fn same_text(id: &str) -> Vec<String> {
    SAME_TEXT
        .iter()
        .find(|g| g.contains(&id))
        .map(|g| {
            g.iter()
                .filter(|x| **x != id)
                .map(|x| x.to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn store() -> Option<&'static Store> {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    STORE.get_or_init(|| Store::load_inline().ok()).as_ref()
}

/// Every licence found in `text`, best first, each scored; empty when nothing reaches
/// [`RECOGNISED`]. Never panics; bounded by [`MAX_TEXT`].
pub fn identify(text: &str) -> Vec<Identified> {
    let Some(store) = store() else {
        return Vec::new();
    };
    let text = cut(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    // Repeatedly: the closest licence of what is left, narrowed to the lines it covers,
    // then those lines blanked out, so a file with several licences yields each of them.
    let mut data = TextData::new(text);
    let mut found: Vec<Identified> = Vec::new();
    for _ in 0..MAX_LICENSES_PER_FILE {
        let best = store.analyze(&data);
        if best.score < RECOGNISED / 2.0 {
            break;
        }
        let whole = best.score;
        let (narrowed, score) = data.optimize_bounds(best.data);
        let score = score.max(whole);
        if score < RECOGNISED {
            break;
        }
        let (start, end) = narrowed.lines_view();
        found.push(Identified {
            id: best.name.to_string(),
            score: round(score),
            lines: (start + 1, end.max(start + 1)),
            same_text: same_text(best.name),
        });
        data = narrowed.white_out();
    }
    found.sort_by(|a, b| a.lines.cmp(&b.lines).then(a.id.cmp(&b.id)));
    found.dedup_by(|a, b| a.id == b.id);
    found
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}

fn cut(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `SPDX-License-Identifier:` lines of a file (REUSE and the SPDX spec's short-form
/// identifiers), with their 1-based line numbers; only the first 100 lines are read.
pub fn identifier_lines(text: &str) -> Vec<(usize, String)> {
    const TAG: &str = "SPDX-License-Identifier:";
    text.lines()
        .take(100)
        .enumerate()
        .filter_map(|(i, line)| {
            let at = line.find(TAG)?;
            let rest = line[at + TAG.len()..].trim();
            // Strip comment closers: `*/`, `-->`, `#}` …
            let rest = rest
                .trim_end_matches("*/")
                .trim_end_matches("-->")
                .trim_end_matches("#}")
                .trim();
            (!rest.is_empty()).then(|| (i + 1, rest.to_string()))
        })
        .collect()
}
