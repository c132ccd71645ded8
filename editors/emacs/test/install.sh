#!/usr/bin/env bash
# Installs what editors/emacs/test/run.sh needs from Debian's packages:
# Emacs 28 (emacs-nox), Eglot 1.9 (elpa-eglot) and markdown-mode
# (elpa-markdown-mode), and lsp-mode 8 (elpa-lsp-mode), the second client the
# test drives. A fast no-op when all are there.
set -euo pipefail
# shellcheck source=../../test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../test-lib.sh"

missing=()
command -v emacs >/dev/null 2>&1 || missing+=(emacs-nox)
for pkg in elpa-eglot elpa-markdown-mode elpa-lsp-mode; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
command -v bc >/dev/null 2>&1 || missing+=(bc)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "emacs: emacs, elpa-eglot, elpa-markdown-mode and elpa-lsp-mode already installed"
    exit 0
fi

apt_install emacs "${missing[@]}"
