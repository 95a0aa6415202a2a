"""Benchmark: indexing speed, index size and peak memory of searcher's index,
beside a plain Whoosh index of the same documents (default writer, and procs=2 with
multisegment=True) and SQLite FTS5, all in the same run.

Each engine runs in its own subprocess so that its peak memory (ru_maxrss) is its
own. Articles come from benchmarks/gen_corpus.py (seeded), written once to
benchmarks/out/articles-N-seedS.jsonl and streamed from there by every engine.

    python benchmarks/index_speed.py                 # 10k articles
    python benchmarks/index_speed.py --sizes 10000 100000
    python benchmarks/index_speed.py --sizes 100000 --engines searcher whoosh-2procs --repeats 2

With --repeats N the engines run in turn N times and each keeps its fastest run: on a
shared machine a burst of someone else's work then slows one run, not the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
ENGINES = ("searcher", "whoosh", "whoosh-2procs", "fts5")
BASELINE = "whoosh-2procs"


def corpus_file(n: int, seed: int, folder: Path = OUT) -> Path:
    """The JSONL file of n generated articles in folder (generated on first use)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"articles-{n}-seed{seed}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(REPO))
        from benchmarks.gen_corpus import generate

        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            for article in generate(n, seed):
                handle.write(article.to_json() + "\n")
        os.replace(tmp, path)
    return path


def _articles(path: Path):
    from searcher.article import Article

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield Article.from_json(line)


def _plain_text(article) -> str:
    return article.title + "\n" + article.body


def run_searcher(path: Path, target: Path) -> int:
    from searcher.index import index_articles

    report = index_articles(_articles(path), target, fresh=True)
    return report.added


def _run_whoosh(path: Path, target: Path, **writer_args) -> int:
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=StemmingAnalyzer()))
    target.mkdir(parents=True)
    ix = whoosh_index.create_in(str(target), schema)
    writer = ix.writer(**writer_args)
    n = 0
    for article in _articles(path):
        writer.add_document(id=article.id, text=_plain_text(article))
        n += 1
    writer.commit()
    return n


def run_whoosh(path: Path, target: Path) -> int:
    return _run_whoosh(path, target)


def run_whoosh_2procs(path: Path, target: Path) -> int:
    return _run_whoosh(path, target, procs=2, multisegment=True)


def run_fts5(path: Path, target: Path) -> int:
    target.mkdir(parents=True)
    db = sqlite3.connect(str(target / "fts.sqlite"))
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, tokenize='porter unicode61 remove_diacritics 2')"
    )
    n = 0
    with db:
        batch = []
        for article in _articles(path):
            batch.append((article.id, _plain_text(article)))
            n += 1
            if len(batch) >= 1000:
                db.executemany("INSERT INTO docs VALUES (?, ?)", batch)
                batch = []
        db.executemany("INSERT INTO docs VALUES (?, ?)", batch)
    db.close()
    return n


RUNNERS = {
    "searcher": run_searcher,
    "whoosh": run_whoosh,
    "whoosh-2procs": run_whoosh_2procs,
    "fts5": run_fts5,
}


def _size(path: Path) -> int:
    total = 0
    for f in path.rglob("*"):
        try:
            if f.is_file():
                total += f.stat().st_size
        except OSError:  # removed while the folder is walked
            pass
    return total


class DiskPeak:
    """The most bytes a folder held while a build ran, sampled twice a second in a thread."""

    def __init__(self, folder: Path, every: float = 0.5):
        self.folder, self.every = folder, every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        """Note the folder's size now."""
        try:
            self.peak = max(self.peak, _size(self.folder))
        except OSError:  # a file went away while the folder was walked
            pass

    def __enter__(self) -> DiskPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def child(engine: str, path: Path, target: Path) -> None:
    """Run one engine in this process and print its figures as JSON."""
    started = time.perf_counter()
    with DiskPeak(target) as disk:
        docs = RUNNERS[engine](path, target)
    elapsed = time.perf_counter() - started
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_rss, kids_rss = me.ru_maxrss, kids.ru_maxrss
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(
        json.dumps(
            {
                "engine": engine,
                "docs": docs,
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "size": _size(target),
                # Temporary files at the worst moment: the folder's peak beyond the index.
                "temp": max(0, disk.peak - _size(target)),
                # Linux reports KiB; worker processes (whoosh procs=2) are counted as well.
                "peak_mb": max(self_rss, kids_rss) / 1024,
                "peak_self_mb": self_rss / 1024,
                "peak_children_mb": kids_rss / 1024,
            }
        )
    )


def measure(engine: str, path: Path, workdir: Path) -> dict:
    """One engine's figures, from a fresh subprocess: docs, seconds, cpu_seconds, size and
    temp (bytes), peak_mb."""
    target = workdir / engine
    shutil.rmtree(target, ignore_errors=True)
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--input",
            str(path),
            "--target",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=str(REPO),
    )
    if proc.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    shutil.rmtree(target, ignore_errors=True)
    return result


def table(results: list[dict]) -> str:
    """The figures as a text table with ratios against the baseline."""
    base = next((r for r in results if r["engine"] == BASELINE), None)
    plain = next((r for r in results if r["engine"] == "whoosh"), None)
    lines = [
        f"{'engine':<15}{'docs':>8}{'seconds':>9}{'docs/s':>9}{'cpu s':>8}{'size MB':>9}{'temp MB':>9}{'peak MB':>9}"
        f"{'speed/2p':>10}{'size/plain':>11}{'size/2p':>9}"
    ]
    for r in results:
        rate = r["docs"] / r["seconds"]
        line = (
            f"{r['engine']:<15}{r['docs']:>8}{r['seconds']:>9.1f}{rate:>9.0f}{r['cpu_seconds']:>8.1f}"
            f"{r['size'] / 1e6:>9.1f}{r.get('temp', 0) / 1e6:>9.1f}{r['peak_mb']:>9.0f}"
        )
        line += f"{rate / (base['docs'] / base['seconds']):>10.2f}" if base else f"{'':>10}"
        line += f"{r['size'] / plain['size']:>11.2f}" if plain else f"{'':>11}"
        line += f"{r['size'] / base['size']:>9.2f}" if base else ""
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Indexing speed, size and memory beside plain Whoosh and FTS5."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument(
        "--repeats", type=int, default=1, help="Runs per engine, in turn; the fastest is kept."
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON too.")
    parser.add_argument(
        "--workdir", help="Folder for the indexes being built (default: the system's temp folder)."
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.input), Path(args.target))
        return
    for n in args.sizes:
        path = corpus_file(n, args.seed)
        with tempfile.TemporaryDirectory(prefix="index-speed-", dir=args.workdir) as tmp:
            best: dict[str, dict] = {}
            for _ in range(max(1, args.repeats)):
                for engine in args.engines:
                    result = measure(engine, path, Path(tmp))
                    print(
                        f"  {engine}: {result['docs'] / result['seconds']:.0f} docs/s",
                        file=sys.stderr,
                    )
                    if engine not in best or result["seconds"] < best[engine]["seconds"]:
                        best[engine] = result
            results = [best[engine] for engine in args.engines]
        print(f"\n{n} articles (seed {args.seed}, {path.stat().st_size / 1e6:.0f} MB of JSONL):")
        print(table(results))
        if args.json:
            print(json.dumps(results))


if __name__ == "__main__":
    main()
