//! The default rulesets have the breadth the project promises and stay
//! consistent: every entry compiles, no word belongs to two jargon terms,
//! no acronym is both listed and whitelisted, and every message fills its
//! placeholders.

use std::collections::HashMap;
use tact::rules::PHRASE_RULES;
use tact::ruleset::{self, Removals};

fn data() -> Vec<ruleset::LanguageData> {
    ruleset::load(&[], &Removals::default()).expect("the default rulesets load")
}

#[test]
fn breadth() {
    for lang in data() {
        let code = lang.language.code();
        let jargon_min = if code == "en" { 400 } else { 250 };
        assert!(
            lang.jargon.term.len() >= jargon_min,
            "{code}: {} jargon terms",
            lang.jargon.term.len()
        );
        assert!(
            lang.acronyms.acronym.len() >= 150,
            "{code}: {} acronyms",
            lang.acronyms.acronym.len()
        );
        assert!(lang.acronyms.whitelist.len() >= 20, "{code}: whitelist");
        for &rule in PHRASE_RULES {
            let n = lang.phrase(rule).map_or(0, |f| f.pattern.len());
            assert!(n >= 30, "{code}/{rule}: {n} patterns");
        }
        assert!(lang.words.stop_words.len() >= 50, "{code}: stop words");
        assert!(
            lang.words.abbreviations.len() >= 20,
            "{code}: abbreviations"
        );
    }
}

#[test]
fn consistency() {
    for lang in data() {
        let code = lang.language.code();
        let mut owner: HashMap<String, String> = HashMap::new();
        for term in &lang.jargon.term {
            assert!(
                !term.suggest.is_empty(),
                "{code}: '{}' has no rewrite",
                term.term
            );
            let mut forms = vec![term.term.clone()];
            for line in &term.forms {
                let (form, _) = tact::ruleset::compile::parse_form(line)
                    .unwrap_or_else(|e| panic!("{code}: {e}"));
                forms.push(form);
            }
            for form in forms {
                let key = form.to_lowercase();
                if let Some(other) = owner.insert(key.clone(), term.term.clone()) {
                    assert_eq!(
                        other, term.term,
                        "{code}: '{key}' belongs to '{other}' and '{}'",
                        term.term
                    );
                }
            }
            for rewrite in &term.suggest {
                assert_ne!(
                    rewrite.to_lowercase(),
                    term.term.to_lowercase(),
                    "{code}: '{}' rewrites to itself",
                    term.term
                );
            }
        }
        for a in &lang.acronyms.acronym {
            assert!(
                !lang.acronyms.whitelist.contains(&a.acronym),
                "{code}: {} is listed and whitelisted",
                a.acronym
            );
        }
        let message = lang
            .jargon
            .message
            .as_deref()
            .expect("jargon has a message");
        assert!(message.contains("{text}"), "{code}: jargon message");
        let message = lang
            .acronyms
            .message
            .as_deref()
            .expect("acronyms have a message");
        assert!(
            message.contains("{text}") && message.contains("{expansion}"),
            "{code}: acronym message"
        );
        let message = lang
            .long_sentence
            .message
            .as_deref()
            .expect("long-sentence has a message");
        assert!(
            message.contains("{words}") && message.contains("{limit}"),
            "{code}: long-sentence message"
        );
        for &rule in PHRASE_RULES {
            let file = lang.phrase(rule).unwrap();
            assert!(file.message.is_some(), "{code}/{rule}: message");
            for p in &file.pattern {
                assert!(
                    !p.suggest.is_empty(),
                    "{code}/{rule}: '{}' has no suggestion",
                    p.pattern
                );
            }
        }
    }
}

/// A user pattern that expands past the limit is refused with its file,
/// line and a reason, rather than compiled for minutes.
#[test]
fn an_exploding_user_pattern_is_refused_clearly() {
    let group = "(a|b|c|d)";
    let pattern = [group; 12].join(" ");
    let layer = ruleset::Layer {
        language: "en".into(),
        file: "vague-commitment.toml".into(),
        origin: "tact-rules/en/vague-commitment.toml".into(),
        text: format!("\n[[pattern]]\nmatch = \"{pattern}\"\n"),
        mode: ruleset::LayerMode::Extend,
    };
    let started = std::time::Instant::now();
    let error = tact::Linter::with_layers(tact::Settings::default(), &[layer]).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("tact-rules/en/vague-commitment.toml"),
        "{message}"
    );
    assert!(message.contains("expands to more than"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}
