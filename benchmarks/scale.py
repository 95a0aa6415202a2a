"""Scale: build and search 100k, 1M (and with --3m, 3M) generated articles beside SQLite FTS5.

    python benchmarks/scale.py --sizes 100000 [1000000] [--3m] [--workdir DIR] [--queries 100]

For each size, in one run: the articles of benchmarks/gen_corpus.py (seeded) are written to
DIR; searcher's index and an FTS5 table (porter tokenizer) are built from them, each in its
own process (benchmarks/index_speed.py's child), while this process samples the disk the
build uses; then, in this process, the headline queries of ../shared/data/scale/queries.jsonl
go to every searcher variant and to FTS5, interleaved query by query so that the shared
machine's load hits all alike. Printed per size:

- build docs/s, peak RSS, peak disk during the build ("temp": above the final index), index size;
- search p50 / p95 / max (ms) of plain, fuzzy (typo'd queries), facets (outlet and author)
  and sorted (newest) searches, top 10, and FTS5's plain searches;
- the first facet search of a fresh process (it reads the facet columns);
- the wall time of `searcher search Q --facet outlet --facet author` and of `--sort newest`
  (median of --cli-runs processes), beside `python -c pass`: run from bytecode, as an
  installed searcher is (cached in DIR/bytecode), then compiling every module in each
  process, as a checkout run with PYTHONDONTWRITEBYTECODE does;
- the analyses (issue 17): timeline and top terms latency, CSV export of about 100k matches
  in its own process with that process's peak RSS, and a cursor's page 1,000 against page 1.

DIR (default: a new temporary folder) is deleted at the end unless --keep; --reuse searches the
indexes a --keep run left there without building them again. Sizes of 200k and
more are big runs: on a shared machine run them under a lock (`flock LOCKFILE python ...`).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.index_speed import corpus_file  # noqa: E402 - after the path
from benchmarks.search_speed import fts5_top10, interleaved, load_queries, pct, typo  # noqa: E402


def _disk(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass  # a temporary file removed while we looked
    return total


def build(engine: str, articles: Path, target: Path) -> dict:
    """One engine's build in its own process: docs/s, peak RSS, peak disk while building, final size."""
    shutil.rmtree(target, ignore_errors=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], _disk(target))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    command = [sys.executable, str(REPO / "benchmarks" / "index_speed.py"), "--child", engine]
    command += ["--input", str(articles), "--target", str(target)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=str(REPO), check=False)
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} build failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["size"] = _disk(target)
    result["peak_disk"] = max(peak[0], result["size"])
    return result


def _ms(values: list[float]) -> str:
    return f"{pct(values, 50):8.1f} {pct(values, 95):8.1f} {max(values):8.1f}"


def latencies(
    index: Path, fts: Path, queries: list[str], seed: int
) -> list[tuple[str, list[float]]]:
    """Milliseconds per query of each variant, interleaved query by query."""
    from searcher.search import open_searcher

    rng = random.Random(seed)
    typos = [typo(q, rng) for q in queries]
    variants = [
        ("plain", {}, queries),
        ("fuzzy (typo'd)", {"fuzzy": True}, typos),
        ("facets outlet+author", {"facets": ("outlet", "author")}, queries),
        ("sorted newest", {"sort": "newest"}, queries),
    ]
    engines = []
    opened = []
    warm = ["market", "government police", "weather report"]
    for label, options, qs in variants:
        # One searcher per variant: none profits from postings another one cached.
        s = open_searcher(index)
        opened.append(s)
        run = functools.partial(_search, s, options)
        for q in warm:
            run(q)
        engines.append((f"searcher {label}", run, qs))
    db = sqlite3.connect(str(fts / "fts.sqlite"))

    fts5 = functools.partial(fts5_top10, db)

    for q in warm:
        fts5(q)
    engines.append(("FTS5 plain (bm25)", fts5, queries))
    rows = interleaved(engines, len(queries))
    for s in opened:
        s.close()
    db.close()
    return rows


def _search(s, options: dict, q: str):
    return s.search(q, **options)


_FIRST = """
import sys, time
started = time.perf_counter()
from searcher.search import open_searcher
s = open_searcher(sys.argv[1])
opened = time.perf_counter()
s.search(sys.argv[2])
plain = time.perf_counter()
s.search(sys.argv[2], facets=("outlet", "author"), sort="newest")
print(opened - started, plain - opened, time.perf_counter() - plain)
"""


def child_env(bytecode: Path | None) -> dict[str, str]:
    """The environment of a timed child process: this checkout on the path, and its bytecode cache.

    An installed searcher runs from the bytecode pip compiled at install time; a checkout run
    with PYTHONDONTWRITEBYTECODE set compiles each of its modules again in every process.
    With a folder, bytecode is written there by a first run and read by the later ones.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def first_calls(index: Path, query: str, env: dict[str, str]) -> tuple[float, float, float]:
    """In a fresh process: import and open, the first plain search, then the first facet + sorted search (s)."""
    out = subprocess.run(
        [sys.executable, "-c", _FIRST, str(index), query],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def cli_wall(index: Path, query: str, extra: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall ms of `searcher search QUERY --index INDEX EXTRA...` in a fresh process."""
    command = [sys.executable, "-m", "searcher", "search", query, "--index", str(index), *extra]
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        walls.append((time.perf_counter() - started) * 1000)
    return statistics.median(walls)


