//! How a secret is shown: redacted to a short prefix and a hash by default, in full only
//! with `--show-secrets`. The hash also keys the finding's fingerprint.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of the secret's bytes.
pub fn secret_sha256(secret: &[u8]) -> String {
    let digest = Sha256::digest(secret);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The secret as printed: `prefix…sha256:0123456789ab`, or the whole secret when `show`.
/// The prefix is at most 4 characters and at most a quarter of the secret, so short
/// secrets reveal almost nothing.
pub fn display(secret: &[u8], show: bool) -> String {
    let text = String::from_utf8_lossy(secret);
    if show {
        return text.into_owned();
    }
    let chars = text.chars().count();
    let keep = (chars / 4).min(4);
    let prefix: String = text
        .chars()
        .take(keep)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let hash = secret_sha256(secret);
    format!("{prefix}…sha256:{}", &hash[..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_by_default() {
        let s = b"ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        let shown = display(s, false);
        assert!(shown.starts_with("ghp_…sha256:"), "{shown}");
        assert_eq!(shown.chars().count(), 4 + 1 + 7 + 12);
        assert_eq!(display(s, true), String::from_utf8_lossy(s));
        // A short secret reveals at most a quarter of itself.
        assert!(display(b"abcdefg", false).starts_with("a…"));
        assert!(display(b"abc", false).starts_with("…"));
        // The hash is the SHA-256 of the bytes (known vector for "abc").
        assert_eq!(
            secret_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
