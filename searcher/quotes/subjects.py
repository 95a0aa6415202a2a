"""The source of a speech verb or a clause: the subject before the verb, the name after an inverted one, a sentence's actor."""

from __future__ import annotations

import bisect
import re

from searcher.quotes import attribution as attr
from searcher.quotes.article import ArticleText
from searcher.quotes.coref import person_like, resolve_pronoun
from searcher.quotes.names.lexicon import TITLES
from searcher.quotes.names.table import Person
from searcher.quotes.patterns import (
    ADDRESSEE_VERBS,
    ASIDE_CHUNK,
    BARE_VERB,
    BY_AGENT,
    CAMPAIGN_NEXT,
    CLAUSE_BREAK,
    CONNECTIVES,
    CONTROL_VERB_BEFORE,
    DETERMINER,
    DETERMINERS,
    HEADLINE_COLON,
    INFINITIVE_NEXT,
    INTRO,
    LOWER_NEXT,
    NAME_NEXT,
    PASSIVE_AUX,
    PRON_FIRST,
    PRON_SUBJECT,
    PRONOUN_AFTER_VERB,
    RELATIVE,
    SUBJECT_LEAD,
    SUBJECT_PRONOUN,
    VERBISH,
    WORD_BEFORE,
    he_or_she_after_space,
    pronoun_at_end,
    starts_with_role,
)
from searcher.quotes.phrases import (
    WINDOW,
    head_mention,
    is_modifier,
    opens_with_name,
    resolve_chunk,
    split_chunks,
)


def inverted_source(
    art: ArticleText, start: int, end: int
) -> tuple[Person | None, str | None, str] | None:
    """The source after an inverted verb ('said Smith', 'said another user, Jo Bayer')."""
    masked = art.masked
    stop = attr.phrase_end_punct(masked, start, end)
    pron = SUBJECT_PRONOUN.match(masked, start, end)
    if pron is not None:
        # "sagte sie", "dijo él": a pronoun after the verb; nothing at all ("afirmó.", "explicó ante…"): the
        # subject dropped by a pro-drop language, the person last in focus.
        p = resolve_pronoun(
            pron.group(1) or "", start, art.antecedents, WINDOW, art.sentence_starts, masked
        )
        return p, p.name if p else None, "inverted"
    p, name, found = resolve_chunk(art, start, stop, "after")
    comma = masked.find(",", stop, min(end, stop + 60))
    if (
        head_mention(art, start, stop) is None
        and comma >= 0
        and '"' not in masked[stop:comma]
        and not opens_with_name(art, start, stop, possessive=False)
    ):
        # (Not after "beamed Lorna Vell of Tulsa, Oklahoma", where the name opening the phrase is the one.)
        # "said his oldest friend from school, Tarmo Rebane", "advirtió el presidente de la asociación, Tomás
        # Albarracín": the name in apposition.
        nxt = split_chunks(art, comma + 1, attr.phrase_end_punct(masked, comma + 1, end))
        if nxt:
            h = head_mention(art, *nxt[0])
            if h is not None and art.mentions[h].start - nxt[0][0] < 3:
                p = art.person_of[h]
                return p, p.name, "inverted"
    if not found:
        return None
    return p, name, "inverted"


