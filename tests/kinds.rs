//! A document's kind, in the order it is settled: a `tact-kind` field, the
//! project's globs, the editor's language id, the file name, the content.

use tact::{Kind, Linter, Settings, Source};

fn kind(text: &str, path: &str) -> Kind {
    Linter::new(Settings::default())
        .unwrap()
        .lint(&Source::new(text).with_path(path))
        .kind
}

#[test]
fn content_makes_a_mail() {
    assert_eq!(
        kind(
            "Hi Sam,\n\nThe report is attached.\n\nKind regards,\nAnna\n",
            "a.txt"
        ),
        Kind::Mail
    );
    assert_eq!(
        kind(
            "Beste Sam,\n\nHet rapport zit in de bijlage.\n\nMet vriendelijke groet,\nAnna de Vries\nBureau Kade\n",
            "a.txt"
        ),
        Kind::Mail
    );
    assert_eq!(
        kind(
            "From: a@example.com\nTo: b@example.com\nSubject: x\n\nReport attached.\n",
            "a.txt"
        ),
        Kind::Mail
    );
    // A closing sentence that starts with "thanks" is no sign-off without a greeting.
    assert_eq!(
        kind(
            "The report is attached.\n\nThanks for your patience while we rebuilt the export of the order history.\n",
            "a.txt"
        ),
        Kind::Note
    );
}

#[test]
fn content_makes_a_proposal_or_a_ticket() {
    let proposal = "# Booking portal\n\n## Your goal\n\nFewer phone calls.\n\n## Scope\n\nThe booking page.\n\n## Planning\n\nMay.\n\n## Price\n\nEUR 4,000.\n";
    assert_eq!(kind(proposal, "a.md"), Kind::Proposal);
    let offerte = "# Webshop\n\n## Uw vraag\n\nMinder telefoontjes.\n\n## Aanpak\n\nEen boekingspagina.\n\n## Planning\n\nMei.\n\n## Kosten\n\nEUR 4.000.\n";
    assert_eq!(kind(offerte, "a.md"), Kind::Proposal);
    let ticket = "Export is empty\n\nSteps to reproduce: open the report and press Export.\n\nExpected: a file with all orders.\n\nActual: an empty file.\n";
    assert_eq!(kind(ticket, "a.txt"), Kind::Ticket);
    // Two section-like headings in meeting notes do not make a proposal.
    assert_eq!(
        kind(
            "# Call notes\n\n## Budget\n\nLater.\n\n## Planning\n\nApril.\n",
            "a.md"
        ),
        Kind::Note
    );
}

#[test]
fn earlier_sources_win_over_content() {
    let mail = "Hi Sam,\n\nThe report is attached.\n\nKind regards,\nAnna\n";
    assert_eq!(
        kind(&format!("---\ntact-kind: ticket\n---\n{mail}"), "a.md"),
        Kind::Ticket
    );
    assert_eq!(kind(mail, "proposal-garden.md"), Kind::Proposal);
    assert_eq!(kind(mail, "melding-42.txt"), Kind::Ticket);
    let linter = Linter::new(Settings::default()).unwrap();
    assert_eq!(
        linter
            .lint(&Source::new("A note.").with_language_id("mail"))
            .kind,
        Kind::Mail
    );
}

#[test]
fn section_stubs_go_to_their_own_places() {
    let linter = Linter::new(Settings::default()).unwrap();
    let text = "---\ntact-kind: proposal\n---\n# Garden centre shop\n\n## Your goal\n\nFewer phone calls about opening hours.\n\n## Planning\n\nThe page goes live in May.\n";
    let report = linter.lint(&Source::new(text).with_path("p.md"));
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "proposal-sections")
        .expect("sections are missing");
    assert!(
        finding.message.contains("the scope") && finding.message.contains("confirm"),
        "{}",
        finding.message
    );
    let fixed = finding.suggestions[0].apply(text);
    let at = |needle: &str| {
        fixed
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in\n{fixed}"))
    };
    // Scope and the rest come before the timeline that is there; the
    // confirmation, which follows the timeline, at the end.
    assert!(at("## Your goal") < at("## Scope"));
    assert!(at("## Scope") < at("## Who does what"));
    assert!(at("## Who does what") < at("## Planning"));
    assert!(at("## Planning") < at("## Confirmation"));
    assert!(fixed.ends_with('\n') && !fixed.ends_with("\n\n"));
    let again = linter.lint(&Source::new(&fixed).with_path("p.md"));
    assert!(
        again
            .findings
            .iter()
            .all(|f| f.rule.as_str() != "proposal-sections")
    );
}
