"""Original invented pages and articles for the index tests, and a counting normalizer."""

from __future__ import annotations

import json
import random
from pathlib import Path

from searcher.article import Article, Quote, make_id
from searcher.index import normalizer_from

# Invented vocabulary: places, people and outlets that exist nowhere.
PLACES = [
    "Varnholt",
    "Kessingen",
    "Port Ilse",
    "Marrowby",
    "Bellcaster",
    "Dunmere",
    "Tarrow",
    "Eskelund",
]
PEOPLE = [
    "Otto Brenner",
    "Greta Lindqvist",
    "Recep Tayyip Erdoğan",
    "Łucja Weißmann",
    "Søren Dahl",
    "Ines Morales",
    "Kwame Mensah",
    "Aiko Tanaka",
]
OUTLETS = [
    "The Varnholt Courier",
    "Kessingen Daily",
    "Marrowby Ledger",
    "Port Ilse Wire",
    "Dunmere Post",
]
WORDS = (
    "council budget harbour ferry bridge railway winter storm election minister school hospital "
    "river festival market tax freight vaccine clinic strike union court judge police museum "
    "library orchestra season harvest drought flood reservoir tunnel airport stadium regatta "
    "pension wages housing rent tenants landlord permit quarry forest wolves salmon glacier"
).split()


def story(rng: random.Random, sentences: int = 8) -> str:
    """A few paragraphs of invented news prose."""
    paras = []
    for _ in range(max(1, sentences // 3)):
        parts = []
        for _ in range(3):
            words = rng.sample(WORDS, 7)
            parts.append(
                f"The {words[0]} in {rng.choice(PLACES)} said the {words[1]} and the {words[2]} "
                f"would change the {words[3]} of {words[4]} before the {words[5]} {words[6]}."
            )
        paras.append(" ".join(parts))
    return "\n\n".join(paras)


def make_article(
    n: int,
    rng: random.Random,
    outlet: str | None = None,
    body: str | None = None,
    source: str | None = None,
    year: int | None = None,
) -> Article:
    """An invented article with authors, a date, tags and one attributed quotation."""
    outlet = outlet or rng.choice(OUTLETS)
    speaker = rng.choice(PEOPLE)
    said = f"We will keep the {rng.choice(WORDS)} open for everyone"
    text = (body or story(rng)) + f'\n\n"{said}," said {speaker}.'
    start = text.index(said)
    url = f"https://{outlet.lower().replace(' ', '')}.example/{n}"
    return Article(
        id=make_id(url),
        url=url,
        title=f"{rng.choice(WORDS).title()} plan in {rng.choice(PLACES)} {n}",
        authors=[rng.choice(PEOPLE)],
        outlet=outlet,
        source=source,
        published=f"{year or rng.randint(2015, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        lang="en",
        tags=rng.sample(["politics", "economy", "weather", "culture"], 2),
        body=text,
        quotes=[Quote(text=said, speaker=speaker, start=start, end=start + len(said))],
    )


def synthetic_articles(n: int, seed: int = 7) -> list[Article]:
    """n invented articles (deterministic)."""
    rng = random.Random(seed)
    return [make_article(i, rng) for i in range(n)]


def html_page(article: Article) -> str:
    """An HTML page presenting an article the way a simple news CMS would."""
    paras = "".join(f"<p>{p}</p>" for p in article.body.split("\n\n"))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{article.title} – {article.outlet}</title>"
        f'<link rel="canonical" href="{article.url}">'
        f'<meta property="og:site_name" content="{article.outlet}">'
        f'<meta name="author" content="{article.authors[0]}">'
        f'<meta property="article:published_time" content="{article.published}T08:00:00Z">'
        f'</head><body><nav><a href="/">Home</a></nav><article><h1>{article.title}</h1>'
        f"{paras}</article><footer>© {article.outlet}</footer></body></html>"
    )


def write_html_corpus(folder: Path, n: int, seed: int = 11) -> list[Article]:
    """A corpus folder of n HTML article pages; returns the articles they present."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = synthetic_articles(n, seed)
    for i, article in enumerate(articles):
        (folder / f"page{i:05d}.html").write_text(html_page(article), encoding="utf-8")
    return articles


class CountingNormalizer:
    """A normalizer for JSON pages (an Article per file) that counts its calls, in-process."""

    NORMALIZER_VERSION = "json-1"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def normalize_page(self, page) -> Article:
        self.calls.append(page.key)
        data = json.loads(page.read())
        if data.get("boom"):
            raise ValueError("cannot parse this page")
        article = Article.from_dict(data)
        article.id = article.id or make_id(article.url)
        return article


def write_json_page(folder: Path, name: str, article: Article | dict) -> Path:
    """Write one JSON page for CountingNormalizer."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = article.to_dict() if isinstance(article, Article) else article
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


__all__ = [
    "CountingNormalizer",
    "html_page",
    "make_article",
    "normalizer_from",
    "story",
    "synthetic_articles",
    "write_html_corpus",
    "write_json_page",
]
