//! Parser stubs (being written).

use super::{ParseError, ParseInput, Parsed};

/// Whether a file name is a PEP 751 lock file (`pylock.toml`, `pylock.NAME.toml`).
pub fn is_pylock(name: &str) -> bool {
    name == "pylock.toml" || (name.starts_with("pylock.") && name.ends_with(".toml"))
}

fn todo(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let _ = input;
    Err(ParseError::at(None, "not supported yet"))
}

/// Parses poetry.lock.
pub fn parse_poetry(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    todo(input)
}
/// Parses Pipfile.lock.
pub fn parse_pipfile(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    todo(input)
}
/// Parses uv.lock.
pub fn parse_uv(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    todo(input)
}
/// Parses pdm.lock.
pub fn parse_pdm(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    todo(input)
}
/// Parses pylock.toml.
pub fn parse_pylock(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    todo(input)
}
