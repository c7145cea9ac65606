//! Licence identification for the posture checks. The engine is the licences crate's
//! (full-text matching against the SPDX licence texts, with scores): there is one licence
//! engine in trustward, this module only adapts its answer.

use trustward_licenses::identify::{self, RECOGNISED};

/// The SPDX id of the licence text, if recognised (the best match at or above the
/// recognition score).
pub fn identify(text: &str) -> Option<String> {
    identify::identify(text)
        .into_iter()
        .filter(|i| i.score >= RECOGNISED)
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .map(|i| i.id)
}

/// The family of an id with the GNU `-only`/`-or-later` suffix (and a legacy `+`)
/// removed, so a declared `GPL-3.0-only` can refine a recognised `GPL-3.0-or-later`.
pub fn family(id: &str) -> &str {
    id.strip_suffix("-or-later")
        .or_else(|| id.strip_suffix("-only"))
        .or_else(|| id.strip_suffix('+'))
        .unwrap_or(id)
}
