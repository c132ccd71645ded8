//! `tact lsp` over real stdio: the binary is started and spoken to in
//! JSON-RPC, as an editor would.

mod common;

use common::lsp::{Lsp, apply_edit, apply_edits, file_uri, offset};
use serde_json::{Value, json};
use std::path::Path;

const MAIL: &str = "Hi Sam,\n\nWe will deploy the new version on Friday. Could you check it then?\n\nBest,\nAnna\n";

fn push_client() -> Value {
    json!({"workspace": {"workspaceEdit": {"documentChanges": true}, "configuration": true}})
}

fn started(dir: &Path) -> Lsp {
    let mut lsp = Lsp::start(dir);
    lsp.initialize(dir, push_client(), Value::Null);
    lsp
}

fn uri(dir: &Path, name: &str) -> String {
    format!("{}/{name}", file_uri(dir))
}

fn rules(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn code_actions(lsp: &mut Lsp, uri: &str, diagnostics: &[Value], only: Option<&str>) -> Vec<Value> {
    let range = diagnostics.first().map(|d| d["range"].clone()).unwrap_or(
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
    );
    let mut context = json!({"diagnostics": diagnostics});
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
    )
    .as_array()
    .cloned()
    .unwrap_or_default()
}

/// The edits of an action's workspace edit for `uri`, checking the version.
fn edits_of(action: &Value, version: i64) -> Vec<Value> {
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"]["version"],
        json!(version),
        "{action}"
    );
    change["edits"].as_array().cloned().unwrap()
}

#[test]
fn each_position_encoding_is_negotiated_and_used() {
    let dir = tempfile::tempdir().unwrap();
    // "😀" is 4 UTF-8 bytes, 2 UTF-16 units, 1 scalar: "deploy" starts at
    // column 9, 7 or 6 depending on the encoding.
    let text = "Hi 😀, deploy it.\n";
    for (offered, expected, column) in [
        (json!(["utf-8", "utf-16"]), "utf-8", 9),
        (json!(["utf-32", "utf-16"]), "utf-32", 6),
        (json!(["utf-16"]), "utf-16", 7),
        (Value::Null, "utf-16", 7),
    ] {
        let mut lsp = Lsp::start(dir.path());
        let mut caps = push_client();
        if !offered.is_null() {
            caps["general"] = json!({"positionEncodings": offered});
        }
        let init = lsp.initialize(dir.path(), caps, Value::Null);
        assert_eq!(init["capabilities"]["positionEncoding"], expected);
        let u = uri(dir.path(), "enc.md");
        lsp.open(&u, "markdown", 1, text);
        let d = lsp.diagnostics(&u, Some(1));
        let jargon = d.iter().find(|d| d["code"] == "jargon").expect("jargon");
        assert_eq!(jargon["range"]["start"]["character"], column, "{expected}");
        // An edit in the same encoding lands on the same word.
        let end = column + 6;
        lsp.change(
            &u,
            2,
            json!([{"range": {"start": {"line": 0, "character": column}, "end": {"line": 0, "character": end}}, "text": "release"}]),
        );
        let d = lsp.diagnostics(&u, Some(2));
        assert!(
            !rules(&d).contains(&"jargon".to_string()),
            "{expected}: {d:?}"
        );
        assert_eq!(lsp.stop(), Some(0));
    }
}