def subject_of(
    art: ArticleText, v: re.Match, sent_start: int, limit: int
) -> tuple[Person | None, str | None, str] | None:
    """The source of speech verb `v`: the subject before it, or the name after an inverted verb."""
    masked = art.masked
    if v.group() in ADDRESSEE_VERBS and PASSIVE_AUX.search(
        masked, max(sent_start, v.start() - 24), v.start()
    ):
        # "Whitcombe was asked by host Lena Ortiz, '…'": the subject is the one addressed; the speaker is the
        # agent after "by", or nobody named.
        by = BY_AGENT.match(masked, v.end(), limit)
        if by is not None:
            p, name, found = resolve_chunk(
                art, by.end(), attr.phrase_end_punct(masked, by.end(), limit), "after"
            )
            if found and p is not None:
                return p, name, "passive"
        return None, None, "passive"
    if v.group() in attr.INVERTABLE:
        pron = PRONOUN_AFTER_VERB.match(masked, v.end(), limit)
        if pron is not None:
            # "Angst habe er nicht gehabt, sagt er": a subject pronoun right after the verb is its subject.
            p = resolve_pronoun(
                pron.group(1),
                pron.start(1),
                art.antecedents,
                WINDOW,
                art.sentence_starts,
                masked,
            )
            return p, p.name if p else None, "inverted"
    chunks = split_chunks(art, sent_start, v.start())
    gap = masked[chunks[-1][1] : v.start()] if chunks else ""
    if (
        v.group() in attr.INVERTABLE
        and gap.strip() == ","
        and NAME_NEXT.match(masked, v.end())
        and not any(opens_with_name(art, s, e) for s, e in chunks)
    ):
        stop = attr.phrase_end_punct(masked, v.end(), limit)
        if masked[stop : stop + 1] in (",", ":", '"', "") or stop >= limit:
            got = inverted_source(art, v.end(), limit)  # "..., explained Halvorsen, '...'"
            if got is not None and got[0] is not None:
                return got
    if not chunks or '"' in gap:
        if v.group() in attr.INVERTABLE:
            return inverted_source(art, v.end(), limit)
        return None
    # Walk back over appositives and relative clauses to the subject.
    k = len(chunks) - 1
    if gap.strip() == ",":
        for r in range(k, 0, -1):
            if RELATIVE.match(masked[chunks[r][0] : chunks[r][1]].lstrip()):
                if head_mention(art, *chunks[r - 1]) is not None:
                    k = r - 1  # "Odile Brandt, whose hometown, Boston, is ..., argues"
                break
    while k >= 0:
        s, e = chunks[k]
        piece = masked[s:e].lstrip()
        if (
            RELATIVE.match(piece)
            and k > 0
            and masked[e : chunks[k + 1][0] if k + 1 < len(chunks) else v.start()].strip() == ","
        ):
            k -= 1  # "Smith, who ran in 2012, said"
            continue
        if k > 0 and ASIDE_CHUNK.fullmatch(piece):
            k -= 1  # "Jory Amsel, 22, of Flint, Mich., said", "Orla Brandt, D-Vt., said", "X — mentioned by Y — said"
            continue
        p, name, found = resolve_chunk(art, s, e, "before")
        head = head_mention(art, s, e)
        if (
            k > 0
            and (head is None or DETERMINER.match(piece) or starts_with_role(piece))
            and not pronoun_at_end(attr.strip_aux(piece))
        ):
            before = k - 1
            while before > 0 and ASIDE_CHUNK.fullmatch(
                masked[chunks[before][0] : chunks[before][1]].lstrip()
            ):
                before -= 1  # "Ramon Tulley, 44, a Fresno welder, said": past the age
            prev_head = head_mention(art, *chunks[before])
            if (
                prev_head is not None
                and all(
                    masked[chunks[r][1] : chunks[r + 1][0]].strip() == "," for r in range(before, k)
                )
                and (person_like(art.person_of[prev_head]) or art.person_of[prev_head].is_org)
            ):
                # A description in apposition ("Ivo Marten, Harbor Board spokesman, said", "Nell Parrish,
                # president and CEO of the guild, stated"): its name is the subject.
                k = before
                continue
        if (
            head is not None
            and k >= 2
            and masked[chunks[k - 1][1] : s].strip() == ","
            and DETERMINER.match(masked[chunks[k - 1][0] : chunks[k - 1][1]].lstrip())
            and head_mention(art, *chunks[k - 1]) is None
            and opens_with_name(art, *chunks[k - 2])
            and (first := head_mention(art, *chunks[k - 2])) is not None
            and person_like(art.person_of[first])
        ):
            # "Fenn, the editor of the guild's newspaper, The Lantern, said": the name after the
            # description is what it ends with, the newspaper; the sentence opened with the subject.
            k -= 1
            continue
        if found:
            return p, name, "before"
        if k > 0 and len(chunks) - k < 4:
            k -= 1  # "Pell, the co-author of "Salt and Iron," about ..., said": not a noun phrase
            continue
        return None
    return None


