"""Dates on pages without date metadata: URL, <time> text, datelines in five languages, and the traps."""

import json
from pathlib import Path

import pytest

from searcher.normalize import normalize
from searcher.normalize.dates import dates_in, day_months_in, year_month_from_url
from searcher.normalize.html import parse
from searcher.normalize.published import first_published, htmldate_date

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
