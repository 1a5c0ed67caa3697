#!/usr/bin/env python3
"""Queries per second from Python (the tracuu module: one process, the database opened once)
against a process per query (tracuu-search --json), on the same queries and database, and
whether their results are the same.

The queries are those of bench/batch.sh: the first three words of the titles of the corpus's
first N .txt files in name order, ASCII punctuation dropped. The corpus is indexed into a
fresh temporary database first. Usage (from the repository root, after scripts/bootstrap):

    bench/python_qps.py ../shared/data/news-dantri [N]        (N: 1000 by default)
"""
import json
import os
import pathlib
import re
import string
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "build" / "python"))
import tracuu  # noqa: E402  (the module built in build/python)

INDEX = root / "build" / "bin" / "tracuu-index"
SEARCH = root / "build" / "bin" / "tracuu-search"
KEYS = ["rank", "score", "match", "id", "title", "number", "passage", "path", "line", "source",
        "url", "date", "article", "text", "highlights", "highlight_chars"]


def queries(corpus, n):
    out = []
    for f in sorted(pathlib.Path(corpus).rglob("*.txt"), key=lambda p: str(p).encode())[:n]:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.split():
                continue
            words = re.sub("[" + re.escape(string.punctuation) + "]", " ", line).split()
            out.append(" ".join(words[:3]))
            break
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench/python_qps.py CORPUS [N]")
    corpus, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    env = {k: v for k, v in os.environ.items() if k not in ("TRACUU_DB",)}
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "db")
        r = subprocess.run([INDEX, "--db", db, corpus], env=env, capture_output=True)
        if r.returncode not in (0, 1):
            sys.exit(r.stderr.decode())
        qs = queries(corpus, n)

        start = time.perf_counter()
        database = tracuu.open(db)
        in_process = [database.search(q, limit=10) for q in qs]
        python_seconds = time.perf_counter() - start

        start = time.perf_counter()
        per_process = []
        for q in qs:
            out = subprocess.run([SEARCH, "--db", db, "--json", "-n", "10", "--", q], env=env,
                                 capture_output=True).stdout
            per_process.append([json.loads(line) for line in out.splitlines()])
        process_seconds = time.perf_counter() - start

    same = all([{k: getattr(h, k) for k in KEYS} for h in hits] == expected
               for hits, expected in zip(in_process, per_process))
    lines = sum(len(e) for e in per_process)
    print(f"{len(qs)} queries, -n 10, on {corpus}")
    print(f"python (tracuu.open once, db.search each): {python_seconds:.2f} s, "
          f"{len(qs) / python_seconds:.1f} queries/s, {1000 * python_seconds / len(qs):.1f} ms/query")
    print(f"a tracuu-search --json process per query:  {process_seconds:.2f} s, "
          f"{len(qs) / process_seconds:.1f} queries/s, {1000 * process_seconds / len(qs):.1f} ms/query")
    print(f"ratio: {process_seconds / python_seconds:.1f}; results {'the same' if same else 'DIFFERENT'} "
          f"({lines} JSON lines)")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
