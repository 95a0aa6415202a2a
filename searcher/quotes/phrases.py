"""Noun-phrase resolution: the person a source phrase names (a name, a pronoun, a description, an appositive)."""

from __future__ import annotations

import bisect

from searcher.quotes import attribution as attr
from searcher.quotes.article import ArticleText
from searcher.quotes.coref import (
    ROLE_NOUNS,
    after_preposition,
    resolve_description,
    resolve_pronoun,
)
from searcher.quotes.names.lexicon import TITLES
from searcher.quotes.names.table import Person
from searcher.quotes.patterns import (
    AGENT_BEFORE,
    CHUNK_SPLIT,
    COORDINATION,
    DEFINITE_OR_INDEFINITE,
    DESCRIPTION,
    DETERMINERS,
    FEMININE_ARTICLES,
    GENDERED_DESCRIPTION,
    GENDERED_LANGS,
    INDEFINITE,
    LEAD_IN,
    LOWER_NEXT,
    ON_BEHALF,
    PERSON_NOUN,
    PRON_OR_DET_START,
    PRON_START,
    TAIL_NOISE,
    WORD_BEFORE,
    is_place,
    pronoun_at_end,
    takes_object,
)

# How far back (characters) a pronoun or description looks for its person.
WINDOW = 1500


def head_mention(art: ArticleText, a: int, b: int, objects: bool = True) -> int | None:
    """Index of the mention heading masked[a:b]: the last one not after a preposition or possessive.

    With `objects`, a name right after a verb ("slams Quell") is skipped too; a phrase after an
    inverted verb ("said master of ceremonies Odile Fenn") has no object, so it passes False.
    """
    idx = art.mentions_in(a, b)
    masked = art.masked
    for i in reversed(idx):
        m = art.mentions[i]
        if art.antecedents[i].oblique:
            continue
        before = WORD_BEFORE.search(masked, max(a, m.name_start - 25), m.name_start)
        if before:
            w = before.group(1)
            if (
                w.lower() in DETERMINERS
                and LOWER_NEXT.match(masked, m.end)
                and not attr.VERB.match(masked, m.end + 1)
            ):
                continue  # "a Harwick spokesman", "the Quell campaign": a modifier
            if objects and takes_object(w):
                continue  # "slams Quell": an object
        return i
    return None


def resolve_chunk(
    art: ArticleText, a: int, b: int, side: str
) -> tuple[Person | None, str | None, bool]:
    """(person, name, found) for the source phrase in masked[a:b]; found=False if no phrase."""
    chunk = art.masked[a:b]
    co = COORDINATION.search(chunk)
    if co and art.mentions_in(a + co.end(), b) and head_mention(art, a, a + co.start()) is not None:
        # "Ines Rook and Walt Amsel said": the first named source.
        chunk = chunk[: co.start()]
        b = a + len(chunk)
    if side == "before":
        chunk = attr.strip_aux(chunk)
        b = a + len(chunk)
        pm = pronoun_at_end(chunk)
    else:
        pm = PRON_START.match(chunk)
    head = head_mention(art, a, b, objects=side == "before")
    if pm and (side == "after" or head is None or art.mentions[head].end <= a + pm.start()):
        word = pm.group(1).lower()
        if word in ("he", "she"):
            p = resolve_pronoun(
                word,
                a + pm.start(1),
                art.antecedents,
                WINDOW,
                art.sentence_starts,
                art.masked,
            )
            return p, p.name if p else None, True
        if word in ("who", "which"):
            p = antecedent_of_relative(art, a + pm.start(1))
            return p, p.name if p else None, True
        if word == "it":
            p = organisation_in_focus(art, a + pm.start(1))
            return p, p.name if p else None, True
        return None, None, True
    if (
        head is not None
        and is_place(art.person_of[head], demonyms=False)
        and LOWER_NEXT.match(art.masked, art.mentions[head].end, b)
    ):
        head = None  # "the former Montana governor": a place qualifying a role, not the source
    if head is not None:
        p = art.person_of[head]
        return p, p.name, True
    if art.lang in GENDERED_LANGS:
        got = gendered_description(art, TAIL_NOISE.sub("", chunk), a)
        if got is not None:
            return got, got.name, True
    d = DESCRIPTION.search(TAIL_NOISE.sub("", chunk))
    if d and side == "before" and d.start() > 0 and not PRON_OR_DET_START.match(chunk):
        d = None  # "about the slow decline of the harbour": a prepositional phrase, not the source
    if d:
        p = resolve_description(d.group(), a, art.antecedents, WINDOW)
        if p is not None or not art.mentions_in(a, b):
            return p, p.name if p else None, True
        on_behalf = ON_BEHALF.search(d.group())
        if on_behalf is not None:
            # "a spokesman for Senator Odile Brandt", "a lawyer for the company's founder, X": who speaks for someone
            # named is quoted as that someone's voice.
            i = bisect.bisect_left(art.mention_starts, a + d.start() + on_behalf.end())
            if i < len(art.mentions) and art.mentions[i].end <= b:
                p = art.person_of[i]
                return p, p.name, True
        if only_places(art, a, b) and d.group().split(None, 1)[0].lower() in DEFINITE_OR_INDEFINITE:
            # "the Montana senator", "a Norwegian official": the place qualifies a role and never speaks.
            # A definite description is the person in focus, as a pronoun would be; an indefinite one
            # introduces someone unnamed.
            if d.group().split(None, 1)[0].lower() in INDEFINITE:
                return None, None, True
            p = resolve_pronoun("", a, art.antecedents, WINDOW, art.sentence_starts, art.masked)
            return p, p.name if p else None, True
    objects = False
    for i in art.mentions_in(a, b):
        if side == "before" and AGENT_BEFORE.search(
            art.masked, max(a, art.mentions[i].start - 30), art.mentions[i].start
        ):
            p = art.person_of[i]  # "a fundraising letter sent out by Brandt warned": the agent
            return p, p.name, True
        if side == "before" and object_of_verb(art, i, a):
            objects = True
            continue  # "she respects Lena Pell and calls her": the object of the verb before
        if not after_preposition(
            art.masked, max(a, art.mentions[i].start - 30), art.mentions[i].start
        ):
            p = art.person_of[i]  # "Mrs. Quell's campaign said", "the Harmon campaign explained"
            return p, p.name, True
    if objects:
        # Only objects named: "she respects Pell and calls her '…'" is hers, the subject pronoun's.
        pm = PRON_START.match(chunk)
        if pm is not None and pm.group(1).lower() in ("he", "she"):
            p = resolve_pronoun(
                pm.group(1).lower(),
                a + pm.start(1),
                art.antecedents,
                WINDOW,
                art.sentence_starts,
                art.masked,
            )
            return p, p.name if p else None, True
    return None, None, False


