//! The e-mail reader (RFC 5322 messages, `.eml`, or a mail typed in an
//! editor without headers).
//!
//! Headers: when the text starts with header lines (`Name: value`, folded
//! onto continuation lines that start with a space or tab) they become
//! fields (key lower-cased, value unfolded, RFC 2047 encoded words in UTF-8
//! or Latin-1 decoded) and are not prose. The text counts as having headers
//! when its first line is a well-known header (`From`, `Subject`, `Date`,
//! `X-…`, …; the body then starts at the first blank or non-header line),
//! or when it opens with two or more header lines ended by a blank line. An
//! mbox `From ` line before them is skipped.
//!
//! Body: a `multipart/*` message is searched (nested multiparts too) for its
//! first `text/plain` part that is not base64-encoded, and only that part's
//! body is read; quoted-printable is read as it is. A single-part body is
//! read when it is `text/plain` (or has no type) and not base64. The body
//! is then read like plain text (see [`plain`]), except that these lines
//! are not prose:
//! - quoted lines (`>`, `> >`, `>>`, with up to three spaces before);
//! - attribution lines: `On <date>, <name> wrote:` (also wrapped onto two
//!   lines, when a digit or `@` shows it is one), `Op <datum> schreef
//!   <naam>:`, `Op <datum> heeft <naam> … geschreven:`, German `Am …
//!   schrieb …:`, French `Le … a écrit :`, and any line ending in `wrote:`
//!   or `schreef:` right before a quote;
//! - from an Outlook-style separator (`-----Original Message-----`,
//!   `-----Oorspronkelijk bericht-----`, forwarded-message markers) or a
//!   `From: … / Sent: …` (`Van: … / Verzonden: …`) block to the end: all of
//!   that is the quoted earlier mail;
//! - from a signature separator (a line that is exactly `-- ` or `--`) to
//!   the end.
//!
//! Deliberately not handled: HTML-only mails (no prose is read from
//! `text/html`), decoding of quoted-printable or base64 bodies, charsets
//! other than UTF-8 and Latin-1 in encoded words, top-posted quotes without
//! any of the markers above, and signatures without a `-- ` separator.

use super::extract::{Extract, Field};
use super::plain::{self, Line, Role};
use crate::text::Span;

/// Reads an e-mail.
pub fn read(text: &str) -> Extract {
    let mut out = Extract::default();
    let all = Span::new(0, text.len());
    let body = match headers(text, all, true) {
        Some(head) => {
            let content_type = field_value(&head.fields, "content-type");
            let encoding = field_value(&head.fields, "content-transfer-encoding");
            let part = select_part(text, head.body, content_type, encoding, 0);
            out.fields = head.fields;
            part
        }
        None => Some(all),
    };
    if let Some(body) = body {
        read_body(text, body, &mut out);
    }
    out
}

/// Header names that, on the first line, make a text an e-mail with
/// headers.
const KNOWN_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "reply-to",
    "sender",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "return-path",
    "received",
    "delivered-to",
    "user-agent",
    "organization",
    "importance",
    "thread-topic",
    "thread-index",
    "list-id",
    "dkim-signature",
    "authentication-results",
    "arc-seal",
    "tact-kind",
    "tact-language",
];

/// A parsed header section.
struct Headers {
    fields: Vec<Field>,
    /// What follows the headers (and the blank line after them).
    body: Span,
}

fn field_value<'f>(fields: &'f [Field], key: &str) -> &'f str {
    fields
        .iter()
        .find(|f| f.key == key)
        .map_or("", |f| f.value.as_str())
}

/// The header name of `line` and the offset of its value, if it is a
/// header line.
fn header_line(line: &str) -> Option<(&str, usize)> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    // "https://…" is not a header: a value follows after a space, unless
    // the name is a well-known one.
    let spaced = line[colon + 1..].is_empty() || line[colon + 1..].starts_with([' ', '\t']);
    (valid && (spaced || is_known(name))).then_some((name, colon + 1))
}

fn is_known(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    KNOWN_HEADERS.contains(&name.as_str()) || name.starts_with("x-")
}

