"""The entry point: quoted spans, filtered to speech, each with its resolved speaker."""

from __future__ import annotations

import bisect
import gc
import re

from searcher.article import Quote
from searcher.quotes import attribution as attr
from searcher.quotes.cues import ArticleCues, QuoteSlot, last_verb_end
from searcher.quotes.filters import (
    RepeatedQuotes,
    is_not_speech,
    looks_like_a_scare_quote,
    looks_like_a_title,
)
from searcher.quotes.marks import find_spans, paragraphs

_LETTER = re.compile(r"[A-Za-z]")
# What a crowd calls out: 'chants of "…"', 'chanting "…"', 'a chorus of "…"'.
_CROWD_BEFORE = re.compile(r"\b(?:chants?|chanting|chorus|cries|shouts)\s+(?:of\s+)?[\"\x00]*$")
# A sentence opening with a participle of speech goes on with the speaker before ("Adding, '…'").
_OPENING_PARTICIPLE = re.compile(
    r"\W*(?:Adding|Saying|Continuing|Noting|Explaining|Concluding|Insisting|Writing)\b"
)


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


def _signed(
    art: ArticleCues,
    q: QuoteSlot,
    text: str,
    paras_list: list[tuple[int, int]],
    para_starts: list[int],
):
    """The source named on a dash line right under a paragraph that is nothing but the quote
    (the caller has checked that the quote closes within 3 characters of its paragraph's end).

    '"We will build the bridge."' then '— Odile Fenn.' on the next line: Fenn signs the quote.
    """
    sp = q.span
    if text[q.close_end : sp.para_end].strip(" \t.,") or _LETTER.search(
        text, sp.para_start, q.open_start
    ):
        return None
    k = bisect.bisect_right(para_starts, sp.para_start)
    if k >= len(paras_list):
        return None
    ps, pe = paras_list[k]
    if (
        text[ps : ps + 3].lstrip(" \t")[:1] not in ("-", "–", "—")
        or text[sp.para_end : ps].count("\n") > 2
    ):
        return None
    return art.cue_signature(ps, pe)


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
    art = ArticleCues(text, spans, (lang or "").split("-")[0].lower() or None)
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
    paras: dict[int, list[int]] = {}
    same_sentence: dict[tuple[int, int], list[int]] = {}
    for i, q in enumerate(quotes):
        paras.setdefault(q.span.para_start, []).append(i)
        same_sentence.setdefault(sentences[i], []).append(i)
    para_starts = [ps for ps, _ in paras_list]
    for i, q in enumerate(quotes):
        if q.drop:
            continue
        ss, se = sentences[i]
        # (Most quotes end inside their paragraph: tested here, before any call.)
        res = (
            _signed(art, q, text, paras_list, para_starts)
            if q.span.para_end - q.close_end <= 3
            else None
        )
        if res is None:
            res = (
                art.cue_passive(q, ss, se)
                or art.cue_after(q, se)
                or art.cue_according_after(q, se)
                or art.cue_before(q, ss)
            )
        if res is not None:
            q.speaker, q.name, q.how = res
            art.mark_speaker(q.speaker, q.open_start)
            if q.speaker is not None:
                q.speaker.spoke = True
            continue
        # Another quote of the same sentence with a named source ('"A" and "B," she said').
        group = same_sentence[(ss, se)]
        for j in sorted(group, key=lambda j: abs(j - i)) if len(group) > 1 else ():
            o = quotes[j]
            if j == i or o.drop or o.how in ("", "subject", "previous", "paragraph"):
                continue
            if j > i:
                got = art.cue_after(o, se) or art.cue_before(o, ss)
            else:
                got = (o.speaker, o.name, o.how) if o.how else None
            if got is not None:
                q.speaker, q.name, q.how = got[0], got[1], "sentence"
                break
        if q.how:
            continue
        before_text = art.masked[ss : q.open_start]
        starts_sentence = _LETTER.search(before_text) is None
        prev = next((quotes[j] for j in range(i - 1, -1, -1) if not quotes[j].drop), None)
        got = None
        if q.span.continued and prev is not None and prev.name:
            got = (prev.speaker, prev.name, "continued")
        elif (
            _OPENING_PARTICIPLE.match(before_text)
            and prev is not None
            and prev.name
            and q.open_start - prev.close_end < 400
        ):
            got = (prev.speaker, prev.name, "previous")  # '"…," Smith said. Adding, "…"'
        if got is not None:
            pass
        elif (
            starts_sentence
            and prev is not None
            and prev.span.para_start == q.span.para_start
            and last_verb_end(art.masked, prev.close_end, ss) is None
        ):
            got = (prev.speaker, prev.name, "previous")
        elif (
            starts_sentence
            and prev is not None
            and prev.span.para_start == q.span.para_start
            and prev.how in ("after", "inverted")
            and prev.name
        ):
            got = (prev.speaker, prev.name, "previous")  # '"A," Smith said, who .... "B."'
        elif starts_sentence and ss > q.span.para_start:
            # "..., consultant Tad Dorsey says. '...'": the source of the sentence before.
            got = art.cue_paragraph(
                prev.close_end
                if prev is not None and prev.span.para_start == q.span.para_start
                else q.span.para_start,
                ss,
            )
            if got is None and prev is not None and prev.span.para_start == q.span.para_start:
                got = (prev.speaker, prev.name, "previous")
        elif starts_sentence and ss == q.span.para_start:
            # A quote opening its paragraph: the source named at the end of the paragraph before.
            k = bisect.bisect_left(para_starts, q.span.para_start) - 1
            if k >= 0:
                ps = para_starts[k]
                pe = q.span.para_start
                last_in_prev = [j for j in paras.get(ps, []) if not quotes[j].drop]
                verb_end = last_verb_end(art.masked, ps, pe)
                if verb_end is not None and (
                    not last_in_prev or quotes[last_in_prev[-1]].close_end < verb_end
                ):
                    got = art.cue_paragraph(ps, pe)
                if (
                    got is None
                    and prev is not None
                    and last_in_prev
                    and prev is quotes[last_in_prev[-1]]
                ):
                    got = (prev.speaker, prev.name, "previous")
                if (
                    got is None
                    and prev is not None
                    and prev.name
                    and q.open_start - prev.close_end < 1200
                    and not art.mentions_in(prev.close_end, q.open_start)
                ):
                    # A quote paragraph after an aside that names nobody: the same speaker goes on.
                    got = (prev.speaker, prev.name, "previous")
        if got is None:
            acc = attr.according_to(art.masked, q.close_end, se)
            if acc is not None:
                p, name, found = art.resolve_chunk(acc.start, acc.start + len(acc.phrase), "after")
                if found:
                    got = (p, name, "according")
        if got is None:
            got = art.cue_later_verb(q, se)
        if (
            got is None
            and not starts_sentence
            and before_text.rstrip().endswith(":")
            and not attr.VERB.search(before_text)
        ):
            # "Fenn has adopted the stance: '...'" / "Former secretary Miriam Okafor: '...'"
            got = art.cue_subject(ss, q.open_start, orgs=True, first=True)
            if got is None and prev is not None and q.open_start - prev.close_end < 1500:
                got = (prev.speaker, prev.name, "previous")
        if got is None and not starts_sentence:
            got = art.cue_speech_noun(q, ss)  # "her remark that '…'"
        if (
            got is None
            and not starts_sentence
            and prev is not None
            and prev.name
            and prev.span.para_start == q.span.para_start
            and not art.mentions_in(ss, q.open_start)
        ):
            got = (prev.speaker, prev.name, "previous")  # "Rusk said, '...' For others, '...'"
        if got is None and not starts_sentence:
            got = art.cue_subject(ss, q.open_start, first=True)
            if got is None and ss > q.span.para_start:
                # "…, he said. Good data wins only when 'the facts are simpler'": the speaker goes on.
                got = art.cue_paragraph(q.span.para_start, ss)
        if got is not None:
            q.speaker, q.name, q.how = got
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
