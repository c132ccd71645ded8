//! Rulesets: the data behind the rules. The defaults under `rulesets/` are
//! embedded at build time; a project's own ruleset folders are layered on
//! top (the front reads them and hands their text in, the core never touches
//! files). [`compile`] turns the merged data into matchers once per
//! configuration.

pub mod compile;
pub mod pattern;

use crate::document::Language;
use crate::rules::{PHRASE_RULES, RuleId};
use serde::Deserialize;
use std::fmt;

/// A ruleset file compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct EmbeddedFile {
    pub language: &'static str,
    /// Relative to the language folder: `jargon.toml`, `docs/jargon.md`.
    pub path: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded_rulesets.rs"));

/// The languages that have a default ruleset, in folder order (`en`, `nl`).
pub fn languages() -> Vec<Language> {
    let mut out: Vec<Language> = Vec::new();
    for file in FILES {
        if !out.iter().any(|l| l.code() == file.language) {
            out.push(Language::new(file.language));
        }
    }
    out
}

/// The language whose code is `code`, if tact has a ruleset for it.
pub fn language(code: &str) -> Option<Language> {
    languages()
        .into_iter()
        .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
}

fn embedded(language: Language, path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|f| f.language == language.code() && f.path == path)
        .map(|f| f.text)
}

/// The documentation of `rule` in `language` (Markdown), falling back to
/// English when a language lacks it.
pub fn docs(rule: RuleId, language: Language) -> &'static str {
    let path = format!("docs/{}.md", rule.as_str());
    embedded(language, &path)
        .or_else(|| embedded(Language::new("en"), &path))
        .unwrap_or("")
}

/// The one-line summary of a rule: the first paragraph after the title.
pub fn summary(rule: RuleId, language: Language) -> &'static str {
    docs(rule, language)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("")
}

/// An error in a ruleset file, naming the file and, where known, the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesetError {
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for RulesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for RulesetError {}

/// How a project's ruleset file combines with the default of the same rule
/// and language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerMode {
    /// Entries are added; an entry with the same term or pattern replaces
    /// the default one; top-level keys given replace the default ones.
    Extend,
    /// The file replaces the default file entirely.
    Replace,
}

/// A project's ruleset file, read by a front.
#[derive(Clone, Debug)]
pub struct Layer {
    /// Language folder it came from (`en`).
    pub language: String,
    /// File name inside the folder (`jargon.toml`).
    pub file: String,
    /// Where it came from, for messages.
    pub origin: String,
    pub text: String,
    pub mode: LayerMode,
}

/// Entries to take out of the defaults: a jargon term, an acronym, or a
/// phrase pattern (as written in its `match`), per rule, in every language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removals {
    pub entries: Vec<(RuleId, String)>,
}

