//! The document rules: they read the message as a whole — which kind it
//! is, what it reports, how it opens and ends — reusing the words, word ids
//! and findings of the span pass (no second tokenisation). Each rule's cue
//! lists are data (`rulesets/<lang>/<rule-id>.toml`); its logic is here.

mod acknowledgement;
mod apology;
mod next_step;
mod sections;
mod tech_heavy;

use crate::document::segment::words;
use crate::document::{BlockKind, Document, Sentence};
use crate::finding::{Edit, Finding, Severity, Suggestion};
use crate::linter::SentenceContext;
use crate::rules::RuleId;
use crate::ruleset::compile::{CompiledLanguage, Context};
use crate::settings::Settings;
use crate::text::Span;

/// What every document rule sees.
pub struct DocContext<'a> {
    pub doc: &'a Document<'a>,
    pub lang: &'a CompiledLanguage,
    /// Word ids of every token of the document.
    pub ids: &'a [u32],
    /// The span findings, including those of rules that are switched off
    /// (tech-heavy counts jargon even when it is not reported).
    pub spans: &'a [Finding],
    /// Per block, the range of its sentences in `doc.sentences`.
    pub block_sentences: Vec<std::ops::Range<usize>>,
}

impl<'a> DocContext<'a> {
    pub fn new(
        doc: &'a Document<'a>,
        lang: &'a CompiledLanguage,
        ids: &'a [u32],
        spans: &'a [Finding],
    ) -> Self {
        // Sentences come in block order, so each block's are a range.
        let mut ranges = vec![0..0; doc.extract.blocks.len()];
        let mut i = 0;
        while i < doc.sentences.len() {
            let block = doc.sentences[i].block as usize;
            let start = i;
            while i < doc.sentences.len() && doc.sentences[i].block as usize == block {
                i += 1;
            }
            if let Some(r) = ranges.get_mut(block) {
                *r = start..i;
            }
        }
        DocContext {
            doc,
            lang,
            ids,
            spans,
            block_sentences: ranges,
        }
    }

