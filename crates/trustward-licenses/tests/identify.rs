//! Full-text identification against the SPDX texts in ../shared/data/spdx/text.

use std::path::PathBuf;
use trustward_licenses::identify::{EXACT, identifier_lines, identify};

fn texts() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/spdx/text");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (../shared must be beside the clone)",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 70, "expected the shared SPDX texts");
    out
}

#[test]
fn every_shared_text_is_identified_as_itself_at_a_high_score() {
    let mut wrong = Vec::new();
    for (id, text) in texts() {
        let found = identify(&text);
        match found.first() {
            Some(f) if f.matches(&id) && f.score >= EXACT => {}
            other => wrong.push(format!("{id}: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "misidentified:\n{}", wrong.join("\n"));
}

#[test]
fn an_altered_text_scores_lower_but_is_still_named() {
    let (_, mit) = texts().into_iter().find(|(id, _)| id == "MIT").unwrap();
    let exact = identify(&mit)[0].score;
    // Remove the warranty disclaimer and add a restriction: a different licence in effect.
    let cut = mit.find("THE SOFTWARE IS PROVIDED").unwrap();
    let altered = format!(
        "{}\nThe Software shall be used for good, not evil.\n",
        &mit[..cut]
    );
    let found = identify(&altered);
    assert!(
        found.is_empty() || (found[0].score < exact && !found[0].is_exact()),
        "{found:?}"
    );
    let (_, apache) = texts()
        .into_iter()
        .find(|(id, _)| id == "Apache-2.0")
        .unwrap();
    let edited = apache.replacen("royalty-free", "royalty-bearing", 3);
    let found = identify(&edited);
    assert_eq!(found[0].id, "Apache-2.0");
    assert!(found[0].score < identify(&apache)[0].score);
}

#[test]
fn dual_licence_file_yields_both() {
    let all = texts();
    let get = |id: &str| all.iter().find(|(i, _)| i == id).unwrap().1.clone();
    let both = format!(
        "This project is dual-licensed.\n\n{}\n\n----\n\n{}",
        get("MIT"),
        get("Apache-2.0")
    );
    let mut ids: Vec<String> = identify(&both).into_iter().map(|f| f.id).collect();
    ids.sort();
    assert_eq!(ids, ["Apache-2.0", "MIT"]);
}

#[test]
fn nonsense_binary_and_huge_inputs_are_bounded() {
    assert!(identify("").is_empty());
    assert!(identify("hello world, this is not a licence at all").is_empty());
    let bin = String::from_utf8_lossy(&(0..=255u8).cycle().take(100_000).collect::<Vec<_>>())
        .into_owned();
    assert!(identify(&bin).iter().all(|f| !f.is_exact()));
    let huge = "lorem ipsum dolor sit amet ".repeat(100_000);
    let t = std::time::Instant::now();
    let _ = identify(&huge);
    assert!(t.elapsed().as_secs() < 60);
}

#[test]
fn spdx_identifier_lines() {
    let src = "// SPDX-License-Identifier: MIT OR Apache-2.0\nfn main() {}\n/* SPDX-License-Identifier: GPL-2.0-only */\n";
    assert_eq!(
        identifier_lines(src),
        vec![
            (1, "MIT OR Apache-2.0".to_string()),
            (3, "GPL-2.0-only".to_string())
        ]
    );
}
