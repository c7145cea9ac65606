//! Fuzz-target bodies, public so the cargo-fuzz targets in `fuzz/` and the stable
//! no-panic tests exercise the same code.

use crate::settings::Settings;

/// Parses arbitrary bytes as YAML and runs every workflow/action/dependabot check.
pub fn fuzz_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = Settings::default();
    for kind in [
        crate::discover::Kind::Workflow,
        crate::discover::Kind::Action,
        crate::discover::Kind::Dependabot,
    ] {
        let _ = crate::analyzer::scan_text("fuzz.yml", text, kind, &settings);
    }
    let _ = crate::uses::references(text);
}

/// Parses arbitrary bytes as a Dockerfile and runs every Dockerfile check.
pub fn fuzz_dockerfile(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::analyzer::scan_text(
        "Dockerfile",
        &text,
        crate::discover::Kind::Dockerfile,
        &Settings::default(),
    );
}
