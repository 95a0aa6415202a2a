"""Layered metadata, canonical URL and id, language, tags, JSON round trip."""

from searcher.article import Article, make_id
from searcher.normalize import NORMALIZER_VERSION, normalize

BODY = (
    "<p>Le conseil municipal a voté mardi soir la rénovation complète de la piscine du quartier nord, "
    "fermée depuis deux ans pour des raisons de sécurité.</p><p>Les travaux commenceront au printemps "
    "et dureront environ dix-huit mois, selon la mairie qui a présenté le projet aux habitants.</p>"
)


def page(head: str, lang: str = "fr") -> bytes:
    return f"<html lang='{lang}'><head>{head}</head><body><article><h1>La piscine sera rénovée</h1>{BODY}</article></body></html>".encode()


def test_version_is_a_string():
    assert isinstance(NORMALIZER_VERSION, str) and NORMALIZER_VERSION


def test_canonical_url_drives_id():
    head = '<link rel="canonical" href="https://journal.example/ville/piscine-renovee">'
    art = normalize(page(head), url="https://journal.example/ville/piscine-renovee?utm_source=x")
    assert art.url == "https://journal.example/ville/piscine-renovee"
    assert art.id == make_id("https://journal.example/ville/piscine-renovee")


def test_og_url_then_fetched_url_then_content():
    og = normalize(page('<meta property="og:url" content="https://journal.example/p/1">'))
    assert og.url == "https://journal.example/p/1"
    fetched = normalize(page(""), url="https://journal.example/p/2")
    assert fetched.id == make_id("https://journal.example/p/2")
    data = page("")
    assert normalize(data).id == make_id(content=data)


def test_relative_canonical_resolved_against_url():
    art = normalize(
        page('<link rel="canonical" href="/ville/piscine">'), url="https://journal.example/x?y=1"
    )
    assert art.url == "https://journal.example/ville/piscine"


def test_language_and_tags():
    head = (
        '<meta property="article:tag" content="Piscine"><meta property="article:tag" content="Travaux">'
        '<meta name="keywords" content="ignored, when, article tags exist">'
    )
    art = normalize(page(head))
    assert art.lang == "fr"
    assert art.tags == ["Piscine", "Travaux"]


def test_language_detected_when_declaration_is_wrong():
    assert normalize(page("", lang="en")).lang == "fr"


def test_microdata_date_and_author():
    html = f"""<html><body><article itemscope itemtype="https://schema.org/NewsArticle">
    <h1 itemprop="headline">La piscine sera rénovée</h1>
    <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Odile Marchetti</span></span>
    <time itemprop="datePublished" datetime="2022-10-04T19:00:00+02:00">4 octobre 2022</time>{BODY}</article></body></html>"""
    art = normalize(html.encode())
    assert art.authors == ["Odile Marchetti"]
    assert art.provenance["authors"] == "microdata"
    assert art.published.startswith("2022-10-04")


def test_round_trip():
    art = normalize(page('<meta name="author" content="Odile Marchetti">'))
    assert Article.from_json(art.to_json()) == art