#[test]
fn diagnostics_follow_incremental_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    let d = lsp.diagnostics(&u, Some(1));
    assert_eq!(rules(&d), ["jargon"]);
    let first = &d[0];
    assert_eq!(first["source"], "tact");
    assert_eq!(first["range"]["start"], json!({"line": 2, "character": 8}));
    assert_eq!(first["data"]["version"], 1);
    assert!(first["message"].as_str().unwrap().contains("deploy"));

    // Two lines inserted above: the finding moves down with its text.
    lsp.change(
        &u,
        2,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "Thanks for the list.\n\n"}]),
    );
    let d = lsp.diagnostics(&u, Some(2));
    assert_eq!(d[0]["range"]["start"], json!({"line": 4, "character": 8}));

    // Fixed: the diagnostic is gone.
    lsp.change(
        &u,
        3,
        json!([{"range": {"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 14}}, "text": "release"}]),
    );
    assert!(lsp.diagnostics(&u, Some(3)).is_empty());

    // Full sync is accepted too.
    lsp.change(&u, 4, json!([{"text": MAIL}]));
    assert_eq!(rules(&lsp.diagnostics(&u, Some(4))), ["jargon"]);

    // Closing clears them.
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert!(lsp.diagnostics(&u, None).is_empty());
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn quick_fix_disable_and_fix_all_change_the_text_as_promised() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    let text = "Hi Sam,\n\nWe will deploy it on Friday, then deploy the app on Monday. Could you check it?\n\nBest,\nAnna\n";
    lsp.open(&u, "markdown", 1, text);
    let d = lsp.diagnostics(&u, Some(1));
    assert_eq!(rules(&d), ["jargon", "jargon"]);

    let actions = code_actions(&mut lsp, &u, &d[..1], None);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "release",
            "put live",
            "Ignore 'deploy' in this workspace",
            "Disable jargon in this file",
            "Apply every safe tact fix",
        ]
    );
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[1]["isPreferred"], false);
    assert_eq!(actions[0]["kind"], "quickfix");

    let fixed = apply_edits(text, &edits_of(&actions[0], 1));
    assert_eq!(fixed, text.replacen("deploy", "release", 1));

    let disabled = apply_edits(text, &edits_of(&actions[3], 1));
    assert_eq!(disabled, format!("<!-- tact-disable jargon -->\n\n{text}"));
    lsp.change(&u, 2, json!([{"text": disabled}]));
    assert!(lsp.diagnostics(&u, Some(2)).is_empty(), "the comment works");

    lsp.change(&u, 3, json!([{"text": text}]));
    lsp.diagnostics(&u, Some(3));
    let all = code_actions(&mut lsp, &u, &[], Some("source.fixAll.tact"));
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.tact");
    let everything = apply_edits(text, &edits_of(&all[0], 3));
    assert_eq!(everything, text.replace("deploy", "release"));
    // A request for source actions only gets no quick fixes.
    let only_source = code_actions(&mut lsp, &u, &d, Some("source"));
    assert!(
        only_source
            .iter()
            .all(|a| a["kind"] == "source.fixAll.tact")
    );
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn section_stubs_go_to_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "ticket-login.md");
    let text = "# Login fails after the update\n\n## Steps to reproduce\n\n1. Open the login page.\n2. Log in with a capital letter in the address.\n";
    lsp.open(&u, "markdown", 1, text);
    let d = lsp.diagnostics(&u, Some(1));
    let ticket: Vec<Value> = d
        .iter()
        .filter(|d| d["code"] == "ticket-sections")
        .cloned()
        .collect();
    assert_eq!(ticket.len(), 1, "{d:?}");
    assert_eq!(ticket[0]["range"]["start"]["line"], 0, "shown on the title");
    let actions = code_actions(&mut lsp, &u, &ticket, None);
    let stub = &actions[0];
    assert!(stub["title"].as_str().unwrap().starts_with("+ "), "{stub}");
    let with_stubs = apply_edits(text, &edits_of(stub, 1));
    for heading in [
        "## Problem and impact",
        "## Expected and actual result",
        "## Next step",
    ] {
        assert!(with_stubs.contains(heading), "{with_stubs}");
    }
    lsp.change(&u, 2, json!([{"text": with_stubs}]));
    let d = lsp.diagnostics(&u, Some(2));
    assert!(!rules(&d).contains(&"ticket-sections".to_string()), "{d:?}");
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn ignoring_a_term_keeps_the_config_byte_for_byte_and_relints() {
    let dir = tempfile::tempdir().unwrap();
    let config = "# Wording we agreed with Harbour & Co.\nlanguage = \"en\"   # always English\n\nglossary = [\n  \"SSO\", # they use it themselves\n]\n\n[rules]\n# long mails are fine for this client\nlong-sentence = { max-words = 40 }\n";
    std::fs::write(dir.path().join(".tact.toml"), config).unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    let d = lsp.diagnostics(&u, Some(1));
    let actions = code_actions(&mut lsp, &u, &d, None);
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore 'deploy' in this workspace")
        .expect("ignore action");
    let command = &ignore["command"];
    lsp.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let written = std::fs::read_to_string(dir.path().join(".tact.toml")).unwrap();
    assert_eq!(
        written,
        config.replace(
            "  \"SSO\", # they use it themselves\n",
            "  \"SSO\", # they use it themselves\n  \"deploy\",\n"
        )
    );
    assert!(
        lsp.diagnostics(&u, Some(1)).is_empty(),
        "re-linted without it"
    );

    // Without a config file, one is created in the workspace folder.
    let fresh = tempfile::tempdir().unwrap();
    let mut lsp2 = started(fresh.path());
    let u2 = uri(fresh.path(), "mail.md");
    lsp2.open(&u2, "markdown", 1, MAIL);
    lsp2.diagnostics(&u2, Some(1));
    lsp2.request(
        "workspace/executeCommand",
        json!({"command": "tact.ignoreTerm", "arguments": [u2, "deploy"]}),
    );
    assert_eq!(
        std::fs::read_to_string(fresh.path().join(".tact.toml")).unwrap(),
        "glossary = [\"deploy\"]\n"
    );
    assert_eq!(lsp.stop(), Some(0));
    assert_eq!(lsp2.stop(), Some(0));
}

