//! Addresses inside prose: URLs (`https://…`, `ftp://…`, any `scheme://…`,
//! `www.…`, `mailto:…`), e-mail addresses, file paths (`/etc/hosts`,
//! `~/.config`, `./run.sh`, `C:\Users`, `src/main.rs`, `.env`) and bare
//! domain or file names whose last part is a known top-level domain or file
//! extension (`example.com`, `tact.toml`). None of them is prose: every
//! markup reader cuts them out of its text runs with [`push_prose`], and the
//! prose after one joins the prose before it with [`Join::Hard`].
//!
//! Closing punctuation is not part of an address: `.`, `,`, `!`, `?`, `:`,
//! `;`, quotes, `*`, `_`, and a `)` or `]` that does not close a bracket
//! opened inside the address.
//!
//! Deliberately not found: bare host names without a known ending
//! (`intranet`, `server01.local`), IP addresses, relative paths without a
//! known file extension (`docs/guide`), and `scheme:` forms other than
//! `mailto:` (so `Note:` or `tel:` stay prose).

use super::extract::{Join, Piece};
use crate::text::Span;

/// What an address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressKind {
    /// `scheme://…`, `www.…`, `mailto:…`, or a domain name (`example.com`).
    Url,
    /// `name@example.com`.
    Email,
    /// A file path or file name (`/etc/hosts`, `src/main.rs`, `.env`).
    Path,
}

/// An address found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Address {
    pub span: Span,
    pub kind: AddressKind,
}

/// Top-level domains: a bare `name.<tld>` is an address.
const TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "io",
    "dev",
    "app",
    "nl",
    "be",
    "de",
    "eu",
    "uk",
    "fr",
    "es",
    "ch",
    "info",
    "biz",
    "gov",
    "edu",
    "ai",
    "co",
    "tv",
    "cloud",
    "tech",
    "online",
    "site",
    "shop",
    "nu",
    "frl",
    "amsterdam",
    "email",
];

/// File extensions: a bare `name.<ext>` is a file name.
const EXTENSIONS: &[&str] = &[
    "rs",
    "md",
    "txt",
    "toml",
    "yaml",
    "yml",
    "json",
    "js",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "jsx",
    "py",
    "rb",
    "go",
    "java",
    "kt",
    "cpp",
    "hpp",
    "cs",
    "php",
    "html",
    "htm",
    "css",
    "scss",
    "xml",
    "csv",
    "tsv",
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "ico",
    "zip",
    "gz",
    "tgz",
    "tar",
    "log",
    "conf",
    "cfg",
    "ini",
    "sh",
    "bash",
    "ps1",
    "bat",
    "exe",
    "dll",
    "dylib",
    "lock",
    "sql",
    "sqlite",
    "env",
    "eml",
    "mbox",
    "ics",
    "vcf",
    "wasm",
    "lua",
    "swift",
    "vue",
    "svelte",
    "tf",
    "gradle",
    "properties",
    "lockb",
];

