#!/usr/bin/env bash
# End to end against SQLite FTS5: indexes CORPUS (or N copies of it, under new ids) with the
# real tracuu-index and puts the very same passages (read back from the tracuu database)
# into an SQLite FTS5 table (unicode61 remove_diacritics 2) with the sqlite3 shell; prints,
# for both in the same run, indexing wall time, MB/s and peak RSS, the size on disk as
# built and compacted (tracuu: xapian-compact; FTS5: 'optimize' + VACUUM), and the query
# latency over bench/queries/mixed.tsv in-process and as a process per query (with the
# floor of process start of each), with the ratios tracuu/FTS5. See bench/README.md, "End
# to end against SQLite FTS5". Usage, from anywhere:
#   bench/e2e.sh CORPUS [--scale N] [--build DIR] [--queries FILE] [--repeats R]
#                [--process-repeats R] [--work DIR] [--keep] [--no-small-reports]
#                [--no-xapian-floor]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  cat >&2 <<'EOF'
usage: bench/e2e.sh CORPUS [options]
  --scale N             index N copies of every report of CORPUS, under new ids (default 1)
  --build DIR           build folder with bin/tracuu-index, tracuu-search, tracuu-bench-e2e,
                        tracuu-bench-floor (default: build)
  --queries FILE        class<TAB>query file (default: bench/queries/mixed.tsv)
  --repeats R           timed rounds of the in-process latency (default 30)
  --process-repeats R   timed rounds of the per-process latency (default 10)
  --work DIR            folder for the corpus copies and indexes (default: a new temporary one)
  --keep                keep the work folder (default: removed at the end)
  --no-small-reports    skip indexing every passage again as a report of its own (JSON lines)
  --no-xapian-floor     skip indexing the passages into Xapian alone (the writer's floor)
EOF
  exit 2
}

corpus="" scale=1 build=build queries=bench/queries/mixed.tsv repeats=30 process_repeats=10
work="" keep=0 small=1 floor=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --queries) queries=${2:?}; shift 2 ;;
    --repeats) repeats=${2:?}; shift 2 ;;
    --process-repeats) process_repeats=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-small-reports) small=0; shift ;;
    --no-xapian-floor) floor=0; shift ;;
    -h|--help) usage ;;
    -*) echo "bench/e2e.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$corpus" ] || usage; corpus=$1; shift ;;
  esac