def cue_subject(
    art: ArticleText, sent_start: int, pos: int, orgs: bool = False, first: bool = False
) -> tuple[Person | None, str | None, str] | None:
    """The subject for a partial quote with no speech verb: the last named actor, or with `first` the first."""
    masked = art.masked
    pm = (
        PRON_FIRST.match(masked, sent_start, pos)
        or (
            he_or_she_after_space(masked[sent_start:pos].lower())
            and PRON_SUBJECT.search(masked, sent_start, pos)
        )
        or None
    )
    if first and not pm:
        i = bisect.bisect_left(art.mention_starts, sent_start)
        if (
            i < len(art.mentions)
            and art.mentions[i].end < pos
            and not masked[sent_start : art.mentions[i].start].strip()
            and HEADLINE_COLON.match(masked, art.mentions[i].end)
            and ":" not in masked[masked.index(":", art.mentions[i].end) + 1 : pos]
        ):  # (not a form: "Name: Jo Age: 27")
            p = art.person_of[i]  # "Colin Rusk: Fenn's order is 'a stunt' and will not stand"
            return p, p.name, "subject"
        # "Fenn signed an order, while Mayor Colin Rusk proposed we '…'": the subject of the quote's own clause.
        clause = attr.last_match(CLAUSE_BREAK, masked, sent_start, pos)
        if clause is not None:
            i = bisect.bisect_left(art.mention_starts, clause.end())
            if (
                i < len(art.mentions)
                and art.mentions[i].end <= pos
                and SUBJECT_LEAD.fullmatch(masked, clause.end(), art.mentions[i].start)
            ):
                sent_start = clause.end()
    idx = art.mentions_in(sent_start, pos)
    doer = None  # an object that does the infinitive after it ("prompted Vey to joke and call Osk '…'")
    objects = False  # a name passed over as the object of a verb
    for i in idx if first else reversed(idx):
        m = art.mentions[i]
        if pm and (pm.start() > m.end if not first else pm.start() < m.start):
            break
        p = art.person_of[i]
        if not p.is_org and CAMPAIGN_NEXT.match(masked, m.end) and person_like(p):
            return (
                p,
                p.name,
                "subject",
            )  # "the Okafor campaign projects", "Brandt's campaign sent out"
        if (
            doer is None
            and not p.is_org
            and INFINITIVE_NEXT.match(masked, m.end, pos)
            and CONTROL_VERB_BEFORE.search(masked, max(sent_start, m.start - 20), m.start)
        ):
            doer = p
        if (
            (p.is_org and not orgs)
            or not (person_like(p) or (orgs and p.is_org))
            or art.antecedents[i].oblique
        ):
            continue
        if first and is_modifier(art, i):
            continue
        if (
            first
            and INTRO.match(masked, sent_start)
            and "," in masked[m.end : pos]
            and "," not in masked[sent_start : m.start]
        ):
            continue  # "Like Amsel, Rook ... arguing": the name in the opening phrase
        before = WORD_BEFORE.search(masked, max(sent_start, m.name_start - 25), m.name_start)
        if before:
            w = before.group(1)
            if w.lower() in DETERMINERS and LOWER_NEXT.match(masked, m.end):
                continue
            if VERBISH.fullmatch(w) and w not in TITLES and w not in CONNECTIVES:
                continue
            if BARE_VERB.fullmatch(w):
                objects = True  # (kept with no speaker if nobody else is named: a quote, not a scare quote)
                continue
        return p, p.name, "subject"
    if doer is not None and not pm:
        return doer, doer.name, "subject"
    if objects and not pm:
        return (
            None,
            None,
            "subject",
        )  # "might meet Osk and hear his 'fabulous' pitch": told, by no one named
    if pm:
        speaker = resolve_pronoun(
            pm.group(1),
            pm.start(1),
            art.antecedents,
            WINDOW,
            art.sentence_starts,
            art.masked,
        )
        return speaker, speaker.name if speaker else None, "subject"
    return None
