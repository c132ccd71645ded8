//! The pipeline: source text + settings -> [`Report`]. A [`Linter`] holds
//! the compiled rulesets for one configuration and is cheap to share; each
//! call to [`Linter::lint`] reads the document, scans every sentence once
//! for all phrase patterns, runs the sentence and document rules, and drops
//! what inline comments suppress.

use crate::document::language::StopWords;
use crate::document::segment::{self, Abbreviations};
use crate::document::{
    self, DirectiveKind, Document, Kind, Language, LanguageSource, Markup, TokenKind,
};
use crate::finding::Finding;
use crate::rules::document::{self as whole_message, DocContext};
use crate::rules::{RuleId, acronym, jargon, long_sentence, phrase};
use crate::ruleset::compile::{CompiledLanguage, Target, compile};
use crate::ruleset::pattern::{BARRIER, Hit};
use crate::ruleset::{self, Layer, RulesetError};
use crate::settings::Settings;
use crate::text::{LineIndex, Span};
use globset::{Glob, GlobSet, GlobSetBuilder};

/// A document to lint.
#[derive(Clone, Copy, Debug, Default)]
pub struct Source<'a> {
    pub text: &'a str,
    /// Its path, for markup, kind globs and messages.
    pub path: Option<&'a str>,
    /// The editor's language id (`markdown`, `mail`, `gitcommit`), if any.
    pub language_id: Option<&'a str>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        Source {
            text,
            ..Source::default()
        }
    }

    pub fn with_path(mut self, path: &'a str) -> Self {
        self.path = Some(path);
        self
    }

    pub fn with_language_id(mut self, id: &'a str) -> Self {
        self.language_id = Some(id);
        self
    }

    fn file_name(&self) -> Option<&'a str> {
        self.path.map(|p| p.rsplit(['/', '\\']).next().unwrap_or(p))
    }

    /// The markup to read the text as: the language id, else the file name.
    pub fn markup(&self) -> Markup {
        self.language_id
            .and_then(Markup::from_language_id)
            .unwrap_or_else(|| {
                self.file_name()
                    .map_or(Markup::Plain, Markup::from_file_name)
            })
    }
}

/// The result of linting one document.
#[derive(Clone, Debug)]
pub struct Report {
    pub language: Language,
    pub kind: Kind,
    /// Sorted by position.
    pub findings: Vec<Finding>,
}

/// Compiled rulesets plus settings: build once, lint many documents.
#[derive(Debug)]
pub struct Linter {
    /// Unique per linter, so that an [`crate::Analysis`] made by another
    /// linter (other settings) is never reused.
    id: u64,
    settings: Settings,
    languages: Vec<CompiledLanguage>,
    stop_words: StopWords,
    abbreviations: Abbreviations,
    kind_globs: Vec<(Kind, GlobSet)>,
}

/// Everything a rule sees of one sentence.
pub struct SentenceContext<'a> {
    pub text: &'a str,
    pub lang: &'a CompiledLanguage,
    pub tokens: &'a [document::Token],
    /// Word ids of the sentence's tokens.
    pub ids: &'a [u32],
    /// Word ids of the next sentence (for context that may follow).
    pub next_ids: &'a [u32],
    /// Whether the sentence names a date, worked out on first use: many
    /// findings of one long sentence ask.
    pub dated: std::cell::OnceCell<bool>,
}

impl SentenceContext<'_> {
    /// The source span of tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end)
    }

    /// Whether the sentence names a day, date or time (see [`Self::is_date`]).
    pub fn has_date(&self) -> bool {
        *self
            .dated
            .get_or_init(|| (0..self.ids.len()).any(|i| self.is_date(i)))
    }

    /// Whether token `i` names a day, date or time: a weekday, month or
    /// relative day (a short one only next to a number), a number before a
    /// time unit ("2 hours"), or a number like 14:00, 10.30, 3/5 or 2025-05-03.
    pub fn is_date(&self, i: usize) -> bool {
        let has_digit = |i: usize| {
            self.tokens
                .get(i)
                .is_some_and(|t| t.span.of(self.text).bytes().any(|b| b.is_ascii_digit()))
        };
        let Some(&id) = self.ids.get(i) else {
            return false;
        };
        if let Some(&needs_number) = self.lang.date_words.get(&id) {
            return !needs_number || has_digit(i + 1) || (i > 0 && has_digit(i - 1));
        }
        if !has_digit(i) {
            return false;
        }
        let word = self.tokens[i].span.of(self.text);
        is_date_or_time(word)
            || self
                .ids
                .get(i + 1)
                .is_some_and(|next| self.lang.time_units.contains(next))
    }
}

