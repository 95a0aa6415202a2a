"""Original invented articles for the analysis tests: a quotation that travels between outlets, dates over months."""

from __future__ import annotations

from pathlib import Path

from serve_corpus import _article as serve_article

from searcher.article import Article

QUOTE = "We will not let the lake be drained for a golf course."
QUOTE_OTHER_MARKS = "We will not let the lake be drained for a golf course"
QUOTE_CHANGED = "We won't let the lake be drained for a golf course."
QUOTE_TRIMMED = "We will not let the lake be drained"
SPEAKER = "Saskia Lindqvist-Moe"
OTHER_SPEAKER = "Petr Halvorsen"


def _article(
    slug: str,
    outlet: str,
    published: str | None,
    title: str,
    paragraphs: list[str],
    quotes: list[tuple[str, str | None]] = (),
    authors=("Ines Varga",),
    tags=(),
) -> Article:
    url = f"https://{outlet.lower().replace(' ', '-')}.example/{slug}"
    return serve_article(
        url, title, outlet, published, list(authors), paragraphs, quotes, list(tags)
    )


def _filler(slug: str, outlet: str, published: str, topic: str) -> Article:
    """An article about something else, so that the lake story is a share of each month's coverage."""
    return _article(
        slug,
        outlet,
        published,
        f"Council notes: {topic}",
        [
            f"The district council discussed {topic} on Monday and adjourned the debate.",
            "Members asked officials for costed options before the next sitting.",
        ],
        tags=["council"],
    )


def articles() -> list[Article]:
    """Twenty articles from four outlets, November 2023 to June 2024."""
    lake = [
        _article(
            "lake-orrin-golf-plan",
            "Tarnby Post",
            "2024-01-15",
            "Water board rejects golf course at Lake Orrin",
            [
                "The Lake Orrin water board voted against a plan to drain the northern shallows for a golf "
                "resort.",
                f"“{QUOTE}” said {SPEAKER}, who chairs the board. The developer said it would appeal.",
            ],
            [(QUOTE, SPEAKER)],
            tags=["lake orrin", "golf"],
        ),
        _article(
            "orrin-board-vote",
            "Kessel Herald",
            "2024-01-16",
            "Orrin board says no to golf resort",
            [
                "A golf resort on the drained shallows of Lake Orrin will not go ahead after a vote of the "
                "water board.",
                f"'{QUOTE_OTHER_MARKS}' — {SPEAKER}, board chair, speaking after the vote.",
            ],
            [(QUOTE_OTHER_MARKS, SPEAKER)],
            tags=["lake orrin"],
        ),
        _article(
            "golf-resort-appeal",
            "Orrin Valley Echo",
            "2024-02-03",
            "Golf developer appeals Lake Orrin decision",
            [
                "The developer of the planned resort lodged an appeal against the water board's decision.",
                f"The board's chair had been blunt: “{QUOTE_CHANGED}” {SPEAKER} said in January.",
            ],
            [(QUOTE_CHANGED, SPEAKER)],
            tags=["golf"],
        ),
        _article(
            "orrin-appeal-hearing",
            "Tarnby Post",
            "2024-03-20",
            "Appeal hearing on Lake Orrin resort opens",
            [
                "The appeal against the refusal of a golf resort at Lake Orrin opened before the regional "
                "planning tribunal.",
                f"Campaigners carried banners repeating the words “{QUOTE_TRIMMED}”, which the developer's "
                f"counsel attributed to {OTHER_SPEAKER}, a former board member.",
            ],
            [(QUOTE_TRIMMED, OTHER_SPEAKER)],
            tags=["lake orrin", "golf"],
        ),
        _article(
            "orrin-birds",
            "Kessel Herald",
            "2024-03-22",
            "Birdwatchers count record numbers at Lake Orrin",
            [
                "Volunteers counted more wading birds on the shallows of Lake Orrin than in any year since "
                "counts began.",
                "“The shallows are the reason they come,” said Arvid Sollmann, who led the count.",
            ],
            [("The shallows are the reason they come,", "Arvid Sollmann")],
            tags=["lake orrin", "birds"],
        ),
        _article(
            "orrin-tribunal-ruling",
            "Orrin Valley Echo",
            None,
            "Tribunal upholds Lake Orrin refusal",
            [
                "The planning tribunal upheld the water board's refusal of the golf resort at Lake Orrin.",
                "The developer said it was considering its options.",
            ],
            tags=["lake orrin", "golf"],
        ),
    ]
    fillers = [
        _filler("bins-2023-11", "Tarnby Post", "2023-11-08", "bin collections"),
        _filler("parking-2023-12", "Kessel Herald", "2023-12-12", "parking charges"),
        _filler("library-2024-01", "Orrin Valley Echo", "2024-01-09", "library hours"),
        _filler("buses-2024-01", "Tarnby Post", "2024-01-24", "bus routes"),
        _filler("schools-2024-02", "Kessel Herald", "2024-02-14", "school meals"),
        _filler("potholes-2024-02", "Marrow Weekly", "2024-02-20", "pothole repairs"),
        _filler("market-2024-03", "Marrow Weekly", "2024-03-05", "the Saturday market"),
        _filler("lights-2024-04", "Tarnby Post", "2024-04-02", "street lighting"),
        _filler("parks-2024-04", "Kessel Herald", "2024-04-17", "park opening times"),
        _filler("trees-2024-05", "Orrin Valley Echo", "2024-05-06", "tree planting"),
        _filler("pool-2024-05", "Marrow Weekly", "2024-05-28", "the swimming pool"),
        _filler("roads-2024-06", "Tarnby Post", "2024-06-11", "road closures"),
        _filler("housing-2024-06", "Kessel Herald", "2024-06-19", "housing repairs"),
    ]
    # A lake story in June: the timeline has a gap (April, May) between its months.
    lake.append(
        _article(
            "orrin-summer",
            "Marrow Weekly",
            "2024-06-25",
            "Lake Orrin shallows open to walkers",
            [
                "A path along the shallows of Lake Orrin opened to walkers, months after the golf "
                "resort was refused."
            ],
            tags=["lake orrin"],
        )
    )
    return lake + fillers


def build_index(path: Path) -> Path:
    """Index the articles into `path` and return it."""
    from searcher.index import index_articles

    index_articles(articles(), path, fresh=True)
    return path