impl Removals {
    fn removes(&self, rule: RuleId, entry: &str) -> bool {
        self.entries
            .iter()
            .any(|(r, e)| *r == rule && e.trim().eq_ignore_ascii_case(entry.trim()))
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageFile {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub stop_words: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub weekdays: Vec<String>,
    #[serde(default)]
    pub months: Vec<String>,
    #[serde(default)]
    pub relative_days: Vec<String>,
    #[serde(default)]
    pub time_units: Vec<String>,
    /// Word patterns that put a sentence's date in the past ("since", "ago").
    #[serde(default)]
    pub past_time: Vec<String>,
    /// Word patterns that promise without a time ("soon", "get back to you").
    #[serde(default)]
    pub vague_time: Vec<String>,
    pub readability: Option<Readability>,
}

/// The constants of a language's reading-ease formula:
/// `base - per_sentence_length * words/sentences - per_syllable * syllables/words`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Readability {
    pub name: String,
    pub base: f64,
    pub per_sentence_length: f64,
    pub per_syllable: f64,
    /// The letters that count as vowels when counting syllables.
    pub vowels: String,
    /// Whether a final silent `e` ("make") is not a syllable of its own.
    #[serde(default)]
    pub silent_final_e: bool,
}

/// Cues for telling a document's kind from its content (`kinds.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindsFile {
    #[serde(default)]
    pub greetings: Vec<String>,
    #[serde(default)]
    pub sign_offs: Vec<String>,
    #[serde(default)]
    pub proposal: Vec<String>,
    #[serde(default)]
    pub ticket: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct JargonFile {
    pub message: Option<String>,
    #[serde(default)]
    pub term: Vec<TermEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermEntry {
    pub term: String,
    pub suggest: Vec<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default)]
    pub split: Vec<String>,
    #[serde(default)]
    pub unless_after: Vec<String>,
    #[serde(default)]
    pub unless_before: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AcronymFile {
    pub message: Option<String>,
    #[serde(default)]
    pub whitelist: Vec<String>,
    #[serde(default)]
    pub acronym: Vec<AcronymEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AcronymEntry {
    pub acronym: String,
    pub expansion: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseFile {
    pub message: Option<String>,
    #[serde(default)]
    pub unless_sentence: Vec<String>,
    #[serde(default)]
    pub unless_nearby: Vec<String>,
    #[serde(default)]
    pub unless_following: Vec<String>,
    #[serde(default)]
    pub unless_date: bool,
    #[serde(default)]
    pub pattern: Vec<PatternEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternEntry {
    #[serde(rename = "match")]
    pub pattern: String,
    #[serde(default)]
    pub suggest: Vec<String>,
    pub message: Option<String>,
    #[serde(default)]
    pub unless_before: Vec<String>,
    #[serde(default)]
    pub unless_after: Vec<String>,
    #[serde(default)]
    pub unless_sentence: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LongSentenceFile {
    pub message: Option<String>,
    pub max_words: Option<usize>,
    #[serde(default)]
    pub suggest: Vec<String>,
}

/// `missing-apology.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApologyFile {
    pub message: Option<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    #[serde(default)]
    pub bad_news: Vec<String>,
    #[serde(default)]
    pub neutral: Vec<String>,
    #[serde(default)]
    pub apology: Vec<String>,
}

/// `missing-acknowledgement.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AcknowledgementFile {
    pub message: Option<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    #[serde(default)]
    pub reply: Vec<String>,
    #[serde(default)]
    pub concern: Vec<String>,
    #[serde(default)]
    pub acknowledgement: Vec<String>,
}

/// `tech-heavy.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TechHeavyFile {
    pub message: Option<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    pub max_per_100_words: Option<f64>,
    pub min_words: Option<usize>,
    #[serde(default)]
    pub effect: Vec<String>,
}

/// `proposal-sections.toml` and `ticket-sections.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsFile {
    pub message: Option<String>,
    #[serde(default)]
    pub section: Vec<SectionEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionEntry {
    pub name: String,
    pub heading: String,
    #[serde(default)]
    pub stub: String,
    #[serde(default)]
    pub headings: Vec<String>,
    #[serde(default)]
    pub content: Vec<String>,
    /// Whether a heading of this section followed only by a promise without
    /// a time ("Next step: a fix will follow shortly") leaves it missing.
    #[serde(default)]
    pub vague_is_missing: bool,
}

/// `no-next-step.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NextStepFile {
    pub message: Option<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    pub paragraphs: Option<usize>,
    #[serde(default)]
    pub next_step: Vec<String>,
}

/// The document rules' data of one language.
#[derive(Clone, Debug, Default)]
pub struct DocumentData {
    pub apology: ApologyFile,
    pub acknowledgement: AcknowledgementFile,
    pub tech_heavy: TechHeavyFile,
    pub proposal: SectionsFile,
    pub ticket: SectionsFile,
    pub next_step: NextStepFile,
}

/// The merged data of one language, before compilation.
#[derive(Clone, Debug)]
pub struct LanguageData {
    pub language: Language,
    pub words: LanguageFile,
    pub jargon: JargonFile,
    pub acronyms: AcronymFile,
    pub phrases: Vec<(RuleId, PhraseFile)>,
    pub long_sentence: LongSentenceFile,
    pub kinds: KindsFile,
    pub document: DocumentData,
}

impl LanguageData {
    pub fn phrase(&self, rule: RuleId) -> Option<&PhraseFile> {
        self.phrases
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, f)| f)
    }
}

/// One TOML source (default or layer), for parsing with good errors.
struct Source<'a> {
    origin: String,
    text: &'a str,
}

impl Source<'_> {
    fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, RulesetError> {
        toml::from_str(self.text).map_err(|e| RulesetError {
            origin: self.origin.clone(),
            line: e.span().map(|s| {
                self.text[..s.start.min(self.text.len())]
                    .matches('\n')
                    .count()
                    + 1
            }),
            message: e.message().trim().to_string(),
        })
    }
}

