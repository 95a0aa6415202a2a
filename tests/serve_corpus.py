"""A small original corpus of Article records for the serve tests (invented outlets, people, events)."""

from __future__ import annotations

from pathlib import Path

from searcher.article import Article, Quote, make_id

# Planted in one article: if any of it ever ran in a browser, window.__pwned or the title would change.
XSS_TITLE = (
    'Quarry council minutes <script>window.__pwned = "script"; document.title = "pwned"</script>'
)
XSS_BODY_MARKUP = "<img src=x onerror=\"window.__pwned = 'onerror'; document.title = 'pwned'\">"
XSS_SPEAKER = "<svg onload=\"window.__pwned = 'svg'\">Ottilie Brandvold"


def _article(
    url: str,
    title: str,
    outlet: str,
    published: str | None,
    authors: list[str],
    paragraphs: list[str],
    quotes: list[tuple[str, str | None]] = (),
    tags: list[str] = (),
    source: str | None = None,
    lang: str = "en",
) -> Article:
    body = "\n\n".join(paragraphs)
    found = []
    for text, speaker in quotes:
        start = body.index(text)
        found.append(Quote(text=text, speaker=speaker, start=start, end=start + len(text)))
    return Article(
        id=make_id(url),
        url=url,
        title=title,
        authors=list(authors),
        outlet=outlet,
        source=source,
        published=published,
        lang=lang,
        tags=list(tags),
        body=body,
        quotes=found,
    )


FERRY_PARAGRAPHS = [
    "The harbour council of Tollmere voted on Tuesday to open a second ferry route across the estuary, "
    "ending a two-year dispute over the cost of a new landing stage at Crane Point.",
    "The route will run every forty minutes from April. Councillor Tomasz Wróbel, who chairs the transport "
    "committee, said: “Nobody should need a car to cross four hundred metres of water.”",
    "Fishermen at Crane Point had opposed the plan. Their spokeswoman, Maren Aalto, said the landing stage "
    "would take moorings they have used for decades. “We were consulted after the drawings were finished,” "
    "Aalto said.",
]
FERRY_QUOTES = [
    ("Nobody should need a car to cross four hundred metres of water.", "Tomasz Wróbel"),
    ("We were consulted after the drawings were finished,", "Maren Aalto"),
]


def articles() -> list[Article]:
    """The corpus: a syndicated story (two copies), several outlets, years, speakers, and a hostile page."""
    return [
        _article(
            "https://www.millbrook-courier.example/news/tollmere-ferry-route",
            "Tollmere council approves second ferry route",
            "Millbrook Courier",
            "2024-03-12",
            ["Ines Okafor"],
            FERRY_PARAGRAPHS,
            FERRY_QUOTES,
            ["transport", "harbour"],
        ),
        _article(
            "https://fenwick-gazette.example/wire/tollmere-ferry",
            "Tollmere council approves second ferry route",
            "Fenwick Valley Gazette",
            "2024-03-13",
            ["Ines Okafor"],
            FERRY_PARAGRAPHS,
            FERRY_QUOTES,
            ["transport"],
            source="Millbrook Courier",
        ),
        _article(
            "https://harborline-times.example/2023/07/upland-drought",
            "Drought forces water rationing on upland farms",
            "Harborline Times",
            "2023-07-02",
            ["Pieter Vandermeer"],
            [
                "Farms above the Sallow valley will receive water on alternate days from Monday after the "
                "driest June in sixty years.",
                "Amara Castellanos, who keeps two hundred sheep near Highcombe, said the rationing came too "
                "late. “The springs failed three weeks ago,” Castellanos said.",
                "The water board said reservoir levels had fallen to a third of capacity.",
            ],
            [("The springs failed three weeks ago,", "Amara Castellanos")],
            ["drought", "farming"],
        ),
        _article(
            "https://www.millbrook-courier.example/news/library-reopens",
            "Riverside library reopens after flood repairs",
            "Millbrook Courier",
            "2022-11-20",
            ["Ines Okafor", "Dev Ramaswamy"],
            [
                "The riverside library reopened on Saturday, fourteen months after the winter flood filled "
                "its basement with silt.",
                "Head librarian Odile Fenwick said the rare map collection had been saved by volunteers who "
                "carried it upstairs overnight. “They worked until the water reached the third step,” Fenwick "
                "said.",
            ],
            [("They worked until the water reached the third step,", "Odile Fenwick")],
            ["libraries"],
        ),
        _article(
            "https://brightwater-briefing.example/culture/orchestra-tour",
            "Orchestra cancels autumn tour in funding dispute",
            "Brightwater Briefing",
            "2024-01-05",
            ["Lucia Ferrante"],
            [
                "The Brightwater Chamber Orchestra has cancelled its autumn tour after the regional arts fund "
                "withdrew a promised grant.",
                "Its director, Lena Marchetti, said the musicians would play free concerts in the harbour "
                "district instead. “Music that nobody can afford to hear is not music,” Marchetti said.",
            ],
            [("Music that nobody can afford to hear is not music,", "Lena Marchetti")],
            ["culture"],
        ),
        _article(
            "https://elbtaler-anzeiger.example/lokales/faehre",
            "Neue Fähre für den Hafen von Tollmere",
            "Elbtaler Anzeiger",
            "2024-03-14",
            ["Jörg Kästner"],
            [
                "Der Hafenrat von Tollmere hat eine zweite Fährverbindung beschlossen.",
                "Die Fähre soll ab April alle vierzig Minuten fahren.",
            ],
            [],
            ["Verkehr"],
            lang="de",
        ),
        # Undated, as some pages are: year facets and stats must cope.
        _article(
            "https://harborline-times.example/notices/beekeepers",
            "Beekeepers ask walkers to keep dogs on leads",
            "Harborline Times",
            None,
            [],
            [
                "The Sallow valley beekeepers' association asked walkers to keep dogs on leads near the hives "
                "on Highcombe common this summer."
            ],
            [],
            ["notices"],
        ),
        _article(
            "https://quarry-post.example/council/minutes-march",
            XSS_TITLE,
            "Quarry Post",
            "2021-05-09",
            ['Mallory <b onmouseover="x()">Hack</b>'],
            [
                "The quarry council published its minutes after residents complained about blasting at dawn.",
                "One attachment contained the text "
                + XSS_BODY_MARKUP
                + " which the council said was a "
                "formatting error.",
                "The chair told residents: “<script>window.__pwned = 'quote'</script> blasting stops at six.”",
            ],
            [("<script>window.__pwned = 'quote'</script> blasting stops at six.", XSS_SPEAKER)],
            ["<i>quarry</i>"],
        ),
    ]


def build_index(path: Path) -> Path:
    """Index the corpus into `path` and return it."""
    from searcher.index import index_articles

    index_articles(articles(), path, fresh=True)
    return path
