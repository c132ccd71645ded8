//! Settings: what `.tact.toml` (and, later, an editor) can say. Parsing
//! takes text and a name for messages; finding and reading the file is the
//! fronts' job. Every error names the file, the line and the key.
//!
//! ```toml
//! language = "en"                  # en | nl | auto (default)
//! glossary = ["deploy", "SSO"]     # not jargon for this client
//!
//! [rules]
//! jargon = "information"           # a severity, or "off"
//! long-sentence = { max-words = 25 }
//! tech-heavy = { max-per-100-words = 8 }
//!
//! [kinds]
//! proposal = ["proposals/**"]      # globs that fix a document's kind
//!
//! [rulesets]
//! extend = ["tact-rules"]          # folders with <lang>/<rule-id>.toml layered on the defaults
//! replace = []                     # folders whose files replace the default file outright
//! remove = { jargon = ["cache"] }  # default entries to drop
//! ```

use crate::document::{Kind, Language};
use crate::finding::Severity;
use crate::rules::RuleId;
use crate::ruleset::{self, Removals};
use std::collections::BTreeMap;
use std::fmt;

/// One rule's settings; `None` leaves the default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSettings {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    /// `long-sentence` only: the word limit.
    pub max_words: Option<usize>,
    /// `tech-heavy` only: technical terms per 100 words above which a
    /// paragraph is dense.
    pub max_per_100_words: Option<f64>,
}

/// The project's ruleset layers, as written (paths relative to the config).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RulesetSettings {
    pub extend: Vec<String>,
    pub replace: Vec<String>,
    pub removals: Removals,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// `None`: detect per document.
    pub language: Option<Language>,
    pub glossary: Vec<String>,
    pub rules: BTreeMap<RuleId, RuleSettings>,
    /// Globs that decide a document's kind, in order.
    pub kinds: Vec<(Kind, Vec<String>)>,
    pub rulesets: RulesetSettings,
}

/// A configuration error: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    pub origin: String,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Parses the text of a `.tact.toml`; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Settings, SettingsError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| SettingsError {
            origin: origin.to_string(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            key: None,
            message: e.message().trim().to_string(),
        })?;
        let p = Parser { text, origin };
        p.settings(&table)
    }

    /// Reads settings already parsed into a table (an editor's settings,
    /// given as JSON with the same keys as `.tact.toml`); `origin` names
    /// them in errors, which carry no line.
    pub fn from_table(table: &toml::Table, origin: &str) -> Result<Settings, SettingsError> {
        Parser { text: "", origin }.settings(table)
    }

    /// Lays `other` over `self`: what `other` sets wins, lists add up.
    pub fn merge(&mut self, other: Settings) {
        if other.language.is_some() {
            self.language = other.language;
        }
        self.glossary.extend(other.glossary);
        for (rule, s) in other.rules {
            let mine = self.rules.entry(rule).or_default();
            if s.enabled.is_some() {
                mine.enabled = s.enabled;
            }
            if s.severity.is_some() {
                mine.severity = s.severity;
            }
            if s.max_words.is_some() {
                mine.max_words = s.max_words;
            }
            if s.max_per_100_words.is_some() {
                mine.max_per_100_words = s.max_per_100_words;
            }
        }
        let mut kinds = other.kinds;
        kinds.append(&mut self.kinds);
        self.kinds = kinds;
        self.rulesets.extend.extend(other.rulesets.extend);
        self.rulesets.replace.extend(other.rulesets.replace);
        self.rulesets
            .removals
            .entries
            .extend(other.rulesets.removals.entries);
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        let s = self.rules.get(&rule);
        if s.and_then(|s| s.enabled) == Some(false) {
            return None;
        }
        Some(
            s.and_then(|s| s.severity)
                .unwrap_or(rule.info().default_severity),
        )
    }

    pub fn max_words(&self) -> Option<usize> {
        self.rules
            .get(&RuleId::LongSentence)
            .and_then(|s| s.max_words)
    }
}

struct Parser<'a> {
    text: &'a str,
    origin: &'a str,
}

type Parsed<T> = Result<T, SettingsError>;

