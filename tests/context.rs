//! Context decides: the same words are a finding in one sentence and fine
//! in the next. These cases pin the engine's context handling (the data's
//! own cases live in the rule fixtures).

use tact::{Linter, Settings, Source};

fn found(text: &str) -> Vec<String> {
    let linter = Linter::new(Settings::default()).unwrap();
    linter
        .lint(&Source::new(text).with_path("mail.md"))
        .findings
        .iter()
        .map(|f| format!("{} “{}”", f.rule, f.span.of(text)))
        .collect()
}

#[test]
fn acronyms_first_use_expansion_and_compounds() {
    assert_eq!(
        found("We set up SSO. Later SSO works."),
        ["undefined-acronym “SSO”"]
    );
    assert!(found("We set up single sign-on (SSO) for you.").is_empty());
    assert!(found("We set up SSO (single sign-on) for you.").is_empty());
    assert!(
        found("Inloggen gaat met meervoudige authenticatie (MFA) via uw telefoon.").is_empty(),
        "the writer's own words before the bracket explain it"
    );
    assert_eq!(
        found("We use a CDN (it is fast) for images."),
        ["undefined-acronym “CDN”"],
        "a bracket that does not spell it out is no expansion"
    );
    assert_eq!(
        found("De DNS-instellingen zijn aangepast door onze beheerder en werken weer."),
        ["undefined-acronym “DNS”"],
        "the acronym at the head of a compound"
    );
}

#[test]
fn a_fix_keeps_case_and_offers_rewrites() {
    let linter = Linter::new(Settings::default()).unwrap();
    let text = "Deploy it tonight.";
    let report = linter.lint(&Source::new(text).with_path("a.md"));
    let jargon = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "jargon")
        .unwrap();
    assert!(
        jargon.suggestions[0].label.starts_with(char::is_uppercase),
        "{:?}",
        jargon.suggestions
    );
    assert!(
        jargon
            .suggestions
            .iter()
            .all(|s| s.safe && !s.edits.is_empty())
    );
}

#[test]
fn dates_cancel_vague_commitments() {
    assert_eq!(found("We will fix it soon."), ["vague-commitment “soon”"]);
    assert!(found("We will fix it soon, on Friday 14 March.").is_empty());
    assert!(found("We will fix it soon, by 14:00.").is_empty());
}

#[test]
fn refusals_with_a_reason_and_an_alternative_are_fine() {
    assert_eq!(
        found("That's not possible."),
        ["flat-refusal “That's not possible”"]
    );
    assert!(
        found("That's not possible because the bank closes the file at noon; instead we can send it tomorrow morning.").is_empty()
    );
}

#[test]
fn passives_with_an_agent_are_fine() {
    assert_eq!(
        found("The files were deleted."),
        ["hidden-actor “were deleted”"]
    );
    assert!(found("The files were deleted by the nightly clean-up job.").is_empty());
}

#[test]
fn just_as_time_is_not_condescension() {
    assert!(found("Your parcel has just arrived.").is_empty());
    assert_eq!(found("Just restart the app."), ["condescension “Just”"]);
}

#[test]
fn dutch_separable_verbs_are_caught_split() {
    let text =
        "---\ntact-language: nl\n---\nWe rollen de nieuwe versie morgen uit bij alle klanten.\n";
    let f = found(text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].starts_with("jargon “rollen"), "{f:?}");
}

#[test]
fn short_month_names_need_a_number_and_durations_count() {
    assert_eq!(
        found("We may look into it soon."),
        ["vague-commitment “soon”"]
    );
    assert!(found("We will fix it soon, by 3 May.").is_empty());
    assert!(found("We will fix it soon, within 2 hours.").is_empty());
}

#[test]
fn all_caps_phrases_are_not_shouted_back() {
    let linter = Linter::new(Settings::default()).unwrap();
    let text = "We will fix it ASAP.";
    let report = linter.lint(&Source::new(text).with_path("a.md"));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "vague-commitment")
        .unwrap();
    assert!(
        f.suggestions
            .iter()
            .all(|s| s.label != s.label.to_uppercase()),
        "{:?}",
        f.suggestions
    );
}

#[test]
fn thousands_are_no_time_but_clock_times_are() {
    let nl = "---\ntact-language: nl\n---\n";
    assert_eq!(
        found(&format!(
            "{nl}We lossen het binnenkort op, het gaat om zo'n 1.900 bestellingen.\n"
        )),
        ["vague-commitment “binnenkort”"]
    );
    assert!(found(&format!("{nl}We lossen het binnenkort op, om 10.30 uur.\n")).is_empty());
}
