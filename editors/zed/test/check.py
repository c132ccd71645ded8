"""Checks tact's Zed extension and settings example: extension.toml and
Cargo.toml parse and register the `tact` language server for Markdown, Plain
Text and Git Commit; settings.json is valid JSON with an lsp.tact section;
src/lib.rs starts `tact lsp`. Exits 0 or 1."""

import json
import sys
import tomllib
from pathlib import Path

root = Path(sys.argv[1])
problems = []


def load_toml(name):
    try:
        return tomllib.loads((root / name).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        problems.append(f"{name}: {err}")
        return {}


manifest = load_toml("extension.toml")
for key in ("id", "name", "version", "schema_version"):
    if key not in manifest:
        problems.append(f"extension.toml has no {key!r}")
server = manifest.get("language_servers", {}).get("tact", {})
languages = server.get("languages", [])
for language in ("Markdown", "Plain Text", "Git Commit"):
    if language not in languages:
        problems.append(f"extension.toml: language_servers.tact does not list {language!r}")
    if language not in server.get("language_ids", {}):
        problems.append(f"extension.toml: no language id for {language!r}")
if server:
    print(f"ok: extension.toml: language server tact for {', '.join(languages)}")

cargo = load_toml("Cargo.toml")
if "zed_extension_api" not in cargo.get("dependencies", {}):
    problems.append("Cargo.toml does not depend on zed_extension_api")
if cargo.get("lib", {}).get("crate-type") != ["cdylib"]:
    problems.append("Cargo.toml: lib.crate-type must be ['cdylib']")
else:
    print(f"ok: Cargo.toml: cdylib with zed_extension_api {cargo['dependencies']['zed_extension_api']}")

try:
    settings = json.loads((root / "settings.json").read_text(encoding="utf-8"))
    if not isinstance(settings.get("lsp", {}).get("tact", {}).get("settings"), dict):
        problems.append("settings.json has no lsp.tact.settings object")
    for language in ("Markdown", "Plain Text", "Git Commit"):
        servers = settings.get("languages", {}).get(language, {}).get("language_servers", [])
        if "tact" not in servers:
            problems.append(f"settings.json: languages.{language}.language_servers lacks 'tact'")
    print("ok: settings.json: valid JSON with lsp.tact.settings and the three languages")
except (OSError, ValueError) as err:
    problems.append(f"settings.json: {err}")

source = (root / "src" / "lib.rs").read_text(encoding="utf-8")
for needle in ('"lsp"', "register_extension!", "language_server_command",
               "language_server_initialization_options",
               "language_server_workspace_configuration"):
    if needle not in source:
        problems.append(f"src/lib.rs does not contain {needle}")
if "register_extension!" in source:
    print("ok: src/lib.rs: registers the extension and starts 'tact lsp'")

if problems:
    sys.exit("FAIL: " + "\n      ".join(problems))
