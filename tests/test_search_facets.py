"""Facets count one person once, however each page spells the name."""

from __future__ import annotations

from searcher.article import Article, Quote
from searcher.index import index_articles
from searcher.search import open_searcher


def article(n: int, speaker: str, author: str) -> Article:
    body = f'The ferry to Holmsund was cancelled again, report {n}.\n\n"We are out of boats," {speaker} said.'
    start = body.index("We are")
    return Article(
        id=f"ferry{n:011d}",
        url=f"https://quay.example/ferry/{n}",
        title=f"Ferry cancelled, day {n}",
        authors=[author],
        outlet="Quay Post",
        published=f"2025-04-0{n}",
        lang="en",
        body=body,
        quotes=[Quote("We are out of boats,", speaker, start, start + 20)],
    )


def test_spellings_without_accents_count_as_one_value(tmp_path):
    path = tmp_path / "ix"
    index_articles(
        [
            article(1, "Åse Brønn", "Jürgen Falk"),
            article(2, "Åse Brønn", "Jurgen Falk"),
            article(3, "Ase Bronn", "Jurgen Falk"),
        ],
        path,
        fresh=True,
    )
    with open_searcher(path) as searcher:
        results = searcher.search("ferry", facets=("speaker", "author"))
        # Filtering by the shown value (a clicked facet) finds every spelling.
        assert searcher.search("ferry", speaker="Åse Brønn").total == 3
    counts = {
        name: {c.value: c.count for c in facet.counts} for name, facet in results.facets.items()
    }
    # The spelling most documents use is shown; every document counts once.
    assert counts["speaker"] == {"Åse Brønn": 3}
    assert counts["author"] == {"Jurgen Falk": 3}
