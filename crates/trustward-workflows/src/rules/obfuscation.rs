//! `workflows/obfuscation`: `uses:` paths and expressions written to hide what they do:
//! needless `./`, `//` or `..` segments, and expressions that are constants.

use super::{FileCtx, file_exprs};
use crate::expr;
use crate::yaml::Node;
use trustward_core::{Confidence, Finding, Level, Practice, Rule, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "workflows/obfuscation",
    title: "Obfuscated `uses:` path or constant expression",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::TechnicalSecurityGuidance,
    level: Level::Standard,
    controls: &["OSPS-BR-01.03"],
    description: "A `uses:` path contains `/./`, `//`, `..` segments or a trailing `/` before `@` (`actions/checkout/./@v4`, `./.github/../evil`), or an expression reads no context at all and only evaluates constants (`${{ 'curl' }}`, `${{ format('{0}{1}', 'cu', 'rl') }}`, `${{ fromJSON('\"x\"') }}`).",
    why: "These forms behave like the plain text they stand for but defeat reviewers and pattern-based tools: an `actions/checkout/./@v4` is not matched by rules about `actions/checkout`, and a command assembled from literals hides from anyone searching for it.",
    fix: "Write the plain form: `actions/checkout@<sha>`, `./.github/actions/build`, and the literal text instead of a constant expression.",
    fix_details: "Bad:\n\n```yaml\n- uses: actions/checkout/./@v4\n- run: ${{ format('{0}{1}', 'cu', 'rl') }} https://example.com\n```\n\nGood:\n\n```yaml\n- uses: actions/checkout@<sha> # v4.x.y\n- run: curl https://example.com\n```",
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsuses",
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions",
    ],
};

/// Why a `uses:` string is obfuscated, if it is.
pub fn uses_trick(s: &str) -> Option<&'static str> {
    if s.starts_with("docker://") {
        return None;
    }
    let name = s.split('@').next().unwrap_or(s);
    let body = name.strip_prefix("./").unwrap_or(name);
    if body.contains("//") {
        return Some("an empty `//` path segment");
    }
    if body.split('/').any(|seg| seg == "." || seg == "..") {
        return Some("a `.` or `..` path segment");
    }
    if s.contains('@') && name.ends_with('/') {
        return Some("a trailing `/`");
    }
    None
}

/// Whether an expression reads no context: it only combines literals.
pub fn constant(inner: &str) -> bool {
    let t = inner.trim();
    if t.is_empty() {
        return false;
    }
    expr::context_paths(t)
        .iter()
        .all(|p| matches!(p.as_str(), "true" | "false" | "null" | "nan" | "infinity"))
        // a bare boolean/number literal in a condition is a common, harmless idiom
        && !matches!(t.to_ascii_lowercase().as_str(), "true" | "false" | "null")
        && !t.bytes().all(|c| c.is_ascii_digit() || c == b'.')
}

/// Checks one `uses:` node.
pub fn check_uses(file: &FileCtx<'_>, node: &Node, out: &mut Vec<Finding>) {
    let Some(s) = node.as_str() else { return };
    if let Some(why) = uses_trick(s) {
        out.push(
            Finding::new(
                &RULE,
                format!("`uses: {s}` hides its target behind {why}"),
                file.at(node),
            )
            .with_key(format!("uses/{s}"))
            .with_remediation("Write the plain `owner/repo[/path]@<sha>` or `./path` form."),
        );
    }
}

/// Checks every expression of the file.
pub fn check_exprs(file: &FileCtx<'_>, root: &Node, out: &mut Vec<Finding>) {
    for (inner, span) in file_exprs(file, root) {
        // bare `if:` conditions are included by file_exprs; only `${{ }}` counts here
        let raw = file
            .src
            .get(span.start.offset..span.end.offset)
            .unwrap_or("");
        if !raw.starts_with("${{") || !constant(&inner) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                format!("`${{{{ {inner} }}}}` only combines constants"),
                file.loc(span),
            )
            .with_confidence(Confidence::Medium)
            .with_key(format!("expr/{}/{inner}", span.start.line))
            .with_remediation("Write the resulting text directly."),
        );
    }
}
