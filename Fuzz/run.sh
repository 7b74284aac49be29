#!/usr/bin/env bash
# Runs one fuzz target for a while: builds the harness (release, fuzzer + address sanitizers),
# makes the seeds if missing, and keeps the growing corpus and any crash under Fuzz/runs/TARGET/.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags...]      TARGET: see Fuzz/README.md (all: targets.txt)
#
# With MAILPARSE_FUZZ_ALPHABET=1 (the alphabet-restricted mode, Fuzz/README.md) the corpus is
# kept apart in Fuzz/runs/TARGET-alphabet/ and no seeds are used: seed files are not token codes.
#
# Exits non-zero on a crash, an ASan report, a timeout (-timeout, 10 s per input) or an
# out-of-memory (-rss_limit_mb); the input is saved as Fuzz/runs/TARGET/crash-* (or timeout-*,
# oom-*). Reproduce with: Fuzz/.build/release/mailparse-fuzz TARGET Fuzz/runs/TARGET/crash-…
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: run.sh TARGET SECONDS}"; seconds="${2:-60}"; shift 2 || shift $#
grep -qx "$target" "$here/targets.txt" || { echo "unknown target $target (see Fuzz/targets.txt)" >&2; exit 64; }
# -Xcc instruments the C targets too (the vector kernels' stores), not only the Swift code.
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address --package-path "$here" 2>&1 | grep -v '^\[' || true
bin="$here/.build/release/mailparse-fuzz"
[ -x "$bin" ] || { echo "fuzz harness failed to build" >&2; exit 1; }
[ -d "$here/seeds/$target" ] || "$here/make-seeds.sh" "$here/seeds"
work="$here/runs/$target"
seeds="$here/seeds/$target"
if [ -n "${MAILPARSE_FUZZ_ALPHABET:-}" ] && [ "${MAILPARSE_FUZZ_ALPHABET}" != 0 ]; then
  work="$here/runs/$target-alphabet"; seeds=""
fi
mkdir -p "$work/corpus"
# Swift's backtracer gives a false ASan report and can hang a run (TOOLCHAIN.md).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0}"
exec "$bin" "$target" -dict="$here/mime.dict" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/" "$@" \
  "$work/corpus" $seeds