/// The header section at the start of `range`. With `detect`, a section
/// is only accepted when it looks like a mail's (see the module docs);
/// without, any header lines are (a MIME part's).
fn headers(text: &str, range: Span, detect: bool) -> Option<Headers> {
    let lines = plain::lines(text, range);
    let mut index = 0;
    if detect
        && lines
            .first()
            .is_some_and(|l| l.of(text).starts_with("From ") && header_line(l.of(text)).is_none())
    {
        index = 1; // An mbox separator.
    }
    let first_known = lines
        .get(index)
        .is_some_and(|l| header_line(l.of(text)).is_some_and(|(name, _)| is_known(name)));
    let mut fields: Vec<Field> = Vec::new();
    // Raw value pieces of the field being read.
    let mut value = String::new();
    let mut body = range.end;
    let mut ended_by_blank = false;
    while index < lines.len() {
        let line = lines[index];
        let body_text = line.of(text);
        if body_text.trim().is_empty() {
            body = lines.get(index + 1).map_or(range.end, |l| l.start);
            ended_by_blank = true;
            break;
        }
        if body_text.starts_with([' ', '\t']) && !fields.is_empty() {
            value.push(' ');
            value.push_str(body_text.trim());
            if let Some(last) = fields.last_mut() {
                last.span.end = line.start + body_text.trim_end().len();
            }
        } else if let Some((name, at)) = header_line(body_text) {
            finish_field(&mut fields, &mut value);
            value.push_str(body_text[at..].trim());
            fields.push(Field {
                key: name.to_ascii_lowercase(),
                value: String::new(),
                span: Span::new(line.start, line.start + body_text.trim_end().len()),
            });
        } else if detect && first_known && !fields.is_empty() {
            // A known header, then text: the body starts here.
            body = line.start;
            break;
        } else if detect || fields.is_empty() {
            return None;
        } else {
            body = line.start;
            break;
        }
        index += 1;
    }
    finish_field(&mut fields, &mut value);
    if detect && !(first_known || (fields.len() >= 2 && (ended_by_blank || index == lines.len()))) {
        return None;
    }
    if fields.is_empty() && !ended_by_blank {
        return None;
    }
    Some(Headers {
        fields,
        body: Span::new(body, range.end),
    })
}

fn finish_field(fields: &mut [Field], value: &mut String) {
    if let Some(last) = fields.last_mut()
        && last.value.is_empty()
    {
        last.value = decode_words(value.trim());
    }
    value.clear();
}

/// The MIME type (lower case) and boundary of a Content-Type value.
fn content_type(value: &str) -> (String, Option<&str>) {
    let mut params = value.split(';');
    let mime = params.next().unwrap_or("").trim().to_ascii_lowercase();
    let boundary = params.find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
            .filter(|b| !b.is_empty())
    });
    (mime, boundary)
}

/// The body to read in `body`, given its Content-Type and
/// Content-Transfer-Encoding: the first readable `text/plain` part.
fn select_part(text: &str, body: Span, content: &str, encoding: &str, depth: u32) -> Option<Span> {
    let (mime, boundary) = content_type(content);
    if encoding.trim().eq_ignore_ascii_case("base64") {
        return None;
    }
    if mime.starts_with("multipart/") {
        let boundary = boundary?;
        if depth > 8 {
            return None;
        }
        for part in parts(text, body, boundary) {
            let (content, encoding, part_body) = match headers(text, part, false) {
                Some(head) => (
                    field_value(&head.fields, "content-type").to_string(),
                    field_value(&head.fields, "content-transfer-encoding").to_string(),
                    head.body,
                ),
                None => (String::new(), String::new(), part),
            };
            if let Some(found) = select_part(text, part_body, &content, &encoding, depth + 1) {
                return Some(found);
            }
        }
        return None;
    }
    (mime.is_empty() || mime == "text/plain").then_some(body)
}

/// The parts of a multipart body: the text between delimiter lines.
fn parts(text: &str, body: Span, boundary: &str) -> Vec<Span> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous_end = body.start;
    for line in plain::lines(text, body) {
        let content = line.of(text).trim_end();
        if let Some(rest) = content.strip_prefix(delimiter.as_str())
            && (rest.is_empty() || rest == "--")
        {
            if let Some(start) = start {
                out.push(Span::new(start, previous_end.max(start)));
            }
            if rest == "--" {
                return out;
            }
            start = Some(line.end);
            // The part starts after this line's break.
            start = start.map(|s| skip_break(text, s));
        }
        previous_end = line.end;
    }
    if let Some(start) = start {
        out.push(Span::new(start, body.end.max(start)));
    }
    out
}

fn skip_break(text: &str, at: usize) -> usize {
    let rest = &text.as_bytes()[at..];
    match rest {
        [b'\r', b'\n', ..] => at + 2,
        [b'\n' | b'\r', ..] => at + 1,
        _ => at,
    }
}

