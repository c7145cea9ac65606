//! Times parsing a hostile CODEOWNERS (4 MiB of long wildcard patterns) and one look-up.
fn main() {
    let line = format!("{} @a\n", "*a".repeat(500));
    let text = line.repeat(4 * 1024 * 1024 / line.len());
    let t = std::time::Instant::now();
    let co = trustward_posture::parse::codeowners::Codeowners::parse(&text);
    let parsed = t.elapsed();
    let t = std::time::Instant::now();
    let _ = co.owner_of(&"ab/".repeat(300));
    println!(
        "{} rules, parse {:?}, lookup {:?}",
        co.rules.len(),
        parsed,
        t.elapsed()
    );
}