#[test]
fn hover_shows_the_rule_docs_and_the_first_line_shows_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    lsp.diagnostics(&u, Some(1));
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 10}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(value.contains("# jargon"), "{value}");
    assert!(value.contains("Why it matters"), "{value}");
    let first = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 1}}),
    );
    let value = first["contents"]["value"].as_str().unwrap();
    assert!(value.contains("en mail"), "{value}");
    assert!(value.contains("Flesch reading ease"), "{value}");
    let nothing = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 4, "character": 1}}),
    );
    assert!(nothing.is_null());
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn explain_and_document_info_commands_answer_for_editors() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    lsp.diagnostics(&u, Some(1));
    let command = |name: &str, argument: Value| json!({"command": name, "arguments": [argument]});
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}});
    let explained = lsp.request(
        "workspace/executeCommand",
        command("tact.explain", at(2, 10)),
    );
    let markdown = explained["markdown"].as_str().unwrap();
    assert!(markdown.contains("# jargon"), "{markdown}");
    assert!(
        !markdown.contains("Flesch"),
        "explain is no hover: {markdown}"
    );
    let nothing = lsp.request(
        "workspace/executeCommand",
        command("tact.explain", at(4, 1)),
    );
    assert!(nothing.is_null(), "{nothing}");
    let by_id = lsp.request(
        "workspace/executeCommand",
        command("tact.explain", json!({"rule": "jargon", "language": "nl"})),
    );
    assert!(
        by_id["markdown"].as_str().unwrap().contains("Waarom"),
        "{by_id}"
    );
    let unknown = lsp.request_raw(
        "workspace/executeCommand",
        command("tact.explain", json!({"rule": "jargn"})),
    );
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    let info = lsp.request(
        "workspace/executeCommand",
        command("tact.documentInfo", json!({"uri": u})),
    );
    assert_eq!(info["language"], "en", "{info}");
    assert_eq!(info["kind"], "mail", "{info}");
    assert!(info["findings"].as_u64().unwrap() > 0, "{info}");
    let closed = lsp.request(
        "workspace/executeCommand",
        command("tact.documentInfo", json!(uri(dir.path(), "other.md"))),
    );
    assert!(closed.is_null(), "{closed}");
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn settings_from_the_editor_apply_and_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    lsp.initialize(
        dir.path(),
        push_client(),
        json!({"tact": {"rules": {"jargon": "hint"}, "docs-url": "https://tact.example/rules"}}),
    );
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    let d = lsp.diagnostics(&u, Some(1));
    assert_eq!(d[0]["severity"], 4, "hint");
    assert_eq!(
        d[0]["codeDescription"]["href"],
        "https://tact.example/rules#jargon"
    );

    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tact": {"rules": {"jargon": "off"}}}}),
    );
    assert!(lsp.diagnostics(&u, Some(1)).is_empty());

    // A .tact.toml wins over the editor.
    std::fs::write(
        dir.path().join(".tact.toml"),
        "[rules]\njargon = \"error\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(dir.path(), ".tact.toml"), "type": 1}]}),
    );
    let d = lsp.diagnostics(&u, Some(1));
    assert_eq!(d[0]["severity"], 1, "error");
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn empty_settings_keep_the_initial_ones_and_empty_lists_are_empty_tables() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    // Neovim sends an empty Lua table as [].
    lsp.initialize(
        dir.path(),
        push_client(),
        json!({"tact": {"rules": {"jargon": "hint"}, "kinds": [], "rulesets": []}}),
    );
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(lsp.diagnostics(&u, Some(1))[0]["severity"], 4);
    // Eglot answers an empty change; the hint stays (and nothing is re-published).
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tact": null}}),
    );
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 10}}),
    );
    assert!(!hover.is_null());
    lsp.change(&u, 2, json!([{"text": MAIL}]));
    assert_eq!(lsp.diagnostics(&u, Some(2))[0]["severity"], 4);
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn a_client_that_counts_bytes_can_say_so() {
    // ALE offers no position encodings and counts columns in bytes.
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    let init = lsp.initialize(
        dir.path(),
        push_client(),
        json!({"tact": {"position-encoding": "utf-8"}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, "“Note”: we deployed it.\n");
    let d = lsp.diagnostics(&u, Some(1));
    // “ and ” are three bytes each: "deployed" starts at byte 15 (UTF-16: 11).
    assert_eq!(d[0]["range"]["start"]["character"], 15, "{d:?}");
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn quick_fixes_for_clients_that_drop_diagnostic_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    let d = lsp.diagnostics(&u, Some(1));
    let range = d[0]["range"].clone();
    // ALE sends back code, message and range only.
    let bare = json!([{"range": range, "code": "jargon", "message": d[0]["message"]}]);
    let titles = |actions: &[Value]| -> Vec<String> {
        actions
            .iter()
            .filter(|a| a["kind"] == "quickfix" && a["edit"].is_object())
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let from_bare = code_actions(&mut lsp, &u, bare.as_array().unwrap(), None);
    let with_data = code_actions(&mut lsp, &u, &d, None);
    assert!(!titles(&from_bare).is_empty(), "{from_bare:?}");
    assert_eq!(titles(&from_bare), titles(&with_data));
    // A request for the cursor's range with no diagnostics at all.
    let at_cursor = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": []}}),
    );
    assert_eq!(titles(at_cursor.as_array().unwrap()), titles(&with_data));
    // Elsewhere, nothing.
    let elsewhere = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "context": {"diagnostics": []},
               "range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 1}}}),
    );
    assert!(
        titles(elsewhere.as_array().unwrap()).is_empty(),
        "{elsewhere}"
    );
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn a_broken_config_is_shown_and_the_last_good_settings_stay() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".tact.toml");
    std::fs::write(&config, "[rules]\njargon = \"error\"\n").unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(lsp.diagnostics(&u, Some(1))[0]["severity"], 1);

    std::fs::write(&config, "[rules]\njargon = \"error\"\nvague = \"off\"\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(dir.path(), ".tact.toml"), "type": 2}]}),
    );
    let d = lsp.diagnostics(&u, Some(1));
    assert_eq!(d[0]["severity"], 1, "still the last good settings");
    let on_config = lsp.diagnostics(&uri(dir.path(), ".tact.toml"), None);
    assert_eq!(on_config.len(), 1);
    assert_eq!(on_config[0]["range"]["start"]["line"], 2);
    assert!(on_config[0]["message"].as_str().unwrap().contains("vague"));
    let shown = lsp
        .wait(|m| m["method"] == "window/showMessage")
        .expect("a message");
    assert_eq!(shown["params"]["type"], 1);

    // Fixed: the error goes away.
    std::fs::write(&config, "[rules]\njargon = \"hint\"\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(dir.path(), ".tact.toml"), "type": 2}]}),
    );
    assert_eq!(lsp.diagnostics(&u, Some(1))[0]["severity"], 4);
    assert!(
        lsp.diagnostics(&uri(dir.path(), ".tact.toml"), None)
            .is_empty()
    );
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn pulled_diagnostics_are_not_also_pushed() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    let init = lsp.initialize(
        dir.path(),
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}},
               "workspace": {"diagnostics": {"refreshSupport": true}}}),
        Value::Null,
    );
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "tact"
    );
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    let report = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(rules(report["items"].as_array().unwrap()), ["jargon"]);
    let id = report["resultId"].clone();
    let again = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}, "previousResultId": id}),
    );
    assert_eq!(again["kind"], "unchanged", "{report} {again}");
    let workspace = lsp.request("workspace/diagnostic", json!({"previousResultIds": []}));
    assert_eq!(workspace["items"][0]["uri"], json!(u));
    assert_eq!(workspace["items"][0]["version"], 1);
    // A settings change makes the same version's result new.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tact": {"rules": {"jargon": "off"}}}}),
    );
    let after = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}, "previousResultId": id}),
    );
    assert_eq!(after["kind"], "full", "{after}");
    assert!(after["items"].as_array().unwrap().is_empty(), "{after}");
    // Nothing was pushed meanwhile.
    assert!(
        !lsp.inbox
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:?}",
        lsp.inbox
    );
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn a_client_that_pulls_but_takes_no_refresh_gets_pushed_diagnostics() {
    // Neovim 0.10+: pull support, no workspace/diagnostic/refresh.
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    let init = lsp.initialize(
        dir.path(),
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
    );
    assert!(
        init["capabilities"]["diagnosticProvider"].is_null(),
        "{init}"
    );
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(rules(&lsp.diagnostics(&u, Some(1))), ["jargon"]);
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn bad_input_is_survived() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = Lsp::start(dir.path());
    // A request before initialize gets an error, not a crash.
    let early = lsp.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(early["error"]["code"], -32002, "{early}");
    lsp.initialize(dir.path(), push_client(), Value::Null);

    // Changes for a document that is not open, and hover on one.
    lsp.change("file:///nowhere.md", 2, json!([{"text": "x"}]));
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null());

    // Edits out of range are clamped to the text.
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    lsp.diagnostics(&u, Some(1));
    lsp.change(
        &u,
        2,
        json!([{"range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 4}}, "text": "\nWe deploy daily."}]),
    );
    let d = lsp.diagnostics(&u, Some(2));
    assert_eq!(rules(&d), ["jargon", "jargon"]);
    // An older version than the document's is ignored.
    lsp.change(&u, 1, json!([{"text": ""}]));
    // Malformed JSON, an invalid message, a frame with a wrong length and
    // bytes that are no frame: each answered or skipped, and the server
    // keeps serving.
    lsp.send_raw(b"{ this is not json");
    let parse = lsp
        .wait(|m| m["error"]["code"] == -32700)
        .expect("parse error");
    assert_eq!(parse["id"], Value::Null);
    lsp.send_raw(br#"{"jsonrpc": "2.0", "id": 77, "method": 5}"#);
    let invalid = lsp.wait(|m| m["id"] == 77).expect("invalid request");
    assert_eq!(invalid["error"]["code"], -32600);
    lsp.write_bytes(b"Content-Length: 3\r\n\r\n{\"jsonrpc\": \"2.0\"}");
    lsp.write_bytes(b"garbage between messages\r\n");
    let unknown = lsp.request_raw("tact/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let still = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 10}}),
    );
    assert!(
        still["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("jargon")
    );

    // A document over the size limit gets one information diagnostic.
    let big = "word ".repeat(500_000);
    let b = uri(dir.path(), "big.md");
    lsp.open(&b, "markdown", 1, &big);
    let d = lsp.diagnostics(&b, Some(1));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["severity"], 3);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("max-document-size")
    );
    // Hover does not lint it behind the limit's back either.
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": b}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null(), "{hover}");
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn language_ids_and_file_names_choose_the_markup() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    // As a commit message, `#` lines are comments: no finding in them.
    let text = "Deploy the fix\n\n# We deploy on Fridays.\n";
    for (folder, name, id, expected) in [
        ("a", "message.txt", "git-commit", 1),
        ("b", "message.txt", "gitcommit", 1),
        ("c", "note.txt", "plaintext", 2),
        ("d", "note.md", "text", 2),
        // An unknown id falls back to the file name.
        ("e", "COMMIT_EDITMSG", "unknown-id", 1),
        ("f", "note.md", "unknown-id", 2),
    ] {
        let u = uri(dir.path(), &format!("{folder}/{name}"));
        lsp.open(&u, id, 1, text);
        let d = lsp.diagnostics(&u, Some(1));
        let jargon = d.iter().filter(|d| d["code"] == "jargon").count();
        assert_eq!(jargon, expected, "{id} {name}: {d:?}");
    }
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn version_flag() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(["lsp", "--version"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Random edits as (start fraction, length, replacement index).
    fn edits() -> impl Strategy<Value = Vec<(f64, usize, usize)>> {
        proptest::collection::vec((0.0..1.0f64, 0usize..12, 0usize..8), 1..12)
    }

    const PIECES: &[&str] = &[
        "",
        "x",
        "deploy ",
        "😀",
        "\r\n",
        "\n\n",
        "漢字 e\u{301}",
        "API. ",
    ];

    fn position(text: &str, at: usize) -> Value {
        let before = &text[..at];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let character: usize = before[start..].chars().map(char::len_utf16).sum();
        json!({"line": line, "character": character})
    }

    fn boundary(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // Never split a CRLF pair: LSP has no position between them.
        if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
            at -= 1;
        }
        at
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn edits_through_the_server_equal_edits_on_a_string(steps in edits()) {
            let dir = tempfile::tempdir().unwrap();
            let mut lsp = started(dir.path());
            let edited = uri(dir.path(), "edited.md");
            let mut model = MAIL.to_string();
            lsp.open(&edited, "markdown", 1, &model);
            let mut version = 1;
            for (fraction, length, piece) in steps {
                let start = boundary(&model, (fraction * model.len() as f64) as usize);
                let end = boundary(&model, start + length).max(start);
                let range = json!({"start": position(&model, start), "end": position(&model, end)});
                let new_text = PIECES[piece % PIECES.len()];
                prop_assert_eq!(apply_edit(&model, &range, new_text), format!("{}{new_text}{}", &model[..start], &model[end..]));
                model = apply_edit(&model, &range, new_text);
                version += 1;
                lsp.change(&edited, version, json!([{"range": range, "text": new_text}]));
            }
            let through_edits = lsp.diagnostics(&edited, Some(version));
            let fresh = uri(dir.path(), "fresh.md");
            lsp.open(&fresh, "markdown", 1, &model);
            let from_scratch = lsp.diagnostics(&fresh, Some(1));
            let strip = |d: &[Value]| -> Vec<(Value, Value)> {
                d.iter().map(|d| (d["range"].clone(), d["code"].clone())).collect()
            };
            prop_assert_eq!(strip(&through_edits), strip(&from_scratch));
            for d in &through_edits {
                let start = offset(&model, &d["range"]["start"]);
                let end = offset(&model, &d["range"]["end"]);
                prop_assert!(start <= end && end <= model.len());
                // The range maps back onto the same position: inside the text.
                prop_assert_eq!(position(&model, start), d["range"]["start"].clone());
            }
            prop_assert_eq!(lsp.stop(), Some(0));
        }
    }
}

#[test]
fn config_watching_log_file_and_a_config_that_is_no_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".tact.toml"),
        b"glossary = [\"d\xFFploy\"]\n",
    )
    .unwrap();
    let log = dir.path().join("tact.log");
    let mut lsp = Lsp::start_with(dir.path(), &["--log-file", log.to_str().unwrap()]);
    let mut caps = push_client();
    caps["workspace"]["didChangeWatchedFiles"] = json!({"dynamicRegistration": true});
    lsp.initialize(dir.path(), caps, Value::Null);
    let registration = lsp
        .wait(|m| m["method"] == "client/registerCapability")
        .expect("the server asks to watch .tact.toml");
    let registration = &registration["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/.tact.toml"
    );

    // Invalid UTF-8 in the config: reported on the file, defaults in use.
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(rules(&lsp.diagnostics(&u, Some(1))), ["jargon"]);
    let on_config = lsp.diagnostics(&uri(dir.path(), ".tact.toml"), None);
    assert!(
        on_config[0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{on_config:?}"
    );
    assert_eq!(lsp.stop(), Some(0));
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(written.contains("language server starting"), "{written}");
    assert!(written.contains("not valid UTF-8"), "{written}");
}

#[test]
fn a_panic_while_linting_is_logged_and_the_server_keeps_serving() {
    // The test client starts the server with TACT_TEST_PANIC_ON set.
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let bad = uri(dir.path(), "bad.md");
    lsp.open(&bad, "markdown", 1, "We deploy. tact-test-panic");
    let logged = lsp
        .wait(|m| m["method"] == "window/logMessage" && m["params"]["type"] == 1)
        .expect("an error in the log");
    assert!(
        logged["params"]["message"]
            .as_str()
            .unwrap()
            .contains("panicked")
    );
    let good = uri(dir.path(), "good.md");
    lsp.open(&good, "markdown", 1, MAIL);
    assert_eq!(rules(&lsp.diagnostics(&good, Some(1))), ["jargon"]);
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn saving_a_config_in_the_editor_relints_without_a_watcher() {
    let dir = tempfile::tempdir().unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(rules(&lsp.diagnostics(&u, Some(1))), ["jargon"]);
    std::fs::write(dir.path().join(".tact.toml"), "glossary = [\"deploy\"]\n").unwrap();
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(dir.path(), ".tact.toml")}}),
    );
    assert!(lsp.diagnostics(&u, Some(1)).is_empty());
    assert_eq!(lsp.stop(), Some(0));
}

#[test]
fn a_config_edited_behind_the_servers_back_is_seen_on_the_next_change() {
    // Clients that cannot watch files (Neovim on Linux) send no notification.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".tact.toml");
    std::fs::write(&config, "[rules]\njargon = \"hint\"\n").unwrap();
    let mut lsp = started(dir.path());
    let u = uri(dir.path(), "mail.md");
    lsp.open(&u, "markdown", 1, MAIL);
    assert_eq!(lsp.diagnostics(&u, Some(1))[0]["severity"], 4);
    std::fs::write(&config, "[rules]\njargon = \"error\"  # now loud\n").unwrap();
    lsp.change(&u, 2, json!([{"text": MAIL}]));
    assert_eq!(lsp.diagnostics(&u, Some(2))[0]["severity"], 1);
    std::fs::remove_file(&config).unwrap();
    lsp.change(&u, 3, json!([{"text": MAIL}]));
    assert_eq!(lsp.diagnostics(&u, Some(3))[0]["severity"], 2);
    assert_eq!(lsp.stop(), Some(0));
}
