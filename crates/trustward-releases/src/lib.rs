//! trustward-releases: what a publisher needs to ship a release users can check.
//!
//! It owns minisign-compatible keys and signatures ([`minisig`]), the password sources
//! for secret keys ([`password`]), OpenPGP detached-signature verification ([`openpgp`])
//! and `SHA256SUMS`-style checksum manifests
//! ([`checksums`]). It must not know about the CLI, the report formats or the other
//! analyzers; it reads the files it is given and never executes anything.

pub mod checksums;
pub mod minisig;
pub mod openpgp;
pub mod password;
pub mod preflight;

use std::fmt::Write as _;

/// Why a release operation failed. Every variant names the file (or the key) concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A key, signature or manifest is not in the expected format.
    #[error("{path}: {message}")]
    Malformed {
        /// The file (or `-P` / argument) that is malformed.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A signature or checksum does not match.
    #[error("{path}: {message}")]
    Mismatch {
        /// The file whose signature or checksum failed.
        path: String,
        /// Why it failed.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating-system error.
        message: String,
    },
    /// Anything else (bad password, refused option).
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub(crate) fn malformed(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Malformed {
            path: path.into(),
            message: message.into(),
        }
    }
    pub(crate) fn mismatch(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Mismatch {
            path: path.into(),
            message: message.into(),
        }
    }
    pub(crate) fn io(path: impl Into<String>, e: &std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            message: e.to_string(),
        }
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Escapes control characters (and backslashes) so hostile text cannot drive a terminal.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads at most `max` bytes of a small text file (key, signature, manifest) as UTF-8.
pub(crate) fn read_small_text(path: &std::path::Path, max: u64, what: &str) -> Result<String> {
    use std::io::Read;
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    let mut buf = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(&shown, &e))?;
    if buf.len() as u64 > max {
        return Err(Error::malformed(
            shown,
            format!("larger than {max} bytes: not a {what}"),
        ));
    }
    String::from_utf8(buf)
        .map_err(|_| Error::malformed(shown, format!("not UTF-8 text: not a {what}")))
}
