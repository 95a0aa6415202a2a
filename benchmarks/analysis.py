"""Speed and memory of the analyses at a generated corpus size: timeline, top terms, CSV export, cursor paging.

    python benchmarks/analysis.py --size 100000 [--queries 30]

The index of `--size` generated articles (benchmarks/gen_corpus.py) is built once and kept
under benchmarks/out/search-speed/ (the same index search_speed.py uses). Measured in one
process, query by query and interleaved so that the machine's changing load hits all alike:

- timeline (by month) and top terms of the headline queries of ../shared/data/scale/queries.jsonl,
  the first call apart (it builds the per-generation date and facet columns);
- a cursor's page 1,000 (`after` the 999th page's token) against page 1 and the numbered page 1,000;
- CSV export (`searcher search Q --format csv > /dev/null`) of queries with about 1k, 10k and
  100k matches, each in its own process, with that process's peak RSS: constant memory
  means the peak does not grow with the number of rows.

Targets (issue 17) are stated at 1M articles: timeline <= 300 ms, terms <= 500 ms, export in
constant memory, cursor page 1,000 as fast as page 1.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "benchmarks" / "out" / "search-speed"


def build(n: int, seed: int) -> Path:
    """The searcher index of n generated articles (built on first use)."""
    from benchmarks.index_speed import corpus_file
    from benchmarks.search_speed import _articles, _opens

    path = OUT / f"{n}-seed{seed}" / "searcher"
    if not _opens(path):
        import shutil

        from searcher.index import index_articles

        corpus = corpus_file(n, seed)
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        index_articles(_articles(corpus), path, fresh=True)
        print(
            f"built the index of {n:,} articles in {time.perf_counter() - started:.0f}s",
            file=sys.stderr,
        )
    return path


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return f"{name:<34} median {_ms(statistics.median(values))}  p95 {_ms(p95)}  max {_ms(values[-1])}  (n={len(values)})"


def analyses(searcher, queries: list[str]) -> None:
    """Timeline and terms latency over the queries, interleaved, after a first (cold) call of each."""
    cold_timeline = _timed(lambda: searcher.timeline(queries[0], by="month"))
    cold_terms = _timed(lambda: searcher.terms(queries[0]))
    print(f"first timeline (builds the month column): {_ms(cold_timeline)}")
    print(f"first terms (builds the name columns):    {_ms(cold_terms)}")
    timeline, split, terms, matches = [], [], [], []
    for query in queries:
        matches.append(searcher.timeline(query, by="month").total_matches)
        timeline.append(_timed(lambda q=query: searcher.timeline(q, by="month")))
        terms.append(_timed(lambda q=query: searcher.terms(q)))
        split.append(_timed(lambda q=query: searcher.timeline(q, by="week", split="outlet", top=5)))
    print(f"matches per query: median {statistics.median(matches):,.0f}, max {max(matches):,}")
    print(_summary("timeline --by month", timeline))
    print(_summary("timeline --by week --split outlet", split))
    print(_summary("terms", terms))


def cursor(searcher, query: str, rounds: int) -> None:
    """Page 1 against page 1,000 reached by a cursor, and the numbered page 1,000."""
    total = searcher.search(query, limit=10).total
    print(f"cursor query {query!r}: {total:,} matches")
    if total < 10_000:
        print("  fewer than 10,000 matches: page 1,000 does not exist for this query")
        return
    token = searcher.search(query, limit=10, page=999).next
    assert token, "page 999 has no next token"
    first, deep, numbered = [], [], []
    for _ in range(rounds):
        first.append(_timed(lambda: searcher.search(query, limit=10)))
        deep.append(_timed(lambda: searcher.search(query, limit=10, after=token)))
        numbered.append(_timed(lambda: searcher.search(query, limit=10, page=1000)))
    same = [h.article.id for h in searcher.search(query, limit=10, after=token).hits] == [
        h.article.id for h in searcher.search(query, limit=10, page=1000).hits
    ]
    print(_summary("page 1", first))
    print(_summary("page 1,000 by cursor (after)", deep))
    print(_summary("page 1,000 by number (page=1000)", numbered))
    print(
        f"  cursor page 1,000 / page 1: {statistics.median(deep) / statistics.median(first):.2f}x; "
        f"same hits as page=1000: {same}"
    )


# Runs the CLI in a child process; its last stderr line: that process's peak RSS and, at the
# end, the part of its RSS that is pages of files (the index read through memory maps), in kB.
# The peak is VmHWM: getrusage's ru_maxrss survives exec, so a child would report its
# parent's peak when the parent (a benchmark holding a big index) was larger.
_CHILD = """
import runpy, sys
sys.argv = ["searcher"] + sys.argv[1:]
try:
    runpy.run_module("searcher", run_name="__main__")
