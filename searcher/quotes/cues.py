"""The cue rules: each reads one attribution pattern around a quote ('," Smith said', 'according to') and names its source."""

from __future__ import annotations

import bisect

from searcher.quotes import attribution as attr
from searcher.quotes.article import ArticleText, QuoteSlot
from searcher.quotes.coref import resolve_pronoun
from searcher.quotes.names.table import Person
from searcher.quotes.patterns import (
    ADVERBIAL,
    AND_BEFORE_VERB,
    AUX_BEFORE,
    BY_AGENT,
    FRENCH_INVERSION,
    INVERTED,
    NEW_SENTENCE_PRONOUN,
    NP_START,
    PASSIVE_BEFORE,
    PASSIVE_ENDS,
    PRON_CLAUSE,
    PRON_START,
    SHORT_SOURCE,
    SIGNATURE,
    SIGNATURE_REST,
    SPEECH_NOUN,
    TAIL_WORDS,
    is_place,
    skip_punct,
)
from searcher.quotes.phrases import (
    WINDOW,
    head_mention,
    resolve_chunk,
    split_chunks,
)
from searcher.quotes.subjects import cue_subject, inverted_source, subject_of


def cue_after(
    art: ArticleText, q: QuoteSlot, sent_end: int
) -> tuple[Person | None, str | None, str] | None:
    """A source named right after the quote: '," Smith said', '," said Smith', '," Smith, an aide, said'."""
    masked = art.masked
    last = art.text[q.span.end - 1 : q.span.end]
    if last == ".":
        return None  # the quote closed its sentence: what follows starts a new one
    if last in "?!" and NEW_SENTENCE_PRONOUN.match(art.masked, q.close_end):
        return None  # '"…!" She replied': a new sentence, not '"…!" she said'
    end = min(sent_end, q.close_end + 220)
    pos = skip_punct(masked, q.close_end, end)
    if pos >= end or masked[pos] in '"\x00':
        return None
    # Skip a time or place phrase ('" in the 2019 primary, said Nora Pike').
    adv = ADVERBIAL.match(masked, pos, end)
    if adv:
        pos = skip_punct(masked, adv.end(), end)
    fr = FRENCH_INVERSION.match(masked, pos, end)
    if fr:
        # '« … », a-t-elle déclaré' / 'confie-t-elle': the pronoun joined to the verb (tested before
        # the plain inverted verb, which would stop at "confie" and find no source after it).
        p = resolve_pronoun(fr.group(1), pos, art.antecedents, WINDOW, art.sentence_starts, masked)
        return p, p.name if p else None, "inverted"
    inv = INVERTED.match(masked, pos, end)
    if inv:
        return inverted_source(art, inv.end(), end)
    comma = masked.find(",", pos, end)
    if comma > 0 and '"' not in masked[pos:comma] and not NP_START.match(masked, pos):
        nxt = skip_punct(masked, comma, end)
        inv = INVERTED.match(masked, nxt, end)
        if inv:
            return inverted_source(art, inv.end(), end)  # '" for the league, said Aldo Brisk'

    v = attr.first_verb(masked, pos, end)
    if v is None or v.start() - pos > 60:
        if last in ",?!":
            # '"…," an angry Varga retaliated.': a short subject and one verb closing the sentence.
            short = SHORT_SOURCE.match(masked, pos, end)
            if short is not None:
                p, name, found = resolve_chunk(art, pos, short.end(1), "after")
                if found and p is not None:
                    return p, name, "after"
        if v is None:
            return None
    chunks = split_chunks(art, pos, v.start())
    if not chunks or '"' in masked[pos : v.start()]:
        return None
    if AND_BEFORE_VERB.search(masked, pos, v.start()):
        return (
            None  # 'lamented the "…" state of the harbour and criticized': the sentence's own verbs
        )
    s, e = chunks[0]
    if not NP_START.match(masked, s):
        return None
    if (
        len(chunks) > 1
        and PRON_CLAUSE.match(masked, s, e)
        and masked[e : chunks[1][0]].strip() == ","
    ):
        # '"…" they want, union spokesman Neil Soren said': a clause, then the source before the verb.
        ls, le = chunks[-1]
        h = head_mention(art, ls, le)
        if h is not None and not masked[le : v.start()].strip():
            p = art.person_of[h]
            return p, p.name, "after"
    p, name, found = resolve_chunk(art, s, e, "after")
    if not found:
        return None
    if len(chunks) == 1 and len(TAIL_WORDS.findall(masked, s, v.start())) > 7:
        return None  # a whole clause stands between the quote and the verb
    if len(chunks) > 1:
        # What stands between the source and the verb must be an appositive or a relative clause.
        if masked[e : chunks[1][0]].strip() not in (",", "(", "—", "–", "-"):
            return None
        if head_mention(art, s, e) is None and not PRON_START.match(masked[s:e]):
            ns, ne = chunks[1]
            h = head_mention(art, ns, ne)
            if h is not None:
                p = art.person_of[h]  # "Kellbrook's chief executive, Ada Runge, told"
                return p, p.name, "after"
    return p, name, "after"


