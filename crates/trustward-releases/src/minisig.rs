//! minisign-compatible Ed25519 keys and signatures.
//!
//! File formats (as minisign documents them):
//! - public key: `untrusted comment: …` then base64 of `"Ed" ‖ key id (8) ‖ Ed25519 key (32)`;
//! - secret key: `untrusted comment: …` then base64 of `"Ed" ‖ kdf ("Sc" scrypt or 0,0) ‖
//!   "B2" ‖ salt (32) ‖ opslimit (8) ‖ memlimit (8) ‖ [key id (8) ‖ secret key (64) ‖
//!   BLAKE2b checksum (32)]`, the bracketed part XORed with the scrypt output when encrypted;
//! - signature: `untrusted comment: …`, base64 of `"ED" ‖ key id ‖ Ed25519(BLAKE2b-512(file))`,
//!   `trusted comment: …`, base64 of `Ed25519(signature ‖ trusted comment)`.
//!
//! The parsers here check the structure strictly and give a reason for every rejection;
//! key generation and scrypt key encryption are the `minisign` crate's; the file prehash is
//! `blake2b_simd` (BLAKE2b-512, SIMD) and the signatures `ed25519-dalek`. Files are hashed
//! streaming (256 KiB reads), so memory stays flat whatever their size.

use crate::{Error, Result, read_small_text};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::path::Path;

/// Largest key or signature file read (bytes).
pub const MAX_KEY_OR_SIG: u64 = 64 * 1024;
/// The untrusted comment written into signatures.
pub const UNTRUSTED_SIG_COMMENT: &str = "signature from trustward secret key";
const UNTRUSTED_PREFIX: &str = "untrusted comment: ";
const TRUSTED_PREFIX: &str = "trusted comment: ";
const PK_LEN: usize = 2 + 8 + 32;
const SK_LEN: usize = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
const SIG_LEN: usize = 2 + 8 + 64;

fn key_id_hex(id: &[u8; 8]) -> String {
    format!("{:016X}", u64::from_le_bytes(*id))
}

fn decode_b64(line: &str, origin: &str, what: &str) -> Result<Vec<u8>> {
    STANDARD.decode(line.trim()).map_err(|e| {
        Error::malformed(
            origin,
            format!("{what} is not valid base64: truncated or corrupted ({e})"),
        )
    })
}

/// Non-empty lines with their line endings removed; a trailing empty line is allowed.
fn lines_of(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// A minisign public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    key_id: [u8; 8],
    key: [u8; 32],
}

impl PublicKey {
    /// Parses a public key file's text (`untrusted comment:` line, then the base64 key).
    pub fn parse(text: &str, origin: &str) -> Result<Self> {
        let lines = lines_of(text);
        match lines.as_slice() {
            [comment, key] if comment.starts_with(UNTRUSTED_PREFIX) => {
                Self::from_base64(key, origin)
            }
            [first, ..] if !first.starts_with(UNTRUSTED_PREFIX) => Err(Error::malformed(
                origin,
                "not a minisign public key: the first line must start with `untrusted comment: `",
            )),
            _ => Err(Error::malformed(
                origin,
                format!(
                    "not a minisign public key: expected 2 lines (comment, key), found {}",
                    lines.len()
                ),
            )),
        }
    }

    /// Reads and parses a public key file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = read_small_text(path, MAX_KEY_OR_SIG, "minisign public key")?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses the base64 key alone (minisign's `-P`).
    pub fn from_base64(b64: &str, origin: &str) -> Result<Self> {
        let bytes = decode_b64(b64, origin, "the public key")?;
        if bytes.len() != PK_LEN {
            return Err(Error::malformed(
                origin,
                format!(
                    "the public key is {} bytes, expected {PK_LEN} (truncated or not a minisign key)",
                    bytes.len()
                ),
            ));
        }
        if &bytes[..2] != b"Ed" {
            return Err(Error::malformed(
                origin,
                "unsupported public key algorithm (minisign keys start with `Ed`)",
            ));
        }
        let mut key_id = [0; 8];
        key_id.copy_from_slice(&bytes[2..10]);
        let mut key = [0; 32];
        key.copy_from_slice(&bytes[10..]);
        Ok(PublicKey { key_id, key })
    }

