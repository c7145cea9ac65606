//! `workflows/unpinned-image`: container images (job containers, services, `docker://`
//! actions, docker actions' `runs.image`) without a digest.

use super::FileCtx;
use crate::model::{UsesKind, Workflow, parse_uses};
use crate::yaml::{Node, Value};
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/unpinned-image",
    title: "Container image not pinned by digest",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A job `container:`, a `services:` image, a `uses: docker://…` step, or a docker action's `runs.image: docker://…` names an image by tag (or with no tag, i.e. `latest`) instead of `@sha256:` digest. No tag or `latest` is high severity.",
    why: "Tags are mutable: a registry compromise, a typo-squatted or re-pushed tag changes the code your job runs, with its secrets, without any change in your repository.",
    fix: "Pin the image by digest and keep the tag for readers: `image: node:22-alpine@sha256:<digest>`.",
    fix_details: "Bad:\n\n```yaml\ncontainer:\n  image: node:latest\n```\n\nGood:\n\n```yaml\ncontainer:\n  image: node:22-alpine@sha256:<digest>\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainerimage",
        "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier",
    ],
};

/// `(severity, reason)` when an image reference is not pinned by digest.
pub fn image_problem(image: &str) -> Option<(Severity, String)> {
    let image = image.trim();
    if image.is_empty() || image.contains("${{") || image.contains("@sha256:") {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => Some((Severity::High, "has no tag (resolves to `latest`)".into())),
        Some((_, "latest")) => Some((Severity::High, "uses the `latest` tag".into())),
        Some((_, tag)) => Some((
            Severity::Medium,
            format!("is pinned to the mutable tag `{tag}`"),
        )),
    }
}

fn report(file: &FileCtx<'_>, node: &Node, image: &str, what: &str, out: &mut Vec<Finding>) {
    if let Some((sev, why)) = image_problem(image) {
        out.push(
            Finding::new(
                &RULE,
                format!("{what} `{image}` {why}, not a digest"),
                file.at(node),
            )
            .with_severity(sev)
            .with_key(format!("{what}/{image}"))
            .with_remediation(format!(
                "Pin by digest:\n\nimage: {}@sha256:<digest>",
                image.trim_start_matches("docker://")
            )),
        );
    }
}

fn container_image(n: &Node) -> Option<(&Node, &str)> {
    match &n.value {
        Value::Scalar(s, _) => Some((n, s.as_str())),
        Value::Map(_) => n.get("image").and_then(|i| Some((i, i.as_str()?))),
        Value::Seq(_) => None,
    }
}

/// Checks job containers and services.
pub fn check_workflow(file: &FileCtx<'_>, wf: &Workflow<'_>, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        if let Some((n, img)) = job.container.and_then(container_image) {
            report(file, n, img, &format!("job `{}` container", job.id), out);
        }
        if let Some(m) = job.services.and_then(Node::as_map) {
            for (k, v) in m {
                if let Some((n, img)) = container_image(v) {
                    report(
                        file,
                        n,
                        img,
                        &format!("job `{}` service `{}`", job.id, k.as_str().unwrap_or("?")),
                        out,
                    );
                }
            }
        }
    }
}

/// Checks a `uses: docker://…` node.
pub fn check_uses(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    if let Some(UsesKind::Docker(img)) = node.as_str().and_then(parse_uses) {
        report(file, node, &img, "docker action", out);
    }
}

/// Checks a docker action's `runs.image`.
pub fn check_action_image(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    if let Some(img) = node.as_str().and_then(|s| s.strip_prefix("docker://")) {
        report(file, node, img, "action image", out);
    }
}
