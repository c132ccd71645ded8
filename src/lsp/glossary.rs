//! The "ignore this term" action's write: add a term to the `glossary` of a
//! `.tact.toml`, creating the file when absent. The file is edited with
//! toml_edit, so every comment, blank line and key order stays as it was;
//! the new text goes to a temporary file beside it that is then renamed
//! over it, so a crash never leaves half a file. A file that is not valid
//! TOML, or that changed while we worked, is left alone with an error.

use crate::workspace::write_atomically;
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Value};

/// What [`add_term`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Added,
    AlreadyThere,
}

/// The text of `original` (a `.tact.toml`) with `term` in its glossary.
pub fn with_term(original: &str, term: &str) -> Result<Option<String>, String> {
    let mut doc: DocumentMut = original
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("not valid TOML, so left alone: {e}"))?;
    let glossary = doc
        .entry("glossary")
        .or_insert(Item::Value(Value::Array(Array::new())));
    let Some(array) = glossary.as_array_mut() else {
        return Err("`glossary` is not a list, so it was left alone".into());
    };
    let known = array
        .iter()
        .filter_map(Value::as_str)
        .any(|t| t.eq_ignore_ascii_case(term));
    if known {
        return Ok(None);
    }
    // Follow the list's own layout: one item per line if it has them.
    let multiline = array
        .iter()
        .next()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .is_some_and(|p| p.contains('\n'));
    // What follows the last item (a comment after its comma, the line
    // break before `]`) stays after that item; the new one goes below it.
    let trailing = array.trailing().as_str().unwrap_or("").to_string();
    let indent = array
        .iter()
        .next()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(|p| p.rsplit('\n').next().unwrap_or("").to_string())
        .unwrap_or_else(|| "  ".into());
    let had_items = !array.is_empty();
    array.push(term);
    if multiline && had_items {
        let (prefix, rest) = match trailing.rfind('\n') {
            Some(i) => (
                format!("{}{indent}", &trailing[..=i]),
                format!("\n{}", &trailing[i + 1..]),
            ),
            None => (format!("\n{indent}"), trailing),
        };
        if let Some(last) = array.iter_mut().last() {
            last.decor_mut().set_prefix(prefix);
        }
        array.set_trailing(rest);
        array.set_trailing_comma(true);
    }
    Ok(Some(doc.to_string()))
}

/// Adds `term` to the glossary of the config file at `path`.
pub fn add_term(path: &Path, term: &str) -> Result<Outcome, String> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => Some(
            String::from_utf8(bytes)
                .map_err(|_| format!("{}: not valid UTF-8, so left alone", path.display()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let original = existing.as_deref().unwrap_or("");
    let Some(text) = with_term(original, term).map_err(|e| format!("{}: {e}", path.display()))?
    else {
        return Ok(Outcome::AlreadyThere);
    };
    write_atomically(
        path,
        text.as_bytes(),
        existing.as_deref().map(str::as_bytes),
    )?;
    Ok(if existing.is_some() {
        Outcome::Added
    } else {
        Outcome::Created
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_layout_survive() {
        let original = "# project wording\nlanguage = \"en\" # always English\n\nglossary = [\"deploy\"] # agreed with the client\n\n[rules]\n# too strict for us\nlong-sentence = { max-words = 35 }\n";
        let out = with_term(original, "staging").unwrap().unwrap();
        assert_eq!(
            out,
            original.replace("[\"deploy\"]", "[\"deploy\", \"staging\"]")
        );
        assert_eq!(with_term(&out, "Staging").unwrap(), None, "already there");
    }

    #[test]
    fn a_missing_glossary_is_added_before_the_tables() {
        let original = "language = \"nl\"\n\n[rules]\njargon = \"hint\"\n";
        let out = with_term(original, "SSO").unwrap().unwrap();
        assert_eq!(
            out,
            "language = \"nl\"\nglossary = [\"SSO\"]\n\n[rules]\njargon = \"hint\"\n"
        );
        assert_eq!(
            with_term("", "SSO").unwrap().unwrap(),
            "glossary = [\"SSO\"]\n"
        );
    }

    #[test]
    fn a_multiline_list_stays_one_per_line() {
        let original = "glossary = [\n  \"deploy\", # yes\n  \"SSO\",\n]\n";
        let out = with_term(original, "API").unwrap().unwrap();
        assert_eq!(
            out,
            "glossary = [\n  \"deploy\", # yes\n  \"SSO\",\n  \"API\",\n]\n"
        );
        // A comment after the last item stays with that item.
        let original = "glossary = [\n    \"SSO\", # theirs\n]\n";
        let out = with_term(original, "API").unwrap().unwrap();
        assert_eq!(
            out,
            "glossary = [\n    \"SSO\", # theirs\n    \"API\",\n]\n"
        );
    }

    #[test]
    fn broken_files_are_left_alone() {
        assert!(with_term("glossary = [", "x").is_err());
        assert!(with_term("glossary = \"deploy\"", "x").is_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".tact.toml");
        std::fs::write(&path, "glossary = [").unwrap();
        assert!(add_term(&path, "x").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "glossary = [");
        let fresh = dir.path().join("sub.toml");
        assert_eq!(add_term(&fresh, "deploy"), Ok(Outcome::Created));
        assert_eq!(add_term(&fresh, "deploy"), Ok(Outcome::AlreadyThere));
        assert_eq!(
            std::fs::read_to_string(&fresh).unwrap(),
            "glossary = [\"deploy\"]\n"
        );
    }
}
