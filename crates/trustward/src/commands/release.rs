//! `trustward keygen | sign | verify | checksums`: release signing and verification
//! (minisign-compatible keys and signatures, OpenPGP detached signatures, checksum
//! manifests). The formats and the
//! cryptography live in `trustward-releases`; this module reads arguments, passwords and
//! files, prints one line per file and picks the exit code.

use crate::exit::{CliError, CliResult};
use clap::Args;
use std::path::{Path, PathBuf};
use trustward_releases::minisig::{self, PublicKey, SecretKeyFile, Signature};
use trustward_releases::{Error, escape, password};

/// Exit code when a signature or checksum does not match.
const MISMATCH: i32 = 1;

/// `trustward keygen` arguments.
#[derive(Debug, Args, Clone)]
pub struct KeygenArgs {
    /// Directory for trustward.pub and trustward.key.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub output_dir: PathBuf,
    /// Store the secret key unencrypted (for CI keys kept in a secret store only).
    #[arg(long)]
    pub no_password: bool,
    /// Read the password from the first line of standard input instead of
    /// TRUSTWARD_KEY_PASSWORD or a prompt.
    #[arg(long, conflicts_with = "no_password")]
    pub password_stdin: bool,
    /// Overwrite existing key files.
    #[arg(long)]
    pub force: bool,
}

/// `trustward sign` arguments.
#[derive(Debug, Args, Clone)]
pub struct SignArgs {
    /// Files to sign; each gets FILE.minisig beside it.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The minisign secret key file.
    #[arg(long, short = 's', value_name = "KEY")]
    pub secret_key: PathBuf,
    /// Signed comment [default: timestamp:<unix time>\tfile:<name>\thashed].
    #[arg(long, short = 't', value_name = "TEXT")]
    pub trusted_comment: Option<String>,
    /// Read the password from the first line of standard input instead of
    /// TRUSTWARD_KEY_PASSWORD or a prompt.
    #[arg(long)]
    pub password_stdin: bool,
}

/// `trustward verify` arguments.
#[derive(Debug, Args, Clone)]
pub struct VerifyArgs {
    /// Files to verify (against FILE.minisig unless --signature is given).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The minisign public key file.
    #[arg(
        long,
        short = 'p',
        value_name = "KEY",
        conflicts_with = "public_key_base64"
    )]
    pub public_key: Option<PathBuf>,
    /// The minisign public key itself (base64, as minisign -P).
    #[arg(short = 'P', value_name = "BASE64")]
    pub public_key_base64: Option<String>,
    /// Verify OpenPGP detached signatures (FILE.asc, else FILE.sig) with the public keys
    /// of this keyring (armored or binary) instead of minisign.
    #[arg(long, value_name = "ASC", conflicts_with_all = ["public_key", "public_key_base64"])]
    pub keyring: Option<PathBuf>,
    /// The signature file (only with a single FILE) [default: FILE.minisig; with
    /// --keyring FILE.asc, else FILE.sig].
    #[arg(long, short = 'x', value_name = "SIG")]
    pub signature: Option<PathBuf>,
}

/// The key a `verify` checks against.
enum Verifier {
    Minisign(PublicKey),
    OpenPgp(trustward_releases::openpgp::Keyring),
}

fn key_error(e: Error) -> CliError {
    CliError::usage(e.to_string())
}

fn password_source(stdin: bool) -> password::Source {
    if stdin {
        password::Source::Stdin
    } else {
        password::Source::EnvOrPrompt
    }
}

/// Writes a new file (mode 0600 when `secret`), refusing to overwrite unless `force`.
fn write_new(path: &Path, text: &str, secret: bool, force: bool) -> Result<(), CliError> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut f = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::usage(format!(
                "{} already exists (use --force to overwrite)",
                path.display()
            ))
        } else {
            CliError::scan(format!("cannot write {}: {e}", path.display()))
        }
    })?;
    f.write_all(text.as_bytes())
        .map_err(|e| CliError::scan(format!("cannot write {}: {e}", path.display())))
}