    /// The key id as minisign prints it (16 upper-case hex digits).
    pub fn key_id(&self) -> String {
        key_id_hex(&self.key_id)
    }

    fn bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(PK_LEN);
        v.extend_from_slice(b"Ed");
        v.extend_from_slice(&self.key_id);
        v.extend_from_slice(&self.key);
        v
    }

    /// The base64 key (what `-P` takes).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.bytes())
    }

    /// The public key file's text.
    pub fn to_file_text(&self) -> String {
        format!(
            "{UNTRUSTED_PREFIX}minisign public key {}\n{}\n",
            self.key_id(),
            self.to_base64()
        )
    }
}

/// A parsed (still possibly encrypted) minisign secret key file.
#[derive(Clone)]
pub struct SecretKeyFile {
    text: String,
    encrypted: bool,
    origin: String,
}

impl std::fmt::Debug for SecretKeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretKeyFile")
            .field("encrypted", &self.encrypted)
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl SecretKeyFile {
    /// Parses a secret key file's text.
    pub fn parse(text: &str, origin: &str) -> Result<Self> {
        let lines = lines_of(text);
        let [comment, key] = lines.as_slice() else {
            return Err(Error::malformed(
                origin,
                format!(
                    "not a minisign secret key: expected 2 lines (comment, key), found {}",
                    lines.len()
                ),
            ));
        };
        if !comment.starts_with(UNTRUSTED_PREFIX) {
            return Err(Error::malformed(
                origin,
                "not a minisign secret key: the first line must start with `untrusted comment: `",
            ));
        }
        let bytes = decode_b64(key, origin, "the secret key")?;
        if bytes.len() != SK_LEN {
            return Err(Error::malformed(
                origin,
                format!(
                    "the secret key is {} bytes, expected {SK_LEN} (truncated, or a public key?)",
                    bytes.len()
                ),
            ));
        }
        if &bytes[..2] != b"Ed" {
            return Err(Error::malformed(
                origin,
                "unsupported secret key algorithm (minisign keys start with `Ed`)",
            ));
        }
        let encrypted = match &bytes[2..4] {
            b"Sc" => true,
            [0, 0] => false,
            _ => {
                return Err(Error::malformed(
                    origin,
                    "unsupported key encryption (minisign uses scrypt, `Sc`, or none)",
                ));
            }
        };
        if &bytes[4..6] != b"B2" {
            return Err(Error::malformed(
                origin,
                "unsupported secret key checksum algorithm (expected BLAKE2b, `B2`)",
            ));
        }
        let mut key_b64 = key.trim().to_string();
        if !encrypted && bytes[126..].iter().all(|b| *b == 0) {
            // minisign 0.11 writes passwordless keys (`-W`) without a checksum: compute it
            // (BLAKE2b-256 of algorithm ‖ key id ‖ secret key), as minisign does for others.
            use blake2::digest::{Update, VariableOutput};
            let mut h = blake2::Blake2bVar::new(32).expect("32 is a valid BLAKE2b length");
            h.update(&bytes[..2]);
            h.update(&bytes[54..126]);
            let mut fixed = bytes.clone();
            h.finalize_variable(&mut fixed[126..])
                .expect("the output buffer is 32 bytes");
            key_b64 = STANDARD.encode(&fixed);
        }
        Ok(SecretKeyFile {
            text: format!("{comment}\n{key_b64}\n"),
            encrypted,
            origin: origin.to_string(),
        })
    }

    /// Reads and parses a secret key file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = read_small_text(path, MAX_KEY_OR_SIG, "minisign secret key")?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Whether a password is needed.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Decrypts the key (`password` is ignored for an unencrypted key).
    pub fn unlock(&self, password: Option<&str>) -> Result<SecretKey> {
        let sk_box = minisign::SecretKeyBox::from_string(&self.text)
            .map_err(|e| Error::malformed(&self.origin, e.to_string()))?;
        let sk = if self.encrypted {
            let Some(password) = password else {
                return Err(Error::Other(format!(
                    "{}: the secret key is encrypted and no password was given",
                    self.origin
                )));
            };
            sk_box
                .into_secret_key(Some(password.to_string()))
                .map_err(|e| {
                    let msg = e.to_string();
                    if msg.contains("Wrong password") {
                        Error::Other(format!(
                            "{}: wrong password for this secret key",
                            self.origin
                        ))
                    } else {
                        Error::malformed(&self.origin, format!("cannot decrypt: {msg}"))
                    }
                })?
        } else {
            sk_box
                .into_unencrypted_secret_key()
                .map_err(|e| Error::malformed(&self.origin, format!("corrupted key: {e}")))?
        };
        let pk = minisign::PublicKey::from_secret_key(&sk)
            .map_err(|e| Error::malformed(&self.origin, e.to_string()))?;
        let public = PublicKey::from_base64(&pk.to_base64(), &self.origin)?;
        Ok(SecretKey { sk, public })
    }
}

