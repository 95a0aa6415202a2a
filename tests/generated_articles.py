"""Invented articles in any number, the same for the same seed: words made of syllables,
invented outlets and people, dates, quotations, syndicated copies, and many short briefs
of equal length (equal scores: ties that only the document order breaks)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from searcher.article import Article, Quote, make_id

_SYLLABLES = ["ka", "lo", "mir", "ten", "sa", "vor", "pel", "dun", "ri", "gan", "tho", "bel"]
_NAMES = ["Orla", "Tamsin", "Ivo", "Brannoch", "Ysolde", "Kettil", "Mirela", "Dafydd", "Sunniva"]
_FAMILIES = ["Varga", "Holmqvist", "Oduya", "Pellgrave", "Tarrant", "Lindholt", "Ferreira"]


def _words(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
        if word not in out:
            out.append(word)
    return out


def generated_articles(n: int, seed: int = 7) -> list[Article]:
    """n invented articles (about a tenth syndicated copies of earlier ones, some briefs)."""
    rng = random.Random(seed)
    vocabulary = _words(rng, 600)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    outlets = [
        f"{w.title()} {kind}"
        for w, kind in zip(_words(rng, 14), ["Courier", "Ledger"] * 7, strict=True)
    ]
    people = [f"{rng.choice(_NAMES)} {rng.choice(_FAMILIES)}" for _ in range(30)]
    articles: list[Article] = []
    for i in range(n):
        outlet = rng.choice(outlets)
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        url = f"https://{outlet.split()[0].lower()}.example/{day.year}/{i}"
        if articles and rng.random() < 0.1:
            original = rng.choice(articles)
            articles.append(_copy(original, rng.choice(outlets), f"{url}-copy"))
            continue
        if rng.random() < 0.08:  # a brief: the same length as every other brief
            title = rng.choice(vocabulary[:20])
            body = f"{title.title()} update."
            quotes: list[Quote] = []
        else:
            title = " ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 7))).capitalize()
            paragraphs = [
                " ".join(rng.choices(vocabulary, weights, k=rng.randint(20, 60))).capitalize() + "."
                for _ in range(rng.randint(1, 4))
            ]
            said = " ".join(rng.choices(vocabulary, weights, k=rng.randint(5, 10))).capitalize()
            speaker = rng.choice(people)
            lead = f'"{said}," said {speaker}.'
            body = "\n\n".join([*paragraphs, lead])
            start = body.index(said)
            quotes = [Quote(text=said, speaker=speaker, start=start, end=start + len(said))]
        articles.append(
            Article(
                id=make_id(url),
                url=url,
                title=title,
                authors=[rng.choice(people)],
                outlet=outlet,
                published=day.isoformat() if rng.random() > 0.05 else None,
                lang="en" if rng.random() > 0.1 else "de",
                tags=rng.sample(vocabulary[:12], rng.randint(1, 3)),
                body=body,
                quotes=quotes,
            )
        )
    return articles


def _copy(original: Article, outlet: str, url: str) -> Article:
    """A syndicated copy of an article in another outlet."""
    return Article(
        id=make_id(url),
        url=url,
        title=original.title,
        authors=list(original.authors),
        outlet=outlet,
        source=original.outlet,
        published=original.published,
        lang=original.lang,
        tags=list(original.tags),
        body=original.body + "\n\nFirst published elsewhere.",
        quotes=list(original.quotes),
    )
