//! OpenPGP detached signatures (`.asc` armored or `.sig` binary) checked against a keyring
//! of public keys (armored or binary), with the `pgp` crate (rPGP); no `gpg` process.
//!
//! What is checked: the keyring's keys parse and their self-signatures (user-id and subkey
//! bindings) verify; the signature names a key (issuer fingerprint or key id) of the keyring
//! and verifies over the file, which is streamed. What is not checked: key expiry and
//! revocation, the key-usage flags of the signing (sub)key, and any web of trust — the
//! keyring given is trusted as a whole.

use crate::{Error, Result};
use pgp::composed::{Deserializable, DetachedSignature, SignedPublicKey};
use pgp::types::KeyDetails;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

/// Largest keyring read (bytes).
pub const MAX_KEYRING: u64 = 16 * 1024 * 1024;
/// Largest signature file read (bytes).
pub const MAX_SIGNATURE: u64 = 1024 * 1024;

fn read_capped(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    let mut buf = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(&shown, &e))?;
    if buf.len() as u64 > max {
        return Err(Error::malformed(
            shown,
            format!("larger than {max} bytes: not an OpenPGP {what}"),
        ));
    }
    Ok(buf)
}

/// Public keys trusted to sign.
pub struct Keyring {
    keys: Vec<SignedPublicKey>,
}

impl Keyring {
    /// Parses a keyring's bytes; a key whose self-signatures do not verify is an error.
    pub fn parse(bytes: &[u8], origin: &str) -> Result<Self> {
        if bytes.is_empty() {
            return Err(Error::malformed(origin, "empty keyring"));
        }
        let (iter, _) = SignedPublicKey::from_reader_many(Cursor::new(bytes))
            .map_err(|e| Error::malformed(origin, format!("not an OpenPGP public key: {e}")))?;
        let mut keys = Vec::new();
        for key in iter {
            let key = key.map_err(|e| {
                Error::malformed(origin, format!("cannot parse an OpenPGP public key: {e}"))
            })?;
            key.verify_bindings().map_err(|e| {
                Error::malformed(
                    origin,
                    format!(
                        "key {:X}: its self-signatures do not verify ({e})",
                        key.fingerprint()
                    ),
                )
            })?;
            keys.push(key);
        }
        if keys.is_empty() {
            return Err(Error::malformed(origin, "no public key in the keyring"));
        }
        Ok(Keyring { keys })
    }

    /// Reads and parses a keyring file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let bytes = read_capped(path, MAX_KEYRING, "keyring")?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Fingerprints of the primary keys.
    pub fn fingerprints(&self) -> Vec<String> {
        self.keys
            .iter()
            .map(|k| format!("{:X}", k.fingerprint()))
            .collect()
    }
}

/// Parses a detached signature's bytes.
pub fn parse_signature(bytes: &[u8], origin: &str) -> Result<DetachedSignature> {
    if bytes.is_empty() {
        return Err(Error::malformed(origin, "empty signature file"));
    }
    let (sig, _) = DetachedSignature::from_reader_single(Cursor::new(bytes))
        .map_err(|e| Error::malformed(origin, format!("not an OpenPGP signature: {e}")))?;
    Ok(sig)
}

/// What a successful verification established.
#[derive(Debug, Clone)]
pub struct PgpVerified {
    /// Fingerprint of the key (primary or subkey) that made the signature.
    pub fingerprint: String,
    /// Fingerprint of its primary key.
    pub primary: String,
}

/// Verifies `file` against the detached signature in `sig_path` with `ring`.
pub fn verify_file(ring: &Keyring, sig_path: &Path, file: &Path) -> Result<PgpVerified> {
    let sig_shown = sig_path.display().to_string();
    let shown = file.display().to_string();
    let bytes = read_capped(sig_path, MAX_SIGNATURE, "signature")?;
    let sig = parse_signature(&bytes, &sig_shown)?;
    let issuers_fp: Vec<String> = sig
        .signature
        .issuer_fingerprint()
        .iter()
        .map(|f| format!("{f:X}"))
        .collect();
    let issuers_id: Vec<Vec<u8>> = sig
        .signature
        .issuer_key_id()
        .iter()
        .map(|k| k.as_ref().to_vec())
        .collect();
    let matches = |fp: String, id: Vec<u8>| issuers_fp.contains(&fp) || issuers_id.contains(&id);
    let open = || -> Result<BufReader<std::fs::File>> {
        let f = std::fs::File::open(file).map_err(|e| Error::io(&shown, &e))?;
        Ok(BufReader::with_capacity(1 << 16, f))
    };
    for key in &ring.keys {
        let primary = format!("{:X}", key.fingerprint());
        let (fp, outcome) = if matches(primary.clone(), key.legacy_key_id().as_ref().to_vec()) {
            (
                primary.clone(),
                sig.signature.verify(&key.primary_key, open()?),
            )
        } else if let Some(sub) = key.public_subkeys.iter().find(|s| {
            matches(
                format!("{:X}", s.key.fingerprint()),
                s.key.legacy_key_id().as_ref().to_vec(),
            )
        }) {
            (
                format!("{:X}", sub.key.fingerprint()),
                sig.signature.verify(&sub.key, open()?),
            )
        } else {
            continue;
        };
        return match outcome {
            Ok(()) => Ok(PgpVerified {
                fingerprint: fp,
                primary,
            }),
            Err(e) => Err(Error::mismatch(
                shown,
                format!(
                    "the OpenPGP signature {sig_shown} by key {fp} does not match the file's contents (file altered, or signature of another file): {e}"
                ),
            )),
        };
    }
    let who = issuers_fp
        .first()
        .cloned()
        .or_else(|| {
            issuers_id
                .first()
                .map(|id| id.iter().map(|b| format!("{b:02X}")).collect::<String>())
        })
        .unwrap_or_else(|| "an unnamed key".into());
    Err(Error::mismatch(
        shown,
        format!("{sig_shown} was made by {who}, which is not in the keyring"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = Keyring::parse(&bytes, "k");
            let _ = parse_signature(&bytes, "s");
        }

        #[test]
        fn armored_garbage_never_panics(body in "[A-Za-z0-9+/=\n]{0,300}") {
            let sig = format!("-----BEGIN PGP SIGNATURE-----\n\n{body}\n-----END PGP SIGNATURE-----\n");
            let _ = parse_signature(sig.as_bytes(), "s");
            let key = format!("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{body}\n-----END PGP PUBLIC KEY BLOCK-----\n");
            let _ = Keyring::parse(key.as_bytes(), "k");
        }
    }
}
