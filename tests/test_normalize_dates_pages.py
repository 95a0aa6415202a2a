"""Dates on pages without date metadata: URL, <time> text, datelines in five languages, and the traps."""

import json
from pathlib import Path

import pytest

from searcher.normalize import normalize
from searcher.normalize.dateplaces import (
    foreign,
    in_chrome,
    in_teaser,
    label_before,
    labelled_update,
)
from searcher.normalize.dates import dates_in, day_months_in, year_month_from_url
from searcher.normalize.html import parse
from searcher.normalize.published import first_published, htmldate_date, script_date

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
GOLD = [
    json.loads(line)
    for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("gold", GOLD, ids=[g["id"] for g in GOLD])
def test_fixture_page_date(gold):
    art = normalize((FIXTURES / f"{gold['id']}.html").read_bytes(), url=gold["url"])
    assert (
        art.published and art.published[:10] == gold["date"]
        if gold["date"]
        else art.published is None
    ), gold["kind"]
    # Provenance says which layer gave the date, and none of these pages has metadata.
    assert art.provenance.get("published") not in ("json-ld", "meta", "microdata")


def test_dates_in_reading_order_with_locale():
    found = [
        (d.isoformat())
        for _, _, d in dates_in(
            "Malente, 6. Mai 2019, 08:15 Uhr – Aktualisiert am 7. Mai 2019", "de"
        )
    ]
    assert found == ["2019-05-06", "2019-05-07"]
    assert [
        d.isoformat() for _, _, d in dates_in("2019-05-06T10:00:00Z, then 05/06/2019", "en-GB")
    ] == ["2019-05-06", "2019-06-05"]


def test_update_date_is_passed_over_for_the_published_one():
    assert first_published("Updated May 9, 2019 - Published May 6, 2019", "en")[1] == "2019-05-06"
    assert (
        first_published("Publié le 3 décembre 2015, mis à jour le 4 décembre 2015", "fr")[1]
        == "2015-12-03"
    )
    assert first_published("Aktualisiert am 7. Mai 2019", "de") is None


def test_day_and_month_without_year():
    assert [(m, d) for _, _, m, d in day_months_in("Publié le jeudi 3 décembre à 10h12")] == [
        (12, 3)
    ]
    assert day_months_in("on 6 May 2019") == []
    assert year_month_from_url("https://example.org/actualite/2015/12/story") == (2015, 12)
    assert year_month_from_url("https://example.org/actualite/story-2015") is None


def test_time_in_utc_keeps_the_local_day_shown():
    page = (
        '<html><body><h1>Council passes fare freeze</h1><p>By A. Writer <time datetime="2021-07-01T03:30:00Z">'
        "June 30, 2021 11:30 p.m. EDT</time></p><p>"
        + "The council voted late at night on the fares. " * 5
        + "</p></body></html>"
    )
    assert normalize(page.encode()).published == "2021-06-30"


def test_comment_dates_never_win():
    page = (
        "<html><body><h1>Herons return to the fen</h1><p>"
        + "The herons came back this spring in numbers. " * 5
        + "</p>"
        '<div class="comments"><span class="comment-date">May 7, 2019</span><time datetime="2019-05-08">May 8</time></div></body></html>'
    )
    assert normalize(page.encode()).published is None


def test_htmldate_guess_from_a_copyright_year_is_refused():
    from htmldate import find_date

    html = (FIXTURES / "en-copyright-only.html").read_text(encoding="utf-8")
    assert find_date(html, original_date=True)  # htmldate guesses a day from the copyright line
    assert (
        htmldate_date(parse(html), "en", "https://canallife.example/guides/winter-proof-narrowboat")
        is None
    )


def test_htmldate_layer_gives_a_date_written_in_the_page():
    page = (
        "<html><body><div class='x'><h2>Harbour news</h2></div><p>"
        + "The harbour reopened after repairs. " * 5
        + "</p><div class='y'>Wed 17 Jan 2024</div><h1>Harbour reopens</h1></body></html>"
    )
    art = normalize(page.encode())
    assert art.published == "2024-01-17"
    assert art.provenance["published"] == "htmldate"


def _story(scripts: str, shown: str = "") -> bytes:
    return (
        f"<html lang='en'><head><script>{scripts}</script></head><body><h1>Ferry timetable cut</h1>"
        f"{shown}<p>{'The ferry company cut its winter timetable. ' * 4}</p></body></html>"
    ).encode()


def test_page_data_date_is_taken_only_when_it_names_one_day():
    one = _story('var page = {"publishedAt": "2022-09-14T07:30:00+02:00", "id": 4};')
    art = normalize(one)
    assert (art.published[:10], art.provenance["published"]) == ("2022-09-14", "script")
    # A feed of stories names several days: which one is this article's is unknown.
    feed = _story(
        'var feed = [{"publishedTime": "2023-04-26T17:41:53Z"}, {"publishedTime": "2023-04-28T10:00:33Z"}];'
    )
    assert script_date(parse(feed.decode()), "en") is None
    assert normalize(feed).provenance["published"] != "script"


def test_dates_of_teaser_lists_chrome_and_update_labels_are_foreign():
    root = parse(
        "<html><body class='has-sidebar with-topbar'>"
        "<div class='topbar'><span class='today'>Monday, 5 May 2025</span></div>"
        "<ul><li><a href='/a'>One</a> <span class='d'>1 May 2025</span></li>"
        "<li><a href='/b'>Two</a> <span class='d'>2 May 2025</span></li>"
        "<li><a href='/c'>Three</a> <span class='d'>3 May 2025</span></li></ul>"
        "<article><p class='meta'><span>Updated</span> <span id='u'>4 May 2025</span></p>"
        "<p id='own'>28 April 2025</p></article></body></html>"
    )
    today, teaser, updated, own = (
        root.xpath("//span[@class='today']")[0],
        root.xpath("//span[@class='d']")[0],
        root.xpath("//span[@id='u']")[0],
        root.xpath("//p[@id='own']")[0],
    )
    assert in_chrome(today) and not in_chrome(own)  # "has-sidebar" on <body> is a layout name
    assert in_teaser(teaser, "en") and not in_teaser(own, "en")
    assert labelled_update(label_before(updated)) and not foreign(own, "en")
