#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 60), one at a
# time, starting from its committed seeds (fuzz/seeds/<target>/), the saved
# crash inputs (fuzz/regressions/<target>/) and the local corpus
# (fuzz/corpus/<target>/, not committed). Exits 1 if any target crashed,
# timed out or ran out of memory, after printing the input libFuzzer saved.
#
#   fuzz/run.sh [SECONDS]
#
# Environment:
#   FUZZ_TARGETS    targets to run (default: all six)
#   FUZZ_SANITIZER  none (default; stable Rust) or address (needs nightly
#                   flags: run with RUSTC_BOOTSTRAP=1, which this script sets)
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (25)
#
# Installs cargo-fuzz 0.13 from crates.io when missing.
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)
seconds=${1:-60}
sanitizer=${FUZZ_SANITIZER:-none}
timeout=${FUZZ_TIMEOUT:-25}
read -r -a targets <<<"${FUZZ_TARGETS:-readers lint reuse config rulesets lsp_documents}"

if [[ $sanitizer != none ]]; then
    export RUSTC_BOOTSTRAP=1
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz ($(date +%T))"
    cargo install cargo-fuzz --version '^0.13' --locked
fi
cargo fuzz --version

# Optimised, with debug assertions and overflow checks.
flags=(--fuzz-dir "$fuzz_dir" --release --debug-assertions --sanitizer "$sanitizer")

echo "== building the fuzz targets ($(date +%T))"
# cargo fuzz has no --locked: check here that fuzz/Cargo.lock is current.
cargo metadata --locked --format-version 1 --manifest-path "$fuzz_dir/Cargo.toml" >/dev/null
(cd .. && cargo fuzz build "${flags[@]}")

dict() {
    case $1 in
        config | rulesets) echo "$fuzz_dir/dicts/toml.dict" ;;
        lsp_documents) ;;
        *) echo "$fuzz_dir/dicts/text.dict" ;;
    esac
}

mkdir -p logs
failed=()
for target in "${targets[@]}"; do
    echo "== $target: ${seconds} s ($(date +%T))"
    mkdir -p "corpus/$target" "artifacts/$target"
    corpora=("$fuzz_dir/corpus/$target" "$fuzz_dir/seeds/$target")
    if [[ -d regressions/$target ]]; then
        corpora+=("$fuzz_dir/regressions/$target")
    fi
    args=(
        -max_total_time="$seconds"
        -timeout="$timeout"
        -rss_limit_mb=2048
        -print_final_stats=1
        -artifact_prefix="$fuzz_dir/artifacts/$target/"
    )
    d=$(dict "$target")
    if [[ -n $d ]]; then
        args+=(-dict="$d")
    fi
    log="logs/$target.log"
    status=0
    (cd .. && cargo fuzz run "${flags[@]}" "$target" "${corpora[@]}" -- "${args[@]}") \
        >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
    if [[ $status -ne 0 ]]; then
        echo "!! $target failed (status $status); the end of $fuzz_dir/$log:"
        tail -n 60 "$log"
        grep -oE "Test unit written to [^ ]+" "$log" | sed 's/.*written to /!! input saved at /' || true
        failed+=("$target")
    fi
done

if ((${#failed[@]})); then
    echo "== FAILED: ${failed[*]} ($(date +%T))"
    exit 1
fi
echo "== every target ran ${seconds} s without a crash ($(date +%T))"
