"""Outlet and syndication source: who published the page, and whose story it is."""

import pytest

from searcher.normalize import normalize
from searcher.normalize.outlet import find_source

STORY = (
    "The provincial assembly voted to extend the fishing ban by another season, citing low stocks of cod and "
    "pressure from the coastal villages that depend on the catch."
)


@pytest.mark.parametrize(
    "text, source",
    [
        (f"{STORY}\n\nThe original source of this article is Nordkyst Tidende", "Nordkyst Tidende"),
        (f"{STORY}\n\nThis article first appeared in The Harbour Ledger.", "The Harbour Ledger"),
        (
            f"{STORY}\n\nThis story was originally published by Lakeside Wire on 3 May.",
            "Lakeside Wire",
        ),
        (f"{STORY}\n\nFenwick Press Agency contributed to this report.", "Fenwick Press Agency"),
        (f"MARSTOW (Fenwick Wire) — {STORY}", "Fenwick Wire"),
        (f"BERLIN (dpa) - {STORY}", "dpa"),
    ],
)
def test_find_source(text, source):
    assert find_source(text, "Valley Courier")[0] == source


def test_no_source_for_own_story():
    assert find_source(STORY, "Valley Courier") == (None, "none")
    assert (
        find_source(
            f"{STORY}\n\nThe original source of this article is Valley Courier", "Valley Courier"
        )[0]
        is None
    )


def test_outlet_from_site_name_then_publisher_then_domain():
    base = (
        "<html><head>{}</head><body><article><h1>Fishing ban extended</h1><p>"
        + STORY
        + "</p></article></body></html>"
    )
    og = base.format('<meta property="og:site_name" content="Coastal Herald">')
    assert normalize(og.encode()).outlet == "Coastal Herald"
    ld = base.format(
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Fishing ban extended",'
        '"publisher":{"@type":"Organization","name":"Coastal Herald Media"}}</script>'
    )
    assert normalize(ld.encode()).outlet == "Coastal Herald Media"
    assert (
        normalize(base.format("").encode(), url="https://www.coastalherald.example/a/1").outlet
        == "coastalherald.example"
    )


def test_reposted_page_records_source():
    html = (
        f"<html><head><meta property='og:site_name' content='World Digest'></head><body><article>"
        f"<h1>Fishing ban extended</h1><p>{STORY}</p><p>{STORY}</p>"
        f"<p>The original source of this article is Nordkyst Tidende</p></article></body></html>"
    )
    art = normalize(html.encode())
    assert art.outlet == "World Digest"
    assert art.source == "Nordkyst Tidende"
    assert art.provenance["source"] == "text"


def test_reporter_contribution_is_not_a_source():
    assert (
        find_source(f"{STORY}\n\nJane Marlowe contributed to this report.", "Valley Courier")[0]
        is None
    )
