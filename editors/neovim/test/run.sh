#!/usr/bin/env bash
# End-to-end test of tact's Neovim integration (editors/neovim) in real,
# headless Neovims: for each installed version and each way of starting tact
# (vim.lsp.enable with lsp/tact.lua, require('tact').setup()), runs e2e.lua on a
# copy of editors/fixtures/mail.md and reads the result file it writes.
#
# Environment: TACT_BIN (tact binary, default target/debug/tact), TACT_TOOLS
# (where install.sh put Neovim, default target/tools), TACT_NVIM (test only
# this nvim), TACT_KEEP_TMP=1 (keep the temp dir), TACT_VERBOSE=1 (list every
# check of a passing run too).
# Exit: 0 passed, 1 failed, 77 a Neovim that install.sh installs is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLUGIN="$(cd "$HERE/.." && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
TOOLS="${TACT_TOOLS:-$REPO/target/tools}"
TACT="${TACT_BIN:-$REPO/target/debug/tact}"
FIXTURE="$REPO/editors/fixtures/mail.md"
RUN_TIMEOUT=120 # seconds per Neovim run; e2e.lua waits 20 s at most for a diagnostic, 10 s for other steps

if [ ! -x "$TACT" ]; then
  echo "FAIL: no tact binary at $TACT (build it with cargo build, or set TACT_BIN)"
  exit 1
fi
TACT="$(cd "$(dirname "$TACT")" && pwd)/$(basename "$TACT")"

# The Neovims to test: the ones install.sh installs, plus any other nvim on PATH.
declare -a NVIMS=() MISSING=()
if [ -n "${TACT_NVIM:-}" ]; then
  NVIMS=("$TACT_NVIM")
else
  for candidate in "$TOOLS/neovim-venv/bin/nvim" "$TOOLS/neovim-dev-venv/bin/nvim" /usr/bin/nvim; do
    if [ -x "$candidate" ]; then NVIMS+=("$candidate"); else MISSING+=("$candidate"); fi
  done
  if on_path="$(command -v nvim)"; then
    known=0
    for n in "${NVIMS[@]}" "${MISSING[@]}"; do
      [ "$(realpath "$n" 2>/dev/null)" = "$(realpath "$on_path")" ] && known=1
    done
    [ "$known" = 1 ] || NVIMS+=("$on_path")
  fi
fi
if [ "${#NVIMS[@]}" -eq 0 ]; then
  echo "SKIP: Neovim is not installed (looked for ${MISSING[*]} and nvim on PATH)."
  echo "Install it with: editors/neovim/test/install.sh"
  exit 77
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/tact-neovim-test.XXXXXX")"
if [ "${TACT_KEEP_TMP:-}" = 1 ]; then
  echo "keeping $TMP"
else
  trap 'rm -rf "$TMP"' EXIT
fi
# The plugin runs `tact lsp`: put the binary on PATH under that name.
mkdir -p "$TMP/bin"
ln -s "$TACT" "$TMP/bin/tact"

# Seconds since `$1` (a `date +%s%N`), with one decimal.
elapsed() {
  local ms=$((($(date +%s%N) - $1) / 1000000))
  echo "$((ms / 1000)).$((ms % 1000 / 100))"
}

