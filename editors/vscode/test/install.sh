#!/usr/bin/env bash
# Installs what editors/vscode/test/run.sh needs: Debian's chromium (driven by
# playwright-core), ripgrep and libkrb5-dev (for code-server), code-server
# 4.100.3 (VS Code 1.100.3 in a browser, the last release that runs on Node 20)
# under $TACT_TOOLS/code-server, and the extension's npm dependencies.
# Idempotent: a second run only checks and returns.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT_DIR=$(dirname "$HERE")
REPO=$(cd "$EXT_DIR/../.." && pwd)
TOOLS=${TACT_TOOLS:-$REPO/target/tools}
CODE_SERVER_VERSION=4.100.3
CODE_SERVER_DIR=$TOOLS/code-server
# The @vscode/ripgrep that code-server 4.100.3 depends on, and the asset its
# postinstall would download from GitHub (unreachable here).
RIPGREP_NPM_VERSION=1.15.11
RIPGREP_ASSET_VERSION=v13.0.0-10

say() { printf 'vscode/install: %s\n' "$*"; }

# --- apt packages -----------------------------------------------------------
missing=()
for pkg in chromium ripgrep libkrb5-dev; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
        say "apt-get update, then retry"
        apt-get update
        apt-get install -y --no-install-recommends "${missing[@]}"
    fi
else
    say "apt packages present: chromium ripgrep libkrb5-dev"
fi

# --- code-server --------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [[ $node_major != 20 ]]; then
    say "code-server $CODE_SERVER_VERSION needs Node 20 (found: $node_major)" >&2
    exit 1
fi

installed_version() {
    node -p "require('$CODE_SERVER_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [[ $(installed_version) == "$CODE_SERVER_VERSION" && -x $CODE_SERVER_DIR/node_modules/.bin/code-server \
      && -e $CODE_SERVER_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]]; then
    say "code-server $CODE_SERVER_VERSION present in $CODE_SERVER_DIR"
else
    # Seed @vscode/ripgrep's download cache with Debian's rg, so its
    # postinstall never goes to GitHub.
    case $(uname -m) in
        x86_64) rg_target=x86_64-unknown-linux-musl ;;
        aarch64) rg_target=aarch64-unknown-linux-musl ;;
        *) say "unsupported machine $(uname -m)" >&2; exit 1 ;;
    esac
    rg_cache=$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION
    rg_tarball=$rg_cache/ripgrep-$RIPGREP_ASSET_VERSION-$rg_target.tar.gz
    if [[ ! -s $rg_tarball ]]; then
        say "seeding $rg_tarball with /usr/bin/rg"
        mkdir -p "$rg_cache"
        tar -czf "$rg_tarball" -C /usr/bin rg
    fi

    say "npm install code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (a few minutes)"
    mkdir -p "$CODE_SERVER_DIR"
    [[ -e $CODE_SERVER_DIR/package.json ]] || echo '{"private": true}' >"$CODE_SERVER_DIR/package.json"
    # node-pty's postinstall runs npx, hence npm_config_yes.
    (cd "$CODE_SERVER_DIR" &&
        npm_config_yes=true npm install --no-fund --no-audit --unsafe-perm "code-server@$CODE_SERVER_VERSION")
    if [[ $(installed_version) != "$CODE_SERVER_VERSION" ]]; then
        say "code-server did not install (see the npm output above)" >&2
        exit 1
    fi
fi

# --- the extension's npm dependencies ------------------------------------------
# Install scripts are skipped: none is needed to build, package or test
# (esbuild finds its platform package itself; keytar is optional for vsce).
lock=$EXT_DIR/package-lock.json
stamp=$EXT_DIR/node_modules/.package-lock.json
if [[ -e $stamp && -e $EXT_DIR/node_modules/.bin/vsce && $stamp -nt $lock ]]; then
    say "extension npm dependencies present in $EXT_DIR/node_modules"
else
    say "npm ci in $EXT_DIR"
    (cd "$EXT_DIR" && npm ci --ignore-scripts --no-fund --no-audit)
fi

say "done"
