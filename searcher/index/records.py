"""The stored `record` field: a whole Article as compressed JSON, and back."""

from __future__ import annotations

import json
import zlib
from typing import Any

from ..article import Article

# First byte of an encoded record: lets a later format coexist with this one.
_FORMAT_ZLIB_DICT = b"\x01"

# A preset dictionary of what every record repeats (keys, common values): small
# records compress much better when zlib starts from it. Changing it changes the
# format byte.
_ZDICT = (
    b'{"id": "", "url": "https://www.", "title": "", "authors": [], "outlet": "", '
    b'"source": null, "published": "20", "lang": "en", "tags": [], "body": "", '
    b'"quotes": [{"text": "", "speaker": null, "start": 0, "end": 0}], '
    b'"provenance": {"title": "json-ld", "authors": "byline", "published": "meta", '
    b'"outlet": "url", "text": ""}, "kind": "article"} said the of and to in a that for on '
    b"is was with as by he it at from his have has an be are not this but they said."
)


# Priming a compressor with the dictionary costs more than compressing a record: copy a primed one.
_PACKER = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _ZDICT)


def _shrink(data: dict[str, Any]) -> dict[str, Any]:
    # A quotation's text is usually its span of the body: store the span only.
    body = data.get("body") or ""
    quotes = data.get("quotes") or []
    if not any(body[q.get("start", 0) : q.get("end", 0)] == q.get("text") for q in quotes):
        return data
    data = dict(data)
    data["quotes"] = [
        {k: v for k, v in q.items() if k != "text"}
        if body[q.get("start", 0) : q.get("end", 0)] == q.get("text")
        else q
        for q in quotes
    ]
    return data


def _expand(data: dict[str, Any]) -> dict[str, Any]:
    body = data.get("body") or ""
    for quote in data.get("quotes") or []:
        if "text" not in quote:
            quote["text"] = body[quote.get("start", 0) : quote.get("end", 0)]
    return data


def _article_dict(article: Article) -> dict[str, Any]:
    # Article.to_dict (dataclasses.asdict) deep-copies recursively: slow at index scale.
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "authors": article.authors,
        "outlet": article.outlet,
        "source": article.source,
        "published": article.published,
        "lang": article.lang,
        "tags": article.tags,
        "body": article.body,
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
            for q in article.quotes
        ],
        "provenance": article.provenance,
        "kind": article.kind,
    }


def encode_record(article: Article | dict[str, Any]) -> bytes:
    """An Article (or its dict) as compact compressed bytes for the stored `record` field."""
    data = _shrink(_article_dict(article) if isinstance(article, Article) else article)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = _PACKER.copy()
    return _FORMAT_ZLIB_DICT + packer.compress(raw) + packer.flush()


def decode_record_dict(stored: bytes | str | dict[str, Any]) -> dict[str, Any]:
    """The JSON object of a stored record (bytes from the index, JSON text, or a dict); ValueError when damaged."""
    if isinstance(stored, dict):
        return stored
    if isinstance(stored, str):
        return _object(json.loads(stored))
    if isinstance(stored, (bytes, bytearray, memoryview)):
        stored = bytes(stored)
        if stored[:1] == _FORMAT_ZLIB_DICT:
            unpacker = zlib.decompressobj(-15, _ZDICT)
            try:
                raw = unpacker.decompress(stored[1:]) + unpacker.flush()
            except zlib.error as exc:
                raise ValueError(f"a damaged stored record ({exc})") from None
            if not unpacker.eof:
                raise ValueError("a stored record cut short")
            return _expand(_object(json.loads(raw)))
        if stored[:1] == b"{":
            return _object(json.loads(stored))
    raise ValueError("not a stored searcher record")


def _object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError("a stored record that is not a JSON object")
    return data


def decode_record(stored: bytes | str | dict[str, Any]) -> Article:
    """The Article stored in the index's `record` field; ValueError when it is damaged."""
    data = decode_record_dict(stored)
    try:
        return Article.from_dict(data)
    except (TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"a stored record that is not an article ({exc})") from None
