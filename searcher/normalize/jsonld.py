"""JSON-LD blocks: lenient parsing, @graph and arrays flattened, the article object found."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

_SCRIPT = re.compile(
    r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ARTICLE_TYPES = (
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "medicalscholarlyarticle",
    "advertisercontentarticle",
    "satiricalarticle",
    "askpublicnewsarticle",
    "factcheck",
    "claimreview",
    "posting",
)
MAX_BLOCK = 5_000_000


def _loads(raw: str) -> Any:
    """The block's JSON value, or None; never raises (nesting deeper than Python's stack included)."""
    try:
        return _parse(raw)
    except RecursionError:
        # The C decoder recurses once per nesting level: a block nested thousands deep is no metadata.
        return None


def _parse(raw: str) -> Any:
    raw = _CDATA.sub("", raw.strip())
    if not raw or len(raw) > MAX_BLOCK:
        return None
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    fixed = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", raw))
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        pass
    # Several objects pasted one after another in one block.
    decoder, objs, pos = json.JSONDecoder(strict=False), [], 0
    while pos < len(fixed):
        while pos < len(fixed) and fixed[pos] in " \t\r\n;,":
            pos += 1
        if pos >= len(fixed):
            break
        try:
            obj, pos = decoder.raw_decode(fixed, pos)
        except ValueError:
            break
        objs.append(obj)
    return objs or None


def _flatten(node: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 20:
        return
    if isinstance(node, list):
        for item in node:
            yield from _flatten(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        main = node.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _flatten(main, depth + 1)


def types_of(obj: dict) -> list[str]:
    """The object's @type values, lower-cased, without a schema.org prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [
        str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if isinstance(v, str)
    ]


def objects(page_html: str) -> list[dict]:
    """Every JSON-LD object of the page, @graph members and array items included."""
    found: list[dict] = []
    for match in _SCRIPT.finditer(page_html):
        data = _loads(match.group(1))
        if data is not None:
            found.extend(_flatten(data))
    return found


def find_article(objs: list[dict]) -> dict | None:
    """The object describing the article itself (NewsArticle and kin), best first."""
    best, best_score = None, 0
    for obj in objs:
        kinds = types_of(obj)
        score = 0
        for kind in kinds:
            if kind in ARTICLE_TYPES or kind.endswith("article"):
                score = max(score, 3 if kind != "article" else 2)
            elif kind in ("webpage", "itempage", "collectionpage") and (
                obj.get("headline") or obj.get("datePublished")
            ):
                score = max(score, 1)
        if score and (obj.get("headline") or obj.get("datePublished") or obj.get("articleBody")):
            score += 1
        if score > best_score:
            best, best_score = obj, score
    return best


def by_id(objs: list[dict]) -> dict[str, dict]:
    """Objects that carry an @id, so that references like {"@id": "#author"} resolve."""
    return {obj["@id"]: obj for obj in objs if isinstance(obj.get("@id"), str) and len(obj) > 1}


def resolve(value: Any, index: dict[str, dict]) -> Any:
    """A {"@id": ...} reference replaced by the object it names, when the page has it."""
    if (
        isinstance(value, dict)
        and set(value) <= {"@id", "@type"}
        and isinstance(value.get("@id"), str)
    ):
        return index.get(value["@id"], value)
    return value


def text_value(value: Any, depth: int = 0) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list or an object."""
    if depth > 5:
        return None
    if isinstance(value, str):
        return unescape(value) if "&" in value else value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            found = text_value(item, depth + 1)
            if found:
                return found
    if isinstance(value, dict):
        for key in ("name", "@value", "headline", "text"):
            if isinstance(value.get(key), str):
                return value[key]
    return None


def names(value: Any, index: dict[str, dict], depth: int = 0) -> list[str]:
    """Names of the persons or organisations in an author/publisher value."""
    if depth > 5 or value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(names(item, index, depth + 1))
        return out
    if isinstance(value, dict):
        value = resolve(value, index)
        name = value.get("name")
        if isinstance(name, list):
            return names(name, index, depth + 1)
        if isinstance(name, dict):
            return names(name, index, depth + 1)
        if isinstance(name, str):
            return [unescape(name)]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) or isinstance(family, str):
            return [" ".join(p for p in (given, family) if isinstance(p, str))]
    return []


def author_entries(value: Any, index: dict[str, dict], depth: int = 0) -> list[tuple[str, bool]]:
    """(name, is_organisation) for each author of an article object."""
    if depth > 5 or value is None:
        return []
    if isinstance(value, list):
        out: list[tuple[str, bool]] = []
        for item in value:
            out.extend(author_entries(item, index, depth + 1))
        return out
    if isinstance(value, dict):
        value = resolve(value, index)
        is_org = any(
            t in ("organization", "newsmediaorganization", "organisation", "corporation")
            for t in types_of(value)
        )
        return [(n, is_org) for n in names(value, index, depth + 1)]
    if isinstance(value, str):
        return [(value, False)]
    return []