def python_wall(runs: int, env: dict[str, str]) -> float:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        walls.append((time.perf_counter() - started) * 1000)
    return statistics.median(walls)


def _print_builds(builds: dict) -> None:
    print(
        f"{'build':<12}{'docs/s':>9}{'peak RSS MB':>13}{'peak disk MB':>14}{'temp MB':>9}{'index MB':>10}"
    )
    for engine, r in builds.items():
        print(
            f"{engine:<12}{r['docs'] / r['seconds']:>9,.0f}{r['peak_mb']:>13,.0f}"
            f"{r['peak_disk'] / 1e6:>14,.0f}{(r['peak_disk'] - r['size']) / 1e6:>9,.0f}"
            f"{r['size'] / 1e6:>10,.0f}"
        )


def one_size(n: int, args: argparse.Namespace, workdir: Path) -> None:
    from benchmarks import analysis
    from searcher.search import open_searcher

    started = time.perf_counter()
    articles = corpus_file(n, args.seed, workdir)
    print(
        f"\n== {n:,} articles ({articles.stat().st_size / 1e6:,.0f} MB of JSONL, "
        f"generated in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    load = os.getloadavg()
    print(
        f"load before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (1, 5, 15 min) on {os.cpu_count()} cores"
    )
    index, fts = workdir / f"searcher-{n}", workdir / f"fts5-{n}"
    if args.reuse and index.is_dir() and fts.is_dir():
        print(f"reusing the indexes in {workdir} (no build figures)")
    else:
        _print_builds({e: build(e, articles, workdir / f"{e}-{n}") for e in ("searcher", "fts5")})
    queries = load_queries(args.queries)
    rows = latencies(index, fts, queries, args.seed)
    print(f"\n{'search (ms, top 10)':<30}{'p50':>8} {'p95':>8} {'max':>8}")
    for label, values in rows:
        print(f"{label:<30}{_ms(values)}")
    plain = next(v for label, v in rows if label == "searcher plain")
    facets = next(v for label, v in rows if label.startswith("searcher facets"))
    fts_plain = next(v for label, v in rows if label.startswith("FTS5"))
    print(
        f"facet p95 / plain p95: {pct(facets, 95) / pct(plain, 95):.2f}; "
        f"plain p50, p95 / FTS5's: {pct(plain, 50) / pct(fts_plain, 50):.2f}, "
        f"{pct(plain, 95) / pct(fts_plain, 95):.2f}"
    )
    query = queries[0]
    # Bytecode as an installed searcher has it: written by this first (untimed) run.
    installed = child_env(workdir / "bytecode")
    cli_wall(index, query, ["--facet", "outlet", "--sort", "newest"], 1, installed)
    opening, first_plain, first_facet = first_calls(index, query, installed)
    print(
        f"fresh process: import+open {opening * 1000:.0f} ms, first plain search "
        f"{first_plain * 1000:.0f} ms, first facet+sorted search {first_facet * 1000:.0f} ms"
    )
    for label, env in (("", installed), (", compiling each module (no bytecode)", child_env(None))):
        facet_wall = cli_wall(
            index, query, ["--facet", "outlet", "--facet", "author"], args.cli_runs, env
        )
        sort_wall = cli_wall(index, query, ["--sort", "newest"], args.cli_runs, env)
        print(
            f"CLI wall (median of {args.cli_runs}{label}): --facet outlet --facet author "
            f"{facet_wall:.0f} ms, --sort newest {sort_wall:.0f} ms; "
            f"python -c pass {python_wall(args.cli_runs, env):.0f} ms"
        )
    print("\nanalyses:")
    with open_searcher(index) as searcher:
        analysis.analyses(searcher, queries[: args.analysis_queries])
        chosen = analysis.export_queries(index)
        analysis.cursor(searcher, chosen[-1][0], args.rounds)
    analysis.export(index, chosen)
    analysis.export(index, chosen, kind="quotes")
    load = os.getloadavg()
    print(f"load after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
    if not args.keep and not args.reuse:
        for path in (index, fts, articles):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--3m", dest="three", action="store_true", help="Add 3,000,000 articles.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--analysis-queries", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument(
        "--workdir", type=Path, help="Where corpora and indexes go (a new temporary folder)."
    )
    parser.add_argument("--keep", action="store_true", help="Keep the corpora and indexes.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Search the indexes a --keep run left in --workdir instead of building them again.",
    )
    args = parser.parse_args()
    sizes = list(args.sizes) + ([3_000_000] if args.three else [])
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in sizes:
            one_size(n, args, workdir)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
        elif not args.keep:
            shutil.rmtree(workdir / "bytecode", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
