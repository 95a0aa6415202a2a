"""Authors: bylines split and cleaned; people before organisations; where they came from."""

import pytest

from searcher.normalize import normalize
from searcher.normalize.authors import clean_authors, split_names


@pytest.mark.parametrize(
    "byline, expected",
    [
        ("By Marta Kowalczyk", ["Marta Kowalczyk"]),
        ("By Marta Kowalczyk and Tomas Reyes", ["Marta Kowalczyk", "Tomas Reyes"]),
        (
            "Marta Kowalczyk, Tomas Reyes and Ana Lind",
            ["Marta Kowalczyk", "Tomas Reyes", "Ana Lind"],
        ),
        ("Marta Kowalczyk & Tomas Reyes", ["Marta Kowalczyk", "Tomas Reyes"]),
        ("Ingrid Solberg og Per Haugland", ["Ingrid Solberg", "Per Haugland"]),
        ("Von Jana Albrecht und Udo Pfeiffer", ["Jana Albrecht", "Udo Pfeiffer"]),
        ("Par Claire Dubois", ["Claire Dubois"]),
        ("By Marta Kowalczyk, Science Correspondent", ["Marta Kowalczyk"]),
        ("Marta Kowalczyk, Staff Writer", ["Marta Kowalczyk"]),
        ("Dr. Helen Okafor", ["Helen Okafor"]),
        ("By Lt. Gen. Arthur Penwick", ["Arthur Penwick"]),
        ("MARTA KOWALCZYK", ["Marta Kowalczyk"]),
        ("By Marta Kowalczyk marta.k@example.org", ["Marta Kowalczyk"]),
        ("By Marta Kowalczyk Updated 3 May 2024", ["Marta Kowalczyk"]),
        ("Marta Kowalczyk 5 min read", ["Marta Kowalczyk"]),
        ("Marta Kowalczyk (mko)", ["Marta Kowalczyk"]),
        ("Foto: Getty Images/iStockphoto", []),
        ("AP", ["AP"]),
        ("Ore Ogunbiyi", ["Ore Ogunbiyi"]),
        ("Von Jana Albrecht, Stand: 28. April 2023, 05:00 Uhr", ["Jana Albrecht"]),
        ("Jana Albrecht 14.05 Uhr", ["Jana Albrecht"]),
    ],
)
def test_split_and_clean(byline, expected):
    assert split_names(byline) == expected


def test_duplicates_removed_across_sources():
    assert clean_authors(["Marta Kowalczyk", "MARTA KOWALCZYK", "By Marta Kowalczyk"]) == [
        "Marta Kowalczyk"
    ]


def _page(head="", byline=""):
    return f"""<html><head><title>Dam inspection finds cracks</title>
<meta property="og:site_name" content="Valley Courier">{head}</head><body><article>
<h1>Dam inspection finds cracks</h1>{byline}
<p>Inspectors found hairline cracks in the upper wall of the Brannock dam on Tuesday, the water board said,
adding that there was no immediate danger to the villages downstream.</p>
<p>A full survey is planned for the autumn, when the reservoir level is at its lowest.</p>
</article></body></html>""".encode()


def test_jsonld_nested_authors_with_provenance():
    head = """<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"NewsArticle","headline":"Dam inspection finds cracks",
       "author":[{"@type":"Person","name":"Ruth Abernethy"},{"@id":"#p2"}],
       "publisher":{"@type":"NewsMediaOrganization","name":"Valley Courier"}},
      {"@type":"Person","@id":"#p2","name":"Kofi Mensah-Barrow"}]}</script>"""
    art = normalize(_page(head))
    assert art.authors == ["Ruth Abernethy", "Kofi Mensah-Barrow"]
    assert art.provenance["authors"] == "json-ld"


def test_publisher_as_author_gives_way_to_visible_byline():
    head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam inspection finds cracks",
      "author":{"@type":"Organization","name":"Valley Courier"}}</script>"""
    art = normalize(_page(head, '<div class="byline">By Ruth Abernethy</div>'))
    assert art.authors == ["Ruth Abernethy"]
    assert art.provenance["authors"] == "byline"


def test_organisation_kept_when_it_is_the_only_byline():
    head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam inspection finds cracks",
      "author":{"@type":"Organization","name":"Valley Courier"}}</script>"""
    assert normalize(_page(head)).authors == ["Valley Courier"]


def test_meta_author_and_url_values_ignored():
    head = (
        '<meta name="author" content="Ruth Abernethy">'
        '<meta property="article:author" content="https://social.example/ruth">'
    )
    art = normalize(_page(head))
    assert art.authors == ["Ruth Abernethy"]
    assert art.provenance["authors"] == "meta"


def test_photo_credit_is_not_an_author():
    art = normalize(_page("", '<div class="author">Foto: Kai Lund/Picture Desk</div>'))
    assert art.authors == []
