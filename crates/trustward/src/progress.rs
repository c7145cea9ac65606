//! Progress on stderr, shown only when stderr is a terminal and not `--quiet`.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use trustward_core::analyzer::Progress;

/// A one-line status display that rewrites itself.
pub struct TerminalProgress {
    enabled: bool,
    shown: Mutex<bool>,
}

impl TerminalProgress {
    /// Progress that shows only if stderr is a TTY and `quiet` is false.
    pub fn new(quiet: bool) -> Self {
        TerminalProgress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            shown: Mutex::new(false),
        }
    }

    /// Clears the status line.
    pub fn finish(&self) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            *shown = false;
        }
    }
}

impl Progress for TerminalProgress {
    fn message(&self, analyzer: &str, message: &str) {
        if !self.enabled {
            return;
        }
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let line: String = format!("{analyzer}: {message}").chars().take(100).collect();
        let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
        let _ = std::io::stderr().flush();
        *shown = true;
    }
}
