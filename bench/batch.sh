#!/usr/bin/env bash
# Batch queries (tracuu-search --queries FILE, one process) against a process per query, on
# the same N queries: wall time of each, their ratio, and whether the results are the same
# (each query's JSON lines, the batch's "query" key aside). The queries are the first three
# words of the titles of the corpus's first N files (in name order, ASCII punctuation
# dropped), so every one finds something. "Did you mean" lines (stderr) are left out.
# Usage (from the repository root, after scripts/bootstrap):
#   bench/batch.sh ../shared/data/news-dantri [N]      (N: 1000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
index=build/bin/tracuu-index search=build/bin/tracuu-search
[ -x "$index" ] && [ -x "$search" ] || { echo "bench/batch.sh: build first (scripts/bootstrap)" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: bench/batch.sh CORPUS [N]" >&2; exit 2; }
corpus=$1 n=${2:-1000}
command -v jq >/dev/null || { echo "bench/batch.sh: needs jq (to compare the results)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$index" --db "$work/db" "$corpus" 2>/dev/null || [ $? -eq 1 ]
find "$corpus" -name '*.txt' | LC_ALL=C sort | awk -v n="$n" 'NR <= n' | while read -r f; do
  LC_ALL=C awk '!/^#/ && NF { gsub(/[[:punct:]]/, " "); print $1, $2, $3; exit }' "$f"
done >"$work/queries"
count=$(wc -l <"$work/queries")

now() { date +%s.%N; }
start=$(now)
"$search" --db "$work/db" --json -n 10 --queries "$work/queries" >"$work/batch" 2>/dev/null || [ $? -eq 1 ]
batch=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

mkdir "$work/alone"
start=$(now)
i=0
while IFS= read -r q; do
  i=$((i + 1))
  "$search" --db "$work/db" --json -n 10 -- "$q" >"$work/alone/$i" 2>/dev/null || [ $? -eq 1 ]
done <"$work/queries"
alone=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

# The same results: each line as [query, object], the batch's "query" key taken out.
jq -c '.query as $q | del(.query) | [$q, .]' "$work/batch" >"$work/batch.cmp"
for i in $(seq 1 "$count"); do
  jq -c --argjson q "$i" '[$q, .]' "$work/alone/$i"
done >"$work/alone.cmp"
same=no
cmp -s "$work/batch.cmp" "$work/alone.cmp" && same=yes

printf '%-26s %8s %10s %12s\n' "" queries seconds "ms/query"
printf '%-26s %8s %10.2f %12.2f\n' "one process (--queries)" "$count" "$batch" \
  "$(awk -v s="$batch" -v n="$count" 'BEGIN { print 1000 * s / n }')"
printf '%-26s %8s %10.2f %12.2f\n' "a process per query" "$count" "$alone" \
  "$(awk -v s="$alone" -v n="$count" 'BEGIN { print 1000 * s / n }')"
printf 'ratio (a process per query / one process): %.1f; results the same: %s; %s lines of JSON; %s cores\n' \
  "$(awk -v a="$alone" -v b="$batch" 'BEGIN { print a / b }')" "$same" "$(wc -l <"$work/batch")" "$(nproc)"
[ "$same" = yes ]