/// A decrypted secret key, ready to sign.
pub struct SecretKey {
    sk: minisign::SecretKey,
    public: PublicKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl SecretKey {
    /// The matching public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }
}

/// A freshly generated key pair, as file texts.
pub struct GeneratedKeys {
    /// The public key file's text.
    pub public: String,
    /// The secret key file's text (encrypted unless generated without a password).
    pub secret: String,
    /// The key id.
    pub key_id: String,
}

/// Generates an Ed25519 key pair; the secret key is scrypt-encrypted with `password`, or
/// stored unencrypted when `password` is `None`.
pub fn generate(password: Option<&str>) -> Result<GeneratedKeys> {
    let kp = match password {
        Some(p) => minisign::KeyPair::generate_encrypted_keypair(Some(p.to_string())),
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(|e| Error::Other(format!("cannot generate a key pair: {e}")))?;
    let public = PublicKey::from_base64(&kp.pk.to_base64(), "generated key")?;
    let comment = if password.is_some() {
        "trustward encrypted secret key"
    } else {
        "trustward secret key (NOT encrypted)"
    };
    let secret = kp
        .sk
        .to_box(Some(comment))
        .map_err(|e| Error::Other(format!("cannot encode the secret key: {e}")))?
        .into_string();
    Ok(GeneratedKeys {
        public: public.to_file_text(),
        secret,
        key_id: public.key_id(),
    })
}

/// A parsed `.minisig` signature.
#[derive(Debug, Clone)]
pub struct Signature {
    text: String,
    key_id: [u8; 8],
    sig: [u8; 64],
    global: [u8; 64],
    /// The signed trusted comment (unverified until [`verify_file`] succeeds).
    pub trusted_comment: String,
}

impl Signature {
    /// Parses a signature file's text.
    pub fn parse(text: &str, origin: &str) -> Result<Self> {
        let lines = lines_of(text);
        if lines.is_empty() {
            return Err(Error::malformed(origin, "empty signature file"));
        }
        if !lines[0].starts_with(UNTRUSTED_PREFIX) {
            return Err(Error::malformed(
                origin,
                "not a minisign signature: the first line must start with `untrusted comment: `",
            ));
        }
        let Some(sig_line) = lines.get(1) else {
            return Err(Error::malformed(
                origin,
                "truncated signature: the signature line is missing",
            ));
        };
        let sig = decode_b64(sig_line, origin, "the signature line")?;
        if sig.len() != SIG_LEN {
            return Err(Error::malformed(
                origin,
                format!(
                    "truncated or corrupted signature: {} bytes, expected {SIG_LEN}",
                    sig.len()
                ),
            ));
        }
        match &sig[..2] {
            b"ED" => {}
            b"Ed" => {
                return Err(Error::malformed(
                    origin,
                    "legacy (not prehashed) minisign signature: not accepted; re-sign with a current minisign or trustward",
                ));
            }
            _ => {
                return Err(Error::malformed(
                    origin,
                    "unsupported signature algorithm (expected `ED`, prehashed Ed25519)",
                ));
            }
        }
        let Some(trusted) = lines.get(2) else {
            return Err(Error::malformed(
                origin,
                "truncated signature: the trusted comment line is missing",
            ));
        };
        let Some(trusted_comment) = trusted.strip_prefix(TRUSTED_PREFIX) else {
            return Err(Error::malformed(
                origin,
                "the third line must start with `trusted comment: `",
            ));
        };
        let Some(global) = lines.get(3) else {
            return Err(Error::malformed(
                origin,
                "truncated signature: the trusted comment's signature is missing",
            ));
        };
        let global_sig = decode_b64(global, origin, "the trusted comment's signature")?;
        if global_sig.len() != 64 {
            return Err(Error::malformed(
                origin,
                format!(
                    "truncated or corrupted trusted comment signature: {} bytes, expected 64",
                    global_sig.len()
                ),
            ));
        }
        if lines.len() > 4 {
            return Err(Error::malformed(
                origin,
                format!(
                    "unexpected content after the signature (line {})",
                    5.min(lines.len())
                ),
            ));
        }
        let mut key_id = [0; 8];
        key_id.copy_from_slice(&sig[2..10]);
        let mut sig64 = [0; 64];
        sig64.copy_from_slice(&sig[10..]);
        let mut global64 = [0; 64];
        global64.copy_from_slice(&global_sig);
        Ok(Signature {
            sig: sig64,
            global: global64,
            text: format!(
                "{}\n{}\n{}\n{}\n",
                lines[0],
                sig_line.trim(),
                trusted,
                global.trim()
            ),
            key_id,
            trusted_comment: trusted_comment.trim().to_string(),
        })
    }

    /// Reads and parses a signature file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = read_small_text(path, MAX_KEY_OR_SIG, "minisign signature")?;
        Self::parse(&text, &path.display().to_string())
    }

    /// The id of the key that made the signature.
    pub fn key_id(&self) -> String {
        key_id_hex(&self.key_id)
    }

    /// The signature file's text.
    pub fn to_file_text(&self) -> &str {
        &self.text
    }
}

/// Checks a trusted comment can be written on one line.
pub fn check_trusted_comment(comment: &str) -> Result<()> {
    if comment.chars().any(|c| c == '\n' || c == '\r') {
        return Err(Error::Other(
            "the trusted comment must be a single line".into(),
        ));
    }
    if comment.len() > 8192 {
        return Err(Error::Other(
            "the trusted comment is longer than 8192 bytes".into(),
        ));
    }
    Ok(())
}

/// The default trusted comment: timestamp and file name, as minisign writes it.
pub fn default_trusted_comment(path: &Path) -> String {
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("timestamp:{ts}\tfile:{name}\thashed")
}

/// Signs a file (streamed) and returns the `.minisig` text.
pub fn sign_file(key: &SecretKey, path: &Path, trusted_comment: &str) -> Result<Signature> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    sign_reader(key, file, trusted_comment, &shown)
}