done
[ -n "$corpus" ] || usage
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "bench/e2e.sh: --scale wants a whole number >= 1" >&2; exit 2; }
[ -e "$corpus" ] || { echo "bench/e2e.sh: no corpus at $corpus" >&2; exit 2; }
# Paths given relative to where the script was called from, or to the repository.
abs() { case "$1" in /*) echo "$1" ;; *) if [ -e "$1" ]; then echo "$PWD/$1"; else echo "$root/$1"; fi ;; esac; }
corpus=$(abs "$corpus") build=$(abs "$build") queries=$(abs "$queries")
bin=$build/bin
for b in tracuu-index tracuu-search tracuu-bench-e2e tracuu-bench-floor; do
  [ -x "$bin/$b" ] || { echo "bench/e2e.sh: no $bin/$b; build it: cmake --build $build --target tracuu-index tracuu-search tracuu-bench-e2e tracuu-bench-floor" >&2; exit 2; }
done
for tool in sqlite3 xapian-compact; do
  command -v "$tool" >/dev/null || { echo "bench/e2e.sh: no $tool (scripts/install-deps installs it)" >&2; exit 2; }
done
[ -f "$queries" ] || { echo "bench/e2e.sh: no query file $queries" >&2; exit 2; }

if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-e2e.XXXXXX")
  [ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
else
  mkdir -p "$work"
  rm -rf "$work/corpus" "$work/tracuu.db" "$work/tracuu.compact" "$work/fts5.sqlite" "$work/passages" \
    "$work/small.jsonl" "$work/small.db" "$work"/xapian.*
fi

say() { printf '%s\n' "$*" >&2; }
now() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
calc() { awk "BEGIN { x = $1; printf \"$2\", x }"; }
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 <= 0) { printf "-"; exit } r = a / b
    printf (r >= 100 ? "%.0f" : r >= 0.1 ? "%.2f" : "%.2g"), r }'
}
ms() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }

# Runs a command with its wall time in $wall (s) and its peak RSS in $rss (MB, "-" unknown);
# its stdout and stderr go to the file $1. Exit status 1 is allowed (tracuu-index: some
# input skipped); any other failure stops the benchmark.
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time
measure() {
  local out=$1 start rc=0
  shift
  start=$(now)
  if [ -n "$timer" ]; then
    "$timer" -v -o "$work/time.txt" "$@" >"$out" 2>&1 || rc=$?
  else
    "$@" >"$out" 2>&1 || rc=$?
  fi
  wall=$(seconds_since "$start")
  if [ "$rc" -gt 1 ]; then
    say "bench/e2e.sh: failed ($rc): $*"; tail -5 "$out" >&2; exit 1
  fi
  rss="-"
  if [ -n "$timer" ]; then
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
  fi
}

name=$(basename "$corpus")
label="$name"
if [ "$scale" -gt 1 ]; then label="$name ×$scale"; fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "e2e: $label; work folder $work"

# 1. The corpus: N copies of every report in their own folders x1..xN, as .txt files whose
#    "# doc_id" line (JSON lines: "id") gets "~K" (tracuu-bench-e2e scale).
indexed=$corpus
if [ "$scale" -gt 1 ]; then
  start=$(now)
  "$bin/tracuu-bench-e2e" scale --copies "$scale" --out "$work/corpus" "$corpus" >/dev/null
  say "e2e: $scale copies written in $(seconds_since "$start") s"
  indexed=$work/corpus
fi
input_mb=$(mb "$indexed")

# 2. tracuu: index, then compact a copy.
say "e2e: indexing with tracuu-index"
measure "$work/index.log" "$bin/tracuu-index" --db "$work/tracuu.db" "$indexed"
t_wall=$wall t_rss=$rss
summary=$(grep -E '^tracuu-index: [0-9]+ report' "$work/index.log" | tail -1)
reports=$(sed -E 's/^tracuu-index: ([0-9]+) report.*/\1/' <<<"$summary")
t_passages=$(sed -E 's/.*, ([0-9]+) passages?,.*/\1/' <<<"$summary")
skipped=$(sed -E 's/.* ([0-9]+) skipped.*/\1/' <<<"$summary")
if [ "$t_rss" = "-" ]; then t_rss=$(sed -E 's/.*peak memory ([0-9]+) MB.*/\1/' <<<"$summary"); fi
t_built=$(mb "$work/tracuu.db")
say "e2e: compacting"
start=$(now)
xapian-compact --no-renumber "$work/tracuu.db" "$work/tracuu.compact" >/dev/null
# The model file beside the database (shared/index/schema.h), which xapian-compact leaves.
cp "$work/tracuu.db/tracuu.segmenter" "$work/tracuu.compact/" 2>/dev/null || true
t_compact_s=$(seconds_since "$start")
t_compacted=$(mb "$work/tracuu.compact")
if [ "$keep" = 0 ]; then
  rm -rf "$work/tracuu.db" "$work/corpus"
fi
db=$work/tracuu.compact

# 3. FTS5: the passages of the tracuu database, loaded by the sqlite3 shell in one
#    transaction (.import), with the pragmas and schema of bench_util's build_fts5.
say "e2e: reading the passages back; building the FTS5 table"
jsonl_out=()
[ "$small" = 1 ] && jsonl_out=(--jsonl "$work/small.jsonl")
"$bin/tracuu-bench-e2e" passages --db "$db" --out "$work/passages" "${jsonl_out[@]}" >"$work/passages.log"
f_passages=$(awk '$2 == "passages.count" { print $3 }' "$work/passages.log")
text_mb=$(awk '$2 == "passages.bytes" { printf "%.1f", $3 / 1e6 }' "$work/passages.log")
[ "$f_passages" = "$t_passages" ] || say "e2e: warning: the database has $f_passages passages, the indexer said $t_passages"
fts=$work/fts5.sqlite
measure "$work/fts5.log" sqlite3 "$fts" "PRAGMA journal_mode=OFF;" "PRAGMA synchronous=OFF;" \
  "CREATE VIRTUAL TABLE passages USING fts5(text, tokenize='unicode61 remove_diacritics 2');" \
  ".import --ascii \"$work/passages\" passages"
f_wall=$wall f_rss=$rss
rows=$(sqlite3 "$fts" "SELECT count(*) FROM passages")
[ "$rows" = "$f_passages" ] || { say "bench/e2e.sh: FTS5 has $rows rows, want $f_passages"; cat "$work/fts5.log" >&2; exit 1; }
f_built=$(mb "$fts")
start=$(now)
sqlite3 "$fts" "INSERT INTO passages(passages) VALUES('optimize');" "VACUUM;"
f_optimize_s=$(seconds_since "$start")
f_optimized=$(mb "$fts")

# 3a. Xapian alone, the same passages (tracuu-bench-e2e xapian): the floor of any index
#     written by Xapian, without tracuu's text pipeline, model or writer; compacted as
#     tracuu's is (the compacted copies stay with --keep). `plain`: Xapian's TermGenerator,
#     a term per word with positions; `forms`: the two forms of every word that tracuu's
#     matching needs (issue 17), with positions on one of them only.
x_plain_wall="-" x_forms_wall="-" x_plain_mb="-" x_forms_mb="-"
if [ "$floor" = 1 ]; then
  for floor_terms in plain forms; do
    say "e2e: the passages into Xapian alone ($floor_terms)"
    positions=all
    [ "$floor_terms" = forms ] && positions=one
    measure "$work/xapian.$floor_terms.log" "$bin/tracuu-bench-e2e" xapian --passages "$work/passages" \
      --db "$work/xapian.$floor_terms" --terms "$floor_terms" --positions "$positions"
    xapian-compact "$work/xapian.$floor_terms" "$work/xapian.$floor_terms.compact" >/dev/null
    printf -v "x_${floor_terms}_wall" '%s' "$wall"
    printf -v "x_${floor_terms}_mb" '%s' "$(mb "$work/xapian.$floor_terms.compact")"
    rm -rf "$work/xapian.$floor_terms"
    [ "$keep" = 1 ] || rm -rf "$work/xapian.$floor_terms.compact"
  done
fi
rm -f "$work/passages"

# 3b. Many small reports: every passage again, as a report of its own (JSON lines), into a
#     new tracuu database; FTS5 indexes the very same text either way, so its time above
#     is the baseline.
s_wall="-"
if [ "$small" = 1 ]; then
  say "e2e: indexing every passage as a report of its own (JSON lines)"
  measure "$work/small.log" "$bin/tracuu-index" --db "$work/small.db" "$work/small.jsonl"
  s_wall=$wall
  s_reports=$(sed -nE 's/^tracuu-index: ([0-9]+) report.*/\1/p' "$work/small.log" | tail -1)
  [ "$s_reports" = "$f_passages" ] || say "e2e: warning: $s_reports small reports indexed, want $f_passages"
  rm -rf "$work/small.db" "$work/small.jsonl"
fi

# 4. Query latency: in-process, then a process per query.
nq=$(grep -cv -e '^#' -e '^$' "$queries")
say "e2e: in-process latency ($nq queries × $repeats rounds)"
"$bin/tracuu-bench-e2e" latency --db "$db" --fts "$fts" --queries "$queries" --repeats "$repeats" >"$work/latency.txt"
say "e2e: per-process latency ($nq queries × $process_repeats rounds × 4 programs)"
"$bin/tracuu-bench-e2e" processes --db "$db" --fts "$fts" --queries "$queries" \
  --repeats "$process_repeats" --bin "$bin" >"$work/processes.txt" || say "e2e: some processes failed (see above)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
get() { awk -v k="$1" '$1 == "@" && $2 == k { print $3 }' "$work/latency.txt" "$work/processes.txt"; }

# 5. The figures.
t_mbs=$(calc "$text_mb / $t_wall" "%.2f") f_mbs=$(calc "$text_mb / $f_wall" "%.2f")
ti_med=$(ms "$(get inproc.tracuu.median)") ti_p99=$(ms "$(get inproc.tracuu.p99)")
fi_med=$(ms "$(get inproc.fts5.median)") fi_p99=$(ms "$(get inproc.fts5.p99)")
tp_med=$(ms "$(get proc.tracuu.median)") tp_p99=$(ms "$(get proc.tracuu.p99)")
fp_med=$(ms "$(get proc.sqlite3.median)") fp_p99=$(ms "$(get proc.sqlite3.p99)")
tf_med=$(ms "$(get proc.floor.median)") ff_med=$(ms "$(get proc.shellfloor.median)")
t_above=$(calc "$tp_med - $tf_med" "%.2f") f_above=$(calc "$fp_med - $ff_med" "%.2f")
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }

