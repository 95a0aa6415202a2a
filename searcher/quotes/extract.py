"""The entry point: quoted spans, filtered to speech, each with its resolved speaker."""

from __future__ import annotations

import gc
import re

from searcher.article import Quote
from searcher.quotes.article import ArticleText, QuoteSlot
from searcher.quotes.filters import (
    RepeatedQuotes,
    is_not_speech,
    looks_like_a_scare_quote,
    looks_like_a_title,
)
from searcher.quotes.marks import find_spans, paragraphs
from searcher.quotes.rules import RULES, Attribution, QuoteAt

# What a crowd calls out: 'chants of "…"', 'chanting "…"', 'a chorus of "…"'.
_CROWD_BEFORE = re.compile(r"\b(?:chants?|chanting|chorus|cries|shouts)\s+(?:of\s+)?[\"\x00]*$")


def _crowd_before(masked: str, pos: int) -> bool:
    """True when what a crowd calls out comes right before `pos` ('chants of', 'chanting')."""
    before = masked[max(0, pos - 30) : pos]
    return (
        "chant" in before or "chorus" in before or "cries" in before or "shouts" in before
    ) and _CROWD_BEFORE.search(masked, max(0, pos - 30), pos) is not None


def _alone_in_single_marks(text: str, q: QuoteSlot) -> bool:
    """True for a paragraph that is nothing but one quote in single marks ('…' or ‘…’)."""
    sp = q.span
    return (
        text[q.open_start] in "'‘"
        and not text.startswith("''", q.open_start)
        and not text[sp.para_start : q.open_start].strip()
        and text[q.close_end : sp.para_end].strip() in ("", ".")
    )


def _share_over_paragraphs(quotes: list[QuoteSlot]) -> None:
    """Give every segment of a quote running over several paragraphs the speaker named for any of them."""
    i = 0
    while i < len(quotes):
        j = i
        while j + 1 < len(quotes) and quotes[j].span.continues and quotes[j + 1].span.continued:
            j += 1
        if j > i:
            named = [
                q for q in quotes[i : j + 1] if q.name and q.how not in ("continued", "previous")
            ]
            if named:
                for q in quotes[i : j + 1]:
                    if not q.name or q.how in ("continued", "previous"):
                        q.speaker, q.name, q.how = named[0].speaker, named[0].name, "continued"
        i = j + 1


def extract_quotes(text: str, lang: str | None = None) -> list[Quote]:
    """Every direct quotation in `text` (an article body), in order, with its speaker or None."""
    return [q for q, _ in explain_quotes(text, lang)]


def explain_quotes(text: str, lang: str | None = None) -> list[tuple[Quote, str]]:
    """The quotes with how each speaker was found ("after", "before", "according", "previous"...)."""
    # One article makes thousands of small objects (mentions, people, cues) that live until it is
    # done: the cycle collector would scan them again and again meanwhile (a tenth of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _explain_quotes(text, lang)
    finally:
        if enabled:
            gc.enable()


def _explain_quotes(text: str, lang: str | None) -> list[tuple[Quote, str]]:
    paras_list = paragraphs(text)
    spans = find_spans(text, paras_list)
    if not spans:
        return []
    art = ArticleText(text, spans, (lang or "").split("-")[0].lower() or None)
    quotes = art.quotes
    sentences = []
    for q in quotes:
        sp = q.span
        ss, se = art.sentence_bounds(q.open_start, sp.para_start, sp.para_end)
        if q.close_end < sp.para_end:
            se = max(se, art.sentence_bounds(q.close_end, sp.para_start, sp.para_end)[1])
        sentences.append((ss, se))
        if is_not_speech(art.masked, text, q.open_start, q.close_end, sp.start, sp.end, ss):
            q.drop = True
    state = Attribution(art, paras_list, sentences)
    for i, q in enumerate(quotes):
        if q.drop:
            continue
        at = QuoteAt(state, i)
        for rule in RULES:
            got = rule.find(at)
            if got is None:
                continue
            q.speaker, q.name, q.how = got
            if rule.names_speaker:
                art.mark_speaker(q.speaker, q.open_start)
                if q.speaker is not None:
                    q.speaker.spoke = True
            break
    doubles = any(
        text[q.open_start] not in "'‘" or text.startswith("''", q.open_start) for q in quotes
    )
    for q in quotes:
        if doubles and _alone_in_single_marks(text, q):
            q.drop = True  # "'A good place to work.'" on a line of its own, in double-quoting prose: a subheading
            continue
        if (
            q.how in ("", "before", "subject", "previous")
            and not q.drop
            and _crowd_before(art.masked, q.open_start)
        ):
            q.speaker, q.name, q.how = (
                None,
                None,
                "crowd",
            )  # 'chanting "No deal, no vote"': a crowd, no one speaker
    _share_over_paragraphs(quotes)
    for q in quotes:
        if q.how in ("", "subject"):
            # Short title-case spans that nobody is said to have said: titles, names, slogans; and a word or
            # two nobody is said to have said at all.
            s = text[q.span.start : q.span.end]
            if looks_like_a_title(s) or (q.how == "" and looks_like_a_scare_quote(s)):
                q.drop = True
        elif q.how in ("previous", "paragraph", "sentence") and not q.span.continued:
            # A title (''The Long Night'' was nominated) or a word or two ("Full stop") that is no sentence of its
            # own, whose speaker is only borrowed from a quote nearby: a name or a term held at a distance.
            s = text[q.span.start : q.span.end]
            if not s.rstrip().endswith((".", "!", "?")) and (
                looks_like_a_title(s.rstrip(",")) or looks_like_a_scare_quote(s)
            ):
                q.drop = True
    out: list[tuple[Quote, str]] = []
    repeated = RepeatedQuotes()
    for q in art.quotes:
        if q.drop:
            continue
        if repeated.repeats(text[q.span.start : q.span.end]):
            continue  # a pull-quote repeating a quote from the body
        start, end = q.span.start, q.span.end
        while start < end and text[start].isspace():
            start += 1  # French « … » puts spaces inside the marks
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((Quote(text[start:end], q.name, start, end), q.how))
    return out
