#!/usr/bin/env bash
# Remakes Benchmarks/startup-order.txt, the start-up layout `make release` links with (issue 6, must-show 5).
#
#   Benchmarks/startup-order.sh
#
# Builds a static executable with symbols and every function in its own section, runs `mailparse dump`,
# `headers` and `text` on a few generated messages of both mixes under callgrind (valgrind, installed if
# missing), and writes the sections of every function they executed, one `.text.NAME` per line, in the
# order gold's --section-ordering-file reads. Functions of C objects built without function sections
# (glibc) cannot be placed and are left out; names the next build no longer has are ignored by the linker,
# so a stale list costs speed, never correctness. Rerun after large changes to the start-up path.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/need.sh"
need valgrind valgrind

work=$(mktemp -d "${TMPDIR:-/tmp}/mailparse-order.XXXXXX")
trap 'rm -rf "$work"' EXIT
scratch="$root/.build/startup-order"
(cd "$root" && swift build -c release --product mailparse --scratch-path "$scratch" --static-swift-stdlib \
  -Xswiftc -static-executable -Xswiftc -Xfrontend -Xswiftc -function-sections \
  -Xlinker -licudata -Xlinker -lstdc++ -Xlinker -lm >&2)
bin="$scratch/release/mailparse"

(cd "$here" && swift build -c release --product generate-corpus >&2)
mkdir "$work/files"
for mix in lists personal; do
  "$here/.build/release/generate-corpus" --mix $mix --size 1M --seed 1 -o "$work/$mix.mbox" >&2
  "$bin" convert --no-fsync --quiet "$work/$mix.mbox" "$work/$mix" >&2
  find "$work/$mix/new" "$work/$mix/cur" -type f | sort | awk 'NR <= 4' | while read -r f; do
    cp "$f" "$work/files/$mix-$(basename "$f").eml"
  done
done

n=0
for f in "$work"/files/*.eml; do
  for command in dump headers text; do
    n=$((n + 1))
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$n" "$bin" $command "$f" \
      >/dev/null 2>"$work/valgrind.log" || true
  done
done
# Function names in the profiles ("fn=(id) name" and "cfn=(id) name" lines), minus callgrind's own.
cat "$work"/cg.* | sed -nE 's/^c?fn=\([0-9]+\) (.+)$/\1/p' | grep -v -e '^(below main)' -e '^0x' | sort -u \
  | sed 's/^/.text./' >"$here/startup-order.txt"
echo "$(wc -l <"$here/startup-order.txt") sections written to $here/startup-order.txt from $n runs" >&2
