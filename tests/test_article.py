"""The Article record: lossless JSON round-trip and stable ids."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.article import Article, Quote, canonical_url_key, make_id


def sample() -> Article:
    return Article(
        id=make_id("https://www.harbor.example/news/strike"),
        url="https://www.harbor.example/news/strike",
        title="Dockworkers walk out at Saltmere harbour",
        authors=["Ines Calloway", "Bram Odegaard"],
        outlet="Harbor Ledger",
        source="Meridian Wire",
        published="2025-03-04",
        lang="en",
        tags=["labour", "ports"],
        body='First paragraph.\n\n"We will not move," Calloway said.',
        quotes=[Quote(text="We will not move,", speaker="Ines Calloway", start=19, end=36)],
        provenance={"published": "json-ld", "authors": "byline"},
    )


def test_json_round_trip_is_lossless():
    article = sample()
    assert Article.from_json(article.to_json()) == article
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_json_shape_has_every_documented_field():
    keys = set(sample().to_dict())
    assert {
        "id",
        "url",
        "title",
        "authors",
        "outlet",
        "source",
        "published",
        "lang",
        "tags",
        "body",
        "quotes",
        "provenance",
        "kind",
    } <= keys
    assert set(sample().to_dict()["quotes"][0]) == {"text", "speaker", "start", "end"}


def test_to_dict_is_dataclasses_asdict():
    """The hand-written to_dict gives asdict's dict (every field, in order) and shares no list."""
    from dataclasses import asdict

    article = sample()
    found = article.to_dict()
    assert list(found.items()) == list(asdict(article).items())
    found["authors"].append("x")
    found["quotes"][0]["text"] = "y"
    assert article.to_dict() == asdict(article)


def test_unknown_keys_are_ignored_and_missing_ones_default():
    article = Article.from_dict({"id": "x", "title": "T", "extra": 1})
    assert article.authors == [] and article.quotes == [] and article.is_article


def test_id_is_stable_across_url_spellings():
    base = make_id("https://www.harbor.example/news/strike")
    assert make_id("http://WWW.Harbor.example:80/news/strike#comments") == base
    assert make_id("https://www.harbor.example:443/news/strike") == base
    assert make_id("https://www.harbor.example/news/other") != base
    assert len(base) == 16


def test_id_from_content_when_there_is_no_url():
    assert make_id(content=b"<html>a</html>") == make_id(content="<html>a</html>")
    assert make_id(content=b"a") != make_id(content=b"b")
    with pytest.raises(ValueError):
        make_id()


def test_canonical_url_key_keeps_query_and_drops_fragment():
    assert canonical_url_key("https://a.example/p?id=3#top") == "https://a.example/p?id=3"


text = st.text(max_size=40)
quotes = st.builds(
    Quote,
    text=text,
    speaker=st.none() | text,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
)
articles = st.builds(
    Article,
    id=text,
    url=st.none() | text,
    title=text,
    authors=st.lists(text, max_size=4),
    outlet=st.none() | text,
    source=st.none() | text,
    published=st.none() | text,
    lang=st.none() | text,
    tags=st.lists(text, max_size=4),
    body=text,
    quotes=st.lists(quotes, max_size=4),
    provenance=st.dictionaries(text, text, max_size=3),
    kind=st.sampled_from(["article", "listing", "error", "empty"]),
)


@given(articles)
def test_any_record_round_trips(article):
    assert Article.from_json(article.to_json()) == article