/// Every address inside `span` of `text`, in order and non-overlapping.
pub fn find(text: &str, span: Span) -> Vec<Address> {
    let mut out = Vec::new();
    let Some(s) = text.get(span.start..span.end) else {
        return out;
    };
    let bytes = s.as_bytes();
    // Every address holds one of `: @ / \ ~` or a dot followed by a letter
    // or digit. Jump from one such byte to the next (nearly every word has
    // none) and look closer only at the token around it: the maximal run
    // of non-whitespace holding it.
    let candidate = |j: usize| {
        matches!(bytes[j], b':' | b'@' | b'/' | b'\\' | b'~')
            || (bytes[j] == b'.' && bytes.get(j + 1).is_some_and(u8::is_ascii_alphanumeric))
    };
    let mut i = 0;
    while let Some(j) = (i..bytes.len()).find(|&j| candidate(j)) {
        let start = s[i..j]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(i, |(k, c)| i + k + c.len_utf8());
        let end = s[j..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(bytes.len(), |(k, _)| j + k);
        scan_token(s, start, end, span.start, &mut out);
        i = end;
    }
    out
}

/// Appends the prose of `span` to `out`, leaving out the addresses in it.
///
/// `pending` is the join for the next piece pushed: it is used by the first
/// piece, set to [`Join::Hard`] by every address and back to [`Join::Soft`]
/// after each piece, so the caller can carry it on to the next run of text.
/// Whitespace next to an address is trimmed, and a piece that is only
/// whitespace is dropped (leaving `pending` as it was).
pub fn push_prose(text: &str, span: Span, pending: &mut Join, out: &mut Vec<Piece>) {
    let mut cursor = span.start;
    for address in find(text, span) {
        let piece = Span::new(cursor, address.span.start);
        push_piece(
            text,
            trim(text, piece, cursor != span.start, true),
            pending,
            out,
        );
        *pending = Join::Hard;
        cursor = address.span.end;
    }
    let piece = Span::new(cursor, span.end);
    push_piece(
        text,
        trim(text, piece, cursor != span.start, false),
        pending,
        out,
    );
}

/// The prose pieces of `span`: the text around its addresses, the piece
/// after an address joined hard, the first piece soft.
pub fn split(text: &str, span: Span) -> Vec<Piece> {
    let mut out = Vec::new();
    push_prose(text, span, &mut Join::Soft, &mut out);
    out
}

/// Appends `span` as one piece unless it is empty or only whitespace.
pub fn push_piece(text: &str, span: Span, pending: &mut Join, out: &mut Vec<Piece>) {
    let body = span.of(text);
    if body.is_empty() || body.chars().all(char::is_whitespace) {
        return;
    }
    out.push(Piece {
        span,
        join: *pending,
    });
    *pending = Join::Soft;
}

fn trim(text: &str, span: Span, start: bool, end: bool) -> Span {
    let body = span.of(text);
    let mut out = span;
    if start {
        out.start = span.end - body.trim_start().len();
    }
    if end {
        out.end = out.start + out.of(text).trim_end().len();
    }
    out
}

fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Finds the addresses in the token `s[start..end]`.
fn scan_token(s: &str, start: usize, end: usize, base: usize, out: &mut Vec<Address>) {
    let mut i = start;
    while i < end {
        if let Some((to, kind)) = address_at(s, i, start, end) {
            out.push(Address {
                span: Span::new(base + i, base + to),
                kind,
            });
            i = to;
        } else {
            i += char_at(s, i).len_utf8();
        }
    }
}

/// An address starting exactly at `i` (inside the token `from..to`): its end
/// and kind.
fn address_at(s: &str, i: usize, from: usize, to: usize) -> Option<(usize, AddressKind)> {
    let c = char_at(s, i);
    let prev = if i > from { char_before(s, i) } else { None };
    if c.is_ascii_alphabetic()
        && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || "+-.".contains(p))
    {
        if let Some(end) = scheme_url(s, i, to) {
            return Some((end, AddressKind::Url));
        }
        if starts_with_ignore_case(&s[i..to], "mailto:") {
            let end = url_end(s, i, i + 7, to);
            if end > i + 7 {
                return Some((end, AddressKind::Url));
            }
        }
    }
    let word_boundary = !prev.is_some_and(|p| p.is_alphanumeric() || "._-@/\\~%+".contains(p));
    if word_boundary && starts_with_ignore_case(&s[i..to], "www.") {
        let after = i + 4;
        if after < to && char_at(s, after).is_alphanumeric() {
            let end = url_end(s, i, after, to);
            return Some((end, AddressKind::Url));
        }
    }
    if is_local_char(c)
        && !prev.is_some_and(is_local_char)
        && let Some(end) = email(s, i, to)
    {
        return Some((end, AddressKind::Email));
    }
    if !word_boundary {
        return None;
    }
    if let Some(end) = path(s, i, to) {
        return Some((end, AddressKind::Path));
    }
    domain_like(s, i, to)
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// `scheme://rest`, the scheme starting at `i`.
fn scheme_url(s: &str, i: usize, to: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut j = i;
    while j < to && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'+' | b'-' | b'.')) {
        j += 1;
    }
    if j - i < 2 || !s[j..to].starts_with("://") {
        return None;
    }
    let rest = j + 3;
    let end = url_end(s, i, rest, to);
    (end > rest).then_some(end)
}

/// Whether `c` may appear in a URL at all.
fn is_url_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '^')
    } else {
        c.is_alphanumeric()
    }
}

/// The end of a URL whose address part starts at `from` (the URL itself at
/// `start`): as far as URL characters go, minus trailing punctuation, never
/// shorter than `from`.
fn url_end(s: &str, start: usize, from: usize, to: usize) -> usize {
    let mut end = from;
    for (at, c) in s[from..to].char_indices() {
        if !is_url_char(c) {
            break;
        }
        end = from + at + c.len_utf8();
    }
    trim_trailing(s, start, from, end)
}

