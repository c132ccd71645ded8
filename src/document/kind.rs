//! What kind of message a document is. The kind decides which
//! document-level rules apply; it comes from a `tact-kind` field, the
//! project's globs, the editor's language id, the file name, and finally the
//! content: headers, or a greeting and a sign-off, make a mail; section
//! headings make a proposal or a ticket. The content cues are data
//! (`rulesets/<lang>/kinds.toml`).

use super::extract::Extract;
use super::segment::{Sentence, Token, TokenKind};
use crate::ruleset::pattern::{PhraseSet, Vocabulary};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Mail,
    Proposal,
    Ticket,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Mail, Kind::Proposal, Kind::Ticket, Kind::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mail => "mail",
            Kind::Proposal => "proposal",
            Kind::Ticket => "ticket",
            Kind::Note => "note",
        }
    }

    /// The kind a file name suggests (`*.eml`, `proposal*`, `offerte*`,
    /// `ticket*`, `issue*`, `bug*`, `melding*`).
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_lowercase();
        if lower.ends_with(".eml") {
            return Some(Kind::Mail);
        }
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
        if starts(&["proposal", "offerte"]) {
            Some(Kind::Proposal)
        } else if starts(&["ticket", "issue", "bug", "melding"]) {
            Some(Kind::Ticket)
        } else {
            None
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown kind '{s}' (expected mail, proposal, ticket or note)"))
    }
}

/// The compiled content cues of one language.
#[derive(Debug, Default)]
pub struct KindCues {
    pub greetings: PhraseSet<()>,
    pub sign_offs: PhraseSet<()>,
    pub proposal: PhraseSet<()>,
    pub ticket: PhraseSet<()>,
}

/// How many blocks must open with a section cue to make a proposal (scope,
/// planning, price, ...: a meeting note may well have two of them) or a
/// ticket (expected, actual, ...).
const PROPOSAL_SECTIONS: usize = 3;
const TICKET_SECTIONS: usize = 2;
/// The most words a sign-off block has ("Kind regards, Priya Natarajan,
/// Fernhill Studio").
const SIGN_OFF_WORDS: usize = 12;
/// How many blocks from the end a sign-off may stand.
const SIGN_OFF_REACH: usize = 4;

impl KindCues {
    /// The kind the content suggests, if any.
    pub fn detect(
        &self,
        text: &str,
        extract: &Extract,
        tokens: &[Token],
        sentences: &[Sentence],
        vocabulary: &Vocabulary,
    ) -> Option<Kind> {
        let headers = ["from", "to", "subject", "date"];
        if extract
            .fields
            .iter()
            .filter(|f| headers.contains(&f.key.as_str()))
            .count()
            >= 2
        {
            return Some(Kind::Mail);
        }
        // The first words of every block, as word ids, with the block's length.
        let mut buf = String::new();
        let mut starts: Vec<(Vec<u32>, usize)> = Vec::new();
        let mut last_block = None;
        for sentence in sentences {
            if last_block == Some(sentence.block) {
                if let Some((_, words)) = starts.last_mut() {
                    *words += sentence.word_count();
                }
                continue;
            }
            last_block = Some(sentence.block);
            let ids = tokens[sentence.token_range()]
                .iter()
                .take(6)
                .map(|t| match t.kind {
                    TokenKind::Word => vocabulary.lookup(t.span.of(text), &mut buf),
                    TokenKind::Placeholder => crate::ruleset::pattern::BARRIER,
                })
                .collect();
            starts.push((ids, sentence.word_count()));
        }
        let opens = |set: &PhraseSet<()>, ids: &[u32]| {
            let mut hits = Vec::new();
            !ids.is_empty() && {
                set.matches_at(ids, 0, &mut hits);
                !hits.is_empty()
            }
        };
        let greeting = starts
            .first()
            .is_some_and(|(ids, _)| opens(&self.greetings, ids));
        let sign_off = starts
            .iter()
            .rev()
            .take(SIGN_OFF_REACH)
            .any(|(ids, words)| *words <= SIGN_OFF_WORDS && opens(&self.sign_offs, ids));
        if greeting && sign_off {
            return Some(Kind::Mail);
        }
        let count = |set: &PhraseSet<()>| starts.iter().filter(|(ids, _)| opens(set, ids)).count();
        let (proposal, ticket) = (count(&self.proposal), count(&self.ticket));
        if proposal >= PROPOSAL_SECTIONS && proposal >= ticket {
            Some(Kind::Proposal)
        } else if ticket >= TICKET_SECTIONS {
            Some(Kind::Ticket)
        } else {
            None
        }
    }
}
