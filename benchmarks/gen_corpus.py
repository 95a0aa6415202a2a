"""Generate realistic normalized Article records for speed benchmarks.

Text is drawn from ../shared/data/scale/pool.jsonl (read in place, never copied into
the project); outlets, authors, dates, tags and quotations with speakers are invented.
About one article in twenty is a syndicated copy of an earlier story by another
outlet (with `source` set and a disclaimer added), as aggregators publish them.

    python benchmarks/gen_corpus.py 10000 --seed 1 > articles.jsonl

    from benchmarks.gen_corpus import generate
    for article in generate(10_000, seed=1): ...
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searcher.article import Article, Quote, make_id  # noqa: E402

POOL = REPO.parent / "shared" / "data" / "scale" / "pool.jsonl"

_PLACES = [
    "Varnholt",
    "Kessingen",
    "Port Ilse",
    "Marrowby",
    "Ostrava Nova",
    "Bellcaster",
    "Quinta Azul",
    "Dunmere",
    "Saint-Aubrac",
    "Tarrow",
    "Eskelund",
    "Vilnaro",
    "Hollin",
    "Corvet Bay",
    "Łękawa",
    "Zürichsee",
    "Ardmore Vale",
    "Rosenthal",
    "Kalvik",
    "Sorrento Hills",
]
_KINDS = [
    "Herald",
    "Courier",
    "Gazette",
    "Tribune",
    "Post",
    "Dispatch",
    "Chronicle",
    "Observer",
    "Ledger",
    "Monitor",
    "Sentinel",
    "Record",
    "Wire",
    "Daily",
    "Review",
    "Journal",
]
_FIRST = [
    "Anna",
    "Otto",
    "Greta",
    "Mateo",
    "Søren",
    "Łukasz",
    "Aoife",
    "Yusuf",
    "Chiara",
    "Håkon",
    "Inés",
    "Tomasz",
    "Priya",
    "Elif",
    "Jonas",
    "Marguerite",
    "Kwame",
    "Ingrid",
    "Rafael",
    "Noor",
    "Zoltán",
    "Camille",
    "Declan",
    "Mirela",
    "Tobias",
    "Aiko",
    "Björn",
    "Leila",
    "Francesc",
    "Oksana",
]
_LAST = [
    "Brenner",
    "Lindqvist",
    "Okafor",
    "Müller",
    "Nowak",
    "Erdoğan",
    "Castellanos",
    "Fitzgerald",
    "Kowalczyk",
    "Haddad",
    "Strauß",
    "Rossi",
    "Johansson",
    "Dubois",
    "Mensah",
    "Petrović",
    "Tanaka",
    "Ólafsson",
    "García",
    "Novák",
    "Whitcombe",
    "Yılmaz",
    "Van der Berg",
    "O'Rourke",
    "Sørensen",
]
_ROLES = [
    "Minister",
    "Mayor",
    "spokesperson",
    "analyst",
    "professor",
    "chief executive",
    "senator",
    "union leader",
    "police chief",
    "economist",
]
_TAGS = [
    "politics",
    "economy",
    "world",
    "sports",
    "technology",
    "health",
    "science",
    "business",
    "elections",
    "climate",
    "energy",
    "courts",
    "education",
    "transport",
    "culture",
    "security",
]
_VERBS = ["said", "told reporters", "added", "warned", "insisted", "argued", "explained"]


@lru_cache(maxsize=2)
def load_pool(path: str = str(POOL)) -> tuple[tuple[str, str], ...]:
    """(title, text) pairs of the text pool, texts tidied and capped."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            words = row.get("text", "").split()[:120]
            if len(words) < 8:
                continue
            items.append((row.get("title") or "", _tidy(" ".join(words))))
    return tuple(items)


def _tidy(text: str) -> str:
    # The pool is tokenised ("word , word ."): put punctuation back and capitalise sentences.
    text = re.sub(r" ([,.;:!?%)'])", r"\1", text).replace("( ", "(").replace(" n't", "n't")
    text = re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


