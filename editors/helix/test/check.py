"""Checks editors/helix/languages.toml: valid TOML, tact's server is
`tact lsp` with a config table under "tact", and it is attached to the
markdown and git-commit languages. Exits 0 or 1."""

import sys
import tomllib

path = sys.argv[1]
try:
    with open(path, "rb") as f:
        config = tomllib.load(f)
except tomllib.TOMLDecodeError as err:
    sys.exit(f"FAIL: {path} is not valid TOML: {err}")

problems = []
server = config.get("language-server", {}).get("tact", {})
if server.get("command") != "tact":
    problems.append(f"language-server.tact.command is {server.get('command')!r}, expected 'tact'")
if server.get("args") != ["lsp"]:
    problems.append(f"language-server.tact.args is {server.get('args')!r}, expected ['lsp']")
if not isinstance(server.get("config", {}).get("tact"), dict):
    problems.append("no [language-server.tact.config.tact] table")

languages = {entry.get("name"): entry for entry in config.get("language", [])}
for name in ("markdown", "git-commit"):
    servers = languages.get(name, {}).get("language-servers", [])
    names = [s if isinstance(s, str) else s.get("name") for s in servers]
    if "tact" not in names:
        problems.append(f"language {name!r} does not list tact in language-servers ({names})")
    else:
        print(f"ok: {name}: language-servers {names}")

if problems:
    sys.exit("FAIL: " + "\n      ".join(problems))
print("ok: language-server.tact runs 'tact lsp' with a config.tact table")
