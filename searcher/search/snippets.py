"""Snippets: the passage of a body where the query words cluster, with their spans marked."""

from __future__ import annotations

import re
from functools import lru_cache

from ..textfold import fold_word
from .results import Snippet

SNIPPET_CHARS = 240


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold_word(ch)
    return folded[0] if len(folded) >= 1 else ch


def fold_same_length(text: str) -> str:
    """Text folded to lower-case ASCII-ish one character for one, so offsets still fit the original."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


class Highlighter:
    """Finds the query's words (as typed, stemmed, or fuzzy-expanded) in text, accent- and case-blind."""

    def __init__(self, forms: set[str], stems: set[str] | None = None, stem=None):
        forms = {f for f in forms if f}
        self.forms = forms
        self.stems = {s for s in (stems or ()) if s}
        self.stem = stem
        # A stem may end differently from its words ("ferri" for "ferry"): match on all but its last letter.
        prefixes = forms | {st[:-1] if len(st) > 3 else st for st in self.stems}
        if not prefixes:
            self.pattern = None
            return
        # Any word starting with a form or a stem is a candidate; _accept keeps the real matches.
        parts = [re.escape(p) for p in sorted(prefixes, key=len, reverse=True)]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")\w*")

    def _accept(self, word: str) -> bool:
        if word in self.forms:
            return True
        if self.stem is not None and self.stems:
            return self.stem(word) in self.stems
        return False

    def _matches(self, folded: str):
        if self.pattern is None:
            return []
        return [m for m in self.pattern.finditer(folded) if self._accept(m.group(0))]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every match in text."""
        if self.pattern is None or not text:
            return []
        return [m.span() for m in self._matches(fold_same_length(text))]

    def snippet(self, text: str, size: int = SNIPPET_CHARS) -> Snippet:
        """The window of about `size` characters holding the most distinct matched words."""
        if not text:
            return Snippet("", [])
        folded = fold_same_length(text)
        matches = self._matches(folded)
        if not matches:
            return _trim(text, 0, size, [])
        best_start, best_score = matches[0].start(), -1
        for i, m in enumerate(matches):
            seen = set()
            for other in matches[i:]:
                if other.end() - m.start() > size * 0.8:
                    break
                seen.add(other.group(0))
            score = len(seen) * 10 + 0  # distinct words count most
            if score > best_score:
                best_start, best_score = m.start(), score
        start = max(0, best_start - size // 5)
        if len(text) <= size or best_start + size // 2 < size:
            # The whole text fits, or the best passage is near the start: begin at the start.
            start = 0
        spans = [m.span() for m in matches]
        return _trim(text, start, size, spans)


def _trim(text: str, start: int, size: int, spans: list[tuple[int, int]]) -> Snippet:
    """Cut text to [start, start+size] at word boundaries, add ellipses, shift the spans."""
    if start > 0:
        # Begin at a sentence start if one is close, else at a word start.
        sentence = max(text.rfind(". ", max(0, start - 40), start), text.rfind("\n", max(0, start - 40), start))
        if sentence >= 0:
            start = sentence + 1
        else:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        while start < len(text) and text[start].isspace():
            start += 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + size // 2:
            end = space
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # Paragraph breaks read better as spaces in a one-paragraph snippet.
    flat = re.sub(r"\s", " ", piece)
    shift = len(prefix) - start
    highlights = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return Snippet(prefix + flat + suffix, highlights)
