//! What kind of message a document is. The kind decides which
//! document-level rules apply; it comes from a `tact-kind` field, the
//! project's globs, the editor's language id, or the file name.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Mail,
    Proposal,
    Ticket,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Mail, Kind::Proposal, Kind::Ticket, Kind::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mail => "mail",
            Kind::Proposal => "proposal",
            Kind::Ticket => "ticket",
            Kind::Note => "note",
        }
    }

    /// The kind a file name suggests (`*.eml`, `proposal*`, `offerte*`,
    /// `ticket*`, `issue*`, `bug*`, `melding*`).
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_lowercase();
        if lower.ends_with(".eml") {
            return Some(Kind::Mail);
        }
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
        if starts(&["proposal", "offerte"]) {
            Some(Kind::Proposal)
        } else if starts(&["ticket", "issue", "bug", "melding"]) {
            Some(Kind::Ticket)
        } else {
            None
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown kind '{s}' (expected mail, proposal, ticket or note)"))
    }
}
