//! Compiles one language's merged ruleset into matchers: a vocabulary of
//! word ids, one phrase set holding every jargon form and every phrase-rule
//! pattern (so a sentence is scanned once for all of them), the context
//! sets that cancel matches, and the acronym tables. Built once per
//! configuration and shared by every lint.

use super::pattern::{PhraseSet, Vocabulary};
use super::{LanguageData, RulesetError};
use crate::document::Language;
use crate::document::kind::KindCues;
use crate::rules::{PHRASE_RULES, RuleId};
use rustc_hash::{FxHashMap, FxHashSet};

/// What a match in the main phrase set stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Form `form` of jargon term `term` (form 0 is the term itself).
    JargonForm { term: u32, form: u32 },
    /// A split (separable-verb) pattern of jargon term `term`.
    JargonSplit { term: u32 },
    /// Pattern `pattern` of a phrase rule.
    Phrase { rule: RuleId, pattern: u32 },
}

/// A set of context patterns (`unless-…`).
pub type Context = PhraseSet<()>;

#[derive(Debug)]
pub struct Term {
    pub term: String,
    /// Each form with its rewrites; form 0 is the term itself.
    pub forms: Vec<(String, Vec<String>)>,
    pub unless_before: Context,
    pub unless_after: Context,
}

#[derive(Debug)]
pub struct Pattern {
    pub pattern: String,
    pub suggest: Vec<String>,
    pub message: Option<String>,
    pub unless_before: Context,
    pub unless_after: Context,
    pub unless_sentence: Context,
}

#[derive(Debug)]
pub struct PhraseRule {
    pub rule: RuleId,
    pub message: String,
    pub unless_sentence: Context,
    pub unless_nearby: Context,
    pub unless_following: Context,
    pub unless_date: bool,
    pub patterns: Vec<Pattern>,
}

#[derive(Debug)]
pub struct Acronyms {
    pub message: String,
    /// acronym as written -> expansion
    pub known: FxHashMap<String, String>,
    pub whitelist: FxHashSet<String>,
}

#[derive(Debug)]
pub struct LongSentence {
    pub message: String,
    pub max_words: usize,
    pub suggest: Vec<String>,
}

/// A section a proposal or ticket needs.
#[derive(Debug)]
pub struct Section {
    pub name: String,
    pub heading: String,
    pub stub: String,
    pub headings: Context,
    pub content: Context,
    pub vague_is_missing: bool,
}

#[derive(Debug)]
pub struct Sections {
    pub message: String,
    pub sections: Vec<Section>,
}

/// The compiled cues of the document rules.
#[derive(Debug)]
pub struct DocumentRules {
    pub apology_message: String,
    pub apology_suggest: Vec<String>,
    pub bad_news: Context,
    pub neutral: Context,
    pub apology: Context,
    pub acknowledgement_message: String,
    pub acknowledgement_suggest: Vec<String>,
    pub reply: Context,
    pub concern: Context,
    pub acknowledgement: Context,
    pub tech_heavy_message: String,
    pub tech_heavy_suggest: Vec<String>,
    pub max_per_100_words: f64,
    pub min_words: usize,
    pub effect: Context,
    pub proposal: Sections,
    pub ticket: Sections,
    pub next_step_message: String,
    pub next_step_suggest: Vec<String>,
    pub next_step_paragraphs: usize,
    pub next_step: Context,
}

/// Everything the rules need for one language, ready to match.
#[derive(Debug)]
pub struct CompiledLanguage {
    pub language: Language,
    pub vocabulary: Vocabulary,
    pub main: PhraseSet<Target>,
    pub jargon_message: String,
    pub terms: Vec<Term>,
    pub phrase_rules: Vec<PhraseRule>,
    pub acronyms: Acronyms,
    pub long_sentence: LongSentence,
    /// Word ids of weekdays, months and relative days, each with whether
    /// it needs a number next to it to count (`may`, `jan`: three letters
    /// or fewer, so also ordinary words).
    pub date_words: FxHashMap<u32, bool>,
    /// Word ids of time units: a number before one is a time.
    pub time_units: FxHashSet<u32>,
    /// A sentence with one of these tells of the past: its date is no plan.
    pub past_time: Context,
    /// A sentence with one of these and no date promises without a time.
    pub vague_time: Context,
    pub kind_cues: KindCues,
    pub document: DocumentRules,
    pub readability: Option<crate::ruleset::Readability>,
}

impl CompiledLanguage {
    pub fn phrase_rule(&self, rule: RuleId) -> Option<&PhraseRule> {
        self.phrase_rules.iter().find(|r| r.rule == rule)
    }
}