/// Drops closing punctuation from the end of `s[start..end]`, but not
/// before `min`.
fn trim_trailing(s: &str, start: usize, min: usize, mut end: usize) -> usize {
    let count = |open: u8, close: u8, to: usize| {
        s.as_bytes()[start..to].iter().fold(0i64, |n, &b| {
            if b == open {
                n + 1
            } else if b == close {
                n - 1
            } else {
                n
            }
        })
    };
    let mut parens = count(b'(', b')', end);
    let mut brackets = count(b'[', b']', end);
    while end > min {
        let last = s.as_bytes()[end - 1];
        match last {
            b'.' | b',' | b'!' | b'?' | b':' | b';' | b'\'' | b'*' | b'_' => end -= 1,
            b')' if parens < 0 => {
                parens += 1;
                end -= 1;
            }
            b']' if brackets < 0 => {
                brackets += 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// `local@domain.tld` starting at `i`.
fn email(s: &str, i: usize, to: usize) -> Option<usize> {
    let j = i + s[i..to]
        .chars()
        .take_while(|&c| is_local_char(c))
        .map(char::len_utf8)
        .sum::<usize>();
    let local = &s[i..j];
    if local.is_empty()
        || local.starts_with('.')
        || local.ends_with('.')
        || !s[j..to].starts_with('@')
    {
        return None;
    }
    let end = domain_end(s, j + 1, to, |label| {
        label.chars().count() >= 2 && label.chars().all(char::is_alphabetic)
    })?;
    Some(end)
}

/// The end of a domain (two or more dot-separated labels) starting at `i`
/// whose last label passes `last_ok`; trailing labels that fail are given
/// back.
fn domain_end(
    s: &str,
    i: usize,
    to: usize,
    mut last_ok: impl FnMut(&str) -> bool,
) -> Option<usize> {
    // Label boundaries: (start, end) of each label.
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut j = i;
    loop {
        let len: usize = s[j..to]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '-' || c == '_')
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            break;
        }
        labels.push((j, j + len));
        j += len;
        if s[j..to].starts_with('.') && s[j + 1..to].starts_with(char::is_alphanumeric) {
            j += 1;
            continue;
        }
        break;
    }
    while labels.len() >= 2 {
        let (a, b) = labels[labels.len() - 1];
        if last_ok(&s[a..b]) {
            return Some(b);
        }
        labels.pop();
    }
    None
}

fn known(label: &str, list: &[&str]) -> bool {
    let lower = label.to_ascii_lowercase();
    // Mixed case ("het.Nu") is a missing space, not a domain.
    (label == lower || label == label.to_ascii_uppercase()) && list.contains(&lower.as_str())
}

fn is_path_char(c: char) -> bool {
    is_url_char(c) || c == '\\'
}

/// The end of a run of path characters from `from`, minus trailing
/// punctuation.
fn path_end(s: &str, start: usize, from: usize, to: usize) -> usize {
    let mut end = from;
    for (at, c) in s[from..to].char_indices() {
        if !is_path_char(c) {
            break;
        }
        end = from + at + c.len_utf8();
    }
    trim_trailing(s, start, from, end)
}

/// A file path starting at `i`.
fn path(s: &str, i: usize, to: usize) -> Option<usize> {
    let rest = &s[i..to];
    let b = rest.as_bytes();
    // `/etc/hosts`: absolute, with at least two segments. The first
    // segment is checked before scanning on, so a failed try is cheap.
    if b.first() == Some(&b'/') {
        let first: usize = rest[1..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || "._-~".contains(c))
            .map(char::len_utf8)
            .sum();
        if first == 0 || rest.as_bytes().get(1 + first) != Some(&b'/') {
            return None;
        }
        return Some(path_end(s, i, i + 2 + first, to));
    }
    // `~/x`, `./x`, `../x`, `.\x`.
    for prefix in ["~/", "./", "../", ".\\", "..\\"] {
        if rest.starts_with(prefix) {
            let from = i + prefix.len();
            let end = path_end(s, i, from, to);
            return (end > from).then_some(end);
        }
    }
    // `C:\Users`, `\\server\share`.
    if (b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
        || (b.len() > 2 && b[0] == b'\\' && b[1] == b'\\' && b[2].is_ascii_alphanumeric())
    {
        let from = i + 3;
        let end = path_end(s, i, from, to);
        return (end > from).then_some(end);
    }
    // `src/main.rs`, `docs\guide.md`: a relative path ending in a known extension.
    let mut end = i;
    for (at, c) in rest.char_indices() {
        if !(c.is_alphanumeric() || "._-/\\".contains(c)) {
            break;
        }
        end = i + at + c.len_utf8();
    }
    let end = trim_trailing(s, i, i, end);
    let candidate = &s[i..end];
    if candidate.contains(['/', '\\']) && !candidate.starts_with(['/', '\\']) {
        let name = candidate.rsplit(['/', '\\']).next().unwrap_or("");
        if let Some((stem, ext)) = name.rsplit_once('.')
            && !stem.is_empty()
            && known(ext, EXTENSIONS)
        {
            return Some(line_suffix(s, end, to));
        }
    }
    // `.env`, `.gitignore`, `.tact.toml`: a dotfile.
    if b.first() == Some(&b'.') && b.get(1).is_some_and(u8::is_ascii_lowercase) {
        let mut end = i + 1;
        for (at, c) in rest[1..].char_indices() {
            if !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)) {
                break;
            }
            end = i + 1 + at + c.len_utf8();
        }
        let end = trim_trailing(s, i, i + 1, end);
        let next = s[end..to].chars().next();
        if end - i >= 3 && !next.is_some_and(|c| c.is_alphanumeric()) {
            return Some(end);
        }
    }
    None
}

/// `end` moved past a `:12` or `:12:5` (a line and column) right there.
fn line_suffix(s: &str, mut end: usize, to: usize) -> usize {
    for _ in 0..2 {
        let digits = s[end..to].strip_prefix(':').map_or(0, |rest| {
            rest.bytes().take_while(u8::is_ascii_digit).count()
        });
        if digits == 0 {
            break;
        }
        end += 1 + digits;
    }
    end
}

/// `example.com`, `example.com/pricing`, `tact.toml`, `main.rs:12`.
fn domain_like(s: &str, i: usize, to: usize) -> Option<(usize, AddressKind)> {
    if !char_at(s, i).is_alphanumeric() {
        return None;
    }
    let mut kind = AddressKind::Url;
    let end = domain_end(s, i, to, |label| {
        if known(label, TLDS) {
            kind = AddressKind::Url;
            true
        } else if known(label, EXTENSIONS) {
            kind = AddressKind::Path;
            true
        } else {
            false
        }
    })?;
    // What follows must not continue a word ("example.community").
    let mut end = end;
    let next = s[end..to].chars().next();
    match next {
        None => {}
        Some(':') if s[end + 1..to].starts_with(|c: char| c.is_ascii_digit()) => {
            end += 1 + s[end + 1..to]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if s[end..to].starts_with(['/', '?', '#']) {
                end = url_end(s, i, end, to);
            }
        }
        Some('/' | '?' | '#') => end = url_end(s, i, end, to),
        Some(c) if c.is_alphanumeric() || c == '@' => return None,
        Some(_) => {}
    }
    Some((end, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text, Span::new(0, text.len()))
            .iter()
            .map(|a| a.span.of(text))
            .collect()
    }

    fn prose(text: &str) -> Vec<(&str, Join)> {
        let mut out = Vec::new();
        let mut pending = Join::Soft;
        push_prose(text, Span::new(0, text.len()), &mut pending, &mut out);
        out.iter().map(|p| (p.span.of(text), p.join)).collect()
    }

    #[test]
    fn finds_scheme_urls_and_drops_closing_punctuation() {
        assert_eq!(
            found("See https://example.com/a?b=c#d."),
            ["https://example.com/a?b=c#d"]
        );
        assert_eq!(
            found("Go to http://x.nl, then ftp://files.x.nl!"),
            ["http://x.nl", "ftp://files.x.nl"]
        );
        assert_eq!(
            found("(see https://en.wikipedia.org/wiki/Foo_(bar))"),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert_eq!(found("(https://x.com/a)."), ["https://x.com/a"]);
        assert_eq!(found("Really? https://x.com/q?; yes"), ["https://x.com/q"]);
        assert_eq!(found("link:https://x.io/p"), ["https://x.io/p"]);
        assert_eq!(found("<https://x.io/p>"), ["https://x.io/p"]);
        assert_eq!(found("\"https://x.io/p\""), ["https://x.io/p"]);
        assert_eq!(found("*https://x.io/p*"), ["https://x.io/p"]);
        assert_eq!(found("HTTPS://X.IO"), ["HTTPS://X.IO"]);
        assert_eq!(
            found("ssh://git@host:22/repo.git"),
            ["ssh://git@host:22/repo.git"]
        );
        // Nothing after the scheme: not a URL.
        assert!(found("the http:// prefix").is_empty());
    }

    #[test]
    fn finds_www_and_mailto_forms() {
        assert_eq!(
            found("Visit www.example.com: it works"),
            ["www.example.com"]
        );
        assert_eq!(found("WWW.Example.org/x."), ["WWW.Example.org/x"]);
        assert_eq!(
            found("Write mailto:jan@x.nl?subject=Hi."),
            ["mailto:jan@x.nl?subject=Hi"]
        );
        assert!(found("a www. b").is_empty());
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(
            found("Mail jan.jansen+tact@example.co.uk."),
            ["jan.jansen+tact@example.co.uk"]
        );
        assert_eq!(found("<info@bedrijf.nl>"), ["info@bedrijf.nl"]);
        assert_eq!(found("a@b.com,c@d.org"), ["a@b.com", "c@d.org"]);
        assert_eq!(found("josé@exämple.de"), ["josé@exämple.de"]);
        // Not addresses: handles, lone @, no dot, numeric top level.
        assert!(found("@jan said hi at 10 @ home").is_empty());
        assert!(found("user@localhost").is_empty());
        assert!(found("x@1.2").is_empty());
    }

    #[test]
    fn finds_paths_and_domain_like_tokens() {
        assert_eq!(
            found("Edit /etc/nginx/nginx.conf now"),
            ["/etc/nginx/nginx.conf"]
        );
        assert_eq!(
            found("in ~/.config/tact, ./run.sh and ../x"),
            ["~/.config/tact", "./run.sh", "../x"]
        );
        assert_eq!(
            found(r"open C:\Users\jan\file.txt."),
            [r"C:\Users\jan\file.txt"]
        );
        assert_eq!(found(r"share \\server\docs"), [r"\\server\docs"]);
        assert_eq!(
            found("see src/document/urls.rs:12"),
            ["src/document/urls.rs:12"]
        );
        assert_eq!(
            found("set it in .tact.toml or .env."),
            [".tact.toml", ".env"]
        );
        assert_eq!(
            found("example.com/pricing and Example.NL."),
            ["example.com/pricing", "Example.NL"]
        );
        assert_eq!(
            found("run main.rs:12 or app.vue"),
            ["main.rs:12", "app.vue"]
        );
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        for text in [
            "and/or, yes/no, 24/7, 1/2/2024, w/o",
            "e.g. this, i.e. that, etc. and a.m. or p.m.",
            "version 1.2.3 costs 3.50 at 10.30",
            "Het is klaar.Nu verder. It works.Thanks",
            "Note: done. Time: 14:00.",
            "example.community is a word pair typo",
            "The ... ellipsis and .NET framework",
            "Mr. Smith, Ph.D. and co.",
            "",
            "   ",
        ] {
            assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
        }
    }

    #[test]
    fn non_ascii_around_addresses() {
        assert_eq!(found("😀https://x.com/é😀"), ["https://x.com/é"]);
        assert_eq!(
            found("漢字 https://x.com/漢字。続く"),
            ["https://x.com/漢字"]
        );
        assert_eq!(found("café: jan@café.fr!"), ["jan@café.fr"]);
    }

    #[test]
    fn push_prose_cuts_addresses_into_hard_gaps() {
        assert_eq!(
            prose("See https://x.com for details, or mail a@b.nl."),
            [
                ("See", Join::Soft),
                ("for details, or mail", Join::Hard),
                (".", Join::Hard)
            ]
        );
        assert_eq!(prose("https://x.com"), []);
        assert_eq!(prose("https://x.com then"), [("then", Join::Hard)]);
        assert_eq!(prose("  plain text  "), [("  plain text  ", Join::Soft)]);
        // The pending join carries over when nothing is pushed.
        let mut pending = Join::Hard;
        let mut out = Vec::new();
        push_prose("   ", Span::new(0, 3), &mut pending, &mut out);
        assert!(out.is_empty());
        assert_eq!(pending, Join::Hard);
        push_prose(
            "x https://a.io",
            Span::new(0, 14),
            &mut Join::Soft,
            &mut out,
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn split_returns_the_pieces() {
        let text = "Mail jan@x.nl or call.";
        let pieces = split(text, Span::new(0, text.len()));
        let got: Vec<_> = pieces.iter().map(|p| (p.span.of(text), p.join)).collect();
        assert_eq!(got, [("Mail", Join::Soft), ("or call.", Join::Hard)]);
        assert!(split(text, Span::new(5, 13)).is_empty());
    }

    #[test]
    fn respects_the_span_and_offsets() {
        let text = "prefix https://a.io/x suffix";
        let addresses = find(text, Span::new(7, 21));
        assert_eq!(addresses.len(), 1);
        assert_eq!(addresses[0].span.of(text), "https://a.io/x");
        assert_eq!(addresses[0].kind, AddressKind::Url);
        assert!(find(text, Span::new(0, 99)).is_empty());
        let kinds: Vec<_> = find("a@b.nl /etc/x/y", Span::new(0, 15))
            .iter()
            .map(|a| a.kind)
            .collect();
        assert_eq!(kinds, [AddressKind::Email, AddressKind::Path]);
    }
}
