#!/usr/bin/env bash
# Installs what editors/vim/test/run.sh needs: Vim and ALE, from Debian's
# packages (vim 9.0, vim-ale 3.3). A fast no-op when both are there.
set -euo pipefail
# shellcheck source=../../test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../test-lib.sh"

missing=()
command -v vim >/dev/null 2>&1 || missing+=(vim)
[[ -d /usr/share/vim-ale ]] || missing+=(vim-ale)
command -v bc >/dev/null 2>&1 || missing+=(bc)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "vim: vim and vim-ale already installed"
    exit 0
fi

apt_install vim "${missing[@]}"
