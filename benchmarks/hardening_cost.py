"""What the damage checks and the story count cost: each measured on and off, interleaved, in one process.

    python benchmarks/hardening_cost.py [--size 10000] [--queries 300] [--opens 300]

- open: `open_index` with the manifest check (table of contents and file sizes) and
  with it switched off, alternately, `--opens` times each.
- search: the 1-3 word headline queries of ../shared/data/scale/queries.jsonl, each
  run with the distinct-stories count (`SearchResults.stories`) and without, alternately.

Uses the searcher index that benchmarks/search_speed.py builds (built here if missing).
Prints medians, the on/off ratio, and the median time of the added step alone (timed
inside the "on" runs): on a loaded machine the step's own time is the steadier figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _index(n: int, seed: int) -> Path:
    from benchmarks.index_speed import corpus_file
    from benchmarks.search_speed import OUT, _articles, _opens

    path = OUT / f"{n}-seed{seed}" / "searcher"
    if not _opens(path):
        import shutil

        from searcher.index import index_articles

        shutil.rmtree(path, ignore_errors=True)
        index_articles(_articles(corpus_file(n, seed)), path, fresh=True)
    return path


def _alternate(run_on, run_off, times: int) -> tuple[list[float], list[float]]:
    on: list[float] = []
    off: list[float] = []
    for i in range(times):
        for run, out in (
            ((run_on, on), (run_off, off)) if i % 2 == 0 else ((run_off, off), (run_on, on))
        ):
            started = time.perf_counter()
            run(i)
            out.append((time.perf_counter() - started) * 1000)
    return on, off


def _row(name: str, on: list[float], off: list[float], step: list[float]) -> str:
    a, b = statistics.median(on), statistics.median(off)
    return f"{name:<34} {a:9.3f} {b:9.3f} {a / b:7.3f} {statistics.median(step):9.4f}"


def _timed(func, into: list[float]):
    """`func`, recording the milliseconds of each call in `into`."""

    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            into.append((time.perf_counter() - started) * 1000)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--opens", type=int, default=300)
    args = parser.parse_args()

    import searcher.index.manifest as manifest
    import searcher.search.api as api
    from benchmarks.search_speed import load_queries
    from searcher import open_searcher
    from searcher.index import open_index

    path = _index(args.size, args.seed)
    check_sizes, story_count = manifest.check_sizes, api.story_count

    def open_with(check):
        def run(_i):
            manifest.check_sizes = check
            open_index(path).close()

        return run

    check_times: list[float] = []
    open_on, open_off = _alternate(
        open_with(_timed(check_sizes, check_times)),
        open_with(lambda generation, wait=0: None),
        args.opens,
    )
    manifest.check_sizes = check_sizes

    queries = load_queries(args.queries)
    with open_searcher(path) as searcher:
        for q in queries[:20]:  # warm the caches both variants share
            searcher.search(q)

        def search_with(count):
            def run(i):
                api.story_count = count
                searcher.search(queries[i])

            return run

        count_times: list[float] = []
        search_on, search_off = _alternate(
            search_with(_timed(story_count, count_times)),
            search_with(lambda matched, groups: len(matched)),
            len(queries),
        )
    api.story_count = story_count
    print(f"{args.size} articles; medians in ms, on / off")
    print(f"{'':<34} {'on':>9} {'off':>9} {'ratio':>7} {'step':>9}")
    print(_row("open_index (manifest size check)", open_on, open_off, check_times))
    print(_row("search (stories count)", search_on, search_off, count_times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
