//! `workflows/insecure-url`: downloads, clones and package indexes over `http://`,
//! `git://` or `ftp://` in steps.

use super::{StepsCtx, run_lines};
use regex::Regex;
use std::sync::LazyLock;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/insecure-url",
    title: "Step fetches code or packages over an unencrypted URL",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-03.01"],
    description: "A `run:` line that fetches (`curl`, `wget`, `git`, `pip`, `npm`, `yarn`, `gem`, `apt`, `go`, `Invoke-WebRequest` …) names an `http://`, `git://` or `ftp://` URL, or an action input whose name contains `url`, `registry` or `index` is such a URL. Loopback and `.local` hosts are not reported.",
    why: "Anyone on the network path (a cloud provider's network, a proxy, a hijacked DNS answer) can replace what is downloaded: the job then runs, installs or ships the attacker's bytes with its token and secrets.",
    fix: "Use `https://` (or `ssh`/`https` for git) and verify a pinned checksum or signature.",
    fix_details: "Bad:\n\n```yaml\n- run: curl -o tool.tgz http://downloads.example.com/tool-1.2.3.tgz\n```\n\nGood:\n\n```yaml\n- run: |\n    curl -fsSLo tool.tgz https://downloads.example.com/tool-1.2.3.tgz\n    echo \"<sha256>  tool.tgz\" | sha256sum -c -\n```",
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions",
        "https://owasp.org/www-community/vulnerabilities/Insecure_Transport",
    ],
};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:http|git|ftp)://([^\s"'`/:<>|;)]+)[^\s"'`<>|;)]*"#)
        .expect("static regex")
});

static FETCHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:curl|wget|git|pip3?|pipx|uv|npm|yarn|pnpm|gem|bundle|apt|apt-get|add-apt-repository|yum|dnf|apk|go|cargo|helm|docker|iwr|irm|invoke-webrequest|invoke-restmethod|aria2c|svn)\b").expect("static regex")
});

/// Whether a URL host is local.
fn local(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "localhost"
        || h.starts_with("127.")
        || h == "0.0.0.0"
        || h.starts_with('[')
        || h.ends_with(".local")
        || h.ends_with(".localhost")
        || h.ends_with(".internal")
        || h.contains("${{")
}

/// Checks the steps.
pub fn check(ctx: &StepsCtx<'_, '_>, out: &mut Vec<Finding>) {
    for step in ctx.steps {
        if let Some(run) = step.run {
            for l in run_lines(ctx.file.src, run) {
                if !FETCHER.is_match(l.text) {
                    continue;
                }
                for c in URL.captures_iter(l.text) {
                    let (Some(m), Some(host)) = (c.get(0), c.get(1)) else {
                        continue;
                    };
                    if local(host.as_str()) {
                        continue;
                    }
                    push(
                        ctx,
                        step,
                        m.as_str(),
                        ctx.file.loc(l.span(m.start(), m.end())),
                        out,
                    );
                }
            }
        }
        for (k, v) in super::env_entries(step.with) {
            let Some(key) = k.as_str().map(str::to_ascii_lowercase) else {
                continue;
            };
            if !(key.contains("url") || key.contains("registry") || key.contains("index")) {
                continue;
            }
            let Some(val) = v.as_str() else { continue };
            if let Some(c) = URL.captures(val.trim())
                && c.get(0).is_some_and(|m| m.start() == 0)
                && !c.get(1).is_some_and(|h| local(h.as_str()))
            {
                push(ctx, step, val.trim(), ctx.file.at(v), out);
            }
        }
    }
}

fn push(
    ctx: &StepsCtx<'_, '_>,
    step: &crate::model::Step<'_>,
    url: &str,
    loc: trustward_core::Location,
    out: &mut Vec<Finding>,
) {
    out.push(
        Finding::new(
            &RULE,
            format!("{} fetches `{url}` without TLS", ctx.owner()),
            loc,
        )
        .with_key(format!("{}/{url}", ctx.key_prefix(step)))
        .with_remediation(format!(
            "Use `{}` and verify a pinned checksum.",
            url.replacen("http://", "https://", 1)
                .replacen("git://", "https://", 1)
                .replacen("ftp://", "https://", 1)
        )),
    );
}
