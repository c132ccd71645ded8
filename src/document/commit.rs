//! The git commit message reader (`COMMIT_EDITMSG`, `MERGE_MSG`, …).
//!
//! - Lines starting with `#` are comments and not prose, except
//!   `# tact-disable…` lines, which are directives.
//! - The scissors line (`# ------------------------ >8 ------------------------`)
//!   and everything after it (the diff of `git commit -v`) are not prose.
//! - The first line that is neither blank nor a comment is the subject: a
//!   `Heading(1)` block. A line right after it (no blank line between) is
//!   body text.
//! - Trailers, the last paragraph when every line of it is `Token: value`
//!   (`Signed-off-by: …`, `Co-authored-by: …`, `Fixes: #12`, folded onto
//!   indented continuation lines) or `(cherry picked from commit …)`, are
//!   not prose: they become fields (key lower-cased, the cherry-pick line as
//!   `cherry-picked-from`). The subject's paragraph is never trailers.
//! - The rest is read like plain text (see [`plain`]): paragraphs, list
//!   items, indented code, inline code and addresses cut out.
//!
//! Deliberately not handled: a `core.commentChar` other than `#`, comment
//! lines that git would keep because of `--cleanup=verbatim`, and trailers
//! mixed with free text in their paragraph (git accepts those when most
//! lines are trailers; here the whole paragraph must be).

use super::directives;
use super::extract::{Extract, Field};
use super::plain::{self, Line, Role};
use crate::text::Span;

/// Reads a commit message.
pub fn read(text: &str) -> Extract {
    let mut out = Extract::default();
    let spans = plain::lines(text, Span::new(0, text.len()));
    let n = spans.len();
    let line = |i: usize| spans[i].of(text);
    let mut roles = vec![Role::Prose; n];
    let cut = (0..n).find(|&i| is_scissors(line(i))).unwrap_or(n);
    roles[cut..].fill(Role::Skip);
    for (i, role) in roles.iter_mut().enumerate().take(cut) {
        let current = line(i);
        if current.starts_with('#') && directives::comment_line(current).is_none() {
            *role = Role::Skip;
        }
    }
    let is_comment = |i: usize| line(i).starts_with('#');
    let subject =
        (0..cut).find(|&i| roles[i] == Role::Prose && !line(i).trim().is_empty() && !is_comment(i));
    if let Some(subject) = subject {
        roles[subject] = Role::Heading(1);
        trailers(text, &spans[..cut], subject, &mut roles, &mut out.fields);
    }
    let lines: Vec<Line> = spans
        .into_iter()
        .zip(roles)
        .map(|(span, role)| Line { span, role })
        .collect();
    plain::read_lines(text, &lines, &mut out);
    out
}

/// git's scissors line: `# ------------------------ >8 ------------------------`.
fn is_scissors(line: &str) -> bool {
    line.starts_with('#') && line.contains(">8") && line.contains("-----")
}

/// Finds the trailer paragraph among `spans` (comments excluded), marks its
/// lines as not prose and turns them into fields.
fn trailers(
    text: &str,
    spans: &[Span],
    subject: usize,
    roles: &mut [Role],
    fields: &mut Vec<Field>,
) {
    // The last paragraph of non-comment lines: its line indices.
    let mut last: Vec<usize> = Vec::new();
    let mut fresh = true;
    for (i, span) in spans.iter().enumerate() {
        let line = span.of(text);
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            fresh = true;
            continue;
        }
        if fresh {
            last.clear();
            fresh = false;
        }
        last.push(i);
    }
    if last.is_empty() || last.contains(&subject) {
        return;
    }
    let mut found: Vec<Field> = Vec::new();
    for &i in &last {
        let line = spans[i].of(text);
        let end = spans[i].start + line.trim_end().len();
        if line.starts_with([' ', '\t']) {
            let Some(field) = found.last_mut() else {
                return;
            };
            field.value.push(' ');
            field.value.push_str(line.trim());
            field.span.end = end;
        } else if let Some((key, value)) = trailer(line) {
            found.push(Field {
                key,
                value,
                span: Span::new(spans[i].start, end),
            });
        } else {
            return;
        }
    }
    for &i in &last {
        roles[i] = Role::Skip;
    }
    fields.extend(found);
}

