"""Turns a parsed query tree into a Whoosh query over the index fields, with the BM25F score groups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from ..textfold import fold
from .analyzers import FieldAnalyzers
from .query import All, Excluding, Node, Not, Phrase, Word
from .query import Any as AnyOf
from .ranking import ScoreGroup

# A folded word -> its fuzzy alternatives, each with the weight its matches count.
Expansions = Mapping[str, list[tuple[str, float]]]


@dataclass(frozen=True)
class Compiled:
    """A tree as the index runs it: the Whoosh query, and the words that rank (not the excluded ones)."""

    query: Any
    groups: tuple[ScoreGroup, ...]


def compile_tree(
    node: Node,
    analyzers: FieldAnalyzers,
    weights: Mapping[str, float],
    fields: tuple[str, ...],
    expansions: Expansions,
    keep_stop_words: bool,
) -> Compiled:
    """The Whoosh query (NullQuery when nothing searchable is left) and score groups of a tree.

    Bare words look in `fields`, each weighted by `weights`; `keep_stop_words` keeps
    function words (a query made only of them, "the who").
    """
    run = _Compilation(analyzers, weights, fields, expansions, keep_stop_words)
    query = run.node(node, negated=False)
    return Compiled(query if query is not None else wq.NullQuery, tuple(run.groups))


class _Compilation:
    """One compile() call: the groups it collects live only as long as the call."""

    def __init__(
        self,
        analyzers: FieldAnalyzers,
        weights: Mapping[str, float],
        fields: tuple[str, ...],
        expansions: Expansions,
        keep_stop_words: bool,
    ):
        self.analyzers = analyzers
        self.weights = weights
        self.fields = fields
        self.expansions = expansions
        self.keep_stop_words = keep_stop_words
        self.groups: list[ScoreGroup] = []

    def node(self, node: Node, negated: bool) -> Any:
        if isinstance(node, Word):
            return self.word(node, negated)
        if isinstance(node, Phrase):
            return self.phrase(node, negated)
        if isinstance(node, (All, AnyOf)):
            parts = [p for p in (self.node(x, negated) for x in node.parts) if p is not None]
            if not parts:
                return None
            return (
                parts[0] if len(parts) == 1 else (wq.And if isinstance(node, All) else wq.Or)(parts)
            )
        if isinstance(node, Excluding):
            positive = self.node(node.include, negated)
            negatives = [p for p in (self.node(x, True) for x in node.exclude) if p is not None]
            if positive is None:
                return None
            if not negatives:
                return positive
            return wq.AndNot(positive, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        if isinstance(node, Not):
            inner = self.node(node.part, True)
            return wq.Not(inner) if inner is not None else None
        raise TypeError(f"unknown query node {node!r}")

    def _fields(self, fieldname: str | None) -> tuple[str, ...]:
        return self.fields if fieldname is None else (fieldname,)

    def word_in_fields(
        self, word: str, fieldname: str | None, negated: bool, scale: float = 1.0
    ) -> Any:
        """Or over fields for one surface word; None when every field drops it (stop word)."""
        if fieldname is None and self.analyzers.is_stop_word(word, self.keep_stop_words):
            return None
        clauses: list[Any] = []
        members: list[tuple[str, str, float]] = []
        for name in self._fields(fieldname):
            tokens = self.analyzers.terms(name, word)
            if not tokens:
                continue
            boost = (self.weights.get(name, 1.0) if fieldname is None else 1.0) * scale
            if not self.analyzers.is_exact(name):
                members.extend((name, t, boost / scale) for t in tokens)
            if len(tokens) == 1:
                clauses.append(wq.Term(name, tokens[0], boost=boost))
            else:
                clauses.append(wq.And([wq.Term(name, t, boost=boost) for t in tokens]))
        if not clauses:
            return None
        if members and not negated:
            self.groups.append(ScoreGroup(members, scale))
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def word(self, node: Word, negated: bool) -> Any:
        base = self.word_in_fields(node.text, node.field, negated)
        alternatives = (
            self.expansions.get(fold(node.text))
            if not self.analyzers.is_exact(node.field)
            else None
        )
        if not alternatives:
            return base
        clauses = [base] if base is not None else []
        seen = {fold(node.text)}
        for alt, weight in alternatives:
            if alt in seen:
                continue
            seen.add(alt)
            clause = self.word_in_fields(alt, node.field, negated, weight)
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def phrase(self, node: Phrase, negated: bool) -> Any:
        if self.analyzers.is_exact(node.field):
            # "pt-br" or "de en" typed for an exact field is one value, as the user wrote it.
            return self.word(Word(node.text or " ".join(node.words), node.field), negated)
        if not negated:
            # Each word of a phrase ranks as a word of its own.
            for word in node.words:
                self.word_in_fields(word, node.field, negated)
        clauses = []
        for name in self._fields(node.field):
            tokens = [t for w in node.words for t in self.analyzers.terms(name, w)]
            if not tokens:
                continue
            boost = self.weights.get(name, 1.0) if node.field is None else 1.0
            if len(tokens) == 1:
                clauses.append(wq.Term(name, tokens[0], boost=boost))
            else:
                clauses.append(wq.Phrase(name, tokens, boost=boost))
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)
