"""Checks editors/sublime/LSP.sublime-settings: after removing comments
(Sublime's settings files allow them) it must be strict JSON, with a
`clients.tact` entry that runs `tact lsp` for Markdown, plain text and git
commit views and carries settings under "tact". Exits 0 or 1."""

import json
import sys


def strip_comments(text):
    """Drop // and /* */ comments that are outside strings."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


path = sys.argv[1]
try:
    settings = json.loads(strip_comments(open(path, encoding="utf-8").read()))
except ValueError as err:
    sys.exit(f"FAIL: {path} is not valid JSON once comments are removed: {err}")

problems = []
client = settings.get("clients", {}).get("tact", {})
if client.get("command") != ["tact", "lsp"]:
    problems.append(f"clients.tact.command is {client.get('command')!r}, expected ['tact', 'lsp']")
if client.get("enabled") is not True:
    problems.append("clients.tact.enabled is not true")
selector = client.get("selector", "")
for scope in ("text.html.markdown", "text.plain", "text.git.commit"):
    if scope not in selector:
        problems.append(f"clients.tact.selector does not cover {scope}")
for key in ("initializationOptions", "settings"):
    if not isinstance(client.get(key, {}).get("tact"), dict):
        problems.append(f"clients.tact.{key} has no 'tact' object")
if problems:
    sys.exit("FAIL: " + "\n      ".join(problems))
print(f"ok: clients.tact runs 'tact lsp' for {selector}, with settings under 'tact'")
