#!/usr/bin/env bash
# Builds fuzz/seeds/<target>/ from the project's own vectors and, when present, the shared
# real-device vectors beside the checkout. Seeds are generated, never committed.
set -euo pipefail
cd "$(dirname "$0")"
shared=../../shared/test-vectors
rm -rf seeds && mkdir -p seeds

add() { # add TARGET FILE...
    local target=$1; shift
    mkdir -p "seeds/$target"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "seeds/$target/$(echo "$f" | tr '/' '_')"
    done
    return 0
}

add android_chain ../test-vectors/android/example/chain.pem
if [ -d "$shared/android" ]; then
    add android_chain "$shared"/android/*/chain.pem
    for f in "$shared"/android/keydescription-*.b64 "$shared"/android/authlist-*.b64; do
        [ -f "$f" ] && base64 -d "$f" > "seeds/key_description_$(basename "$f").der" 2>/dev/null || true
    done
fi
mkdir -p seeds/key_description seeds/android_mutated_chain
mv seeds/key_description_*.der seeds/key_description/ 2>/dev/null || true
printf '\x00\x00\x01' > seeds/android_mutated_chain/flip-first-byte
