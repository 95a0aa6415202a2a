"""The attribution rules in the order they are tried: RULES, the one list `extract` runs for every quote.

Each rule reads one quote in its article and returns (speaker, name, how) or None; the first
rule that returns something names the quote's source. The first few find a source named around
the quote itself; the later ones borrow it from a quote nearby or from the sentence or paragraph
around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from searcher.quotes import attribution as attr
from searcher.quotes.article import ArticleText, QuoteSlot
from searcher.quotes.cues import (
    cue_according_after,
    cue_after,
    cue_before,
    cue_later_verb,
    cue_paragraph,
    cue_passive,
    cue_signature,
    cue_speech_noun,
    last_verb_end,
)
from searcher.quotes.names.table import Person
from searcher.quotes.phrases import resolve_chunk
from searcher.quotes.subjects import cue_subject

# A source found for a quote: the person (None when nobody named), the name, and how it was found.
Found = tuple[Person | None, str | None, str]

_LETTER = re.compile(r"[A-Za-z]")
# A sentence opening with a participle of speech goes on with the speaker before ("Adding, '…'").
_OPENING_PARTICIPLE = re.compile(
    r"\W*(?:Adding|Saying|Continuing|Noting|Explaining|Concluding|Insisting|Writing)\b"
)


class Attribution:
    """One article's quotes being attributed, with the sentence and paragraph indexes the rules read."""

    def __init__(
        self,
        art: ArticleText,
        paras_list: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
    ) -> None:
        self.art = art
        self.text = art.text
        self.quotes = art.quotes
        self.paras_list = paras_list
        self.para_starts = [ps for ps, _ in paras_list]
        # The sentence (start, end) around each quote, by quote index.
        self.sentences = sentences
        self.paras: dict[int, list[int]] = {}
        self.same_sentence: dict[tuple[int, int], list[int]] = {}
        for i, q in enumerate(self.quotes):
            self.paras.setdefault(q.span.para_start, []).append(i)
            self.same_sentence.setdefault(sentences[i], []).append(i)


class QuoteAt:
    """The quote `i` of an attribution, with what the later rules read about it (computed on first need)."""

    def __init__(self, state: Attribution, i: int) -> None:
        self.state = state
        self.art = state.art
        self.i = i
        self.q = state.quotes[i]
        self.ss, self.se = state.sentences[i]

    @cached_property
    def before_text(self) -> str:
        """The masked text of the quote's sentence before its opening mark."""
        return self.art.masked[self.ss : self.q.open_start]

    @cached_property
    def starts_sentence(self) -> bool:
        """True when no word of the sentence comes before the quote."""
        return _LETTER.search(self.before_text) is None

    @cached_property
    def prev(self) -> QuoteSlot | None:
        """The nearest quote before this one that was not dropped."""
        quotes = self.state.quotes
        return next((quotes[j] for j in range(self.i - 1, -1, -1) if not quotes[j].drop), None)

    def same_paragraph(self, other: QuoteSlot | None) -> bool:
        """True when `other` is a quote of this quote's paragraph."""
        return other is not None and other.span.para_start == self.q.span.para_start


def _previous(prev: QuoteSlot) -> Found:
    """The speaker of the quote before, borrowed."""
    return prev.speaker, prev.name, "previous"


# -- a source named around the quote itself --


def signature(at: QuoteAt) -> Found | None:
    """The source named on a dash line right under a paragraph that is nothing but the quote.

    '"We will build the bridge."' then '— Odile Fenn.' on the next line: Fenn signs the quote.
    """
    q = at.q
    sp = q.span
    # (Most quotes end inside their paragraph: tested here, before any other work.)
    if sp.para_end - q.close_end > 3:
        return None
    text, state = at.state.text, at.state
    if text[q.close_end : sp.para_end].strip(" \t.,") or _LETTER.search(
        text, sp.para_start, q.open_start
    ):
        return None
    k = bisect.bisect_right(state.para_starts, sp.para_start)
    if k >= len(state.paras_list):
        return None
    ps, pe = state.paras_list[k]
    if (
        text[ps : ps + 3].lstrip(" \t")[:1] not in ("-", "–", "—")
        or text[sp.para_end : ps].count("\n") > 2
    ):
        return None
    return cue_signature(at.art, ps, pe)


