//! tact's core: it reads a document, finds the wording that makes a client
//! feel unheard, confused or misled, and proposes plain rewrites.
//!
//! The core is pure: text and settings in, findings out. It does no file,
//! network or terminal I/O; the command line and the language server (in
//! the binary) are its fronts.
//!
//! ```
//! use tact::{Linter, Settings, Source};
//!
//! let linter = Linter::new(Settings::default()).unwrap();
//! let report = linter.lint(&Source::new("We will deploy the fix soon.").with_path("mail.md"));
//! let rules: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
//! assert_eq!(rules, ["jargon", "vague-commitment"]);
//! ```

pub mod document;
pub mod finding;
pub mod linter;
pub mod reuse;
pub mod rules;
pub mod ruleset;
pub mod settings;
pub mod stats;
pub mod text;

pub use document::{Document, Kind, Language, Markup};
pub use finding::{Edit, Finding, Severity, Suggestion};
pub use linter::{Linter, Report, Source};
pub use reuse::Analysis;
pub use rules::RuleId;
pub use settings::{Settings, SettingsError};
pub use stats::Stats;
pub use text::{Encoding, LineIndex, Position, Span};
