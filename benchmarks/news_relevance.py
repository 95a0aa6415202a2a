"""nDCG@10 on news: known-item searches built at run time from the shared news snippets.

No judged news collection is bundled, so one is made from ../shared/data/scale/pool.jsonl
(34k real news snippets; nothing of it is written out): every snippet is a document, and
for a seeded sample of the snippets that have a headline, two kinds of query look for them:

- headline: the headline is the query; its story is indexed without it (the body must
  answer, beside other stories' headlines);
- lead: the story's first sentence is the query; the story is indexed with its headline
  and without that sentence.

Each query has one relevant document, so nDCG@10 is 1/log2(1 + rank) (0 below rank 10).
The queries are split by a hash of their id into dev (for looking at, and tuning) and test
(kept aside: report it). searcher (with its defaults and the variants asked for), SQLite
FTS5's bm25() (unicode61, and porter) and a plain Okapi BM25 (k1 1.2, b 0.75, headline and
body as one text) rank the same documents in the same run; all take the query's words as
"any of them".

    python benchmarks/news_relevance.py [--queries 400] [--seed 7] [--variant NAME=k1:2,b:0.85,title:3,feedback:off]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searcher.article import Article  # noqa: E402
from searcher.index import index_articles  # noqa: E402
from searcher.search import open_searcher  # noqa: E402
from searcher.search.query import plain_query  # noqa: E402
from searcher.search.ranking import DEFAULT_PARAMS, RankingParams  # noqa: E402

DEPTH = 10
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
KINDS = ("headline", "lead")


def load_pool(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence, the rest) of a snippet; ("", text) when it has one sentence."""
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 and len(parts[1].split()) >= 8 else ("", text)


def build_set(pool: list[dict], queries: int, seed: int):
    """(articles, [(kind, qid, query, relevant id)]): the documents and the known-item queries."""
    rng = random.Random(seed)
    titled = [i for i, d in enumerate(pool) if d["title"].strip() and len(d["text"].split()) >= 12]
    chosen = rng.sample(titled, min(2 * queries, len(titled)))
    headline, lead = set(chosen[:queries]), set(chosen[queries:])
    articles, asked = [], []
    for i, d in enumerate(pool):
        doc_id, title, body = f"n{i}", d["title"].strip(), d["text"].strip()
        if i in headline:
            asked.append(("headline", f"h{i}", title, doc_id))
            title = ""
        elif i in lead:
            sentence, rest = first_sentence(body)
            if sentence and len(sentence.split()) >= 5:
                asked.append(("lead", f"l{i}", sentence, doc_id))
                body = rest
        articles.append(Article(id=doc_id, title=title, body=body))
    return articles, asked


def split_of(qid: str) -> str:
    """dev or test, by a hash of the query id (stable across runs and seeds' orders)."""
    return "dev" if hashlib.sha1(qid.encode()).digest()[0] % 2 == 0 else "test"


def ndcg(ranked: list[str], relevant: str) -> float:
    for rank, doc in enumerate(ranked[:DEPTH], 1):
        if doc == relevant:
            return 1.0 / math.log2(1 + rank)
    return 0.0


class PlainBM25:
    """Okapi BM25 over lower-cased words of headline and body together (no stemming)."""

    def __init__(self, articles: list[Article], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.ids = [a.id for a in articles]
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths = []
        for n, a in enumerate(articles):
            words = _WORD.findall(f"{a.title} {a.body}".lower())
            self.lengths.append(len(words))
            for word, tf in Counter(words).items():
                self.postings[word].append((n, tf))
        self.avg = sum(self.lengths) / len(self.lengths)

    def search(self, text: str) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        total = len(self.ids)
        for word in set(_WORD.findall(text.lower())):
            found = self.postings.get(word, ())
            if not found:
                continue
            idf = math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5))
            for n, tf in found:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[n] / self.avg)
                scores[n] += idf * tf * (self.k1 + 1) / (tf + norm)
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:DEPTH]
        return [self.ids[n] for n, _ in best]


