"""Articles by id or URL, and every matching article in result order (for exports and analyses)."""

from __future__ import annotations

from collections.abc import Iterator

from ..article import Article, make_id
from ..errors import ArticleNotFound, QueryError
from .matching import Match
from .order import result_order
from .session import Reading


def find_article(reading: Reading, id_or_url: str) -> Article:
    """The article with this id or URL; ArticleNotFound when the index has none."""
    key = (id_or_url or "").strip()
    if not key:
        raise QueryError("give an article id or URL")
    for fieldname, value in _lookup_keys(key):
        docnum = reading.searcher.document_number(**{fieldname: value})
        if docnum is not None:
            article = reading.load(docnum)
            if article is not None:
                return article
    raise ArticleNotFound(f"no article with id or URL {key!r} in {reading.path}")


def _lookup_keys(key: str) -> Iterator[tuple[str, str]]:
    """The (field, value) pairs an id or URL may be stored under, likeliest first."""
    yield "id", key
    if "://" in key or key.startswith("www."):
        urls = [key]
        if not any(c in key for c in "?#") and key.count("/") > (2 if "://" in key else 0):
            # A URL pasted with or without its trailing slash names the same page.
            urls.append(key[:-1] if key.endswith("/") else key + "/")
        for url in urls:
            yield "url", url
            try:
                yield "id", make_id(url=url if "://" in url else "https://" + url)
            except ValueError:
                pass
    elif key != key.lower():
        yield "id", key.lower()  # ids are lower-case hex; a copy may have been upper-cased


def articles_of(reading: Reading, found: Match, sort: str) -> Iterator[Article]:
    """The matched articles in result order (copies of a story each on their own)."""
    if not len(found):
        return
    # With the matches as an array, their set is not made: an export's memory stays flat.
    matched = found.docs if found.ordered is None else None
    order = result_order(
        reading, found.plan.groups, found.memo, matched, sort, ordered=found.ordered
    )
    for docnum, _score in order.every():
        article = reading.load(docnum)
        if article is not None:
            yield article
