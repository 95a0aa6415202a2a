"""`searcher cluster index` on a real local Ray cluster: shards equal to one index, global statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cluster_fixtures import run

pytestmark = pytest.mark.slow
pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

QUERIES = [
    "harbour",
    "council budget",
    '"city council"',
    "water OR river",
    "flood -insurance",
    "title:election",
    "strike*",
]


@pytest.fixture(scope="session")
def shards(cluster_records, tmp_path_factory) -> tuple[Path, dict]:
    """The cluster records of the bundled corpus in 3 shards."""
    records, _ = cluster_records
    out = tmp_path_factory.mktemp("shards") / "shards"
    code, stdout, err = run(
        "cluster", "index", str(records), "--shards", "3", "--out", str(out), "--format", "json"
    )
    assert code == 0, err
    return out, json.loads(stdout)


def shard_paths(out: Path) -> list[Path]:
    return sorted(out.glob("shard-*"))


def matching_ids(index: Path, query: str) -> set[str]:
    from searcher.search.api import open_searcher

    with open_searcher(index) as searcher:
        reading, docs = searcher.matching(query)
        s = reading.searcher
        return {s.stored_fields(d)["id"] for d in docs}


def test_shards_together_hold_what_one_index_finds(shards, single_index):
    out, report = shards
    index, single = single_index
    paths = shard_paths(out)
    assert len(paths) == 3 and all(report["per_shard"])
    assert report["articles"] == single["added"]
    for query in QUERIES:
        expected = matching_ids(index, query)
        found = [matching_ids(p, query) for p in paths]
        assert sum(map(len, found)) == len(expected), query  # each article in one shard only
        assert set().union(*found) == expected, query
    assert sum(bool(matching_ids(index, q)) for q in QUERIES) >= 5  # the queries match something


def test_each_shard_is_an_ordinary_index(shards):
    from whoosh.index import open_dir

    from searcher.index.store import current_generation

    out, _ = shards
    manifest = json.loads((out / "shards.json").read_text())
    for entry, path in zip(manifest["shards"], shard_paths(out), strict=True):
        assert entry["name"] == path.name
        code, stdout, err = run(
            "search", "harbour OR council", "--index", str(path), "--format", "json"
        )
        assert code == 0, err
        assert json.loads(stdout)["total"] >= 1
        ix = open_dir(str(current_generation(path)))
        assert ix.doc_count() == entry["articles"]
        ix.close()


def test_global_statistics_equal_the_single_index(shards, single_index):
    from searcher.cluster.stats import VOCABULARY_FIELD, index_statistics

    out, _ = shards
    single = index_statistics(single_index[0])
    manifest = json.loads((out / "shards.json").read_text())
    assert manifest["articles"] == single.documents
    assert manifest["fields"] == single.field_table()
    terms = pq.read_table(out / "terms.parquet")
    assert terms.equals(single.terms)
    vocabulary = terms.filter(terms["field"].to_numpy(zero_copy_only=False) == VOCABULARY_FIELD)
    assert vocabulary.num_rows > 1000


def test_story_clusters_span_shards_as_in_one_index(shards, single_index):
    from searcher.search.api import open_searcher

    out, _ = shards
    with open_searcher(single_index[0]) as searcher:
        reading, docs = searcher.matching(None)
        s = reading.searcher
        expected = {s.stored_fields(d)["id"]: s.stored_fields(d)["cluster"] for d in docs}
    rows = pq.read_table(out / "clusters.parquet").to_pylist()
    assert {r["id"]: r["cluster"] for r in rows} == expected
    shard = {r["id"]: r["shard"] for r in rows}
    across = [r for r in rows if r["cluster"] != r["id"] and shard[r["cluster"]] != r["shard"]]
    assert across  # a copy in one shard of a story first seen in another


def test_bad_records_are_one_line_and_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    for records, message in (
        (tmp_path / "nowhere", "records not found"),
        (tmp_path / "empty", "no records in"),
    ):
        code, _, err = run(
            "cluster", "index", str(records), "--shards", "2", "--out", str(tmp_path / "o")
        )
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err


def test_fewer_shards_than_before_leave_no_stale_shard(cluster_records, tmp_path):
    records, _ = cluster_records
    out = tmp_path / "shards"
    (out / "shard-02" / "gen-old").mkdir(parents=True)  # as a 3-shard run before left it
    code, stdout, err = run(
        "cluster", "index", str(records), "--shards", "2", "--out", str(out), "--format", "json"
    )
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "clusters.parquet",
        "shard-00",
        "shard-01",
        "shards.json",
        "terms.parquet",
    ]
    assert sum(json.loads(stdout)["per_shard"]) == json.loads(stdout)["articles"]


def test_the_coordinator_over_the_shards_ranks_as_the_single_index(shards, single_index):
    """Same hits, same order, same facet counts and totals as `searcher index` of the corpus."""
    from searcher.cluster.coordinator import local_coordinator
    from searcher.search import SearchRequest, open_searcher

    out, _ = shards
    facets = ["outlet", "author", "year", "lang", "tag"]
    with open_searcher(single_index[0]) as single, local_coordinator(out) as coordinator:
        for query in [*QUERIES, "strike over automation plans", "harbour council"]:
            for options in ({}, {"any": True}, {"sort": "newest"}, {"page": 2, "limit": 3}):
                request = SearchRequest.of(query, facets=facets, **options)
                expected = single.search(request).to_dict()
                found = coordinator.search(request).to_dict()
                expected.pop("next"), found.pop("next")
                assert found == expected, (query, options)
