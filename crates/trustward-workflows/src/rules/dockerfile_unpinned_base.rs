//! `workflows/dockerfile-unpinned-base`: `FROM` images without a digest.

use super::DockerCtx;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/dockerfile-unpinned-base",
    title: "Dockerfile base image not pinned by digest",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `FROM` names an image by tag instead of `@sha256:` digest; no tag or `latest` is medium severity, another tag low. `scratch`, earlier build stages (`FROM build` after `FROM … AS build`) and images given by build argument (`FROM $BASE`) are not reported.",
    why: "Tags move: the same Dockerfile builds from different, unreviewed bytes over time, and a compromised or re-pushed tag ships in your image without any change in your repository.",
    fix: "Pin the base image by digest and keep the tag for readers: `FROM node:22-alpine@sha256:<digest>`; let Dependabot or Renovate update it.",
    fix_details: "Bad:\n\n```dockerfile\nFROM python:latest\n```\n\nGood:\n\n```dockerfile\nFROM python:3.13-slim@sha256:<digest>\n```",
    references: &[
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
        "https://docs.docker.com/reference/dockerfile/#from",
    ],
};

/// Checks the file.
pub fn check(ctx: &DockerCtx<'_>, out: &mut Vec<Finding>) {
    let mut stages: Vec<String> = Vec::new();
    for ins in &ctx.file.instructions {
        let Some(f) = ins.from_parts() else { continue };
        let (at, image) = f.image;
        let lower = image.to_ascii_lowercase();
        let known_stage = stages.contains(&lower);
        if let Some(a) = f.alias {
            stages.push(a.to_ascii_lowercase());
        }
        if known_stage || lower == "scratch" || image.contains('$') || image.contains("@sha256:") {
            continue;
        }
        let last = image.rsplit('/').next().unwrap_or(image);
        let (sev, why) = match last.split_once(':') {
            None => (
                Severity::Medium,
                "has no tag (resolves to `latest`)".to_string(),
            ),
            Some((_, "latest")) => (Severity::Medium, "uses the `latest` tag".to_string()),
            Some((_, tag)) => (
                Severity::Low,
                format!("is pinned to the mutable tag `{tag}`"),
            ),
        };
        let start = ins.pos(at);
        let end = ins.pos(at + image.len());
        out.push(
            Finding::new(
                &RULE,
                format!("base image `{image}` {why}, not a digest"),
                ctx.loc(start, end),
            )
            .with_severity(sev)
            .with_key(image.to_string())
            .with_remediation(format!("FROM {image}@sha256:<digest>")),
        );
    }
}
