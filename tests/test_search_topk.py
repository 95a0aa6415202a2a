"""Top-k by block-max bounds gives the exhaustive answer: the same documents, order and scores.

The reference scores every match in plain Python from Whoosh's own matchers, with the
same formula and the same order of operations as the ranking, so scores compare with ==.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import islice

import pytest
from whoosh.reading import TermNotFound

from searcher.article import Article
from searcher.index import index_articles
from searcher.search import open_searcher, topk
from searcher.search.feedback import FEEDBACK_DOCS, wants_feedback
from searcher.search.matching import match, plan_for
from searcher.search.order import _feedback_groups, result_order
from searcher.search.query import plain_query
from searcher.search.ranking import idf
from tests.index_helpers import synthetic_articles
from tests.search_fixtures import fixture_articles


@pytest.fixture(autouse=True)
def bounded_top_k(monkeypatch):
    """The bounds at work on these small indexes (they would score every match otherwise)."""
    monkeypatch.setattr(topk, "EXACT_UP_TO", 0)


def _whoosh_postings(reader, fieldname, term) -> dict[int, float]:
    try:
        m = reader.postings(fieldname, term)
    except TermNotFound:
        return {}
    out = {}
    while m.is_active():
        out[m.id()] = m.weight()
        m.next()
    return out


def exhaustive(reading, groups, matched) -> list[tuple[int, float]]:
    """Every match scored, best first, ties in document order."""
    k1, stats, lengths = reading.params.k1, reading.stats, reading.lengths()
    reader = reading.searcher.reader()
    scores = dict.fromkeys(matched, 0.0)
    first = True
    for group in groups:
        members = [(f, w, _whoosh_postings(reader, f, t)) for f, t, w in group.members]
        members = [m for m in members if m[2]]
        if not members:
            continue
        df = max(stats.doc_frequency(f, t) for f, t, _w in group.members)
        factor = group.weight * idf(stats.doc_count, df) * (k1 + 1)
        for d in matched:
            acc = None
            for f, w, p in members:
                tf = p.get(d, 0.0)
                value = (
                    tf * (w / lengths.norm[f][lengths.bytes[f][d]]) if f in lengths.norm else tf * w
                )
                acc = value if acc is None else acc + value
            saturated = acc / (acc + k1) * factor
            scores[d] = saturated if first else scores[d] + saturated
        first = False
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def expected_ranking(reading, found, feedback, any_words) -> list[tuple[int, float]]:
    """The exhaustive ranking, re-ranked with feedback words the way the search does it."""
    words = list(found.plan.groups)
    ranked = exhaustive(reading, words, found.docs)
    if wants_feedback(words, feedback, any_words) and words and ranked:
        extra = _feedback_groups(reading, words, ranked[:FEEDBACK_DOCS])
        if extra:
            ranked = exhaustive(reading, words + extra, found.docs)
    return ranked


def check_query(searcher, text, k=10, any_words=False, fuzzy=False, feedback=None, filters=None):
    """The top k (and the page after it, by cursor key) equal the exhaustive ranking."""
    reading = searcher._session.reading()
    plan = plan_for(reading, text, any=any_words, fuzzy=fuzzy, blank_matches_all=False)
    found = match(reading, plan, filters or {}, [])
    if not found.docs:
        return 0
    order = result_order(
        reading,
        plan.groups,
        found.memo,
        found.docs,
        "relevance",
        feedback,
        any_words=any_words,
        ordered=found.ordered,
    )
    expected = expected_ranking(reading, found, feedback, any_words)
    got = list(islice(order.ranked(k), k))
    assert got == expected[:k], text
    if len(got) == k:
        last = got[-1][0]
        after = list(islice(order.after(order.key(last), k), k))
        assert after == expected[k : 2 * k], text
    return len(found.docs)


def _index(folder, batches):
    """An index fed in batches: each later batch is a live update (a segment of its own)."""
    for n, batch in enumerate(batches):
        index_articles(batch, folder, fresh=n == 0)
    return folder


@pytest.fixture(scope="module")
def segmented_index(tmp_path_factory):
    """Synthetic articles in three segments, some re-indexed (so segments have deletions)."""
    articles = synthetic_articles(1500, seed=3)
    changed = [
        replace(a, body=a.body + "\n\nThe harbour ferry council met again.") for a in articles[:40]
    ]
    folder = tmp_path_factory.mktemp("topk") / "index"
    return _index(folder, [articles[:900], articles[900:], changed])


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("topk-fixture") / "index"
    return _index(folder, [fixture_articles()])


QUERIES = [
    "harbour",
    "council budget",
    "ferry OR railway OR vaccine",
    "harbour -ferry",
    '"night ferry"',
    '"the council" winter',
    "title:plan harbour",
    "storm OR flood OR drought OR glacier OR salmon",
]


def test_segmented_index_top_k_is_exhaustive(segmented_index):
    with open_searcher(segmented_index) as s:
        assert len(s._session.reading().searcher.reader().leaf_readers()) >= 2
        for text in QUERIES:
            for k in (1, 10, 25):
                check_query(s, text, k=k)
        check_query(s, "council harbour tax minister school", any_words=True)
        check_query(s, "council harbour tax", any_words=True, feedback=True)
        check_query(s, "counsil harbur", fuzzy=True)
        check_query(s, "harbour", filters={"outlet": ["Harbor Ledger"]})


def test_bundled_fixture_top_k_is_exhaustive(fixture_index):
    with open_searcher(fixture_index) as s:
        for text in [*QUERIES, "Brannholm", "ferry winter", "kessel point", "vaccination"]:
            check_query(s, text, k=3)
        check_query(s, "ferry", filters={"lang": ["en"]})
        check_query(s, "fery brannhom", fuzzy=True, k=3)


def test_many_matches_score_only_what_can_reach_the_top(tmp_path):
    # Most articles mention the harbour once in passing; three are about it.
    articles = synthetic_articles(3000, seed=5)
    weak = [
        replace(a, title=f"Report {n}", body=a.body + " Near the harbour.")
        for n, a in enumerate(articles)
    ]
    for n in (700, 1900, 2600):
        weak[n] = replace(weak[n], title=f"Harbour harbour {n}", body=f"harbour {n} " * 30)
    index = _index(tmp_path / "index", [weak])
    with open_searcher(index) as s:
        reading = s._session.reading()
        plan = plan_for(reading, "harbour", blank_matches_all=False)
        found = match(reading, plan, {}, [])
        order = result_order(
            reading, plan.groups, found.memo, found.docs, "relevance", ordered=found.ordered
        )
        assert [d for d, _ in order.scores.best(3)] == [700, 1900, 2600]
        assert order.scores.scored < len(found.docs) / 4
        check_query(s, "harbour", k=3)


def test_few_matches_are_scored_once_for_every_page(segmented_index, monkeypatch):
    monkeypatch.setattr(topk, "EXACT_UP_TO", 100_000)
    with open_searcher(segmented_index) as s:
        reading = s._session.reading()
        plan = plan_for(reading, "harbour", blank_matches_all=False)
        found = match(reading, plan, {}, [])
        assert len(found.docs) > 60
        order = result_order(
            reading, plan.groups, found.memo, found.docs, "relevance", ordered=found.ordered
        )
        expected = exhaustive(reading, plan.groups, found.docs)
        assert order.scores.best(10) == expected[:10]
        assert order.scores.best(30) == expected[:30]
        assert order.scores.best(10, order.key(expected[9][0])) == expected[10:20]
        # Every match scored by the first call, none again by the later ones.
        assert order.scores.scored == len(found.docs)
        check_query(s, "harbour", k=10)
        check_query(s, "council budget", k=10)


def test_an_and_query_decodes_only_the_blocks_its_rarest_word_needs(segmented_index):
    with open_searcher(segmented_index) as s:
        reading = s._session.reading()
        plan = plan_for(reading, "harbour met again", blank_matches_all=False)
        found = match(reading, plan, {}, [])
        assert found.docs
        body = found.memo.term_list("body", "harbour")
        assert body.decoded_blocks() < body.blocks


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cran", "cisi", "med"])
def test_relevance_sets_top_k_is_exhaustive(shared_data, tmp_path, name):
    folder = shared_data / "relevance" / name
    docs = [json.loads(line) for line in (folder / "docs.jsonl").read_text().splitlines() if line]
    articles = [
        Article(id=str(d["id"]), title=d.get("title") or "", body=d.get("text") or "") for d in docs
    ]
    # Two segments, as a live update makes.
    index = _index(
        tmp_path / "index", [articles[: len(articles) // 2], articles[len(articles) // 2 :]]
    )
    with open_searcher(index) as s:
        for qfile, fuzzy in (("queries.jsonl", False), ("queries-typo.jsonl", True)):
            # Every fifth query: the reference scores every match in Python.
            for line in (folder / qfile).read_text().splitlines()[::5]:
                text = plain_query(json.loads(line)["text"]) if line.strip() else ""
                if text:
                    check_query(s, text, k=100, any_words=True, fuzzy=fuzzy)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("text", ["harbour", "ferry OR railway OR vaccine", "lang:en", "*"])
def test_every_match_in_arrays_is_the_ranked_order(segmented_index, sort, text):
    """Exports walk every() (sorted once in arrays): the same pairs as ranked() gives, in order."""
    with open_searcher(segmented_index) as searcher:
        reading = searcher._session.reading()
        plan = plan_for(reading, None if text == "*" else text)
        found = match(reading, plan, {}, [])
        assert found.docs, text

        def order():
            return result_order(
                reading, plan.groups, found.memo, found.docs, sort, ordered=found.ordered
            )

        every = list(order().every())
        assert every == list(order().ranked(len(found.docs)))
        assert len(every) == len(found.docs)
