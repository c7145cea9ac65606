//! Identifies a licence text by SPDX id from distinctive phrases (titles, version lines
//! and clauses only that licence has), after normalising case, punctuation and line
//! wrapping. It is a recogniser, not a full-text matcher: it tells which licence a
//! LICENSE file is, not whether the text was altered.
//!
//! The GNU licence texts do not say whether a project chose "only" or "or later"; the
//! text alone grants any version when the notice names none, so the `-or-later` id is
//! returned and a declared id of the same family (an SPDX line, a manifest) refines it.

pub use crate::text::normalize;

/// One recogniser: every phrase of `all` must occur and none of `none`.
struct Sig {
    id: &'static str,
    all: &'static [&'static str],
    none: &'static [&'static str],
}

const MIT_GRANT: &str =
    "permission is hereby granted free of charge to any person obtaining a copy of this software";
const MIT_NOTICE: &str = "the above copyright notice and this permission notice shall be included in all copies or substantial portions of the software";
const ISC_GRANT: &str = "permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted";
const ISC_NOTICE: &str =
    "provided that the above copyright notice and this permission notice appear in all copies";
const BSD_SOURCE: &str = "redistributions of source code must retain the above copyright notice";
const BSD_BINARY: &str = "redistributions in binary form must reproduce the above copyright notice";
const BSD_ENDORSE: &str = "may be used to endorse or promote products derived from this software";
const BSD_ADVERTISING: &str = "all advertising materials mentioning features or use of this software must display the following acknowledgement";

