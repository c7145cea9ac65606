//! `security.txt` (RFC 9116): lines of `Field-Name: value`, `#` comments and blank
//! lines, optionally inside an OpenPGP cleartext signature (RFC 4880 §7). Parsing keeps
//! every field with its line and the column of its value; syntax problems are recorded
//! with their line, never fatal.

/// Most lines parsed.
pub const MAX_LINES: usize = 10_000;

/// One `Name: value` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The name as written.
    pub name: String,
    /// The value with surrounding whitespace removed.
    pub value: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column of the value.
    pub value_column: u32,
}

impl Field {
    /// Whether the field is named `name` (field names are case-insensitive).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// A syntax problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxProblem {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// A parsed security.txt.
#[derive(Debug, Clone, Default)]
pub struct SecurityTxt {
    /// Fields in file order.
    pub fields: Vec<Field>,
    /// Lines that are neither fields, comments nor blank, and signature-wrapper problems.
    pub problems: Vec<SyntaxProblem>,
    /// Whether the content is wrapped in an OpenPGP cleartext signature.
    pub signed: bool,
}

impl SecurityTxt {
    /// Fields named `name`.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields.iter().filter(move |f| f.is(name))
    }

    /// Parses the file text.
    pub fn parse(text: &str) -> SecurityTxt {
        let mut out = SecurityTxt::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().take(MAX_LINES).collect();
        let first_content = lines.iter().position(|l| !l.trim().is_empty());
        let signed = first_content
            .and_then(|i| lines.get(i))
            .is_some_and(|l| l.trim_end() == "-----BEGIN PGP SIGNED MESSAGE-----");
        out.signed = signed;
        let mut i = 0;
        if signed {
            i = first_content.unwrap_or(0) + 1;
            // Armor headers (`Hash: SHA256`) up to the first blank line.
            while let Some(l) = lines.get(i) {
                i += 1;
                if l.trim().is_empty() {
                    break;
                }
                if !l.starts_with("Hash:") {
                    out.problems.push(SyntaxProblem {
                        line: crate::repo::line_no(i - 1),
                        column: 1,
                        message: format!(
                            "unexpected armor header `{}` in the signed message (only `Hash:` is allowed)",
                            l.trim()
                        ),
                    });
                }
            }
        }
        let mut saw_signature = false;
        let mut saw_end = false;
        while let Some(raw) = lines.get(i) {
            let idx = i;
            i += 1;
            let line_no = crate::repo::line_no(idx);
            let mut line = raw.trim_end();
            if signed {
                if line == "-----BEGIN PGP SIGNATURE-----" {
                    saw_signature = true;
                    // Skip the signature block.
                    while let Some(s) = lines.get(i) {
                        i += 1;
                        if s.trim_end() == "-----END PGP SIGNATURE-----" {
                            saw_end = true;
                            break;
                        }
                    }
                    // Anything after the signature is outside the signed content.
                    for (k, rest) in lines.iter().enumerate().skip(i) {
                        if !rest.trim().is_empty() {
                            out.problems.push(SyntaxProblem {
                                line: crate::repo::line_no(k),
                                column: 1,
                                message: "content after the PGP signature is not covered by it"
                                    .to_string(),
                            });
                            break;
                        }
                    }
                    break;
                }
                // Dash-escaped lines (RFC 4880 §7.1).
                if let Some(rest) = line.strip_prefix("- ") {
                    line = rest;
                }
            } else if line.starts_with("-----BEGIN PGP") {
                out.problems.push(SyntaxProblem {
                    line: line_no,
                    column: 1,
                    message: "a PGP block that does not open the file: a signed security.txt \
                              must start with `-----BEGIN PGP SIGNED MESSAGE-----`"
                        .to_string(),
                });
                break;
            }
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            match parse_field(line) {
                Ok((name, value, value_off)) => out.fields.push(Field {
                    name: name.to_string(),
                    value: value.to_string(),
                    line: line_no,
                    value_column: crate::repo::column(line, value_off),
                }),
                Err((off, message)) => out.problems.push(SyntaxProblem {
                    line: line_no,
                    column: crate::repo::column(line, off),
                    message,
                }),
            }
        }
        if signed && !saw_signature {
            out.problems.push(SyntaxProblem {
                line: crate::repo::line_no(lines.len().saturating_sub(1)),
                column: 1,
                message: "the signed message has no `-----BEGIN PGP SIGNATURE-----` block"
                    .to_string(),
            });
        } else if signed && !saw_end {
            out.problems.push(SyntaxProblem {
                line: crate::repo::line_no(lines.len().saturating_sub(1)),
                column: 1,
                message: "the PGP signature block is not closed by `-----END PGP SIGNATURE-----`"
                    .to_string(),
            });
        }
        out
    }
}

/// Splits `Name: value`; the name is an RFC 5322 field name (printable ASCII but `:`),
/// with nothing between it and the colon. Returns name, value and the value's offset.
fn parse_field(line: &str) -> Result<(&str, &str, usize), (usize, String)> {
    let Some(colon) = line.find(':') else {
        return Err((
            0,
            "not a `Field-Name: value` line, a `#` comment or a blank line".to_string(),
        ));
    };
    let name = &line[..colon];
    if name.is_empty() {
        return Err((0, "the field has no name before `:`".to_string()));
    }
    if let Some((off, c)) = name
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_graphic() && *c != ':'))
    {
        return Err((
            off,
            format!(
                "invalid character {c:?} in field name `{name}` (field names are printable \
                 ASCII with no spaces, directly followed by `:`)"
            ),
        ));
    }
    let after = &line[colon + 1..];
    let lead = after.len() - after.trim_start().len();
    let value = after.trim();
    if value.is_empty() {
        return Err((colon, format!("the `{name}` field has an empty value")));
    }
    Ok((name, value, colon + 1 + lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_file() {
        let t = "# Our policy\nContact: mailto:security@example.org\n\
                 Expires: 2027-01-01T00:00:00Z\nbroken line\nPolicy : https://x\n";
        let s = SecurityTxt::parse(t);
        assert!(!s.signed);
        assert_eq!(s.fields.len(), 2);
        assert_eq!(s.fields[0].value, "mailto:security@example.org");
        assert_eq!((s.fields[0].line, s.fields[0].value_column), (2, 10));
        assert_eq!(s.problems.len(), 2);
        assert_eq!((s.problems[0].line, s.problems[0].column), (4, 1));
        assert_eq!((s.problems[1].line, s.problems[1].column), (5, 7));
    }

    #[test]
    fn signed_file() {
        let t = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n\
                 Contact: https://example.org/security\n- # dash escaped comment\n\
                 Expires: 2027-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n\nabc\n\
                 -----END PGP SIGNATURE-----\n";
        let s = SecurityTxt::parse(t);
        assert!(s.signed);
        assert_eq!(s.fields.len(), 2, "{:?}", s.problems);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.fields[1].line, 6);
    }

    #[test]
    fn unterminated_signature() {
        let t = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b.org\n";
        let s = SecurityTxt::parse(t);
        assert_eq!(s.problems.len(), 1);
        assert!(
            s.problems[0]
                .message
                .contains("no `-----BEGIN PGP SIGNATURE")
        );
    }

    #[test]
    fn hostile() {
        for t in [
            "",
            ":",
            "\u{feff}",
            "é:é",
            "-----BEGIN PGP SIGNED MESSAGE-----",
            "a:\n:b\n",
        ] {
            let _ = SecurityTxt::parse(t);
        }
    }
}
