//! The Markdown reader: CommonMark with tables, task lists, strikethrough,
//! footnotes and YAML (`---`) or TOML (`+++`) front matter, parsed by
//! pulldown-cmark.
//!
//! Prose is the text of paragraphs, headings, list items and table cells:
//! one [`Block`] per paragraph, heading, tight list item and table cell (a
//! paragraph inside a loose list item is a `ListItem` block). A block's
//! span is the whole block; its pieces are exactly the prose bytes of the
//! source (for `**word**` the piece is `word`). Text events that touch, or
//! that only an escaping backslash separates, are merged into one run, so
//! entities (`caf&eacute;`) and escapes (`a\*b`) do not split words.
//!
//! Never prose: fenced and indented code, inline code, HTML blocks and
//! inline HTML tags (the text between inline tags stays prose), HTML
//! comments (their `tact-…` directives are collected), link destinations
//! and reference definitions (link text is prose), images and their alt
//! text, autolinks, bare addresses in text (see [`urls`]), footnote
//! references, task-list markers, front matter (its simple top-level
//! `key: value` / `key = "value"` pairs become fields) and every blockquote
//! (`>` is treated as quoted mail). Inline code, images, inline HTML,
//! footnote references, autolinks and addresses put a [`Join::Hard`] on the
//! next piece; line breaks, emphasis and link brackets a [`Join::Soft`].
//! The first piece of a block is `Hard` only when such non-prose precedes
//! it inside the block.
//!
//! Deliberately not handled: nested front-matter values (lists, mappings,
//! block scalars), math, definition lists and wiki links (their extensions
//! are off), and directives inside blockquotes (quoted text is someone
//! else's).

use super::directives;
use super::extract::{Block, BlockKind, Extract, Field, Join, Piece, Top, TopKind};
use super::plain;
use super::urls;
use crate::text::Span;
use pulldown_cmark::{
    BrokenLink, CowStr, Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use rustc_hash::FxHashSet;
use unicase::UniCase;

/// Link reference labels (`[label]: url`), compared as CommonMark compares
/// them: a reference resolves when some definition anywhere in the document
/// has its label.
pub type Labels = FxHashSet<UniCase<String>>;

/// Reads a Markdown document.
pub fn read(text: &str) -> Extract {
    read_range(text, Span::new(0, text.len()), &Labels::default()).0
}

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    options
}

/// The link reference labels that `text` defines.
pub fn labels(text: &str) -> Labels {
    let parser = Parser::new_ext(text, options());
    defined(&parser)
}

fn defined<'a, F: pulldown_cmark::BrokenLinkCallback<'a>>(parser: &Parser<'a, F>) -> Labels {
    parser
        .reference_definitions()
        .iter()
        .map(|(label, _)| UniCase::new(label.to_string()))
        .collect()
}

/// Reads the part `range` of `text` as if it were a document of its own,
/// with spans into `text`, where the references to `known` labels resolve
/// as if their definitions were in the part too. Also returns the labels
/// the part itself defines. Used to re-read the top-level blocks an edit
/// touched (see [`crate::reuse`]).
pub fn read_range(text: &str, range: Span, known: &Labels) -> (Extract, Labels) {
    let resolve = |link: BrokenLink<'_>| {
        known
            .contains(&UniCase::new(link.reference.to_string()))
            .then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(range.of(text), options(), Some(resolve));
    let labels = defined(&parser);
    let mut reader = Reader {
        text,
        out: Extract::default(),
        skip: 0,
        links: Vec::new(),
        items: Vec::new(),
        block: None,
        run: None,
        metadata: None,
        depth: 0,
    };
    let base = range.start;
    for (event, at) in parser.into_offset_iter() {
        reader.event(event, Span::new(base + at.start, base + at.end));
    }
    reader.close();
    (reader.out, labels)
}

/// A block being built.
struct Open {
    kind: BlockKind,
    span: Span,
    /// Whether `span` came from the parser (paragraph, heading, cell) or
    /// grows with the content (a tight list item).
    fixed: bool,
    pieces: Vec<Piece>,
    pending: Join,
}

