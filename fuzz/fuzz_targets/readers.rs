//! Every markup reader on arbitrary text: every block, piece, field,
//! directive, quote and outline span lies in the text on char boundaries;
//! blocks are ordered and do not overlap; each block's pieces are
//! non-empty, ordered, non-overlapping and inside the block's span.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (markup, _) in common::MARKUPS {
        let extract = tact::document::extract(&text, markup);
        common::assert_extract(&text, &extract, markup);
    }
});
