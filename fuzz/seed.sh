#!/usr/bin/env bash
# Builds fuzz/seeds/<target>/ from the project's test vectors and, when present, the shared
# real-device vectors beside the checkout (../shared/test-vectors), with the helper
# examples/fuzz_seeds.rs. Seeds are generated at run time and never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=(test-vectors)
if [ -d ../shared/test-vectors ]; then
    dirs+=(../shared/test-vectors)
else
    echo "seed.sh: ../shared/test-vectors is absent; seeding from test-vectors/ only" >&2
fi
rm -rf fuzz/seeds
cargo run --quiet --example fuzz_seeds -- fuzz/seeds "${dirs[@]}"
