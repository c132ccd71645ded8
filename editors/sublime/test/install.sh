#!/usr/bin/env bash
# Installs what editors/sublime/test/run.sh needs: python3, from Debian.
# Sublime Text itself is not in Debian 12, PyPI or npm.
set -euo pipefail

if command -v python3 >/dev/null 2>&1; then
    echo "sublime: python3 already installed"
    exit 0
fi
echo "sublime: installing python3 with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends python3; then
    apt-get update
    apt-get install -y --no-install-recommends python3
fi
