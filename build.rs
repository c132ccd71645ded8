//! Embeds every file under `rulesets/<lang>/` (the `*.toml` data and the
//! `docs/*.md` rule documentation) into the library, so the binary carries
//! its default rulesets and adding a language is adding a folder.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rulesets");
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("rulesets");
    let mut entries = Vec::new();
    let mut languages: Vec<_> = std::fs::read_dir(&root)
        .expect("rulesets/ exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    languages.sort();
    for language in &languages {
        for sub in ["", "docs"] {
            let dir = root.join(language).join(sub);
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<_> = read
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "md")))
                .collect();
            files.sort();
            for file in files {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let rel = if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                };
                entries.push((language.clone(), rel, file));
            }
        }
    }
    let mut out = String::from("pub static FILES: &[EmbeddedFile] = &[\n");
    for (language, rel, path) in entries {
        writeln!(
            out,
            "    EmbeddedFile {{ language: {language:?}, path: {rel:?}, text: include_str!({:?}) }},",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_rulesets.rs");
    std::fs::write(dest, out).unwrap();
}
