#!/usr/bin/env bash
# Ingestion benchmark: indexes each corpus given into a fresh temporary database with the
# real tracuu-index and prints reports/s, MB/s of input, peak memory, and the index size on
# disk before and after xapian-compact; then indexes it again (nothing changed: the
# incremental run). Usage (from the repository root, after scripts/bootstrap):
#   bench/ingest.sh ../shared/data/news-dantri ../shared/data/law-vlc
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/tracuu-index
[ -x "$bin" ] || { echo "bench/ingest.sh: build first (scripts/bootstrap)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: bench/ingest.sh CORPUS..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }

printf '%-14s %8s %9s %8s %9s %8s %9s %9s %11s %9s\n' corpus reports passages "input MB" \
  seconds reports/s "MB/s" "peak MB" "index MB" compacted
for corpus in "$@"; do
  name=$(basename "$corpus")
  db="$work/$name.db"
  input_mb=$(du -sb "$corpus" | awk '{printf "%.1f", $1 / 1e6}')
  start=$(date +%s.%N)
  summary=$("$bin" --db "$db" "$corpus" 2>&1 | grep -E '^tracuu-index: [0-9]+ report' | tail -1) || true
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  reports=$(sed -E 's/^tracuu-index: ([0-9]+) report.*/\1/' <<<"$summary")
  passages=$(sed -E 's/.*, ([0-9]+) passages?,.*/\1/' <<<"$summary")
  peak=$(sed -E 's/.*peak memory ([0-9]+) MB.*/\1/' <<<"$summary")
  before=$(mb "$db")
  xapian-compact --no-renumber "$db" "$db.compact" >/dev/null
  after=$(mb "$db.compact")
  printf '%-14s %8s %9s %8s %9.2f %9.0f %9.2f %8s %11s %9s\n' "$name" "$reports" "$passages" \
    "$input_mb" "$seconds" "$(awk -v r="$reports" -v s="$seconds" 'BEGIN { print r / s }')" \
    "$(awk -v m="$input_mb" -v s="$seconds" 'BEGIN { print m / s }')" "$peak" "$before" "$after"
  start=$(date +%s.%N)
  again=$("$bin" --db "$db" "$corpus" 2>&1 | grep -E '^tracuu-index: [0-9]+ report' | tail -1) || true
  end=$(date +%s.%N)
  printf '%-14s again (incremental, nothing changed): %.2f s — %s\n' "$name" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$(sed -E 's/^[^(]*\(([^)]*)\).*/\1/' <<<"$again")"
done
echo "(wall time of the whole program: model learning for the new database included;" \
     "$(nproc) cores)"
