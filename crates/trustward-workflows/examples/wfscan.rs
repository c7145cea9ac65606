//! Scans files or directories with the workflows rules and prints one finding per line
//! (`path<TAB>rule<TAB>line<TAB>column<TAB>severity<TAB>confidence`) and errors as
//! `path<TAB>ERROR<TAB>message`: the machine-readable side of the zizmor comparison
//! (bench/workflows/compare.py).

use std::path::Path;
use trustward_core::files::FileIndex;
use trustward_workflows::Settings;
use trustward_workflows::analyzer::scan_file;
use trustward_workflows::discover::classify;

fn main() {
    let settings = Settings::default();
    for arg in std::env::args().skip(1) {
        let p = Path::new(&arg);
        let (index, single) = if p.is_dir() {
            (FileIndex::new(p), false)
        } else {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (FileIndex::single_file(dir, &name), true)
        };
        for e in index.entries() {
            let Some(kind) = classify(&e.rel, single) else {
                continue;
            };
            let shown = if single {
                arg.clone()
            } else {
                format!("{arg}/{}", e.rel)
            };
            match scan_file(&index, &e.rel, kind, &settings) {
                Ok(fs) => {
                    for f in fs {
                        println!(
                            "{shown}\t{}\t{}\t{}\t{}\t{}",
                            f.rule.id,
                            f.location.line.unwrap_or(0),
                            f.location.column.unwrap_or(0),
                            f.severity,
                            f.confidence
                        );
                    }
                }
                Err(err) => println!("{shown}\tERROR\t{}\t{}", err.path, err.message),
            }
        }
    }
}
