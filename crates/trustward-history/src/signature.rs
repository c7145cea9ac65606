//! Signatures on git objects: finding them in the raw commit or tag, telling their type
//! apart, and verifying them (SSH signatures with the sshsig format against an allowed
//! signers file, OpenPGP signatures against an armored keyring), without any `git`, `gpg`
//! or `ssh-keygen` process.

use crate::allowed_signers::AllowedSigners;
use pgp::composed::{Deserializable, DetachedSignature, SignedPublicKey};
use pgp::types::KeyDetails;

/// The type of a signature, from its armor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SigKind {
    /// `-----BEGIN PGP SIGNATURE-----`.
    OpenPgp,
    /// `-----BEGIN SSH SIGNATURE-----` (sshsig).
    Ssh,
    /// `-----BEGIN SIGNED MESSAGE-----` (S/MIME: gitsign, smimesign).
    X509,
}

impl SigKind {
    /// `openpgp`, `ssh` or `x509`.
    pub fn as_str(self) -> &'static str {
        match self {
            SigKind::OpenPgp => "openpgp",
            SigKind::Ssh => "ssh",
            SigKind::X509 => "x509",
        }
    }

    fn from_armor_line(line: &[u8]) -> Option<SigKind> {
        if line.starts_with(b"-----BEGIN PGP SIGNATURE-----")
            || line.starts_with(b"-----BEGIN PGP MESSAGE-----")
        {
            Some(SigKind::OpenPgp)
        } else if line.starts_with(b"-----BEGIN SSH SIGNATURE-----") {
            Some(SigKind::Ssh)
        } else if line.starts_with(b"-----BEGIN SIGNED MESSAGE-----") {
            Some(SigKind::X509)
        } else {
            None
        }
    }
}

/// A signature cut out of an object, and the bytes it signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The signature's type; `None` when the armor is not one git writes.
    pub kind: Option<SigKind>,
    /// The armored signature.
    pub signature: Vec<u8>,
    /// The signed payload.
    pub payload: Vec<u8>,
}

/// The signature of a raw commit: the `gpgsig` header (continuation lines start with a
/// space), and the commit without that header as the payload. `gpgsig-sha256` headers
/// are removed from the payload too, as git does. `None` for an unsigned commit.
pub fn split_commit(raw: &[u8]) -> Option<Signed> {
    let mut payload = Vec::with_capacity(raw.len());
    let mut signature: Option<Vec<u8>> = None;
    let mut in_sig = false;
    let mut dropping = false;
    let mut in_headers = true;
    let mut pos = 0;
    while pos < raw.len() {
        let end = memchr(b'\n', &raw[pos..]).map_or(raw.len(), |i| pos + i + 1);
        let line = &raw[pos..end];
        pos = end;
        if !in_headers {
            payload.extend_from_slice(line);
            continue;
        }
        if line == b"\n" {
            in_headers = false;
            in_sig = false;
            dropping = false;
            payload.extend_from_slice(line);
            continue;
        }
        if (in_sig || dropping) && line.first() == Some(&b' ') {
            if in_sig && let Some(s) = signature.as_mut() {
                s.extend_from_slice(&line[1..]);
            }
            continue;
        }
        in_sig = false;
        dropping = false;
        if let Some(rest) = line.strip_prefix(b"gpgsig ") {
            if signature.is_none() {
                signature = Some(rest.to_vec());
                in_sig = true;
            } else {
                dropping = true;
            }
            continue;
        }
        if line.starts_with(b"gpgsig-sha256 ") {
            dropping = true;
            continue;
        }
        payload.extend_from_slice(line);
    }
    let signature = signature?;
    let kind = signature
        .split(|b| *b == b'\n')
        .find(|l| !l.is_empty())
        .and_then(SigKind::from_armor_line);
    Some(Signed {
        kind,
        signature,
        payload,
    })
}

