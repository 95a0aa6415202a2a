"""Syndicated copies: one story published by several outlets is one cluster; different
stories are not; the LSH lookup stays fast at scale."""

from __future__ import annotations

import random
import time

from index_helpers import make_article, story

from searcher.index import index_articles, open_index
from searcher.index.clusters import ClusterFinder, signature, similarity


def _reposted(article, outlet, n):
    copy = make_article(
        n, random.Random(n), outlet=outlet, body=article.body, source=article.outlet
    )
    copy.body = (
        article.body + "\n\nThis story first appeared elsewhere and is republished with permission."
    )
    copy.title = article.title
    return copy


def test_signatures_tell_copies_from_other_stories():
    rng = random.Random(3)
    text = story(rng, 12)
    copy = (
        "Editor's note: shared by a partner site.\n\n"
        + text
        + "\n\nCopyright belongs to the original outlet."
    )
    other = story(rng, 12)
    assert similarity(signature(text), signature(copy)) >= 0.6
    assert similarity(signature(text), signature(other)) < 0.3
    assert signature("too short to say") == b""


def test_index_clusters_copies_and_keeps_their_sources(tmp_path):
    rng = random.Random(4)
    original = make_article(1, rng, outlet="Kessingen Daily")
    copies = [
        _reposted(original, outlet, 10 + i)
        for i, outlet in enumerate(["Port Ilse Wire", "Dunmere Post"])
    ]
    others = [make_article(20 + i, rng) for i in range(8)]
    report = index_articles([original, *others, *copies], tmp_path / "ix")
    assert report.clustered == 2
    ix = open_index(tmp_path / "ix")
    with ix.searcher() as s:
        clusters = {d["id"]: d["cluster"] for d in s.all_stored_fields()}
        assert (
            clusters[copies[0].id] == clusters[copies[1].id] == clusters[original.id] == original.id
        )
        assert len({clusters[a.id] for a in others}) == len(others)
        members = [d["id"] for d in s.documents(cluster=original.id)]
        assert sorted(members) == sorted([original.id, copies[0].id, copies[1].id])
    ix.close()


def test_a_copy_added_later_joins_the_cluster(tmp_path):
    rng = random.Random(8)
    original = make_article(1, rng, outlet="Marrowby Ledger")
    index_articles([original, make_article(2, rng)], tmp_path / "ix")
    index_articles([_reposted(original, "Port Ilse Wire", 3)], tmp_path / "ix")
    ix = open_index(tmp_path / "ix")
    with ix.searcher() as s:
        assert len(list(s.documents(cluster=original.id))) == 2
    ix.close()


def test_lsh_finds_copies_among_many_without_comparing_all_pairs():
    rng = random.Random(1)
    finder = ClusterFinder()
    texts = [story(rng, 9) for _ in range(200)]
    sigs = [signature(t) for t in texts]
    # 20,000 distinct stories (random signatures stand in for them), then copies of 200.
    for n in range(20_000):
        finder.assign(f"x{n}", rng.randbytes(len(sigs[0])))
    for n, sig in enumerate(sigs):
        assert finder.assign(f"orig{n}", sig) == f"orig{n}"
    started = time.monotonic()
    found = sum(
        finder.assign(f"copy{n}", signature(t + " Republished with permission.")) == f"orig{n}"
        for n, t in enumerate(texts)
    )
    assert found >= 190
    assert time.monotonic() - started < 2.0
