//! Entry points for the fuzz targets in `fuzz/` (also driven by a stable proptest so the
//! no-panic property is checked without nightly). Each feeds arbitrary bytes to the parsers
//! of one document family; errors are fine, panics are bugs.

use crate::parsers::{self, ParseInput};

fn run(names: &[&str], data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for name in names {
        if let Some(entry) = parsers::find(name) {
            let _ = (entry.parse)(&ParseInput {
                path: name,
                text: &text,
                read: None,
            });
        }
    }
}

/// JSON and JSONC lockfiles: package-lock.json, Pipfile.lock, bun.lock.
pub fn json_lockfiles(data: &[u8]) {
    run(&["package-lock.json", "Pipfile.lock", "bun.lock"], data);
}

/// YAML lockfiles: pnpm-lock.yaml, yarn.lock (Berry and classic).
pub fn yaml_lockfiles(data: &[u8]) {
    run(&["pnpm-lock.yaml", "yarn.lock"], data);
}

/// TOML lockfiles: Cargo.lock, poetry.lock, uv.lock, pdm.lock, pylock.toml.
pub fn toml_lockfiles(data: &[u8]) {
    run(
        &[
            "Cargo.lock",
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            "pylock.toml",
        ],
        data,
    );
}

/// Line formats: requirements.txt.
pub fn text_lockfiles(data: &[u8]) {
    run(&["requirements.txt"], data);
}