struct Reader<'t> {
    text: &'t str,
    out: Extract,
    /// How many non-prose containers (code, HTML, blockquote, image,
    /// autolink, front matter) enclose the current event.
    skip: u32,
    /// For each open link, whether it is an autolink (its text is skipped).
    links: Vec<bool>,
    /// For each open list item, its start until a block inside claims it.
    items: Vec<Option<usize>>,
    block: Option<Open>,
    /// The run of text events not yet cut into pieces.
    run: Option<Span>,
    metadata: Option<MetadataBlockKind>,
    /// How many block or inline containers are open.
    depth: u32,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Span) {
        if !matches!(event, Event::Text(_)) {
            self.flush();
        }
        self.outline(&event, range);
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(_) => self.text(range),
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.gap(range),
            Event::InlineHtml(_) => {
                if self.skip == 0 {
                    directives::html_directives(self.text, range, &mut self.out.directives);
                }
                self.gap(range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.block.is_some() {
                    self.touch(range);
                }
            }
            Event::Rule => self.close(),
            // Inside an HTML block (read at its start), and the `[ ]` of a task.
            Event::Html(_) | Event::TaskListMarker(_) => {}
        }
    }

    /// Notes where each top-level block starts and ends.
    fn outline(&mut self, event: &Event<'_>, range: Span) {
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    let kind = match tag {
                        Tag::List(_) => TopKind::List,
                        Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                        | Tag::FootnoteDefinition(_)
                        | Tag::DefinitionList => TopKind::Open,
                        Tag::MetadataBlock(_) => TopKind::FrontMatter,
                        _ => TopKind::Closed,
                    };
                    self.out.outline.push(Top { span: range, kind });
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ if self.depth == 0 => self.out.outline.push(Top {
                span: range,
                kind: TopKind::Closed,
            }),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Span) {
        match tag {
            Tag::Paragraph => {
                self.close();
                let item_start = self.claim_item_start();
                if self.skip == 0 {
                    let kind = if self.items.is_empty() {
                        BlockKind::Paragraph
                    } else {
                        BlockKind::ListItem
                    };
                    let start = item_start.unwrap_or(range.start);
                    self.open(kind, self.trim(Span::new(start, range.end)), true);
                }
            }
            Tag::Heading { level, .. } => {
                self.close();
                self.claim_item_start();
                if self.skip == 0 {
                    self.open(BlockKind::Heading(level as u8), self.trim(range), true);
                }
            }
            Tag::TableCell => {
                self.close();
                if self.skip == 0 {
                    self.open(BlockKind::TableCell, self.trim(range), true);
                }
            }
            Tag::Item => {
                self.close();
                self.claim_item_start();
                self.items.push(Some(range.start));
            }
            Tag::BlockQuote(_) | Tag::CodeBlock(_) => {
                if matches!(tag, Tag::BlockQuote(_)) && self.skip == 0 {
                    self.out.quoted.push(range);
                }
                self.close();
                self.claim_item_start();
                self.skip += 1;
            }
            Tag::HtmlBlock => {
                self.close();
                self.claim_item_start();
                if self.skip == 0 {
                    directives::html_directives(self.text, range, &mut self.out.directives);
                }
                self.skip += 1;
            }
            Tag::MetadataBlock(kind) => {
                self.close();
                self.metadata = Some(kind);
                self.skip += 1;
            }
            Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow => {
                self.close();
                self.claim_item_start();
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.touch(range);
            }
            Tag::Link { link_type, .. } => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.links.push(autolink);
                if autolink {
                    self.gap(range);
                    self.skip += 1;
                } else {
                    self.touch(range);
                }
            }
            Tag::Image { .. } => {
                self.gap(range);
                self.skip += 1;
            }
        }
    }

    fn end(&mut self, tag: TagEnd, range: Span) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close(),
            TagEnd::Item => {
                self.close();
                self.items.pop();
            }
            TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
                self.metadata = None;
            }
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.skip = self.skip.saturating_sub(1);
                    self.gap(range);
                } else {
                    self.touch(range);
                }
            }
            TagEnd::Image => {
                self.skip = self.skip.saturating_sub(1);
                self.gap(range);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.touch(range),
            TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow => self.close(),
        }
    }

    fn text(&mut self, range: Span) {
        if let Some(kind) = self.metadata {
            front_matter(self.text, range, kind, &mut self.out.fields);
            return;
        }
        if self.skip > 0 || range.is_empty() {
            return;
        }
        self.touch(range);
        let bytes = self.text.as_bytes();
        match &mut self.run {
            // Touching, or only an escaping backslash between: one run.
            Some(run)
                if run.end == range.start
                    || (range.start == run.end + 1 && bytes[run.end] == b'\\') =>
            {
                run.end = range.end;
            }
            _ => {
                self.flush();
                self.run = Some(range);
            }
        }
    }

    /// Non-prose inside a block: the next piece joins hard.
    fn gap(&mut self, range: Span) {
        if self.skip > 0 {
            return;
        }
        self.touch(range);
        if let Some(block) = &mut self.block {
            block.pending = Join::Hard;
        }
    }

    /// Notes inline content at `range`, opening a block for it if none is
    /// open (the text of a tight list item has no paragraph).
    fn touch(&mut self, range: Span) {
        if self.skip > 0 {
            return;
        }
        match &mut self.block {
            Some(block) => {
                if !block.fixed {
                    block.span.end = block.span.end.max(range.end);
                }
            }
            None => {
                let kind = if self.items.is_empty() {
                    BlockKind::Paragraph
                } else {
                    BlockKind::ListItem
                };
                let start = self.claim_item_start().unwrap_or(range.start);
                self.open(kind, Span::new(start, range.end), false);
            }
        }
    }

    fn open(&mut self, kind: BlockKind, span: Span, fixed: bool) {
        self.block = Some(Open {
            kind,
            span,
            fixed,
            pieces: Vec::new(),
            pending: Join::Soft,
        });
    }

    /// The start of the innermost list item if no block has claimed it yet.
    fn claim_item_start(&mut self) -> Option<usize> {
        self.items.last_mut().and_then(Option::take)
    }

    /// Cuts the pending run of text into pieces.
    fn flush(&mut self) {
        if let Some(run) = self.run.take()
            && let Some(block) = &mut self.block
        {
            urls::push_prose(self.text, run, &mut block.pending, &mut block.pieces);
        }
    }

    fn close(&mut self) {
        self.flush();
        if let Some(block) = self.block.take()
            && let Some(last) = block.pieces.last()
        {
            let mut span = block.span;
            span.start = span.start.min(block.pieces[0].span.start);
            span.end = span.end.max(last.span.end);
            self.out.blocks.push(Block {
                kind: block.kind,
                span,
                pieces: block.pieces,
            });
        }
    }

    fn trim(&self, span: Span) -> Span {
        plain::trim_span(self.text, span)
    }
}

