#!/usr/bin/env bash
# Syntax test of editors/kakoune/tact.kak in a real (headless) Kakoune: source
# it, give a buffer each filetype it covers, and check that the resulting
# %opt{lsp_servers} is valid TOML with tact's server. kakoune-lsp itself is
# not installed here (it is not packaged for Debian 12 and takes ~10 min to
# build), so tact's diagnostics and quick fixes in Kakoune are NOT tested:
# this only proves the file a user sources is well formed.
# Exit 0 passed, 1 failed, 77 Kakoune or Python 3.11 not installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
KAK_FILE=$REPO/editors/kakoune/tact.kak

if ! command -v kak >/dev/null 2>&1; then
    echo "SKIP: kak (Kakoune) is not installed; run editors/kakoune/test/install.sh" >&2
    exit 77
fi
if ! python3 -c 'import tomllib' 2>/dev/null; then
    echo "SKIP: python3 with tomllib (3.11+) is not installed; run editors/kakoune/test/install.sh" >&2
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tact-kak-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"

outputs=()
for filetype in markdown mail git-commit; do
    out=$tmp/servers.$filetype
    # kak-lsp declares lsp_servers; without it, declare it as kak-lsp does.
    HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config timeout 10 kak -n -ui dummy -e "
        try %{
            declare-option str lsp_servers
            source %{$KAK_FILE}
            edit -scratch %{*tact-test*}
            set-option buffer filetype $filetype
            echo -to-file %{$out} %opt{lsp_servers}
        } catch %{
            echo -to-file %{$tmp/error} %val{error}
        }
        quit!
    " </dev/null >"$tmp/kak.out" 2>&1 || {
        echo "FAIL: kak exited with $? for filetype $filetype" >&2
        cat "$tmp/kak.out" "$tmp/error" 2>/dev/null >&2
        exit 1
    }
    if [[ -s $tmp/error ]]; then
        echo "FAIL: Kakoune reported an error for filetype $filetype: $(cat "$tmp/error")" >&2
        exit 1
    fi
    if [[ ! -s $out ]]; then
        echo "FAIL: lsp_servers stayed empty for filetype $filetype (the hook did not fire)" >&2
        exit 1
    fi
    outputs+=("$out")
done

python3 "$HERE/check.py" "${outputs[@]}" || {
    echo "FAIL: see above; file checked: $KAK_FILE" >&2
    exit 1
}
echo "kakoune: PASSED (syntax only: tact.kak loads in Kakoune and sets lsp_servers; not run against kakoune-lsp)"
