"""Global statistics: a sharded index's summed numbers equal one index's, read through CollectionStats."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_fixtures import fixture_articles

pytest.importorskip("pyarrow")


def sharded(articles, folder: Path, shards: int) -> Path:
    """The articles as records and `shards` shards built from them in this process."""
    from searcher.cluster.records import write_records
    from searcher.cluster.shards import build_shards
    from searcher.cluster.storage import Location

    write_records(articles, Location(str(folder / "records")))
    build_shards(str(folder / "records"), str(folder / "shards"), shards=shards, in_process=True)
    return folder / "shards"


@pytest.fixture(scope="module")
def single_and_shards(tmp_path_factory) -> tuple[Path, Path]:
    from searcher.index import index_articles

    folder = tmp_path_factory.mktemp("stats")
    index_articles(fixture_articles(), folder / "index", fresh=True)
    return folder / "index", sharded(fixture_articles(), folder, 3)


def test_global_stats_read_what_one_index_reads_locally(single_and_shards):
    from searcher.cluster.stats import NAME_VALUE_FIELDS
    from searcher.search import open_searcher
    from searcher.search.ranking import FIELD_WEIGHTS
    from searcher.search.stats import GlobalStats, LocalStats

    index, shards = single_and_shards
    glob = GlobalStats(shards)
    with open_searcher(index) as searcher:
        reading = searcher._session.reading()
        local = reading.stats
        assert isinstance(local, LocalStats)
        assert glob.doc_count == local.doc_count == 8
        for name in FIELD_WEIGHTS:
            assert glob.avg_field_length(name) == local.avg_field_length(name), name
        reader = reading.searcher.reader()
        for name in (*FIELD_WEIGHTS, "words"):
            for term in reader.lexicon(name):
                text = term.decode() if isinstance(term, bytes) else term
                assert glob.doc_frequency(name, text) == local.doc_frequency(name, text)
        assert glob.doc_frequency("body", "no-such-term") == 0
        assert glob.vocabulary().words == local.vocabulary().words
        assert glob.vocabulary().frequency("ferry") == local.vocabulary().frequency("ferry") > 1
        for name in NAME_VALUE_FIELDS:
            assert glob.names(name).values == local.names(name).values, name


def test_a_shard_scores_with_the_collections_statistics(single_and_shards):
    """Each shard searched with GlobalStats gives its articles the single index's exact scores."""
    from searcher.search import SearchRequest, open_searcher
    from searcher.search.api import Searcher
    from searcher.search.stats import GlobalStats

    index, shards = single_and_shards
    request = SearchRequest.of("ferry OR brannholm OR kessel", limit=100)
    with open_searcher(index) as single:
        expected = {h.article.id: h.score for h in single.search(request).hits}
    found: dict[str, float] = {}
    own: dict[str, float] = {}
    for path in sorted(shards.glob("shard-*")):
        with Searcher(path, stats=GlobalStats(shards)) as shard, Searcher(path) as alone:
            found.update({h.article.id: h.score for h in shard.search(request).hits})
            own.update({h.article.id: h.score for h in alone.search(request).hits})
    shown = set(found) & set(expected)  # copies of a story are shown once per index
    assert len(shown) >= 5 and all(found[i] == expected[i] for i in shown)
    assert any(own[i] != expected[i] for i in shown)  # a shard's own numbers would differ