printf '## %s: %s reports, %s passages; %s MB input, %s MB of passage text\n\n' "$label" \
  "$reports" "$t_passages" "$input_mb" "$text_mb"
if [ "$scale" -gt 1 ]; then
  printf '%s copies of every report of %s under new ids (ID~K), in the formats of its files.\n' \
    "$scale" "$name"
fi
printf 'Load average (1, 5, 15 min) before: %s, after: %s; %s cores.' "$load_before" "$load_after" "$(nproc)"
if [ "$skipped" != 0 ]; then printf ' tracuu-index skipped %s inputs (see its log).' "$skipped"; fi
printf '\n\n| | tracuu | FTS5 | tracuu/FTS5 |\n|---|---|---|---|\n'
row "indexing wall s" "$t_wall" "$f_wall"
row "indexing MB/s (passage text)" "$t_mbs" "$f_mbs"
if [ "$small" = 1 ]; then row "indexing wall s, every passage a report of its own (JSON lines)" "$s_wall" "$f_wall"; fi
row "peak RSS MB" "$t_rss" "$f_rss"
if [ "$floor" = 1 ]; then
  row "indexing wall s, Xapian alone: TermGenerator, a term per word with positions" "$x_plain_wall" "$f_wall"
  row "indexing wall s, Xapian alone: tracuu's two forms of each word, positions on one" "$x_forms_wall" "$f_wall"
