//! Throughput of the core (read, segment, every rule) on the shared
//! benchmark corpus, one core, full default English ruleset. The target is
//! at least 50 MB/s on `book-1m.md`; figures go to BENCHMARKS.md.
//!
//! The corpus is looked up in `$TACT_CORPUS`, else `../shared/corpus/`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use tact::{Linter, Settings, Source};

fn corpus_dir() -> PathBuf {
    std::env::var_os("TACT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn bench(c: &mut Criterion) {
    let linter = Linter::new(Settings::default()).expect("default rulesets compile");
    let mut group = c.benchmark_group("lint");
    for name in ["book-10k.md", "book-100k.md", "book-1m.md"] {
        let path = corpus_dir().join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping {}: not found (set TACT_CORPUS)", path.display());
            continue;
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 500_000 {
            group.sample_size(20);
        }
        group.bench_function(name, |b| {
            b.iter(|| linter.lint(black_box(&Source::new(&text).with_path(name))))
        });
    }
    group.finish();

    // A keystroke: one character typed into a paragraph in the middle of
    // the book, re-checked from the previous version's analysis. The work
    // should follow the paragraph, not the book.
    for name in ["book-10k.md", "book-1m.md"] {
        let Ok(text) = std::fs::read_to_string(corpus_dir().join(name)) else {
            continue;
        };
        let at = paragraph_middle(&text);
        let mut typed = text.clone();
        typed.insert(at, 'x');
        let source = Source::new(&typed).with_path(name);
        c.bench_function(&format!("keystroke {name}"), |b| {
            b.iter_batched(
                || linter.analyse(&Source::new(&text).with_path(name), None),
                |previous| {
                    let next = linter.analyse(black_box(&source), Some((&text, previous)));
                    assert!(next.partial);
                    next
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }

    c.bench_function("compile default rulesets", |b| {
        b.iter(|| Linter::new(Settings::default()).unwrap())
    });
}

/// A byte offset inside a prose line near the middle of `text`.
fn paragraph_middle(text: &str) -> usize {
    let mut at = text.len() / 2;
    loop {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        if line.len() > 60 && line.starts_with(|c: char| c.is_alphabetic()) {
            return line_start + 20;
        }
        at = line_start + line.len() + 1;
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
