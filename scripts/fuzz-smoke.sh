#!/usr/bin/env bash
# A short run of every fuzz target over the committed corpus (CI smoke; real fuzzing runs longer:
# `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> --fuzz-dir crates/core/fuzz`). cargo-fuzz needs nightly flags;
# RUSTC_BOOTSTRAP lets the stable toolchain accept them.
#
# Without AddressSanitizer (`-s none`): llm-native-core has no `unsafe` code, so ASAN would only
# watch the dependencies' unsafe code, and its build is most of this script's time (all targets:
# 6m45 with ASAN, 4m00 without, on 2 cores). Panics, hangs and the RSS limit are libFuzzer's own
# checks and stay. `FUZZ_SANITIZER=address` brings ASAN back.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-10}"
sanitizer="${FUZZ_SANITIZER:-none}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Every target in one build (one cargo run compiling the bins in parallel), then each run reuses it.
RUSTC_BOOTSTRAP=1 cargo fuzz build --fuzz-dir crates/core/fuzz -s "$sanitizer"
for target in $(RUSTC_BOOTSTRAP=1 cargo fuzz list --fuzz-dir crates/core/fuzz); do
  echo "== fuzz $target (${seconds}s)"
  # Run on a scratch copy so the committed corpus only changes on purpose.
  work="$(mktemp -d)"
  cp -r "crates/core/fuzz/corpus/$target/." "$work/"
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" --fuzz-dir crates/core/fuzz -s "$sanitizer" "$work" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 > "$work.log" 2>&1 || status=$?
  grep -E "^(Done|INFO: Seed)|panicked|SUMMARY|ERROR" "$work.log" || true
  if [ "$status" -ne 0 ]; then tail -40 "$work.log"; echo "fuzz target $target failed"; exit "$status"; fi
  rm -rf "$work" "$work.log"
done
