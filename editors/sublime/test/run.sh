#!/usr/bin/env bash
# Syntax test of editors/sublime/LSP.sublime-settings: strips its comments,
# parses it as strict JSON and checks tact's client entry. Sublime Text is
# not installable from the registries this project uses, so tact is NOT run
# in Sublime Text here: this only proves the file a user merges is well formed.
# Exit 0 passed, 1 failed, 77 python3 not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)

if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 is not installed; run editors/sublime/test/install.sh" >&2
    exit 77
fi
if python3 "$HERE/check.py" "$REPO/editors/sublime/LSP.sublime-settings"; then
    echo "sublime: PASSED (syntax only: LSP.sublime-settings parses and configures tact; Sublime Text not run)"
else
    echo "FAIL: editors/sublime/LSP.sublime-settings (see above)" >&2
    exit 1
fi