def cue_according_after(
    art: ArticleText, q: QuoteSlot, sent_end: int
) -> tuple[Person | None, str | None, str] | None:
    """'"…," according to a Harbor Ministry readout': the source in an according-to phrase right after the quote."""
    masked = art.masked
    if sent_end <= q.close_end:
        return None
    pos = skip_punct(masked, q.close_end, sent_end)
    acc = attr.ACCORDING.match(masked, pos, sent_end)
    if acc is None:
        return None
    p, name, found = resolve_chunk(
        art, acc.end(), attr.phrase_end(masked, acc.end(), sent_end), "after"
    )
    return (p, name, "according") if found and p is not None else None


def cue_passive(
    art: ArticleText, q: QuoteSlot, sent_start: int, sent_end: int
) -> tuple[Person | None, str | None, str] | None:
    """'…has been called "a managed retreat" by Wren Daley': the agent after "by"."""
    masked = art.masked
    lo = max(sent_start, q.open_start - 60)
    if not masked[lo : q.open_start].rstrip().endswith(PASSIVE_ENDS) or not PASSIVE_BEFORE.search(
        masked, lo, q.open_start
    ):
        return None  # (the test before the regex rules out nearly every quote: no participle or article last)
    by = BY_AGENT.match(masked, q.close_end, sent_end)
    if by is None:
        return None
    p, name, found = resolve_chunk(
        art, by.end(), attr.phrase_end_punct(masked, by.end(), sent_end), "after"
    )
    return (p, name, "passive") if found and p is not None else None


def cue_before(
    art: ArticleText, q: QuoteSlot, sent_start: int
) -> tuple[Person | None, str | None, str] | None:
    """A source named before the quote: 'Smith said: "', 'according to Smith, "', 'Smith called it "'."""
    masked = art.masked
    acc = attr.according_to(masked, sent_start, q.open_start)
    verbs = attr.verbs_in(masked, sent_start, q.open_start)
    if acc is not None and (not verbs or verbs[-1].start() < acc.start):
        p, name, found = resolve_chunk(art, acc.start, acc.start + len(acc.phrase), "after")
        if found:
            return p, name, "according"
    part = attr.last_match(
        attr.PARTICIPLE, masked, verbs[-1].end() if verbs else sent_start, q.open_start
    )
    if part is not None and AUX_BEFORE.search(
        masked, max(sent_start, part.start() - 12), part.start()
    ):
        part = None  # "were calling": a verb in the progressive, not a participle clause
    if part is not None:
        i = bisect.bisect_left(art.mention_starts, part.start()) - 1
        if (
            i >= 0
            and art.mentions[i].start >= sent_start
            and not art.antecedents[i].oblique
            and not masked[art.mentions[i].end : part.start()].strip()
        ):
            # "with the Dockworkers Guild calling her '...'": the name right before.
            p = art.person_of[i]
            return p, p.name, "before"
        if verbs and masked[verbs[-1].end() : part.start()].strip(" ,") == "":
            got = subject_of(art, verbs[-1], sent_start, q.open_start)  # "Quell said, adding"
            if got is not None:
                return got
        # "..., saying, '...'": the subject of the clause the participle hangs on.
        got = cue_subject(art, sent_start, part.start(), orgs=True, first=True)
        if got is not None:
            return got[0], got[1], "before"
    for v in reversed(verbs):
        got = subject_of(art, v, sent_start, q.open_start)
        if got is not None:
            return got
    return None


