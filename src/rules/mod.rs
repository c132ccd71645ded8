//! The one table of every rule: its id, its scope and its default
//! severity. Each rule's logic lives in its own module; its documentation
//! lives in `rulesets/<lang>/docs/<id>.md` and is shown everywhere from there.

use crate::finding::Severity;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

pub mod acronym;
pub mod document;
pub mod jargon;
pub mod long_sentence;
pub mod phrase;

/// A rule's stable id, as used in config, suppression comments and output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RuleId {
    #[serde(rename = "jargon")]
    Jargon,
    #[serde(rename = "undefined-acronym")]
    UndefinedAcronym,
    #[serde(rename = "flat-refusal")]
    FlatRefusal,
    #[serde(rename = "blame")]
    Blame,
    #[serde(rename = "condescension")]
    Condescension,
    #[serde(rename = "overpromise")]
    Overpromise,
    #[serde(rename = "vague-commitment")]
    VagueCommitment,
    #[serde(rename = "unconfirmed-agreement")]
    UnconfirmedAgreement,
    #[serde(rename = "long-sentence")]
    LongSentence,
    #[serde(rename = "hidden-actor")]
    HiddenActor,
    #[serde(rename = "missing-apology")]
    MissingApology,
    #[serde(rename = "missing-acknowledgement")]
    MissingAcknowledgement,
    #[serde(rename = "tech-heavy")]
    TechHeavy,
    #[serde(rename = "proposal-sections")]
    ProposalSections,
    #[serde(rename = "ticket-sections")]
    TicketSections,
    #[serde(rename = "no-next-step")]
    NoNextStep,
}

/// What a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Words or a phrase inside a sentence.
    Span,
    /// A whole sentence.
    Sentence,
    /// A paragraph.
    Paragraph,
    /// The whole message (reported on its subject, first heading or the
    /// paragraph concerned).
    Document,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Span => "span",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
        }
    }
}

/// A row of the rule table.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub id: RuleId,
    pub scope: Scope,
    pub default_severity: Severity,
}

const fn rule(id: RuleId, scope: Scope, default_severity: Severity) -> RuleInfo {
    RuleInfo {
        id,
        scope,
        default_severity,
    }
}

/// Every rule, in the order tact lists them.
pub const RULES: &[RuleInfo] = &[
    rule(RuleId::Jargon, Scope::Span, Severity::Warning),
    rule(RuleId::UndefinedAcronym, Scope::Span, Severity::Warning),
    rule(RuleId::FlatRefusal, Scope::Span, Severity::Warning),
    rule(RuleId::Blame, Scope::Span, Severity::Warning),
    rule(RuleId::Condescension, Scope::Span, Severity::Warning),
    rule(RuleId::Overpromise, Scope::Span, Severity::Warning),
    rule(RuleId::VagueCommitment, Scope::Span, Severity::Warning),
    rule(RuleId::UnconfirmedAgreement, Scope::Span, Severity::Warning),
    rule(RuleId::LongSentence, Scope::Sentence, Severity::Information),
    rule(RuleId::HiddenActor, Scope::Span, Severity::Information),
    rule(RuleId::MissingApology, Scope::Document, Severity::Warning),
    rule(
        RuleId::MissingAcknowledgement,
        Scope::Document,
        Severity::Warning,
    ),
    rule(RuleId::TechHeavy, Scope::Paragraph, Severity::Information),
    rule(RuleId::ProposalSections, Scope::Document, Severity::Warning),
    rule(RuleId::TicketSections, Scope::Document, Severity::Warning),
    rule(RuleId::NoNextStep, Scope::Document, Severity::Information),
];

/// The rules whose patterns are pure data (`[[pattern]]` files), matched by
/// the shared phrase machinery in [`phrase`].
pub const PHRASE_RULES: &[RuleId] = &[
    RuleId::FlatRefusal,
    RuleId::Blame,
    RuleId::Condescension,
    RuleId::Overpromise,
    RuleId::VagueCommitment,
    RuleId::UnconfirmedAgreement,
    RuleId::HiddenActor,
];

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Jargon => "jargon",
            RuleId::UndefinedAcronym => "undefined-acronym",
            RuleId::FlatRefusal => "flat-refusal",
            RuleId::Blame => "blame",
            RuleId::Condescension => "condescension",
            RuleId::Overpromise => "overpromise",
            RuleId::VagueCommitment => "vague-commitment",
            RuleId::UnconfirmedAgreement => "unconfirmed-agreement",
            RuleId::LongSentence => "long-sentence",
            RuleId::HiddenActor => "hidden-actor",
            RuleId::MissingApology => "missing-apology",
            RuleId::MissingAcknowledgement => "missing-acknowledgement",
            RuleId::TechHeavy => "tech-heavy",
            RuleId::ProposalSections => "proposal-sections",
            RuleId::TicketSections => "ticket-sections",
            RuleId::NoNextStep => "no-next-step",
        }
    }

    pub fn info(self) -> &'static RuleInfo {
        RULES
            .iter()
            .find(|r| r.id == self)
            .expect("every rule id has a row in RULES")
    }

    pub fn all() -> impl Iterator<Item = RuleId> {
        RULES.iter().map(|r| r.id)
    }

    /// The ruleset file this rule reads (`jargon.toml`).
    pub fn file_name(self) -> String {
        format!("{}.toml", self.as_str())
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown rule id, with the closest known one when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    pub given: String,
    pub suggestion: Option<RuleId>,
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule '{}'", self.given)?;
        match self.suggestion {
            Some(id) => write!(f, " (did you mean '{id}'?)"),
            None => write!(f, " (see `tact rules`)"),
        }
    }
}

impl FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        RuleId::all()
            .find(|id| id.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownRule {
                given: wanted.to_string(),
                suggestion: RuleId::all()
                    .map(|id| (edit_distance(id.as_str(), wanted), id))
                    .filter(|&(d, _)| d <= 3)
                    .min_by_key(|&(d, _)| d)
                    .map(|(_, id)| id),
            })
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_typos_get_a_suggestion() {
        for id in RuleId::all() {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        }
        let err = "jargn".parse::<RuleId>().unwrap_err();
        assert_eq!(err.suggestion, Some(RuleId::Jargon));
        assert!(
            "nonsense-rule-xyz"
                .parse::<RuleId>()
                .unwrap_err()
                .suggestion
                .is_none()
        );
    }
}
