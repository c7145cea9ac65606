//! Prints the rule reference of docs/analyzers/workflows.md from the rule declarations,
//! so the page and `trustward explain` never disagree.

fn main() {
    for r in trustward_workflows::rules::all() {
        let body = r.help_markdown();
        // demote headings one level: the page's rule sections are `##`, their parts `###`
        for line in body.lines() {
            if let Some(rest) = line.strip_prefix("# ") {
                println!("## `{}`", rest.split(':').next().unwrap_or(rest));
                println!();
                println!("**{}**", r.title);
            } else if let Some(rest) = line.strip_prefix("## ") {
                println!("### {rest}");
            } else {
                println!("{line}");
            }
        }
        println!();
    }
}