/// Reads the simple top-level pairs of front matter (`key: value` in YAML,
/// `key = "value"` in TOML) in `range` into `fields`.
fn front_matter(text: &str, range: Span, kind: MetadataBlockKind, fields: &mut Vec<Field>) {
    for line in plain::lines(text, range) {
        let body = line.of(text);
        // Only top-level, non-comment lines; a TOML table ends the top level.
        if body.starts_with([' ', '\t', '#', '-']) || body.trim().is_empty() {
            continue;
        }
        if kind == MetadataBlockKind::PlusesStyle && body.starts_with('[') {
            break;
        }
        let separator = match kind {
            MetadataBlockKind::YamlStyle => ':',
            MetadataBlockKind::PlusesStyle => '=',
        };
        let Some(at) = body.find(separator) else {
            continue;
        };
        let after = &body[at + 1..];
        if kind == MetadataBlockKind::YamlStyle
            && !(after.is_empty() || after.starts_with([' ', '\t']))
        {
            continue;
        }
        let key = body[..at].trim();
        let key = unquote(key).map_or(key, |(inner, _)| inner).to_lowercase();
        let raw_start = at + 1 + (after.len() - after.trim_start().len());
        let raw = after.trim();
        let (value, used) = unquote(raw).unwrap_or_else(|| {
            // An unquoted value may end in a comment.
            let value = raw.split(" #").next().unwrap_or(raw).trim_end();
            (value, value.len())
        });
        if key.is_empty() || value.is_empty() || matches!(value, "|" | ">" | "|-" | ">-") {
            continue;
        }
        let end = line.start + raw_start + used;
        fields.push(Field {
            key,
            value: value.to_string(),
            span: Span::new(line.start, end),
        });
    }
}

