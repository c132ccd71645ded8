//! Text in, [`Document`] out: a markup reader decides what is prose, the
//! prose is split into words and sentences, and the document's language and
//! kind are settled. Every rule works on a `Document`, never on raw text.

pub mod commit;
pub mod directives;
pub mod extract;
pub mod kind;
pub mod language;
pub mod mail;
pub mod markdown;
pub mod plain;
pub mod segment;
pub mod urls;

pub use extract::{
    Block, BlockKind, Directive, DirectiveKind, Extract, Field, Join, Piece, Top, TopKind,
};
pub use kind::Kind;
pub use language::{Language, LanguageSource};
pub use segment::{Sentence, Token, TokenKind};

/// The markup a document is written in; it picks the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Markup {
    Markdown,
    Plain,
    Mail,
    Commit,
}

impl Markup {
    /// The markup an editor language id names (`markdown`, `plaintext`,
    /// `mail`, `gitcommit`, ...), if it is one tact reads.
    pub fn from_language_id(id: &str) -> Option<Markup> {
        match id.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Markup::Markdown),
            "plaintext" | "text" | "txt" => Some(Markup::Plain),
            "mail" | "email" | "eml" => Some(Markup::Mail),
            "gitcommit" | "git-commit" => Some(Markup::Commit),
            _ => None,
        }
    }

    /// The markup a file name suggests; plain text when nothing matches.
    pub fn from_file_name(name: &str) -> Markup {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "md" | "markdown" | "mdown" | "mkd" => Markup::Markdown,
            "eml" | "mbox" => Markup::Mail,
            _ if matches!(
                lower.as_str(),
                "commit_editmsg" | "merge_msg" | "tag_editmsg" | "squash_msg"
            ) =>
            {
                Markup::Commit
            }
            _ => Markup::Plain,
        }
    }
}

/// Runs the reader for `markup` over `text`.
pub fn extract(text: &str, markup: Markup) -> Extract {
    match markup {
        Markup::Markdown => markdown::read(text),
        Markup::Plain => plain::read(text),
        Markup::Mail => mail::read(text),
        Markup::Commit => commit::read(text),
    }
}

/// A document ready for the rules.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub markup: Markup,
    pub extract: Extract,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub language: Language,
    pub language_source: LanguageSource,
    pub kind: Kind,
}

impl Document<'_> {
    /// The tokens of `sentence`.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.token_range()]
    }
}