def passive(at: QuoteAt) -> Found | None:
    """'…has been called "a managed retreat" by Wren Daley'."""
    return cue_passive(at.art, at.q, at.ss, at.se)


def after(at: QuoteAt) -> Found | None:
    """'," Smith said', '," said Smith'."""
    return cue_after(at.art, at.q, at.se)


def according_after(at: QuoteAt) -> Found | None:
    """'"…," according to a Harbor Ministry readout'."""
    return cue_according_after(at.art, at.q, at.se)


def before(at: QuoteAt) -> Found | None:
    """'Smith said: "', 'according to Smith, "'."""
    return cue_before(at.art, at.q, at.ss)


# -- a source borrowed from nearby --


def same_sentence(at: QuoteAt) -> Found | None:
    """The named source of another quote of the same sentence ('"A" and "B," she said')."""
    state, i, art = at.state, at.i, at.art
    group = state.same_sentence[(at.ss, at.se)]
    for j in sorted(group, key=lambda j: abs(j - i)) if len(group) > 1 else ():
        o = state.quotes[j]
        if j == i or o.drop or o.how in ("", "subject", "previous", "paragraph"):
            continue
        if j > i:
            got = cue_after(art, o, at.se) or cue_before(art, o, at.ss)
        else:
            got = (o.speaker, o.name, o.how) if o.how else None
        if got is not None:
            return got[0], got[1], "sentence"
    return None


def continued(at: QuoteAt) -> Found | None:
    """A quote continuing the one before (its opening mark only) goes on with its speaker."""
    prev = at.prev
    if at.q.span.continued and prev is not None and prev.name:
        return prev.speaker, prev.name, "continued"
    return None


def opening_participle(at: QuoteAt) -> Found | None:
    """'"…," Smith said. Adding, "…"': the speaker before goes on."""
    prev = at.prev
    if (
        _OPENING_PARTICIPLE.match(at.before_text)
        and prev is not None
        and prev.name
        and at.q.open_start - prev.close_end < 400
    ):
        return _previous(prev)
    return None


def no_verb_since(at: QuoteAt) -> Found | None:
    """A sentence opening with a quote, with no speech verb since the paragraph's quote before."""
    prev = at.prev
    if (
        at.starts_sentence
        and prev is not None
        and at.same_paragraph(prev)
        and last_verb_end(at.art.masked, prev.close_end, at.ss) is None
    ):
        return _previous(prev)
    return None


def after_attributed_after(at: QuoteAt) -> Found | None:
    """'"A," Smith said, who .... "B."': the speaker named after the paragraph's quote before goes on."""
    prev = at.prev
    if (
        at.starts_sentence
        and prev is not None
        and at.same_paragraph(prev)
        and prev.how in ("after", "inverted")
        and prev.name
    ):
        return _previous(prev)
    return None


def sentence_before(at: QuoteAt) -> Found | None:
    """ "..., consultant Tad Dorsey says. '...'": the source of the sentence before, in the paragraph."""
    q, prev = at.q, at.prev
    if not (at.starts_sentence and at.ss > q.span.para_start):
        return None
    got = cue_paragraph(
        at.art,
        prev.close_end if prev is not None and at.same_paragraph(prev) else q.span.para_start,
        at.ss,
    )
    if got is None and prev is not None and at.same_paragraph(prev):
        got = _previous(prev)
    return got