/// Parses a jargon form line: `deployed = released | put live`.
pub fn parse_form(line: &str) -> Result<(String, Vec<String>), String> {
    let (form, rewrites) = line
        .split_once('=')
        .ok_or_else(|| format!("form '{line}' needs the shape 'form = rewrite | rewrite'"))?;
    let form = form.trim();
    let rewrites: Vec<String> = rewrites
        .split('|')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if form.is_empty() || rewrites.is_empty() {
        return Err(format!(
            "form '{line}' needs the shape 'form = rewrite | rewrite'"
        ));
    }
    Ok((form.to_string(), rewrites))
}

struct Builder {
    origin: String,
    vocabulary: Vocabulary,
}

impl Builder {
    fn error(&self, message: String) -> RulesetError {
        RulesetError {
            origin: self.origin.clone(),
            line: None,
            message,
        }
    }

    fn context(&mut self, patterns: &[String], what: &str) -> Result<Context, RulesetError> {
        let mut set = PhraseSet::new();
        for p in patterns {
            set.add(&mut self.vocabulary, p, ())
                .map_err(|e| self.error(format!("{what} pattern '{p}': {e}")))?;
        }
        Ok(set)
    }
}

/// Compiles `data`. Words and acronyms in `glossary` are never reported.
pub fn compile(data: &LanguageData, glossary: &[String]) -> Result<CompiledLanguage, RulesetError> {
    let code = data.language.code();
    let mut b = Builder {
        origin: format!("rulesets/{code}"),
        vocabulary: Vocabulary::default(),
    };
    let glossary_words: FxHashSet<String> = glossary
        .iter()
        .map(|g| super::pattern::normalise(g.trim()))
        .collect();
    let mut main = PhraseSet::with_dense_root();

    let mut terms = Vec::new();
    for entry in &data.jargon.term {
        b.origin = format!("rulesets/{code}/jargon.toml");
        let mut forms = vec![(entry.term.clone(), entry.suggest.clone())];
        for line in &entry.forms {
            forms.push(
                parse_form(line).map_err(|e| b.error(format!("term '{}': {e}", entry.term)))?,
            );
        }
        if entry.suggest.is_empty() {
            return Err(b.error(format!("term '{}' has no suggestion", entry.term)));
        }
        if forms
            .iter()
            .any(|(f, _)| glossary_words.contains(&super::pattern::normalise(f)))
        {
            continue;
        }
        let index = terms.len() as u32;
        for (form_index, (form, _)) in forms.iter().enumerate() {
            main.add(
                &mut b.vocabulary,
                form,
                Target::JargonForm {
                    term: index,
                    form: form_index as u32,
                },
            )
            .map_err(|e| b.error(format!("term '{form}': {e}")))?;
        }
        for split in &entry.split {
            main.add(
                &mut b.vocabulary,
                split,
                Target::JargonSplit { term: index },
            )
            .map_err(|e| b.error(format!("split pattern '{split}': {e}")))?;
        }
        terms.push(Term {
            term: entry.term.clone(),
            forms,
            unless_before: b.context(&entry.unless_before, "unless-before")?,
            unless_after: b.context(&entry.unless_after, "unless-after")?,
        });
    }

    let mut phrase_rules = Vec::new();
    for &rule in PHRASE_RULES {
        b.origin = format!("rulesets/{code}/{}", rule.file_name());
        let Some(file) = data.phrase(rule) else {
            continue;
        };
        let mut patterns = Vec::new();
        for (index, entry) in file.pattern.iter().enumerate() {
            main.add(
                &mut b.vocabulary,
                &entry.pattern,
                Target::Phrase {
                    rule,
                    pattern: index as u32,
                },
            )
            .map_err(|e| b.error(format!("pattern '{}': {e}", entry.pattern)))?;
            patterns.push(Pattern {
                pattern: entry.pattern.clone(),
                suggest: entry.suggest.clone(),
                message: entry.message.clone(),
                unless_before: b.context(&entry.unless_before, "unless-before")?,
                unless_after: b.context(&entry.unless_after, "unless-after")?,
                unless_sentence: b.context(&entry.unless_sentence, "unless-sentence")?,
            });
        }
        phrase_rules.push(PhraseRule {
            rule,
            message: file
                .message
                .clone()
                .unwrap_or_else(|| format!("“{{text}}” ({})", rule.as_str())),
            unless_sentence: b.context(&file.unless_sentence, "unless-sentence")?,
            unless_nearby: b.context(&file.unless_nearby, "unless-nearby")?,
            unless_following: b.context(&file.unless_following, "unless-following")?,
            unless_date: file.unless_date,
            patterns,
        });
    }

    let mut whitelist: FxHashSet<String> = data.acronyms.whitelist.iter().cloned().collect();
    for g in glossary {
        whitelist.insert(g.trim().to_string());
    }
    let acronyms = Acronyms {
        message: data
            .acronyms
            .message
            .clone()
            .unwrap_or_else(|| "“{text}”: {expansion} ({text})".into()),
        known: data
            .acronyms
            .acronym
            .iter()
            .filter(|a| !whitelist.contains(&a.acronym))
            .map(|a| (a.acronym.clone(), a.expansion.clone()))
            .collect(),
        whitelist,
    };

    let mut date_words = FxHashMap::default();
    let words = &data.words;
    for w in &words.weekdays {
        let needs_number = w.chars().count() <= 3;
        date_words.insert(
            b.vocabulary.intern(&super::pattern::normalise(w)),
            needs_number,
        );
    }
    for w in &words.months {
        let needs_number = w.chars().count() <= 3;
        date_words.insert(
            b.vocabulary.intern(&super::pattern::normalise(w)),
            needs_number,
        );
    }
    for w in &words.relative_days {
        date_words.insert(b.vocabulary.intern(&super::pattern::normalise(w)), false);
    }
    let time_units = words
        .time_units
        .iter()
        .map(|w| b.vocabulary.intern(&super::pattern::normalise(w)))
        .collect();
    b.origin = format!("rulesets/{code}/language.toml");
    let past_time = b.context(&words.past_time, "past-time")?;
    let vague_time = b.context(&words.vague_time, "vague-time")?;

    b.origin = format!("rulesets/{code}/kinds.toml");
    let kind_cues = KindCues {
        greetings: b.context(&data.kinds.greetings, "greetings")?,
        sign_offs: b.context(&data.kinds.sign_offs, "sign-offs")?,
        proposal: b.context(&data.kinds.proposal, "proposal")?,
        ticket: b.context(&data.kinds.ticket, "ticket")?,
    };

    let d = &data.document;
    let mut sections =
        |file: &crate::ruleset::SectionsFile, name: &str| -> Result<Sections, RulesetError> {
            b.origin = format!("rulesets/{code}/{name}");
            let mut out = Vec::new();
            for entry in &file.section {
                out.push(Section {
                    name: entry.name.clone(),
                    heading: entry.heading.clone(),
                    stub: entry.stub.clone(),
                    headings: b.context(&entry.headings, "headings")?,
                    content: b.context(&entry.content, "content")?,
                    vague_is_missing: entry.vague_is_missing,
                });
            }
            Ok(Sections {
                message: file.message.clone().unwrap_or_else(|| "{missing}".into()),
                sections: out,
            })
        };
    let proposal = sections(&d.proposal, "proposal-sections.toml")?;
    let ticket = sections(&d.ticket, "ticket-sections.toml")?;
    b.origin = format!("rulesets/{code}/document rules");
    let document = DocumentRules {
        apology_message: d.apology.message.clone().unwrap_or_default(),
        apology_suggest: d.apology.suggest.clone(),
        bad_news: b.context(&d.apology.bad_news, "bad-news")?,
        neutral: b.context(&d.apology.neutral, "neutral")?,
        apology: b.context(&d.apology.apology, "apology")?,
        acknowledgement_message: d.acknowledgement.message.clone().unwrap_or_default(),
        acknowledgement_suggest: d.acknowledgement.suggest.clone(),
        reply: b.context(&d.acknowledgement.reply, "reply")?,
        concern: b.context(&d.acknowledgement.concern, "concern")?,
        acknowledgement: b.context(&d.acknowledgement.acknowledgement, "acknowledgement")?,
        tech_heavy_message: d.tech_heavy.message.clone().unwrap_or_default(),
        tech_heavy_suggest: d.tech_heavy.suggest.clone(),
        max_per_100_words: d.tech_heavy.max_per_100_words.unwrap_or(8.0),
        min_words: d.tech_heavy.min_words.unwrap_or(25),
        effect: b.context(&d.tech_heavy.effect, "effect")?,
        proposal,
        ticket,
        next_step_message: d.next_step.message.clone().unwrap_or_default(),
        next_step_suggest: d.next_step.suggest.clone(),
        next_step_paragraphs: d.next_step.paragraphs.unwrap_or(2).max(1),
        next_step: b.context(&d.next_step.next_step, "next-step")?,
    };

    let long = &data.long_sentence;
    Ok(CompiledLanguage {
        language: data.language,
        main,
        jargon_message: data
            .jargon
            .message
            .clone()
            .unwrap_or_else(|| "“{text}”".into()),
        terms,
        phrase_rules,
        acronyms,
        long_sentence: LongSentence {
            message: long
                .message
                .clone()
                .unwrap_or_else(|| "{words} words (limit {limit})".into()),
            max_words: long.max_words.unwrap_or(30),
            suggest: long.suggest.clone(),
        },
        date_words,
        time_units,
        past_time,
        vague_time,
        kind_cues,
        document,
        readability: data.words.readability.clone(),
        vocabulary: b.vocabulary,
    })
}