/// Runs `keygen`.
pub fn keygen(args: &KeygenArgs) -> CliResult {
    let password = if args.no_password {
        eprintln!(
            "warning: the secret key is stored UNENCRYPTED; keep it only in a secret store (CI secret), never in the repository"
        );
        None
    } else {
        let p = password::read(
            password_source(args.password_stdin),
            "Password for the new secret key: ",
            true,
        )
        .map_err(key_error)?;
        if p.is_empty() {
            return Err(CliError::usage(
                "empty password: choose one, or pass --no-password for an unencrypted CI key",
            ));
        }
        Some(p)
    };
    std::fs::create_dir_all(&args.output_dir)
        .map_err(|e| CliError::scan(format!("cannot create {}: {e}", args.output_dir.display())))?;
    let keys = minisig::generate(password.as_deref()).map_err(|e| CliError::scan(e.to_string()))?;
    let pub_path = args.output_dir.join("trustward.pub");
    let key_path = args.output_dir.join("trustward.key");
    for p in [&pub_path, &key_path] {
        if p.exists() && !args.force {
            return Err(CliError::usage(format!(
                "{} already exists (use --force to overwrite)",
                p.display()
            )));
        }
    }
    write_new(&key_path, &keys.secret, true, args.force)?;
    write_new(&pub_path, &keys.public, false, args.force)?;
    let b64 = PublicKey::parse(&keys.public, "generated")
        .map(|k| k.to_base64())
        .unwrap_or_default();
    println!("key ID {}", keys.key_id);
    println!("public key: {} ({b64})", pub_path.display());
    println!("secret key: {}", key_path.display());
    Ok(0)
}

/// Loads and decrypts a secret key, reading the password as asked.
fn unlock(path: &Path, password_stdin: bool) -> Result<minisig::SecretKey, CliError> {
    let file = SecretKeyFile::from_file(path).map_err(key_error)?;
    let password = if file.is_encrypted() {
        Some(
            password::read(password_source(password_stdin), "Password: ", false)
                .map_err(key_error)?,
        )
    } else {
        None
    };
    file.unlock(password.as_deref()).map_err(key_error)
}

/// `FILE.minisig`.
pub(crate) fn minisig_path(file: &Path) -> PathBuf {
    with_suffix(file, ".minisig")
}

/// Runs `sign`.
pub fn sign(args: &SignArgs) -> CliResult {
    if let Some(c) = &args.trusted_comment {
        minisig::check_trusted_comment(c).map_err(key_error)?;
    }
    let key = unlock(&args.secret_key, args.password_stdin)?;
    for file in &args.files {
        let comment = args
            .trusted_comment
            .clone()
            .unwrap_or_else(|| minisig::default_trusted_comment(file));
        let sig =
            minisig::sign_file(&key, file, &comment).map_err(|e| CliError::scan(e.to_string()))?;
        let out = minisig_path(file);
        std::fs::write(&out, sig.to_file_text())
            .map_err(|e| CliError::scan(format!("cannot write {}: {e}", out.display())))?;
        println!(
            "{}: signed with key ID {} -> {}",
            escape(&file.display().to_string()),
            key.public_key().key_id(),
            escape(&out.display().to_string())
        );
    }
    Ok(0)
}

