"""Scores on ../shared/data/articles with the shared scorer: regressions below these floors fail."""

import importlib.util
import json

import pytest

from searcher.normalize import normalize

pytestmark = pytest.mark.slow

# A little under what the normalizer reaches (benchmarks/extraction.py prints it).
FLOORS = {"body_F1": 0.95, "title_exact": 0.86, "auth_F1": 0.88, "date_acc": 0.98, "tags_F1": 0.70}


@pytest.fixture(scope="module")
def scores(shared_data):
    folder = shared_data / "articles"
    gold_path = folder / "gold.jsonl"
    scorer_path = shared_data.parent / "eval" / "score_articles.py"
    if not gold_path.exists() or not scorer_path.exists():
        pytest.skip("gold or scorer missing")
    pytest.importorskip("rapidfuzz")
    spec = importlib.util.spec_from_file_location("score_articles", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = {}
    with open(gold_path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            gold[rec["id"]] = rec
    preds = {}
    kinds = {}
    for pid, rec in gold.items():
        path = folder / f"{pid}.html"
        if not path.exists():
            continue
        art = normalize(path.read_bytes(), url=rec.get("url"))
        kinds[pid] = art.kind
        preds[pid] = {
            "id": pid,
            "title": art.title,
            "authors": art.authors,
            "date": (art.published or "")[:10] or None,
            "body": art.body,
            "tags": art.tags,
        }
    result = scorer.score(gold, preds)
    result["kinds"] = kinds
    return result


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_score_floor(scores, field):
    assert scores[field] >= FLOORS[field], f"{field} = {scores[field]:.3f} < {FLOORS[field]}"


def test_every_gold_page_is_an_article(scores):
    assert [pid for pid, kind in scores["kinds"].items() if kind != "article"] == []