/// A quoted value without its quotes, and how many bytes of `raw` the
/// quoted value takes; `None` when `raw` is not a closed quoted string.
fn unquote(raw: &str) -> Option<(&str, usize)> {
    let quote = raw.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = &raw[1..];
    let close = inner.find(quote)?;
    Some((&inner[..close], close + 2))
}

#[cfg(test)]
mod tests {
    use super::super::extract::DirectiveKind;
    use super::super::plain::testing::{check, joins, kinds, prose, untouched};
    use super::*;

    use BlockKind::{Heading, ListItem, Paragraph, TableCell};
    use Join::{Hard, Soft};

    #[test]
    fn paragraphs_and_headings() {
        let text = "# Title *here*\n\nFirst line\nsecond **bold** line.\n\nSetext\n======\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Title ", "here"],
                vec!["First line", "second ", "bold", " line."],
                vec!["Setext"]
            ]
        );
        assert_eq!(kinds(&got), [Heading(1), Paragraph, Heading(1)]);
        assert_eq!(joins(&got)[1], [Soft, Soft, Soft, Soft]);
        assert_eq!(got.blocks[0].span.of(text), "# Title *here*");
        assert_eq!(
            got.blocks[1].span.of(text),
            "First line\nsecond **bold** line."
        );
        assert_eq!(got.blocks[2].span.of(text), "Setext\n======");
        untouched(text, &got, "**");
        untouched(text, &got, "# ");
    }

    #[test]
    fn empty_input_and_only_front_matter() {
        assert_eq!(read(""), Extract::default());
        assert_eq!(read("\n\n  \n"), Extract::default());
        let text = "---\ntitle: Offer for ACME\ntact-kind: proposal\nTact-Language: nl\n---\n";
        let got = read(text);
        assert!(got.blocks.is_empty());
        assert_eq!(got.field("title"), Some("Offer for ACME"));
        assert_eq!(got.field("tact-kind"), Some("proposal"));
        assert_eq!(got.field("tact-language"), Some("nl"));
        assert_eq!(got.fields[0].span.of(text), "title: Offer for ACME");
    }

    #[test]
    fn yaml_front_matter_is_not_prose() {
        let text = "---\ntitle: \"Quote: yes\" # note\nauthor: Jan # a comment\ntags:\n  - a\n  - b\nnested:\n  key: v\nsummary: |\n  text\nempty:\n---\n\nBody text.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Body text."]]);
        let fields: Vec<_> = got
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.value.as_str(), f.span.of(text)))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "Quote: yes", "title: \"Quote: yes\""),
                ("author", "Jan", "author: Jan")
            ]
        );
        untouched(text, &got, "Jan");
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Plan\"\ntact-kind = 'ticket'\ncount = 3\n[extra]\nkey = \"no\"\n+++\nText\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Text"]]);
        assert_eq!(got.field("title"), Some("Plan"));
        assert_eq!(got.field("tact-kind"), Some("ticket"));
        assert_eq!(got.field("count"), Some("3"));
        assert_eq!(got.field("key"), None);
    }

    #[test]
    fn code_is_never_prose() {
        let text = "Run `cargo build` now.\n\n```rust\nlet deploy = 1;\n```\n\n    indented code\n\nAfter ``a ` b`` end.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Run ", " now."], vec!["After ", " end."]]
        );
        assert_eq!(joins(&got), [vec![Soft, Hard], vec![Soft, Hard]]);
        untouched(text, &got, "cargo build");
        untouched(text, &got, "let deploy");
        untouched(text, &got, "indented code");
        untouched(text, &got, "a ` b");
    }

    #[test]
    fn unterminated_fence_runs_to_the_end() {
        let text = "Before.\n\n```\ncode line\n\nmore code that looks like prose.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Before."]]);
        untouched(text, &got, "more code");
    }

    #[test]
    fn html_is_not_prose_but_text_between_inline_tags_is() {
        let text = "<div>\nblock html text\n</div>\n\nSay <b>hello</b> to <br> them.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Say ", "hello", " to ", " them."]]);
        assert_eq!(joins(&got), [vec![Soft, Hard, Hard, Hard]]);
        untouched(text, &got, "block html text");
        untouched(text, &got, "<b>");
        untouched(text, &got, "</b>");
        untouched(text, &got, "<br>");
    }

    #[test]
    fn html_comments_carry_directives() {
        let text = "<!-- tact-disable jargon, blame -->\n\nWe deploy. <!-- tact-disable-next-line --> Next.\n\n<!-- just a note -->\n\n<!--\ntact-enable\n-->\n\n> <!-- tact-disable quoted -->\n\n```\n<!-- tact-disable code -->\n```\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["We deploy. ", " Next."]]);
        let directives: Vec<_> = got
            .directives
            .iter()
            .map(|d| (d.kind, d.rules.clone(), d.span.of(text)))
            .collect();
        assert_eq!(
            directives,
            [
                (
                    DirectiveKind::Disable,
                    vec!["jargon".to_string(), "blame".to_string()],
                    "<!-- tact-disable jargon, blame -->"
                ),
                (
                    DirectiveKind::DisableNextLine,
                    vec![],
                    "<!-- tact-disable-next-line -->"
                ),
                (DirectiveKind::Enable, vec![], "<!--\ntact-enable\n-->"),
            ]
        );
        untouched(text, &got, "just a note");
    }

    #[test]
    fn links_keep_their_text_only() {
        let text = "Read [the *guide*](https://x.com/guide \"Title\") and [docs][d] or <https://auto.link> or <jan@x.nl>.\n\n[d]: https://x.com/docs \"Docs\"\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec![
                "Read ", "the ", "guide", " and ", "docs", " or ", " or ", "."
            ]]
        );
        assert_eq!(
            joins(&got),
            [vec![Soft, Soft, Soft, Soft, Soft, Soft, Hard, Hard]]
        );
        untouched(text, &got, "https://x.com/guide");
        untouched(text, &got, "Title");
        untouched(text, &got, "auto.link");
        untouched(text, &got, "jan@x.nl");
        untouched(text, &got, "[d]: https://x.com/docs");
    }

    #[test]
    fn images_and_their_alt_text_are_not_prose() {
        let text = "See ![a screenshot of the error](shot.png) here and [![badge](b.svg)](https://ci) there.";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["See ", " here and ", " there."]]);
        assert_eq!(joins(&got), [vec![Soft, Hard, Hard]]);
        untouched(text, &got, "a screenshot");
        untouched(text, &got, "badge");
    }

    #[test]
    fn bare_addresses_in_text_are_cut() {
        let text = "Visit www.example.com/a_b_c or https://x.nl/q?a=1&amp;b=2, mail info@x.nl.";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Visit", "or", ", mail", "."]]);
        assert_eq!(joins(&got), [vec![Soft, Hard, Hard, Hard]]);
        untouched(text, &got, "www.example.com/a_b_c");
        untouched(text, &got, "https://x.nl/q?a=1&amp;b=2");
    }

    #[test]
    fn entities_and_escapes_do_not_split_words() {
        let text = "A caf&eacute; with 1 \\* 2 and snake\\_case.";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec![text]]);
    }

    #[test]
    fn footnotes_and_task_markers() {
        let text =
            "Claim[^1] here.\n\n- [x] done task\n- [ ] open task\n\n[^1]: The footnote text.\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Claim", " here."],
                vec!["done task"],
                vec!["open task"],
                vec!["The footnote text."]
            ]
        );
        assert_eq!(kinds(&got), [Paragraph, ListItem, ListItem, Paragraph]);
        assert_eq!(joins(&got)[0], [Soft, Hard]);
        untouched(text, &got, "[^1]");
        untouched(text, &got, "[x]");
        untouched(text, &got, "[ ]");
        assert_eq!(got.blocks[1].span.of(text), "- [x] done task");
    }

    #[test]
    fn blockquotes_are_never_prose() {
        let text = "I reply.\n\n> You said\n> we must deploy.\n>\n> > deeper\n\n- item\n  > quoted in item\n\nEnd.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["I reply."], vec!["item"], vec!["End."]]
        );
        untouched(text, &got, "You said");
        untouched(text, &got, "deeper");
        untouched(text, &got, "quoted in item");
    }

    #[test]
    fn nested_and_loose_lists() {
        let text = "- one\n  - nested *a*\n    - deeper\n  - nested b\n- two\n\n1. loose\n\n   second para\n2. next\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["one"],
                vec!["nested ", "a"],
                vec!["deeper"],
                vec!["nested b"],
                vec!["two"],
                vec!["loose"],
                vec!["second para"],
                vec!["next"],
            ]
        );
        assert!(kinds(&got).iter().all(|k| *k == ListItem));
        let spans: Vec<_> = got.blocks.iter().map(|b| b.span.of(text)).collect();
        assert_eq!(
            spans,
            [
                "- one",
                "- nested *a*",
                "- deeper",
                "- nested b",
                "- two",
                "1. loose",
                "second para",
                "2. next"
            ]
        );
    }

    #[test]
    fn list_item_text_after_a_code_block() {
        let text = "- before\n  ```\n  code\n  ```\n  after\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["before"], vec!["after"]]);
        untouched(text, &got, "code");
    }

    #[test]
    fn tables_give_one_block_per_cell() {
        let text = "| Task | Owner |\n|------|-------|\n| Fix `x` bug | Jan |\n| | empty |\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Task"],
                vec!["Owner"],
                vec!["Fix ", " bug"],
                vec!["Jan"],
                vec!["empty"]
            ]
        );
        assert!(kinds(&got).iter().all(|k| *k == TableCell));
        assert_eq!(got.blocks[2].span.of(text), "Fix `x` bug");
        untouched(text, &got, "|------|");
    }

    #[test]
    fn strikethrough_is_soft() {
        let text = "It is ~~not~~ done.";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["It is ", "not", " done."]]);
        assert_eq!(joins(&got), [vec![Soft, Soft, Soft]]);
    }

    #[test]
    fn crlf_line_endings() {
        let text =
            "---\r\ntitle: CRLF\r\n---\r\n\r\n# Head\r\n\r\nLine one\r\nline two\r\n\r\n- item\r\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Head"], vec!["Line one", "line two"], vec!["item"]]
        );
        assert_eq!(got.field("title"), Some("CRLF"));
        assert_eq!(got.blocks[1].span.of(text), "Line one\r\nline two");
    }

    #[test]
    fn non_ascii_around_boundaries() {
        let text = "😀 **é**`漢字`é https://x.nl/漢字 ça\n\n## Ünïcödé 😀\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["😀 ", "é", "é", "ça"], vec!["Ünïcödé 😀"]]
        );
        assert_eq!(joins(&got)[0], [Soft, Soft, Hard, Hard]);
        assert_eq!(kinds(&got), [Paragraph, Heading(2)]);
    }

    #[test]
    fn a_block_starting_with_code_joins_hard() {
        let text = "`tact` checks wording.";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec![" checks wording."]]);
        assert_eq!(joins(&got), [vec![Hard]]);
        assert_eq!(got.blocks[0].span.of(text), text);
    }

    #[test]
    fn realistic_document() {
        let text = "---\ntact-kind: proposal\n---\n# Proposal\n\nWe will **migrate** your shop to [the new platform](https://p.io).\n\n## Scope\n\n* Move the data (see `export.sql`)\n* Train your team\n\n> Client: can it be done by May?\n\nPlease confirm in writing.\n";
        let got = read(text);
        check(text, &got);
        assert_eq!(got.field("tact-kind"), Some("proposal"));
        assert_eq!(
            kinds(&got),
            [
                Heading(1),
                Paragraph,
                Heading(2),
                ListItem,
                ListItem,
                Paragraph
            ]
        );
        untouched(text, &got, "Client: can it");
        untouched(text, &got, "export.sql");
    }
}
