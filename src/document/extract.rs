//! What a markup reader hands the rest of the core: the prose of a document
//! as blocks of byte ranges, the metadata fields it found (front matter,
//! e-mail headers), and the inline suppression comments. Everything that is
//! not prose (code, URLs, quoted replies, headers, signatures, comments) is
//! simply absent from the blocks, so no rule can ever see it.

use crate::text::Span;

/// The kind of text block a run of prose belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading, with its level (1–6). A commit subject is a level-1 heading.
    Heading(u8),
    ListItem,
    TableCell,
}

/// How a piece of prose connects to the piece before it in the same block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// Only whitespace, line breaks, emphasis markers or similar markup lie
    /// between: the words flow on.
    Soft,
    /// Something that is not prose lies between (inline code, a URL, an
    /// image, an inline HTML element): it counts as one word, and no phrase
    /// may match across it.
    Hard,
}

/// A contiguous run of prose. `span` never includes non-prose bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    pub join: Join,
}

/// One block of prose: a paragraph, heading, list item or table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block in the source, markup included (for display and for
    /// document-level findings).
    pub span: Span,
    /// The prose inside, in source order, non-empty and non-overlapping.
    pub pieces: Vec<Piece>,
}

/// A metadata field: a front-matter key, an e-mail header or a commit trailer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key, lower-cased (`subject`, `tact-language`, `tact-kind`).
    pub key: String,
    /// The value, trimmed, unfolded, quotes removed.
    pub value: String,
    /// The whole field in the source (key and value).
    pub span: Span,
}

/// What an inline suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `tact-disable [RULE...]`: from here on (to a matching enable or the end).
    Disable,
    /// `tact-enable [RULE...]`: ends a disable.
    Enable,
    /// `tact-disable-next-line [RULE...]`: only the line after the comment.
    DisableNextLine,
}

/// An inline suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids as written; empty means every rule.
    pub rules: Vec<String>,
    /// The comment in the source.
    pub span: Span,
}

/// How a top-level block ends, which says whether reading may start afresh
/// right after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopKind {
    /// Ends at a blank line or at its own closing line (paragraph, heading,
    /// table, block quote, thematic break).
    Closed,
    /// A list: takes in a list item that follows, even after a blank line.
    List,
    /// Code, an HTML block or a footnote definition: may take in what
    /// follows when left open.
    Open,
    /// Front matter (`---` … `---`; pulldown-cmark takes it anywhere).
    FrontMatter,
}

/// A top-level block of the markup: where a reader can start afresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Top {
    pub span: Span,
    pub kind: TopKind,
}

/// A markup reader's result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extract {
    pub blocks: Vec<Block>,
    pub fields: Vec<Field>,
    pub directives: Vec<Directive>,
    /// Quoted text (`>` lines of a reply, Markdown blockquotes): never
    /// prose, but document rules read it for what the client wrote.
    pub quoted: Vec<Span>,
    /// The top-level blocks, in order, from readers that can re-read part
    /// of a document on its own (Markdown); empty from the others.
    pub outline: Vec<Top>,
}

impl Extract {
    /// The value of the first field named `key` (lower-case).
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }
}
