"""Ranking quality on the shared relevance sets (skipped when ../shared/data is absent)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from searcher.article import Article
from searcher.index import index_articles
from searcher.search import open_searcher
from searcher.search.query import plain_query

pytestmark = pytest.mark.slow

# Just below what benchmarks/relevance.py measures (med: 0.712 plain, 0.700 typo'd + fuzzy).
MED_PLAIN = 0.70
MED_TYPO_FUZZY = 0.69


def _read(path):
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="module")
def med(shared_data, tmp_path_factory):
    folder = shared_data / "relevance" / "med"
    if not folder.is_dir():
        pytest.skip("no med collection")
    index = tmp_path_factory.mktemp("med") / "ix"
    index_articles(
        (
            Article(id=str(d["id"]), title=d.get("title") or "", body=d["text"])
            for d in _read(folder / "docs.jsonl")
        ),
        index,
        fresh=True,
    )
    spec = importlib.util.spec_from_file_location(
        "score_relevance", shared_data.parent / "eval" / "score_relevance.py"
    )
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return folder, index, scorer


def _ndcg(folder, index, scorer, qfile, fuzzy):
    run = {}
    with open_searcher(index) as s:
        for q in _read(folder / qfile):
            hits = s.search(plain_query(q["text"]), any=True, fuzzy=fuzzy, limit=10).hits
            run[str(q["id"])] = [h.article.id for h in hits]
    return scorer.evaluate(run, scorer.load_qrels(folder / "qrels.tsv"))["ndcg@10"]


def test_med_ranking(med):
    folder, index, scorer = med
    plain = _ndcg(folder, index, scorer, "queries.jsonl", False)
    assert plain >= MED_PLAIN
    assert _ndcg(folder, index, scorer, "queries.jsonl", True) >= plain - 1e-9


def test_med_typos_with_fuzzy(med):
    folder, index, scorer = med
    typo_plain = _ndcg(folder, index, scorer, "queries-typo.jsonl", False)
    typo_fuzzy = _ndcg(folder, index, scorer, "queries-typo.jsonl", True)
    assert typo_fuzzy >= MED_TYPO_FUZZY
    assert typo_fuzzy > typo_plain
