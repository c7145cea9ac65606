//! Builds real repositories in temp dirs with the `git` CLI (fixtures only: the analyzer
//! itself never runs git).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, AnalyzerOutput, Config, ScanContext};
use trustward_history::HistoryAnalyzer;

/// A tool the tests need; `.ci/run` installs it, so CI fails loudly without it.
pub fn require(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success() || !o.stderr.is_empty() || !o.stdout.is_empty())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("`{tool}` is required by these tests (.ci/run installs it)");
        }
        eprintln!("notice: `{tool}` is not installed; test skipped (.ci/run installs it)");
    }
    ok
}

/// A repository under construction.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    pub gnupg: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let gnupg = dir.path().join("gnupg");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&gnupg).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        std::fs::create_dir_all(dir.path().join("repo")).unwrap();
        let f = Fixture { dir, home, gnupg };
        f.git(&["init", "-q", "-b", "main"]);
        f
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn cmd(&self, program: &str, cwd: &Path) -> Command {
        let mut c = Command::new(program);
        c.current_dir(cwd)
            .env("HOME", &self.home)
            .env("GNUPGHOME", &self.gnupg)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Alice")
            .env("GIT_AUTHOR_EMAIL", "alice@example.org")
            .env("GIT_COMMITTER_NAME", "Alice")
            .env("GIT_COMMITTER_EMAIL", "alice@example.org");
        c
    }

    /// Runs git in the repository; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let o = self.git_output(args);
        assert!(
            o.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    pub fn git_output(&self, args: &[&str]) -> Output {
        self.cmd("git", &self.root()).args(args).output().unwrap()
    }

    /// Runs git with extra environment.
    pub fn git_env(&self, env: &[(&str, &str)], args: &[&str]) -> String {
        let mut c = self.cmd("git", &self.root());
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.args(args).output().unwrap();
        assert!(
            o.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Runs any program in the fixture dir; panics on failure.
    pub fn run(&self, program: &str, args: &[&str]) -> String {
        let o = self
            .cmd(program, self.dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).to_string()
    }

    pub fn write(&self, rel: &str, content: &[u8]) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// Writes a file and commits it with `extra` commit arguments; returns the commit id.
    pub fn commit(&self, rel: &str, content: &str, extra: &[&str]) -> String {
        self.write(rel, content.as_bytes());
        self.git(&["add", "-A"]);
        let mut args = vec!["commit", "-q", "-m", rel];
        args.extend_from_slice(extra);
        self.git(&args);
        self.git(&["rev-parse", "HEAD"])
    }

    /// An ed25519 SSH key pair at `name` / `name.pub`; returns the public key line.
    pub fn ssh_key(&self, name: &str) -> String {
        let p = self.path(name);
        self.run(
            "ssh-keygen",
            &[
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                name,
                "-f",
                p.to_str().unwrap(),
            ],
        );
        std::fs::read_to_string(self.path(&format!("{name}.pub")))
            .unwrap()
            .trim()
            .to_string()
    }

    /// Commit arguments that sign with the SSH key `name`.
    pub fn ssh_sign_args(&self, name: &str) -> Vec<String> {
        vec![
            "-c".into(),
            "gpg.format=ssh".into(),
            "-c".into(),
            format!("user.signingkey={}", self.path(name).display()),
        ]
    }

    /// Runs the analyzer with the config text.
    pub fn analyze(&self, config: &str) -> AnalyzerOutput {
        let config = Config::parse(config, None).unwrap();
        let files = FileIndex::new(&self.root());
        HistoryAnalyzer::default().run(&ScanContext {
            files: &files,
            config: &config,
            progress: &NoProgress,
            verbose: false,
        })
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        // Stop the gpg-agent a signing test may have started for this GNUPGHOME.
        if self.gnupg.join("pubring.kbx").exists() {
            let _ = Command::new("gpgconf")
                .env("GNUPGHOME", &self.gnupg)
                .args(["--kill", "gpg-agent"])
                .output();
        }
    }
}

/// Rule ids of the findings with their commit (or empty).
pub fn ids(out: &AnalyzerOutput) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.id.to_string(),
                f.location.commit.clone().unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

impl Fixture {
    /// Writes a raw object with `git hash-object --literally`; returns its id.
    pub fn hash_object(&self, kind: &str, data: &[u8]) -> String {
        use std::io::Write;
        let mut c = self.cmd("git", &self.root());
        c.args(["hash-object", "-t", kind, "-w", "--literally", "--stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        child.stdin.take().unwrap().write_all(data).unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// The raw bytes of an object.
    pub fn cat(&self, kind: &str, id: &str) -> Vec<u8> {
        let o = self.git_output(&["cat-file", kind, id]);
        assert!(o.status.success());
        o.stdout
    }
}
