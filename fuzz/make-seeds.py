#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ (committed; run again
after changing this script). The binary inputs of reuse, lsp_documents and
rulesets follow the formats their targets' doc comments describe."""

import pathlib
import re
import shutil
import struct

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
SEEDS = FUZZ / "seeds"
SEP = b"\xff\xff"


def write(target, name, data):
    path = SEEDS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


# --- readers and lint: documents in every markup ---------------------------

DOCUMENTS = {
    "client-mail.md": (ROOT / "examples/client-mail.md").read_bytes(),
    "offerte.md": (ROOT / "examples/offerte.md").read_bytes(),
    "reply.eml": (ROOT / "examples/reply.eml").read_bytes(),
    "ticket.txt": (ROOT / "examples/ticket.txt").read_bytes(),
    "outage-tuesday.eml": (
        ROOT / "tests/fixtures/en/missing-apology/flagged/outage-tuesday.eml"
    ).read_bytes(),
    "acronyms.md": (ROOT / "tests/fixtures/en/undefined-acronym/flagged.md").read_bytes(),
    "commit.txt": b"Deploy the SSO fix to staging ASAP\n\n"
    b"Obviously the cache was simply wrong; we'll look into it soon.\n\n"
    b"Signed-off-by: Bob <bob@example.org>\n"
    b"# Please enter the commit message for your changes.\n"
    b"# ------------------------ >8 ------------------------\n"
    b"diff --git a/x b/x\n",
    "constructs.md": b"---\ntitle: Update\ntact-kind: mail\ntact-language: en\n---\n"
    b"# Heading about the deploy\n\nSetext\n===\n\n"
    b"<!-- tact-disable-next-line jargon -->\nWe deploy on Tuesdays.\n\n"
    b"- a list item about the `API`\n- [x] task with the SSO\n  1. nested **bold SLA**\n\n"
    b"```\nlet cache = deploy();\n```\n\n    indented code\n\n"
    b"<div>\nhtml block\n</div>\n\n> quoted backend text\n\n"
    b"| a | b |\n|---|---|\n| API | cache |\n\n"
    b"See [the docs][link], https://example.org/deploy and ![alt](x.png)[^1].\r\n\r\n"
    b"[link]: https://example.org\n[^1]: A footnote about the cache.\n"
    b"caf&eacute; a\\*b <span>inline</span> \xf0\x9f\x98\x80 e\xcc\x81 \xe6\xbc\xa2\xe5\xad\x97\r",
    "headers.txt": b"From: Anna <anna@example.org>\nSubject: Re: the portal\n"
    b"X-Tact-Kind: mail\n\nHi Anna,\n\nOn Mon, 3 Mar 2025, Bob wrote:\n> It's broken.\n\n"
    b"tact-disable jargon\nWe deployed it.\ntact-enable\n\n-- \nBob\n",
    "dutch.md": b"Beste Anna,\n\nWij hebben de backend gedeployed; dat is simpelweg niet mogelijk.\n\n"
    b"Met vriendelijke groet,\nBob\n",
}

for target in ("readers", "lint"):
    for name, data in DOCUMENTS.items():
        write(target, name, data)

# --- reuse: Markdown + edit script -------------------------------------------


def edit(at_fraction, delete, insert):
    """An edit record; insert is a PIECES index or literal bytes."""
    at = min(int(at_fraction * 65536), 65535)
    if isinstance(insert, int):
        return struct.pack(">HBB", at, delete, insert)
    return struct.pack(">HBB", at, delete, 0x80 + len(insert)) + insert


REUSE = {
    "paragraphs": (
        b"# Project update\n\nWe deployed the new booking page on Monday.\n\n"
        b"Thank you for your patience with the migration.\n\n"
        b"- a list item about the deploy\n- another about the SSO\n\n"
        b"```\nlet cache = deploy();\n```\n\nThe API returns a 500 error.\n",
        [edit(0.5, 0, 1), edit(0.3, 4, b"very "), edit(0.9, 0, 6)],
    ),
    "fences": (
        b"Intro paragraph.\n\n```\ncode\n```\n\nAfter the fence we deploy.\n\n~~~\nmore\n~~~\n",
        [edit(0.2, 0, 11), edit(0.6, 3, 0), edit(0.7, 0, 12)],
    ),
    "lists": (
        b"- one\n- two\n\n  continued\n\n1. first\n2. second\n\nParagraph after.\n",
        [edit(0.1, 0, 8), edit(0.5, 1, 6), edit(0.95, 0, 9)],
    ),
    "comments": (
        b"<!-- tact-disable jargon -->\nWe deploy.\n\n<!--\nopen comment\n\nStill comment -->\n\nProse.\n",
        [edit(0.4, 0, 16), edit(0.8, 0, 17), edit(0.1, 10, 0)],
    ),
    "references": (
        b"See [link] and [text][link].\n\n[link]: https://example.org\n\nMore [^1].\n\n[^1]: Note.\n",
        [edit(0.0, 0, 20), edit(0.6, 0, 21), edit(0.5, 5, 23)],
    ),
    "front-matter": (
        b"---\ntitle: Update\ntact-language: nl\n---\n\nWij hebben de backend gedeployed.\n\n---\n\nEnd.\n",
        [edit(0.1, 3, 0), edit(0.9, 0, 25), edit(0.0, 0, 26)],
    ),
    "html-table": (
        b"<div>\nblock\n</div>\n\n| a | b |\n|---|---|\n| API | cache |\n\n> quoted\n\nText.\n",
        [edit(0.05, 0, 19), edit(0.5, 2, 30), edit(0.7, 0, 31)],
    ),
    "crlf": (
        b"Line one.\r\n\r\nSetext\r\n===\r\n\r\n- item\r\n",
        [edit(0.3, 1, 7), edit(0.5, 0, 29), edit(0.99, 0, b"\r\n\r\nNew paragraph.")],
    ),
}
for name, (text, edits) in REUSE.items():
    write("reuse", name, text + SEP + b"".join(edits))