/// Whether a number is written like a date or a time: `14:00`, `3/5`,
/// `2025-05-03`, `10.30` (but not a thousands figure like `1.900`).
fn is_date_or_time(word: &str) -> bool {
    if word.contains([':', '/', '-']) {
        return true;
    }
    match word.split_once('.') {
        Some((hours, minutes)) => {
            hours.len() <= 2
                && minutes.len() == 2
                && hours.parse::<u32>().is_ok_and(|h| h < 24)
                && minutes.parse::<u32>().is_ok_and(|m| m < 60)
        }
        None => false,
    }
}

impl Linter {
    /// A linter with the default rulesets and `settings`.
    pub fn new(settings: Settings) -> Result<Linter, RulesetError> {
        Linter::with_layers(settings, &[])
    }

    /// A linter with the default rulesets, the project's `layers` on top,
    /// and `settings` (whose removals and glossary apply).
    pub fn with_layers(settings: Settings, layers: &[Layer]) -> Result<Linter, RulesetError> {
        let data = ruleset::load(layers, &settings.rulesets.removals)?;
        let mut stop_words = StopWords::default();
        let mut abbreviations = Vec::new();
        let mut languages = Vec::new();
        for language in &data {
            stop_words.add(language.language, &language.words.stop_words);
            abbreviations.extend(language.words.abbreviations.iter().cloned());
            languages.push(compile(language, &settings.glossary)?);
        }
        let kind_globs = settings
            .kinds
            .iter()
            .map(|(kind, globs)| {
                let mut builder = GlobSetBuilder::new();
                for glob in globs {
                    // Settings validated the globs; a relative glob matches at any depth.
                    let pattern = if glob.starts_with('/') || glob.starts_with("**") {
                        glob.trim_start_matches('/').to_string()
                    } else {
                        format!("**/{glob}")
                    };
                    if let Ok(g) = Glob::new(&pattern) {
                        builder.add(g);
                    }
                }
                (*kind, builder.build().unwrap_or_else(|_| GlobSet::empty()))
            })
            .collect();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(Linter {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            settings,
            languages,
            stop_words,
            abbreviations: Abbreviations::new(abbreviations.iter().map(String::as_str)),
            kind_globs,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The languages this linter can check.
    pub fn languages(&self) -> Vec<Language> {
        self.languages.iter().map(|l| l.language).collect()
    }

    /// A number no other linter in this process has: a changed setting
    /// means a new linter, so results made by different ones can be told
    /// apart.
    pub fn id(&self) -> u64 {
        self.id
    }

    pub(crate) fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    pub(crate) fn compiled(&self, language: Language) -> &CompiledLanguage {
        self.languages
            .iter()
            .find(|l| l.language == language)
            .unwrap_or(&self.languages[0])
    }

    /// Reads `source` into a [`Document`]: prose, sentences, language, kind.
    pub fn document<'a>(&self, source: &Source<'a>) -> Document<'a> {
        let markup = source.markup();
        let extract = document::extract(source.text, markup);
        let seg = segment::segment(source.text, &extract.blocks, &self.abbreviations);
        self.settle(source, markup, extract, seg.tokens, seg.sentences)
    }

    /// Settles the language and kind of a document read into `extract`,
    /// `tokens` and `sentences`.
    pub(crate) fn settle<'a>(
        &self,
        source: &Source<'a>,
        markup: Markup,
        extract: document::Extract,
        tokens: Vec<document::Token>,
        sentences: Vec<document::Sentence>,
    ) -> Document<'a> {
        let text = source.text;
        let field_language = extract
            .fields
            .iter()
            .find(|f| f.key == "tact-language")
            .and_then(|f| ruleset::language(&f.value).map(|l| (l, f.span)));
        let (language, language_source) = if let Some((l, span)) = field_language {
            (l, LanguageSource::FrontMatter(span))
        } else if let Some(l) = self.settings.language {
            (l, LanguageSource::Settings)
        } else if let Some(l) = self.stop_words.detect(text, &tokens) {
            (l, LanguageSource::Detected)
        } else {
            (self.languages[0].language, LanguageSource::Default)
        };
        let kind = self.kind(source, &extract).unwrap_or_else(|| {
            self.compiled(language)
                .kind_cues
                .detect(
                    text,
                    &extract,
                    &tokens,
                    &sentences,
                    &self.compiled(language).vocabulary,
                )
                .unwrap_or(Kind::Note)
        });
        Document {
            text,
            markup,
            extract,
            tokens,
            sentences,
            language,
            language_source,
            kind,
        }
    }

    /// The document's kind from a `tact-kind` field, the project's globs,
    /// the editor's language id or the file name; `None` leaves it to the
    /// content.
    fn kind(&self, source: &Source, extract: &document::Extract) -> Option<Kind> {
        if let Some(kind) = extract
            .fields
            .iter()
            .filter(|f| f.key == "tact-kind" || f.key == "x-tact-kind")
            .find_map(|f| f.value.parse().ok())
        {
            return Some(kind);
        }
        if let Some(path) = source.path {
            let path = path.replace('\\', "/");
            if let Some((kind, _)) = self.kind_globs.iter().find(|(_, set)| set.is_match(&path)) {
                return Some(*kind);
            }
        }
        if source
            .language_id
            .and_then(Markup::from_language_id)
            .is_some_and(|m| m == Markup::Mail)
        {
            return Some(Kind::Mail);
        }
        source.file_name().and_then(Kind::from_file_name)
    }

    /// Lints one document.
    pub fn lint(&self, source: &Source) -> Report {
        let doc = self.document(source);
        let findings = self.check(&doc);
        Report {
            language: doc.language,
            kind: doc.kind,
            findings,
        }
    }

    /// The readability figures of `doc`, given the findings `check` gave.
    pub fn stats(&self, doc: &Document, findings: &[Finding]) -> crate::stats::Stats {
        let lang = self.compiled(doc.language);
        crate::stats::compute(doc, findings, lang.readability.as_ref())
    }

    /// The severity a span rule is computed at: as configured, except that
    /// jargon and acronyms are always computed while `tech-heavy` is on
    /// (it counts them), and dropped afterwards if they are off.
    fn span_severity(&self, rule: RuleId) -> Option<crate::finding::Severity> {
        self.settings.severity(rule).or_else(|| {
            (matches!(rule, RuleId::Jargon | RuleId::UndefinedAcronym)
                && self.settings.severity(RuleId::TechHeavy).is_some())
            .then(|| rule.info().default_severity)
        })
    }

    /// Runs every enabled rule over `doc`.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let lang = self.compiled(doc.language);
        let ids = self.word_ids(doc, lang, &doc.tokens);
        let mut findings = Vec::new();
        self.check_sentences(doc, lang, &ids, 0..doc.sentences.len(), &mut findings);
        self.finish(doc, lang, &ids, findings)
    }

    /// The word ids of `tokens`.
    pub(crate) fn word_ids(
        &self,
        doc: &Document,
        lang: &CompiledLanguage,
        tokens: &[document::Token],
    ) -> Vec<u32> {
        let mut buf = String::new();
        tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Placeholder => BARRIER,
                TokenKind::Word => lang.vocabulary.lookup(t.span.of(doc.text), &mut buf),
            })
            .collect()
    }

    /// Runs the sentence rules (phrase patterns, jargon, long sentences)
    /// over the sentences `range` of `doc`, whose word ids are `ids`.
    pub(crate) fn check_sentences(
        &self,
        doc: &Document,
        lang: &CompiledLanguage,
        ids: &[u32],
        range: std::ops::Range<usize>,
        findings: &mut Vec<Finding>,
    ) {
        let limit = self
            .settings
            .max_words()
            .unwrap_or(lang.long_sentence.max_words);
        let long = self.span_severity(RuleId::LongSentence);
        let mut hits: Vec<Hit<Target>> = Vec::new();
        for index in range {
            let sentence = &doc.sentences[index];
            let next = doc.sentences.get(index + 1);
            let cx = SentenceContext {
                text: doc.text,
                lang,
                tokens: doc.sentence_tokens(sentence),
                ids: &ids[sentence.token_range()],
                next_ids: next.map_or(&[][..], |n| &ids[n.token_range()]),
                dated: Default::default(),
            };
            self.scan_sentence(&cx, &mut hits, findings);
            if let Some(sev) = long
                && let Some(f) = long_sentence::check(lang, sentence, limit, sev)
            {
                findings.push(f);
            }
        }
    }

    /// Adds what the whole document decides (acronyms, document rules) to
    /// the sentence rules' `findings`, then drops what settings and inline
    /// comments turn off, sorted by position.
    pub(crate) fn finish(
        &self,
        doc: &Document,
        lang: &CompiledLanguage,
        ids: &[u32],
        mut findings: Vec<Finding>,
    ) -> Vec<Finding> {
        if let Some(sev) = self.span_severity(RuleId::UndefinedAcronym) {
            acronym::check(doc, &lang.acronyms, sev, &mut findings);
        }
        // The document rules read the span findings (tech-heavy counts the
        // jargon even when jargon itself is not reported).
        let cx = DocContext::new(doc, lang, ids, &findings);
        let mut whole = Vec::new();
        whole_message::check(&cx, &self.settings, &mut whole);
        findings.retain(|f| self.settings.severity(f.rule).is_some());
        findings.append(&mut whole);
        findings = suppress(doc, findings);
        findings.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
        findings
    }

    /// Matches every phrase pattern in one sentence; where matches of one
    /// rule overlap, the earlier and then the longer wins.
    fn scan_sentence<'l>(
        &self,
        cx: &SentenceContext<'l>,
        hits: &mut Vec<Hit<'l, Target>>,
        out: &mut Vec<Finding>,
    ) {
        let lang = cx.lang;
        // The token index up to which each rule already reported.
        let mut covered: Vec<(RuleId, usize)> = Vec::new();
        for at in 0..cx.ids.len() {
            hits.clear();
            lang.main.matches_at(cx.ids, at, hits);
            for hit in hits.iter() {
                let rule = match hit.target {
                    Target::JargonForm { .. } | Target::JargonSplit { .. } => RuleId::Jargon,
                    Target::Phrase { rule, .. } => *rule,
                };
                let Some(severity) = self.span_severity(rule) else {
                    continue;
                };
                if covered.iter().any(|&(r, end)| r == rule && hit.start < end) {
                    continue;
                }
                let finding = match *hit.target {
                    Target::JargonForm { term, form } => jargon::form(
                        cx,
                        &lang.terms[term as usize],
                        form as usize,
                        hit.start,
                        hit.end,
                        severity,
                    ),
                    Target::JargonSplit { term } => Some(jargon::split(
                        cx,
                        &lang.terms[term as usize],
                        hit.start,
                        hit.end,
                        severity,
                    )),
                    Target::Phrase { rule, pattern } => lang.phrase_rule(rule).and_then(|r| {
                        phrase::check(cx, r, pattern as usize, hit.start, hit.end, severity)
                    }),
                };
                if let Some(finding) = finding {
                    out.push(finding);
                    // A split verb ("rollen de hotfix uit") covers only its
                    // verb, so jargon between verb and particle is reported too.
                    let end = match hit.target {
                        Target::JargonSplit { .. } => hit.start + 1,
                        _ => hit.end,
                    };
                    covered.retain(|&(r, _)| r != rule);
                    covered.push((rule, end));
                }
            }
        }
    }
}

