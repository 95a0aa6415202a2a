"""The Article record: the one type that flows from normalize to index to search."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# What may be an article id (ids are short hex digests; fixtures and imports may name their own).
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Page kinds the normalizer reports; only "article" pages are indexed.
ARTICLE = "article"
NOT_ARTICLE_KINDS = ("listing", "error", "empty")


@dataclass
class Quote:
    """A direct quotation in an article body, with its speaker and character span."""

    text: str
    speaker: str | None = None
    start: int = 0
    end: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        """Build a Quote from its JSON object."""
        return cls(
            text=data["text"],
            speaker=data.get("speaker"),
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
        )


@dataclass
class Article:
    """One normalized news article."""

    id: str = ""
    url: str | None = None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    source: str | None = None
    published: str | None = None
    lang: str | None = None
    tags: list[str] = field(default_factory=list)
    body: str = ""
    quotes: list[Quote] = field(default_factory=list)
    # Where each value came from ("json-ld", "meta", "byline", "text", "url"...), per field.
    provenance: dict[str, str] = field(default_factory=dict)
    # "article", or why the page is not one ("listing", "error", "empty").
    kind: str = ARTICLE

    @property
    def is_article(self) -> bool:
        """True when the page is an article worth indexing."""
        return self.kind == ARTICLE

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain JSON-ready dict (the documented JSON shape)."""
        # What dataclasses.asdict gives, without its deep copy of every value (several times
        # slower; a search page serialises every hit's article).
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "source": self.source,
            "published": self.published,
            "lang": self.lang,
            "tags": list(self.tags),
            "body": self.body,
            "quotes": [
                {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
                for q in self.quotes
            ],
            "provenance": dict(self.provenance),
            "kind": self.kind,
        }

    def to_json(self) -> str:
        """The record as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build an Article from its JSON object; unknown keys are ignored."""
        return cls(
            id=data.get("id") or "",
            url=data.get("url"),
            title=data.get("title") or "",
            authors=list(data.get("authors") or []),
            outlet=data.get("outlet"),
            source=data.get("source"),
            published=data.get("published"),
            lang=data.get("lang"),
            tags=list(data.get("tags") or []),
            body=data.get("body") or "",
            quotes=[Quote.from_dict(q) for q in data.get("quotes") or []],
            provenance=dict(data.get("provenance") or {}),
            kind=data.get("kind") or ARTICLE,
        )

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Parse an Article from a JSON string."""
        return cls.from_dict(json.loads(text))


def canonical_url_key(url: str) -> str:
    """A URL reduced to what identifies the page: lower-case host, no fragment, no default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # "host:abc" on a page is junk, not a reason to fail the page
        port = None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    # http and https copies of a page are the same article.
    if scheme in ("http", "https"):
        scheme = "https"
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, parts.query, ""))


def make_id(url: str | None = None, content: bytes | str | None = None) -> str:
    """A stable 16-hex-digit id from the canonical URL, else from the content."""
    if url:
        key = "url:" + canonical_url_key(url)
    elif content is not None:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        key = "sha1:" + hashlib.sha1(raw).hexdigest()
    else:
        raise ValueError("an id needs a URL or the content")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
