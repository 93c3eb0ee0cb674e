#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each), one after another, seeded from
# the project's test vectors and, when present, ../shared/test-vectors. Fails on any crash,
# panic, timeout, leak or out-of-memory (libFuzzer exits non-zero and cargo fuzz passes it on).
# Usage: fuzz/smoke.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true

# cargo fuzz needs a nightly compiler for its sanitizer flags. Use the nightly toolchain when
# rustup has one; otherwise let the default toolchain accept nightly flags.
if cargo +nightly --version >/dev/null 2>&1; then
    cargo=(cargo +nightly)
else
    echo "smoke.sh: no nightly toolchain; using the default one with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
    cargo=(cargo)
fi

if ! "${cargo[@]}" fuzz --version >/dev/null 2>&1; then
    echo "smoke.sh: installing cargo-fuzz"
    "${cargo[@]}" install cargo-fuzz --locked
fi

./seed.sh

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <("${cargo[@]}" fuzz list)
fi
echo "smoke.sh: building ${#targets[@]} targets"
"${cargo[@]}" fuzz build

mkdir -p logs
failed=()
for target in "${targets[@]}"; do
    # The differential targets read edit records: a few hundred are plenty.
    case "$target" in
        *mutated*) max_len=1024 ;;
        *) max_len=65536 ;;
    esac
    mkdir -p "corpus/$target" "seeds/$target"
    log="logs/$target.log"
    echo "== fuzzing $target for ${seconds}s"
    if "${cargo[@]}" fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" || true
    else
        echo "FAIL: $target (log follows; the input is in fuzz/artifacts/$target/)" >&2
        tail -n 60 "$log" >&2
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "smoke.sh: findings in: ${failed[*]}" >&2
    exit 1
fi
echo "smoke.sh: ${#targets[@]} targets ran ${seconds}s each with no finding"
