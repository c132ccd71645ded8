//! The core stays pure: the library may not use the async runtime, the
//! protocol crates, the editor-side data structures, the file system, the
//! environment, or print. Only the binary's fronts (`src/cli/`, `src/lsp/`,
//! `src/main.rs`, `src/workspace.rs`) may.

use std::path::{Path, PathBuf};

const FORBIDDEN: &[(&str, &str)] = &[
    ("tokio", "the async runtime belongs to the language server"),
    ("tower_lsp", "the protocol belongs to the language server"),
    ("ropey", "editor buffers belong to the language server"),
    ("dashmap", "shared maps belong to the language server"),
    ("std::fs", "file I/O belongs to the fronts"),
    ("std::env", "the environment belongs to the fronts"),
    ("std::net", "tact never opens a network connection"),
    ("std::process", "the core never runs programs"),
    ("println!", "the core never prints"),
    ("eprintln!", "the core never prints"),
    ("print!", "the core never prints"),
    ("eprint!", "the core never prints"),
    ("dbg!", "the core never prints"),
    ("std::io::stdout", "the core never prints"),
    ("std::io::stderr", "the core never prints"),
];

/// Files of the binary, not the library.
fn is_front(path: &Path) -> bool {
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
    let rel = rel.to_string_lossy().replace('\\', "/");
    rel == "src/main.rs"
        || rel == "src/workspace.rs"
        || rel.starts_with("src/cli/")
        || rel.starts_with("src/lsp/")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Strips `//` comments so docs may name what they avoid.
fn code_only(source: &str) -> String {
    source
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_core_is_pure() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let core: Vec<_> = files.into_iter().filter(|p| !is_front(p)).collect();
    assert!(core.len() > 10, "the library's files were found");
    let mut violations = Vec::new();
    for file in &core {
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        for (needle, why) in FORBIDDEN {
            for (n, line) in code.lines().enumerate() {
                let hit = line.match_indices(needle).any(|(i, _)| {
                    // A whole identifier, not part of a longer one (`eprint!` in `eprintln!`).
                    let before = line[..i].chars().next_back();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if hit {
                    violations.push(format!("{}:{}: `{needle}`: {why}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the core must stay pure:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_library_does_not_depend_on_front_crates_by_path() {
    // lib.rs must not declare the fronts as modules.
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for front in ["mod cli", "mod lsp", "mod workspace"] {
        assert!(!lib.contains(front), "lib.rs declares `{front}`");
    }
}