/// Runs `verify`.
pub fn verify(args: &VerifyArgs) -> CliResult {
    use trustward_releases::openpgp;
    let verifier = match (&args.public_key, &args.public_key_base64, &args.keyring) {
        (Some(p), _, _) => Verifier::Minisign(PublicKey::from_file(p).map_err(key_error)?),
        (None, Some(b), _) => {
            Verifier::Minisign(PublicKey::from_base64(b, "-P").map_err(key_error)?)
        }
        (None, None, Some(k)) => {
            Verifier::OpenPgp(openpgp::Keyring::from_file(k).map_err(key_error)?)
        }
        (None, None, None) => {
            return Err(CliError::usage(
                "give the signer's key: --public-key FILE or -P BASE64 (minisign), or --keyring ASC (OpenPGP)",
            ));
        }
    };
    if args.signature.is_some() && args.files.len() > 1 {
        return Err(CliError::usage(
            "--signature applies to a single FILE; omit it to use the signature beside each file",
        ));
    }
    let mut failed = 0usize;
    for file in &args.files {
        let shown = escape(&file.display().to_string());
        let result = match &verifier {
            Verifier::Minisign(key) => {
                let sig_path = args.signature.clone().unwrap_or_else(|| minisig_path(file));
                Signature::from_file(&sig_path)
                    .and_then(|sig| minisig::verify_file(key, &sig, file))
                    .map(|v| {
                        format!(
                            "OK (minisign, key ID {}, trusted comment: {})",
                            v.key_id,
                            escape(&v.trusted_comment)
                        )
                    })
            }
            Verifier::OpenPgp(ring) => {
                let sig_path = args.signature.clone().unwrap_or_else(|| {
                    let asc = with_suffix(file, ".asc");
                    if asc.exists() {
                        asc
                    } else {
                        with_suffix(file, ".sig")
                    }
                });
                openpgp::verify_file(ring, &sig_path, file).map(|v| {
                    format!(
                        "OK (OpenPGP, key {}, primary key {})",
                        v.fingerprint, v.primary
                    )
                })
            }
        };
        match result {
            Ok(line) => println!("{shown}: {line}"),
            Err(e) => {
                failed += 1;
                println!("{shown}: FAILED: {}", escape(&e.to_string()));
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "error: {failed} of {} file(s) failed verification",
            args.files.len()
        );
        Ok(MISMATCH)
    } else {
        Ok(0)
    }
}

/// `FILE` + `suffix`.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `trustward checksums` arguments.
#[derive(Debug, Args, Clone)]
pub struct ChecksumsArgs {
    /// Files and directories to list (directories are walked, sorted).
    #[arg(value_name = "FILE|DIR", required_unless_present = "check")]
    pub paths: Vec<PathBuf>,
    /// Verify the files listed in this manifest (and its .minisig when present) instead.
    #[arg(long, value_name = "MANIFEST", conflicts_with_all = ["paths", "sign", "sha512", "manifest"])]
    pub check: Option<PathBuf>,
    /// SHA-512 (SHA512SUMS) instead of SHA-256.
    #[arg(long)]
    pub sha512: bool,
    /// Where to write the manifest [default: SHA256SUMS, or SHA512SUMS with --sha512].
    /// Names are written relative to its directory.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Also sign the manifest (MANIFEST.minisig).
    #[arg(long, requires = "secret_key")]
    pub sign: bool,
    /// The minisign secret key for --sign.
    #[arg(long, short = 's', value_name = "KEY")]
    pub secret_key: Option<PathBuf>,
    /// Read the key password from standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// With --check: the public key that signed the manifest.
    #[arg(
        long,
        short = 'p',
        value_name = "KEY",
        conflicts_with = "public_key_base64"
    )]
    pub public_key: Option<PathBuf>,
    /// With --check: the public key itself (base64).
    #[arg(short = 'P', value_name = "BASE64")]
    pub public_key_base64: Option<String>,
}

