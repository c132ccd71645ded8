//! Nothing RULES.md calls "never prose" produces a finding: code, URLs,
//! e-mail addresses, link targets, HTML, front matter, quoted replies,
//! headers, signatures and commit comments. Each case has a control: the
//! same word in prose is flagged, so the test fails if the word list changes
//! under it.

use tact::{Linter, Settings, Source};

fn findings(text: &str, path: &str) -> Vec<String> {
    let linter = Linter::new(Settings::default()).unwrap();
    linter
        .lint(&Source::new(text).with_path(path))
        .findings
        .iter()
        .map(|f| format!("{} “{}”", f.rule, f.span.of(text)))
        .collect()
}

#[track_caller]
fn quiet(text: &str, path: &str) {
    let found = findings(text, path);
    assert!(
        found.is_empty(),
        "expected nothing in {path}, found {found:?} in:\n{text}"
    );
}

#[test]
fn control_the_word_is_flagged_in_prose() {
    assert_eq!(findings("We will deploy it.", "a.md"), ["jargon “deploy”"]);
    assert_eq!(findings("We will deploy it.", "a.txt"), ["jargon “deploy”"]);
    assert_eq!(
        findings("Subject: x\n\nWe will deploy it.\n", "a.eml"),
        ["jargon “deploy”"]
    );
    assert_eq!(
        findings("We will deploy it\n", "COMMIT_EDITMSG"),
        ["jargon “deploy”"]
    );
}

#[test]
fn markdown_code_urls_html_and_front_matter() {
    quiet("Run `deploy` now.\n", "a.md");
    quiet("```\nwe deploy the backend\n```\n", "a.md");
    quiet("    we deploy the backend\n", "a.md");
    quiet("See https://example.com/deploy-guide today.\n", "a.md");
    quiet("See <https://example.com/deploy> today.\n", "a.md");
    quiet("Write to deploy@example.com today.\n", "a.md");
    quiet(
        "See [the guide](https://example.com/deploy) today.\n",
        "a.md",
    );
    quiet(
        "See [the guide][ref] today.\n\n[ref]: https://example.com/deploy\n",
        "a.md",
    );
    quiet("<div class=\"deploy\">\nwe deploy\n</div>\n", "a.md");
    quiet("<!-- we deploy the backend -->\nHello there.\n", "a.md");
    quiet(
        "---\ntitle: deploy the backend\n---\nHello there.\n",
        "a.md",
    );
    quiet("+++\ntitle = \"deploy\"\n+++\nHello there.\n", "a.md");
    quiet("> we deploy the backend\n\nThanks, that helps.\n", "a.md");
    quiet("![deploy diagram](deploy.png)\n", "a.md");
}

#[test]
fn mail_headers_quotes_attributions_and_signatures() {
    let mail = "From: Deploy Bot <deploy@example.com>\nSubject: deploy of the backend\n\nHi Sam,\n\nThanks, that helps.\n\nOn Mon, 3 Jun 2024 at 10:00, Sam <sam@example.com> wrote:\n> Can you deploy the backend?\n>> and the rollback?\n\n-- \nAnna, deploy team\n";
    quiet(mail, "reply.eml");
    quiet("Hi Sam,\n\nThanks.\n\n> deploy it\n", "a.txt");
}

#[test]
fn commit_comments_scissors_and_trailers() {
    let msg = "Tidy the invoice page\n\nThe totals line up now.\n\n# deploy is mentioned in a comment\nSigned-off-by: Deploy Bot <bot@example.com>\n# ------------------------ >8 ------------------------\ndiff --git a/deploy.sh b/deploy.sh\n";
    quiet(msg, "COMMIT_EDITMSG");
}

#[test]
fn suppression_comments() {
    quiet(
        "<!-- tact-disable-next-line jargon -->\nWe will deploy it.\n",
        "a.md",
    );
    quiet("<!-- tact-disable -->\nWe will deploy it.\n", "a.md");
    assert_eq!(
        findings(
            "<!-- tact-disable jargon -->\nWe deploy.\n<!-- tact-enable jargon -->\n\nWe deploy.\n",
            "a.md"
        ),
        ["jargon “deploy”"]
    );
    assert_eq!(
        findings(
            "<!-- tact-disable-next-line blame -->\nWe will deploy it.\n",
            "a.md"
        ),
        ["jargon “deploy”"],
        "a directive for another rule does not hide this one"
    );
    quiet(
        "tact-disable-next-line jargon\nWe will deploy it.\n",
        "a.txt",
    );
    quiet(
        "# tact-disable jargon\nWe will deploy it\n",
        "COMMIT_EDITMSG",
    );
}
