#!/usr/bin/env bash
# End-to-end test of tact's Emacs integration (editors/emacs) in a real
# headless Emacs 28 with Debian's Eglot 1.9, lsp-mode 8 and markdown-mode:
# byte-compile tact.el without warnings, then (test.el, once per client) open
# the fixture in markdown-mode, wait for the Flymake diagnostic, run
# tact-explain, apply the "released" quick fix through eglot-code-actions /
# lsp-execute-code-action, see the diagnostic go away.
# Exit 0 passed, 1 failed, 77 Emacs, Eglot or markdown-mode not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TACT_BIN=${TACT_BIN:-$REPO/target/debug/tact}
FIXTURE=$REPO/editors/fixtures/mail.md
started=$(date +%s.%N)

if ! command -v emacs >/dev/null 2>&1; then
    echo "SKIP: emacs is not installed; run editors/emacs/test/install.sh" >&2
    exit 77
fi
for lib in eglot markdown-mode; do
    if [[ ! -d /usr/share/emacs/site-lisp/elpa-src ]] \
        || ! compgen -G "/usr/share/emacs/site-lisp/elpa/$lib-*" >/dev/null; then
        echo "SKIP: $lib is not installed for emacs (Debian package elpa-$lib); run editors/emacs/test/install.sh" >&2
        exit 77
    fi
done
if [[ ! -x $TACT_BIN ]]; then
    echo "FAIL: no tact binary at $TACT_BIN (build it with cargo build, or set TACT_BIN)" >&2
    exit 1
fi
TACT_BIN=$(cd "$(dirname "$TACT_BIN")" && pwd)/$(basename "$TACT_BIN")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tact-emacs-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/elc"
cp "$FIXTURE" "$tmp/mail.md"

export TACT_EMACS_DIR=$REPO/editors/emacs
export TACT_BIN
export TACT_LOG=$tmp/tact.log
export TACT_RESULT=$tmp/result.txt
export TACT_OUT=$tmp/elc
export HOME=$tmp/home
: >"$TACT_RESULT"

fail() {
    {
        echo
        echo "=================================================================="
        echo "FAILED: $1"
        echo "expected: tact's jargon diagnostic at 3:3-3:11 in Flymake, then line 3"
        echo "          reading 'We released the new booking page ...' and no diagnostic"
        echo "---------------------------- emacs output -------------------------"
        cat "$tmp/emacs.out" 2>/dev/null
        echo "---------------------------- tact log -----------------------------"
        cat "$TACT_LOG" 2>/dev/null || echo "(no tact log: the server never started)"
        echo "=================================================================="
    } >&2
    exit 1
}

# 1. Byte-compile the package, warnings as errors; check it registers.
set +e
(cd "$tmp" && timeout 60 emacs --batch -Q -l "$HERE/compile.el") >"$tmp/emacs.out" 2>&1
rc=$?
set -e
grep -E '^(ok|FAIL):' "$tmp/emacs.out" || true
[[ $rc -eq 0 ]] || fail "byte-compiling or loading tact.el failed (emacs exited with $rc)"

# 2. The editor test, with Eglot, then with lsp-mode when it is installed.
clients=(eglot)
if compgen -G "/usr/share/emacs/site-lisp/elpa/lsp-mode-*" >/dev/null; then
    clients+=(lsp-mode)
else
    echo "note: lsp-mode is not installed (elpa-lsp-mode): only Eglot is tested"
fi
for client in "${clients[@]}"; do
    rm -rf "${tmp:?}/home" && mkdir -p "$tmp/home"
    cp "$FIXTURE" "$tmp/mail.md"
    set +e
    (cd "$tmp" && TACT_EMACS_CLIENT=$client \
        timeout 60 emacs --batch -Q -l "$HERE/test.el" mail.md -f test-main) >"$tmp/emacs.out" 2>&1
    rc=$?
    set -e
    if [[ $rc -ne 0 ]] || ! grep -q '^PASS' "$TACT_RESULT"; then
        cat "$TACT_RESULT"
        [[ $rc -eq 124 ]] && fail "emacs with $client did not finish within 60 s (hung)"
        fail "emacs with $client exited with $rc; see the FAIL line above"
    fi
    cat "$TACT_RESULT"
    : >"$TACT_RESULT"
done

elapsed=$(printf %.1f "$(echo "$(date +%s.%N) - $started" | bc)")
echo "emacs: PASSED (${clients[*]}) in ${elapsed} s"
