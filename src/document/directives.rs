//! Inline suppression comments: `tact-disable`, `tact-enable` and
//! `tact-disable-next-line`, each optionally followed by rule ids separated
//! by spaces and/or commas (none means every rule), and optionally by
//! `-- a reason`, which is ignored:
//!
//! ```text
//! <!-- tact-disable jargon, blame -->            (Markdown)
//! # tact-disable-next-line jargon                (commit, plain text)
//! tact-enable                                    (plain text, mail)
//! ```
//!
//! [`parse`] reads a comment's body; [`comment_line`] recognises a whole
//! line that is such a comment in plain text, mail or a commit message; and
//! [`html_comments`] finds `<!-- … -->` comments for the Markdown reader.
//! The readers turn what these return into [`Directive`]s; what a directive
//! suppresses is decided elsewhere.

use super::Markup;
use super::extract::{Directive, DirectiveKind, Extract};
use crate::finding::Edit;
use crate::text::Span;

/// The directive a comment body asks for, with its rule ids (empty: all).
///
/// The body is the comment's text without its delimiters, e.g.
/// `tact-disable jargon, blame`. Keywords are matched without regard to
/// case; rule ids are kept as written and may only contain letters, digits,
/// `-` and `_` (anything else means the comment is not a directive).
pub fn parse(body: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let body = body.trim();
    let (kind, rest) = [
        ("tact-disable-next-line", DirectiveKind::DisableNextLine),
        ("tact-disable", DirectiveKind::Disable),
        ("tact-enable", DirectiveKind::Enable),
    ]
    .into_iter()
    .find_map(|(keyword, kind)| keyword_rest(body, keyword).map(|rest| (kind, rest)))?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let mut rules = Vec::new();
    for word in rest.split_whitespace() {
        // `-- reason`: the rest is an explanation.
        if word.starts_with("--") {
            break;
        }
        for id in word.split(',') {
            if id.is_empty() {
                continue;
            }
            if !id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                return None;
            }
            rules.push(id.to_string());
        }
    }
    Some((kind, rules))
}

/// What follows `keyword` at the start of `body`, if the keyword is a whole
/// word there.
fn keyword_rest<'a>(body: &'a str, keyword: &str) -> Option<&'a str> {
    let bytes = body.as_bytes();
    if bytes.len() < keyword.len()
        || !bytes[..keyword.len()].eq_ignore_ascii_case(keyword.as_bytes())
    {
        return None;
    }
    // The keyword is ASCII, so its length is a character boundary.
    let rest = &body[keyword.len()..];
    match rest.chars().next() {
        None => Some(rest),
        Some(c) if c.is_whitespace() || c == ',' || c == ':' => Some(rest),
        Some(_) => None,
    }
}

/// Where a comment that switches a rule off for the whole file goes: at the
/// start of the line of the first prose block, so after front matter and
/// mail headers, which must stay first.
pub fn disable_offset(text: &str, extract: &Extract) -> usize {
    let first = extract
        .blocks
        .iter()
        .find_map(|b| b.pieces.first())
        .map_or(0, |p| p.span.start);
    text[..first.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1)
}

/// The edit that switches `rule` off for the whole file: a `tact-disable`
/// comment in the markup's own syntax, on a line of its own at `at` (see
/// [`disable_offset`]). A `tact-disable` that is never re-enabled also
/// silences the document-level rules, whose findings may sit above it (on
/// the subject).
pub fn disable_edit(at: usize, markup: Markup, rule: &str) -> Edit {
    let comment = match markup {
        Markup::Markdown => format!("<!-- tact-disable {rule} -->"),
        Markup::Commit => format!("# tact-disable {rule}"),
        Markup::Plain | Markup::Mail => format!("tact-disable {rule}"),
    };
    // Keep a Markdown paragraph from swallowing the comment: a blank line after.
    let after = if markup == Markup::Markdown {
        "\n\n"
    } else {
        "\n"
    };
    Edit {
        span: Span::new(at, at),
        replacement: format!("{comment}{after}"),
    }
}

