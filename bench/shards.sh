#!/usr/bin/env bash
# Shards: indexes CORPUS (or N copies of it, under new ids) into one database and into
# sharded ones (tracuu-index --shards S), serves the most-sharded one over loopback with one
# xapian-tcpsrv per shard, and prints for every configuration the indexing wall time, MB/s
# and peak RSS, the size on disk, and the query latency median/p99 over
# bench/queries/mixed.tsv in-process (Searcher over the collection) and as a process per
# query (tracuu-search --db ...); it also checks that every configuration gives the very
# same results (--json, top 20) as the single database. See bench/README.md, "Shards".
#   bench/shards.sh CORPUS [--scale N] [--shards "2 4"] [--merge] [--build DIR]
#                   [--queries FILE] [--repeats R] [--process-repeats R] [--work DIR] [--keep]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  cat >&2 <<'EOF'
usage: bench/shards.sh CORPUS [options]
  --scale N             index N copies of every report of CORPUS, under new ids (default 1)
  --shards "S..."       shard counts besides the single database (default "2 4")
  --merge               index only the largest shard count and compact its shards; build the
                        single database and the other counts from them with xapian-compact
                        (shard k of S holds shards k, k+S, ... of the largest when S divides
                        it): for large scales, where indexing every configuration takes too
                        long. Without it, every configuration is indexed and none compacted
  --build DIR           build folder with bin/tracuu-index, tracuu-search, tracuu-bench-e2e
                        (default: build)
  --queries FILE        class<TAB>query file (default: bench/queries/mixed.tsv)
  --repeats R           timed in-process rounds (default 10)
  --process-repeats R   timed per-process rounds (default 3)
  --work DIR            folder for the corpus copies and databases (default: a new temporary one)
  --keep                keep the work folder (default: removed at the end)
EOF
  exit 2
}

corpus="" scale=1 shard_counts="2 4" merge=0 build=build queries=bench/queries/mixed.tsv
repeats=10 process_repeats=3 work="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=${2:?}; shift 2 ;;
    --shards) shard_counts=${2:?}; shift 2 ;;
    --merge) merge=1; shift ;;
    --build) build=${2:?}; shift 2 ;;
    --queries) queries=${2:?}; shift 2 ;;
    --repeats) repeats=${2:?}; shift 2 ;;
    --process-repeats) process_repeats=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    -*) echo "bench/shards.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$corpus" ] || usage; corpus=$1; shift ;;
  esac
done
[ -n "$corpus" ] || usage
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "bench/shards.sh: --scale wants a whole number >= 1" >&2; exit 2; }
for s in $shard_counts; do
  [[ "$s" =~ ^[1-9][0-9]*$ ]] && [ "$s" -ge 2 ] || { echo "bench/shards.sh: --shards wants counts >= 2" >&2; exit 2; }
