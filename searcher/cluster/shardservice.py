"""One shard answering a coordinator: searches scored with the collection's statistics, in JSON.

`ShardService(shard_path, global_stats).handle(method, payload)` is everything a shard
answers; every payload and answer is JSON-able (it crosses Ray and HTTP). Result-order
keys are collection-wide (the last part is the article's run position, see positions.py),
so a coordinator merging the shards' lists by key orders them as one index would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SearcherError
from ..search.api import Searcher
from ..search.columns import doc_array
from ..search.facets import facet_column, value_counts
from ..search.feedback import FEEDBACK_DOCS, article_tokens, query_terms, wants_feedback
from ..search.filters import allowed_docs, speaker_names
from ..search.matching import match, plan_for
from ..search.order import ResultOrder, result_order
from ..search.paging import hit_of
from ..search.plan import QueryPlan, highlighter_of
from ..search.quotesearch import article_quotes, quote_key, quote_matches, quote_order
from ..search.session import Reading
from ..search.spelling import respelled_matches
from ..search.stats import GlobalStats
from ..search.topk import top
from .analyses import shard_term_counts, shard_terms, shard_timeline
from .planner import expansions_of
from .positions import Positions, load_positions
from .shardcall import error_answer, note_json, request_of
from .shards import MANIFEST


class ShardService:
    """One shard of a sharded index, searched with the whole collection's statistics."""

    def __init__(self, shard_path: str | Path, global_stats: GlobalStats, shard: int | None = None):
        self.path = Path(shard_path)
        self.stats = global_stats
        self.shard = shard if shard is not None else _shard_number(global_stats.path, self.path)
        self.searcher = Searcher(self.path, stats=global_stats)
        self.methods: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "info": self.info,
            "search": self.search,
            "hits": self.hits,
            "respelled": self.respelled,
            "matches": self.matches,
            "articles": self.articles,
            "quotes": self.quotes,
            "get": self.get,
            "stats": self.shard_stats,
            "timeline": self.timeline,
            "terms": self.terms,
            "term_counts": self.term_counts,
        }

    def handle(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The answer to one call: a JSON-able dict (a searcher error as {"error": ...})."""
        handler = self.methods.get(method)
        if handler is None:
            return error_answer(SearcherError(f"a shard has no method {method!r}"))
        try:
            return handler(payload)
        except SearcherError as error:
            return error_answer(error)

    def close(self) -> None:
        """Close the shard's index."""
        self.searcher.close()

    # -- what every answer rests on -------------------------------------------------------

    def _reading(self) -> tuple[Reading, Positions]:
        reading = self.searcher.reading()
        positions = reading.cached(
            "run positions", lambda: load_positions(self.stats.path, self.shard, reading)
        )
        return reading, positions

    def info(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The shard's number, generation and article count."""
        reading, _ = self._reading()
        return {
            "shard": self.shard,
            "generation": reading.generation_key(),
            "articles": reading.searcher.doc_count(),
        }

    # -- ranked search ---------------------------------------------------------------------

    def search(self, payload: dict[str, Any]) -> dict[str, Any]:
        """One shard's part of a ranked search.

        payload: request; plan (the coordinator's, see planner.py); want (candidates to
        return); after (a collection-wide key: only later matches); counts (notes, facets);
        feedback_words (chosen by the coordinator; None: say whether feedback is wanted,
        with this shard's best hits' tokens, instead of candidates); earlier (the best key
        of each story's matches, for pages after a cursor).
        """
        request = request_of(payload["request"])
        reading, positions = self._reading()
        plan = _plan(reading, request, payload)
        notes: list[Any] = []
        found = match(reading, plan, request.filter_options(), notes)
        matched = found.docs
        out: dict[str, Any] = {"generation": reading.generation_key(), "total": len(matched)}
        if payload.get("counts", True):
            out["notes"] = [note_json(n) for n in notes]
            out["facets"] = {
                name: list(value_counts(matched, facet_column(reading, name)).items())
                for name in request.facets
            }
        if not matched:
            out.update(candidates=[], more=False, copies={})
            return out
        sort, chosen = request.sort, payload.get("feedback_words")
        order = result_order(
            reading, plan.groups, found.memo, matched, sort, feedback=False, chosen=chosen
        )
        if (
            chosen is None
            and sort == "relevance"
            and wants_feedback(list(plan.groups), request.feedback, request.any)
        ):
            # The coordinator chooses the words from the best hits of all shards.
            best = top(order.scores, matched, FEEDBACK_DOCS) if order.scores else []
            analyzer = reading.searcher.schema["body"].analyzer
            out["feedback"] = {
                "asked": sorted(query_terms(list(plan.groups))),
                "best": [
                    [positions.key(order.key(d, score), sort, d), article_tokens(article, analyzer)]
                    for d, score in best
                    if (article := reading.load(d)) is not None
                ],
            }
            return out
        out.update(self._candidates(order, positions, sort, payload))
        if payload.get("stories", True):
            keys = bool(payload.get("earlier"))
            ordered = found.ordered if found.ordered is not None else np.sort(doc_array(matched))
            out["copies"] = _copies(order, positions, ordered, sort, keys)
        return out

    def _candidates(
        self, order: ResultOrder, positions: Positions, sort: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The next `want` matches in result order: [key, score, document, story]."""
        want = int(payload.get("want", 0))
        after = payload.get("after")
        ranked = (
            order.after(positions.local_key(after, sort), want + 1)
            if after is not None
            else order.ranked(want + 1)
        )
        rows = [
            [positions.key(order.key(d, score), sort, d), score, d, positions.clusters[d]]
            for d, score in islice(ranked, want + 1)
        ]
        return {"candidates": rows[:want], "more": len(rows) > want}

    def hits(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Hits of documents ([document, score, rank]) with snippets, and copies' summaries (ids)."""
        reading, _ = self._reading()
        if "plan" in payload:
            forms, stems = payload["plan"]["highlight"]
            highlighter = highlighter_of(reading.analyzers(), forms, stems)
        else:
            highlighter = _plan(reading, request_of(payload["request"]), payload).highlighter()
        rendered: list[Any] = []
        for doc, score, rank in payload.get("docs", []):
            article = reading.load(doc)
            if article is None:
                rendered.append(None)
                continue
            hit = hit_of(article, score, rank, highlighter)
            rendered.append(
                {
                    "article": article.to_dict(),
                    "snippet": hit.snippet.to_dict(),
                    "matched_quotes": [q.to_dict() for q in hit.matched_quotes],
                }
            )
        summaries = {}
        for article_id in payload.get("summaries", []):
            doc = reading.searcher.document_number(id=article_id)
            article = reading.load(doc) if doc is not None else None
            if article is not None:
                summaries[article_id] = [article.outlet, article.url, article.published]
        return {"hits": rendered, "summaries": summaries}

    def respelled(self, payload: dict[str, Any]) -> dict[str, Any]:
        """How many of this shard's matches another spelling of the query (`text`) finds among
        the documents the filters allow ({"matches": None} when that spelling is no query)."""
        request = request_of(payload["request"])
        reading, _ = self._reading()
        allowed = allowed_docs(reading, request.filter_options(), [])
        plan = _plan(reading, request, payload)
        return {"matches": respelled_matches(reading, plan, payload["text"], allowed)}

    # -- streams, quotes, lookups -------------------------------------------------------------

    def matches(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Every match of a search in export order, `want` at a time: [key, document]."""
        request = request_of(payload["request"])
        reading, positions = self._reading()
        fields = payload.get("default_fields")
        plan = plan_for(
            reading,
            request.query,
            any=request.any,
            fuzzy=request.fuzzy,
            fields=tuple(fields) if fields else None,
        )
        notes: list[Any] = []
        found = match(reading, plan, request.filter_options(), notes)
        sort = request.sort
        if plan.matches_all and sort == "relevance":
            sort = "newest"  # without words there is no relevance: newest first
        out: dict[str, Any] = {
            "generation": reading.generation_key(),
            "notes": [note_json(n) for n in notes],
            "sort": sort,
        }
        if not found.docs:
            out.update(candidates=[], more=False)
            return out
        order = result_order(reading, found.plan.groups, found.memo, found.docs, sort)
        out.update(self._candidates(order, positions, sort, payload))
        return out

    def articles(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The stored articles of document numbers (None where a document has none)."""
        reading, _ = self._reading()
        loaded = (reading.load(d) for d in payload.get("docs", []))
        return {"articles": [a.to_dict() if a is not None else None for a in loaded]}

    def quotes(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Matched articles in quote order with their matching quotations:
        [key, score, document, [[quotation's position, its sameness key, spans], ...]]."""
        request = request_of(payload["request"])
        reading, positions = self._reading()
        notes: list[Any] = []
        found = quote_matches(reading, request, notes)
        out: dict[str, Any] = {
            "generation": reading.generation_key(),
            "articles": len(found.docs),
            "notes": [note_json(n) for n in notes],
            "entries": [],
        }
        if not found.docs:
            return out
        speakers = speaker_names(reading, request.filters.get("speaker"))
        highlighter = None if found.plan.matches_all else found.plan.highlighter()
        order, key = quote_order(reading, found)
        # Without words the order is by date only: equal dates keep the run's order.
        sort = "newest" if found.plan.matches_all else "relevance"
        for doc, score in order:
            article = reading.load(doc)
            if article is None:
                continue
            quoted = [
                [n, quote_key(quote).hex(), [list(s) for s in spans]]
                for n, quote, spans in article_quotes(article, speakers, highlighter)
            ]
            if quoted:
                local = (*key(doc), -doc) if found.plan.matches_all else key(doc)
                out["entries"].append([positions.key(local, sort, doc), score, doc, quoted])
        return out

    def get(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The article with an id or URL (an ArticleNotFound error answer when none)."""
        return {"article": self.searcher.get(payload["id_or_url"]).to_dict()}

    def shard_stats(self, payload: dict[str, Any]) -> dict[str, Any]:
        """This shard's part of the collection's stats (counts to sum, names to join)."""
        from ..index.summary import folded_names

        stats = self.searcher.stats()
        reading, _ = self._reading()
        return {
            "generation": reading.generation_key(),
            "schema_version": stats.schema_version,
            "articles": stats.articles,
            "size_bytes": stats.size_bytes,
            "first_date": stats.first_date,
            "last_date": stats.last_date,
            "per_outlet": stats.per_outlet,
            "per_year": stats.per_year,
            "per_lang": stats.per_lang,
            "authors": sorted(folded_names(reading.searcher.reader(), "author_exact")),
            "speakers": sorted(folded_names(reading.searcher.reader(), "speaker_exact")),
        }

    def timeline(self, payload: dict[str, Any]) -> dict[str, Any]:
        """This shard's period counts of a timeline (see analyses.py)."""
        reading, _ = self._reading()
        return shard_timeline(self.searcher, reading, request_of(payload["request"]))

    def terms(self, payload: dict[str, Any]) -> dict[str, Any]:
        """This shard's names and run positions of a top-terms request (see analyses.py)."""
        reading, positions = self._reading()
        return shard_terms(self.searcher, reading, positions, request_of(payload["request"]))

    def term_counts(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Words of sampled articles and names' counts among all (see analyses.py)."""
        reading, positions = self._reading()
        return shard_term_counts(reading, positions, payload)


def _plan(reading: Reading, request: Any, payload: dict[str, Any]) -> QueryPlan:
    """A ranked search's plan here, with the coordinator's expansions when it sent its plan."""
    given = payload.get("plan")
    return plan_for(
        reading,
        request.query,
        any=request.any,
        fuzzy=request.fuzzy,
        blank_matches_all=False,
        expansions=expansions_of(given) if given is not None else None,
    )


def _copies(
    order: ResultOrder, positions: Positions, ordered: np.ndarray, sort: str, keys: bool
) -> dict[str, list]:
    """Per story with copies among the matches (sorted): [matches here, best key here (when
    `keys`)]."""
    out: dict[str, list] = {}
    for doc, story in positions.copies_among(ordered):
        entry = out.setdefault(story, [0, None])
        entry[0] += 1
        if keys:
            key = positions.key(order.key(doc), sort, doc)
            if entry[1] is None or key > entry[1]:
                entry[1] = key
    return out


def _shard_number(shards: Path, shard_path: Path) -> int:
    """The number of a shard folder in the manifest of the sharded index."""
    manifest = json.loads((shards / MANIFEST).read_text(encoding="utf-8"))
    names = [entry["name"] for entry in manifest["shards"]]
    if shard_path.name not in names:
        raise SearcherError(f"{shard_path} is not a shard of {shards} (not in its {MANIFEST})")
    return names.index(shard_path.name)


class LocalShardClient:
    """A shard in this process; each call crosses JSON as it would cross Ray or HTTP."""

    def __init__(self, service: ShardService):
        self.service = service
        self.shard = service.shard

    def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The service's answer, after a round trip through JSON both ways."""
        answer = self.service.handle(method, json.loads(json.dumps(payload)))
        result: dict[str, Any] = json.loads(json.dumps(answer))
        return result

    def close(self) -> None:
        """Close the shard."""
        self.service.close()
