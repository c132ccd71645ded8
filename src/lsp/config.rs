//! The server's settings: the editor's (`initializationOptions` and
//! `workspace/didChangeConfiguration`, under `tact`, with the keys of
//! `.tact.toml` plus a few that only make sense in an editor), laid under
//! the `.tact.toml` found above each file, which wins. One linter is built
//! per configuration file and kept until a setting or a config file
//! changes. A broken `.tact.toml` is remembered with its error, and the last
//! linter built from a good version of it keeps serving.

use crate::workspace::{self, CONFIG_FILE};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use tact::{Encoding, Linter, Settings, SettingsError};

/// Documents larger than this are not linted unless a setting says otherwise.
pub const DEFAULT_MAX_DOCUMENT_SIZE: usize = 2_000_000;

/// The keys only an editor can set (`.tact.toml` does not know them).
const EDITOR_KEYS: &[&str] = &[
    "docs-url",
    "trace",
    "max-document-size",
    "position-encoding",
];

/// The tables of the settings, which some clients send as `[]` when empty
/// (Neovim encodes an empty Lua table as an array).
const TABLE_KEYS: &[&str] = &["rules", "kinds", "rulesets"];

/// How much the server logs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trace {
    #[default]
    Off,
    Messages,
    Verbose,
}

/// What the editor sent, parsed.
#[derive(Clone, Debug)]
pub struct EditorSettings {
    pub settings: Settings,
    pub docs_url: Option<String>,
    pub trace: Trace,
    pub max_document_size: usize,
    /// How the client counts columns when it does not say (its
    /// capabilities offer no position encodings): ALE counts bytes.
    pub position_encoding: Option<Encoding>,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            settings: Settings::default(),
            docs_url: None,
            trace: Trace::Off,
            max_document_size: DEFAULT_MAX_DOCUMENT_SIZE,
            position_encoding: None,
        }
    }
}

