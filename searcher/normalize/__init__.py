"""Turn a page (HTML, plain text or Markdown bytes) into one clean Article record."""

from __future__ import annotations

import zlib
from typing import Any

from ..article import ARTICLE, Article, make_id
from ..corpus import CorpusPage, content_type_for
from .decoding import decode, utf16_without_bom
from .language import choose_language

# Pages are cut to this many characters: a bigger "page" is not an article worth the time.
MAX_CHARS = 8_000_000

__all__ = ["NORMALIZER_VERSION", "normalize", "normalize_page"]


def __getattr__(name: str) -> str:
    # NORMALIZER_VERSION keys the indexer's records cache: a hash of this package's and the quote
    # extractor's source (and what they import), so no change to either can leave it stale.
    if name == "NORMALIZER_VERSION":
        from ..sourcehash import source_digest

        return source_digest("searcher.normalize", "searcher.quotes")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _gunzip(data: bytes) -> bytes:
    """Gzip-compressed pages (saved .html.gz, raw HTTP bodies) unpacked, at most MAX_CHARS*4 bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_CHARS * 4)
    except zlib.error:
        return data


def _is_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or utf16_without_bom(
        sample
    ):
        return False  # UTF-16/32 (with or without a byte order mark): its zero bytes are text, not binary
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def _quotes(body: str, lang: str | None) -> list:
    from ..quotes import extract_quotes

    try:
        return list(extract_quotes(body, lang))
    except Exception:  # noqa: BLE001 - a quote bug must not lose the article
        return []


def normalize(data: bytes, url: str | None = None, meta: dict[str, Any] | None = None) -> Article:
    """The Article in a page's bytes; never raises on bad content (kind says what it is)."""
    from .page import normalize_html
    from .text import looks_like_markup, normalize_text

    meta = meta or {}
    url = url or meta.get("final_url") or meta.get("url")
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = _gunzip(data)
    content_type = (meta.get("content_type") or "").lower()
    not_a_page = bool(content_type) and not any(
        t in content_type for t in ("html", "xml", "text", "markdown")
    )
    if not data or not data.strip() or not_a_page or _is_binary(data):
        return Article(
            id=make_id(url) if url else make_id(content=data or b""), url=url, kind="empty"
        )
    text = decode(data, meta.get("content_type")).text[:MAX_CHARS]
    is_text = content_type.startswith(("text/plain", "text/markdown")) or (
        not content_type and not looks_like_markup(text)
    )
    if is_text:
        fields, kind = normalize_text(text, url)
        fields["lang"] = choose_language(fields.get("body", ""), fields.get("lang"))
    else:
        fields, kind = normalize_html(text, url, meta)
    page_url = fields.get("url") or url
    article = Article(
        id=make_id(page_url) if page_url else make_id(content=data),
        url=page_url,
        title=fields.get("title") or "",
        authors=fields.get("authors") or [],
        outlet=fields.get("outlet"),
        source=fields.get("source"),
        published=fields.get("published"),
        lang=fields.get("lang"),
        tags=fields.get("tags") or [],
        body=fields.get("body") or "",
        provenance=fields.get("provenance") or {},
        kind=kind,
    )
    if article.kind == ARTICLE and article.body:
        article.quotes = _quotes(article.body, article.lang)
    return article


def normalize_page(page: CorpusPage) -> Article:
    """The Article of a stored corpus page (its sidecar gives the URL and content type)."""
    meta = dict(page.meta)
    meta.setdefault("content_type", content_type_for(page.key))
    return normalize(page.read(), page.url, meta)
