"""Turns a parsed query tree into a Whoosh query over the index fields, with BM25F field weights."""

from __future__ import annotations

from whoosh import query as wq

from ..textfold import fold
from .languages import language_code
from .query import All, Any, Excluding, Not, Phrase, Word
from .ranking import FIELD_WEIGHTS, NAME_FIELDS, TEXT_FIELDS, ScoreGroup
from .stopwords import QUERY_STOP_WORDS

# How a value typed for an exact-value field becomes the value the index stores.
EXACT_VALUES = {"lang": language_code}


class QueryCompiler:
    """Builds Whoosh queries for one schema; `expansions` maps a folded word to fuzzy alternatives."""

    def __init__(
        self,
        schema,
        weights: dict | None = None,
        expansions: dict | None = None,
        default_fields: tuple[str, ...] | None = None,
        analysis_cache: dict | None = None,
    ):
        self.schema = schema
        self.weights = dict(weights or FIELD_WEIGHTS)
        self.expansions = expansions or {}
        fields = default_fields or (TEXT_FIELDS + NAME_FIELDS)
        self.default_fields = tuple(
            f for f in fields if f in schema.names() and self.weights.get(f, 1.0) > 0
        )
        # Shared between searches by the caller: analysing a word is the same for every query.
        self._cache = analysis_cache if analysis_cache is not None else {}

    def _analyze(self, fieldname: str, text: str) -> tuple[str, ...]:
        key = (fieldname, text)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 100_000:
                self._cache.clear()
            found = self._cache[key] = self._analyze_uncached(fieldname, text)
        return found

    def is_exact(self, fieldname: str | None) -> bool:
        """True for a field holding whole values (no word positions): its value is one term, never a phrase."""
        if fieldname is None or fieldname not in self.schema.names():
            return False
        field_format = self.schema[fieldname].format
        return field_format is None or not field_format.supports("positions")

    def _analyze_uncached(self, fieldname: str, text: str) -> tuple[str, ...]:
        field = self.schema[fieldname]
        if self.is_exact(fieldname):
            return (EXACT_VALUES.get(fieldname, lambda v: fold(v).strip())(text),)
        analyzer = getattr(field, "analyzer", None)
        if analyzer is None:
            return (text,)
        return tuple(t.text for t in analyzer(text))

    def is_stop_word(self, word: str) -> bool:
        """True for function words (what, which, the) and words the text fields do not index."""
        if fold(word) in QUERY_STOP_WORDS and not self.keep_stop_words:
            return True
        return not self._analyze("body", word) if "body" in self.schema.names() else False

    keep_stop_words = False

    def compile(self, node):
        """The Whoosh query for a tree; NullQuery when nothing searchable is left.

        The words that rank (not the excluded ones) are left in `self.groups` for BM25F.
        A query made only of function words ("the who") keeps them.
        """
        from .query import query_words

        words = [w for w in query_words(node) if w.field is None]
        self.keep_stop_words = bool(words) and all(fold(w.text) in QUERY_STOP_WORDS for w in words)
        self.groups: list[ScoreGroup] = []
        self._negated = False
        result = self._node(node)
        return result if result is not None else wq.NullQuery

    def _node_negated(self, node):
        saved = self._negated
        self._negated = True
        try:
            return self._node(node)
        finally:
            self._negated = saved

    def _node(self, node):
        if isinstance(node, Word):
            return self._word(node)
        if isinstance(node, Phrase):
            return self._phrase(node)
        if isinstance(node, All):
            parts = [p for p in (self._node(x) for x in node.parts) if p is not None]
            return None if not parts else parts[0] if len(parts) == 1 else wq.And(parts)
        if isinstance(node, Any):
            parts = [p for p in (self._node(x) for x in node.parts) if p is not None]
            return None if not parts else parts[0] if len(parts) == 1 else wq.Or(parts)
        if isinstance(node, Excluding):
            positive = self._node(node.include)
            negatives = [p for p in (self._node_negated(x) for x in node.exclude) if p is not None]
            if positive is None:
                return None
            if not negatives:
                return positive
            return wq.AndNot(positive, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        if isinstance(node, Not):
            inner = self._node_negated(node.part)
            return wq.Not(inner) if inner is not None else None
        raise TypeError(f"unknown query node {node!r}")

    def _fields(self, fieldname: str | None) -> tuple[str, ...]:
        return self.default_fields if fieldname is None else (fieldname,)

    def _word_in_fields(self, word: str, fieldname: str | None, scale: float = 1.0):
        """Or over fields for one surface word; None when every field drops it (stop word)."""
        if fieldname is None and self.is_stop_word(word):
            return None
        clauses = []
        members = []
        for name in self._fields(fieldname):
            tokens = self._analyze(name, word)
            if not tokens:
                continue
            boost = (self.weights.get(name, 1.0) if fieldname is None else 1.0) * scale
            if not self.is_exact(name):
                members.extend((name, t, boost / scale) for t in tokens)
            if len(tokens) == 1:
                clauses.append(wq.Term(name, tokens[0], boost=boost))
            else:
                clauses.append(wq.And([wq.Term(name, t, boost=boost) for t in tokens]))
        if not clauses:
            return None
        if members and not self._negated:
            self.groups.append(ScoreGroup(members, scale))
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def _word(self, node: Word):
        base = self._word_in_fields(node.text, node.field)
        alternatives = (
            self.expansions.get(fold(node.text)) if not self.is_exact(node.field) else None
        )
        if not alternatives:
            return base
        clauses = [base] if base is not None else []
        seen = {fold(node.text)}
        for alt, weight in alternatives:
            if alt in seen:
                continue
            seen.add(alt)
            clause = self._word_in_fields(alt, node.field, weight)
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def _phrase(self, node: Phrase):
        if self.is_exact(node.field):
            # "pt-br" or "de en" typed for an exact field is one value, as the user wrote it.
            return self._word(Word(node.text or " ".join(node.words), node.field))
        if not self._negated:
            for word in node.words:
                self._word_in_fields(word, node.field)
        clauses = []
        for name in self._fields(node.field):
            tokens = [t for w in node.words for t in self._analyze(name, w)]
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