def object_of_verb(art: ArticleText, i: int, a: int) -> bool:
    """True when mention `i` comes right after a lower-case verb ("respects Lena Pell"), from offset `a` on."""
    m = art.mentions[i]
    if art.masked[m.end - 2 : m.end] in ("'s", "’s"):
        return False  # "disputed Vey's figures": a possessive, handled as one
    before = WORD_BEFORE.search(art.masked, max(a, m.start - 25), m.start)
    if before is None:
        return False
    w = before.group(1)
    if not takes_object(w):
        return False
    # "A flabbergasted Noel Vey": a participle after a determiner describes the name, it takes no object.
    det = WORD_BEFORE.search(art.masked, max(a, before.start() - 12), before.start())
    return det is None or det.group(1).lower() not in DETERMINERS


def only_places(art: ArticleText, a: int, b: int) -> bool:
    """True when every name in masked[a:b] is a place or people's adjective ("Montana", "Norwegian")."""
    return all(is_place(art.person_of[i]) for i in art.mentions_in(a, b))


def gendered_description(art: ArticleText, phrase: str, pos: int) -> Person | None:
    """The person a description such as "la chercheuse", "el jugador", "die 68-Jährige" refers to.

    A role named before ("la directrice du musée") wins; otherwise the article's gender marks the
    description as a pronoun would ("elle", "il"), and it goes to the person last in focus.
    """
    d = GENDERED_DESCRIPTION.search(phrase)
    if d is None or not PERSON_NOUN.search(d.group(2)):
        return None
    p = resolve_description(d.group(), pos, art.antecedents, WINDOW)
    if p is None:
        word = "elle" if d.group(1).lower() in FEMININE_ARTICLES else "il"
        p = resolve_pronoun(word, pos, art.antecedents, WINDOW, art.sentence_starts, art.masked)
    return p


def opens_with_name(art: ArticleText, a: int, b: int, possessive: bool = True) -> bool:
    """True for a phrase that begins with a name ("Tobin Marsh, a former Kellbrook executive, said ..."): a subject.

    Without `possessive`, a name in the possessive ("Brandt's deputy campaign manager") does not count.
    """
    i = bisect.bisect_left(art.mention_starts, a)
    if i >= len(art.mentions) or art.mentions[i].end > b:
        return False
    end = art.mentions[i].end
    if not possessive and (
        art.masked[end - 2 : end] in ("'s", "’s")
        or art.masked[end - 1 : end] in ("'", "’")
        or art.masked[end : end + 1] in ("'", "’")
    ):
        return False
    return not art.masked[a : art.mentions[i].start].strip() and not art.person_of[i].is_org


def is_modifier(art: ArticleText, i: int) -> bool:
    """True for a name qualifying a following title and name ("Quell campaign spokesman Ivo Marten")."""
    if i + 1 >= len(art.mentions):
        return False
    gap = art.masked[art.mentions[i].end : art.mentions[i + 1].start]
    words = gap.split()
    return 0 < len(words) <= 3 and all(
        w.islower() and (w in TITLES or w in ROLE_NOUNS) for w in words
    )


def organisation_in_focus(art: ArticleText, pos: int) -> Person | None:
    """The organisation an "it said" refers to: one that opened a sentence just before ("The Ledger reported")."""
    k = bisect.bisect_right(art.sentence_starts, pos) - 1
    lo = art.sentence_starts[k - 2] if k >= 2 else 0
    i = bisect.bisect_left(art.mention_starts, pos) - 1
    while i >= 0 and art.mentions[i].start >= lo:
        m, p = art.mentions[i], art.person_of[i]
        if p.is_org:
            s = art.sentence_starts[bisect.bisect_right(art.sentence_starts, m.start) - 1]
            if not LEAD_IN.sub("", art.masked[s : m.start]).strip():
                return p  # the organisation is the subject of its sentence
        i -= 1
    return None


def antecedent_of_relative(art: ArticleText, pos: int) -> Person | None:
    """The name a "who" right after it refers to ("Smith, who said")."""
    i = bisect.bisect_left(art.mention_starts, pos) - 1
    if i >= 0 and pos - art.mentions[i].end <= 4:
        return art.person_of[i]
    return None


def split_chunks(art: ArticleText, a: int, b: int) -> list[tuple[int, int]]:
    """Comma/quote-separated pieces of masked[a:b], as (start, end)."""
    out = []
    pos = a
    for m in CHUNK_SPLIT.finditer(art.masked, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    return [(s, e) for s, e in out if art.masked[s:e].strip()]
