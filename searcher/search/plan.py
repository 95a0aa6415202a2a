"""The query plan: a query parsed and analysed once; matching, ranking, snippets and spelling read it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import fields as table
from ..textfold import fold
from .analyzers import FieldAnalyzers
from .compiler import Expansions, compile_tree
from .query import Node, Word, parse_query, query_words
from .ranking import ScoreGroup
from .snippets import Highlighter
from .stopwords import QUERY_STOP_WORDS

# Bare words look in these fields (title, body, quote, then the name fields).
DEFAULT_FIELDS: tuple[str, ...] = tuple(table.WEIGHTS)
# Words of these fields (or of no field) are highlighted and spell-checked.
WORD_FIELDS: tuple[str | None, ...] = (None, *table.TEXT_FIELDS)


@dataclass(frozen=True)
class QueryPlan:
    """What a query asks of the index, worked out once from its text."""

    text: str
    # The parsed query; None: no words, every document matches.
    tree: Node | None
    # The Whoosh query that finds the matches (None with no tree).
    query: Any
    # The words that rank, for BM25F.
    groups: tuple[ScoreGroup, ...]
    # Where bare words look.
    fields: tuple[str, ...]
    # Fuzzy alternatives of words the index lacks: folded word -> [(alternative, weight)].
    expansions: Expansions
    # The words to highlight as typed (folded) and as the index stems them.
    highlight_forms: frozenset[str]
    highlight_stems: frozenset[str]
    # The words "did you mean" may correct, in query order.
    spelling: tuple[str, ...]
    # True when bare words find nothing to look for: only function words, or no field to look in.
    stop_words_only: bool
    analyzers: FieldAnalyzers = field(compare=False, repr=False)
    weights: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    @property
    def matches_all(self) -> bool:
        """True for a plan without words: it matches every document."""
        return self.tree is None

    def highlighter(self) -> Highlighter:
        """Finds the plan's words in text (as typed, stemmed or fuzzy-expanded)."""
        return highlighter_of(self.analyzers, self.highlight_forms, self.highlight_stems)

    def respelled(self, text: str) -> QueryPlan:
        """The plan of another spelling of the query: all its words required, none expanded."""
        return plan_tree(text, parse_query(text), self.analyzers, self.weights, self.fields)


def highlighter_of(
    analyzers: FieldAnalyzers, forms: Iterable[str], stems: Iterable[str]
) -> Highlighter:
    """Finds words in text as typed (folded `forms`) or by their `stems`."""

    def stem(word: str) -> str:
        found = analyzers.stems(word)
        return found[0] if found else ""

    return Highlighter(set(forms), set(stems), stem)


def plan_query(
    text: str | None,
    analyzers: FieldAnalyzers,
    weights: Mapping[str, float],
    *,
    any: bool = False,
    fields: tuple[str, ...] | None = None,
    expand: Callable[[list[str]], Expansions] | None = None,
    blank_matches_all: bool = True,
) -> QueryPlan:
    """The plan of a query: parse, fuzzy expansions (`expand`, given the words to expand), compile.

    A blank text matches every document when `blank_matches_all`, else it is a QueryError.
    `fields`: where bare words look (default: the text and name fields).
    """
    blank = text is None or not str(text).strip()
    tree = None if blank and blank_matches_all else parse_query(text, any=any)
    wanted = fields or DEFAULT_FIELDS
    bare = tuple(f for f in wanted if f in analyzers.names and weights.get(f, 1.0) > 0)
    return plan_tree(text or "", tree, analyzers, weights, bare, expand)


def plan_tree(
    text: str,
    tree: Node | None,
    analyzers: FieldAnalyzers,
    weights: Mapping[str, float],
    fields: tuple[str, ...],
    expand: Callable[[list[str]], Expansions] | None = None,
) -> QueryPlan:
    """The plan of a parsed query whose bare words look in `fields`."""
    if tree is None:
        return QueryPlan(
            text,
            None,
            None,
            (),
            fields,
            {},
            frozenset(),
            frozenset(),
            (),
            False,
            analyzers,
            weights,
        )
    words = query_words(tree)
    fieldless = [w for w in words if w.field is None]
    stop_words_only = not fields or (
        bool(words) and all(w.field is None and analyzers.is_stop_word(w.text) for w in words)
    )
    # A query made only of function words ("the who") keeps them.
    keep = bool(fieldless) and all(fold(w.text) in QUERY_STOP_WORDS for w in fieldless)
    expansions = expand(_checked_words(words, analyzers, False)) if expand is not None else {}
    compiled = compile_tree(tree, analyzers, weights, fields, expansions, keep)
    forms: set[str] = set()
    stems: set[str] = set()
    for word in words:
        if word.field not in WORD_FIELDS or analyzers.is_stop_word(word.text, keep):
            continue
        folded = fold(word.text)
        forms.add(folded)
        stems.update(analyzers.stems(word.text))
        for alt, _weight in expansions.get(folded, ()):
            forms.add(alt)
            stems.update(analyzers.stems(alt))
    return QueryPlan(
        text=text,
        tree=tree,
        query=compiled.query,
        groups=compiled.groups,
        fields=fields,
        expansions=expansions,
        highlight_forms=frozenset(forms),
        highlight_stems=frozenset(stems),
        spelling=tuple(_checked_words(words, analyzers, keep)),
        stop_words_only=stop_words_only,
        analyzers=analyzers,
        weights=weights,
    )


def _checked_words(words: list[Word], analyzers: FieldAnalyzers, keep: bool) -> list[str]:
    """The folded words of the text fields that a spelling check or a fuzzy search may change."""
    return [
        fold(w.text)
        for w in words
        if w.field in WORD_FIELDS and not analyzers.is_stop_word(w.text, keep)
    ]