/// Reads a mail body: plain text without quotes, attributions, forwarded
/// or replied-to mails, and signatures.
pub(crate) fn read_body(text: &str, body: Span, out: &mut Extract) {
    let spans = plain::lines(text, body);
    let roles = classify(text, &spans);
    // What the client wrote: `>` lines, and an earlier mail quoted in
    // Outlook style (everything after its separator or From:/Sent: block).
    let earlier = (0..spans.len()).find(|&i| {
        is_quote_separator(spans[i].of(text)) || outlook_block(text, &spans, i) == Some(i)
    });
    out.quoted.extend(
        spans
            .iter()
            .enumerate()
            .filter(|&(i, s)| is_quoted(s.of(text)) || earlier.is_some_and(|e| i >= e))
            .map(|(_, s)| *s),
    );
    let lines: Vec<Line> = spans
        .into_iter()
        .zip(roles)
        .map(|(span, role)| Line { span, role })
        .collect();
    plain::read_lines(text, &lines, out);
}

/// Which body lines are prose.
fn classify(text: &str, spans: &[Span]) -> Vec<Role> {
    let n = spans.len();
    let mut roles = vec![Role::Prose; n];
    let line = |i: usize| spans[i].of(text);
    let mut i = 0;
    while i < n {
        let current = line(i);
        // Signature, earlier mail or forwarded mail: everything from here.
        let rest_from = if current == "-- " || current == "--" || is_quote_separator(current) {
            Some(i)
        } else {
            outlook_block(text, spans, i)
        };
        if let Some(from) = rest_from {
            roles[from..].fill(Role::Skip);
            break;
        }
        if is_quoted(current) {
            roles[i] = Role::Skip;
            i += 1;
            continue;
        }
        let count = attribution(text, spans, i);
        roles[i..i + count].fill(Role::Skip);
        i += count.max(1);
    }
    roles
}

fn is_quoted(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && trimmed.starts_with('>')
}

/// `-----Original Message-----` and its kin.
fn is_quote_separator(line: &str) -> bool {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    if lower.starts_with("begin forwarded message")
        || lower.starts_with("begin doorgestuurd bericht")
    {
        return true;
    }
    if !trimmed.starts_with("--") {
        return false;
    }
    let inner = lower.trim_matches(|c: char| c == '-' || c.is_whitespace());
    matches!(
        inner,
        "original message"
            | "oorspronkelijk bericht"
            | "origineel bericht"
            | "forwarded message"
            | "doorgestuurd bericht"
            | "ursprüngliche nachricht"
            | "message d'origine"
    )
}

/// A line without the `*` of Outlook's bold plain-text labels.
fn unbold(line: &str) -> &str {
    line.trim().trim_start_matches('*')
}

/// Where a quoted earlier mail in Outlook style starts, if line `i` opens
/// one: `From: …` (`Van: …`) with `Sent:`/`Date:` (`Verzonden:`/`Datum:`)
/// within the next four lines. A separator line of underscores just before
/// belongs to it.
fn outlook_block(text: &str, spans: &[Span], i: usize) -> Option<usize> {
    let first = unbold(spans[i].of(text));
    let english = first.starts_with("From:");
    let dutch = first.starts_with("Van:");
    if !english && !dutch {
        return None;
    }
    let dated = spans[i + 1..spans.len().min(i + 5)].iter().any(|s| {
        let line = unbold(s.of(text));
        ["Sent:", "Date:", "Verzonden:", "Datum:", "Verstuurd:"]
            .iter()
            .any(|label| line.starts_with(label))
    });
    if !dated {
        return None;
    }
    let mut start = i;
    if i > 0 {
        let before = spans[i - 1].of(text).trim();
        if before.len() >= 5 && before.chars().all(|c| c == '_' || c == '-') {
            start = i - 1;
        }
    }
    Some(start)
}

/// How many lines from `i` form an attribution line ("On … wrote:"), or 0.
fn attribution(text: &str, spans: &[Span], i: usize) -> usize {
    let first = spans[i].of(text).trim();
    if is_attribution(first) {
        return 1;
    }
    // Wrapped onto a second line; a date or address makes it credible.
    if let Some(second) = spans.get(i + 1).map(|s| s.of(text).trim())
        && !second.is_empty()
        && ["On ", "Op ", "Am ", "Le "]
            .iter()
            .any(|p| first.starts_with(p))
    {
        let joined = format!("{first} {second}");
        if is_attribution(&joined) && joined.contains(|c: char| c.is_ascii_digit() || c == '@') {
            return 2;
        }
    }
    // "Jan Jansen <jan@x.nl> wrote:" right before a quote.
    let lower = first.to_lowercase();
    if ["wrote:", "writes:", "schreef:", "geschreven:"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        let next = spans[i + 1..]
            .iter()
            .map(|s| s.of(text))
            .find(|l| !l.trim().is_empty());
        if next.is_some_and(is_quoted) {
            return 1;
        }
    }
    0
}

