"""A coordinator's calls to its shards: scattered in parallel, answers gathered, missing shards noted."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..search.cursor import generation_key
from .shardcall import ShardClient, ShardUnavailable, raise_if_error

# A shard's row in a result order: [key, score, document, story] (key: collection-wide).
Row = list
# Refills of a shard's list ask for this many times the rows it gave before.
REFILL_GROWTH = 4


class Call:
    """One request's calls to the shards; remembers which shards did not answer."""

    def __init__(self, clients: Mapping[int, ShardClient], pool: ThreadPoolExecutor):
        self.clients = clients
        self.pool = pool
        self.missing: set[int] = set()

    def one(self, shard: int, method: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """One shard's answer (None when it is unavailable; a searcher error it answers is raised)."""
        if shard in self.missing:
            return None
        try:
            answer = self.clients[shard].call(method, payload)
        except ShardUnavailable:
            self.missing.add(shard)
            return None
        return raise_if_error(answer)

    def everywhere(self, method: str, payload: dict[str, Any]) -> dict[int, dict[str, Any]]:
        """The answers of every shard to the same call, in shard order."""
        return self.scatter(method, {shard: payload for shard in self.clients})

    def scatter(
        self, method: str, targets: Mapping[int, dict[str, Any]]
    ) -> dict[int, dict[str, Any]]:
        """The answers of the shards `targets` maps to their payloads, in shard order."""
        shards = [s for s in sorted(targets) if s not in self.missing]
        # The first shard is called from this thread while the pool calls the others: one
        # thread fewer to wake per call, and this thread mostly finds the others done.
        futures = [self.pool.submit(self._guarded, s, method, targets[s]) for s in shards[1:]]
        found = [self._guarded(shards[0], method, targets[shards[0]])] if shards else []
        found += [f.result() for f in futures]
        answers: dict[int, dict[str, Any]] = {}
        for shard, answer in zip(shards, found, strict=True):
            if answer is None:
                self.missing.add(shard)
            else:
                answers[shard] = answer
        # Searcher errors (a bad query) are raised once every call is back, the first shard's.
        for answer in answers.values():
            raise_if_error(answer)
        return answers

    def _guarded(self, shard: int, method: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        try:
            return self.clients[shard].call(method, payload)
        except ShardUnavailable:
            return None

    def generation(self, answers: Mapping[int, dict[str, Any]]) -> str:
        """The state of the shards that answered, as one key (a cursor holds it)."""
        state = tuple((shard, answers[shard].get("generation")) for shard in sorted(answers))
        return generation_key((state, tuple(sorted(self.missing))))

    def missing_shards(self) -> tuple[int, ...]:
        """The shards that did not answer, in order."""
        return tuple(sorted(self.missing))

    def rows(
        self, method: str, answers: Mapping[int, dict[str, Any]], payload: dict[str, Any]
    ) -> Iterator[tuple[int, Row]]:
        """(shard, row) of every shard's result order merged, best first; each shard's list is
        asked for again after its last key when it runs out and said it had more."""
        streams = [
            self._stream(method, shard, answer, payload) for shard, answer in answers.items()
        ]
        return heapq.merge(*streams, key=lambda item: tuple(item[1][0]), reverse=True)

    def _stream(
        self, method: str, shard: int, answer: dict[str, Any], payload: dict[str, Any]
    ) -> Iterator[tuple[int, Row]]:
        rows, more = answer["candidates"], answer["more"]
        while True:
            for row in rows:
                yield shard, row
            if not more or not rows:
                return
            again = {
                **payload,
                "after": rows[-1][0],
                "want": REFILL_GROWTH * len(rows),
                "counts": False,
                "suggest": False,
                "stories": False,
            }
            found = self.one(shard, method, again)
            if found is None:
                return
            rows, more = found["candidates"], found["more"]


def position_of(key: Row) -> int:
    """The run position a collection-wide key ends with (negated for best-first orders)."""
    return abs(int(key[-1]))