/// `p` made absolute, without `.` components (`..` kept: it is not resolved lexically).
fn absolute(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    abs.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Runs `checksums`.
pub fn checksums(args: &ChecksumsArgs) -> CliResult {
    use trustward_releases::checksums::{self, Algo};
    if let Some(manifest) = &args.check {
        return check_manifest(args, manifest);
    }
    let algo = if args.sha512 {
        Algo::Sha512
    } else {
        Algo::Sha256
    };
    let manifest = args
        .manifest
        .clone()
        .unwrap_or_else(|| PathBuf::from(algo.manifest_name()));
    let sig_path = minisig_path(&manifest);
    let files = checksums::collect(&args.paths, &[manifest.clone(), sig_path.clone()])
        .map_err(|e| CliError::usage(e.to_string()))?;
    if files.is_empty() {
        return Err(CliError::usage("no files to list"));
    }
    let key = match (&args.sign, &args.secret_key) {
        (true, Some(k)) => Some(unlock(k, args.password_stdin)?),
        _ => None,
    };
    let base = absolute(manifest.parent().unwrap_or(Path::new(".")));
    let mut text = String::new();
    for f in &files {
        let abs = absolute(f);
        let rel = abs.strip_prefix(&base).unwrap_or(f.as_path());
        let name = rel.to_str().ok_or_else(|| {
            CliError::usage(format!(
                "{}: the file name is not UTF-8 and cannot be written to a manifest",
                f.display()
            ))
        })?;
        let hex = checksums::hash_file(f, algo).map_err(|e| CliError::scan(e.to_string()))?;
        text.push_str(&checksums::format_line(&hex, name));
    }
    std::fs::write(&manifest, &text)
        .map_err(|e| CliError::scan(format!("cannot write {}: {e}", manifest.display())))?;
    println!(
        "{}: {} file(s) listed",
        escape(&manifest.display().to_string()),
        files.len()
    );
    if let Some(key) = key {
        let sig = minisig::sign_file(
            &key,
            &manifest,
            &minisig::default_trusted_comment(&manifest),
        )
        .map_err(|e| CliError::scan(e.to_string()))?;
        std::fs::write(&sig_path, sig.to_file_text())
            .map_err(|e| CliError::scan(format!("cannot write {}: {e}", sig_path.display())))?;
        println!(
            "{}: signed with key ID {}",
            escape(&sig_path.display().to_string()),
            key.public_key().key_id()
        );
    }
    Ok(0)
}

fn check_manifest(args: &ChecksumsArgs, manifest: &Path) -> CliResult {
    use trustward_releases::checksums;
    let mut failed = 0usize;
    let sig_path = minisig_path(manifest);
    let key = match (&args.public_key, &args.public_key_base64) {
        (Some(p), _) => Some(PublicKey::from_file(p).map_err(key_error)?),
        (None, Some(b)) => Some(PublicKey::from_base64(b, "-P").map_err(key_error)?),
        (None, None) => None,
    };
    let shown_manifest = escape(&manifest.display().to_string());
    match (sig_path.exists(), &key) {
        (true, Some(key)) => {
            match Signature::from_file(&sig_path)
                .and_then(|sig| minisig::verify_file(key, &sig, manifest))
            {
                Ok(v) => println!(
                    "{shown_manifest}: signature OK (key ID {}, trusted comment: {})",
                    v.key_id,
                    escape(&v.trusted_comment)
                ),
                Err(e) => {
                    println!("{shown_manifest}: FAILED: {}", escape(&e.to_string()));
                    eprintln!("error: the manifest's signature does not verify; files not checked");
                    return Ok(MISMATCH);
                }
            }
        }
        (true, None) => {
            return Err(CliError::usage(format!(
                "{} is signed ({} exists): give the signer's key with --public-key or -P to verify it",
                manifest.display(),
                sig_path.display()
            )));
        }
        (false, Some(_)) => {
            println!(
                "{shown_manifest}: FAILED: no signature ({} not found)",
                escape(&sig_path.display().to_string())
            );
            return Ok(MISMATCH);
        }
        (false, None) => {
            eprintln!(
                "warning: {} is not signed: the checksums show the files are intact, not who published them",
                manifest.display()
            );
        }
    }
    let entries = checksums::read(manifest).map_err(|e| CliError::usage(e.to_string()))?;
    let base = manifest.parent().unwrap_or(Path::new(""));
    for e in &entries {
        let name = escape(&e.name);
        match checksums::check_entry(base, e) {
            Ok(()) => println!("{name}: OK"),
            Err(err) => {
                failed += 1;
                let why = match &err {
                    Error::Mismatch { message, .. } | Error::Io { message, .. } => message.clone(),
                    other => other.to_string(),
                };
                println!("{name}: FAILED: {}", escape(&why));
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "error: {failed} of {} listed file(s) failed the check",
            entries.len()
        );
        Ok(MISMATCH)
    } else {
        Ok(0)
    }
}
