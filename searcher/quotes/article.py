"""One article being attributed: its quotes, the masked text (quoted words blanked), names, people and sentences."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from searcher.quotes.coref import Antecedent
from searcher.quotes.marks import QuoteSpan
from searcher.quotes.names.mentions import find_mentions
from searcher.quotes.names.table import NameTable, Person

_FILL = "\x00"

# A run of line breaks is one boundary: blank lines between paragraphs make no empty sentences.
_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=[.!?])[.!?]*(?=[\s\"\x00]+[A-Z\"“\x00]|$))")

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|Rev|Ft|Mt|No|vs|U\.S|U\.N|U\.K|D\.C|"
    r"Inc|Corp|Co|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z])$"
)

# The last letters of those abbreviations: a period after any other letter ends a sentence without a search.
_ABBREV_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZrsnpvtlmfocbg")


@dataclass
class QuoteSlot:
    """A quote being attributed: its span, the offsets of its marks, and the speaker found so far."""

    span: QuoteSpan
    open_start: int
    close_end: int
    speaker: Person | None = None
    name: str | None = None
    how: str = ""
    drop: bool = False


class ArticleText:
    """One article being attributed: masked text, names, sentences, and the antecedent list."""

    def __init__(self, text: str, spans: list[QuoteSpan], lang: str | None = None) -> None:
        self.text = text
        self.lang = lang
        self.quotes = [QuoteSlot(s, *_mark_bounds(text, s)) for s in spans]
        self.masked = _mask(text, self.quotes)
        self.mentions: list[Antecedent] = find_mentions(self.masked, lang=lang, make=Antecedent)
        self.mention_starts = [m.start for m in self.mentions]
        self.table = NameTable()
        # Every mention is an antecedent for pronouns (a list of its own, as coref's functions take one).
        self.antecedents: list[Antecedent] = self.mentions
        self.person_of: list[Person] = self._people()
        self.sentence_starts = self._sentence_starts()

    # -- helpers over the masked text --

    def _people(self) -> list[Person]:
        """The person each mention refers to, adding every name to the article's table.

        In the same pass, each person's mentions are queued so role words ("Marten, Harbor Board spokesman,")
        are read on demand (coref.roles_of), and each mention becomes an antecedent for pronouns.
        """
        add = self.table.add
        masked = self.masked
        seen: dict[str | tuple[str, tuple[str, ...]], Person] = {}
        out = []
        for m in self.mentions:
            key = (m.name, m.titles) if m.titles else m.name
            p = seen.get(key)
            if p is None:
                p = add(m)
                seen[key] = p
            else:
                p.mentions += 1
                p.last_pos = m.start
                if " " in m.name:
                    p.full_mentions += 1
            out.append(p)
            if not p.is_org:
                if not p.pending:
                    p.source = masked
                p.pending.append(m)  # (read for its start and end by coref.roles_of)
            m.person, m.text = p, masked
        return out

    def _sentence_starts(self) -> list[int]:
        """Start offsets of every sentence of the article (paragraph starts included); fills sentence_ends."""
        masked = self.masked
        out = [0]
        ends: list[int] = []
        add_end, add_start, abbrev, last = ends.append, out.append, _ABBREV.search, _ABBREV_LAST
        for m in _SENT_END.finditer(masked):
            i, j = m.span()
            c = masked[i]
            if c == "\n":
                add_end(i)
            elif (
                c == "."
                and i > 0
                and masked[i - 1] in last
                and (
                    # (Every abbreviation but "vs" has a capital in its last four characters: "economy." has none.)
                    not masked[i - 4 if i > 4 else 0 : i].islower() or masked[i - 2 : i] == "vs"
                )
                and abbrev(masked, i - 6 if i > 6 else 0, i)
            ):
                continue  # "Mr." / "U.S." / "J.": an abbreviation, not a sentence end
            else:
                add_end(i + 1)
            add_start(j)
        ends.append(len(masked))
        self.sentence_ends = ends
        return out

    def sentence_bounds(self, pos: int, para_start: int, para_end: int) -> tuple[int, int]:
        """Start and end of the sentence around `pos` within its paragraph."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = max(self.sentence_starts[k], para_start)
        end = min(self.sentence_ends[k], para_end)
        if end < pos:
            end = (
                min(self.sentence_ends[k + 1], para_end)
                if k + 1 < len(self.sentence_ends)
                else para_end
            )
        return start, end

    def mentions_in(self, a: int, b: int) -> list[int]:
        """Indexes of the mentions lying inside [a, b)."""
        i = bisect.bisect_left(self.mention_starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].end <= b:
            out.append(i)
            i += 1
        return out

    # -- the speakers found --

    def mark_speaker(self, p: Person | None, pos: int) -> None:
        """Remember that `p` spoke around `pos` (preferred antecedent for a later he/she)."""
        if p is None:
            return
        i = bisect.bisect_right(self.mention_starts, pos) - 1
        for j in range(i, max(-1, i - 8), -1):
            if self.person_of[j] is p:
                self.antecedents[j].subject = True
                return
        i += 1
        for j in range(i, min(len(self.mentions), i + 8)):
            if self.person_of[j] is p:
                self.antecedents[j].subject = True
                return


_PARENTHETICAL = re.compile(r"\([^()\x00\n]{1,24}\)")


def _mark_bounds(text: str, s: QuoteSpan) -> tuple[int, int]:
    """Offsets of the opening mark and just past the closing mark of a span."""
    if s.open_start >= 0:
        return s.open_start, s.close_end
    o = s.start - 1
    if o >= 1 and text[o - 1 : o + 1] in ("''", "``"):
        o -= 1
    c = s.end
    if c < len(text) and text[c] not in "\n":
        c += 2 if text[c : c + 2] in ("''",) else 1
    return max(o, 0), c


def _mask(text: str, quotes: list[QuoteSlot]) -> str:
    """The text with quoted words blanked out and marks made plain, so cues are found outside quotes."""
    parts = []
    pos = 0
    for q in quotes:
        parts.append(text[pos : q.open_start])
        parts.append('"' * (q.span.start - q.open_start))
        n = q.span.end - q.span.start
        if n > 1 and text[q.span.end - 1] == ".":
            parts.append(_FILL * (n - 1) + ".")
        else:
            parts.append(_FILL * n)
        parts.append('"' * (q.close_end - q.span.end))
        pos = q.close_end
    parts.append(text[pos:])
    # Short asides such as "(D-Calif.)" or "(HNS)" only get in the way of finding names and verbs.
    return _PARENTHETICAL.sub(lambda m: " " * len(m.group()), "".join(parts))
