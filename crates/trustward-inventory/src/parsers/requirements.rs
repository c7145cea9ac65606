//! Parser stub (being written).

use super::{ParseError, ParseInput, Parsed};

/// Whether a file name is a pip requirements file.
pub fn matches(name: &str) -> bool {
    name.starts_with("requirements") && name.ends_with(".txt")
}

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let _ = input;
    Err(ParseError::at(None, "not supported yet"))
}