except SystemExit:
    pass
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
kb = [status.get(k, "0 kB").split()[0] for k in ("VmHWM", "RssFile")]
print(*kb, file=sys.stderr)
"""


def export(index: Path, queries: list[tuple[str, int]], kind: str = "search") -> None:
    """Each export (`searcher search|quotes Q --format csv`) in its own process: rows, seconds, peak RSS.

    With several queries it ends with how the peak grows from the fewest matches to the most:
    constant memory means the growth per match is near zero.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    peaks = []
    for query, expected in queries:
        started = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, kind, query, "--format", "csv"]
                + ["--index", str(index)],
                stdout=sink,
                stderr=subprocess.PIPE,
                env=env,
                check=False,
            )
        seconds = time.perf_counter() - started
        lines = done.stderr.decode().strip().splitlines()
        last = lines[-1].split() if lines else []
        peak_kb, file_kb = (int(last[0]), int(last[1])) if len(last) == 2 else (0, 0)
        rows = lines[-2] if len(lines) > 1 else ""
        wrote = re.search(r"wrote (\d+)", rows)
        peaks.append((int(wrote.group(1)) if wrote else expected, peak_kb))
        print(
            f"export ({kind}) {query!r:<16} (a word in {expected:>9,} articles): {seconds:6.1f} s  "
            f"peak RSS {peak_kb / 1024:6.0f} MB (of which file pages at the end "
            f"{file_kb / 1024:.0f} MB)  [{rows}]"
        )
    if len(peaks) > 1:
        (few, low), (most, high) = min(peaks), max(peaks)
        per_row = (high - low) * 1024 / max(most - few, 1)
        print(
            f"export ({kind}) memory: peak RSS {low / 1024:.0f} MB at {few:,} rows, "
            f"{high / 1024:.0f} MB at {most:,}: {per_row:.0f} bytes more per row"
        )


def export_queries(index: Path, targets=(1_000, 10_000, 100_000)) -> list[tuple[str, int]]:
    """For each target, a one-word query whose match count is closest to it (words of the vocabulary)."""
    from searcher.index import open_index

    with open_index(index) as opened:
        s = opened.reader()
        counts = sorted(((s.doc_frequency("words", w), w) for w in _vocabulary(s)), reverse=True)
        s.close()
    chosen = []
    for target in targets:
        df, word = min(counts, key=lambda c: abs(c[0] - target))
        chosen.append((word, df))
    return sorted(chosen, key=lambda c: c[1])


def _vocabulary(s, limit: int = 200_000):
    for n, word in enumerate(s.lexicon("words")):
        if n >= limit:
            break
        yield word.decode("utf-8") if isinstance(word, bytes) else word


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from benchmarks.search_speed import load_queries
    from searcher.search import open_searcher

    index = build(args.size, args.seed)
    print(
        f"size {args.size:,} articles; load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
        f"{os.getloadavg()[2]:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"
    )
    queries = load_queries(args.queries)
    with open_searcher(index) as searcher:
        analyses(searcher, queries)
        chosen = export_queries(index)
        cursor(searcher, chosen[-1][0], args.rounds)
    export(index, chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