/// Recognises a whole line that is a suppression comment: bare
/// (`tact-disable jargon`), after a line-comment marker (`#`, `//`, `--`,
/// `;`, `%`) or wrapped in `<!-- … -->` or `/* … */`.
pub fn comment_line(line: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let line = line.trim();
    let body = if let Some(inner) = line.strip_prefix("<!--") {
        inner.strip_suffix("-->")?
    } else if let Some(inner) = line.strip_prefix("/*") {
        inner.strip_suffix("*/")?
    } else if line.starts_with("//") {
        line.trim_start_matches('/')
    } else if let Some(inner) = line.strip_prefix("--") {
        inner
    } else {
        line.trim_start_matches(['#', ';', '%'])
    };
    parse(body)
}

/// The directive on the line `span` of `text`, if the line is one; its span
/// is the line without surrounding whitespace.
pub fn line_directive(text: &str, span: Span) -> Option<Directive> {
    let line = span.of(text);
    let (kind, rules) = comment_line(line)?;
    let start = span.start + (line.len() - line.trim_start().len());
    let end = start + line.trim().len();
    Some(Directive {
        kind,
        rules,
        span: Span::new(start, end),
    })
}

/// The HTML comments (`<!-- … -->`) inside `span` of `text`: each comment's
/// span and its body's span. An unterminated comment is not returned.
pub fn html_comments(text: &str, span: Span) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let Some(hay) = text.get(span.start..span.end) else {
        return out;
    };
    let mut i = 0;
    while let Some(open) = memchr::memmem::find(&hay.as_bytes()[i..], b"<!--") {
        let body_start = i + open + 4;
        let Some(close) = memchr::memmem::find(&hay.as_bytes()[body_start..], b"-->") else {
            break;
        };
        let body_end = body_start + close;
        out.push((
            Span::new(span.start + i + open, span.start + body_end + 3),
            Span::new(span.start + body_start, span.start + body_end),
        ));
        i = body_end + 3;
    }
    out
}

