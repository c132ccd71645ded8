#!/usr/bin/env bash
# Installs what editors/sublime/test/run.sh needs: python3, from Debian.
# Sublime Text itself is not in Debian 12, PyPI or npm.
set -euo pipefail
# shellcheck source=../../test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../test-lib.sh"

if command -v python3 >/dev/null 2>&1; then
    echo "sublime: python3 already installed"
    exit 0
fi
apt_install sublime python3
