"""The coordinator: a sharded index searched as one (a SearchBackend over ShardClients).

Every shard scores with the collection's statistics (GlobalStats: the same idf, average
lengths, vocabulary and names) and gives its matches' keys, collection-wide (the last
part is the article's run position, as the single index's document number breaks ties).
The coordinator merges the shards' lists by key, shows a story once across shards, sums
counts, and asks the shards that hold the page's hits for their snippets. Feedback words
are chosen once from the best hits of all shards, then every shard ranks with them.
A shard that does not answer (ShardUnavailable) is left out and the answer says so.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..article import Article
from ..errors import ArticleNotFound, QueryError
from ..search.cursor import Cursor, decode_cursor, read_cursor, search_fingerprint
from ..search.facets import DEFAULT_FACET_SIZE, top_values
from ..search.feedback import FEEDBACK_DOCS, feedback_words
from ..search.filters import FILTER_OPTIONS
from ..search.options import TermsRequest, TimelineRequest, TrailRequest
from ..search.plan import QueryPlan
from ..search.ranked import FEW_RESULTS
from ..search.request import QuotesRequest, SearchRequest, as_request
from ..search.results import (
    Hit,
    QuoteHit,
    QuoteResults,
    SearchResults,
)
from ..search.stats import GlobalStats
from .gather import Call, Row, position_of
from .merge import (
    also_in,
    hit_from,
    load_articles,
    note_missing,
    page_rows,
    stories_of,
    unique_quotes,
)
from .planner import Planner, plan_json
from .shardcall import ShardClient, note_of, request_json
from .shards import CLUSTERS, shard_of

if TYPE_CHECKING:
    from ..index.summary import IndexStats
    from ..search.backend import SearchBackend
    from ..search.terms import TermsResult
    from ..search.timeline import Timeline
    from ..search.trail import Trail

# Articles read from the shards at a time by the streams (exports).
STREAM_BATCH = 200


class Coordinator:
    """A sharded index searched as one index: the same requests, the same records."""

    def __init__(self, clients: Sequence[ShardClient], global_stats: GlobalStats):
        self.clients: dict[int, ShardClient] = {c.shard: c for c in clients}
        self.stats_of = global_stats
        self.path = Path(global_stats.path)
        self.planner = Planner(global_stats)
        self._pool = ThreadPoolExecutor(max_workers=max(1, len(self.clients)))
        self._stories: dict[str, tuple[tuple[int, str, int], ...]] | None = None

    def _call(self) -> Call:
        return Call(self.clients, self._pool)

    def close(self) -> None:
        """Close the clients (those that hold something) and the calling threads."""
        for client in self.clients.values():
            close = getattr(client, "close", None)
            if close is not None:
                close()
        self._pool.shutdown(wait=False)

    def __enter__(self) -> Coordinator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ranked search -------------------------------------------------------------------

    def search(
        self,
        request: SearchRequest | str | None = None,
        /,
        *,
        facet_size: int = DEFAULT_FACET_SIZE,
        **options: Any,
    ) -> SearchResults:
        """One page of ranked hits over all shards, with facets over every match."""
        checked = as_request(SearchRequest, request, options)
        call = self._call()
        cursor = read_cursor(checked.after) if checked.after else None
        page, limit = (1 if cursor else checked.page), checked.limit
        results = SearchResults(query=checked.query, page=page, limit=limit, sort=checked.sort)
        suggest = page == 1 and not checked.fuzzy and cursor is None
        plan = self.planner.plan(checked)
        payload: dict[str, Any] = {
            "request": request_json(checked),
            "plan": plan_json(plan),
            "want": page * limit * 2 + 10,
            "after": list(cursor.key) if cursor else None,
            "earlier": cursor is not None,
        }
        answers = call.everywhere("search", payload)
        generation = call.generation(answers)
        fingerprint = _fingerprint(checked)
        if cursor is not None:
            decode_cursor(checked.after or "", generation, fingerprint)
        results.missing_shards = call.missing_shards()
        if not answers:
            return results
        first = answers[min(answers)]
        results.notes = [note_of(n) for n in first["notes"]]
        results.expanded = {w: [alt for alt, _ in alts] for w, alts in plan.expansions.items()}
        results.total = sum(a["total"] for a in answers.values())
        for name in checked.facets:
            counts: Counter = Counter()
            for answer in answers.values():
                counts.update(dict(answer["facets"][name]))
            results.facets[name] = top_values(name, counts, facet_size)
        if any("feedback" in a for a in answers.values()):
            words = self._feedback_words(answers)
            if words:
                results.notes.append(
                    "ranked with words from the best first hits: " + ", ".join(w for w, _ in words)
                )
            payload = {**payload, "feedback_words": words, "counts": False}
            answers = call.everywhere("search", payload)
        stories = stories_of(answers.values())
        results.stories = results.total - sum(n for n, _ in stories.values()) + len(stories)
        if results.total:
            skip = (page - 1) * limit
            rows = call.rows("search", answers, payload)
            chosen = page_rows(rows, skip, limit, cursor, stories)
            results.hits = self._hits(call, checked, plan, chosen)
            if len(results.hits) == limit:
                key = chosen[-1][1][0]
                results.next = Cursor(
                    generation, fingerprint, tuple(key), results.hits[-1].rank
                ).encode()
        if results.total < FEW_RESULTS and suggest:
            results.did_you_mean = self._did_you_mean(call, checked, plan, results.total)
        results.missing_shards = call.missing_shards()
        return results

    def _did_you_mean(
        self, call: Call, request: SearchRequest, plan: QueryPlan, total: int
    ) -> str | None:
        """The query respelled over the collection's vocabulary, when that matches more."""
        text = self.planner.correction(plan)
        if text is None:
            return None
        answers = call.everywhere("respelled", {"request": request_json(request), "text": text})
        counts = [a["matches"] for a in answers.values()]
        if not counts or None in counts:
            return None
        return text if sum(counts) > total else None

    def _feedback_words(self, answers: dict[int, dict[str, Any]]) -> list[tuple[str, float]]:
        """The feedback words of the best hits of all shards (as one index chooses them)."""
        best = heapq.nlargest(
            FEEDBACK_DOCS,
            (row for a in answers.values() for row in a.get("feedback", {}).get("best", [])),
            key=lambda row: tuple(row[0]),
        )
        if not best:
            return []
        asked = {t for a in answers.values() for t in a.get("feedback", {}).get("asked", [])}
        stats = self.stats_of
        counts = [[(token, n) for token, n in tokens] for _key, tokens in best]
        return feedback_words(
            counts, lambda t: stats.doc_frequency("body", t), stats.doc_count, asked
        )

    def _hits(
        self,
        call: Call,
        request: SearchRequest,
        plan: QueryPlan,
        chosen: list[tuple[int, Row, int]],
    ) -> list[Hit]:
        """The chosen rows as hits: snippets from their shards, copies from every shard."""
        stories = self._story_members()
        wanted: dict[int, dict[str, Any]] = {}
        for shard, (_key, score, doc, _story), rank in chosen:
            wanted.setdefault(shard, {"docs": [], "summaries": []})["docs"].append(
                [doc, score, rank]
            )
        others: dict[int, list[tuple[int, str, int]]] = {}
        for n, (_shard, (key, _score, _doc, story), _rank) in enumerate(chosen):
            members = [m for m in stories.get(story, ()) if m[0] != position_of(key)]
            others[n] = members
            for _position, article_id, shard in members:
                wanted.setdefault(shard, {"docs": [], "summaries": []})["summaries"].append(
                    article_id
                )
        base = {"request": request_json(request), "plan": plan_json(plan)}
        answers = call.scatter("hits", {s: {**base, **w} for s, w in wanted.items()})
        rendered = {s: iter(a["hits"]) for s, a in answers.items()}
        summaries = {k: v for a in answers.values() for k, v in a["summaries"].items()}
        hits: list[Hit] = []
        for n, (shard, (_key, score, _doc, story), rank) in enumerate(chosen):
            found = next(rendered[shard], None) if shard in rendered else None
            if found is None:
                continue
            hit = hit_from(found, score, rank, story)
            hit.also_in = also_in(others[n], summaries)
            hits.append(hit)
        return hits

    def _story_members(self) -> dict[str, tuple[tuple[int, str, int], ...]]:
        """story -> its articles (position, id, shard) in run order, for stories with copies."""
        if self._stories is None:
            import pyarrow.compute as pc
            import pyarrow.parquet as pq

            table = pq.read_table(
                self.path / CLUSTERS, columns=["id", "shard", "cluster", "position"]
            )
            # Only the stories with copies are kept (most articles are a story of their own).
            sizes = table.group_by("cluster").aggregate([("id", "count")])
            copied = sizes.filter(pc.greater(sizes["id_count"], 1))["cluster"]
            table = table.filter(pc.is_in(table["cluster"], value_set=copied))
            members: dict[str, list[tuple[int, str, int]]] = {}
            for article_id, shard, story, position in zip(
                *(table[c].to_pylist() for c in ("id", "shard", "cluster", "position")),
                strict=True,
            ):
                members.setdefault(story, []).append((position, article_id, shard))
            # Tuples of strings and numbers: the garbage collector stops tracking them (and then
            # the dict), so its full collections do not walk every story on each pass.
            self._stories = {s: tuple(sorted(m)) for s, m in members.items()}
        return self._stories

    # -- streams, quotes, lookups ------------------------------------------------------------

    def iter_articles(
        self,
        request: SearchRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        default_fields: tuple[str, ...] | None = None,
        **options: Any,
    ) -> Iterator[Article]:
        """Every matching article of all shards in result order (copies each on their own)."""
        checked = as_request(SearchRequest, request, options)
        call = self._call()
        payload = {
            "request": request_json(checked),
            "want": STREAM_BATCH,
            "default_fields": list(default_fields) if default_fields else None,
        }
        answers = call.everywhere("matches", payload)
        if notes is not None:
            if answers:
                notes.extend(note_of(n) for n in answers[min(answers)]["notes"])
            note_missing(call, notes)
        rows = ((shard, row[2]) for shard, row in call.rows("matches", answers, payload))
        return self._articles(call, rows)

    def _articles(self, call: Call, docs: Iterator[tuple[int, int]]) -> Iterator[Article]:
        """The stored articles of (shard, document) pairs, read a batch at a time, in order."""
        while batch := list(islice(docs, STREAM_BATCH)):
            loaded = load_articles(call, batch)
            yield from (a for a in map(loaded.get, batch) if a is not None)

    def quotes(self, request: QuotesRequest | str | None = None, /, **options: Any) -> QuoteResults:
        """One page of the quotations matching the request, over all shards."""
        checked = as_request(QuotesRequest, request, options)
        call = self._call()
        results = QuoteResults(query=checked.query, page=checked.page, limit=checked.limit)
        entries = self._quote_entries(call, checked, results.notes, results)
        skip = (checked.page - 1) * checked.limit
        page = []
        for entry in entries:
            results.total += 1
            if skip < results.total <= skip + checked.limit:
                page.append(entry)
        results.hits = list(self._quote_hits(call, iter(page)))
        results.missing_shards = call.missing_shards()
        return results

    def iter_quotes(
        self,
        request: QuotesRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        counts: QuoteResults | None = None,
        **options: Any,
    ) -> Iterator[QuoteHit]:
        """Every matching quotation of all shards, best article first, read as asked for."""
        checked = as_request(QuotesRequest, request, options)
        call = self._call()
        entries = self._quote_entries(call, checked, notes if notes is not None else [], counts)
        if notes is not None:
            note_missing(call, notes)
        return self._quote_hits(call, entries)

    def _quote_entries(
        self, call: Call, request: QuotesRequest, notes: list[Any], counts: QuoteResults | None
    ) -> Iterator[tuple[int, float, int, int, list, int]]:
        """(shard, score, document, quotation, spans, rank) of each story's matching quotations,
        once, in the order of their articles over all shards."""
        answers = call.everywhere("quotes", {"request": request_json(request)})
        if answers:
            notes.extend(note_of(n) for n in answers[min(answers)]["notes"])
        if counts is not None:
            counts.articles = sum(a["articles"] for a in answers.values())
        merged = heapq.merge(
            *([(shard, e) for e in a["entries"]] for shard, a in answers.items()),
            key=lambda item: tuple(item[1][0]),
            reverse=True,
        )
        return unique_quotes(merged)

    def _quote_hits(
        self, call: Call, entries: Iterator[tuple[int, float, int, int, list, int]]
    ) -> Iterator[QuoteHit]:
        while batch := list(islice(entries, STREAM_BATCH)):
            loaded = load_articles(call, [(e[0], e[2]) for e in batch])
            for shard, score, doc, n, spans, rank in batch:
                article = loaded.get((shard, doc))
                if article is not None:
                    yield QuoteHit(
                        article.quotes[n], article, score, rank, [tuple(s) for s in spans]
                    )

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL in any shard; ArticleNotFound when none has it."""
        key = (id_or_url or "").strip()
        if not key:
            raise QueryError("give an article id or URL")
        call = self._call()
        home = shard_of(key, len(self.clients)) if self.clients else 0
        order = [home] + [s for s in sorted(self.clients) if s != home]
        for shard in order:
            if shard not in self.clients:
                continue
            try:
                answer = call.one(shard, "get", {"id_or_url": key})
            except ArticleNotFound:
                continue
            if answer is not None:
                return Article.from_dict(answer["article"])
        if call.missing:
            from .shardcall import ShardUnavailable

            raise ShardUnavailable(
                min(call.missing), f"no article {key!r} in the shards that answered"
            )
        raise ArticleNotFound(f"no article with id or URL {key!r} in {self.path}")

    def stats(self) -> IndexStats:
        """What all shards hold together (stories with copies counted across shards)."""
        from ..index.summary import IndexStats

        call = self._call()
        answers = call.everywhere("stats", {})
        parts = list(answers.values())
        outlets: Counter[str] = Counter()
        years: Counter[str] = Counter()
        langs: Counter[str] = Counter()
        for part in parts:
            outlets.update(part["per_outlet"])
            years.update(part["per_year"])
            langs.update(part["per_lang"])
        firsts = [p["first_date"] for p in parts if p["first_date"]]
        lasts = [p["last_date"] for p in parts if p["last_date"]]
        manifest = self.stats_of.manifest()
        return IndexStats(
            index=str(self.path),
            generation=call.generation(answers),
            schema_version=int(manifest.get("schema_version", 0)),
            articles=sum(p["articles"] for p in parts),
            outlets=len(outlets),
            authors=len({n for p in parts for n in p["authors"]}),
            speakers=len({n for p in parts for n in p["speakers"]}),
            clusters_with_copies=int(manifest.get("stories_with_copies", 0)),
            first_date=min(firsts, default=None),
            last_date=max(lasts, default=None),
            size_bytes=sum(p["size_bytes"] for p in parts),
            per_outlet=dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
            per_year=dict(sorted(years.items())),
            per_lang=dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
            missing_shards=call.missing_shards(),
        )

    # -- analyses --------------------------------------------------------------------------

    def trail(self, request: TrailRequest | str, /, **options: Any) -> Trail:
        """Every article carrying a quotation, exactly or nearly, oldest first (see trail.py)."""
        from ..search.trail import quote_trail

        return quote_trail(self, as_request(TrailRequest, request, options))

    def timeline(self, request: TimelineRequest | str | None = None, /, **options: Any) -> Timeline:
        """Matching articles per period against all articles then, over all shards."""
        from .analyses import merged_timeline

        return merged_timeline(self._call(), as_request(TimelineRequest, request, options))

    def terms(self, request: TermsRequest | str | None = None, /, **options: Any) -> TermsResult:
        """The words and names most characteristic of the matches, over all shards."""
        from .analyses import merged_terms

        checked = as_request(TermsRequest, request, options)
        return merged_terms(self._call(), checked, self.stats_of)


def local_coordinator(shards_path: str | Path) -> Coordinator:
    """A coordinator over every shard of a sharded index, each searched in this process."""
    from .shardservice import LocalShardClient, ShardService

    stats = GlobalStats(shards_path)
    names = [entry["name"] for entry in stats.manifest()["shards"]]
    services = [ShardService(stats.path / name, stats, n) for n, name in enumerate(names)]
    return Coordinator([LocalShardClient(s) for s in services], stats)


def _fingerprint(request: SearchRequest) -> str:
    filters = request.filter_options()
    every_filter = {name: filters.get(name) for name in FILTER_OPTIONS}
    return search_fingerprint(
        query=request.query,
        any=request.any,
        sort=request.sort,
        fuzzy=request.fuzzy,
        feedback=request.feedback,
        **every_filter,
    )


if TYPE_CHECKING:

    def _is_a_backend(coordinator: Coordinator) -> SearchBackend:
        """mypy checks here that the coordinator implements the backend protocol."""
        return coordinator