class Fts5:
    """SQLite FTS5's bm25() over a headline and a body column (weights 1, 1)."""

    def __init__(self, articles: list[Article], tokenizer: str):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='{tokenizer}')"
        )
        self.db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?)", ((a.id, a.title, a.body) for a in articles)
        )

    def search(self, text: str) -> list[str]:
        words = sorted({w for w in _WORD.findall(text.lower())})
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, DEPTH)
        )
        return [row[0] for row in rows]


class Searcher:
    """searcher's ranking: any word, feedback as the defaults decide unless the variant says."""

    def __init__(self, index: Path, params: RankingParams, feedback: bool | None):
        self.searcher = open_searcher(index, params=params)
        self.feedback = feedback

    def search(self, text: str) -> list[str]:
        query = plain_query(text)
        if not query:
            return []
        results = self.searcher.search(query, any=True, feedback=self.feedback, limit=DEPTH)
        # A story found through its syndicated copy is found.
        return [x for h in results.hits for x in (h.article.id, *(a.id for a in h.also_in))]


def variant(text: str) -> tuple[str, RankingParams, bool | None]:
    """NAME=k1:2,b:0.85,title_b:0.9,title:3,body:1,feedback:off -> (name, params, feedback)."""
    name, _, spec = text.partition("=")
    settings = dict(item.split(":", 1) for item in spec.split(",") if item)
    weights = dict(DEFAULT_PARAMS.weights)
    field_b = dict(DEFAULT_PARAMS.field_b)
    feedback: bool | None = None
    k1, b = DEFAULT_PARAMS.k1, DEFAULT_PARAMS.b
    for key, value in settings.items():
        if key == "k1":
            k1 = float(value)
        elif key == "b":
            b = float(value)
        elif key == "feedback":
            feedback = {"on": True, "off": False}.get(value)
        elif key.endswith("_b"):
            field_b[key[:-2]] = float(value)
        else:
            weights[key] = float(value)
    return name, RankingParams(k1=k1, b=b, field_b=field_b, weights=weights), feedback


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pool", type=Path, default=REPO.parent / "shared" / "data" / "scale" / "pool.jsonl"
    )
    parser.add_argument("--queries", type=int, default=400, help="of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variant", action="append", default=[], help="a searcher variant")
    parser.add_argument("--work", type=Path, default=None, help="folder for the index")
    parser.add_argument("--no-default", action="store_true", help="only the variants of searcher")
    args = parser.parse_args(argv)
    if not args.pool.is_file():
        print(f"no news pool at {args.pool}", file=sys.stderr)
        return 2
    articles, asked = build_set(load_pool(args.pool), args.queries, args.seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="news-relevance-"))
    started = time.perf_counter()
    stamp, key = work / "built-from", f"{args.pool.stat().st_size}:{args.queries}:{args.seed}"
    if not (stamp.exists() and stamp.read_text() == key):  # --work keeps the index for reruns
        index_articles(articles, work / "index", fresh=True)
        stamp.write_text(key)
    print(
        f"{len(articles)} documents indexed in {time.perf_counter() - started:.0f}s; "
        + ", ".join(f"{sum(1 for q in asked if q[0] == k)} {k} queries" for k in KINDS)
    )
    rankers: dict = (
        {} if args.no_default else {"searcher": Searcher(work / "index", DEFAULT_PARAMS, None)}
    )
    for text in args.variant:
        name, params, feedback = variant(text)
        rankers[f"searcher {name}"] = Searcher(work / "index", params, feedback)
    rankers["fts5"] = Fts5(articles, "unicode61")
    rankers["fts5 porter"] = Fts5(articles, "porter unicode61")
    rankers["bm25"] = PlainBM25(articles)
    columns = [(kind, part) for kind in KINDS for part in ("dev", "test")]
    print(f"{'nDCG@10':<28}" + "".join(f"{kind + ' ' + part:>15}" for kind, part in columns))
    for name, ranker in rankers.items():
        sums: dict[tuple[str, str], list[float]] = defaultdict(list)
        for kind, qid, query, relevant in asked:
            sums[(kind, split_of(qid))].append(ndcg(ranker.search(query), relevant))
        print(
            f"{name:<28}"
            + "".join(f"{sum(sums[c]) / max(1, len(sums[c])):>15.3f}" for c in columns)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
