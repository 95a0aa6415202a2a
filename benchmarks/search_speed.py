"""Search latency at 10k/100k generated articles, beside plain Whoosh and SQLite FTS5 in the same run.

    python benchmarks/search_speed.py --sizes 10000 100000 [--queries 300] [--cli-runs 15]

Indexes are built once and kept under benchmarks/out/search-speed/ (searcher's own
index via searcher.index.index_articles; a plain Whoosh index with one stemmed text
field; an FTS5 table with the porter tokenizer). Queries are the 1-3 word headline
queries of ../shared/data/scale/queries.jsonl; the fuzzy run uses the same queries
with one random edit in each word of five letters or more. Every engine answers the
same queries in this one process (top 10, all words required), interleaved query by
query so that the machine's changing load hits every engine alike. Also measured:
the median wall time of the whole `searcher search QUERY` command, beside `python -c pass`.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "benchmarks" / "out" / "search-speed"
QUERIES = REPO.parent / "shared" / "data" / "scale" / "queries.jsonl"


def _articles(path: Path):
    from searcher.article import Article

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield Article.from_json(line)


def _opens(index: Path) -> bool:
    """True when searcher can open the index (exists, current schema)."""
    from searcher.errors import SearcherError
    from searcher.index import open_index

    try:
        open_index(index).close()
        return True
    except SearcherError:
        return False


def build(n: int, seed: int) -> dict[str, Path]:
    """The three indexes of n articles (built on first use)."""
    from benchmarks.index_speed import corpus_file

    corpus = corpus_file(n, seed)
    base = OUT / f"{n}-seed{seed}"
    paths = {"searcher": base / "searcher", "whoosh": base / "whoosh", "fts5": base / "fts5.sqlite"}
    if not _opens(paths["searcher"]):
        from searcher.index import index_articles

        shutil.rmtree(paths["searcher"], ignore_errors=True)
        started = time.perf_counter()
        index_articles(_articles(corpus), paths["searcher"], fresh=True)
        print(
            f"  built searcher index of {n} in {time.perf_counter() - started:.0f}s",
            file=sys.stderr,
        )
    if not (paths["whoosh"] / "done").exists():
        from whoosh import index as whoosh_index
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import ID, TEXT, Schema

        shutil.rmtree(paths["whoosh"], ignore_errors=True)
        paths["whoosh"].mkdir(parents=True)
        schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=StemmingAnalyzer()))
        ix = whoosh_index.create_in(str(paths["whoosh"]), schema)
        writer = ix.writer(procs=2, limitmb=256)
        for article in _articles(corpus):
            writer.add_document(id=article.id, text=article.title + "\n" + article.body)
        writer.commit()
        (paths["whoosh"] / "done").write_text("ok")
    if not paths["fts5"].exists():
        tmp = paths["fts5"].with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(str(tmp))
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        with db:
            db.executemany(
                "INSERT INTO docs VALUES (?, ?)",
                ((a.id, a.title + "\n" + a.body) for a in _articles(corpus)),
            )
        db.close()
        tmp.rename(paths["fts5"])
    return paths


def load_queries(limit: int) -> list[str]:
    rows = [
        json.loads(line)
        for line in QUERIES.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = []
    for row in rows:
        text = row.get("text") or row.get("query") or ""
        if text.strip():
            out.append(text.strip())
    return out[:limit]


def typo(query: str, rng: random.Random) -> str:
    """One random edit (substitute, delete, insert, transpose) in each word of 5+ letters."""
    words = []
    for word in query.split():
        if len(word) >= 5 and word.isalpha():
            i = rng.randrange(len(word) - 1)
            kind = rng.choice("sdit")
            letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
            if kind == "s":
                word = word[:i] + letter + word[i + 1 :]
            elif kind == "d":
                word = word[:i] + word[i + 1 :]
            elif kind == "i":
                word = word[:i] + letter + word[i:]
            else:
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        words.append(word)
    return " ".join(words)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cli_wall(index: Path, queries: list[str], runs: int) -> dict[str, float]:
    """Median wall and CPU ms of `searcher search Q --index X`, and of `python -c pass` for scale.

    CPU time (user + system of the child) is reported too: on a machine shared with
    other work, wall time mostly measures waiting for a core.
    """
    import resource

    exe = Path(sys.executable).with_name("searcher")
    # Without the installed entry point (a checkout that is not pip-installed): python -m searcher.
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "searcher"]

    def run(cmd):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = (time.perf_counter() - started) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
        return wall, cpu

    search = [
        run([*command, "search", queries[i % len(queries)], "--index", str(index)])
        for i in range(runs)
    ]
    python = [run([sys.executable, "-c", "pass"]) for _ in range(runs)]
    return {
        "search_wall": statistics.median(w for w, _ in search),
        "search_cpu": statistics.median(c for _, c in search),
        "python_wall": statistics.median(w for w, _ in python),
        "python_cpu": statistics.median(c for _, c in python),
    }


def _search_with(s, options: dict, q: str):
    """One measured search with a variant's options."""
    return s.search(q, **options)


