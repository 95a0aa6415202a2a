"""A ranked search works on the sorted array of its matches: no Python set of them is made."""

from __future__ import annotations

import pytest

from searcher.search import open_searcher
from searcher.search.matching import Match
from tests.search_fixtures import build_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("ix"))


def test_a_ranked_page_makes_no_set_of_its_matches(index, monkeypatch):
    with open_searcher(index) as s:
        expected = s.search("ferry", facets=("outlet",))
        newest = s.search("ferry", sort="newest")

        def no_set(self):
            raise AssertionError("a Python set of every match was made")

        monkeypatch.setattr(Match, "docs", property(no_set))
        again = s.search("ferry", facets=("outlet",))
        assert again.total == expected.total > 1
        assert [(h.article.id, h.score) for h in again.hits] == [
            (h.article.id, h.score) for h in expected.hits
        ]
        assert again.facets == expected.facets
        assert [h.article.id for h in s.search("ferry", sort="newest").hits] == [
            h.article.id for h in newest.hits
        ]
        assert [a.id for a in s.iter_articles("ferry")]
