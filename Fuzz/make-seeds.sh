#!/usr/bin/env bash
# Builds the seed corpora for the fuzz targets from the project's Corpus/ and, when present,
# ../shared/corpus (third-party files: copied into a gitignored directory, never committed).
#
#   Fuzz/make-seeds.sh [OUT]      # OUT defaults to Fuzz/seeds; makes OUT/TARGET for every target
#
# Files larger than 64 KiB are cut (libFuzzer's -max_len is smaller anyway); the header seeds
# are the distinct field values of the message seeds; SpamAssassin is sampled (every 10th file).
# The grammar targets get the values of the fields they parse (address fields, Date, ids,
# Received, Authentication-Results, text with encoded words, Content-Type/Disposition); the
# codec targets get the encoded bodies (base64, QP, uuencode), flowed and other text parts, and
# text in each charset `charset` knows, prefixed with that charset's selector byte.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="${1:-$here/seeds}"
shared="$root/../shared/corpus"
rm -rf "$out"
targets="reader message headers mbox address date messageid received authresults encodedword parameters base64 qp uudecode encoders flowed charset"
for t in $targets; do mkdir -p "$out/$t"; done

n=0
add() { # add FILE DIR...: a 64 KiB prefix of FILE into each DIR, named by content hash
  local f="$1"; shift
  local name; name=$(head -c 65536 "$f" | sha1sum | cut -c1-16)
  for d in "$@"; do head -c 65536 "$f" >"$out/$d/$name"; done
  n=$((n + 1))
}

is_mbox() { head -c 5 "$1" | grep -q '^From '; }

while IFS= read -r -d '' f; do
  if is_mbox "$f"; then add "$f" mbox reader message; else add "$f" reader message; fi
done < <(find "$root/Corpus" -maxdepth 2 -type f ! -name '*.md' -print0 2>/dev/null)

if [ -d "$shared" ]; then
  i=0
  while IFS= read -r -d '' f; do
    case "$f" in */spamassassin/*) i=$((i + 1)); [ $((i % 10)) = 0 ] || continue ;; esac
    case "$f" in *.gz|*.json|*.tsv|*.csv|*.py|*.cs|*.c|*.h|*.go|*.rb) continue ;; esac
    if is_mbox "$f"; then add "$f" mbox reader message; else add "$f" reader message; fi
  done < <(find "$shared" -type f -size -2M ! -iname 'LICENSE*' ! -iname 'README*' ! -name 'SHA256SUMS' -print0 | sort -z)
else
  echo "note: $shared not present; seeding from Corpus/ only" >&2
fi

# Header field values: everything after the first colon of each header line (folding kept).
python3 - "$out" <<'PY'
import hashlib, os, sys
out = sys.argv[1]
seen = set()
for name in os.listdir(os.path.join(out, "message")):
    data = open(os.path.join(out, "message", name), "rb").read()
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    field = None
    for line in head.split(b"\n") + [b""]:
        if line[:1] in (b" ", b"\t") and field is not None:
            field += b"\n" + line
            continue
        if field is not None and field not in seen and len(seen) < 4000:
            seen.add(field)
            open(os.path.join(out, "headers", hashlib.sha1(field).hexdigest()[:16]), "wb").write(field)
        field = line.split(b":", 1)[1] if b":" in line else None
PY
python3 "$here/seed-grammars.py" "$out"
for d in $targets; do echo "$d: $(ls "$out/$d" | wc -l) seeds"; done
