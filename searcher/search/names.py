"""Forgiving name filters: `antonov` finds Anatoly Antonov, `erdogan` finds Recep Tayyip Erdoğan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..textfold import fold
from .fuzzy import edit_budget

_TOKEN = re.compile(r"\w+")


def name_tokens(name: str) -> tuple[str, ...]:
    """A name folded to lower-case ASCII-ish word tokens."""
    return tuple(_TOKEN.findall(fold(name)))


@dataclass
class NameIndex:
    """The distinct exact values of a name field, with their folded tokens."""

    values: list[str]
    tokens: list[tuple[str, ...]]

    @classmethod
    def build(cls, values) -> NameIndex:
        """Index a collection of exact values."""
        values = sorted(set(v for v in values if v))
        return cls(values, [name_tokens(v) for v in values])

    def resolve(self, query: str) -> list[str]:
        """Values the query names: exact (folded) first, else all-tokens match, else close spellings."""
        wanted = name_tokens(query)
        if not wanted:
            return []
        joined = "".join(wanted)
        exact = [
            v
            for v, t in zip(self.values, self.tokens, strict=False)
            if t == wanted or "".join(t) == joined
        ]
        if exact:
            return exact
        contained = [
            v for v, t in zip(self.values, self.tokens, strict=False) if _all_tokens_in(wanted, t)
        ]
        if contained:
            return contained
        if len(wanted) == 1 and len(joined) >= 2:
            # "cps" for Continental Press Service
            initials = [
                v
                for v, t in zip(self.values, self.tokens, strict=False)
                if len(t) == len(joined) and "".join(x[0] for x in t) == joined
            ]
            if initials:
                return initials
        return [
            v
            for v, t in zip(self.values, self.tokens, strict=False)
            if _all_tokens_close(wanted, t)
        ]


def _all_tokens_in(wanted: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """Every wanted token is a token of the name (or, when long enough, the start of one)."""
    if not tokens:
        return False
    joined = "".join(tokens)
    for w in wanted:
        if w in tokens:
            continue
        if len(w) >= 4 and any(t.startswith(w) for t in tokens):
            continue
        # "globalresearch" against "Global Research"
        if len(w) >= 6 and w in joined:
            continue
        return False
    return True


def _all_tokens_close(wanted: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """Every wanted token is within its edit budget of some token of the name."""
    if not tokens:
        return False
    for w in wanted:
        budget = edit_budget(w)
        if budget == 0:
            if w not in tokens:
                return False
            continue
        if not any(
            abs(len(t) - len(w)) <= budget and OSA.distance(w, t, score_cutoff=budget) <= budget
            for t in tokens
        ):
            return False
    return True