/// Most specific first: the first signature that matches wins.
const SIGNATURES: &[Sig] = &[
    Sig {
        id: "AGPL-3.0-or-later",
        all: &["gnu affero general public license version 3 19 november 2007"],
        none: &[],
    },
    Sig {
        id: "LGPL-3.0-or-later",
        all: &[
            "gnu lesser general public license version 3 29 june 2007",
            "incorporates the terms and conditions of version 3 of the gnu general public license",
        ],
        none: &[],
    },
    Sig {
        id: "LGPL-2.1-or-later",
        all: &["gnu lesser general public license version 2 1 february 1999"],
        none: &[],
    },
    Sig {
        id: "LGPL-2.0-or-later",
        all: &["gnu library general public license version 2 june 1991"],
        none: &[],
    },
    Sig {
        id: "GPL-3.0-or-later",
        all: &["gnu general public license version 3 29 june 2007"],
        none: &[],
    },
    Sig {
        id: "GPL-2.0-or-later",
        all: &["gnu general public license version 2 june 1991"],
        none: &[],
    },
    Sig {
        id: "SSPL-1.0",
        all: &["server side public license version 1 october 16 2018"],
        none: &[],
    },
    Sig {
        id: "MPL-2.0",
        all: &["mozilla public license version 2 0"],
        none: &[],
    },
    Sig {
        id: "MPL-1.1",
        all: &["mozilla public license version 1 1"],
        none: &[],
    },
    Sig {
        id: "Apache-2.0",
        all: &[
            "apache license version 2 0",
            "terms and conditions for use reproduction and distribution",
        ],
        none: &[],
    },
    // The standard short notice ("Licensed under the Apache License, Version 2.0 (the
    // "License")…"), not a list that merely names Apache-2.0 among other choices.
    Sig {
        id: "Apache-2.0",
        all: &["licensed under the apache license version 2 0 the license"],
        none: &[],
    },
    Sig {
        id: "Apache-1.1",
        all: &["the apache software license version 1 1"],
        none: &[],
    },
    Sig {
        id: "EUPL-1.2",
        all: &["european union public licence v 1 2"],
        none: &[],
    },
    Sig {
        id: "EUPL-1.1",
        all: &["european union public licence v 1 1"],
        none: &[],
    },
    Sig {
        id: "EPL-2.0",
        all: &["eclipse public license v 2 0"],
        none: &[],
    },
    Sig {
        id: "EPL-1.0",
        all: &["eclipse public license v 1 0"],
        none: &[],
    },
    Sig {
        id: "CDDL-1.1",
        all: &["common development and distribution license cddl version 1 1"],
        none: &[],
    },
    Sig {
        id: "CDDL-1.0",
        all: &["common development and distribution license cddl version 1 0"],
        none: &[],
    },
    Sig {
        id: "OSL-3.0",
        all: &["open software license v 3 0"],
        none: &[],
    },
    Sig {
        id: "AFL-3.0",
        all: &["academic free license afl v 3 0"],
        none: &[],
    },
    Sig {
        id: "MS-RL",
        all: &["microsoft reciprocal license ms rl"],
        none: &[],
    },
    Sig {
        id: "MS-PL",
        all: &["microsoft public license ms pl"],
        none: &[],
    },
    Sig {
        id: "BSL-1.0",
        all: &["boost software license version 1 0"],
        none: &[],
    },
    Sig {
        id: "BUSL-1.1",
        all: &["business source license 1 1"],
        none: &[],
    },
    Sig {
        id: "Elastic-2.0",
        all: &[
            "elastic license 2 0",
            "the licensor grants you a non exclusive",
        ],
        none: &[],
    },
    Sig {
        id: "Artistic-2.0",
        all: &["the artistic license 2 0"],
        none: &[],
    },
    Sig {
        id: "Artistic-1.0",
        all: &[
            "the intent of this document is to state the conditions under which a package may be copied",
        ],
        none: &["the artistic license 2 0"],
    },
    Sig {
        id: "CC0-1.0",
        all: &["cc0 1 0 universal"],
        none: &[],
    },
    Sig {
        id: "CC-BY-SA-4.0",
        all: &["attribution sharealike 4 0 international"],
        none: &[],
    },
    Sig {
        id: "CC-BY-4.0",
        all: &["creative commons attribution 4 0 international"],
        none: &[],
    },
    Sig {
        id: "CC-BY-SA-3.0",
        all: &["attribution sharealike 3 0 unported"],
        none: &[],
    },
    Sig {
        id: "CC-BY-3.0",
        all: &["creative commons legal code attribution 3 0 unported"],
        none: &[],
    },
    Sig {
        id: "OFL-1.1",
        all: &["sil open font license version 1 1"],
        none: &[],
    },
    Sig {
        id: "ODbL-1.0",
        all: &["open data commons open database license odbl"],
        none: &[],
    },
    Sig {
        id: "ZPL-2.1",
        all: &["zope public license zpl version 2 1"],
        none: &[],
    },
    Sig {
        id: "Python-2.0",
        all: &[
            "python software foundation license version 2",
            "beopen com license agreement",
        ],
        none: &[],
    },
    Sig {
        id: "PSF-2.0",
        all: &["python software foundation license version 2"],
        none: &[],
    },
    Sig {
        id: "Unlicense",
        all: &["this is free and unencumbered software released into the public domain"],
        none: &[],
    },
    Sig {
        id: "WTFPL",
        all: &["do what the fuck you want to public license"],
        none: &[],
    },
    Sig {
        id: "Beerware",
        all: &["the beer ware license"],
        none: &[],
    },
    Sig {
        id: "BlueOak-1.0.0",
        all: &["blue oak model license"],
        none: &[],
    },
    Sig {
        id: "UPL-1.0",
        all: &["the universal permissive license upl version 1 0"],
        none: &[],
    },
    Sig {
        id: "NCSA",
        all: &["university of illinois ncsa open source license"],
        none: &[],
    },
    Sig {
        id: "PostgreSQL",
        all: &[
            "permission to use copy modify and distribute this software and its documentation for any purpose without fee and without a written agreement is hereby granted",
        ],
        none: &[],
    },
    Sig {
        id: "OpenSSL",
        all: &["openssl license", "original ssleay license"],
        none: &[],
    },
    Sig {
        id: "bzip2-1.0.6",
        all: &[
            BSD_SOURCE,
            "altered source versions must be plainly marked as such",
            "bzip2 libbzip2 version 1 0 6",
        ],
        none: &[],
    },
    Sig {
        id: "Zlib",
        all: &[
            "in no event will the authors be held liable for any damages arising from the use of this software",
            "altered source versions must be plainly marked as such",
        ],
        none: &[],
    },
    Sig {
        id: "BSD-3-Clause-Clear",
        all: &[
            BSD_SOURCE,
            "no express or implied licenses to any party s patent rights are granted by this license",
        ],
        none: &[],
    },
    Sig {
        id: "BSD-4-Clause",
        all: &[BSD_SOURCE, BSD_ADVERTISING],
        none: &[],
    },
    Sig {
        id: "BSD-3-Clause",
        all: &[BSD_SOURCE, BSD_BINARY, BSD_ENDORSE],
        none: &[],
    },
    Sig {
        id: "BSD-2-Clause",
        all: &[BSD_SOURCE, BSD_BINARY],
        none: &[BSD_ENDORSE],
    },
    Sig {
        id: "BSD-1-Clause",
        all: &[BSD_SOURCE],
        none: &[BSD_BINARY, BSD_ENDORSE],
    },
    Sig {
        id: "X11",
        all: &[MIT_GRANT, "x consortium"],
        none: &[],
    },
    Sig {
        id: "JSON",
        all: &[MIT_GRANT, "the software shall be used for good not evil"],
        none: &[],
    },
    Sig {
        id: "MIT",
        all: &[MIT_GRANT, MIT_NOTICE],
        none: &[],
    },
    Sig {
        id: "MIT-0",
        all: &[MIT_GRANT],
        none: &[MIT_NOTICE],
    },
    Sig {
        id: "ISC",
        all: &[ISC_GRANT, ISC_NOTICE],
        none: &[],
    },
    Sig {
        id: "0BSD",
        all: &[ISC_GRANT],
        none: &[ISC_NOTICE],
    },
];