def paragraph_before(at: QuoteAt) -> Found | None:
    """A quote opening its paragraph: the source named at the end of the paragraph before."""
    q, prev, state, art = at.q, at.prev, at.state, at.art
    if not (at.starts_sentence and at.ss == q.span.para_start):
        return None
    k = bisect.bisect_left(state.para_starts, q.span.para_start) - 1
    if k < 0:
        return None
    ps = state.para_starts[k]
    pe = q.span.para_start
    last_in_prev = [j for j in state.paras.get(ps, []) if not state.quotes[j].drop]
    got = None
    verb_end = last_verb_end(art.masked, ps, pe)
    if verb_end is not None and (
        not last_in_prev or state.quotes[last_in_prev[-1]].close_end < verb_end
    ):
        got = cue_paragraph(art, ps, pe)
    if got is None and prev is not None and last_in_prev and prev is state.quotes[last_in_prev[-1]]:
        got = _previous(prev)
    if (
        got is None
        and prev is not None
        and prev.name
        and q.open_start - prev.close_end < 1200
        and not art.mentions_in(prev.close_end, q.open_start)
    ):
        # A quote paragraph after an aside that names nobody: the same speaker goes on.
        got = _previous(prev)
    return got


def according_later(at: QuoteAt) -> Found | None:
    """An according-to phrase later in the sentence."""
    acc = attr.according_to(at.art.masked, at.q.close_end, at.se)
    if acc is None:
        return None
    p, name, found = resolve_chunk(at.art, acc.start, acc.start + len(acc.phrase), "after")
    return (p, name, "according") if found else None


def later_verb(at: QuoteAt) -> Found | None:
    """'"..." that..., Smith wrote': the source of the first speech verb later in the sentence."""
    return cue_later_verb(at.art, at.q, at.se)


def colon(at: QuoteAt) -> Found | None:
    """ "Fenn has adopted the stance: '...'" / "Former secretary Miriam Okafor: '...'"."""
    prev = at.prev
    if (
        at.starts_sentence
        or not at.before_text.rstrip().endswith(":")
        or attr.VERB.search(at.before_text)
    ):
        return None
    got = cue_subject(at.art, at.ss, at.q.open_start, orgs=True, first=True)
    if got is None and prev is not None and at.q.open_start - prev.close_end < 1500:
        got = _previous(prev)
    return got


def speech_noun(at: QuoteAt) -> Found | None:
    """ "her remark that '…'": the owner of a speech noun before the quote."""
    return None if at.starts_sentence else cue_speech_noun(at.art, at.q, at.ss)


def unnamed_in_paragraph(at: QuoteAt) -> Found | None:
    """ "Rusk said, '...' For others, '...'": nobody named since the paragraph's quote before."""
    prev = at.prev
    if (
        not at.starts_sentence
        and prev is not None
        and prev.name
        and at.same_paragraph(prev)
        and not at.art.mentions_in(at.ss, at.q.open_start)
    ):
        return _previous(prev)
    return None


def subject(at: QuoteAt) -> Found | None:
    """The subject of the quote's sentence, else the source of the sentence before in the paragraph."""
    if at.starts_sentence:
        return None
    got = cue_subject(at.art, at.ss, at.q.open_start, first=True)
    if got is None and at.ss > at.q.span.para_start:
        # "…, he said. Good data wins only when 'the facts are simpler'": the speaker goes on.
        got = cue_paragraph(at.art, at.q.span.para_start, at.ss)
    return got


class Rule(NamedTuple):
    """One attribution rule: its name, the function that tries it, and what a source it finds means."""

    name: str
    find: Callable[[QuoteAt], Found | None]
    # A source named around the quote itself spoke there: the preferred antecedent of a later he/she.
    names_speaker: bool = False


# The order is the rules' priority: the first that finds a source wins.
RULES: tuple[Rule, ...] = (
    Rule("signature", signature, names_speaker=True),
    Rule("passive", passive, names_speaker=True),
    Rule("after", after, names_speaker=True),
    Rule("according after", according_after, names_speaker=True),
    Rule("before", before, names_speaker=True),
    Rule("same sentence", same_sentence),
    Rule("continued", continued),
    Rule("opening participle", opening_participle),
    Rule("no verb since", no_verb_since),
    Rule("after attributed after", after_attributed_after),
    Rule("sentence before", sentence_before),
    Rule("paragraph before", paragraph_before),
    Rule("according later", according_later),
    Rule("later verb", later_verb),
    Rule("colon", colon),
    Rule("speech noun", speech_noun),
    Rule("unnamed in paragraph", unnamed_in_paragraph),
    Rule("subject", subject),
)