impl EditorSettings {
    /// Reads the editor's settings: `{"tact": {...}}` or the object itself;
    /// `null` or nothing means the defaults.
    pub fn from_json(value: &Value) -> Result<EditorSettings, String> {
        let value = value.get("tact").unwrap_or(value);
        let mut out = EditorSettings::default();
        let Some(object) = value.as_object() else {
            return if value.is_null() || value.as_array().is_some_and(Vec::is_empty) {
                Ok(out)
            } else {
                Err("the tact settings must be an object".into())
            };
        };
        let mut rest = object.clone();
        for key in EDITOR_KEYS {
            rest.remove(*key);
        }
        // Editors send null for unset values; drop them (TOML has no null).
        rest.retain(|_, v| !v.is_null());
        for key in TABLE_KEYS {
            if let Some(v) = rest.get_mut(*key) {
                empty_array_as_table(v);
                if let Some(inner) = v.as_object_mut() {
                    inner.values_mut().for_each(empty_array_as_table);
                }
            }
        }
        if let Some(url) = object.get("docs-url").and_then(Value::as_str) {
            out.docs_url = Some(url.trim_end_matches('#').to_string()).filter(|u| !u.is_empty());
        }
        out.trace = match object.get("trace").and_then(Value::as_str) {
            None | Some("off") => Trace::Off,
            Some("messages") => Trace::Messages,
            Some("verbose") => Trace::Verbose,
            Some(other) => {
                return Err(format!(
                    "`trace`: expected off, messages or verbose, got '{other}'"
                ));
            }
        };
        match object.get("max-document-size") {
            None | Some(Value::Null) => {}
            Some(v) => {
                out.max_document_size = v
                    .as_u64()
                    .ok_or("`max-document-size`: expected a number of bytes")?
                    as usize;
            }
        }
        out.position_encoding = match object.get("position-encoding").and_then(Value::as_str) {
            None => None,
            Some("utf-8") => Some(Encoding::Utf8),
            Some("utf-16") => Some(Encoding::Utf16),
            Some("utf-32") => Some(Encoding::Utf32),
            Some(other) => {
                return Err(format!(
                    "`position-encoding`: expected utf-8, utf-16 or utf-32, got '{other}'"
                ));
            }
        };
        let table: toml::Table = serde_json::from_value(Value::Object(rest))
            .map_err(|e| format!("the tact settings: {e}"))?;
        out.settings =
            Settings::from_table(&table, "editor settings").map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// `[]` becomes `{}`: an empty table that arrived as an empty list.
fn empty_array_as_table(value: &mut Value) {
    if value.as_array().is_some_and(Vec::is_empty) {
        *value = Value::Object(Default::default());
    }
}

/// A broken configuration file and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub path: PathBuf,
    pub error: SettingsError,
}

/// Editor settings plus one linter per configuration file.
#[derive(Default)]
pub struct Config {
    editor: RwLock<EditorSettings>,
    linters: Mutex<HashMap<Option<PathBuf>, Arc<Linter>>>,
    /// Folder -> the config file that applies there, so a keystroke does
    /// not search the file system.
    located: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// The last linter built from a good version of each config file.
    last_good: Mutex<HashMap<PathBuf, Arc<Linter>>>,
    broken: Mutex<HashMap<PathBuf, SettingsError>>,
    /// Each config file's modification time and size when its linter was
    /// built: checked on every lint, so an edit is seen even by a client
    /// that cannot watch files.
    stamps: Mutex<HashMap<PathBuf, Stamp>>,
}

/// When a file was last changed, and its size; `None` when it is gone.
type Stamp = Option<(std::time::SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Config {
    pub fn editor(&self) -> EditorSettings {
        self.editor.read().map(|e| e.clone()).unwrap_or_default()
    }

    /// Takes new editor settings; every linter is rebuilt on next use.
    pub fn set_editor(&self, editor: EditorSettings) {
        if let Ok(mut e) = self.editor.write() {
            *e = editor;
        }
        self.forget();
    }

    /// Forgets the built linters and where the config files are (one
    /// changed, appeared or went).
    pub fn forget(&self) {
        if let Ok(mut l) = self.linters.lock() {
            l.clear();
        }
        if let Ok(mut l) = self.located.lock() {
            l.clear();
        }
    }

    /// The config file that applies in `dir`.
    fn locate(&self, dir: &Path) -> Option<PathBuf> {
        let mut located = self.located.lock().ok()?;
        located
            .entry(dir.to_path_buf())
            .or_insert_with(|| workspace::find_config(dir))
            .clone()
    }

    /// The configuration files that are broken now, with their errors.
    pub fn broken(&self) -> Vec<Broken> {
        self.broken
            .lock()
            .map(|b| {
                b.iter()
                    .map(|(path, error)| Broken {
                        path: path.clone(),
                        error: error.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The linter for a document at `path` (or, without a path, for the
    /// first workspace folder `root`), and an error to report if its
    /// configuration is broken.
    pub fn linter(
        &self,
        path: Option<&Path>,
        root: Option<&Path>,
    ) -> (Arc<Linter>, Option<String>) {
        let dir = path.and_then(Path::parent).or(root);
        let mut config = dir.and_then(|d| self.locate(d));
        if let Some(file) = &config
            && self.changed(file)
        {
            // Edited, created or removed behind the server's back.
            self.forget();
            config = dir.and_then(|d| self.locate(d));
        }
        // Held while building, so two lints at once share one new linter.
        let Ok(mut linters) = self.linters.lock() else {
            return self.build(config.as_deref());
        };
        if let Some(linter) = linters.get(&config) {
            return (linter.clone(), None);
        }
        let (linter, error) = self.build(config.as_deref());
        linters.insert(config, linter.clone());
        (linter, error)
    }

    /// Whether `file` changed since its linter was built.
    fn changed(&self, file: &Path) -> bool {
        let Ok(stamps) = self.stamps.lock() else {
            return false;
        };
        stamps.get(file).is_some_and(|s| *s != stamp(file))
    }

    fn build(&self, config: Option<&Path>) -> (Arc<Linter>, Option<String>) {
        let editor = self.editor();
        let Some(path) = config else {
            return (self.editor_only(&editor), None);
        };
        if let Ok(mut stamps) = self.stamps.lock() {
            stamps.insert(path.to_path_buf(), stamp(path));
        }
        match load(path, &editor.settings) {
            Ok(linter) => {
                let linter = Arc::new(linter);
                if let Ok(mut b) = self.broken.lock() {
                    b.remove(path);
                }
                if let Ok(mut g) = self.last_good.lock() {
                    g.insert(path.to_path_buf(), linter.clone());
                }
                (linter, None)
            }
            Err(error) => {
                let message = error.to_string();
                if let Ok(mut b) = self.broken.lock() {
                    b.insert(path.to_path_buf(), error);
                }
                let fallback = self
                    .last_good
                    .lock()
                    .ok()
                    .and_then(|g| g.get(path).cloned())
                    .unwrap_or_else(|| self.editor_only(&editor));
                (fallback, Some(message))
            }
        }
    }

    fn editor_only(&self, editor: &EditorSettings) -> Arc<Linter> {
        let linter = Linter::new(editor.settings.clone())
            .or_else(|_| Linter::new(Settings::default()))
            .expect("the default rulesets compile");
        Arc::new(linter)
    }
}

/// Builds the linter for config file `path` laid over the editor's settings.
fn load(path: &Path, editor: &Settings) -> Result<Linter, SettingsError> {
    let origin = path.display().to_string();
    let whole = |message: String| SettingsError {
        origin: origin.clone(),
        line: None,
        key: None,
        message,
    };
    let text = workspace::read_text(path).map_err(|e| whole(e.0))?;
    let file = Settings::parse(&text, &origin)?;
    let mut settings = editor.clone();
    settings.merge(file);
    let base = path.parent().unwrap_or(Path::new("."));
    let layers = workspace::load_layers(&settings, base).map_err(|e| whole(e.0))?;
    Linter::with_layers(settings, &layers).map_err(|e| whole(e.to_string()))
}

/// Where the glossary action writes for a document at `path`: the nearest
/// `.tact.toml` above it, else one in the workspace folder holding it, else
/// one beside it.
pub fn glossary_file(path: &Path, roots: &[PathBuf]) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Some(found) = workspace::find_config(dir) {
        return found;
    }
    roots
        .iter()
        .filter(|r| path.starts_with(r))
        .max_by_key(|r| r.components().count())
        .map_or_else(|| dir.join(CONFIG_FILE), |r| r.join(CONFIG_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn editor_settings_take_the_config_keys_and_their_own() {
        let e = EditorSettings::from_json(&json!({"tact": {
            "glossary": ["deploy"],
            "rules": {"jargon": "hint"},
            "docs-url": "https://example.org/rules#",
            "trace": "verbose",
            "max-document-size": 1000,
            "language": null,
        }}))
        .unwrap();
        assert_eq!(e.settings.glossary, ["deploy"]);
        assert_eq!(e.docs_url.as_deref(), Some("https://example.org/rules"));
        assert_eq!(e.trace, Trace::Verbose);
        assert_eq!(e.max_document_size, 1000);
        assert!(EditorSettings::from_json(&json!({"rules": {"jargn": "off"}})).is_err());
        assert!(EditorSettings::from_json(&json!({"trace": "loud"})).is_err());
        assert!(EditorSettings::from_json(&json!(null)).is_ok());
    }

    #[test]
    fn empty_lists_stand_for_empty_tables_and_encodings_are_read() {
        let e = EditorSettings::from_json(&json!({"tact": {
            "rules": [], "kinds": [], "rulesets": {"remove": []},
            "glossary": [], "position-encoding": "utf-8",
        }}))
        .unwrap();
        assert_eq!(e.position_encoding, Some(Encoding::Utf8));
        assert!(EditorSettings::from_json(&json!({"tact": []})).is_ok());
        assert!(EditorSettings::from_json(&json!({"position-encoding": "bytes"})).is_err());
        // A non-empty list where a table belongs is still an error.
        assert!(EditorSettings::from_json(&json!({"rules": ["jargon"]})).is_err());
    }
}
