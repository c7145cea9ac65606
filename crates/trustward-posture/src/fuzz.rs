//! Bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), public so that the same code
//! also runs on stable in the mutation tests below: each must accept any bytes without
//! panicking.

use crate::parse::codeowners::{Codeowners, Dialect};
use crate::parse::security_txt::SecurityTxt;
use crate::parse::{license_id, spdx};

/// CODEOWNERS parsing and ownership look-ups.
pub fn codeowners(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for dialect in [Dialect::GitHub, Dialect::GitLab] {
        let co = Codeowners::parse_dialect(&text, dialect);
        for path in [
            ".github/workflows/ci.yml",
            "CODEOWNERS",
            "a/b/c",
            "",
            "Cargo.toml",
        ] {
            let _ = co.owner_of(path);
        }
    }
}

/// security.txt parsing and validation.
pub fn security_txt(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = SecurityTxt::parse(&text);
    let now = jiff::Timestamp::from_second(1_780_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let _ = crate::checks::security_txt::validate("security.txt", &parsed, now);
}

/// Licence identification, SPDX expressions and identifier lines.
pub fn license(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = license_id::identify(&text);
    let _ = spdx::validate_expression(&text);
    let _ = spdx::identifier_line(&text);
    let _ = crate::checks::license::identify_file(&text, &[]);
}

/// Security-policy prose checks.
pub fn security_policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let norm = crate::text::normalize(&text);
    let _ = crate::checks::security_policy::find_private_channel(&text, &norm);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic PRNG (xorshift64*), so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const SEEDS: &[&str] = &[
        "* @org/team\n/docs/ a@b.org\n!x @a\n*.[ch] @b\n**/logs @c\n/a/**/b\\ c @d # x\n",
        "^[Docs][2] @g/sub/team @@maintainer\ndocs/\n[Empty]\n/ci/\n",
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b.org\n- Expires: 2026-12-31T23:59:59Z\n-----BEGIN PGP SIGNATURE-----\nx\n-----END PGP SIGNATURE-----\n",
        "Contact: https://x.org\nExpires: 2026-12-31T23:59:59+01:00\nPreferred-Languages: en, de\n",
        "MIT License\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software\nSPDX-License-Identifier: (MIT OR Apache-2.0) AND GPL-2.0+ WITH x\n",
        "# Security\nMail security [at] example [dot] org or https://github.com/o/r/security/advisories/new\n",
    ];
    const TOKENS: &[&str] = &[
        "\n",
        " ",
        "#",
        "@",
        "/",
        "*",
        "**",
        "\\",
        "[",
        "!",
        ":",
        "(",
        ")",
        "OR",
        "é",
        "\u{feff}",
        "-----BEGIN PGP SIGNATURE-----",
        "- ",
        "mailto:",
        "https://",
        "\r\n",
        "\0",
    ];

    fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
        let mut v = seed.as_bytes().to_vec();
        for _ in 0..rng.below(8) + 1 {
            let pos = rng.below(v.len() + 1);
            match rng.below(4) {
                0 => {
                    let t = TOKENS[rng.below(TOKENS.len())];
                    v.splice(pos..pos, t.bytes());
                }
                1 if pos < v.len() => {
                    v.remove(pos);
                }
                2 if pos < v.len() => v[pos] = rng.next() as u8,
                _ => {
                    let end = (pos + rng.below(32)).min(v.len());
                    let chunk = v[pos..end].to_vec();
                    v.splice(pos..pos, chunk);
                }
            }
        }
        v
    }

    #[test]
    fn targets_survive_mutated_inputs() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for i in 0..3000 {
            let seed = SEEDS[i % SEEDS.len()];
            let input = mutate(&mut rng, seed);
            codeowners(&input);
            security_txt(&input);
            license(&input);
            security_policy(&input);
        }
        for input in [&b""[..], b"\xff\xfe", &[b'*'; 5000], &[b'\n'; 30_000]] {
            codeowners(input);
            security_txt(input);
            license(input);
            security_policy(input);
        }
    }
}
