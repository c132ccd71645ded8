#!/usr/bin/env bash
# End-to-end test of tact's Vim integration (editors/vim, an ALE linter) in a
# real headless Vim 9 with Debian's ALE: diagnostic, quick fix through
# :ALECodeAction and :TactFix, diagnostic gone, :TactExplain. The steps are
# in test.vim. Exit 0 passed, 1 failed, 77 Vim or ALE not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TACT_BIN=${TACT_BIN:-$REPO/target/debug/tact}
FIXTURE=$REPO/editors/fixtures/mail.md
started=$(date +%s.%N)

if ! command -v vim >/dev/null 2>&1; then
    echo "SKIP: vim is not installed; run editors/vim/test/install.sh" >&2
    exit 77
fi
if ! vim -N -u NONE -i NONE -n -es -c 'packadd ale' \
        -c 'if exists(":ALELint") == 2 | qall! | else | cquit 3 | endif' </dev/null >/dev/null 2>&1; then
    echo "SKIP: ALE is not installed for vim (Debian package vim-ale); run editors/vim/test/install.sh" >&2
    exit 77
fi
if [[ ! -x $TACT_BIN ]]; then
    echo "FAIL: no tact binary at $TACT_BIN (build it with cargo build, or set TACT_BIN)" >&2
    exit 1
fi
TACT_BIN=$(cd "$(dirname "$TACT_BIN")" && pwd)/$(basename "$TACT_BIN")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tact-vim-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
cp "$FIXTURE" "$tmp/mail.md"

export TACT_VIM_DIR=$REPO/editors/vim
export TACT_BIN
export TACT_LOG=$tmp/tact.log
export TACT_RESULT=$tmp/result.txt
: >"$TACT_RESULT"

set +e
# The vim-lsp snippet, checked with a stand-in for vim-lsp.
HOME=$tmp/home timeout 20 vim -N -u NONE -i NONE -n -es -S "$HERE/vim-lsp.vim" </dev/null >"$tmp/vim.out" 2>&1
rc=$?
if [[ $rc -ne 0 ]]; then
    cat "$TACT_RESULT"
    echo "FAILED: the vim-lsp snippet check (exit $rc)" >&2
    cat "$tmp/vim.out" >&2
    exit 1
fi

# The ALE integration, end to end.
(
    cd "$tmp"
    HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config VIMINIT='' \
        timeout 60 vim -N -u "$HERE/test.vim" -i NONE -n -es mail.md </dev/null >"$tmp/vim.out" 2>&1
)
rc=$?
set -e
elapsed=$(printf %.1f "$(echo "$(date +%s.%N) - $started" | bc)")

cat "$TACT_RESULT"
if [[ $rc -eq 0 ]] && tail -n 1 "$TACT_RESULT" | grep -q '^PASS'; then
    echo "vim: PASSED in ${elapsed} s"
    exit 0
fi

{
    echo
    echo "=================================================================="
    if [[ $rc -eq 124 ]]; then
        echo "FAILED: vim did not finish within 60 s (hung)"
    else
        echo "FAILED: vim exited with $rc; see the FAIL line above"
    fi
    echo "expected: jargon at 3:4-3:11 in ALE's loclist, then line 3 reading"
    echo "          'We released the new booking page ...' and no tact finding"
    echo "---------------------------- vim output ---------------------------"
    cat "$tmp/vim.out"
    echo "---------------------------- tact log -----------------------------"
    cat "$TACT_LOG" 2>/dev/null || echo "(no tact log: the server never started)"
    echo "=================================================================="
} >&2
exit 1