/// Loads the defaults for every language and applies `layers` and
/// `removals`.
pub fn load(layers: &[Layer], removals: &Removals) -> Result<Vec<LanguageData>, RulesetError> {
    let known = languages();
    for layer in layers {
        if !known.iter().any(|l| l.code() == layer.language) {
            return Err(RulesetError {
                origin: layer.origin.clone(),
                line: None,
                message: format!(
                    "no default ruleset for language '{}' (tact has: {})",
                    layer.language,
                    known
                        .iter()
                        .map(|l| l.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        let file_known =
            layer.file == "language.toml" || RuleId::all().any(|r| r.file_name() == layer.file);
        if !file_known {
            return Err(RulesetError {
                origin: layer.origin.clone(),
                line: None,
                message: format!(
                    "'{}' is not a ruleset file (expected language.toml, kinds.toml or <rule-id>.toml)",
                    layer.file
                ),
            });
        }
    }
    known
        .into_iter()
        .map(|language| load_language(language, layers, removals))
        .collect()
}

/// Where the embedded default rulesets say they come from.
const DEFAULT_ORIGIN: &str = "<default rulesets>";

/// The sources of one file: the default (unless replaced), then each layer.
fn sources<'a>(language: Language, file: &str, layers: &'a [Layer]) -> Vec<Source<'a>> {
    let mine: Vec<&Layer> = layers
        .iter()
        .filter(|l| l.language == language.code() && l.file == file)
        .collect();
    let replaced = mine.iter().rposition(|l| l.mode == LayerMode::Replace);
    let mut out = Vec::new();
    if replaced.is_none()
        && let Some(text) = embedded(language, file)
    {
        out.push(Source {
            origin: format!("{DEFAULT_ORIGIN}/{}/{file}", language.code()),
            text,
        });
    }
    for layer in &mine[replaced.unwrap_or(0)..] {
        out.push(Source {
            origin: layer.origin.clone(),
            text: &layer.text,
        });
    }
    out
}

/// How a later layer of a ruleset file combines with what came before:
/// lists add up (an entry with the same id replaces the earlier one), and
/// a value the later layer sets wins.
trait Merge: Default + for<'de> Deserialize<'de> {
    fn merge(&mut self, later: Self);
}

/// Replaces `slot` when `later` is set.
fn set<T>(slot: &mut Option<T>, later: Option<T>) {
    if later.is_some() {
        *slot = later;
    }
}

/// Adds `later` to `list`, dropping earlier entries with the same id.
fn upsert<T, K: PartialEq>(list: &mut Vec<T>, later: Vec<T>, id: impl Fn(&T) -> K) {
    for entry in later {
        list.retain(|e| id(e) != id(&entry));
        list.push(entry);
    }
}

impl Merge for LanguageFile {
    fn merge(&mut self, later: Self) {
        if !later.name.is_empty() {
            self.name = later.name;
        }
        self.stop_words.extend(later.stop_words);
        self.abbreviations.extend(later.abbreviations);
        self.weekdays.extend(later.weekdays);
        self.months.extend(later.months);
        self.relative_days.extend(later.relative_days);
        self.time_units.extend(later.time_units);
        self.past_time.extend(later.past_time);
        self.vague_time.extend(later.vague_time);
        set(&mut self.readability, later.readability);
    }
}

impl Merge for JargonFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        upsert(&mut self.term, later.term, |t| t.term.to_lowercase());
    }
}

impl Merge for AcronymFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        self.whitelist.extend(later.whitelist);
        upsert(&mut self.acronym, later.acronym, |a| a.acronym.clone());
    }
}

impl Merge for PhraseFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        self.unless_sentence.extend(later.unless_sentence);
        self.unless_nearby.extend(later.unless_nearby);
        self.unless_following.extend(later.unless_following);
        self.unless_date |= later.unless_date;
        upsert(&mut self.pattern, later.pattern, |p| p.pattern.clone());
    }
}

impl Merge for LongSentenceFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        set(&mut self.max_words, later.max_words);
        if !later.suggest.is_empty() {
            self.suggest = later.suggest;
        }
    }
}

impl Merge for KindsFile {
    fn merge(&mut self, later: Self) {
        self.greetings.extend(later.greetings);
        self.sign_offs.extend(later.sign_offs);
        self.proposal.extend(later.proposal);
        self.ticket.extend(later.ticket);
    }
}

