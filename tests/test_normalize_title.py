"""Titles: the headline without site names before or after it."""

import pytest

from searcher.normalize import normalize
from searcher.normalize.title import strip_site


@pytest.mark.parametrize(
    "raw, sites, expected",
    [
        (
            "Ferry fares to rise in June | Harbour Times",
            ["Harbour Times"],
            "Ferry fares to rise in June",
        ),
        (
            "Ferry fares to rise in June - Harbour Times",
            ["Harbour Times"],
            "Ferry fares to rise in June",
        ),
        (
            "Ferry fares to rise in June – harbourtimes.example",
            ["harbourtimes.example"],
            "Ferry fares to rise in June",
        ),
        (
            "Harbour Times: Ferry fares to rise in June",
            ["Harbour Times"],
            "Ferry fares to rise in June",
        ),
        (
            "Ferry fares to rise in June | Business | Harbour Times",
            ["Harbour Times"],
            "Ferry fares to rise in June | Business",
        ),
        ("Ferry fares to rise – HT – 13.06.2023", ["HT"], "Ferry fares to rise"),
        ("Mayor says no - and means it", ["Harbour Times"], "Mayor says no - and means it"),
    ],
)
def test_strip_site(raw, sites, expected):
    assert strip_site(raw, sites) == expected


def test_title_from_og_without_suffix_and_entities():
    html = """<html><head><title>Tram line &amp; depot approved | Northgate Gazette</title>
    <meta property="og:site_name" content="Northgate Gazette">
    <meta property="og:title" content="Tram line &amp; depot approved | Northgate Gazette"></head>
    <body><h1>Tram line &amp; depot approved</h1><p>The council approved the new tram line after a long debate on Monday evening about costs.</p></body></html>"""
    art = normalize(html.encode())
    assert art.title == "Tram line & depot approved"


def test_title_from_h1_when_only_title_tag():
    html = """<html><head><title>Northgate Gazette - Tram line approved after debate</title></head>
    <body><h1>Tram line approved after debate</h1><p>The council approved the tram line on Monday evening after a long debate about costs.</p></body></html>"""
    assert (
        normalize(html.encode(), url="https://northgate.example/news/tram").title
        == "Tram line approved after debate"
    )