/// Every id [`identify`] can return (once each).
pub fn supported_ids() -> impl Iterator<Item = &'static str> {
    SIGNATURES
        .iter()
        .enumerate()
        .filter(|(i, s)| !SIGNATURES[..*i].iter().any(|p| p.id == s.id))
        .map(|(_, s)| s.id)
}

/// The SPDX id of the licence text, if recognised.
pub fn identify(text: &str) -> Option<&'static str> {
    let norm = normalize(text);
    identify_normalized(&norm)
}

fn identify_normalized(norm: &str) -> Option<&'static str> {
    // Pad so phrase matches align to word boundaries.
    let padded = format!(" {norm} ");
    let has = |p: &str| padded.contains(&format!(" {p} "));
    SIGNATURES
        .iter()
        .find(|s| s.all.iter().all(|p| has(p)) && !s.none.iter().any(|p| has(p)))
        .map(|s| s.id)
}

/// The family of an id with the GNU `-only`/`-or-later` suffix (and a legacy `+`)
/// removed, so a declared `GPL-3.0-only` can refine a recognised `GPL-3.0-or-later`.
pub fn family(id: &str) -> &str {
    id.strip_suffix("-or-later")
        .or_else(|| id.strip_suffix("-only"))
        .or_else(|| id.strip_suffix('+'))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises() {
        assert_eq!(
            normalize("  The  MIT\r\nLicense (MIT)—x’s "),
            "the mit license mit x s"
        );
    }

    #[test]
    fn short_hand_written_texts() {
        let mit = "MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of charge, \
                   to any person obtaining a copy\nof this software ... The above copyright notice and this \
                   permission notice shall be\nincluded in all copies or substantial portions of the Software.";
        assert_eq!(identify(mit), Some("MIT"));
        let notice = "Licensed under the Apache License, Version 2.0 (the \"License\");";
        assert_eq!(identify(notice), Some("Apache-2.0"));
        let choice = "This project is licensed under either of\n * Apache License, Version 2.0, \
                      (LICENSE-APACHE)\n * MIT license (LICENSE-MIT)\nat your option.";
        assert_eq!(
            identify(choice),
            None,
            "a pointer to other files is not a licence text"
        );
        assert_eq!(identify("All rights reserved. Proprietary."), None);
        assert_eq!(identify(""), None);
    }

    #[test]
    fn family_strips_suffixes() {
        assert_eq!(family("GPL-3.0-only"), "GPL-3.0");
        assert_eq!(family("GPL-3.0-or-later"), "GPL-3.0");
        assert_eq!(family("LGPL-2.1+"), "LGPL-2.1");
        assert_eq!(family("MIT"), "MIT");
    }
}

/// Every licence text in `shared/data/spdx/text/` whose licence is supported is
/// recognised as that licence (GNU texts as their family, see the module docs), and
/// every id this module can return is on the SPDX list.
#[cfg(test)]
mod spdx_texts {
    use super::*;

    #[test]
    fn every_supported_shared_text_is_recognised() {
        let dir = crate::shared_data("spdx/text");
        let mut checked = 0;
        let mut misses = Vec::new();
        for id in supported_ids() {
            for file_id in [id.to_string(), id.replace("-or-later", "-only")] {
                let path = dir.join(format!("{file_id}.txt"));
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                checked += 1;
                let got = identify(&text);
                if got.map(family) != Some(family(&file_id)) {
                    misses.push(format!("{file_id}: got {got:?}"));
                }
            }
        }
        assert!(misses.is_empty(), "{misses:#?}");
        assert!(checked >= 60, "only {checked} texts checked");
        // MPL-2.0-no-copyleft-exception has the MPL-2.0 text.
        let t = std::fs::read_to_string(dir.join("MPL-2.0-no-copyleft-exception.txt")).unwrap();
        assert_eq!(identify(&t), Some("MPL-2.0"));
    }

    #[test]
    fn unsupported_shared_texts_are_not_misidentified() {
        // Texts of licences without a signature must not be taken for another licence,
        // except where one licence embeds another's text.
        let dir = crate::shared_data("spdx/text");
        let supported: Vec<&str> = supported_ids().map(family).collect();
        let mut wrong = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let file_id = path.file_stem().unwrap().to_string_lossy().to_string();
            if supported.contains(&family(&file_id)) || file_id.starts_with("MPL-2.0") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(got) = identify(&text) {
                wrong.push(format!("{file_id} identified as {got}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_returned_id_is_on_the_spdx_list() {
        let text = std::fs::read_to_string(crate::shared_data("spdx/licenses.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let list = v["licenses"].as_array().unwrap();
        for id in supported_ids() {
            let entry = list.iter().find(|l| l["licenseId"] == id);
            let entry = entry.unwrap_or_else(|| panic!("{id} is not on the SPDX list"));
            assert_eq!(entry["isDeprecatedLicenseId"], false, "{id} is deprecated");
        }
    }
}
