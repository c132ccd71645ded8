#!/usr/bin/env bash
# Installs what editors/helix/test/run.sh needs: Python 3.11+ (tomllib), from
# Debian's python3. Helix itself is not in Debian 12, PyPI or npm.
set -euo pipefail

if python3 -c 'import tomllib' 2>/dev/null; then
    echo "helix: python3 (tomllib) already installed"
    exit 0
fi
echo "helix: installing python3 with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends python3; then
    apt-get update
    apt-get install -y --no-install-recommends python3
fi
