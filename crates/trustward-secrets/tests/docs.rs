//! docs/secrets.md lists exactly the built-in rules (regenerate with TRUSTWARD_BLESS=1).

#[test]
fn docs_rule_table_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/secrets.md");
    let page = std::fs::read_to_string(path).expect("docs/secrets.md exists");
    let want =
        trustward_secrets::docs::splice(&page).expect("docs/secrets.md has the rules markers");
    if std::env::var_os("TRUSTWARD_BLESS").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    assert!(
        page == want,
        "docs/secrets.md is stale: run TRUSTWARD_BLESS=1 cargo test -p trustward-secrets --test docs"
    );
}