/// Drops the findings that inline comments disable. `tact-disable` and
/// `tact-enable` switch rules off and on from the comment onwards;
/// `tact-disable-next-line` covers the line after the comment.
fn suppress(doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
    let directives = &doc.extract.directives;
    if directives.is_empty() {
        return findings;
    }
    let index = LineIndex::new(doc.text);
    // (rule or all, disabled span)
    let mut disabled: Vec<(Option<RuleId>, Span)> = Vec::new();
    let mut open: Vec<(Option<RuleId>, usize)> = Vec::new();
    let rules_of = |names: &[String]| -> Vec<Option<RuleId>> {
        if names.is_empty() {
            vec![None]
        } else {
            names
                .iter()
                .filter_map(|n| n.parse().ok())
                .map(Some)
                .collect()
        }
    };
    for d in directives {
        match d.kind {
            DirectiveKind::Disable => {
                for rule in rules_of(&d.rules) {
                    open.push((rule, d.span.end));
                }
            }
            DirectiveKind::Enable => {
                let rules = rules_of(&d.rules);
                open.retain(|&(rule, start)| {
                    let closes = rules.contains(&None) || rules.contains(&rule);
                    if closes {
                        disabled.push((rule, Span::new(start, d.span.start)));
                    }
                    !closes
                });
            }
            DirectiveKind::DisableNextLine => {
                let line = index.line_of(d.span.end) + 1;
                if let Some(span) = index.line_span(doc.text, line) {
                    for rule in rules_of(&d.rules) {
                        disabled.push((rule, span));
                    }
                }
            }
        }
    }
    // A `tact-disable` never re-enabled switches a rule off for the file:
    // for a document-level rule, also above the comment (the subject line).
    let for_file: Vec<Option<RuleId>> = open.iter().map(|&(rule, _)| rule).collect();
    for (rule, start) in open {
        disabled.push((rule, Span::new(start, doc.text.len())));
    }
    findings
        .into_iter()
        .filter(|f| {
            let whole = f.rule.info().scope == crate::rules::Scope::Document
                && for_file.iter().any(|r| r.is_none_or(|r| r == f.rule));
            !whole
                && !disabled.iter().any(|(rule, span)| {
                    rule.is_none_or(|r| r == f.rule)
                        && span.start <= f.span.start
                        && f.span.start < span.end.max(span.start + 1)
                })
        })
        .collect()
}
