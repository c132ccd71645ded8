#!/usr/bin/env bash
# Installs what editors/zed/test/run.sh needs: Python 3.11+ (tomllib), from
# Debian's python3. Zed itself is not in Debian 12, PyPI or npm.
set -euo pipefail
# shellcheck source=../../test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../test-lib.sh"

if python3 -c 'import tomllib' 2>/dev/null; then
    echo "zed: python3 (tomllib) already installed"
    exit 0
fi
apt_install zed python3
