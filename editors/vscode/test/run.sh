#!/usr/bin/env bash
# End-to-end test of the VS Code extension (editors/vscode) in a real VS Code:
# builds and packages the .vsix, then test/e2e.mjs installs it into a fresh
# code-server and drives it through Chromium: tact's "deployed" finding, its
# quick fix, the status bar item, the explain command and the binary lookup.
# Exit 0 = passed, 1 = failed, 77 = code-server/Chromium/npm deps not installed.
#
# Environment: TACT_BIN (default target/debug/tact), TACT_TOOLS (default
# target/tools), TACT_SCREENSHOTS=1 to refresh the README screenshots in
# editors/vscode/images/, TACT_VSCODE_TIMEOUT (seconds, default 180).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT_DIR=$(dirname "$HERE")
REPO=$(cd "$EXT_DIR/../.." && pwd)
TOOLS=${TACT_TOOLS:-$REPO/target/tools}
TACT_BIN=${TACT_BIN:-$REPO/target/debug/tact}
TIMEOUT=${TACT_VSCODE_TIMEOUT:-180}

not_installed() {
    echo "vscode: SKIP (77): $1 is not installed; install it with editors/vscode/test/install.sh" >&2
    exit 77
}

CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
[[ -x $CODE_SERVER ]] || CODE_SERVER=$(command -v code-server || true)
[[ -n $CODE_SERVER && -x $CODE_SERVER ]] || not_installed "code-server (looked in $TOOLS/code-server and on PATH)"
CHROMIUM=$(command -v chromium || true)
[[ -n $CHROMIUM ]] || not_installed "chromium"
command -v node >/dev/null || not_installed "node"
for dep in playwright-core @vscode/vsce esbuild typescript vscode-languageclient; do
    [[ -e $EXT_DIR/node_modules/$dep/package.json ]] || not_installed "the npm package $dep (editors/vscode/node_modules)"
done
if [[ ! -x $TACT_BIN ]]; then
    echo "vscode: FAIL: no tact binary at $TACT_BIN (build it with cargo build, or set TACT_BIN)" >&2
    exit 1
fi
TACT_BIN=$(cd "$(dirname "$TACT_BIN")" && pwd)/$(basename "$TACT_BIN")
if [[ -e $EXT_DIR/bin/tact || -e $EXT_DIR/bin/tact.exe ]]; then
    echo "vscode: FAIL: $EXT_DIR/bin/ holds a bundled tact; the test checks the missing-binary" \
        "error and the PATH lookup, so it needs a .vsix without one: move bin/ away" >&2
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tact-vscode.XXXXXX")
status=1
cleanup() {
    # e2e.mjs stops code-server itself; this catches a kill by timeout.
    if [[ -s $WORK/code-server.pid ]]; then
        kill -TERM -- "-$(cat "$WORK/code-server.pid")" 2>/dev/null || true
    fi
    if [[ $status == 0 ]]; then
        rm -rf "$WORK"
    else
        echo "vscode: the test's files are kept in $WORK" >&2
    fi
}
trap cleanup EXIT

start=$(date +%s)
echo "vscode: building and packaging the extension"
if ! (cd "$EXT_DIR" && npm run --silent package -- --out "$WORK/tact.vsix") >"$WORK/package.log" 2>&1; then
    cat "$WORK/package.log" >&2
    echo "vscode: FAIL: npm run package did not produce a .vsix" >&2
    exit 1
fi

shots=$WORK
if [[ ${TACT_SCREENSHOTS:-} == 1 ]]; then
    shots=$EXT_DIR/images
    mkdir -p "$shots"
fi

set +e
TACT_BIN=$TACT_BIN CODE_SERVER=$CODE_SERVER CHROMIUM=$CHROMIUM VSIX=$WORK/tact.vsix \
    FIXTURE=$REPO/editors/fixtures/mail.md WORK=$WORK SCREENSHOT_DIR=$shots \
    E2E_SECONDS=$((TIMEOUT > 60 ? TIMEOUT - 20 : TIMEOUT * 2 / 3)) \
    timeout --kill-after=10 "$TIMEOUT" node "$HERE/e2e.mjs"
rc=$?
set -e
case $rc in
    0) status=0; echo "vscode: PASS in $(($(date +%s) - start)) s" ;;
    124 | 137) echo "vscode: FAIL: the test did not finish within $TIMEOUT s (code-server log: $WORK/code-server.log)" >&2 ;;
    *) echo "vscode: FAIL (exit $rc)" >&2 ;;
esac
exit $status
