"""Dates: ISO stamps with offsets, month names in seven languages, day/month order, bounds."""

from datetime import date

import pytest

from searcher.normalize import normalize
from searcher.normalize.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("December 03, 2015", "2015-12-03"),
        ("3 December 2015", "2015-12-03"),
        ("Dec. 3, 2015", "2015-12-03"),
        ("3. März 2024", "2024-03-03"),
        ("Veröffentlicht am 12. Mai 2023, 14:05 Uhr", "2023-05-12"),
        ("le 1er mars 2024", "2024-03-01"),
        ("publié le 14 février 2022", "2022-02-14"),
        ("5 de mayo de 2021", "2021-05-05"),
        ("12 settembre 2020", "2020-09-12"),
        ("7 de março de 2019", "2019-03-07"),
        ("23 augustus 2018", "2018-08-23"),
        ("2024年4月24日", "2024-04-24"),
        ("2025년 5월 15일", "2025-05-15"),
        ("28.04.2023", "2023-04-28"),
        ("2023/04/28", "2023-04-28"),
    ],
)
def test_parse_date_languages(text, expected):
    found = parse_date(text)
    assert found is not None
    assert found[0].isoformat() == expected


def test_numeric_day_month_order_depends_on_language():
    assert parse_date("03/04/2024", lang="en")[0] == date(2024, 3, 4)
    assert parse_date("03/04/2024", lang="fr")[0] == date(2024, 4, 3)
    assert parse_date("03/04/2024", lang="de")[0] == date(2024, 4, 3)
    assert parse_date("03/04/2024", lang="en-GB")[0] == date(2024, 4, 3)
    assert parse_date("03/04/2024", lang="en_US")[0] == date(2024, 3, 4)
    # A day above 12 decides whatever the language says.
    assert parse_date("25/04/2024", lang="en")[0] == date(2024, 4, 25)


def test_iso_offset_kept_as_stated():
    found = parse_date("2024-05-02T23:30:00-04:00")
    assert found[0] == date(2024, 5, 2)
    assert found[1] == "2024-05-02T23:30:00-04:00"


def test_future_and_prehistoric_dates_rejected():
    assert parse_date("1 January 2199") is None
    assert parse_date("Copyright 1887") is None
    assert parse_date("4 July 1976") is None


def test_url_dates():
    assert date_from_url("https://example.org/news/2021/06/09/bridge-reopens")[1] == "2021-06-09"
    assert date_from_url("https://example.org/news/bridge-reopens") is None


ARTICLE = """<html lang="{lang}"><head><title>Harbour bridge reopens</title>{head}</head>
<body><article><h1>Harbour bridge reopens</h1>{byline}
<p>The bridge over the Lenne estuary reopened to traffic this morning after eight months of repairs,
the regional transport office said in a short statement to reporters.</p>
<p>Engineers replaced the corroded cables and repainted the deck, the office added on its website.</p>
</article>
<div class="comments"><p>Posted 14 May 2023: great news, finally!</p></div></body></html>"""


def page(head="", byline="", lang="en"):
    return ARTICLE.format(head=head, byline=byline, lang=lang).encode()


def test_published_not_modified():
    head = (
        '<meta property="article:modified_time" content="2023-05-20T10:00:00Z">'
        '<meta property="article:published_time" content="2023-05-11T08:00:00+02:00">'
    )
    art = normalize(page(head))
    assert art.published.startswith("2023-05-11")
    assert art.provenance["published"] == "meta"


def test_jsonld_date_wins_over_meta():
    head = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"Harbour bridge reopens","datePublished":"2023-05-10T07:00:00+01:00",'
        '"dateModified":"2023-05-12T07:00:00+01:00"}</script>'
        '<meta property="article:published_time" content="2023-05-11T08:00:00+02:00">'
    )
    art = normalize(page(head))
    assert art.published == "2023-05-10T07:00:00+01:00"
    assert art.provenance["published"] == "json-ld"


def test_visible_dateline_skips_updated():
    byline = (
        '<p class="meta-date">Updated 20 May 2023</p><p class="meta-date">Published 11 May 2023</p>'
    )
    art = normalize(page(byline=byline))
    assert art.published == "2023-05-11"


def test_german_visible_date():
    byline = '<span class="datum">Veröffentlicht am 11. Mai 2023</span>'
    assert normalize(page(byline=byline, lang="de")).published == "2023-05-11"


def test_date_from_url_as_last_resort():
    art = normalize(page(), url="https://example.org/2022/11/30/harbour-bridge")
    assert art.published == "2022-11-30"
    assert art.provenance["published"] == "url"
