"""An Article turned into the fields of one index document."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..article import Article
from .records import encode_record

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_published(value: str | None) -> datetime | None:
    """The publication date as a naive datetime (the page's own local time), or None."""
    if not value:
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _DATE.match(text)
        if not match:
            return None
        year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
        try:
            moment = datetime(int(year), int(month), int(day))
        except ValueError:
            return None
    # Dates are filtered by calendar day as the page states it, not by UTC instant.
    return moment.replace(tzinfo=None)


def published_day(value: str | None) -> datetime | None:
    """The publication day (midnight) that the index filters and sorts on."""
    moment = parse_published(value)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0) if moment else None


def exact_values(values: list[str | None]) -> str | None:
    """Distinct names for a comma-separated KEYWORD field (commas inside a name become spaces)."""
    seen: list[str] = []
    for value in values:
        if not value:
            continue
        clean = " ".join(value.replace(",", " ").split())
        if clean and clean not in seen:
            seen.append(clean)
    return ",".join(seen) if seen else None


def speakers_of(article: Article) -> list[str]:
    """The distinct speakers of an article's quotations, in order of first quote."""
    names: list[str] = []
    for quote in article.quotes:
        if quote.speaker and quote.speaker not in names:
            names.append(quote.speaker)
    return names


def article_fields(article: Article, cluster: str | None = None) -> dict[str, Any]:
    """The index document of an article: text, exact names, dates, and the stored record."""
    speakers = speakers_of(article)
    published = published_day(article.published)
    quote_text = "\n".join(q.text for q in article.quotes if q.text)
    fields: dict[str, Any] = {
        "id": article.id,
        "url": article.url or None,
        "cluster": cluster or article.id,
        "title": article.title or None,
        "body": article.body or None,
        "quote": quote_text or None,
        "author": "\n".join(article.authors) or None,
        "speaker": "\n".join(speakers) or None,
        "outlet": article.outlet or None,
        "source": article.source or None,
        "tag": "\n".join(article.tags) or None,
        "author_exact": exact_values(article.authors),
        "speaker_exact": exact_values(speakers),
        "outlet_exact": exact_values([article.outlet]),
        "source_exact": exact_values([article.source]),
        "tag_exact": exact_values(article.tags),
        "lang": (article.lang or "").lower() or None,
        "published": published,
        "year": f"{published.year:04d}" if published else None,
        "month": f"{published.year:04d}-{published.month:02d}" if published else None,
        "words": "\n".join(part for part in (article.title, article.body, quote_text) if part)
        or None,
        "record": encode_record(article),
    }
    return {name: value for name, value in fields.items() if value is not None}
