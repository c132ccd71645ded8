//! tact's core: it reads a document, finds the wording that makes a client
//! feel unheard, confused or misled, and proposes plain rewrites.
//!
//! The core is pure: text and settings in, findings out. It does no file,
//! network or terminal I/O; the command line and the language server (in the
//! binary) are its fronts.

pub mod document;
pub mod text;
