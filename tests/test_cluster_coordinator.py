"""The coordinator over shards answers as one index of the same articles, and says when a shard is missing."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from generated_articles import generated_articles

from searcher.search import QuotesRequest, SearchRequest
from searcher.search.options import TermsRequest, TimelineRequest

pytest.importorskip("pyarrow")

ARTICLES = 3000


def build_sharded(articles, folder: Path, shards: int) -> Path:
    """The articles' records and `shards` shards of them, built in this process."""
    from searcher.cluster.records import write_records
    from searcher.cluster.shards import build_shards
    from searcher.cluster.storage import Location

    write_records(articles, Location(str(folder / "records")))
    build_shards(str(folder / "records"), str(folder / "shards"), shards=shards, in_process=True)
    return folder / "shards"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Any, Any, list[str]]:
    """One index and a coordinator over 4 shards of the same generated articles, and words."""
    from searcher.cluster.coordinator import local_coordinator
    from searcher.index import index_articles
    from searcher.search import open_searcher

    articles = generated_articles(ARTICLES)
    folder = tmp_path_factory.mktemp("generated")
    index_articles(articles, folder / "index", fresh=True)
    single = open_searcher(folder / "index")
    coordinator = local_coordinator(build_sharded(articles, folder, 4))
    words = sorted({w.lower() for a in articles for w in a.title.split()})
    yield single, coordinator, words
    single.close()
    coordinator.close()


def queries(words: list[str], n: int) -> list[tuple[str, dict]]:
    """Many searches: words and phrases of every frequency, orders, filters, pages, typos."""
    rng = random.Random(3)
    out: list[tuple[str, dict]] = []
    for i in range(n):
        a, b, c = rng.sample(words, 3)
        text = rng.choice(
            [a, f"{a} {b}", f"{a} OR {b}", f'"{a} {b}"', f"{a} -{b}", f"title:{a}", f"{a} {b} {c}"]
        )
        options: dict = {"limit": rng.choice([5, 10, 20]), "page": rng.choice([1, 1, 2, 3])}
        options["facets"] = ["outlet", "year", "lang", "author"]
        if i % 3 == 0:
            options["sort"] = rng.choice(["newest", "oldest"])
        if i % 4 == 1:
            options["any"] = True
            text = f"{a} {b} {c}"  # three words: feedback re-ranks by default
        if i % 7 == 2:
            options["outlet"] = rng.choice(["courier", "ledger"])  # names resolved over all shards
        if i % 9 == 4:
            options["lang"] = "de"
        if i % 11 == 5:
            options["since"] = "2021"
        if i % 5 == 3:
            typo = a[:2] + a[3:] + "e" if len(a) > 4 else a + "x"
            text, options = typo, {"fuzzy": i % 2 == 0}
        out.append((text, options))
    out += [("update", {"limit": 50}), ("update", {"limit": 10, "page": 4})]  # briefs: ties
    return out


def comparable(results) -> dict:
    found = results.to_dict()
    found.pop("next")
    return found


@pytest.mark.slow
def test_every_search_gives_the_single_indexs_page(generated):
    single, coordinator, words = generated
    differing = []
    for text, options in queries(words, 120):
        request = SearchRequest.of(text, **options)
        if comparable(single.search(request)) != comparable(coordinator.search(request)):
            differing.append((text, options))
    assert not differing


@pytest.mark.slow
def test_cursors_walk_the_same_pages(generated):
    single, coordinator, words = generated
    for text, sort in (("update", "relevance"), (words[5], "newest"), (words[9], "oldest")):
        pages: list[list[list[str]]] = []
        for backend in (single, coordinator):
            request = SearchRequest.of(text, sort=sort, limit=7)
            walked = []
            for _ in range(4):
                results = backend.search(request)
                walked.append([h.article.id for h in results.hits])
                if results.next is None:
                    break
                request = SearchRequest.of(text, sort=sort, limit=7, after=results.next)
            pages.append(walked)
        assert pages[0] == pages[1] and len(pages[0]) > 1


@pytest.mark.slow
def test_quotes_exports_and_analyses_equal_the_single_indexs(generated):
    single, coordinator, words = generated
    for text in words[:6]:
        quotes = QuotesRequest.of(text, limit=15, page=2)
        assert single.quotes(quotes).to_dict() == coordinator.quotes(quotes).to_dict()
        request = SearchRequest.of(text, sort="newest")
        assert [a.id for a in single.iter_articles(request)] == [
            a.id for a in coordinator.iter_articles(request)
        ]
        timeline = TimelineRequest.of(text, by="month", split="outlet")
        assert single.timeline(timeline).to_dict() == coordinator.timeline(timeline).to_dict()
        terms = TermsRequest.of(text, size=8)
        assert single.terms(terms).to_dict() == coordinator.terms(terms).to_dict()
    assert single.stats().per_outlet == coordinator.stats().per_outlet


