"""The entry point: quoted spans, filtered to speech, each with its resolved speaker."""

from __future__ import annotations

from searcher.article import Quote
from searcher.quotes.marks import find_spans


def extract_quotes(text: str, lang: str | None = None) -> list[Quote]:
    """Every direct quotation in `text` (an article body), in order, with its speaker or None."""
    return [Quote(text[s.start:s.end], None, s.start, s.end) for s in find_spans(text)]
