#!/usr/bin/env bash
# Installs what editors/kakoune/test/run.sh needs: Kakoune (Debian's kakoune)
# and Python 3.11+ for tomllib (Debian's python3). kakoune-lsp is not
# installed: it is not packaged for Debian 12 (see ../README.md).
set -euo pipefail
# shellcheck source=../../test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../test-lib.sh"

missing=()
command -v kak >/dev/null 2>&1 || missing+=(kakoune)
python3 -c 'import tomllib' 2>/dev/null || missing+=(python3)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "kakoune: kak and python3 (tomllib) already installed"
    exit 0
fi

apt_install kakoune "${missing[@]}"
