//! Where output goes (stdout or `--output FILE`) and whether it is coloured.

use crate::cli::GlobalArgs;
use crate::exit::CliError;
use std::io::{IsTerminal, Write};

/// Whether text output may use ANSI colours: not with `--no-color`, `NO_COLOR`, an output
/// file, or a non-terminal stdout.
pub fn use_color(global: &GlobalArgs) -> bool {
    !global.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && global.output.is_none()
        && std::io::stdout().is_terminal()
}

/// Writes `text` to `--output` (atomically, via a temporary file beside it) or stdout.
pub fn emit(global: &GlobalArgs, text: &str) -> Result<(), CliError> {
    match &global.output {
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
            let tmp = path.with_extension("trustward-tmp");
            std::fs::write(&tmp, text)
                .and_then(|()| std::fs::rename(&tmp, path))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    CliError::usage(format!(
                        "cannot write {}: {e}{}",
                        path.display(),
                        if dir.is_some_and(|d| !d.exists()) {
                            " (its directory does not exist)"
                        } else {
                            ""
                        }
                    ))
                })
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`trustward rules | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(CliError::scan(format!(
                    "cannot write to standard output: {e}"
                ))),
            }
        }
    }
}
