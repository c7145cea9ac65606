//! `workflows/dockerfile-unpinned-packages`: OS and language packages installed without
//! versions.

use super::DockerCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-unpinned-packages",
    title: "Packages installed without pinned versions",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Advanced,
    controls: &["OSPS-BR-01.03"],
    description: "A `RUN` installs packages with `apt-get install`/`apt install`, `apk add`, `pip install` or `npm install -g` naming at least one package without a version (`pkg=1.2`, `pkg==1.2`, `pkg@1.2`). Installs from requirement/lock files (`-r`, `npm ci`) are not reported.",
    why: "Unpinned installs make builds unreproducible and pull whatever the mirror serves that day, including a freshly compromised release.",
    fix: "Pin versions (`apt-get install curl=8.5.0-2ubuntu10.6`, `pip install requests==2.32.3`) or install from a lock file with hashes.",
    fix_details: "Bad:\n\n```dockerfile\nRUN pip install requests\n```\n\nGood:\n\n```dockerfile\nCOPY requirements.txt .\nRUN pip install --require-hashes -r requirements.txt\n```",
    references: &[
        "https://docs.docker.com/build/building/best-practices/#apt-get",
        "https://pip.pypa.io/en/stable/topics/secure-installs/",
    ],
};

/// `(manager, version separator)` for the install commands recognised.
const INSTALLERS: &[(&[&str], &str, &str)] = &[
    (&["apt-get", "install"], "apt-get", "="),
    (&["apt", "install"], "apt", "="),
    (&["apk", "add"], "apk", "="),
    (&["pip", "install"], "pip", "=="),
    (&["pip3", "install"], "pip", "=="),
    (&["npm", "install"], "npm", "@"),
    (&["npm", "i"], "npm", "@"),
];

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    for ins in ctx
        .file
        .instructions
        .iter()
        .filter(|i| i.keyword == "RUN" && i.json.is_none())
    {
        // split on shell separators, keeping offsets
        let text = &ins.args;
        let mut cmd_start = 0;
        let bytes = text.as_bytes();
        let mut bounds = Vec::new();
        for (i, b) in bytes.iter().enumerate() {
            if matches!(b, b'&' | b';' | b'|' | b'\n') {
                bounds.push((cmd_start, i));
                cmd_start = i + 1;
            }
        }
        bounds.push((cmd_start, text.len()));
        for (s, e) in bounds {
            let cmd = &text[s..e];
            let words: Vec<(usize, &str)> = cmd
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - cmd.as_ptr() as usize, w))
                .collect();
            for (seq, manager, sep) in INSTALLERS {
                let Some(p) = words
                    .windows(seq.len())
                    .position(|w| w.iter().zip(seq.iter()).all(|((_, a), b)| a == b))
                else {
                    continue;
                };
                let args = &words[p + seq.len()..];
                if *manager == "npm" && !args.iter().any(|(_, a)| *a == "-g" || *a == "--global") {
                    continue;
                }
                if args.iter().any(|(_, a)| {
                    *a == "-r" || a.starts_with("--requirement") || a.starts_with("-e")
                }) {
                    continue;
                }
                let unpinned: Vec<&str> = args
                    .iter()
                    .map(|(_, a)| *a)
                    .filter(|a| {
                        !a.starts_with('-')
                            && !a.starts_with('$')
                            && !a.contains('/')
                            && !a.ends_with(".whl")
                            && !a.ends_with(".deb")
                    })
                    .filter(|a| {
                        let body = if *manager == "npm" {
                            a.trim_start_matches('@')
                        } else {
                            a
                        };
                        !body.contains(sep)
                            && !(*manager == "pip"
                                && (body.contains(">=")
                                    || body.contains("~=")
                                    || body.contains('<')))
                    })
                    .collect();
                if unpinned.is_empty() {
                    continue;
                }
                let (w_at, w) = words[p];
                let start = ins.pos(s + w_at);
                let end_at = args
                    .last()
                    .map(|(a, t)| s + a + t.len())
                    .unwrap_or(s + w_at + w.len());
                let end = ins.pos(end_at);
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "`{} {}` installs {} without a version",
                            seq.join(" "),
                            unpinned.join(" "),
                            if unpinned.len() == 1 {
                                "a package"
                            } else {
                                "packages"
                            }
                        ),
                        ctx.loc(start, end),
                    )
                    .with_key(format!("{manager}:{}", unpinned.join(",")))
                    .with_remediation(format!(
                        "{} {}{sep}<version>",
                        seq.join(" "),
                        unpinned.first().copied().unwrap_or("pkg")
                    )),
                );
                break;
            }
        }
    }
}