/// The directives in the HTML comments inside `span` of `text`.
pub fn html_directives(text: &str, span: Span, out: &mut Vec<Directive>) {
    for (comment, body) in html_comments(text, span) {
        if let Some((kind, rules)) = parse(body.of(text)) {
            out.push(Directive {
                kind,
                rules,
                span: comment,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with the file-wide comment for `jargon` inserted.
    fn disabled(text: &str, markup: Markup) -> String {
        let extract = crate::document::extract(text, markup);
        let edit = disable_edit(disable_offset(text, &extract), markup, "jargon");
        crate::finding::apply(text, &[edit])
    }

    #[test]
    fn the_disable_comment_goes_after_front_matter_and_headers() {
        assert_eq!(
            disabled("---\ntitle: Update\n---\n\nWe deploy.\n", Markup::Markdown),
            "---\ntitle: Update\n---\n\n<!-- tact-disable jargon -->\n\nWe deploy.\n"
        );
        assert_eq!(
            disabled("Subject: Update\nFrom: a@b.nl\n\nHi Sam,\n", Markup::Mail),
            "Subject: Update\nFrom: a@b.nl\n\ntact-disable jargon\nHi Sam,\n"
        );
        assert_eq!(
            disabled("Deploy the fix\n\n# a comment\n", Markup::Commit),
            "# tact-disable jargon\nDeploy the fix\n\n# a comment\n"
        );
        assert_eq!(disabled("", Markup::Plain), "tact-disable jargon\n");
    }

    fn rules(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_the_three_kinds() {
        assert_eq!(
            parse("tact-disable"),
            Some((DirectiveKind::Disable, vec![]))
        );
        assert_eq!(
            parse("  tact-enable  "),
            Some((DirectiveKind::Enable, vec![]))
        );
        assert_eq!(
            parse("tact-disable-next-line jargon"),
            Some((DirectiveKind::DisableNextLine, rules(&["jargon"])))
        );
    }

    #[test]
    fn rule_lists_take_spaces_and_commas() {
        let want = Some((
            DirectiveKind::Disable,
            rules(&["jargon", "blame", "long-sentence"]),
        ));
        assert_eq!(parse("tact-disable jargon, blame long-sentence"), want);
        assert_eq!(parse("tact-disable jargon,blame,,long-sentence"), want);
        assert_eq!(parse("tact-disable: jargon blame\tlong-sentence"), want);
        assert_eq!(parse("tact-disable,jargon, blame ,long-sentence,"), want);
    }

    #[test]
    fn a_reason_after_double_dash_is_ignored() {
        assert_eq!(
            parse("tact-disable-next-line jargon -- the client is technical"),
            Some((DirectiveKind::DisableNextLine, rules(&["jargon"])))
        );
        assert_eq!(
            parse("tact-enable --reason"),
            Some((DirectiveKind::Enable, vec![]))
        );
    }

    #[test]
    fn rejects_other_text() {
        assert_eq!(parse("tact-disabled"), None);
        assert_eq!(parse("tact-disable-next"), None);
        assert_eq!(parse("please tact-disable jargon"), None);
        assert_eq!(
            parse("tact-disable is a command that hides findings."),
            None
        );
        assert_eq!(parse(""), None);
        assert_eq!(parse("tact"), None);
        assert_eq!(parse("tact-disableé"), None);
    }

    #[test]
    fn keywords_ignore_case_rules_keep_it() {
        assert_eq!(
            parse("TACT-Disable Jargon"),
            Some((DirectiveKind::Disable, rules(&["Jargon"])))
        );
    }

    #[test]
    fn comment_lines_in_many_syntaxes() {
        let jargon = Some((DirectiveKind::DisableNextLine, rules(&["jargon"])));
        for line in [
            "# tact-disable-next-line jargon",
            "#tact-disable-next-line jargon",
            "## tact-disable-next-line jargon",
            "// tact-disable-next-line jargon",
            "-- tact-disable-next-line jargon",
            "; tact-disable-next-line jargon",
            "% tact-disable-next-line jargon",
            "<!-- tact-disable-next-line jargon -->",
            "<!--tact-disable-next-line jargon-->",
            "/* tact-disable-next-line jargon */",
            "tact-disable-next-line jargon",
            "   tact-disable-next-line jargon  \r",
        ] {
            assert_eq!(comment_line(line), jargon, "{line:?}");
        }
        assert_eq!(comment_line("<!-- tact-disable blame"), None);
        assert_eq!(comment_line("We tact-disable nothing"), None);
        assert_eq!(comment_line("# a comment"), None);
        assert_eq!(comment_line(""), None);
    }

    #[test]
    fn line_directive_spans_the_trimmed_line() {
        let text = "hi\n  # tact-enable jargon  \nbye";
        let line = Span::new(3, 27);
        let directive = line_directive(text, line).unwrap();
        assert_eq!(directive.span.of(text), "# tact-enable jargon");
        assert_eq!(directive.kind, DirectiveKind::Enable);
        assert_eq!(directive.rules, rules(&["jargon"]));
        assert_eq!(line_directive(text, Span::new(0, 2)), None);
    }

    #[test]
    fn finds_html_comments() {
        let text = "a <!-- one --> b <!--two--> c <!-- open";
        let found: Vec<_> = html_comments(text, Span::new(0, text.len()))
            .into_iter()
            .map(|(c, b)| (c.of(text), b.of(text)))
            .collect();
        assert_eq!(found, [("<!-- one -->", " one "), ("<!--two-->", "two")]);
        let text = "x <!-- tact-disable blame --> <!-- note --> é<!--tact-enable-->";
        let mut out = Vec::new();
        html_directives(text, Span::new(0, text.len()), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].span.of(text), "<!-- tact-disable blame -->");
        assert_eq!(out[0].rules, rules(&["blame"]));
        assert_eq!(out[1].span.of(text), "<!--tact-enable-->");
        assert!(html_comments(text, Span::new(0, 999)).is_empty());
    }
}
