//! The editor integrations under `editors/`, tested in the real editors.
//! Each `editors/<editor>/test/run.sh` starts its editor headless with the
//! files a user installs, opens a Markdown mail with jargon, waits for
//! tact's diagnostic in the editor's own store, applies the quick fix
//! through the editor and checks the text and that the diagnostic went
//! (Helix, Zed, Sublime Text and Kakoune: their config files are checked
//! for syntax and content only; see their READMEs).
//!
//! `editors/<editor>/test/install.sh` installs each editor (`.ci/run` runs
//! them all). A script exits with 77 when its editor is not installed:
//! that is a failure under `CI=true` and a printed skip otherwise.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

/// One editor at a time: they are heavy, and the machine has two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn run(editor: &str) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("editors").join(editor).join("test/run.sh");
    assert!(script.is_file(), "{} is missing", script.display());
    let output = Command::new("bash")
        .arg(&script)
        .env("TACT_BIN", env!("CARGO_BIN_EXE_tact"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    match output.status.code() {
        Some(0) => {}
        Some(77) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!(
                "SKIPPED {editor}: not installed (run editors/{editor}/test/install.sh)\n{log}"
            );
        }
        Some(77) => panic!("{editor} is not installed, and CI=true: run .ci/run\n{log}"),
        code => panic!("{editor}: the editor test failed ({code:?})\n{log}"),
    }
}

#[test]
fn neovim() {
    run("neovim");
}

#[test]
fn vim_with_ale() {
    run("vim");
}

#[test]
fn emacs_with_eglot_and_lsp_mode() {
    run("emacs");
}

#[test]
fn vscode_in_code_server() {
    run("vscode");
}

#[test]
fn helix_config() {
    run("helix");
}

#[test]
fn zed_config() {
    run("zed");
}

#[test]
fn sublime_config() {
    run("sublime");
}

#[test]
fn kakoune_config() {
    run("kakoune");
}