/// BLAKE2b-512 of what `reader` yields, in 256 KiB reads (SIMD where the CPU has it).
fn prehash(mut reader: impl std::io::Read, origin: &str) -> Result<[u8; 64]> {
    let mut state = blake2b_simd::Params::new().hash_length(64).to_state();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(origin, &e)),
        };
        state.update(&buf[..n]);
    }
    let mut out = [0u8; 64];
    out.copy_from_slice(state.finalize().as_bytes());
    Ok(out)
}

/// Signs what `reader` yields (streamed): Ed25519 over the BLAKE2b-512 prehash, then over
/// the signature followed by the trusted comment, as minisign does.
pub fn sign_reader(
    key: &SecretKey,
    reader: impl std::io::Read,
    trusted_comment: &str,
    origin: &str,
) -> Result<Signature> {
    use ed25519_dalek::Signer;
    check_trusted_comment(trusted_comment)?;
    let raw = key.sk.to_bytes();
    // Layout: algorithm, kdf, checksum algorithm (2 each), salt (32), limits (8 + 8),
    // key id (8), then the 64-byte Ed25519 secret key: seed (32) ‖ public key (32).
    let (Some(key_id), Some(seed), Some(public)) =
        (raw.get(54..62), raw.get(62..94), raw.get(94..126))
    else {
        return Err(Error::Other(format!(
            "{origin}: the secret key is incomplete"
        )));
    };
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| Error::Other("bad seed".into()))?;
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    if signing.verifying_key().as_bytes() != public || public != key.public.key {
        return Err(Error::Other(format!(
            "{origin}: the secret key is corrupted (its public half does not match its seed)"
        )));
    }
    let digest = prehash(reader, origin)?;
    let sig = signing.sign(&digest).to_bytes();
    let mut signed = sig.to_vec();
    signed.extend_from_slice(trusted_comment.as_bytes());
    let global = signing.sign(&signed).to_bytes();
    let mut sig_line = Vec::with_capacity(SIG_LEN);
    sig_line.extend_from_slice(b"ED");
    sig_line.extend_from_slice(key_id);
    sig_line.extend_from_slice(&sig);
    let text = format!(
        "{UNTRUSTED_PREFIX}{UNTRUSTED_SIG_COMMENT}\n{}\n{TRUSTED_PREFIX}{trusted_comment}\n{}\n",
        STANDARD.encode(&sig_line),
        STANDARD.encode(global)
    );
    Signature::parse(&text, origin)
}

