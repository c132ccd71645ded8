"""Checks the lsp_servers TOML that tact.kak set in a real Kakoune.

Called by run.sh with the file Kakoune wrote %opt{lsp_servers} to for each
filetype; exits 0 when every one parses and has tact's entry, else 1.
"""

import sys
import tomllib

failed = False
for path in sys.argv[1:]:
    filetype = path.rsplit(".", 1)[-1]
    text = open(path, encoding="utf-8").read()
    try:
        servers = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        print(f"FAIL: {filetype}: lsp_servers is not valid TOML: {err}\n{text}")
        failed = True
        continue
    tact = servers.get("tact", {})
    problems = []
    if tact.get("command") != "tact":
        problems.append(f"command is {tact.get('command')!r}, expected 'tact'")
    if tact.get("args") != ["lsp"]:
        problems.append(f"args are {tact.get('args')!r}, expected ['lsp']")
    if tact.get("settings_section") != "tact":
        problems.append("settings_section is not 'tact'")
    if not isinstance(tact.get("settings", {}).get("tact"), dict):
        problems.append("no [tact.settings.tact] table")
    if problems:
        print(f"FAIL: {filetype}: " + "; ".join(problems) + f"\n{text}")
        failed = True
    else:
        print(f"ok: {filetype}: lsp_servers has [tact] with command 'tact lsp' and settings")
sys.exit(1 if failed else 0)