impl Merge for ApologyFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        if !later.suggest.is_empty() {
            self.suggest = later.suggest;
        }
        self.bad_news.extend(later.bad_news);
        self.neutral.extend(later.neutral);
        self.apology.extend(later.apology);
    }
}

impl Merge for AcknowledgementFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        if !later.suggest.is_empty() {
            self.suggest = later.suggest;
        }
        self.reply.extend(later.reply);
        self.concern.extend(later.concern);
        self.acknowledgement.extend(later.acknowledgement);
    }
}

impl Merge for TechHeavyFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        if !later.suggest.is_empty() {
            self.suggest = later.suggest;
        }
        set(&mut self.max_per_100_words, later.max_per_100_words);
        set(&mut self.min_words, later.min_words);
        self.effect.extend(later.effect);
    }
}

impl Merge for SectionsFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        upsert(&mut self.section, later.section, |s| s.name.clone());
    }
}

impl Merge for NextStepFile {
    fn merge(&mut self, later: Self) {
        set(&mut self.message, later.message);
        if !later.suggest.is_empty() {
            self.suggest = later.suggest;
        }
        set(&mut self.paragraphs, later.paragraphs);
        self.next_step.extend(later.next_step);
    }
}

/// One ruleset file of `language`: the default, then each layer merged in.
fn load_file<T: Merge>(
    language: Language,
    file: &str,
    layers: &[Layer],
) -> Result<T, RulesetError> {
    let mut merged = T::default();
    for source in sources(language, file, layers) {
        merged.merge(source.parse()?);
    }
    Ok(merged)
}

/// Like [`load_file`] for a phrase rule's file, checking that every
/// pattern a project adds expands (within [`pattern::MAX_EXPANSIONS`]), so
/// that an error names the project's file and line, not the default file
/// the pattern was merged into.
fn load_phrases(
    language: Language,
    file: &str,
    layers: &[Layer],
) -> Result<PhraseFile, RulesetError> {
    let mut merged = PhraseFile::default();
    for source in sources(language, file, layers) {
        let parsed: PhraseFile = source.parse()?;
        if !source.origin.starts_with(DEFAULT_ORIGIN) {
            for entry in &parsed.pattern {
                let all = std::iter::once(&entry.pattern)
                    .chain(&entry.unless_before)
                    .chain(&entry.unless_after)
                    .chain(&entry.unless_sentence);
                for p in all {
                    if let Err(e) = pattern::expand(p) {
                        return Err(RulesetError {
                            origin: source.origin.clone(),
                            line: source
                                .text
                                .lines()
                                .position(|l| l.contains(p.as_str()))
                                .map(|i| i + 1),
                            message: format!("pattern '{p}': {e}"),
                        });
                    }
                }
            }
        }
        merged.merge(parsed);
    }
    Ok(merged)
}

fn load_language(
    language: Language,
    layers: &[Layer],
    removals: &Removals,
) -> Result<LanguageData, RulesetError> {
    let mut jargon: JargonFile = load_file(language, "jargon.toml", layers)?;
    jargon
        .term
        .retain(|t| !removals.removes(RuleId::Jargon, &t.term));
    let mut acronyms: AcronymFile = load_file(language, "undefined-acronym.toml", layers)?;
    acronyms
        .acronym
        .retain(|a| !removals.removes(RuleId::UndefinedAcronym, &a.acronym));
    let mut phrases = Vec::new();
    for &rule in PHRASE_RULES {
        let mut file: PhraseFile = load_phrases(language, &rule.file_name(), layers)?;
        file.pattern.retain(|p| !removals.removes(rule, &p.pattern));
        phrases.push((rule, file));
    }
    Ok(LanguageData {
        language,
        words: load_file(language, "language.toml", layers)?,
        jargon,
        acronyms,
        phrases,
        long_sentence: load_file(language, "long-sentence.toml", layers)?,
        kinds: load_file(language, "kinds.toml", layers)?,
        document: DocumentData {
            apology: load_file(language, "missing-apology.toml", layers)?,
            acknowledgement: load_file(language, "missing-acknowledgement.toml", layers)?,
            tech_heavy: load_file(language, "tech-heavy.toml", layers)?,
            proposal: load_file(language, "proposal-sections.toml", layers)?,
            ticket: load_file(language, "ticket-sections.toml", layers)?,
            next_step: load_file(language, "no-next-step.toml", layers)?,
        },
    })
}
