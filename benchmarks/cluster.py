"""Benchmark: `searcher cluster normalize` throughput with 1 and 2 Ray workers, beside the
one-machine normalizer on the same pages, interleaved in the same run.

Pages are the bundled corpus copied --copies times into a temporary corpus. Each round runs,
in turn:
  serial    searcher.normalize.normalize_page over every page in this process (one core:
            what `searcher index --workers 1` does before it writes)
  index-2   `searcher rebuild --workers 2 --renormalize`'s normalize phase (its two processes),
            timed from the call to the last normalize progress event
  ray-1     `searcher cluster normalize` on a local Ray instance of 1 CPU
  ray-2     the same with 2 CPUs
Ray's start-up is timed apart (it is paid once per run, not per page); each cluster run writes
into a fresh output folder, so nothing is skipped as done. Each Ray instance also times 16
pure-Python CPU loops as tasks: on a shared machine, the ratio of those between 2 and 1
workers is the most any work could gain at that moment. Pages/s is the best of the rounds;
the machine's load (uptime) is printed before and after.

    python benchmarks/cluster.py                      # 8 copies (~580 pages), 3 rounds
    python benchmarks/cluster.py --copies 4 --rounds 2
    python benchmarks/cluster.py --shard-articles 10000 --shards 2   # also shard sizes and times
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_corpus(target: Path, copies: int) -> int:
    """The bundled corpus copied `copies` times below `target`; returns the page count."""
    from searcher.corpus import iter_pages

    for n in range(copies):
        shutil.copytree(REPO / "corpus", target / f"copy-{n}")
    return sum(1 for _ in iter_pages(target))


def serial(corpus: Path, tmp: Path) -> float:
    """Seconds to normalize every page in this process."""
    from searcher.corpus import iter_pages
    from searcher.normalize import normalize_page

    pages = list(iter_pages(corpus))
    started = time.perf_counter()
    for page in pages:
        normalize_page(page)
    return time.perf_counter() - started


def index_two(corpus: Path, tmp: Path) -> float:
    """Seconds of `searcher rebuild --workers 2 --renormalize` up to its last normalized page."""
    from searcher.index import rebuild

    last = [0.0]

    def progress(event) -> None:
        if event.phase == "normalize":
            last[0] = time.perf_counter()

    index = Path(tempfile.mkdtemp(dir=tmp))
    started = time.perf_counter()
    rebuild(corpus, index, workers=2, progress=progress, renormalize=True)
    return last[0] - started


def burn(n: int) -> int:
    """A pure-Python CPU loop: what two workers can gain at best on this machine right now."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def pause(seconds: float) -> None:
    """A task that holds a worker for a moment (so that every worker gets one)."""
    time.sleep(seconds)


def on_ray(cpus: int, chunk: int, startups: list[float], loops: dict[int, list[float]]):
    """A measurement of `cluster normalize` on a local Ray instance of `cpus` CPUs; the same
    instance then times 16 CPU loops (`loops[cpus]`), the machine's ceiling for comparison."""

    def measure(corpus: Path, tmp: Path) -> float:
        import ray

        from searcher.cluster import normalize_sources

        started = time.perf_counter()
        ray.init(
            num_cpus=cpus, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False
        )
        # Start-up ends when every worker process is up (Ray starts them after init returns);
        # what the workers import for searcher is still counted in the run.
        ray.get([ray.remote(num_cpus=1)(pause).remote(0.3) for _ in range(cpus)])
        startups.append(time.perf_counter() - started)
        try:
            out = Path(tempfile.mkdtemp(dir=tmp)) / "records"
            started = time.perf_counter()
            normalize_sources([str(corpus)], str(out), chunk_pages=chunk)
            elapsed = time.perf_counter() - started
            task = ray.remote(num_cpus=1)(burn)
            loop_started = time.perf_counter()
            ray.get([task.remote(2_000_000) for _ in range(16)])
            loops.setdefault(cpus, []).append(time.perf_counter() - loop_started)
            return elapsed
        finally:
            ray.shutdown()

    return measure