/// The signature of a raw annotated tag: the last line of the message that starts a
/// signature armor begins the signature; everything before it is the payload.
pub fn split_tag(raw: &[u8]) -> Option<Signed> {
    let mut pos = 0;
    let mut found: Option<(usize, SigKind)> = None;
    while pos < raw.len() {
        if let Some(kind) = SigKind::from_armor_line(&raw[pos..]) {
            found = Some((pos, kind));
        }
        pos = memchr(b'\n', &raw[pos..]).map_or(raw.len(), |i| pos + i + 1);
    }
    let (at, kind) = found?;
    Some(Signed {
        kind: Some(kind),
        signature: raw[at..].to_vec(),
        payload: raw[..at].to_vec(),
    })
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

/// What verification concluded about one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Verified with a configured key; names the signer (principal or user id).
    Good {
        /// The allowed-signers principal or the key's first user id.
        signer: String,
    },
    /// The signature does not verify over the object (tampered, wrong payload, malformed).
    Bad {
        /// Why.
        reason: String,
    },
    /// Well formed, but made by a key that is not in the configured allowed signers or
    /// keyring.
    UnknownKey {
        /// The key's fingerprint or the issuer id.
        key: String,
    },
    /// Not verified: no keys configured for its type, or a type trustward does not verify
    /// (X.509). For SSH, `intact` says the signature is cryptographically valid for the
    /// key it embeds (the key itself is not trusted).
    Unverified {
        /// For SSH only: the signature matches its embedded key.
        intact: bool,
    },
}

/// Keys signatures are verified against.
#[derive(Debug, Default)]
pub struct Verifier {
    /// `[history] allowed_signers`, parsed.
    pub allowed_signers: Option<AllowedSigners>,
    /// `[history] keyring`, parsed.
    pub keyring: Option<Vec<SignedPublicKey>>,
}

/// Reads armored OpenPGP public keys (one or more blocks).
pub fn parse_keyring(text: &str) -> Result<Vec<SignedPublicKey>, String> {
    let mut keys = Vec::new();
    // Each armored block is parsed on its own so that several exports can be
    // concatenated into one file.
    let mut rest = text;
    const BEGIN: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    const END: &str = "-----END PGP PUBLIC KEY BLOCK-----";
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start..];
        let Some(end) = after.find(END) else {
            return Err("an armored public key block has no END line".into());
        };
        let block = &after[..end + END.len()];
        let (iter, _) = SignedPublicKey::from_armor_many(block.as_bytes())
            .map_err(|e| format!("cannot read an armored public key block: {e}"))?;
        for k in iter {
            keys.push(k.map_err(|e| format!("cannot parse a public key: {e}"))?);
        }
        rest = &after[end + END.len()..];
    }
    if keys.is_empty() {
        return Err("no `-----BEGIN PGP PUBLIC KEY BLOCK-----` found".into());
    }
    Ok(keys)
}

impl Verifier {
    /// Verifies `signed`, made at `time` (seconds since the epoch, for the validity
    /// window of allowed-signers entries).
    pub fn verify(&self, signed: &Signed, time: i64) -> Verdict {
        match signed.kind {
            Some(SigKind::Ssh) => self.verify_ssh(signed, time),
            Some(SigKind::OpenPgp) => self.verify_openpgp(signed),
            Some(SigKind::X509) => Verdict::Unverified { intact: false },
            None => Verdict::Bad {
                reason: "the signature header does not hold a signature armor git writes".into(),
            },
        }
    }

    fn verify_ssh(&self, signed: &Signed, time: i64) -> Verdict {
        let sig = match ssh_key::SshSig::from_pem(&signed.signature) {
            Ok(s) => s,
            Err(e) => {
                return Verdict::Bad {
                    reason: format!("malformed SSH signature ({e})"),
                };
            }
        };
        // The sshsig blob embeds the signing key: its integrity is checked whether or not
        // the key is trusted, so tampering is told apart from an unknown key.
        let embedded = ssh_key::PublicKey::from(sig.public_key().clone());
        if let Err(e) = embedded.verify("git", &signed.payload, &sig) {
            return Verdict::Bad {
                reason: match e {
                    ssh_key::Error::Namespace => format!(
                        "SSH signature namespace is `{}`, not `git`",
                        sig.namespace()
                    ),
                    _ => format!("SSH signature does not match the object ({e})"),
                },
            };
        }
        let Some(allowed) = &self.allowed_signers else {
            return Verdict::Unverified { intact: true };
        };
        match allowed.principal_for(sig.public_key(), "git", time) {
            Some(p) => Verdict::Good { signer: p },
            None => Verdict::UnknownKey {
                key: embedded.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
            },
        }
    }