fn is_attribution(line: &str) -> bool {
    (line.starts_with("On ") && (line.ends_with("wrote:") || line.ends_with("writes:")))
        || (line.starts_with("Op ")
            && line.ends_with(':')
            && (line.contains(" schreef ") || line.ends_with("geschreven:")))
        || (line.starts_with("Am ") && line.ends_with(':') && line.contains(" schrieb "))
        || (line.starts_with("Le ") && (line.ends_with("a écrit :") || line.ends_with("a écrit:")))
}

/// Decodes RFC 2047 encoded words (`=?UTF-8?Q?caf=C3=A9?=`) in a header
/// value; words in other charsets, or malformed ones, are left as they are.
fn decode_words(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(open) = rest.find("=?") {
        let decoded = decode_word(&rest[open..]);
        let Some((word, used)) = decoded else {
            out.push_str(&rest[..open + 2]);
            rest = &rest[open + 2..];
            last_was_word = false;
            continue;
        };
        let between = &rest[..open];
        // Whitespace between two encoded words is dropped.
        if !(last_was_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        out.push_str(&word);
        rest = &rest[open + used..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

/// One encoded word at the start of `s`: its text and its length.
fn decode_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let payload = &rest[..end];
    if payload.contains(char::is_whitespace) {
        return None;
    }
    let used = 2 + charset.len() + 1 + encoding.len() + 1 + end + 2;
    let bytes = match encoding {
        "Q" | "q" => decode_q(payload)?,
        "B" | "b" => decode_base64(payload)?,
        _ => return None,
    };
    let charset = charset.split('*').next().unwrap_or("").to_ascii_lowercase();
    let word = match charset.as_str() {
        "utf-8" | "utf8" | "us-ascii" => String::from_utf8_lossy(&bytes).into_owned(),
        "iso-8859-1" | "iso-8859-15" | "latin1" | "windows-1252" => {
            bytes.iter().map(|&b| char::from(b)).collect()
        }
        _ => return None,
    };
    Some((word, used))
}

fn decode_q(payload: &str) -> Option<Vec<u8>> {
    let bytes = payload.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = payload.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

fn decode_base64(payload: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(payload.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for b in payload.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::extract::{BlockKind, DirectiveKind, Join};
    use super::super::plain::testing::{joins, kinds, prose, untouched};
    use super::*;

    const EML: &str = "Return-Path: <jan@klant.nl>\r\n\
From: Jan Jansen <jan@klant.nl>\r\n\
To: support@bureau.nl\r\n\
Subject: Re: Storing webshop\r\n\
\x20(vervolg)\r\n\
Date: Mon, 3 Jun 2024 10:12:00 +0200\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Hi Jan,\r\n\
\r\n\
Sorry for the outage. We restored the shop\r\n\
at 11:00, see https://status.bureau.nl.\r\n\
\r\n\
On Mon, 3 Jun 2024 at 10:12, Jan Jansen <jan@klant.nl>\r\n\
wrote:\r\n\
> The shop is down!\r\n\
> > Earlier quote\r\n\
\r\n\
Regards,\r\n\
Piet\r\n\
-- \r\n\
Piet Pietersen | Bureau B.V.\r\n\
Tel. 020 123 4567\r\n";

    #[test]
    fn a_full_eml() {
        let got = read(EML);
        assert_eq!(
            prose(EML, &got),
            [
                vec!["Hi Jan,"],
                vec![
                    "Sorry for the outage. We restored the shop",
                    "at 11:00, see",
                    "."
                ],
                vec!["Regards,", "Piet"],
            ]
        );
        assert_eq!(got.field("subject"), Some("Re: Storing webshop (vervolg)"));
        assert_eq!(got.field("from"), Some("Jan Jansen <jan@klant.nl>"));
        assert_eq!(got.field("return-path"), Some("<jan@klant.nl>"));
        assert_eq!(got.fields.len(), 6);
        let subject = got.fields.iter().find(|f| f.key == "subject").unwrap();
        assert_eq!(
            subject.span.of(EML),
            "Subject: Re: Storing webshop\r\n (vervolg)"
        );
        for never in [
            "Return-Path",
            "Subject: Re",
            "On Mon, 3 Jun",
            "wrote:",
            "The shop is down",
            "Earlier quote",
            "-- \r\n",
            "Piet Pietersen",
            "Tel. 020",
            "https://status.bureau.nl",
        ] {
            untouched(EML, &got, never);
        }
    }

    #[test]
    fn a_body_without_headers() {
        let text = "Hi Jan,\n\nWe fixed the bug.\n\n> Can you fix it?\n";
        let got = read(text);
        assert!(got.fields.is_empty());
        assert_eq!(
            prose(text, &got),
            [vec!["Hi Jan,"], vec!["We fixed the bug."]]
        );
    }

    #[test]
    fn empty_and_headers_only() {
        assert_eq!(read(""), Extract::default());
        let text = "Subject: Only a subject\n";
        let got = read(text);
        assert!(got.blocks.is_empty());
        assert_eq!(got.field("subject"), Some("Only a subject"));
    }

    #[test]
    fn header_detection() {
        // A known first header: the body may follow without a blank line.
        let text = "Subject: Delay\nHi Jan, sorry.";
        let got = read(text);
        assert_eq!(got.field("subject"), Some("Delay"));
        assert_eq!(prose(text, &got), [vec!["Hi Jan, sorry."]]);
        // Two unknown headers and a blank line.
        let text = "Status: open\nOwner: Piet\n\nBody.";
        let got = read(text);
        assert_eq!(got.field("owner"), Some("Piet"));
        assert_eq!(prose(text, &got), [vec!["Body."]]);
        // One unknown "header": just prose.
        let text = "Note: we are late.\n\nBody.";
        let got = read(text);
        assert!(got.fields.is_empty());
        assert_eq!(
            prose(text, &got),
            [vec!["Note: we are late."], vec!["Body."]]
        );
        // Unknown headers followed by text without a blank line: prose.
        let text = "Status: open\nOwner: Piet\nthen text";
        assert!(read(text).fields.is_empty());
        // An mbox separator line.
        let text = "From jan@x.nl Mon Jun  3 10:12:00 2024\nFrom: jan@x.nl\nSubject: Hoi\n\nTekst.";
        let got = read(text);
        assert_eq!(got.field("subject"), Some("Hoi"));
        assert_eq!(prose(text, &got), [vec!["Tekst."]]);
    }

    #[test]
    fn encoded_words_are_decoded() {
        let text = "Subject: =?UTF-8?Q?Caf=C3=A9_storing?= =?utf-8?B?8J+YgA==?= ok\nFrom: =?iso-8859-1?Q?Jos=E9?= <j@x.nl>\n\nBody";
        let got = read(text);
        assert_eq!(got.field("subject"), Some("Café storing😀 ok"));
        assert_eq!(got.field("from"), Some("José <j@x.nl>"));
        assert_eq!(decode_words("=?koi8-r?Q?x?= =?bad"), "=?koi8-r?Q?x?= =?bad");
    }

    #[test]
    fn multipart_reads_the_first_plain_part() {
        let text = "From: a@b.nl\nSubject: Multi\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\nPreamble is not prose.\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGVsbG8=\n--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nThe plain caf=C3=A9 text.\n\n> quoted in part\n--inner\nContent-Type: text/html\n\n<p>HTML text</p>\n--inner--\n--outer\nContent-Type: text/plain\n\nSecond plain part.\n--outer--\nEpilogue.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["The plain caf=C3=A9 text."]]);
        assert_eq!(got.field("subject"), Some("Multi"));
        for never in [
            "Preamble",
            "SGVsbG8",
            "quoted in part",
            "HTML text",
            "Second plain",
            "Epilogue",
            "--inner",
        ] {
            untouched(text, &got, never);
        }
    }

    #[test]
    fn multipart_without_a_plain_part_has_no_prose() {
        let text = "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>Hi</p>\n--b--\n";
        assert!(read(text).blocks.is_empty());
        let text = "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8=\n";
        assert!(read(text).blocks.is_empty());
        let text = "Content-Type: text/html\n\n<p>Hi</p>\n";
        assert!(read(text).blocks.is_empty());
        // A part without headers is text/plain.
        let text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nNo headers here.\n--b--";
        assert_eq!(prose(text, &read(text)), [vec!["No headers here."]]);
    }

    #[test]
    fn dutch_attributions() {
        let text = "Beste Jan,\n\nHet is opgelost.\n\nOp ma 3 jun 2024 om 10:12 schreef Jan Jansen <jan@klant.nl>:\n> Het werkt niet.\n\nOp 3 juni 2024 heeft Piet de Vries het volgende\ngeschreven:\n> Eerder.\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Beste Jan,"], vec!["Het is opgelost."]]
        );
        untouched(text, &got, "Op ma 3 jun");
        untouched(text, &got, "heeft Piet");
        untouched(text, &got, "geschreven:");
    }

    #[test]
    fn english_attributions() {
        let text = "Thanks!\n\nOn Mon, Jan wrote:\n> a\n\nJan Jansen <jan@x.nl> wrote:\n\n> b\n\nOn 2024-06-03 10:12, Piet\nwrote:\n>c\nThe team wrote: this is prose, not followed by a quote\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Thanks!"],
                vec!["The team wrote: this is prose, not followed by a quote"]
            ]
        );
    }

    #[test]
    fn prose_that_merely_starts_with_on_is_kept() {
        let text = "On Monday we release.\nThe team wrote:\nAll good.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec![
                "On Monday we release.",
                "The team wrote:",
                "All good."
            ]]
        );
    }

    #[test]
    fn outlook_quotes_run_to_the_end() {
        let text = "Hi,\n\nDone.\n\n________________________________\nFrom: Jan <jan@x.nl>\nSent: Monday, June 3, 2024 10:12\nTo: Piet\nSubject: Problem\n\nIt is broken.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Hi,"], vec!["Done."]]);
        untouched(text, &got, "It is broken");
        let text = "Klaar.\n\n*Van:* Jan <jan@x.nl>\n*Verzonden:* maandag 3 juni 2024\n*Onderwerp:* Storing\n\nHet is stuk.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Klaar."]]);
        let text = "Done.\n-----Original Message-----\nIt is broken.\n";
        assert_eq!(prose(text, &read(text)), [vec!["Done."]]);
        let text = "Klaar.\n\n-----Oorspronkelijk bericht-----\nVan: Jan\nHet is stuk.\n";
        assert_eq!(prose(text, &read(text)), [vec!["Klaar."]]);
        let text = "FYI.\n\n---------- Forwarded message ---------\nFrom: x\nOld text.\n";
        assert_eq!(prose(text, &read(text)), [vec!["FYI."]]);
        // "From:" in prose without a date line stays prose.
        let text = "Hi,\nFrom: the whole team\nthanks.";
        assert_eq!(
            prose(text, &read(text)),
            [vec!["Hi,"], vec!["From: the whole team"], vec!["thanks."]]
        );
        // A header-like line without a space is no header.
        let text = "https://x.nl is down\nOwner: Piet\n\nBody.";
        assert!(read(text).fields.is_empty());
    }

    #[test]
    fn signature_separator_variants() {
        let text = "Body.\n--\nSig line\n";
        assert_eq!(prose(text, &read(text)), [vec!["Body."]]);
        let text = "Body.\n-- not a separator\nmore\n";
        assert_eq!(
            prose(text, &read(text)),
            [vec!["Body.", "-- not a separator", "more"]]
        );
        let text = "Body.\n---\nAfter a rule.\n";
        assert_eq!(
            prose(text, &read(text)),
            [vec!["Body."], vec!["After a rule."]]
        );
    }

    #[test]
    fn quotes_at_any_depth_and_body_features() {
        let text = "Top.\n>> deep\n> > spaced\n   > indented\n\n- item with https://x.nl\n\ntact-disable-next-line blame\n    code line\nEnd.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Top."], vec!["item with"], vec!["End."]]
        );
        assert_eq!(
            kinds(&got),
            [
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(
            joins(&got),
            [vec![Join::Soft], vec![Join::Soft], vec![Join::Soft]]
        );
        assert_eq!(got.directives.len(), 1);
        assert_eq!(got.directives[0].kind, DirectiveKind::DisableNextLine);
        untouched(text, &got, "code line");
    }

    #[test]
    fn non_ascii_body() {
        let text = "Subject: Café ☕\n\nBonjour 😀 — ça va? 漢字\n> cité\n";
        let got = read(text);
        assert_eq!(got.field("subject"), Some("Café ☕"));
        assert_eq!(prose(text, &got), [vec!["Bonjour 😀 — ça va? 漢字"]]);
    }
}
