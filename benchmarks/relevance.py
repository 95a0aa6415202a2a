"""nDCG@10 of searcher's ranking on the shared relevance sets (cran, cisi, med).

For each collection: index docs.jsonl through searcher.index.index_articles, run
queries.jsonl and queries-typo.jsonl, each plain and with fuzzy=True, write the runs
as JSONL, and score them with ../shared/eval/score_relevance.py.

    python benchmarks/relevance.py [--data ../shared/data/relevance] [--out benchmarks/out/relevance]
                                   [--only cran] [--k1 1.2 --b 0.75 ...]

The queries are free text, so they are searched with any=True (any word may match)
after plain_query() turns stray syntax characters into spaces.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searcher.article import Article  # noqa: E402
from searcher.errors import SearcherError  # noqa: E402
from searcher.index import index_articles, open_index  # noqa: E402
from searcher.search import open_searcher  # noqa: E402
from searcher.search.query import plain_query  # noqa: E402
from searcher.search.ranking import DEFAULT_PARAMS, FIELD_WEIGHTS, RankingParams  # noqa: E402

COLLECTIONS = ("cran", "cisi", "med")
RUN_DEPTH = 100


def load_scorer(shared: Path):
    """The shared score_relevance module."""
    path = shared / "eval" / "score_relevance.py"
    spec = importlib.util.spec_from_file_location("score_relevance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def build_index(folder: Path, out: Path) -> Path:
    """Index a collection's docs once (reused while docs.jsonl is unchanged)."""
    docs_path = folder / "docs.jsonl"
    index = out / "indexes" / folder.name
    stamp = index / ".built-from"
    key = f"{docs_path.stat().st_size}:{docs_path.stat().st_mtime_ns}"
    if stamp.exists() and stamp.read_text() == key:
        try:
            open_index(index).close()
            return index
        except SearcherError:
            pass  # built with another schema: build it again
    articles = (
        Article(id=str(d["id"]), title=d.get("title") or "", body=d.get("text") or "")
        for d in read_jsonl(docs_path)
    )
    index_articles(articles, index, fresh=True)
    stamp.write_text(key)
    return index


def run_queries(
    searcher, queries: list[dict], fuzzy: bool, feedback: bool | None = None
) -> tuple[list[dict], list[float]]:
    """A run (qid, ranked docids) and per-query latencies."""
    run, times = [], []
    for q in queries:
        text = plain_query(q["text"])
        started = time.perf_counter()
        docids: list[str] = []
        if text:
            results = searcher.search(
                text, any=True, fuzzy=fuzzy, feedback=feedback, limit=RUN_DEPTH
            )
            docids = [h.article.id for h in results.hits]
        times.append(time.perf_counter() - started)
        run.append({"qid": str(q["id"]), "docids": docids})
    return run, times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "relevance")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "relevance")
    parser.add_argument("--only", action="append", choices=COLLECTIONS)
    parser.add_argument("--k1", type=float, default=DEFAULT_PARAMS.k1)
    parser.add_argument("--b", type=float, default=DEFAULT_PARAMS.b)
    parser.add_argument(
        "--title-b", type=float, default=DEFAULT_PARAMS.field_b.get("title", DEFAULT_PARAMS.b)
    )
    parser.add_argument("--title-weight", type=float, default=FIELD_WEIGHTS["title"])
    parser.add_argument("--plain-only", action="store_true", help="skip the typo'd and fuzzy runs")
    parser.add_argument(
        "--feedback",
        choices=("auto", "on", "off"),
        default="auto",
        help="pseudo-relevance feedback: as the defaults decide, always, never",
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no relevance data at {args.data}", file=sys.stderr)
        return 2
    scorer = load_scorer(args.data.parent.parent)
    weights = dict(FIELD_WEIGHTS, title=args.title_weight)
    params = RankingParams(k1=args.k1, b=args.b, field_b={"title": args.title_b}, weights=weights)
    args.out.mkdir(parents=True, exist_ok=True)
    variants = [("plain", "queries.jsonl", False)]
    if not args.plain_only:
        variants += [
            ("plain+fuzzy", "queries.jsonl", True),
            ("typo", "queries-typo.jsonl", False),
            ("typo+fuzzy", "queries-typo.jsonl", True),
        ]
    rows = []
    for name in args.only or COLLECTIONS:
        folder = args.data / name
        index = build_index(folder, args.out)
        qrels = scorer.load_qrels(folder / "qrels.tsv")
        scores = {}
        with open_searcher(index, params=params) as searcher:
            for label, qfile, fuzzy in variants:
                feedback = {"auto": None, "on": True, "off": False}[args.feedback]
                run, times = run_queries(searcher, read_jsonl(folder / qfile), fuzzy, feedback)
                path = args.out / f"{name}.{label.replace('+', '-')}.jsonl"
                path.write_text("".join(json.dumps(r) + "\n" for r in run), encoding="utf-8")
                result = scorer.evaluate(scorer.load_run(str(path)), qrels)
                times.sort()
                scores[label] = (result["ndcg@10"], result["map"], times[len(times) // 2] * 1000)
        rows.append((name, scores))
    labels = [v[0] for v in variants]
    print(
        f"{'collection':<10} "
        + " ".join(f"{label:>12}" for label in labels)
        + "   (nDCG@10; MAP in brackets)"
    )
    for name, scores in rows:
        print(
            f"{name:<10} "
            + " ".join(f"{scores[label][0]:>12.3f}" for label in labels)
            + "   ["
            + " ".join(f"{scores[label][1]:.3f}" for label in labels)
            + "]"
        )
    if not args.plain_only:
        for name, scores in rows:
            kept = scores["typo+fuzzy"][0] / scores["plain"][0] if scores["plain"][0] else 0.0
            change = scores["plain+fuzzy"][0] - scores["plain"][0]
            print(
                f"{name}: typo+fuzzy keeps {kept:.1%} of plain; fuzzy changes plain queries by {change:+.3f}"
            )
    print(
        f"runs in {args.out}; score one with: python ../shared/eval/score_relevance.py "
        f"{args.data}/cran/qrels.tsv {args.out}/cran.plain.jsonl"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