    fn verify_openpgp(&self, signed: &Signed) -> Verdict {
        let text = String::from_utf8_lossy(&signed.signature);
        let sig = match DetachedSignature::from_string(&text) {
            Ok((s, _)) => s,
            Err(e) => {
                return Verdict::Bad {
                    reason: format!("malformed OpenPGP signature ({e})"),
                };
            }
        };
        let Some(keyring) = &self.keyring else {
            return Verdict::Unverified { intact: false };
        };
        let fprs: Vec<String> = sig
            .signature
            .issuer_fingerprint()
            .iter()
            .map(|f| hex(f.as_bytes()))
            .collect();
        let ids: Vec<String> = sig
            .signature
            .issuer_key_id()
            .iter()
            .map(|k| hex(k.as_ref()))
            .collect();
        let issuer = fprs
            .first()
            .or(ids.first())
            .cloned()
            .unwrap_or_else(|| "no issuer".into());
        let matches = |fp: &[u8], id: &[u8]| {
            let (fp, id) = (hex(fp), hex(id));
            fprs.contains(&fp) || ids.contains(&id)
        };
        for key in keyring {
            let uid = key
                .details
                .users
                .first()
                .map(|u| String::from_utf8_lossy(u.id.id()).into_owned())
                .unwrap_or_else(|| hex(key.primary_key.fingerprint().as_bytes()));
            if matches(
                key.primary_key.fingerprint().as_bytes(),
                key.primary_key.legacy_key_id().as_ref(),
            ) {
                return match sig.verify(&key.primary_key, &signed.payload) {
                    Ok(()) => Verdict::Good { signer: uid },
                    Err(e) => Verdict::Bad {
                        reason: format!("OpenPGP signature does not verify ({e})"),
                    },
                };
            }
            for sub in &key.public_subkeys {
                if matches(
                    sub.key.fingerprint().as_bytes(),
                    sub.key.legacy_key_id().as_ref(),
                ) {
                    return match sig.verify(&sub.key, &signed.payload) {
                        Ok(()) => Verdict::Good { signer: uid },
                        Err(e) => Verdict::Bad {
                            reason: format!("OpenPGP signature does not verify ({e})"),
                        },
                    };
                }
            }
        }
        Verdict::UnknownKey { key: issuer }
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_split() {
        let raw = b"tree 1\nparent 2\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n abc\n -----END SSH SIGNATURE-----\nmergetag x\n y\n\nmsg\n gpgsig fake\n";
        let s = split_commit(raw).unwrap();
        assert_eq!(s.kind, Some(SigKind::Ssh));
        assert_eq!(
            s.signature,
            b"-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n"
        );
        assert_eq!(
            s.payload,
            b"tree 1\nparent 2\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\nmergetag x\n y\n\nmsg\n gpgsig fake\n".to_vec()
        );
        assert!(split_commit(b"tree 1\n\ngpgsig x\n").is_none());
    }

    #[test]
    fn tag_split_takes_the_last_armor() {
        let raw = b"object 1\ntype commit\ntag v1\ntagger a <a> 1 +0000\n\nmsg\n-----BEGIN PGP SIGNATURE-----\nfake\n-----END PGP SIGNATURE-----\n-----BEGIN SSH SIGNATURE-----\nx\n-----END SSH SIGNATURE-----\n";
        let s = split_tag(raw).unwrap();
        assert_eq!(s.kind, Some(SigKind::Ssh));
        assert!(s.payload.ends_with(b"-----END PGP SIGNATURE-----\n"));
        assert!(split_tag(b"object 1\n\nplain\n").is_none());
    }

    #[test]
    fn garbage_is_bad_not_a_panic() {
        let v = Verifier::default();
        let s = Signed {
            kind: Some(SigKind::Ssh),
            signature: b"-----BEGIN SSH SIGNATURE-----\n!!\n-----END SSH SIGNATURE-----\n".to_vec(),
            payload: vec![],
        };
        assert!(matches!(v.verify(&s, 0), Verdict::Bad { .. }));
        let s = Signed {
            kind: Some(SigKind::OpenPgp),
            signature: b"-----BEGIN PGP SIGNATURE-----\n!!\n-----END PGP SIGNATURE-----\n".to_vec(),
            payload: vec![],
        };
        assert!(matches!(v.verify(&s, 0), Verdict::Bad { .. }));
    }
}
