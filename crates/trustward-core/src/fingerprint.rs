//! Stable finding fingerprints: a hash of rule id, path and the finding's key (its matched
//! content), never its line number, so baselines survive unrelated edits.

use crate::finding::Finding;
use sha2::{Digest, Sha256};

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The fingerprint of a finding: 32 hex digits of SHA-256 over `rule \0 path \0 key`.
/// When the analyzer gave no key, the message stands in for it.
pub fn fingerprint(f: &Finding) -> String {
    let key = if f.key.is_empty() { &f.message } else { &f.key };
    let input = format!(
        "{}\0{}\0{}",
        f.rule.id,
        f.location.path.as_deref().unwrap_or(""),
        key
    );
    sha256_hex(input.as_bytes())[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::rule::{Level, Practice, Rule};
    use crate::severity::{Confidence, Severity};

    static R: Rule = Rule {
        id: "demo/rule",
        title: "t",
        severity: Severity::Low,
        confidence: Confidence::High,
        practice: Practice::SecurityTesting,
        level: Level::Basic,
        controls: &[],
        description: "d",
        why: "w",
        fix: "f",
        fix_details: "",
        references: &[],
    };

    #[test]
    fn line_shifts_do_not_change_fingerprints() {
        let a = Finding::new(&R, "m", Location::file("a.txt").with_line(3)).with_key("secret-hash");
        let b =
            Finding::new(&R, "m", Location::file("a.txt").with_line(40)).with_key("secret-hash");
        let c = Finding::new(&R, "m", Location::file("b.txt").with_line(3)).with_key("secret-hash");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_eq!(fingerprint(&a).len(), 32);
    }
}