/// A trailer line's key (lower case) and value.
fn trailer(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_end();
    if let Some(hash) = trimmed
        .strip_prefix("(cherry picked from commit ")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return Some(("cherry-picked-from".to_string(), hash.trim().to_string()));
    }
    let (token, value) = trimmed.split_once(':')?;
    let token_ok = !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let value_ok = value.starts_with([' ', '\t']) && !value.trim().is_empty();
    (token_ok && value_ok).then(|| (token.to_ascii_lowercase(), value.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::extract::{BlockKind, DirectiveKind, Join};
    use super::super::plain::testing::{joins, kinds, prose, untouched};
    use super::*;

    const MESSAGE: &str = "Fix checkout crash for `guest` users\n\
\n\
The cart was emptied when a guest paid with iDEAL; see\n\
https://tracker.example.com/issues/12 for the report.\n\
\n\
- keep the cart in the session\n\
- add a regression test\n\
\n\
\x20   cargo test checkout\n\
\n\
Signed-off-by: Piet Pietersen <piet@example.nl>\n\
Co-authored-by: Jan Jansen\n\
\x20 <jan@example.nl>\n\
Fixes: #12\n\
(cherry picked from commit 0123abcd)\n\
# Please enter the commit message for your changes. Lines starting\n\
# with '#' will be ignored.\n\
#\n\
# ------------------------ >8 ------------------------\n\
# Do not modify or remove the line above.\n\
diff --git a/cart.rs b/cart.rs\n\
+    // the cart is emptied here\n";

    #[test]
    fn a_full_commit_message() {
        let got = read(MESSAGE);
        assert_eq!(
            prose(MESSAGE, &got),
            [
                vec!["Fix checkout crash for ", " users"],
                vec![
                    "The cart was emptied when a guest paid with iDEAL; see",
                    "for the report."
                ],
                vec!["keep the cart in the session"],
                vec!["add a regression test"],
            ]
        );
        assert_eq!(
            kinds(&got),
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(joins(&got)[0], [Join::Soft, Join::Hard]);
        assert_eq!(joins(&got)[1], [Join::Soft, Join::Hard]);
        let fields: Vec<_> = got
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("signed-off-by", "Piet Pietersen <piet@example.nl>"),
                ("co-authored-by", "Jan Jansen <jan@example.nl>"),
                ("fixes", "#12"),
                ("cherry-picked-from", "0123abcd"),
            ]
        );
        assert_eq!(
            got.fields[1].span.of(MESSAGE),
            "Co-authored-by: Jan Jansen\n  <jan@example.nl>"
        );
        for never in [
            "`guest`",
            "https://tracker",
            "cargo test checkout",
            "Signed-off-by",
            "Jan Jansen",
            "(cherry picked",
            "# Please enter",
            ">8",
            "Do not modify",
            "the cart is emptied here",
        ] {
            untouched(MESSAGE, &got, never);
        }
    }

    #[test]
    fn empty_and_comment_only_messages() {
        assert_eq!(read(""), Extract::default());
        let text = "\n# Please enter the commit message\n#\n";
        assert_eq!(read(text), Extract::default());
    }

    #[test]
    fn subject_after_blank_and_comment_lines() {
        let text = "\n# comment\n  \nAdd the thing\nsecond line of the first paragraph\n\nBody.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Add the thing"],
                vec!["second line of the first paragraph"],
                vec!["Body."]
            ]
        );
        assert_eq!(
            kinds(&got),
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn a_subject_that_looks_like_a_trailer_is_still_the_subject() {
        let text = "Fix: handle empty carts\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Fix: handle empty carts"]]);
        assert!(got.fields.is_empty());
        let text = "docs: update\nRefs: #3\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["docs: update"], vec!["Refs: #3"]]);
    }

    #[test]
    fn a_last_paragraph_with_prose_is_not_trailers() {
        let text = "Subject\n\nNote: this changes the API.\nPlease update clients.\n";
        let got = read(text);
        assert!(got.fields.is_empty());
        // "Note: …" opens a sentence here, not a short field.
        assert_eq!(
            prose(text, &got)[1],
            ["Note: this changes the API.", "Please update clients."]
        );
        let text = "Subject\n\nSee: https://x.nl\nhttps://y.nl\n";
        assert!(read(text).fields.is_empty());
    }

    #[test]
    fn comments_between_trailers_are_ignored() {
        let text = "Subject\n\nBody.\n\nSigned-off-by: A <a@b.nl>\n# comment\nAcked-by: B\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Subject"], vec!["Body."]]);
        assert_eq!(got.fields.len(), 2);
        assert_eq!(got.field("acked-by"), Some("B"));
    }

    #[test]
    fn directive_comments() {
        let text = "Subject line\n\n# tact-disable-next-line jargon\nWe deploy the backend.\n#tact-disable\ntact-enable blame\nEnd.\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Subject line"],
                vec!["We deploy the backend."],
                vec!["End."]
            ]
        );
        let directives: Vec<_> = got
            .directives
            .iter()
            .map(|d| (d.kind, d.span.of(text)))
            .collect();
        assert_eq!(
            directives,
            [
                (
                    DirectiveKind::DisableNextLine,
                    "# tact-disable-next-line jargon"
                ),
                (DirectiveKind::Disable, "#tact-disable"),
                (DirectiveKind::Enable, "tact-enable blame"),
            ]
        );
    }

    #[test]
    fn scissors_cut_everything_after() {
        let text = "Subject\n\nBody.\n# ------------------------ >8 ------------------------\nAfter the scissors.\n";
        let got = read(text);
        assert_eq!(prose(text, &got), [vec!["Subject"], vec!["Body."]]);
        untouched(text, &got, "After the scissors");
    }

    #[test]
    fn crlf_and_non_ascii() {
        let text = "Corrige l’accent é 😀\r\n\r\n漢字 body line\r\n# comment\r\n\r\nSigned-off-by: José <j@x.es>\r\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Corrige l’accent é 😀"], vec!["漢字 body line"]]
        );
        assert_eq!(got.field("signed-off-by"), Some("José <j@x.es>"));
        assert_eq!(got.fields[0].span.of(text), "Signed-off-by: José <j@x.es>");
    }

    #[test]
    fn indented_comment_like_lines_are_prose() {
        let text = "Subject\n\n  # not a comment in git\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Subject"], vec!["# not a comment in git"]]
        );
    }
}
