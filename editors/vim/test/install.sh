#!/usr/bin/env bash
# Installs what editors/vim/test/run.sh needs: Vim and ALE, from Debian's
# packages (vim 9.0, vim-ale 3.3). A fast no-op when both are there.
set -euo pipefail

missing=()
command -v vim >/dev/null 2>&1 || missing+=(vim)
[[ -d /usr/share/vim-ale ]] || missing+=(vim-ale)
command -v bc >/dev/null 2>&1 || missing+=(bc)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "vim: vim and vim-ale already installed"
    exit 0
fi

echo "vim: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
fi