impl Parser<'_> {
    fn error(&self, key: &str, message: impl Into<String>) -> SettingsError {
        SettingsError {
            origin: self.origin.to_string(),
            line: self.line_of(key),
            key: Some(key.to_string()),
            message: message.into(),
        }
    }

    /// The line where dotted `key` is written: its last part as a `key =`
    /// or as a `[table]` header, searched after its parent's header.
    fn line_of(&self, key: &str) -> Option<usize> {
        let last = key.rsplit('.').next().unwrap_or(key);
        let parent = key.rsplit_once('.').map(|(p, _)| p);
        let mut after = 0;
        if let Some(parent) = parent {
            let header = format!("[{parent}]");
            if let Some(line) = self
                .text
                .lines()
                .position(|l| l.trim().replace(' ', "") == header)
            {
                after = line;
            }
        }
        self.text
            .lines()
            .enumerate()
            .skip(after)
            .find_map(|(i, l)| {
                let l = l.trim();
                let bare = l.trim_start_matches('[').trim_start_matches('"');
                let rest = bare.strip_prefix(last)?;
                let rest = rest.trim_start_matches('"').trim_start();
                (rest.starts_with('=') || rest.starts_with(']') || rest.starts_with('.'))
                    .then_some(i + 1)
            })
    }

    fn settings(&self, table: &toml::Table) -> Parsed<Settings> {
        let mut s = Settings::default();
        for (key, value) in table {
            match key.as_str() {
                "language" => s.language = self.language(key, value)?,
                "glossary" => s.glossary = self.strings(key, value)?,
                "rules" => s.rules = self.rules(self.table(key, value)?)?,
                "kinds" => s.kinds = self.kinds(self.table(key, value)?)?,
                "rulesets" => s.rulesets = self.rulesets(self.table(key, value)?)?,
                other => {
                    return Err(self.error(
                        other,
                        "unknown key (expected language, glossary, rules, kinds or rulesets)",
                    ));
                }
            }
        }
        Ok(s)
    }

    fn language(&self, key: &str, value: &toml::Value) -> Parsed<Option<Language>> {
        let code = self.string(key, value)?;
        if code.eq_ignore_ascii_case("auto") {
            return Ok(None);
        }
        ruleset::language(code).map(Some).ok_or_else(|| {
            let known: Vec<_> = ruleset::languages().iter().map(|l| l.code()).collect();
            self.error(
                key,
                format!(
                    "unknown language '{code}' (expected auto, {})",
                    known.join(", ")
                ),
            )
        })
    }

    fn string<'v>(&self, key: &str, value: &'v toml::Value) -> Parsed<&'v str> {
        value.as_str().ok_or_else(|| {
            self.error(
                key,
                format!("expected a string, found {}", value.type_str()),
            )
        })
    }

    fn strings(&self, key: &str, value: &toml::Value) -> Parsed<Vec<String>> {
        let array = value.as_array().ok_or_else(|| {
            self.error(
                key,
                format!("expected a list of strings, found {}", value.type_str()),
            )
        })?;
        array
            .iter()
            .map(|v| self.string(key, v).map(str::to_string))
            .collect()
    }

    fn table<'v>(&self, key: &str, value: &'v toml::Value) -> Parsed<&'v toml::Table> {
        value
            .as_table()
            .ok_or_else(|| self.error(key, format!("expected a table, found {}", value.type_str())))
    }

    fn rule_id(&self, key: &str, name: &str) -> Parsed<RuleId> {
        name.parse::<RuleId>()
            .map_err(|e| self.error(key, e.to_string()))
    }

    fn rules(&self, table: &toml::Table) -> Parsed<BTreeMap<RuleId, RuleSettings>> {
        let mut out = BTreeMap::new();
        for (name, value) in table {
            let key = format!("rules.{name}");
            let rule = self.rule_id(&key, name)?;
            let mut settings = RuleSettings::default();
            match value {
                toml::Value::String(level) => self.level(&key, level, &mut settings)?,
                toml::Value::Boolean(on) => settings.enabled = Some(*on),
                toml::Value::Table(options) => {
                    for (option, value) in options {
                        let key = format!("{key}.{option}");
                        match option.as_str() {
                            "severity" => {
                                self.level(&key, self.string(&key, value)?, &mut settings)?
                            }
                            "enabled" => {
                                settings.enabled =
                                    Some(value.as_bool().ok_or_else(|| {
                                        self.error(&key, "expected true or false")
                                    })?)
                            }
                            "max-words" if rule == RuleId::LongSentence => {
                                let n = value
                                    .as_integer()
                                    .filter(|n| (1..=1000).contains(n))
                                    .ok_or_else(|| {
                                        self.error(&key, "expected a whole number from 1 to 1000")
                                    })?;
                                settings.max_words = Some(n as usize);
                            }
                            "max-per-100-words" if rule == RuleId::TechHeavy => {
                                let n = value
                                    .as_float()
                                    .or_else(|| value.as_integer().map(|i| i as f64))
                                    .filter(|n| (0.0..=100.0).contains(n))
                                    .ok_or_else(|| {
                                        self.error(&key, "expected a number from 0 to 100")
                                    })?;
                                settings.max_per_100_words = Some(n);
                            }
                            _ => {
                                let known = match rule {
                                    RuleId::LongSentence => "severity, enabled or max-words",
                                    RuleId::TechHeavy => "severity, enabled or max-per-100-words",
                                    _ => "severity or enabled",
                                };
                                return Err(
                                    self.error(&key, format!("unknown option (expected {known})"))
                                );
                            }
                        }
                    }
                }
                other => {
                    return Err(self.error(
                        &key,
                        format!(
                            "expected a severity, \"off\" or a table, found {}",
                            other.type_str()
                        ),
                    ));
                }
            }
            out.insert(rule, settings);
        }
        Ok(out)
    }

    fn level(&self, key: &str, level: &str, settings: &mut RuleSettings) -> Parsed<()> {
        match level.trim().to_ascii_lowercase().as_str() {
            "off" => settings.enabled = Some(false),
            "on" => settings.enabled = Some(true),
            other => {
                settings.severity = Some(other.parse().map_err(|e: String| self.error(key, e))?);
                settings.enabled = Some(true);
            }
        }
        Ok(())
    }

    fn kinds(&self, table: &toml::Table) -> Parsed<Vec<(Kind, Vec<String>)>> {
        let mut out = Vec::new();
        for (name, value) in table {
            let key = format!("kinds.{name}");
            let kind = name.parse::<Kind>().map_err(|e| self.error(&key, e))?;
            let globs = self.strings(&key, value)?;
            for glob in &globs {
                globset::Glob::new(glob)
                    .map_err(|e| self.error(&key, format!("bad glob '{glob}': {}", e.kind())))?;
            }
            out.push((kind, globs));
        }
        Ok(out)
    }

    fn rulesets(&self, table: &toml::Table) -> Parsed<RulesetSettings> {
        let mut out = RulesetSettings::default();
        for (name, value) in table {
            let key = format!("rulesets.{name}");
            match name.as_str() {
                "extend" => out.extend = self.strings(&key, value)?,
                "replace" => out.replace = self.strings(&key, value)?,
                "remove" => {
                    for (rule, entries) in self.table(&key, value)? {
                        let key = format!("{key}.{rule}");
                        let id = self.rule_id(&key, rule)?;
                        for entry in self.strings(&key, entries)? {
                            out.removals.entries.push((id, entry));
                        }
                    }
                }
                _ => {
                    return Err(
                        self.error(&key, "unknown key (expected extend, replace or remove)")
                    );
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_config_parses() {
        let s = Settings::parse(
            r#"
language = "nl"
glossary = ["deploy", "SSO"]

[rules]
jargon = "information"
blame = "off"
long-sentence = { max-words = 20 }

[kinds]
proposal = ["proposals/**"]

[rulesets]
extend = ["team"]
remove = { jargon = ["cache"] }
"#,
            ".tact.toml",
        )
        .unwrap();
        assert_eq!(s.language.map(|l| l.code()), Some("nl"));
        assert_eq!(s.severity(RuleId::Jargon), Some(Severity::Information));
        assert_eq!(s.severity(RuleId::Blame), None);
        assert_eq!(s.severity(RuleId::HiddenActor), Some(Severity::Information));
        assert_eq!(s.max_words(), Some(20));
        assert_eq!(
            s.kinds,
            vec![(Kind::Proposal, vec!["proposals/**".to_string()])]
        );
        assert_eq!(s.rulesets.extend, ["team"]);
        assert_eq!(
            s.rulesets.removals.entries,
            vec![(RuleId::Jargon, "cache".to_string())]
        );
    }

    fn error(text: &str) -> String {
        Settings::parse(text, "x/.tact.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_name_file_line_and_key() {
        assert_eq!(
            error("language = \"en\"\n\n[rules]\njargn = \"off\"\n"),
            "x/.tact.toml:4: `rules.jargn`: unknown rule 'jargn' (did you mean 'jargon'?)"
        );
        assert_eq!(
            error("[rules]\nblame = \"loud\"\n"),
            "x/.tact.toml:2: `rules.blame`: unknown severity 'loud' (expected error, warning, information, hint or off)"
        );
        assert_eq!(
            error("language = \"fr\"\n"),
            "x/.tact.toml:1: `language`: unknown language 'fr' (expected auto, en, nl)"
        );
        assert_eq!(
            error("\n\ncolour = 1\n"),
            "x/.tact.toml:3: `colour`: unknown key (expected language, glossary, rules, kinds or rulesets)"
        );
        assert!(error("language = \n").starts_with("x/.tact.toml:1: "));
        assert!(
            error("[rules.long-sentence]\nmax-words = 0\n")
                .starts_with("x/.tact.toml:2: `rules.long-sentence.max-words`")
        );
        assert!(error("[kinds]\nletter = [\"*.md\"]\n").contains("unknown kind 'letter'"));
    }

    #[test]
    fn merging_lets_the_later_layer_win() {
        let mut base = Settings::parse(
            "language = \"en\"\nglossary = [\"a\"]\n[rules]\njargon = \"error\"\n",
            "a",
        )
        .unwrap();
        let over = Settings::parse("glossary = [\"b\"]\n[rules]\njargon = \"off\"\n", "b").unwrap();
        base.merge(over);
        assert_eq!(base.language.map(|l| l.code()), Some("en"));
        assert_eq!(base.glossary, ["a", "b"]);
        assert_eq!(base.severity(RuleId::Jargon), None);
    }
}