    fn sentence_ids(&self, sentence: &Sentence) -> &'a [u32] {
        &self.ids[sentence.token_range()]
    }

    /// Whether a cue matches in any prose sentence.
    fn in_prose(&self, cues: &Context) -> bool {
        self.doc
            .sentences
            .iter()
            .any(|s| cues.any(self.sentence_ids(s)))
    }

    /// Whether a cue matches in `text`, read as words (quoted lines, the subject).
    fn in_text(&self, cues: &Context, text: &str) -> bool {
        let mut tokens = Vec::new();
        words(text, 0, &mut tokens);
        let mut buf = String::new();
        let ids: Vec<u32> = tokens
            .iter()
            .map(|t| self.lang.vocabulary.lookup(t.span.of(text), &mut buf))
            .collect();
        cues.any(&ids)
    }

    /// The sentences of block `index`.
    fn block_sentences(&self, index: usize) -> &'a [Sentence] {
        let sentences: &'a [Sentence] = &self.doc.sentences;
        self.block_sentences
            .get(index)
            .map_or(&[][..], |r| &sentences[r.clone()])
    }

    /// Whether block `index` opens with one of `cues`.
    fn block_opens_with(&self, index: usize, cues: &Context) -> bool {
        self.block_sentences(index).first().is_some_and(|s| {
            let mut hits = Vec::new();
            let ids = self.sentence_ids(s);
            !ids.is_empty() && {
                cues.matches_at(ids, 0, &mut hits);
                !hits.is_empty()
            }
        })
    }

    /// Whether block `index` is headed by one of `cues`: a heading that
    /// opens with one, a `Label:` line ("Planning: May"), a run-in label
    /// ("**Scope.** One page …"), or a short title line without a full stop
    /// (plain text has no other headings).
    fn block_headed_by(&self, index: usize, cues: &Context) -> bool {
        let Some(sentence) = self.block_sentences(index).first() else {
            return false;
        };
        let ids = self.sentence_ids(sentence);
        let mut hits = Vec::new();
        cues.matches_at(ids, 0, &mut hits);
        let Some(longest) = hits.first() else {
            return false;
        };
        let block = &self.doc.extract.blocks[index];
        if matches!(block.kind, BlockKind::Heading(_)) {
            return true;
        }
        let tokens = self.doc.sentence_tokens(sentence);
        let after = &self.doc.text[tokens[longest.end - 1].span.end..];
        // "Scope: …", or "**Scope.** …" where the cue is a sentence of its own.
        let label =
            after.trim_start_matches(['*', '_', ' ']).starts_with(':') || longest.end == ids.len();
        let title = self.block_words(index) <= 6
            && !sentence
                .span
                .of(self.doc.text)
                .trim_end()
                .ends_with(['.', '!', '?']);
        label || title
    }

    fn block_words(&self, index: usize) -> usize {
        self.block_sentences(index)
            .iter()
            .map(|s| s.word_count())
            .sum()
    }

    fn sentence_context(&self, sentence: &'a Sentence) -> SentenceContext<'a> {
        SentenceContext {
            text: self.doc.text,
            lang: self.lang,
            tokens: self.doc.sentence_tokens(sentence),
            ids: self.sentence_ids(sentence),
            next_ids: &[],
            dated: Default::default(),
        }
    }

    /// Whether a sentence names when something happens: a date or time that
    /// is not told of the past. A date inside a past-time cue or up to two
    /// words from one ("last Monday", "since 2 March", "gisteren om 16:00",
    /// "3 days ago") is past; another date in the same sentence still counts.
    fn names_when(&self, sentence: &'a Sentence) -> bool {
        let context = self.sentence_context(sentence);
        let past = self.lang.past_time.ranges(context.ids);
        let digits = |i: usize| {
            context.tokens[i]
                .span
                .of(context.text)
                .bytes()
                .any(|b| b.is_ascii_digit())
        };
        // A date that runs on from a past one ("since Monday 9 June") is past too.
        let mut in_past_run = false;
        (0..context.ids.len()).any(|i| {
            let date = context.is_date(i);
            let near_past = past.iter().any(|r| r.start <= i + 2 && i < r.end + 2);
            in_past_run = (date || digits(i)) && (near_past || in_past_run);
            date && !in_past_run
        })
    }

    /// Whether a sentence promises without a time ("we'll send it shortly",
    /// "we kijken ernaar") and names none. Vague words inside a firmer cue
    /// of `firm` ("as soon as you approve") do not count.
    fn promises_vaguely(&self, sentence: &'a Sentence, firm: &Context) -> bool {
        let ids = self.sentence_ids(sentence);
        let vague = self.lang.vague_time.ranges(ids);
        if vague.is_empty() || self.names_when(sentence) {
            return false;
        }
        let firm = firm.ranges(ids);
        vague.iter().any(|v| {
            !firm
                .iter()
                .any(|f| f.start <= v.start && v.end <= f.end && f.len() > v.len())
        })
    }

    /// Whether a sentence names a person or team by name: a capitalised word
    /// the rulesets do not know ("Kevin will send…", "…, zegt Thijs").
    fn names_someone(&self, sentence: &'a Sentence) -> bool {
        let tokens = self.doc.sentence_tokens(sentence);
        let ids = self.sentence_ids(sentence);
        tokens.iter().zip(ids).any(|(t, &id)| {
            let mut chars = t.span.of(self.doc.text).chars();
            id == crate::ruleset::pattern::UNKNOWN
                && chars.next().is_some_and(char::is_uppercase)
                && chars.next().is_some_and(char::is_lowercase)
        })
    }

    /// The prose of block `index`: from its first to its last prose byte.
    fn block_prose(&self, index: usize) -> Option<Span> {
        let block = self.doc.extract.blocks.get(index)?;
        let first = block.pieces.first()?;
        let last = block.pieces.last()?;
        Some(Span::new(first.span.start, last.span.end))
    }

    /// Index of the greeting block ("Hi Sam,"), if the first block is one.
    fn greeting(&self) -> Option<usize> {
        (!self.doc.extract.blocks.is_empty()
            && self.block_opens_with(0, &self.lang.kind_cues.greetings))
        .then_some(0)
    }

    /// Index of the sign-off block ("Kind regards, Anna"), if any.
    fn sign_off(&self) -> Option<usize> {
        let n = self.doc.extract.blocks.len();
        (n.saturating_sub(4)..n).rev().find(|&i| {
            self.block_words(i) <= 12 && self.block_opens_with(i, &self.lang.kind_cues.sign_offs)
        })
    }

    /// The body paragraphs: prose blocks between the greeting and the sign-off.
    fn body(&self) -> Vec<usize> {
        let start = self.greeting().map_or(0, |g| g + 1);
        let end = self.sign_off().unwrap_or(self.doc.extract.blocks.len());
        (start..end)
            .filter(|&i| {
                matches!(
                    self.doc.extract.blocks[i].kind,
                    BlockKind::Paragraph | BlockKind::ListItem
                )
            })
            .collect()
    }

    /// Where a finding about the whole message is shown: the subject line,
    /// else the first heading, else the first paragraph.
    fn anchor(&self) -> Option<Span> {
        if let Some(subject) = self.doc.extract.fields.iter().find(|f| f.key == "subject") {
            return Some(subject.span);
        }
        let blocks = &self.doc.extract.blocks;
        let heading = blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(_)));
        heading
            .or_else(|| (!blocks.is_empty()).then_some(0))
            .and_then(|i| self.block_prose(i))
    }

    fn subject(&self) -> &'a str {
        self.doc
            .extract
            .fields
            .iter()
            .find(|f| f.key == "subject")
            .map_or("", |f| f.value.as_str())
    }
}

/// A suggestion that inserts `text` at `at` (a template to complete, so
/// never applied unattended).
fn insertion(label: &str, at: usize, text: String) -> Suggestion {
    Suggestion {
        label: label.to_string(),
        edits: vec![Edit {
            span: Span::new(at, at),
            replacement: text,
        }],
        safe: false,
    }
}

/// Runs the document rules that `settings` enable, appending findings.
pub fn check(cx: &DocContext, settings: &Settings, out: &mut Vec<Finding>) {
    let on = |rule: RuleId| settings.severity(rule);
    if let Some(sev) = on(RuleId::MissingApology) {
        out.extend(apology::check(cx, sev));
    }
    if let Some(sev) = on(RuleId::MissingAcknowledgement) {
        out.extend(acknowledgement::check(cx, sev));
    }
    if let Some(sev) = on(RuleId::TechHeavy) {
        let limit = settings
            .rules
            .get(&RuleId::TechHeavy)
            .and_then(|r| r.max_per_100_words)
            .unwrap_or(cx.lang.document.max_per_100_words);
        tech_heavy::check(cx, limit, sev, out);
    }
    if let Some(sev) = on(RuleId::ProposalSections) {
        out.extend(sections::check(cx, RuleId::ProposalSections, sev));
    }
    if let Some(sev) = on(RuleId::TicketSections) {
        out.extend(sections::check(cx, RuleId::TicketSections, sev));
    }
    if let Some(sev) = on(RuleId::NoNextStep) {
        out.extend(next_step::check(cx, sev));
    }
}

fn finding(
    rule: RuleId,
    span: Span,
    severity: Severity,
    message: String,
    suggestions: Vec<Suggestion>,
) -> Finding {
    Finding {
        rule,
        span,
        severity,
        message,
        suggestions,
    }
}
