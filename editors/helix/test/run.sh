#!/usr/bin/env bash
# Syntax test of editors/helix/languages.toml: parses it with Python's
# tomllib and checks tact's server entry and languages. Helix itself cannot
# be installed from the registries this project uses, so tact is NOT run in
# Helix here: this only proves the file a user copies is well formed.
# Exit 0 passed, 1 failed, 77 Python 3.11 (tomllib) not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)

if ! python3 -c 'import tomllib' 2>/dev/null; then
    echo "SKIP: python3 with tomllib (3.11+) is not installed; run editors/helix/test/install.sh" >&2
    exit 77
fi
if python3 "$HERE/check.py" "$REPO/editors/helix/languages.toml"; then
    echo "helix: PASSED (syntax only: languages.toml parses and configures tact; Helix itself not run)"
else
    echo "FAIL: editors/helix/languages.toml (see above)" >&2
    exit 1
fi
