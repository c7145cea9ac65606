//! Package databases of extracted container file systems: Debian/Ubuntu
//! `var/lib/dpkg/status` and Alpine `lib/apk/db/installed`. Both are stanzas separated by
//! blank lines; a stanza that lacks what a package needs is reported with its line and the
//! other stanzas are still read.
//!
//! **dpkg** (deb-control(5), dpkg-query(1)): fields `Field: value`, continuation lines start
//! with a space or tab. A stanza is an installed package when its `Status` ends in
//! `installed` (`install ok installed`, `hold ok installed`); others (`config-files`,
//! `not-installed`, half-installed …) are not listed. OSV's Debian advisories name *source*
//! packages, so a package is listed under its `Source:` name when given (else the binary
//! name), at the source version written in parentheses (`Source: openssl (3.0.11-1)`) when
//! given (else `Version:`); binary packages of one source merge into one entry
//! (`pkg:deb/debian/openssl@3.0.11-1?arch=source`).
//!
//! **apk** (apk-v2 installed database, one letter per field: `P` name, `V` version, `A`
//! architecture, `o` origin, `C` checksum `Q1<base64 SHA-1>`): listed under the origin
//! (source) package name when given, as Alpine's secdb and OSV name source packages.

use super::support::{Collected, package};
use crate::model::{Ecosystem, Scope};
use crate::purl::Purl;

/// Whether `rel` (path relative to the root) is a dpkg status file.
pub fn is_dpkg_status(rel: &str) -> bool {
    rel == "var/lib/dpkg/status" || rel.ends_with("/var/lib/dpkg/status")
}

/// Whether `rel` is an apk installed database.
pub fn is_apk_installed(rel: &str) -> bool {
    rel == "lib/apk/db/installed" || rel.ends_with("/lib/apk/db/installed")
}

/// One stanza: (line of its first field, fields as (name, value, line)).
type Stanza<'a> = (u32, Vec<(&'a str, String, u32)>);

/// Splits `text` into stanzas; `sep` splits a line into field name and value. Lines that
/// are neither a field nor a continuation are reported.
fn stanzas<'a>(
    text: &'a str,
    sep: fn(&'a str) -> Option<(&'a str, &'a str)>,
    continuation: bool,
    out: &mut Collected,
) -> Vec<Stanza<'a>> {
    let mut all = Vec::new();
    let mut cur: Option<Stanza<'a>> = None;
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            all.extend(cur.take());
            continue;
        }
        if continuation && (line.starts_with(' ') || line.starts_with('\t')) {
            match cur.as_mut().and_then(|c| c.1.last_mut()) {
                Some(last) => {
                    last.1.push('\n');
                    last.1.push_str(line.trim());
                }
                None => out.error(Some(n), "continuation line outside a field"),
            }
            continue;
        }
        match sep(line) {
            Some((k, v)) if !k.is_empty() => {
                cur.get_or_insert_with(|| (n, Vec::new()))
                    .1
                    .push((k, v.trim().to_string(), n));
            }
            _ => out.error(
                Some(n),
                format!(
                    "not a `Field: value` line: {:?}",
                    line.chars().take(60).collect::<String>()
                ),
            ),
        }
    }
    all.extend(cur);
    all
}

fn field<'s>(st: &'s Stanza<'_>, name: &str) -> Option<&'s str> {
    st.1.iter()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v, _)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Parses a dpkg status file.
pub fn parse_dpkg(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("dpkg status");
    let sts = stanzas(text, |l| l.split_once(':'), true, &mut out);
    for st in &sts {
        let line = Some(st.0);
        let Some(binary) = field(st, "Package") else {
            out.error(line, "a stanza without `Package:`");
            continue;
        };
        let status = field(st, "Status").unwrap_or("");
        if status.is_empty() {
            out.error(line, format!("package {binary:?} has no `Status:`"));
            continue;
        }
        if status.split_whitespace().last() != Some("installed") {
            continue;
        }
        let Some(version) = field(st, "Version") else {
            out.error(line, format!("package {binary:?} has no `Version:`"));
            continue;
        };
        // `Source: name` or `Source: name (version)`.
        let (name, version) = match field(st, "Source") {
            Some(src) => match src.split_once('(') {
                Some((n, v)) => {
                    let v = v.trim().trim_end_matches(')').trim();
                    let v = if v.is_empty() { version } else { v };
                    (n.trim(), v)
                }
                None => (src.trim(), version),
            },
            None => (binary, version),
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            out.error(line, format!("package {binary:?}: bad `Source:` {name:?}"));
            continue;
        }
        let purl = Purl::new("deb", "debian", name, version)
            .qualifier("arch", "source")
            .to_string();
        out.push(package(
            Ecosystem::Debian,
            name,
            version,
            purl,
            Scope::Runtime,
            None,
            path,
            line,
        ));
    }
    out.packages.sort();
    out.packages.dedup_by(|a, b| a.purl == b.purl);
    out
}

/// Parses an apk installed database.
pub fn parse_apk(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("apk installed");
    let sts = stanzas(
        text,
        |l| l.split_once(':').filter(|(k, _)| k.len() == 1),
        false,
        &mut out,
    );
    for st in &sts {
        let line = Some(st.0);
        let (Some(binary), Some(version)) = (field_exact(st, "P"), field_exact(st, "V")) else {
            out.error(line, "a stanza without `P:` (name) or `V:` (version)");
            continue;
        };
        let name = field_exact(st, "o").unwrap_or(binary);
        let mut purl = Purl::new("apk", "alpine", name, version);
        if let Some(arch) = field_exact(st, "A") {
            purl = purl.qualifier("arch", arch);
        }
        out.push(package(
            Ecosystem::Alpine,
            name,
            version,
            purl.to_string(),
            Scope::Runtime,
            None,
            path,
            line,
        ));
    }
    out.packages.sort();
    out.packages.dedup_by(|a, b| a.purl == b.purl);
    out
}

/// apk field names are case-sensitive (`o` origin, `O` owner).
fn field_exact<'s>(st: &'s Stanza<'_>, name: &str) -> Option<&'s str> {
    st.1.iter()
        .find(|(k, _, _)| *k == name)
        .map(|(_, v, _)| v.as_str())
        .filter(|v| !v.is_empty())
}