# --- lsp_documents: text + encoding + operations --------------------------


def in_range(at_fraction, length, insert, backwards=False):
    at = min(int(at_fraction * 65536), 65535)
    return bytes([1 if backwards else 0]) + struct.pack(">HB", at, length) + bytes([insert])


def raw(*changes):
    """Op 2 with one to three changes of (l1, c1, l2, c2, insert)."""
    out = bytes([2 + 5 * (len(changes) - 1)])
    for l1, c1, l2, c2, insert in changes:
        out += bytes([l1, c1, l2, c2, insert])
    return out


LSP = {
    "utf16-edits": (
        "Hi Anna,\r\n\r\nWe deploy 😀 on 漢字 e\u0301 days.\nAPI. ".encode(),
        1,
        [in_range(0.5, 3, 3), in_range(0.2, 0, 4, True), in_range(0.9, 5, 1), raw((0, 99, 7, 3, 2))],
    ),
    "utf8-clamps": (
        "😀x\r\nsecond\rthird\n".encode(),
        0,
        [raw((0, 2, 0, 5, 1)), raw((1, 0xF0, 0xF0, 0, 5), (0, 1, 0, 1, 6)), in_range(0.0, 4, 0)],
    ),
    "utf32-full": (
        "ab\ncd".encode(),
        2,
        [bytes([3, 8]), in_range(0.4, 2, 9), bytes([4, 1]), raw((0, 99, 7, 3, 1), (2, 0, 0, 0, 12))],
    ),
    "empty": (b"", 1, [in_range(0.0, 0, 4), in_range(0.5, 0, 5), raw((3, 0, 1, 0xF4, 13))]),
}
for name, (text, encoding, ops) in LSP.items():
    write("lsp_documents", name, text + SEP + bytes([encoding]) + b"".join(ops))

# --- config: .tact.toml files ------------------------------------------------

CONFIGS = {
    "full.toml": """language = "nl"
glossary = ["deploy", "SSO"]

[rules]
jargon = "information"
blame = "off"
hidden-actor = false
long-sentence = { severity = "warning", max-words = 25 }
tech-heavy = { max-per-100-words = 8.5, enabled = true }

[kinds]
proposal = ["proposals/**", "offerte-*.md"]
mail = ["outbox/**", "/abs/{a,b}/*.eml"]

[rulesets]
extend = ["tact-rules"]
replace = []
remove = { jargon = ["cache"], condescension = ["simply"] }
""",
    "small.toml": 'glossary = ["deploy"]\n[rules]\nvague-commitment = "off"\n',
    "broken.toml": 'language = "en"\n\n[rules]\njargn = "off"\n',
    "unclosed.toml": "language = [\n",
    "dotted.toml": 'rules.jargon.severity = "hint"\n"rules"."long-sentence" = { max-words = 1000 }\n'
    'kinds.ticket = ["**/bug-[0-9]*.md"]\nlanguage = "auto"\n',
}
for name, text in CONFIGS.items():
    write("config", name, text)

# --- rulesets: selector byte + the start of a default file ---------------


def rule_files():
    # The order of tact::RuleId::all() (src/rules/mod.rs's RULES table).
    table = (ROOT / "src/rules/mod.rs").read_text()
    ids = re.findall(r"\brule\(\s*RuleId::(\w+)", table)
    kebab = [re.sub(r"(?<!^)([A-Z])", r"-\1", i).lower() for i in ids]
    return ["language.toml", "kinds.toml"] + [f"{k}.toml" for k in kebab]


FILES = rule_files()


def excerpt(language, name, entries):
    """The file's text up to its `entries`+1-th `[[` table."""
    text = (ROOT / "rulesets" / language / name).read_text()
    starts = [m.start() for m in re.finditer(r"^\[\[", text, re.M)]
    end = starts[entries] if len(starts) > entries else len(text)
    return text[:end]


for language, picks in {
    "en": [
        ("jargon.toml", 3),
        ("vague-commitment.toml", 3),
        ("language.toml", 0),
        ("undefined-acronym.toml", 3),
        ("long-sentence.toml", 0),
        ("no-next-step.toml", 2),
        ("kinds.toml", 0),
    ],
    "nl": [("jargon.toml", 3), ("flat-refusal.toml", 3)],
}.items():
    for name, entries in picks:
        selector = FILES.index(name) + (len(FILES) if language == "nl" else 0)
        write("rulesets", f"{language}-{name}", bytes([selector]) + excerpt(language, name, entries).encode())
write(
    "rulesets",
    "en-patterns.toml",
    bytes([FILES.index("blame.toml")])
    + b'[[pattern]]\nmatch = "(you|your team) ...3 (forgot|failed) (to)?"\n'
    b'suggest = ["{text} by \xe2\x80\xa6", ""]\nunless-before = ["if"]\nunless-after = ["(a|b c)?"]\n'
    b'\n[[pattern]]\nmatch = "(a|b) (c|d)? ...9 e"\nmessage = "m"\n',
)
write(
    "rulesets",
    "en-replace-jargon.toml",
    bytes([FILES.index("jargon.toml") + 2 * len(FILES)])
    + b'message = "x"\n[[term]]\nterm = "rolling back"\nsuggest = ["undoing"]\n'
    b'forms = ["rolled back = undone | reversed"]\nsplit = ["(rol|rolt) ...8 uit"]\n',
)

print("seeds written to", SEEDS)
for target in sorted(p.name for p in SEEDS.iterdir()):
    print(f"  {target}: {len(list((SEEDS / target).iterdir()))}")
