"""Merging shards' answers into one index's records: stories once, pages, hits, copies, quotes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..article import Article, Quote
from ..search.cursor import Cursor
from ..search.results import AlsoIn, Hit, MatchedQuote, Snippet
from .gather import Call, Row


def stories_of(answers: Any) -> dict[str, tuple[int, tuple | None]]:
    """Per story with copies among the matches: (matches, best key) over the shards."""
    out: dict[str, tuple[int, tuple | None]] = {}
    for answer in answers:
        for story, (n, key) in answer.get("copies", {}).items():
            count, best = out.get(story, (0, None))
            mine = tuple(key) if key is not None else None
            if best is None or (mine is not None and mine > best):
                best = mine
            out[story] = (count + n, best)
    return out


def page_rows(
    rows: Iterator[tuple[int, Row]],
    skip: int,
    limit: int,
    cursor: Cursor | None,
    stories: dict[str, tuple[int, tuple | None]],
) -> list[tuple[int, Row, int]]:
    """One page of (shard, row, rank): a story shown once (and not again after a cursor)."""
    seen: set[str] = set()
    rank = cursor.rank if cursor is not None else 0
    chosen: list[tuple[int, Row, int]] = []
    for shard, row in rows:
        key, story = tuple(row[0]), row[3]
        if story:
            if story in seen:
                continue
            best = stories.get(story, (0, None))[1]
            if cursor is not None and best is not None and best > key:
                continue  # a copy ranked before it was on an earlier page
            seen.add(story)
        rank += 1
        if rank <= skip:
            continue
        chosen.append((shard, row, rank))
        if len(chosen) >= limit:
            break
    return chosen


def hit_from(found: dict[str, Any], score: float, rank: int, story: str | None) -> Hit:
    snippet = found["snippet"]
    return Hit(
        article=Article.from_dict(found["article"]),
        score=score,
        rank=rank,
        snippet=Snippet(snippet["text"], [(a, b) for a, b in snippet["highlights"]]),
        matched_quotes=[
            MatchedQuote(
                Quote(text=q["text"], speaker=q["speaker"], start=q["start"], end=q["end"]),
                [(a, b) for a, b in q["highlights"]],
            )
            for q in found["matched_quotes"]
        ],
        cluster=story,
    )


def also_in(members: list[tuple[int, str, int]], summaries: dict[str, list]) -> list[AlsoIn]:
    """The other copies of a story, one per outlet, in run order (as one index lists them)."""
    out: list[AlsoIn] = []
    seen: set[str] = set()
    for _position, article_id, _shard in members:
        found = summaries.get(article_id)
        if found is None:
            continue
        outlet, url, published = found
        key = (outlet or "").lower() or article_id
        if key in seen:
            continue
        seen.add(key)
        out.append(AlsoIn(article_id, outlet, url, published))
    return out


def unique_quotes(
    merged: Iterator[tuple[int, list]],
) -> Iterator[tuple[int, float, int, int, list, int]]:
    seen: set[str] = set()
    rank = 0
    for shard, (_key, score, doc, quoted) in merged:
        for n, same, spans in quoted:
            # `same`: the digest of what makes two quotations one (quotesearch.quote_key)
            if same in seen:
                continue
            seen.add(same)
            rank += 1
            yield shard, score, doc, n, spans, rank


def load_articles(call: Call, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], Article]:
    """The stored articles of (shard, document) pairs, each shard asked once."""
    wanted: dict[int, list[int]] = {}
    for shard, doc in dict.fromkeys(pairs):
        wanted.setdefault(shard, []).append(doc)
    answers = call.scatter("articles", {s: {"docs": docs} for s, docs in wanted.items()})
    loaded: dict[tuple[int, int], Article] = {}
    for shard, answer in answers.items():
        for doc, found in zip(wanted[shard], answer["articles"], strict=True):
            if found is not None:
                loaded[(shard, doc)] = Article.from_dict(found)
    return loaded


def note_missing(call: Call, notes: list[Any]) -> None:
    if call.missing:
        shown = ", ".join(str(s) for s in call.missing_shards())
        notes.append(f"partial: shards {shown} did not answer")