def folder_bytes(folder: Path) -> int:
    """The bytes of every file below a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_both(n: int, shards: int, tmp: Path) -> dict[str, float]:
    """N generated articles as Parquet records, one index of them (2 processes) and `cluster
    index` of them into `shards` shards on 2 Ray workers; the build times. Articles are
    generated as they are written (twice, the same each time): 1M of them need not fit memory."""
    import ray

    from benchmarks.gen_corpus import generate
    from searcher.cluster import build_shards
    from searcher.cluster.records import article_row, records_table, write_table
    from searcher.cluster.storage import Location
    from searcher.index import index_articles

    records = tmp / "gen-records"
    rows: list = []
    for number, article in enumerate(generate(n, seed=1)):
        rows.append(article_row(article, f"generated-{number - number % 2000}"))
        if len(rows) == 2000 or number == n - 1:
            start = number + 1 - len(rows)
            write_table(records_table(rows), Location(str(records / f"part-{start:07d}.parquet")))
            rows = []
    started = time.perf_counter()
    index_articles(generate(n, seed=1), tmp / "single", fresh=True, workers=2)
    single = time.perf_counter() - started
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    try:
        started = time.perf_counter()
        report = build_shards(str(records), str(tmp / "shards"), shards=shards)
        sharded = time.perf_counter() - started
    finally:
        ray.shutdown()
    return {"single": single, "sharded": sharded, "clustered": report.clustered}


def shard_figures(n: int, shards: int, tmp: Path, built: dict[str, float]) -> None:
    """Per-article sizes and build times of `cluster index` into `shards` shards on 2 Ray
    workers, beside one index of the same generated records built with 2 processes."""
    import pyarrow.parquet as pq

    from searcher.cluster.stats import index_statistics

    same = index_statistics(tmp / "single").terms.equals(
        pq.read_table(tmp / "shards" / "terms.parquet")
    )
    index_bytes = sum(folder_bytes(p) for p in (tmp / "shards").glob("shard-*"))
    say(f"{n} generated articles; load {uptime()}")
    say(
        f"records (Parquet, zstd): {folder_bytes(tmp / 'gen-records') / n:,.0f} bytes/article; "
        f"shards: {index_bytes / n:,.0f} bytes/article "
        f"(one index: {folder_bytes(tmp / 'single') / n:,.0f})"
    )
    say(
        f"one index, 2 processes: {built['single']:.1f}s; {shards} shards on 2 Ray workers: "
        f"{built['sharded']:.1f}s ({built['clustered']:.0f} copies of another story); "
        f"summed term statistics equal the one index's: {same}"
    )


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def say(line: str) -> None:
    """Print a line of the report."""
    print(line, flush=True)


def normalize_figures(runs: dict, args: argparse.Namespace, startups, loops) -> None:
    """The normalize runs, interleaved for args.rounds rounds, and their rates."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    with tempfile.TemporaryDirectory(prefix="searcher-bench-") as tmp_name:
        tmp = Path(tmp_name)
        pages = make_corpus(tmp / "corpus", args.copies)
        say(f"{pages} pages ({args.copies} copies of the bundled corpus), {os.cpu_count()} cores")
        say(f"load before: {uptime()}")
        for round_no in range(1, args.rounds + 1):
            for name, run in runs.items():
                times[name].append(run(tmp / "corpus", tmp))
                say(f"  round {round_no} {name:8} {times[name][-1]:7.2f}s")
        say(f"load after:  {uptime()}")
    rate = {name: pages / min(t) for name, t in times.items()}
    say(f"Ray start-up: {min(startups):.1f}s (best), {max(startups):.1f}s (worst), not counted")
    say(f"{'run':8} {'pages/s (best)':>15} {'vs serial':>10} {'vs ray-1':>9}")
    for name in runs:
        say(
            f"{name:8} {rate[name]:15.1f} {rate[name] / rate['serial']:9.2f}x "
            f"{rate[name] / rate['ray-1']:8.2f}x"
        )
    say(
        f"2 Ray workers vs 1: normalize {rate['ray-2'] / rate['ray-1']:.2f}x; a pure CPU loop "
        f"{min(loops[1]) / min(loops[2]):.2f}x (what this machine gives two processes now)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="copies of the bundled corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk-pages", type=int, default=25, help="pages per Ray task")
    parser.add_argument(
        "--shard-articles",
        type=int,
        default=0,
        help="also build shards of this many generated articles (needs ../shared/data)",
    )
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument(
        "--search",
        action="store_true",
        help="also serve the shards on a local Ray cluster and time searches beside the one index",
    )
    parser.add_argument("--queries", type=int, default=200, help="queries timed one at a time")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients for queries/s")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of concurrent load")
    parser.add_argument("--replicas", type=int, default=1, help="replicas of each shard")
    parser.add_argument("--tmp", default=None, help="folder for the builds (default: the system's)")
    parser.add_argument(
        "--keep",
        default=None,
        help="folder that keeps the generated records, the one index and the shards: built "
        "there when absent, reused when there (so before/after runs search the same indexes)",
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(REPO))  # Ray's workers import searcher from here
    startups: list[float] = []
    loops: dict[int, list[float]] = {}
    runs = {
        "serial": serial,
        "index-2": index_two,
        "ray-1": on_ray(1, args.chunk_pages, startups, loops),
        "ray-2": on_ray(2, args.chunk_pages, startups, loops),
    }
    if args.rounds:
        normalize_figures(runs, args, startups, loops)
    if args.shard_articles and args.keep:
        shard_run(args, Path(args.keep))
    elif args.shard_articles:
        with tempfile.TemporaryDirectory(prefix="searcher-bench-", dir=args.tmp) as tmp_name:
            shard_run(args, Path(tmp_name))


def shard_run(args: argparse.Namespace, tmp: Path) -> None:
    """Build (unless --keep holds a finished build of the same size) and measure the shards."""
    done = tmp / f"built-{args.shard_articles}-{args.shards}.json"
    if done.exists():
        say(f"reusing the indexes of {done}")
    else:
        tmp.mkdir(parents=True, exist_ok=True)
        built = build_both(args.shard_articles, args.shards, tmp)
        shard_figures(args.shard_articles, args.shards, tmp, built)
        done.write_text(json.dumps(built))
    if args.search:
        from benchmarks.cluster_search import search_figures

        search_figures(tmp / "single", tmp / "shards", args)


if __name__ == "__main__":
    main()
