//! Parser stub (being written).

use super::{ParseError, ParseInput, Parsed};

/// Parses the file.
pub fn parse(input: &ParseInput<'_>) -> Result<Parsed, ParseError> {
    let _ = input;
    Err(ParseError::at(None, "not supported yet"))
}