/// What a successful verification established.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The signing key's id.
    pub key_id: String,
    /// The (now authenticated) trusted comment.
    pub trusted_comment: String,
}

/// Verifies `path` against `sig` with `key`, streaming the file.
pub fn verify_file(key: &PublicKey, sig: &Signature, path: &Path) -> Result<Verified> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    verify_reader(key, sig, file, &shown)
}

/// Verifies what `reader` yields against `sig` with `key`.
pub fn verify_reader(
    key: &PublicKey,
    sig: &Signature,
    reader: impl std::io::Read,
    origin: &str,
) -> Result<Verified> {
    if sig.key_id != key.key_id {
        return Err(Error::mismatch(
            origin,
            format!(
                "signed by key ID {}, not by the given key {} (wrong public key?)",
                sig.key_id(),
                key.key_id()
            ),
        ));
    }
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&key.key).map_err(|_| {
        Error::Other(format!(
            "key {}: not a valid Ed25519 public key",
            key.key_id()
        ))
    })?;
    let digest = prehash(reader, origin)?;
    let file_sig = ed25519_dalek::Signature::from_bytes(&sig.sig);
    if vk.verify_strict(&digest, &file_sig).is_err() {
        return Err(Error::mismatch(
            origin,
            "the signature does not match the file's contents (file altered, or signature of another file)",
        ));
    }
    let mut signed = sig.sig.to_vec();
    signed.extend_from_slice(sig.trusted_comment.as_bytes());
    let global = ed25519_dalek::Signature::from_bytes(&sig.global);
    if vk.verify_strict(&signed, &global).is_err() {
        return Err(Error::mismatch(
            origin,
            "the trusted comment does not match its signature (the comment was altered)",
        ));
    }
    Ok(Verified {
        key_id: key.key_id(),
        trusted_comment: sig.trusted_comment.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;

    fn keys() -> (SecretKey, PublicKey) {
        let g = generate(None).unwrap();
        let sk = SecretKeyFile::parse(&g.secret, "sk").unwrap();
        let sk = sk.unlock(None).unwrap();
        let pk = PublicKey::parse(&g.public, "pk").unwrap();
        (sk, pk)
    }

    #[test]
    fn round_trip_and_tampering() {
        let (sk, pk) = keys();
        assert_eq!(sk.public_key(), &pk);
        let data = b"release contents".to_vec();
        let sig = sign_reader(&sk, &data[..], "timestamp:1\tfile:x", "x").unwrap();
        let parsed = Signature::parse(sig.to_file_text(), "x.minisig").unwrap();
        let ok = verify_reader(&pk, &parsed, Cursor::new(&data), "x").unwrap();
        assert_eq!(ok.trusted_comment, "timestamp:1\tfile:x");

        let err = verify_reader(&pk, &parsed, Cursor::new(b"release Contents"), "x").unwrap_err();
        assert!(err.to_string().contains("file's contents"), "{err}");

        let altered = sig.to_file_text().replace("timestamp:1", "timestamp:2");
        let parsed = Signature::parse(&altered, "x.minisig").unwrap();
        let err = verify_reader(&pk, &parsed, Cursor::new(&data), "x").unwrap_err();
        assert!(err.to_string().contains("trusted comment"), "{err}");

        let (_, other) = keys();
        let parsed = Signature::parse(sig.to_file_text(), "x.minisig").unwrap();
        let err = verify_reader(&other, &parsed, Cursor::new(&data), "x").unwrap_err();
        assert!(err.to_string().contains("wrong public key"), "{err}");
    }

    #[test]
    fn encrypted_key_needs_the_password() {
        let g = generate(Some("correct horse")).unwrap();
        let f = SecretKeyFile::parse(&g.secret, "sk").unwrap();
        assert!(f.is_encrypted());
        assert!(
            f.unlock(Some("wrong"))
                .unwrap_err()
                .to_string()
                .contains("wrong password")
        );
        assert!(f.unlock(None).is_err());
        let sk = f.unlock(Some("correct horse")).unwrap();
        assert_eq!(sk.public_key().key_id(), g.key_id);
    }

    #[test]
    fn truncated_signature_is_a_clear_error() {
        let (sk, _) = keys();
        let sig = sign_reader(&sk, &b"x"[..], "c", "x").unwrap();
        let text = sig.to_file_text();
        let lines: Vec<&str> = text.lines().collect();
        for n in 0..4 {
            let cut = lines[..n].join("\n");
            assert!(Signature::parse(&cut, "s").is_err(), "{n} lines accepted");
        }
        let short = format!(
            "{}\n{}\n{}\n{}\n",
            lines[0],
            lines[1],
            lines[2],
            &lines[3][..40]
        );
        let err = Signature::parse(&short, "s").unwrap_err().to_string();
        assert!(
            err.contains("expected 64") || err.contains("base64"),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in "\\PC{0,300}") {
            let _ = Signature::parse(&s, "s");
            let _ = PublicKey::parse(&s, "p");
            let _ = PublicKey::from_base64(&s, "p");
            let _ = SecretKeyFile::parse(&s, "k");
        }

        #[test]
        fn structured_garbage_never_panics(a in "[A-Za-z0-9+/=]{0,120}", b in "[A-Za-z0-9+/=]{0,120}", c in ".{0,40}") {
            let text = format!("untrusted comment: x\n{a}\ntrusted comment: {c}\n{b}\n");
            if let Ok(sig) = Signature::parse(&text, "s") {
                let (_, pk) = keys();
                let _ = verify_reader(&pk, &sig, Cursor::new(b"data"), "d");
            }
            let _ = PublicKey::parse(&format!("untrusted comment: k\n{a}\n"), "p");
            let _ = SecretKeyFile::parse(&format!("untrusted comment: k\n{a}{b}\n"), "k");
        }
    }
}