passed=0
failed=0
run_one() { # nvim mode label
  local nvim="$1" mode="$2" label="$3"
  local dir="$TMP/run-$((passed + failed + 1))"
  mkdir -p "$dir/work" "$dir/home" "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/state" "$dir/xdg/cache"
  cp "$FIXTURE" "$dir/work/mail.md"
  : >"$dir/work/.tact.toml" # the workspace root (root_markers), with default settings
  local start status=0
  local -a plugin_args=(--cmd "lua vim.opt.runtimepath:prepend(os.getenv('TACT_PLUGIN_DIR'))")
  [ "$mode" = setup-late ] && plugin_args=() # the test script adds the plugin itself
  start="$(date +%s%N)"
  (
    cd "$dir/work"
    HOME="$dir/home" XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" \
      XDG_STATE_HOME="$dir/xdg/state" XDG_CACHE_HOME="$dir/xdg/cache" \
      PATH="$TMP/bin:$PATH" TACT_PLUGIN_DIR="$PLUGIN" TACT_TEST_SCRIPT="$HERE/e2e.lua" \
      TACT_TEST_MODE="$mode" TACT_TEST_RESULT="$dir/result" TACT_TEST_LOG="$dir/tact.log" \
      timeout -k 5 "$RUN_TIMEOUT" "$nvim" --headless --clean -n \
      "${plugin_args[@]}" \
      mail.md \
      -c "lua dofile(os.getenv('TACT_TEST_SCRIPT'))" \
      </dev/null >"$dir/nvim.out" 2>&1
  ) || status=$?
  local secs
  secs="$(elapsed "$start")"

  if [ -f "$dir/result" ] && tail -n 1 "$dir/result" | grep -qx 'done: passed' \
    && ! grep -q '^not ok' "$dir/result"; then
    passed=$((passed + 1))
    echo "PASS $label: $(grep -c '^ok' "$dir/result") checks (${secs} s)"
    if [ "${TACT_VERBOSE:-}" = 1 ]; then sed 's/^/    /' "$dir/result"; fi
    return 0
  fi

  failed=$((failed + 1))
  echo "FAIL $label (${secs} s, nvim exit status $status)"
  if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    echo "    Neovim did not finish within $RUN_TIMEOUT s (killed)."
  fi
  if [ -f "$dir/result" ]; then
    sed 's/^/    /' "$dir/result"
    tail -n 1 "$dir/result" | grep -q '^done' || echo "    (the result file stops here: the test script did not finish)"
  else
    echo "    The test script wrote no result file: it never ran or Neovim failed to start."
  fi
  echo "    --- Neovim output ---"
  if [ -s "$dir/nvim.out" ]; then sed 's/^/    /' "$dir/nvim.out"; else echo "    (none)"; fi
  local log
  while IFS= read -r log; do
    echo "    --- Neovim LSP log $log (last 80 lines) ---"
    tail -n 80 "$log" | sed 's/^/    /'
  done < <(find "$dir/xdg" -name 'lsp.log' 2>/dev/null)
  if [ -f "$dir/tact.log" ]; then
    echo "    --- tact log (last 60 lines) ---"
    tail -n 60 "$dir/tact.log" | sed 's/^/    /'
  fi
}

total_start="$(date +%s%N)"
for nvim in "${NVIMS[@]}"; do
  version="$("$nvim" --version </dev/null 2>/dev/null | head -n 1 || true)"
  if ! [[ "$version" =~ ^NVIM\ v([0-9]+)\.([0-9]+) ]]; then
    echo "FAIL $nvim: \`nvim --version\` printed '$version'"
    failed=$((failed + 1))
    continue
  fi
  minor="${BASH_REMATCH[2]}"
  if [ "${BASH_REMATCH[1]}" = 0 ] && [ "$minor" -lt 7 ]; then
    echo "skip $nvim: $version is older than 0.7, which tact does not support"
    continue
  fi
  if [ "${BASH_REMATCH[1]}" = 0 ] && [ "$minor" -lt 11 ]; then
    run_one "$nvim" setup "$version ($nvim), require('tact').setup()"
    run_one "$nvim" setup-late "$version ($nvim), plugin added to 'runtimepath' after startup, then setup()"
  else
    run_one "$nvim" enable "$version ($nvim), vim.lsp.enable('tact') with lsp/tact.lua"
    run_one "$nvim" setup "$version ($nvim), require('tact').setup()"
    run_one "$nvim" setup-legacy "$version ($nvim), setup() through its 0.8-0.10 path (vim.lsp.start)"
    run_one "$nvim" setup-late "$version ($nvim), plugin added to 'runtimepath' after startup, then setup()"
  fi
done
echo "neovim: total $(elapsed "$total_start") s"

echo "neovim: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
if [ "${#MISSING[@]}" -gt 0 ]; then
  echo "SKIP: not installed: ${MISSING[*]}. Install them with: editors/neovim/test/install.sh"
  exit 77
fi
exit 0
