//! Exit codes and the error type commands return.

use trustward_core::ConfigError;

/// The policy passed.
pub const PASSED: i32 = 0;
/// Bad usage or configuration.
pub const USAGE: i32 = 2;
/// The scan itself failed.
pub const SCAN_FAILED: i32 = 3;

/// An error that ends the command with a specific exit code.
#[derive(Debug)]
pub struct CliError {
    /// Exit code.
    pub code: i32,
    /// Message printed after `error: `.
    pub message: String,
}

impl CliError {
    /// A usage or configuration error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: USAGE,
            message: message.into(),
        }
    }

    /// A failure of the scan itself (exit 3).
    pub fn scan(message: impl Into<String>) -> Self {
        CliError {
            code: SCAN_FAILED,
            message: message.into(),
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::usage(e.to_string())
    }
}

/// Result of a command: the exit code on success.
pub type CliResult = Result<i32, CliError>;
