//! Text in, [`Document`] out: the markup readers decide what is prose, then
//! the document is split into sentences and words and its language is
//! detected. Every rule works on a `Document`, never on raw text.

pub mod extract;
pub mod markdown;
pub mod plain;
pub mod mail;
pub mod commit;
pub mod directives;
pub mod urls;

pub use extract::{Block, BlockKind, Directive, DirectiveKind, Extract, Field, Join, Piece};

/// The markup a document is written in; it picks the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Markup {
    Markdown,
    Plain,
    Mail,
    Commit,
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