def cue_paragraph(
    art: ArticleText, para_start: int, para_end: int
) -> tuple[Person | None, str | None, str] | None:
    """The source of the last speech verb outside quotes in a paragraph ("Varga added that...")."""
    masked = art.masked
    verbs = attr.verbs_in(masked, para_start, para_end)
    if not verbs:
        acc = attr.according_to(masked, para_start, para_end)
        if acc is None:
            return None
        p, name, found = resolve_chunk(art, acc.start, acc.start + len(acc.phrase), "after")
        return (p, name, "paragraph") if found and p is not None else None
    v = verbs[-1]
    ss, _ = art.sentence_bounds(v.start(), para_start, para_end)
    got = subject_of(art, v, ss, para_end)
    if got is None or got[0] is None:
        return None
    return got[0], got[1], "paragraph"


def cue_signature(
    art: ArticleText, para_start: int, para_end: int
) -> tuple[Person | None, str | None, str] | None:
    """The source signing a quote on the line after it ("— Odile Fenn." / "- Fenn, in a letter.")."""
    line = art.masked[para_start:para_end]
    dash = SIGNATURE.match(line)
    if dash is None or len(line) > 90 or line.rstrip().endswith(("–.", "—.", "-.")):
        return None  # ("Harbor talks stall –.": a section heading, not a signature)
    idx = art.mentions_in(para_start, para_end)
    if not idx:
        return None
    m = art.mentions[idx[0]]
    if m.start != para_start + dash.end() or not SIGNATURE_REST.match(art.masked, m.end, para_end):
        return None
    p = art.person_of[idx[0]]
    if is_place(p):
        return None
    return p, p.name, "signed"


def cue_later_verb(
    art: ArticleText, q: QuoteSlot, sent_end: int
) -> tuple[Person | None, str | None, str] | None:
    """The source of the first speech verb later in the sentence ('"..." that..., Smith wrote')."""
    v = attr.first_verb(art.masked, q.close_end, sent_end)
    if v is None:
        return None
    got = subject_of(art, v, q.close_end, sent_end)
    return (got[0], got[1], "later") if got else None


def cue_speech_noun(
    art: ArticleText, q: QuoteSlot, sent_start: int
) -> tuple[Person | None, str | None, str] | None:
    """The owner of a speech noun before the quote: 'her remark that "…"', 'Quell's call for a "full audit"'."""
    m = attr.last_match(SPEECH_NOUN, art.masked, max(sent_start, q.open_start - 120), q.open_start)
    if m is None or '"' in art.masked[m.end() : q.open_start]:
        return None
    if m.group(1):
        p = resolve_pronoun(
            m.group(1), m.start(1), art.antecedents, WINDOW, art.sentence_starts, art.masked
        )
        return (p, p.name, "noun") if p is not None else None
    i = bisect.bisect_right(art.mention_starts, m.start()) - 1
    if i >= 0 and art.mentions[i].end >= m.start() - 3 and not art.person_of[i].is_org:
        p = art.person_of[i]
        return p, p.name, "noun"
    return None


def last_verb_end(masked: str, start: int, end: int) -> int | None:
    """End offset of the last speech verb in masked[start:end], or None."""
    last = None
    for v in attr.VERB.finditer(masked, start, end):
        if v.group() in attr.PLURAL_NOUNS and attr.noun_use(masked, v, end):
            continue
        last = v.end()
    return last