def fts5_top10(db: sqlite3.Connection, q: str) -> list:
    """FTS5's ten best (bm25) for the words of a query, each word a quoted phrase (an AND)."""
    match = " ".join('"' + w.replace('"', "") + '"' for w in q.split())
    sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
    return db.execute(sql, (match,)).fetchall()


def interleaved(engines: list, count: int) -> list[tuple[str, list[float]]]:
    """(label, ms per query) of each (label, search function, its queries), query by query.

    Each query goes to every engine in turn (rotating who goes first), so a burst of load
    on the shared machine hits all engines alike and the ratios hold.
    """
    times: list[list[float]] = [[] for _ in engines]
    for i in range(count):
        for k in range(len(engines)):
            j = (i + k) % len(engines)
            _label, fn, qs = engines[j]
            started = time.perf_counter()
            fn(qs[i])
            times[j].append((time.perf_counter() - started) * 1000)
    return [(label, t) for (label, _fn, _qs), t in zip(engines, times, strict=True)]


def measure(n: int, seed: int, nq: int, cli_runs: int) -> list[tuple[str, list[float]]]:
    from whoosh import index as whoosh_index
    from whoosh.qparser import QueryParser

    from searcher.search import open_searcher
    from searcher.search.query import plain_query

    paths = build(n, seed)
    queries = [plain_query(q) for q in load_queries(nq)]
    queries = [q for q in queries if q]
    rng = random.Random(seed)
    typos = [typo(q, rng) for q in queries]
    # Warm-up queries outside the measured set (load the index files, build derived data).
    warm = ["market", "government police", "weather report"]
    variants = [
        ("searcher plain", {}, queries),
        (
            "searcher plain + facets (outlet, author, year)",
            {"facets": ("outlet", "author", "year")},
            queries,
        ),
        ("searcher fuzzy (typo'd queries)", {"fuzzy": True}, typos),
        ("searcher fuzzy (plain queries)", {"fuzzy": True}, queries),
    ]
    engines = []  # (label, search function, its queries)
    opened = []
    for label, options, qs in variants:
        # A searcher per variant, so no variant profits from postings another cached;
        # derived data (vocabulary, facet columns) is built by queries that are not measured.
        s = open_searcher(paths["searcher"])
        opened.append(s)
        search = functools.partial(_search_with, s, options)
        for q in warm:
            search(q)
        engines.append((label, search, qs))
    ix = whoosh_index.open_dir(str(paths["whoosh"]))
    ws = ix.searcher()
    parser = QueryParser("text", ix.schema)
    whoosh_search = lambda q: list(ws.search(parser.parse(q), limit=10))  # noqa: E731
    for q in warm:
        whoosh_search(q)
    engines.append(("plain Whoosh (BM25F, top 10)", whoosh_search, queries))
    db = sqlite3.connect(str(paths["fts5"]))

    fts = functools.partial(fts5_top10, db)

    for q in warm:
        fts(q)
    engines.append(("SQLite FTS5 (bm25, top 10)", fts, queries))
    rows = interleaved(engines, len(queries))
    for s in opened:
        s.close()
    ws.close()
    db.close()
    if cli_runs:
        cli = cli_wall(paths["searcher"], queries, cli_runs)
        rows.append(
            (
                f"`searcher search` command, wall (python -c pass: {cli['python_wall']:.0f})",
                [cli["search_wall"]],
            )
        )
        rows.append(
            (
                f"`searcher search` command, CPU (python -c pass: {cli['python_cpu']:.0f})",
                [cli["search_cpu"]],
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--cli-runs", type=int, default=15)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    for n in args.sizes:
        if args.build_only:
            build(n, args.seed)
            continue
        rows = measure(n, args.seed, args.queries, args.cli_runs)
        # The machine is shared: ratios to plain Whoosh measured in the same run travel better.
        whoosh = next(values for name, values in rows if name.startswith("plain Whoosh"))
        print(
            f"\n{n} articles, {args.queries} queries (ms; x Whoosh = ratio to plain Whoosh in this run):"
        )
        print(f"{'engine':<64} {'p50':>8} {'p95':>8} {'x Whoosh p50':>13} {'p95':>6}")
        for name, values in rows:
            ratios = ""
            if len(values) > 1:
                ratios = f" {pct(values, 50) / pct(whoosh, 50):>13.2f} {pct(values, 95) / pct(whoosh, 95):>6.2f}"
            print(f"{name:<64} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f}{ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