def _outlets(rng: random.Random, n: int = 60) -> list[tuple[str, str]]:
    names = set()
    while len(names) < n:
        names.add(f"The {rng.choice(_PLACES)} {rng.choice(_KINDS)}")
    out = []
    for name in sorted(names):
        host = re.sub(r"[^a-z]+", "", name.lower().replace("the ", "")) + ".example"
        out.append((name, host))
    return out


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _headline(title: str, text: str) -> str:
    if title:
        return title
    words = text.split()[: 6 + len(text) % 6]
    return " ".join(words).rstrip(",.;:").capitalize()


def _make_article(rng: random.Random, pool, outlets, speakers, n: int) -> Article:
    outlet, host = rng.choice(outlets)
    first = rng.choice(pool)
    paragraphs = [first[1]] + [rng.choice(pool)[1] for _ in range(rng.randint(5, 11))]
    quotes: list[Quote] = []
    body = ""
    for i, para in enumerate(paragraphs):
        sep = "\n\n" if body else ""
        if i and rng.random() < 0.35:
            words = rng.choice(pool)[1].rstrip(".").split()
            start_word = rng.randint(0, max(0, len(words) - 8))
            said = " ".join(words[start_word : start_word + rng.randint(6, 16)]).rstrip(",.;:")
            speaker = rng.choice(speakers)
            role = rng.choice(_ROLES)
            lead = f'"{said[:1].upper()}{said[1:]}," {rng.choice(_VERBS)} {speaker}, the {role}. '
            start = len(body) + len(sep) + 1
            quotes.append(
                Quote(
                    text=lead[1 : 1 + len(said)],
                    speaker=speaker,
                    start=start,
                    end=start + len(said),
                )
            )
            para = lead + para
        body += sep + para
    day = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
    slug = re.sub(r"[^a-z0-9]+", "-", _headline(first[0], first[1]).lower())[:60].strip("-")
    url = f"https://www.{host}/{day.year}/{day.month:02d}/{slug}-{n}"
    return Article(
        id=make_id(url),
        url=url,
        title=_headline(first[0], first[1]),
        authors=[_person(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))],
        outlet=outlet,
        source=None,
        published=f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
        lang="en",
        tags=rng.sample(_TAGS, rng.randint(1, 4)),
        body=body,
        quotes=quotes,
        provenance={"published": "json-ld", "authors": "byline"},
        kind="article",
    )


def _syndicate(rng: random.Random, original: Article, outlets, n: int) -> Article:
    outlet, host = rng.choice([o for o in outlets if o[0] != original.outlet])
    disclaimer = (
        f"This article was originally published by {original.outlet}. Views are the authors' own."
    )
    url = f"https://{host}/repost/{n}"
    return Article(
        id=make_id(url),
        url=url,
        title=original.title,
        authors=list(original.authors),
        outlet=outlet,
        source=original.outlet,
        published=original.published,
        lang="en",
        tags=list(original.tags),
        body=original.body + "\n\n" + disclaimer,
        quotes=list(original.quotes),
        provenance={"source": "text"},
        kind="article",
    )


def generate(n: int, seed: int = 1, pool_path: str | Path = POOL) -> Iterator[Article]:
    """n realistic Article records, the same for the same seed."""
    rng = random.Random(seed)
    pool = load_pool(str(pool_path))
    outlets = _outlets(rng)
    speakers = [_person(rng) for _ in range(400)]
    recent: list[Article] = []
    for i in range(n):
        if recent and rng.random() < 0.05:
            article = _syndicate(rng, rng.choice(recent), outlets, i)
        else:
            article = _make_article(rng, pool, outlets, speakers, i)
            recent.append(article)
            if len(recent) > 500:
                recent.pop(0)
        yield article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pool", default=str(POOL))
    args = parser.parse_args()
    out = sys.stdout
    for article in generate(args.n, args.seed, args.pool):
        out.write(article.to_json() + "\n")


if __name__ == "__main__":
    main()
