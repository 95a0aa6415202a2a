"""Snippets: the passage of a body where the query words cluster, with their spans marked."""

from __future__ import annotations

import re

from ..textfold import fold_word
from .results import Snippet

SNIPPET_CHARS = 240


_ASCII_LOWER = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_FOLD_TABLE: dict[int, str] = dict(_ASCII_LOWER)


def _fold_char(ch: str) -> str:
    folded = fold_word(ch)
    return folded[0] if folded else ch


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match) -> str:
    ch = match.group(0)
    folded = _FOLD_TABLE.get(ord(ch))
    if folded is None:
        folded = _FOLD_TABLE[ord(ch)] = _fold_char(ch)
    return folded


def fold_same_length(text: str) -> str:
    """Text folded to lower-case ASCII-ish one character for one, so offsets still fit the original."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):
        # A letter whose lower case is longer (İ): fold character by character.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    # Only the few non-ASCII letters need folding.
    return _NON_ASCII.sub(_fold_match, lowered)


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

    def snippet_and_spans(
        self, text: str, size: int = SNIPPET_CHARS
    ) -> tuple[Snippet, list[tuple[int, int]]]:
        """The snippet of text and the spans of every match in the whole text, from one scan."""
        if not text or self.pattern is None:
            return self.snippet(text, size), []
        matches = self._matches(fold_same_length(text))
        return self.snippet(text, size, matches), [m.span() for m in matches]

    def snippet(self, text: str, size: int = SNIPPET_CHARS, matches=None) -> Snippet:
        """The window of about `size` characters holding the most distinct matched words."""
        if not text:
            return Snippet("", [])
        if matches is None:
            matches = self._matches(fold_same_length(text))
        if not matches:
            return _trim(text, 0, size, [])
        # Slide a window over the matches (two pointers): the most distinct words wins.
        best_start, best_score = matches[0].start(), -1
        counts: dict[str, int] = {}
        j = 0
        for m in matches:
            while j < len(matches) and matches[j].end() - m.start() <= size * 0.8:
                word = matches[j].group(0)
                counts[word] = counts.get(word, 0) + 1
                j += 1
            if len(counts) > best_score:
                best_start, best_score = m.start(), len(counts)
            word = m.group(0)
            if word in counts:
                counts[word] -= 1
                if not counts[word]:
                    del counts[word]
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
        sentence = max(
            text.rfind(". ", max(0, start - 40), start), text.rfind("\n", max(0, start - 40), start)
        )
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