done
[ -e "$corpus" ] || { echo "bench/shards.sh: no corpus at $corpus" >&2; exit 2; }
abs() { case "$1" in /*) echo "$1" ;; *) if [ -e "$1" ]; then echo "$PWD/$1"; else echo "$root/$1"; fi ;; esac; }
corpus=$(abs "$corpus") build=$(abs "$build") queries=$(abs "$queries")
bin=$build/bin
for b in tracuu-index tracuu-search tracuu-bench-e2e; do
  [ -x "$bin/$b" ] || { echo "bench/shards.sh: no $bin/$b; build it: cmake --build $build --target tracuu-index tracuu-search tracuu-bench-e2e" >&2; exit 2; }
done
for tool in xapian-compact xapian-tcpsrv python3; do
  command -v "$tool" >/dev/null || { echo "bench/shards.sh: no $tool (scripts/install-deps installs xapian-tools)" >&2; exit 2; }
done
[ -f /usr/bin/time ] || { echo "bench/shards.sh: no /usr/bin/time (scripts/install-deps installs it)" >&2; exit 2; }
largest=0
for s in $shard_counts; do [ "$s" -gt "$largest" ] && largest=$s; done

if [ -z "$work" ]; then work=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-shards-XXXXXX"); else mkdir -p "$work"; fi
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
export TRACUU_DB=""

input=$corpus
if [ "$scale" -gt 1 ]; then
  "$bin/tracuu-bench-e2e" scale --copies "$scale" --out "$work/corpus" "$corpus" >/dev/null
  input=$work/corpus
fi
bytes=$(du -sb --apparent-size "$input" | cut -f1)

declare -A wall rss
index() {  # index NAME [--shards S]
  local name=$1; shift
  rm -rf "$work/$name"
  local t=$work/$name.time
  /usr/bin/time -f "%e %M" -o "$t" "$bin/tracuu-index" --db "$work/$name" "$@" "$input" 2>"$work/$name.log" ||
    { cat "$work/$name.log" >&2; exit 1; }
  read -r wall["$name"] rss["$name"] < "$t"
}
merge_into() {  # merge_into DEST SOURCE...
  local dest=$1; shift
  rm -rf "$dest"
  xapian-compact -q "$@" "$dest" >/dev/null
  # The model file beside each database (shared/index/schema.h), which xapian-compact leaves.
  cp "$1/tracuu.segmenter" "$dest/" 2>/dev/null || true
}

configs=(one)
for s in $shard_counts; do configs+=("s$s"); done
if [ "$merge" = 1 ]; then
  index "s$largest" --shards "$largest"
  # Every configuration compacted (the merged ones are, by xapian-compact), so that they
  # compare alike.
  shards=()
  for ((k = 0; k < largest; k++)); do
    merge_into "$work/s$largest/shard-$k.compact" "$work/s$largest/shard-$k"
    rm -rf "$work/s$largest/shard-$k"
    mv "$work/s$largest/shard-$k.compact" "$work/s$largest/shard-$k"
    shards+=("$work/s$largest/shard-$k")
  done
  merge_into "$work/one" "${shards[@]}"
  for s in $shard_counts; do
    [ "$s" = "$largest" ] && continue
    [ $((largest % s)) = 0 ] || { echo "bench/shards.sh: --merge: $s does not divide $largest" >&2; exit 2; }
    mkdir -p "$work/s$s"
    { echo "# merged from s$largest by bench/shards.sh"; for ((k = 0; k < s; k++)); do echo "auto shard-$k"; done; } > "$work/s$s/tracuu.stub"
    for ((k = 0; k < s; k++)); do
      parts=()
      for ((j = k; j < largest; j += s)); do parts+=("$work/s$largest/shard-$j"); done
      merge_into "$work/s$s/shard-$k" "${parts[@]}"
    done
  done
else
  index one
  for s in $shard_counts; do index "s$s" --shards "$s"; done
fi

# The largest shard count served over loopback: one xapian-tcpsrv per shard.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
stub=$work/remote.stub
: > "$stub"
for ((k = 0; k < largest; k++)); do
  port=$(free_port)
  # setsid: stopped, xapian-tcpsrv signals its whole process group, which must not be ours.
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$work/s$largest/shard-$k" >/dev/null 2>&1 &
  servers+=($!)
  echo "remote 127.0.0.1:$port" >> "$stub"
done
for ((i = 0; i < 50; i++)); do
  "$bin/tracuu-search" --db "$stub" --count nghị quyết >/dev/null 2>&1 && break
  sleep 0.2
done

fmt_mb() { python3 -c "print(f'{$1/1e6:.1f}')"; }
echo "Shards: $(basename "$corpus") x$scale ($(fmt_mb "$bytes") MB of input), $(nproc) cores, $(date -u +%F)"
echo
if [ "$merge" = 1 ]; then
  echo "Indexed once into $largest shards; the others merged from those shards with xapian-compact."
  echo
fi
echo "| configuration | index wall s | MB/s | peak RSS MB | size on disk MB |"
echo "|---|---|---|---|---|"
for c in "${configs[@]}"; do
  size=$(du -sb "$work/$c" | cut -f1)
  if [ -n "${wall[$c]:-}" ]; then
    echo "| $c | ${wall[$c]} | $(python3 -c "print(f'{$bytes/1e6/${wall[$c]}:.2f}')") | $((${rss[$c]} / 1024)) | $(fmt_mb "$size") |"
    echo "@ index.$c.wall ${wall[$c]}" >&2
  else
    echo "| $c | (merged) | - | - | $(fmt_mb "$size") |"
  fi
done
echo
echo "Query latency, ms ($(grep -cv '^#' "$queries") queries; in-process ×$repeats, a process per query ×$process_repeats)"
echo
echo "| configuration | shards answering | in-process median | in-process p99 | per-process median | per-process p99 | queries without result |"
echo "|---|---|---|---|---|---|---|"
for c in "${configs[@]}" remote; do
  target=$work/$c
  [ "$c" = remote ] && target=$stub
  "$bin/tracuu-bench-e2e" collection --db "$target" --queries "$queries" --repeats "$repeats" \
    --process-repeats "$process_repeats" --bin "$bin" --label "$c" | grep -v '^@'
done
echo
# The same results everywhere: every query's top 20 as JSON, against the single database.
differ=0
while IFS=$'\t' read -r cls q; do
  [ -z "$cls" ] || [ "${cls:0:1}" = "#" ] && continue
  want=$("$bin/tracuu-search" --db "$work/one" --json -n 20 "$q" 2>/dev/null || true)
  for c in "${configs[@]:1}" remote; do
    target=$work/$c
    [ "$c" = remote ] && target=$stub
    got=$("$bin/tracuu-search" --db "$target" --json -n 20 "$q" 2>/dev/null || true)
    if [ "$got" != "$want" ]; then
      differ=$((differ + 1))
      echo "differs from one database: $c: $q" >&2
    fi
  done
done < "$queries"
echo "Results (top 20, --json) different from the single database's: $differ"
