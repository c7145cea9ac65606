//! Where a secret key's password comes from: an environment variable, standard input
//! (one line) or an interactive prompt on the terminal.

use crate::{Error, Result};
use std::io::BufRead;

/// The environment variable read for the password.
pub const ENV_VAR: &str = "TRUSTWARD_KEY_PASSWORD";
/// Longest password accepted (bytes), as minisign.
pub const MAX_LEN: usize = 1024;

/// Where to read the password from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `TRUSTWARD_KEY_PASSWORD` if set, else a terminal prompt.
    EnvOrPrompt,
    /// The first line of standard input.
    Stdin,
}

fn check(p: String) -> Result<String> {
    if p.len() > MAX_LEN {
        return Err(Error::Other(format!(
            "the password is longer than {MAX_LEN} bytes"
        )));
    }
    Ok(p)
}

/// Reads a password. With `confirm` (key generation), a prompt asks twice.
pub fn read(source: Source, prompt: &str, confirm: bool) -> Result<String> {
    match source {
        Source::Stdin => {
            let mut line = String::new();
            std::io::stdin().lock().take_line(&mut line).map_err(|e| {
                Error::Other(format!("cannot read the password from standard input: {e}"))
            })?;
            check(line)
        }
        Source::EnvOrPrompt => {
            if let Ok(p) = std::env::var(ENV_VAR) {
                return check(p);
            }
            let p = rpassword::prompt_password(prompt).map_err(|e| {
                Error::Other(format!(
                    "cannot prompt for the password ({e}); set {ENV_VAR} or use --password-stdin"
                ))
            })?;
            if confirm {
                let again = rpassword::prompt_password("Password (again): ")
                    .map_err(|e| Error::Other(format!("cannot prompt for the password ({e})")))?;
                if again != p {
                    return Err(Error::Other("the passwords do not match".into()));
                }
            }
            check(p)
        }
    }
}

trait TakeLine {
    fn take_line(&mut self, out: &mut String) -> std::io::Result<()>;
}

impl<R: BufRead> TakeLine for R {
    fn take_line(&mut self, out: &mut String) -> std::io::Result<()> {
        use std::io::Read;
        let mut buf = Vec::new();
        self.take(MAX_LEN as u64 + 2).read_until(b'\n', &mut buf)?;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        *out = String::from_utf8(buf).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "the password is not UTF-8")
        })?;
        Ok(())
    }
}
