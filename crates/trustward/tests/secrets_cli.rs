//! `trustward secrets`: the command line wiring (exit codes; the report's content is
//! tested in trustward-secrets and by the renderers' tests).

use assert_cmd::Command;

const GH: &str = concat!("gh", "p_Zq8Lm3Kd9Xv2Tr7Wp4Ny6Hb1Jc5Gf0Sa8Ed3");

fn tw() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn stdin_with_a_secret_fails_the_policy_and_clean_input_passes() {
    let d = tempfile::tempdir().unwrap();
    tw().current_dir(d.path())
        .args(["secrets", "--stdin", "-q"])
        .write_stdin(format!("token={GH}\n"))
        .assert()
        .code(1);
    tw().current_dir(d.path())
        .args(["secrets", "--stdin", "-q"])
        .write_stdin("nothing to see\n")
        .assert()
        .code(0);
}

#[test]
fn working_tree_and_usage_errors() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("app.env"), format!("T={GH}\n")).unwrap();
    tw().args(["secrets", "-q"]).arg(d.path()).assert().code(1);
    tw().args(["secrets", "-q", "--fail-on", "never"])
        .arg(d.path())
        .assert()
        .code(0);
    // --git needs a repository; --branch needs --git.
    tw().args(["secrets", "--git", "-q"])
        .arg(d.path())
        .assert()
        .code(2);
    tw().args(["secrets", "--branch", "main"])
        .arg(d.path())
        .assert()
        .code(2);
}

#[test]
fn rules_lists_the_secret_rules() {
    let out = tw().arg("rules").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("secrets/github-pat") && text.contains("secrets/custom-rule"));
}
