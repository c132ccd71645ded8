//! The file side of the fronts: finding `.tact.toml` from a file's folder
//! upward, reading the project's ruleset folders, building (and caching) one
//! linter per configuration, and reading documents from disk with clear
//! errors for what is not text.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tact::ruleset::{Layer, LayerMode};
use tact::{Linter, Settings};

/// The name of the project configuration file.
pub const CONFIG_FILE: &str = ".tact.toml";

/// An error reading configuration, rulesets or a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceError(pub String);

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WorkspaceError {}

/// The nearest `.tact.toml` in `dir` or a folder above it.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let found = |dir: &Path| {
        dir.ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|p| p.is_file())
    };
    // A relative folder's ancestors end at the current folder: go on above
    // it (the path stays relative when the file is found below).
    found(dir).or_else(|| {
        dir.is_relative()
            .then(|| std::path::absolute(dir).ok())
            .flatten()
            .and_then(|absolute| found(&absolute))
    })
}

/// Reads a file as text: NUL bytes mean binary, and invalid UTF-8 is named
/// with the offset of the first bad byte.
pub fn read_text(path: &Path) -> Result<String, WorkspaceError> {
    let bytes = std::fs::read(path)
        .map_err(|e| WorkspaceError(format!("{}: cannot read: {e}", path.display())))?;
    decode(&bytes).map_err(|e| WorkspaceError(format!("{}: {e}", path.display())))
}

/// Turns bytes into text, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("a binary file, not text; skipped".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); skipped",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes `bytes` to `path` through a temporary file beside it that is then
/// renamed over it, so a crash never leaves half a file, unless the file no
/// longer holds `expected` (`None`: there was no file), in which case
/// nothing is written. A symbolic link is written through (the file it
/// points to is replaced, the link stays), and the file keeps its
/// permissions.
pub fn write_atomically(path: &Path, bytes: &[u8], expected: Option<&[u8]>) -> Result<(), String> {
    use std::io::Write;
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("tact");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if let Ok(meta) = std::fs::metadata(&target) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    let now = std::fs::read(&target).ok();
    if now.as_deref() != expected {
        let _ = std::fs::remove_file(&temp);
        return Err(format!(
            "{} changed while tact was editing it; nothing was written",
            path.display()
        ));
    }
    std::fs::rename(&temp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        fail(e)
    })
}

/// Reads and parses a configuration file.
pub fn load_settings(path: &Path) -> Result<Settings, WorkspaceError> {
    let text = read_text(path)?;
    Settings::parse(&text, &path.display().to_string()).map_err(|e| WorkspaceError(e.to_string()))
}

/// Reads the ruleset folders a configuration names, relative to `base`.
pub fn load_layers(settings: &Settings, base: &Path) -> Result<Vec<Layer>, WorkspaceError> {
    let mut layers = Vec::new();
    let folders = settings
        .rulesets
        .extend
        .iter()
        .map(|f| (f, LayerMode::Extend))
        .chain(
            settings
                .rulesets
                .replace
                .iter()
                .map(|f| (f, LayerMode::Replace)),
        );
    for (folder, mode) in folders {
        let root = base.join(folder);
        let entries = std::fs::read_dir(&root).map_err(|e| {
            WorkspaceError(format!(
                "ruleset folder {}: cannot read: {e}",
                root.display()
            ))
        })?;
        let mut languages: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        languages.sort();
        for dir in languages {
            let language = dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| WorkspaceError(format!("{}: cannot read: {e}", dir.display())))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            for file in files {
                layers.push(Layer {
                    language: language.clone(),
                    file: file
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    origin: file.display().to_string(),
                    text: read_text(&file)?,
                    mode,
                });
            }
        }
    }
    Ok(layers)
}

/// Builds the linter for a configuration file (or the defaults).
pub fn linter_for(config: Option<&Path>) -> Result<Linter, WorkspaceError> {
    let Some(path) = config else {
        return Linter::new(Settings::default()).map_err(|e| WorkspaceError(e.to_string()));
    };
    let settings = load_settings(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let layers = load_layers(&settings, base)?;
    Linter::with_layers(settings, &layers).map_err(|e| WorkspaceError(e.to_string()))
}

/// One linter per configuration file, built on first use.
#[derive(Default)]
pub struct Linters {
    forced: Option<PathBuf>,
    by_config: HashMap<Option<PathBuf>, Arc<Linter>>,
}

impl Linters {
    /// With `forced`, every document uses that configuration.
    pub fn new(forced: Option<PathBuf>) -> Self {
        Linters {
            forced,
            by_config: HashMap::new(),
        }
    }

    /// The linter for a document in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Linter>, WorkspaceError> {
        let config = self.forced.clone().or_else(|| find_config(dir));
        if let Some(linter) = self.by_config.get(&config) {
            return Ok(linter.clone());
        }
        let linter = Arc::new(linter_for(config.as_deref())?);
        self.by_config.insert(config, linter.clone());
        Ok(linter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_names_what_is_wrong() {
        assert_eq!(decode(b"plain").unwrap(), "plain");
        assert_eq!(decode(b"\xEF\xBB\xBFbom").unwrap(), "bom");
        assert!(decode(b"bin\0ary").unwrap_err().contains("binary"));
        assert!(decode(b"ok \xFF bad").unwrap_err().contains("offset 3"));
    }
}
