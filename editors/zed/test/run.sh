#!/usr/bin/env bash
# Syntax test of editors/zed: extension.toml and Cargo.toml parse (tomllib),
# settings.json is strict JSON, and they register tact for Markdown, Plain
# Text and Git Commit. Zed is not installable from the registries this
# project uses, and the extension compiles only to WebAssembly (WASI), a target
# not installed here, so the extension is NOT built or run in Zed by this
# test (see ../README.md for `cargo check`, which does pass on the host).
# Exit 0 passed, 1 failed, 77 Python 3.11 (tomllib) not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)

if ! python3 -c 'import tomllib' 2>/dev/null; then
    echo "SKIP: python3 with tomllib (3.11+) is not installed; run editors/zed/test/install.sh" >&2
    exit 77
fi
if python3 "$HERE/check.py" "$REPO/editors/zed"; then
    echo "zed: PASSED (syntax only: manifest, Cargo.toml and settings.json parse; extension not built, Zed not run)"
else
    echo "FAIL: editors/zed (see above)" >&2
    exit 1
fi