fi
row "index MB as built" "$t_built" "$f_built"
row "index MB compacted (tracuu) / optimized (FTS5)" "$t_compacted" "$f_optimized"
if [ "$floor" = 1 ]; then
  row "index MB compacted, Xapian alone: TermGenerator" "$x_plain_mb" "$f_optimized"
  row "index MB compacted, Xapian alone: tracuu's two forms" "$x_forms_mb" "$f_optimized"
fi
row "compact / optimize s" "$t_compact_s" "$f_optimize_s"
row "in-process median ms" "$ti_med" "$fi_med"
row "in-process p99 ms" "$ti_p99" "$fi_p99"
row "process median ms (tracuu-search / sqlite3)" "$tp_med" "$fp_med"
row "process p99 ms" "$tp_p99" "$fp_p99"
row "floor median ms (tracuu-bench-floor / sqlite3 SELECT 1)" "$tf_med" "$ff_med"
row "process median above its floor ms" "$t_above" "$f_above"
printf '\n'
sed '/^@ /d' "$work/latency.txt"
printf '\n'
sed '/^@ /d' "$work/processes.txt"

# The issue's targets, on this run.
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
printf '\nTargets: indexing <= 8x FTS5 wall: %s (%sx);' "$(verdict "$t_wall <= 8 * $f_wall")" "$(ratio "$t_wall" "$f_wall")"
if [ "$small" = 1 ]; then
  printf ' small reports <= 10x FTS5 wall: %s (%sx);' "$(verdict "$s_wall <= 10 * $f_wall")" "$(ratio "$s_wall" "$f_wall")"
fi
printf ' size <= 2.5x FTS5 compacted: %s (%sx);' \
  "$(verdict "$t_compacted <= 2.5 * $f_optimized")" "$(ratio "$t_compacted" "$f_optimized")"
printf ' process median <= 1.5x sqlite3: %s (%sx); process p99 <= 30 ms: %s (%s ms);' \
  "$(verdict "$tp_med <= 1.5 * $fp_med")" "$(ratio "$tp_med" "$fp_med")" \
  "$(verdict "$tp_p99 <= 30")" "$tp_p99"
printf ' in-process median <= FTS5: %s (%sx)\n' "$(verdict "$ti_med <= $fi_med")" "$(ratio "$ti_med" "$fi_med")"
if [ "$floor" = 1 ]; then
  printf 'Xapian alone, the floor of the indexing and size targets: TermGenerator %sx FTS5 wall, %sx its size; tracuu'"'"'s two forms %sx, %sx\n' \
    "$(ratio "$x_plain_wall" "$f_wall")" "$(ratio "$x_plain_mb" "$f_optimized")" \
    "$(ratio "$x_forms_wall" "$f_wall")" "$(ratio "$x_forms_mb" "$f_optimized")"
fi
if [ "$keep" = 1 ]; then say "e2e: kept $work"; fi
exit 0
