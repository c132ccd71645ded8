//! `tact check`, `explain` and `rules` as a user runs them: the real binary,
//! real files, exit codes and output.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn tact(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the tact binary runs")
}

fn tact_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn rules_of(file: &serde_json::Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

const MAIL: &[u8] =
    b"Hi Sam,\n\nWe will deploy the new version soon. Can you check it then?\n\nBest,\nAnna\n";
const CLEAN: &[u8] = b"Hi Sam,\n\nThank you for your patience. The new version goes live on Friday 12 June.\n\nBest,\nAnna\n";

#[test]
fn findings_exit_1_and_clean_files_exit_0() {
    let dir = dir_with(&[("mail.md", MAIL), ("clean.md", CLEAN)]);
    let out = tact(&["check", "mail.md"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("mail.md:3:9: warning[jargon]"), "{text}");
    assert!(text.contains("^^^^^^"), "the span is underlined: {text}");
    assert!(text.contains("release"), "suggestions are shown: {text}");

    let out = tact(&["check", "clean.md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("No findings in 1 file."));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = dir_with(&[("mail.md", MAIL)]);
    assert_eq!(
        tact(&["check", "--fail-on", "never", "mail.md"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        tact(&["check", "--fail-on", "error", "mail.md"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        tact(&["check", "--fail-on", "hint", "mail.md"], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        tact(&["check", "--fail-on", "loud", "mail.md"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = dir_with(&[]);
    let out = tact_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "note.md",
            "-",
        ],
        dir.path(),
        "Ok 😀 we deploy soon.\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    assert_eq!(file["path"], "note.md");
    assert_eq!(file["language"], "en");
    assert_eq!(file["kind"], "note");
    let d = &file["diagnostics"][0];
    assert_eq!(d["rule"], "jargon");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["text"], "deploy");
    // Columns count Unicode scalar values: the emoji is one column.
    assert_eq!(d["start"], serde_json::json!({"line": 1, "column": 9}));
    assert_eq!(d["end"], serde_json::json!({"line": 1, "column": 15}));
    assert!(
        d["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "release")
    );
    let keys: Vec<_> = d.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
}

#[test]
fn sarif_and_github_formats() {
    let dir = dir_with(&[("mail.md", MAIL)]);
    let out = tact(&["check", "--format", "sarif", "mail.md"], dir.path());
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "jargon");
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );

    let out = tact(&["check", "--format", "github", "mail.md"], dir.path());
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "::warning file=mail.md,line=3,col=9,endLine=3,endColumn=15,title=tact jargon::"
        ),
        "{text}"
    );
}

#[test]
fn folders_are_walked_with_default_globs_and_gitignore() {
    let dir = dir_with(&[
        ("docs/a.md", MAIL),
        ("docs/b.txt", MAIL),
        ("docs/c.rs", MAIL),
        ("docs/ignored.md", MAIL),
        ("docs/.gitignore", b"ignored.md\n"),
        (
            "COMMIT_EDITMSG",
            b"Deploy the fix\n\n# deploy is in a comment\n",
        ),
    ]);
    let out = tact(&["check", "--format", "json", "."], dir.path());
    let v = json(&out);
    let mut paths: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["COMMIT_EDITMSG", "docs/a.md", "docs/b.txt"]);
}

#[test]
fn config_is_found_upwards_and_applies() {
    let dir = dir_with(&[
        (
            "project/.tact.toml",
            b"glossary = [\"deploy\"]\n[rules]\nvague-commitment = \"off\"\n",
        ),
        ("project/sub/mail.md", MAIL),
        ("other/mail.md", MAIL),
    ]);
    let out = tact(
        &["check", "--format", "json", "project", "other"],
        dir.path(),
    );
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "project/sub/mail.md");
    assert!(rules_of(&files[0]).is_empty(), "{:?}", rules_of(&files[0]));
    assert_eq!(rules_of(&files[1]), ["jargon", "vague-commitment"]);

    // --config overrides discovery for every file.
    let out = tact(
        &[
            "check",
            "--format",
            "json",
            "--config",
            "project/.tact.toml",
            "other",
        ],
        dir.path(),
    );
    assert!(rules_of(&json(&out)["files"][0]).is_empty());
}

#[test]
fn a_broken_config_names_file_line_and_key_and_exits_2() {
    let dir = dir_with(&[
        (
            ".tact.toml",
            b"language = \"en\"\n\n[rules]\njargn = \"off\"\n",
        ),
        ("mail.md", MAIL),
    ]);
    let out = tact(&["check", "mail.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".tact.toml:4: `rules.jargn`: unknown rule 'jargn' (did you mean 'jargon'?)"),
        "{err}"
    );

    let dir = dir_with(&[(".tact.toml", b"language = [\n"), ("mail.md", MAIL)]);
    let out = tact(&["check", "mail.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".tact.toml:"), "{}", stderr(&out));
}

#[test]
fn project_rulesets_layer_on_the_defaults() {
    let dir = dir_with(&[
        (
            ".tact.toml",
            b"[rulesets]\nextend = [\"rules\"]\nremove = { jargon = [\"deploy\"] }\n",
        ),
        (
            "rules/en/jargon.toml",
            b"[[term]]\nterm = \"widgetize\"\nsuggest = [\"turn into a widget\"]\n",
        ),
        ("mail.md", b"We will widgetize it and deploy it.\n"),
    ]);
    let out = tact(&["check", "--format", "json", "mail.md"], dir.path());
    let v = json(&out);
    let d = &v["files"][0]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["text"], "widgetize");

    let dir = dir_with(&[
        (".tact.toml", b"[rulesets]\nextend = [\"rules\"]\n"),
        (
            "rules/en/blame.toml",
            b"[[pattern]]\nmatch = \"(unclosed\"\n",
        ),
        ("mail.md", MAIL),
    ]);
    let out = tact(&["check", "mail.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blame.toml"), "{}", stderr(&out));
}

#[test]
fn bad_input_gets_a_clear_message_and_other_files_are_still_checked() {
    let long_sentence = "word ".repeat(100_000);
    let dir = dir_with(&[
        ("binary.md", b"\x00\x01\x02deploy"),
        ("latin1.txt", b"caf\xe9 deploy"),
        ("empty.md", b""),
        ("good.md", MAIL),
        ("long.txt", long_sentence.as_bytes()),
    ]);
    let out = tact(
        &[
            "check",
            "--format",
            "json",
            "binary.md",
            "latin1.txt",
            "empty.md",
            "good.md",
            "long.txt",
            "missing.md",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "errors win over findings");
    let err = stderr(&out);
    assert!(err.contains("binary.md: a binary file"), "{err}");
    assert!(
        err.contains("latin1.txt: not valid UTF-8 (first bad byte at offset 3)"),
        "{err}"
    );
    assert!(err.contains("missing.md: no such file or folder"), "{err}");
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "empty, good and long were checked");
    assert!(rules_of(&files[0]).is_empty());
    assert_eq!(rules_of(&files[1])[0], "jargon");
    assert_eq!(rules_of(&files[2]), ["long-sentence"]);
}

#[test]
fn a_twenty_megabyte_file_is_checked() {
    let paragraph = "We will deploy the fix soon, and the report follows on Friday. ".repeat(16);
    let mut big = String::new();
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(&paragraph);
        big.push_str("\n\n");
    }
    let dir = dir_with(&[("big.md", big.as_bytes())]);
    let out = tact(&["check", "--format", "json", "big.md"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        !json(&out)["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn explain_and_rules_show_the_docs() {
    let dir = dir_with(&[]);
    let out = tact(&["explain", "jargon"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# jargon"), "{text}");
    assert!(text.contains("## Why it matters"), "{text}");

    let out = tact(&["explain", "jargon", "--language", "nl"], dir.path());
    assert!(stdout(&out).contains("## Waarom het ertoe doet"));

    let out = tact(&["explain", "jargn"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean 'jargon'"));

    let out = tact(&["rules", "--json"], dir.path());
    let v = json(&out);
    let ids: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"hidden-actor") && ids.len() >= 10, "{ids:?}");
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|r| !r["summary"].as_str().unwrap().is_empty())
    );
}

#[test]
fn version_and_usage_errors() {
    let dir = dir_with(&[]);
    let out = tact(&["--version"], dir.path());
    assert!(stdout(&out).starts_with("tact "));
    assert_eq!(
        tact(&["check", "--format", "xml"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(tact(&["frobnicate"], dir.path()).status.code(), Some(2));
}

#[test]
fn kinds_and_language_come_from_config_and_front_matter() {
    let dir = dir_with(&[
        (".tact.toml", b"language = \"nl\"\n[kinds]\nproposal = [\"offers/**\"]\n"),
        ("offers/garden.md", b"We will deploy the new version soon.\n"),
        ("notes/a.md", b"---\ntact-language: en\ntact-kind: ticket\n---\nWe will deploy the new version soon.\n"),
        ("mail.eml", b"Subject: hi\n\nWe will deploy the new version soon.\n"),
    ]);
    let out = tact(
        &["check", "--format", "json", "offers", "notes", "mail.eml"],
        dir.path(),
    );
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = files
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["language"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("offers/garden.md".into(), "nl".into(), "proposal".into()),
            ("notes/a.md".into(), "en".into(), "ticket".into()),
            ("mail.eml".into(), "nl".into(), "mail".into()),
        ]
    );
}

#[test]
fn stats_are_reported_on_request() {
    let dir = dir_with(&[("mail.md", MAIL)]);
    let v = json(&tact(&["check", "--format", "json", "mail.md"], dir.path()));
    assert!(
        v["files"][0].get("stats").is_none(),
        "no stats unless asked"
    );

    let v = json(&tact(
        &["check", "--stats", "--format", "json", "mail.md"],
        dir.path(),
    ));
    let stats = &v["files"][0]["stats"];
    // "Hi Sam," / "We will deploy the new version soon." / "Can you check
    // it then?" / "Best, Anna"
    assert_eq!(stats["words"], 16);
    assert_eq!(stats["sentences"], 4);
    assert_eq!(stats["reading_ease"]["name"], "Flesch reading ease");
    assert!(stats["reading_ease"]["score"].as_f64().unwrap() > 0.0);
    // One jargon word in sixteen.
    assert_eq!(stats["jargon_per_100_words"], 6.3);

    let out = tact(&["check", "--stats", "mail.md"], dir.path());
    assert!(
        stdout(&out).contains("mail.md: en mail · 16 words in 4 sentences"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fix_rewrites_only_safe_fixes_keeps_the_rest_byte_for_byte_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let original: &[u8] = b"\xEF\xBB\xBFHi Anna,\r\n\r\n<!-- keep this comment -->\r\nWe deployed the fix and we will deploy it soon.\r\n\r\nBest,\r\nJeroen\r\n";
    let path = dir.path().join("mail.md");
    std::fs::write(&path, original).unwrap();
    // Without --fix nothing is written.
    tact(&["check", "mail.md"], dir.path());
    assert_eq!(std::fs::read(&path).unwrap(), original);

    let out = tact(
        &["check", "--fix", "--format", "json", "mail.md"],
        dir.path(),
    );
    let fixed = std::fs::read(&path).unwrap();
    let expected = String::from_utf8(original.to_vec()).unwrap().replace(
        "We deployed the fix and we will deploy it",
        "We released the fix and we will release it",
    );
    assert_eq!(String::from_utf8(fixed.clone()).unwrap(), expected);
    // What is left is reported: the vague "soon" has no safe fix.
    let rules: Vec<String> = json(&out)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(rules.contains(&"vague-commitment".to_string()), "{rules:?}");
    assert!(!rules.contains(&"jargon".to_string()), "{rules:?}");
    // Idempotent.
    tact(&["check", "--fix", "mail.md"], dir.path());
    assert_eq!(std::fs::read(&path).unwrap(), fixed);
    // Stdin cannot be fixed.
    let o = tact(&["check", "--fix", "-"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot fix stdin"), "{}", stderr(&o));
}

#[test]
fn init_writes_a_valid_config_once_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let o = tact(&["init"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join(".tact.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("# glossary = "), "{written}");
    // It is used, and changes nothing.
    std::fs::write(dir.path().join("a.md"), "We deployed it on Monday.\n").unwrap();
    let o = tact(&["check", "--format", "json", "a.md"], dir.path());
    assert_eq!(json(&o)["files"][0]["diagnostics"][0]["rule"], "jargon");
    // A second init, or one over a user's file, writes nothing.
    std::fs::write(&path, "glossary = [\"deploy\"] # ours\n").unwrap();
    let o = tact(&["init"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "glossary = [\"deploy\"] # ours\n"
    );
}

#[test]
fn files_over_the_size_limit_are_skipped_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.md"), "We deployed it. ".repeat(100)).unwrap();
    let o = tact(&["check", "--max-size", "1000", "big.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("over the limit of 1000"),
        "{}",
        stderr(&o)
    );
    let o = tact_stdin(
        &["check", "--max-size", "10", "-"],
        dir.path(),
        b"We deployed it on Monday.",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over the limit"), "{}", stderr(&o));
}

#[test]
fn a_long_line_is_shown_as_a_window_around_each_finding() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        "{} we deployed it {}\n",
        "word ".repeat(40_000),
        "more ".repeat(40_000)
    );
    std::fs::write(dir.path().join("long.md"), &line).unwrap();
    let o = tact(&["check", "long.md"], dir.path());
    let out = stdout(&o);
    assert!(out.len() < 5_000, "{} bytes of output", out.len());
    // The window around the jargon is marked as cut on both sides, and the
    // carets still point at the word.
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("we deployed it"))
        .unwrap();
    let (shown, carets) = (lines[i], lines[i + 1]);
    assert!(
        shown.starts_with("1 | …") && shown.ends_with('…'),
        "{shown}"
    );
    let at = shown[..shown.find("deployed").unwrap()].chars().count();
    assert_eq!(carets.find('^'), Some(at), "{shown}\n{carets}");
}

#[test]
fn a_config_above_the_current_folder_applies_to_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".tact.toml"), "[rules]\njargon = \"off\"\n").unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir_all(sub.join("docs")).unwrap();
    std::fs::write(sub.join("docs/a.md"), "We deployed it on Monday.\n").unwrap();
    for args in [&["check", "docs/a.md"][..], &["check", "docs"], &["check"]] {
        let o = tact(args, &sub);
        assert!(o.status.success(), "{args:?}: {}", stdout(&o));
    }
}