@pytest.mark.slow
def test_shards_only_match_score_and_snippet_what_the_coordinator_planned(generated, monkeypatch):
    """The coordinator expands and respells over the vocabulary once; the shards never search
    it, and never score a candidate again to make its key."""
    from searcher.cluster.coordinator import Coordinator
    from searcher.cluster.shardservice import LocalShardClient, ShardService
    from searcher.search.stats import GlobalStats
    from searcher.search.topk import RankedScores

    single, coordinator, words = generated

    class NoVocabulary(GlobalStats):
        def vocabulary(self):
            raise AssertionError("a shard searched the vocabulary")

    root = coordinator.path
    names = sorted(p.name for p in root.glob("shard-*"))
    shard_stats = NoVocabulary(root)
    clients = [
        LocalShardClient(ShardService(root / n, shard_stats, i)) for i, n in enumerate(names)
    ]
    planned = Coordinator(clients, GlobalStats(root))
    scored_again: list[int] = []
    get = RankedScores.get
    monkeypatch.setattr(
        RankedScores,
        "get",
        lambda self, doc, default=0.0: scored_again.append(doc) or get(self, doc, default),
    )
    typos = [w[:2] + w[3:] + "e" for w in words[10:40] if len(w) > 5]
    searches = [(t, {"fuzzy": True}) for t in typos[:5]] + [(t, {}) for t in typos]
    searches += [(f"{words[3]} {words[4]} {words[5]}", {"any": True}), (words[2], {"limit": 20})]
    suggested = expanded = 0
    try:
        for text, options in searches:
            request = SearchRequest.of(text, **options)
            expected = comparable(single.search(request))
            scored_again.clear()
            assert comparable(planned.search(request)) == expected
            assert not scored_again
            suggested += expected["did_you_mean"] is not None
            expanded += bool(expected["expanded"])
    finally:
        planned.close()
    assert suggested and expanded


class Down:
    """A shard client whose shard is down."""

    def __init__(self, shard: int):
        self.shard = shard

    def call(self, method: str, payload: dict) -> dict:
        from searcher.cluster.shardcall import ShardUnavailable

        raise ShardUnavailable(self.shard)


def test_a_missing_shard_gives_a_marked_partial_answer(tmp_path):
    from search_fixtures import fixture_articles

    from searcher.cluster.coordinator import Coordinator, local_coordinator
    from searcher.cluster.shards import shard_of
    from searcher.search.stats import GlobalStats

    shards = build_sharded(fixture_articles(), tmp_path, 3)
    whole = local_coordinator(shards)
    complete = whole.search(SearchRequest.of("brannholm OR kessel", limit=50))
    assert "partial" not in complete.to_dict() and complete.missing_shards == ()
    home = {a.id: shard_of(a.id, 3) for a in fixture_articles()}
    lost = home[complete.hits[0].article.id]  # the shard of the best hit is down
    clients = [c if c.shard != lost else Down(lost) for c in whole.clients.values()]
    partial = Coordinator(clients, GlobalStats(shards))
    results = partial.search(SearchRequest.of("brannholm OR kessel", limit=50, facets=["lang"]))
    assert results.missing_shards == (lost,)
    assert results.to_dict()["partial"] == {"missing_shards": [lost]}
    kept = [h.article.id for h in complete.hits if home[h.article.id] != lost]
    assert [h.article.id for h in results.hits] == kept  # the others' hits, in the same order
    assert 0 < results.total < complete.total
    assert partial.quotes(QuotesRequest.of(speaker="Łucja Weißmann")).missing_shards == (lost,)
    assert partial.timeline(TimelineRequest.of("kessel")).to_dict()["partial"]
    notes: list = []
    list(partial.iter_articles(SearchRequest.of("kessel"), notes=notes))
    assert any("did not answer" in n for n in notes)
    stats, whole_stats = partial.stats(), whole.stats()
    assert stats.missing_shards == (lost,) and 0 < stats.articles < whole_stats.articles
    assert stats.to_dict()["partial"] == {"missing_shards": [lost]}
    assert "partial" not in whole_stats.to_dict()
    assert type(stats).from_dict(stats.to_dict()) == stats
