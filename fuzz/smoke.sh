#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each), seeded from the project's test
# vectors and, when present, ../shared/test-vectors. Fails on any crash, panic, timeout or OOM.
# Usage: fuzz/smoke.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo +nightly install cargo-fuzz --locked
fi

./seed.sh

targets=$(cargo +nightly fuzz list)
cargo +nightly fuzz build $targets >/dev/null 2>&1 || cargo +nightly fuzz build
for target in $targets; do
    echo "fuzzing $target for ${seconds}s"
    mkdir -p "corpus/$target"
    cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 2>&1 | tail -n 12
done
