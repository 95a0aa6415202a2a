"""Cues around each quote that name its source: after it, before it, "according to", a sentence subject.

`ArticleCues` holds one article's masked text (quoted words blanked, so verbs and names are found
outside quotes), its names and sentences, and the methods that read an attribution pattern and
resolve the noun phrase it names to a person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from searcher.quotes import attribution as attr
from searcher.quotes.coref import (
    PLACES,
    ROLE_NOUNS,
    Antecedent,
    _is_role,
    after_preposition,
    person_like,
    resolve_description,
    resolve_pronoun,
)
from searcher.quotes.marks import QuoteSpan
from searcher.quotes.names.lexicon import TITLES
from searcher.quotes.names.mentions import find_mentions
from searcher.quotes.names.table import NameTable, Person

_FILL = "\x00"
# Pronouns that can stand as the source of a quote; only he/she are resolved to a person.
_PRON_START = re.compile(
    r"^[\s,;:—–\-\"]*(?:and\s+|but\s+|so\s+)?(he|she|they|it|we|i|who|which)(?![\w'’])", re.I
)
_PRON_END = re.compile(r"(?<![\w'’])(he|she|they|it|we|i|who|which)$", re.I)
_DESCRIPTION = re.compile(
    r"(?<!\w)(?:the|a|an|his|her|their|its|one|another)\s+(?:[\w'’\-\.]+\s+){0,5}?[\w\-]+$", re.I
)
# A run of line breaks is one boundary: blank lines between paragraphs make no empty sentences.
_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=[.!?])[.!?]*(?=[\s\"\x00]+[A-Z\"“\x00]|$))")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|Rev|Ft|Mt|No|vs|U\.S|U\.N|U\.K|D\.C|"
    r"Inc|Corp|Co|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z])$"
)
# The last letters of those abbreviations: a period after any other letter ends a sentence without a search.
_ABBREV_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZrsnpvtlmfocbg")
_PRON_OR_DET_START = re.compile(
    r"[\s,;:—–\-\"]*(?:[A-Z]|(?:and|but|or|as|then|so|while|when)\s+(?:the|a|an|his|her|their|its|one|another)\b)"
)
_PASSIVE_BEFORE = re.compile(
    # (The auxiliary may be missing: "memos first labeled 'urgent' by the Harbor Guild".)
    r"\b(?:(?:been|was|were|is|are|be|being)\s+)?(?:\w+ly\s+)?(?:called|described|dubbed|labeled|labelled|termed|branded|"
    r"characterized|characterised|criticized|criticised|praised|hailed|denounced|derided|mocked)\s*(?:as\s+)?(?:an?\s+|the\s+)?$"
)
# How a stretch matching _PASSIVE_BEFORE ends: a participle, "as", an article.
_PASSIVE_ENDS = ("ed", "as", "a", "an", "the")
_BY_AGENT = re.compile(r"[\s,]*by\s+")
_TAIL_NOISE = re.compile(r"^[\s,;:—–\-\"\x00]+|[\s,;:—–\-\"\x00]+$")
_CHUNK_SPLIT = re.compile(r"[,;:()]|—|–|\s-\s|\"\x00*\"")
# How far back (characters) a pronoun or description looks for its person.
_WINDOW = 1500


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


class ArticleCues:
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
        ends = []
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

    # -- resolving a noun phrase to a speaker --

    def head_mention(self, a: int, b: int, objects: bool = True) -> int | None:
        """Index of the mention heading masked[a:b]: the last one not after a preposition or possessive.

        With `objects`, a name right after a verb ("slams Quell") is skipped too; a phrase after an
        inverted verb ("said master of ceremonies Odile Fenn") has no object, so it passes False.
        """
        idx = self.mentions_in(a, b)
        masked = self.masked
        for i in reversed(idx):
            m = self.mentions[i]
            if self.antecedents[i].oblique:
                continue
            before = _WORD_BEFORE.search(masked, max(a, m.name_start - 25), m.name_start)
            if before:
                w = before.group(1)
                if (
                    w.lower() in _DETERMINERS
                    and _LOWER_NEXT.match(masked, m.end)
                    and not attr.VERB.match(masked, m.end + 1)
                ):
                    continue  # "a Harwick spokesman", "the Quell campaign": a modifier
                if objects and _takes_object(w):
                    continue  # "slams Quell": an object
            return i
        return None

    def resolve_chunk(self, a: int, b: int, side: str) -> tuple[Person | None, str | None, bool]:
        """(person, name, found) for the source phrase in masked[a:b]; found=False if no phrase."""
        chunk = self.masked[a:b]
        co = _COORDINATION.search(chunk)
        if (
            co
            and self.mentions_in(a + co.end(), b)
            and self.head_mention(a, a + co.start()) is not None
        ):
            # "Ines Rook and Walt Amsel said": the first named source.
            chunk = chunk[: co.start()]
            b = a + len(chunk)
        if side == "before":
            chunk = attr.strip_aux(chunk)
            b = a + len(chunk)
            pm = _pronoun_at_end(chunk)
        else:
            pm = _PRON_START.match(chunk)
        head = self.head_mention(a, b, objects=side == "before")
        if pm and (side == "after" or head is None or self.mentions[head].end <= a + pm.start()):
            word = pm.group(1).lower()
            if word in ("he", "she"):
                p = resolve_pronoun(
                    word,
                    a + pm.start(1),
                    self.antecedents,
                    _WINDOW,
                    self.sentence_starts,
                    self.masked,
                )
                return p, p.name if p else None, True
            if word in ("who", "which"):
                p = self._antecedent_of_relative(a + pm.start(1))
                return p, p.name if p else None, True
            if word == "it":
                p = self._organisation_in_focus(a + pm.start(1))
                return p, p.name if p else None, True
            return None, None, True
        if (
            head is not None
            and _is_place(self.person_of[head], demonyms=False)
            and _LOWER_NEXT.match(self.masked, self.mentions[head].end, b)
        ):
            head = None  # "the former Montana governor": a place qualifying a role, not the source
        if head is not None:
            p = self.person_of[head]
            return p, p.name, True
        if self.lang in _GENDERED_LANGS:
            got = self._gendered_description(_TAIL_NOISE.sub("", chunk), a)
            if got is not None:
                return got, got.name, True
        d = _DESCRIPTION.search(_TAIL_NOISE.sub("", chunk))
        if d and side == "before" and d.start() > 0 and not _PRON_OR_DET_START.match(chunk):
            d = None  # "about the slow decline of the harbour": a prepositional phrase, not the source
        if d:
            p = resolve_description(d.group(), a, self.antecedents, _WINDOW)
            if p is not None or not self.mentions_in(a, b):
                return p, p.name if p else None, True
            on_behalf = _ON_BEHALF.search(d.group())
            if on_behalf is not None:
                # "a spokesman for Senator Odile Brandt", "a lawyer for the company's founder, X": who speaks for someone
                # named is quoted as that someone's voice.
                i = bisect.bisect_left(self.mention_starts, a + d.start() + on_behalf.end())
                if i < len(self.mentions) and self.mentions[i].end <= b:
                    p = self.person_of[i]
                    return p, p.name, True
            if (
                self._only_places(a, b)
                and d.group().split(None, 1)[0].lower() in _DEFINITE_OR_INDEFINITE
            ):
                # "the Montana senator", "a Norwegian official": the place qualifies a role and never speaks.
                # A definite description is the person in focus, as a pronoun would be; an indefinite one
                # introduces someone unnamed.
                if d.group().split(None, 1)[0].lower() in _INDEFINITE:
                    return None, None, True
                p = resolve_pronoun(
                    "", a, self.antecedents, _WINDOW, self.sentence_starts, self.masked
                )
                return p, p.name if p else None, True
        objects = False
        for i in self.mentions_in(a, b):
            if side == "before" and _AGENT_BEFORE.search(
                self.masked, max(a, self.mentions[i].start - 30), self.mentions[i].start
            ):
                p = self.person_of[i]  # "a fundraising letter sent out by Brandt warned": the agent
                return p, p.name, True
            if side == "before" and self._object_of_verb(i, a):
                objects = True
                continue  # "she respects Lena Pell and calls her": the object of the verb before
            if not after_preposition(
                self.masked, max(a, self.mentions[i].start - 30), self.mentions[i].start
            ):
                p = self.person_of[
                    i
                ]  # "Mrs. Quell's campaign said", "the Harmon campaign explained"
                return p, p.name, True
        if objects:
            # Only objects named: "she respects Pell and calls her '…'" is hers, the subject pronoun's.
            pm = _PRON_START.match(chunk)
            if pm is not None and pm.group(1).lower() in ("he", "she"):
                p = resolve_pronoun(
                    pm.group(1).lower(),
                    a + pm.start(1),
                    self.antecedents,
                    _WINDOW,
                    self.sentence_starts,
                    self.masked,
                )
                return p, p.name if p else None, True
        return None, None, False

    def _object_of_verb(self, i: int, a: int) -> bool:
        """True when mention `i` comes right after a lower-case verb ("respects Lena Pell"), from offset `a` on."""
        m = self.mentions[i]
        if self.masked[m.end - 2 : m.end] in ("'s", "’s"):
            return False  # "disputed Vey's figures": a possessive, handled as one
        before = _WORD_BEFORE.search(self.masked, max(a, m.start - 25), m.start)
        if before is None:
            return False
        w = before.group(1)
        if not _takes_object(w):
            return False
        # "A flabbergasted Noel Vey": a participle after a determiner describes the name, it takes no object.
        det = _WORD_BEFORE.search(self.masked, max(a, before.start() - 12), before.start())
        return det is None or det.group(1).lower() not in _DETERMINERS

    def _only_places(self, a: int, b: int) -> bool:
        """True when every name in masked[a:b] is a place or people's adjective ("Montana", "Norwegian")."""
        return all(_is_place(self.person_of[i]) for i in self.mentions_in(a, b))

    def _gendered_description(self, phrase: str, pos: int) -> Person | None:
        """The person a description such as "la chercheuse", "el jugador", "die 68-Jährige" refers to.

        A role named before ("la directrice du musée") wins; otherwise the article's gender marks the
        description as a pronoun would ("elle", "il"), and it goes to the person last in focus.
        """
        d = _GENDERED_DESCRIPTION.search(phrase)
        if d is None or not _PERSON_NOUN.search(d.group(2)):
            return None
        p = resolve_description(d.group(), pos, self.antecedents, _WINDOW)
        if p is None:
            word = "elle" if d.group(1).lower() in _FEMININE_ARTICLES else "il"
            p = resolve_pronoun(
                word, pos, self.antecedents, _WINDOW, self.sentence_starts, self.masked
            )
        return p

    def _opens_with_name(self, a: int, b: int, possessive: bool = True) -> bool:
        """True for a phrase that begins with a name ("Tobin Marsh, a former Kellbrook executive, said ..."): a subject.

        Without `possessive`, a name in the possessive ("Brandt's deputy campaign manager") does not count.
        """
        i = bisect.bisect_left(self.mention_starts, a)
        if i >= len(self.mentions) or self.mentions[i].end > b:
            return False
        end = self.mentions[i].end
        if not possessive and (
            self.masked[end - 2 : end] in ("'s", "’s")
            or self.masked[end - 1 : end] in ("'", "’")
            or self.masked[end : end + 1] in ("'", "’")
        ):
            return False
        return not self.masked[a : self.mentions[i].start].strip() and not self.person_of[i].is_org

    def _is_modifier(self, i: int) -> bool:
        """True for a name qualifying a following title and name ("Quell campaign spokesman Ivo Marten")."""
        if i + 1 >= len(self.mentions):
            return False
        gap = self.masked[self.mentions[i].end : self.mentions[i + 1].start]
        words = gap.split()
        return 0 < len(words) <= 3 and all(
            w.islower() and (w in TITLES or w in ROLE_NOUNS) for w in words
        )

    def _organisation_in_focus(self, pos: int) -> Person | None:
        """The organisation an "it said" refers to: one that opened a sentence just before ("The Ledger reported")."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        lo = self.sentence_starts[k - 2] if k >= 2 else 0
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            m, p = self.mentions[i], self.person_of[i]
            if p.is_org:
                s = self.sentence_starts[bisect.bisect_right(self.sentence_starts, m.start) - 1]
                if not _LEAD_IN.sub("", self.masked[s : m.start]).strip():
                    return p  # the organisation is the subject of its sentence
            i -= 1
        return None

    def _antecedent_of_relative(self, pos: int) -> Person | None:
        """The name a "who" right after it refers to ("Smith, who said")."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        if i >= 0 and pos - self.mentions[i].end <= 4:
            return self.person_of[i]
        return None

    def chunks(self, a: int, b: int) -> list[tuple[int, int]]:
        """Comma/quote-separated pieces of masked[a:b], as (start, end)."""
        out = []
        pos = a
        for m in _CHUNK_SPLIT.finditer(self.masked, a, b):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < b:
            out.append((pos, b))
        return [(s, e) for s, e in out if self.masked[s:e].strip()]

    # -- cues --

    def cue_after(
        self, q: QuoteSlot, sent_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """A source named right after the quote: '," Smith said', '," said Smith', '," Smith, an aide, said'."""
        masked = self.masked
        last = self.text[q.span.end - 1 : q.span.end]
        if last == ".":
            return None  # the quote closed its sentence: what follows starts a new one
        if last in "?!" and _NEW_SENTENCE_PRONOUN.match(self.masked, q.close_end):
            return None  # '"…!" She replied': a new sentence, not '"…!" she said'
        end = min(sent_end, q.close_end + 220)
        pos = _SKIP_PUNCT.match(masked, q.close_end, end).end()
        if pos >= end or masked[pos] in '"\x00':
            return None
        # Skip a time or place phrase ('" in the 2019 primary, said Nora Pike').
        adv = _ADVERBIAL.match(masked, pos, end)
        if adv:
            pos = _SKIP_PUNCT.match(masked, adv.end(), end).end()
        fr = _FRENCH_INVERSION.match(masked, pos, end)
        if fr:
            # '« … », a-t-elle déclaré' / 'confie-t-elle': the pronoun joined to the verb (tested before
            # the plain inverted verb, which would stop at "confie" and find no source after it).
            p = resolve_pronoun(
                fr.group(1), pos, self.antecedents, _WINDOW, self.sentence_starts, masked
            )
            return p, p.name if p else None, "inverted"
        inv = _INVERTED.match(masked, pos, end)
        if inv:
            return self._inverted_source(inv.end(), end)
        comma = masked.find(",", pos, end)
        if comma > 0 and '"' not in masked[pos:comma] and not _NP_START.match(masked, pos):
            nxt = _SKIP_PUNCT.match(masked, comma, end).end()
            inv = _INVERTED.match(masked, nxt, end)
            if inv:
                return self._inverted_source(inv.end(), end)  # '" for the league, said Aldo Brisk'

        v = attr.first_verb(masked, pos, end)
        if v is None or v.start() - pos > 60:
            if last in ",?!":
                # '"…," an angry Varga retaliated.': a short subject and one verb closing the sentence.
                short = _SHORT_SOURCE.match(masked, pos, end)
                if short is not None:
                    p, name, found = self.resolve_chunk(pos, short.end(1), "after")
                    if found and p is not None:
                        return p, name, "after"
            if v is None:
                return None
        chunks = self.chunks(pos, v.start())
        if not chunks or '"' in masked[pos : v.start()]:
            return None
        if _AND_BEFORE_VERB.search(masked, pos, v.start()):
            return None  # 'lamented the "…" state of the harbour and criticized': the sentence's own verbs
        s, e = chunks[0]
        if not _NP_START.match(masked, s):
            return None
        if (
            len(chunks) > 1
            and _PRON_CLAUSE.match(masked, s, e)
            and masked[e : chunks[1][0]].strip() == ","
        ):
            # '"…" they want, union spokesman Neil Soren said': a clause, then the source before the verb.
            ls, le = chunks[-1]
            h = self.head_mention(ls, le)
            if h is not None and not masked[le : v.start()].strip():
                p = self.person_of[h]
                return p, p.name, "after"
        p, name, found = self.resolve_chunk(s, e, "after")
        if not found:
            return None
        if len(chunks) == 1 and len(_TAIL_WORDS.findall(masked, s, v.start())) > 7:
            return None  # a whole clause stands between the quote and the verb
        if len(chunks) > 1:
            # What stands between the source and the verb must be an appositive or a relative clause.
            if masked[e : chunks[1][0]].strip() not in (",", "(", "—", "–", "-"):
                return None
            if self.head_mention(s, e) is None and not _PRON_START.match(masked[s:e]):
                ns, ne = chunks[1]
                h = self.head_mention(ns, ne)
                if h is not None:
                    p = self.person_of[h]  # "Kellbrook's chief executive, Ada Runge, told"
                    return p, p.name, "after"
        return p, name, "after"

    def cue_according_after(
        self, q: QuoteSlot, sent_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """'"…," according to a Harbor Ministry readout': the source in an according-to phrase right after the quote."""
        masked = self.masked
        if sent_end <= q.close_end:
            return None
        pos = _SKIP_PUNCT.match(masked, q.close_end, sent_end).end()
        acc = attr.ACCORDING.match(masked, pos, sent_end)
        if acc is None:
            return None
        p, name, found = self.resolve_chunk(
            acc.end(), attr.phrase_end(masked, acc.end(), sent_end), "after"
        )
        return (p, name, "according") if found and p is not None else None

    def cue_passive(
        self, q: QuoteSlot, sent_start: int, sent_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """'…has been called "a managed retreat" by Wren Daley': the agent after "by"."""
        masked = self.masked
        lo = max(sent_start, q.open_start - 60)
        if not masked[lo : q.open_start].rstrip().endswith(
            _PASSIVE_ENDS
        ) or not _PASSIVE_BEFORE.search(masked, lo, q.open_start):
            return None  # (the test before the regex rules out nearly every quote: no participle or article last)
        by = _BY_AGENT.match(masked, q.close_end, sent_end)
        if by is None:
            return None
        p, name, found = self.resolve_chunk(
            by.end(), attr.phrase_end_punct(masked, by.end(), sent_end), "after"
        )
        return (p, name, "passive") if found and p is not None else None

    def _inverted_source(
        self, start: int, end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The source after an inverted verb ('said Smith', 'said another user, Jo Bayer')."""
        masked = self.masked
        stop = attr.phrase_end_punct(masked, start, end)
        pron = _SUBJECT_PRONOUN.match(masked, start, end)
        if pron is not None:
            # "sagte sie", "dijo él": a pronoun after the verb; nothing at all ("afirmó.", "explicó ante…"): the
            # subject dropped by a pro-drop language, the person last in focus.
            p = resolve_pronoun(
                pron.group(1) or "", start, self.antecedents, _WINDOW, self.sentence_starts, masked
            )
            return p, p.name if p else None, "inverted"
        p, name, found = self.resolve_chunk(start, stop, "after")
        comma = masked.find(",", stop, min(end, stop + 60))
        if (
            self.head_mention(start, stop) is None
            and comma >= 0
            and '"' not in masked[stop:comma]
            and not self._opens_with_name(start, stop, possessive=False)
        ):
            # (Not after "beamed Lorna Vell of Tulsa, Oklahoma", where the name opening the phrase is the one.)
            # "said his oldest friend from school, Tarmo Rebane", "advirtió el presidente de la asociación, Tomás
            # Albarracín": the name in apposition.
            nxt = self.chunks(comma + 1, attr.phrase_end_punct(masked, comma + 1, end))
            if nxt:
                h = self.head_mention(*nxt[0])
                if h is not None and self.mentions[h].start - nxt[0][0] < 3:
                    p = self.person_of[h]
                    return p, p.name, "inverted"
        if not found:
            return None
        return p, name, "inverted"

    def cue_before(
        self, q: QuoteSlot, sent_start: int
    ) -> tuple[Person | None, str | None, str] | None:
        """A source named before the quote: 'Smith said: "', 'according to Smith, "', 'Smith called it "'."""
        masked = self.masked
        acc = attr.according_to(masked, sent_start, q.open_start)
        verbs = attr.verbs_in(masked, sent_start, q.open_start)
        if acc is not None and (not verbs or verbs[-1].start() < acc.start):
            p, name, found = self.resolve_chunk(acc.start, acc.start + len(acc.phrase), "after")
            if found:
                return p, name, "according"
        part = attr.last_match(
            attr.PARTICIPLE, masked, verbs[-1].end() if verbs else sent_start, q.open_start
        )
        if part is not None and _AUX_BEFORE.search(
            masked, max(sent_start, part.start() - 12), part.start()
        ):
            part = None  # "were calling": a verb in the progressive, not a participle clause
        if part is not None:
            i = bisect.bisect_left(self.mention_starts, part.start()) - 1
            if (
                i >= 0
                and self.mentions[i].start >= sent_start
                and not self.antecedents[i].oblique
                and not masked[self.mentions[i].end : part.start()].strip()
            ):
                # "with the Dockworkers Guild calling her '...'": the name right before.
                p = self.person_of[i]
                return p, p.name, "before"
            if verbs and masked[verbs[-1].end() : part.start()].strip(" ,") == "":
                got = self.subject_of(verbs[-1], sent_start, q.open_start)  # "Quell said, adding"
                if got is not None:
                    return got
            # "..., saying, '...'": the subject of the clause the participle hangs on.
            got = self.cue_subject(sent_start, part.start(), orgs=True, first=True)
            if got is not None:
                return got[0], got[1], "before"
        for v in reversed(verbs):
            got = self.subject_of(v, sent_start, q.open_start)
            if got is not None:
                return got
        return None

    def subject_of(
        self, v: re.Match, sent_start: int, limit: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The source of speech verb `v`: the subject before it, or the name after an inverted verb."""
        masked = self.masked
        if v.group() in _ADDRESSEE_VERBS and _PASSIVE_AUX.search(
            masked, max(sent_start, v.start() - 24), v.start()
        ):
            # "Whitcombe was asked by host Lena Ortiz, '…'": the subject is the one addressed; the speaker is the
            # agent after "by", or nobody named.
            by = _BY_AGENT.match(masked, v.end(), limit)
            if by is not None:
                p, name, found = self.resolve_chunk(
                    by.end(), attr.phrase_end_punct(masked, by.end(), limit), "after"
                )
                if found and p is not None:
                    return p, name, "passive"
            return None, None, "passive"
        if v.group() in attr.INVERTABLE:
            pron = _PRONOUN_AFTER_VERB.match(masked, v.end(), limit)
            if pron is not None:
                # "Angst habe er nicht gehabt, sagt er": a subject pronoun right after the verb is its subject.
                p = resolve_pronoun(
                    pron.group(1),
                    pron.start(1),
                    self.antecedents,
                    _WINDOW,
                    self.sentence_starts,
                    masked,
                )
                return p, p.name if p else None, "inverted"
        chunks = self.chunks(sent_start, v.start())
        gap = masked[chunks[-1][1] : v.start()] if chunks else ""
        if (
            v.group() in attr.INVERTABLE
            and gap.strip() == ","
            and _NAME_NEXT.match(masked, v.end())
            and not any(self._opens_with_name(s, e) for s, e in chunks)
        ):
            stop = attr.phrase_end_punct(masked, v.end(), limit)
            if masked[stop : stop + 1] in (",", ":", '"', "") or stop >= limit:
                got = self._inverted_source(v.end(), limit)  # "..., explained Halvorsen, '...'"
                if got is not None and got[0] is not None:
                    return got
        if not chunks or '"' in gap:
            if v.group() in attr.INVERTABLE:
                return self._inverted_source(v.end(), limit)
            return None
        # Walk back over appositives and relative clauses to the subject.
        k = len(chunks) - 1
        if gap.strip() == ",":
            for r in range(k, 0, -1):
                if _RELATIVE.match(masked[chunks[r][0] : chunks[r][1]].lstrip()):
                    if self.head_mention(*chunks[r - 1]) is not None:
                        k = r - 1  # "Odile Brandt, whose hometown, Boston, is ..., argues"
                    break
        while k >= 0:
            s, e = chunks[k]
            piece = masked[s:e].lstrip()
            if (
                _RELATIVE.match(piece)
                and k > 0
                and masked[e : chunks[k + 1][0] if k + 1 < len(chunks) else v.start()].strip()
                == ","
            ):
                k -= 1  # "Smith, who ran in 2012, said"
                continue
            if k > 0 and _ASIDE_CHUNK.fullmatch(piece):
                k -= 1  # "Jory Amsel, 22, of Flint, Mich., said", "Orla Brandt, D-Vt., said", "X — mentioned by Y — said"
                continue
            p, name, found = self.resolve_chunk(s, e, "before")
            head = self.head_mention(s, e)
            if (
                k > 0
                and (head is None or _DETERMINER.match(piece) or _starts_with_role(piece))
                and not _pronoun_at_end(attr.strip_aux(piece))
            ):
                before = k - 1
                while before > 0 and _ASIDE_CHUNK.fullmatch(
                    masked[chunks[before][0] : chunks[before][1]].lstrip()
                ):
                    before -= 1  # "Ramon Tulley, 44, a Fresno welder, said": past the age
                prev_head = self.head_mention(*chunks[before])
                if (
                    prev_head is not None
                    and all(
                        masked[chunks[r][1] : chunks[r + 1][0]].strip() == ","
                        for r in range(before, k)
                    )
                    and (person_like(self.person_of[prev_head]) or self.person_of[prev_head].is_org)
                ):
                    # A description in apposition ("Ivo Marten, Harbor Board spokesman, said", "Nell Parrish,
                    # president and CEO of the guild, stated"): its name is the subject.
                    k = before
                    continue
            if (
                head is not None
                and k >= 2
                and masked[chunks[k - 1][1] : s].strip() == ","
                and _DETERMINER.match(masked[chunks[k - 1][0] : chunks[k - 1][1]].lstrip())
                and self.head_mention(*chunks[k - 1]) is None
                and self._opens_with_name(*chunks[k - 2])
                and (first := self.head_mention(*chunks[k - 2])) is not None
                and person_like(self.person_of[first])
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

    def cue_paragraph(
        self, para_start: int, para_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The source of the last speech verb outside quotes in a paragraph ("Varga added that...")."""
        masked = self.masked
        verbs = attr.verbs_in(masked, para_start, para_end)
        if not verbs:
            acc = attr.according_to(masked, para_start, para_end)
            if acc is None:
                return None
            p, name, found = self.resolve_chunk(acc.start, acc.start + len(acc.phrase), "after")
            return (p, name, "paragraph") if found and p is not None else None
        v = verbs[-1]
        ss, _ = self.sentence_bounds(v.start(), para_start, para_end)
        got = self.subject_of(v, ss, para_end)
        if got is None or got[0] is None:
            return None
        return got[0], got[1], "paragraph"

    def cue_signature(
        self, para_start: int, para_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The source signing a quote on the line after it ("— Odile Fenn." / "- Fenn, in a letter.")."""
        line = self.masked[para_start:para_end]
        dash = _SIGNATURE.match(line)
        if dash is None or len(line) > 90 or line.rstrip().endswith(("–.", "—.", "-.")):
            return None  # ("Harbor talks stall –.": a section heading, not a signature)
        idx = self.mentions_in(para_start, para_end)
        if not idx:
            return None
        m = self.mentions[idx[0]]
        if m.start != para_start + dash.end() or not _SIGNATURE_REST.match(
            self.masked, m.end, para_end
        ):
            return None
        p = self.person_of[idx[0]]
        if _is_place(p):
            return None
        return p, p.name, "signed"

    def cue_subject(
        self, sent_start: int, pos: int, orgs: bool = False, first: bool = False
    ) -> tuple[Person | None, str | None, str] | None:
        """The subject for a partial quote with no speech verb: the last named actor, or with `first` the first."""
        masked = self.masked
        pm = (
            _PRON_FIRST.match(masked, sent_start, pos)
            or (
                _he_or_she_after_space(masked[sent_start:pos].lower())
                and _PRON_SUBJECT.search(masked, sent_start, pos)
            )
            or None
        )
        if first and not pm:
            i = bisect.bisect_left(self.mention_starts, sent_start)
            if (
                i < len(self.mentions)
                and self.mentions[i].end < pos
                and not masked[sent_start : self.mentions[i].start].strip()
                and _HEADLINE_COLON.match(masked, self.mentions[i].end)
                and ":" not in masked[masked.index(":", self.mentions[i].end) + 1 : pos]
            ):  # (not a form: "Name: Jo Age: 27")
                p = self.person_of[i]  # "Colin Rusk: Fenn's order is 'a stunt' and will not stand"
                return p, p.name, "subject"
            # "Fenn signed an order, while Mayor Colin Rusk proposed we '…'": the subject of the quote's own clause.
            clause = attr.last_match(_CLAUSE_BREAK, masked, sent_start, pos)
            if clause is not None:
                i = bisect.bisect_left(self.mention_starts, clause.end())
                if (
                    i < len(self.mentions)
                    and self.mentions[i].end <= pos
                    and _SUBJECT_LEAD.fullmatch(masked, clause.end(), self.mentions[i].start)
                ):
                    sent_start = clause.end()
        idx = self.mentions_in(sent_start, pos)
        doer = None  # an object that does the infinitive after it ("prompted Vey to joke and call Osk '…'")
        objects = False  # a name passed over as the object of a verb
        for i in idx if first else reversed(idx):
            m = self.mentions[i]
            if pm and (pm.start() > m.end if not first else pm.start() < m.start):
                break
            p = self.person_of[i]
            if not p.is_org and _CAMPAIGN_NEXT.match(masked, m.end) and person_like(p):
                return (
                    p,
                    p.name,
                    "subject",
                )  # "the Okafor campaign projects", "Brandt's campaign sent out"
            if (
                doer is None
                and not p.is_org
                and _INFINITIVE_NEXT.match(masked, m.end, pos)
                and _CONTROL_VERB_BEFORE.search(masked, max(sent_start, m.start - 20), m.start)
            ):
                doer = p
            if (
                (p.is_org and not orgs)
                or not (person_like(p) or (orgs and p.is_org))
                or self.antecedents[i].oblique
            ):
                continue
            if first and self._is_modifier(i):
                continue
            if (
                first
                and _INTRO.match(masked, sent_start)
                and "," in masked[m.end : pos]
                and "," not in masked[sent_start : m.start]
            ):
                continue  # "Like Amsel, Rook ... arguing": the name in the opening phrase
            before = _WORD_BEFORE.search(masked, max(sent_start, m.name_start - 25), m.name_start)
            if before:
                w = before.group(1)
                if w.lower() in _DETERMINERS and _LOWER_NEXT.match(masked, m.end):
                    continue
                if _VERBISH.fullmatch(w) and w not in TITLES and w not in _CONNECTIVES:
                    continue
                if _BARE_VERB.fullmatch(w):
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
            p = resolve_pronoun(
                pm.group(1),
                pm.start(1),
                self.antecedents,
                _WINDOW,
                self.sentence_starts,
                self.masked,
            )
            return p, p.name if p else None, "subject"
        return None

    def cue_later_verb(
        self, q: QuoteSlot, sent_end: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The source of the first speech verb later in the sentence ('"..." that..., Smith wrote')."""
        v = attr.first_verb(self.masked, q.close_end, sent_end)
        if v is None:
            return None
        got = self.subject_of(v, q.close_end, sent_end)
        return (got[0], got[1], "later") if got else None

    def cue_speech_noun(
        self, q: QuoteSlot, sent_start: int
    ) -> tuple[Person | None, str | None, str] | None:
        """The owner of a speech noun before the quote: 'her remark that "…"', 'Quell's call for a "full audit"'."""
        m = attr.last_match(
            _SPEECH_NOUN, self.masked, max(sent_start, q.open_start - 120), q.open_start
        )
        if m is None or '"' in self.masked[m.end() : q.open_start]:
            return None
        if m.group(1):
            p = resolve_pronoun(
                m.group(1), m.start(1), self.antecedents, _WINDOW, self.sentence_starts, self.masked
            )
            return (p, p.name, "noun") if p is not None else None
        i = bisect.bisect_right(self.mention_starts, m.start()) - 1
        if i >= 0 and self.mentions[i].end >= m.start() - 3 and not self.person_of[i].is_org:
            p = self.person_of[i]
            return p, p.name, "noun"
        return None

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


# A line signing the quote above it: a dash, then the name; after the name only an end or a comma and an aside.
_SIGNATURE = re.compile(r"[ \t]*[-–—]{1,2}[ \t]*")
_SIGNATURE_REST = re.compile(r"[ \t]*(?:\.?[ \t]*$|,[^\x00\"“”]*$)")
_NAME_NEXT = re.compile(r"\s+(?:[A-Z]|(?:former|the|a|an)\s+[A-Za-z])")
# A lower-case word that reads as a verb, so a name after it is its object ("slams Quell").
_VERBISH = re.compile(
    r"[a-z]{2,}(?:ed|es|s|ing)|told|met|beat|hit|let|made|saw|took|gave|sent|called|named|asked|urged|put|led"
)
# Bare verbs: no subject comes right after its verb in English, so a name after "to call", "and tell" is an object.
_BARE_VERB = re.compile(
    r"tell|ask|call|urge|thank|praise|accuse|attack|blame|warn|sit|meet|invite|describe|label|brand|dub|"
    r"criticize|criticise|mock|defeat|support|endorse|hire|fire|interview|greet|challenge|pressure|remind|"
    r"convince|persuade|congratulate|compare"
)


def _takes_object(word: str) -> bool:
    """True for a lower-case word that reads as a verb, so a name right after it is its object."""
    return (
        bool(_VERBISH.fullmatch(word) or _BARE_VERB.fullmatch(word))
        and word not in TITLES
        and word not in _CONNECTIVES
    )


_TAIL_WORDS = re.compile(r"[\w'’\-]+")
_NEW_SENTENCE_PRONOUN = re.compile(r"[\"'’\s]*(?:He|She|They|We|It|I)\b")
_ASIDE_CHUNK = re.compile(
    r"\s*(?:\d{1,3}|of\s+[^,]{1,40}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[DRI]-[A-Z][A-Za-z.]{1,12}|"
    r"(?:an?\s+)?(?:Republican|Democrat|[Ii]ndependent)\s+(?:of|from)\s+[^,]{1,40}|"
    r"[a-z]+ed\s+(?:by|as|in|at|for|to|from|with)\b[^,]*)\s*"
)


def _starts_with_role(piece: str) -> bool:
    """True for a phrase opening with a lower-case role word ("president and CEO of ...", "spokesman for ...")."""
    first = piece.split(None, 1)[0] if piece.strip() else ""
    return first.islower() and (first in TITLES or _is_role(first))


# A verb of speech coordinated with an earlier one ("… and criticized"), and a pronoun with a verb of its own.
_AND_BEFORE_VERB = re.compile(r"\s(?:and|but|then)\s+(?:(?:also|later|then)\s+)?$")
_PRON_CLAUSE = re.compile(r"\s*(?:he|she|they|it|we|i)\s+[a-z]+", re.I)
# A role speaking for someone, and what may stand between it and the name: "spokeswoman for the", "aide to".
_ON_BEHALF = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|lawyer|attorney|counsel|aide|adviser|advisor)\s+(?:for|to)\s+"
    r"(?:(?:the|former|then)\s+)*"
)
# A name and a colon opening a headline: "Colin Rusk:", "Councillors' reaction:".
_HEADLINE_COLON = re.compile(r"(?:['’]s?)?(?:\s+[a-z]+){0,2}:")
# Where a second clause with its own subject begins: ", while", "; but", " - but".
_CLAUSE_BREAK = re.compile(r"(?:[,;]|\s[-—–]+)\s+(?:while|but|whereas|although|though|yet)\s+|;\s+")
# What may stand between a clause break and the name of its subject.
_SUBJECT_LEAD = re.compile(r"(?:the\s+|former\s+)?")


_INTRO = re.compile(
    r"\s*(?:At|In|On|During|After|Before|From|With|For|Since|Like|Unlike|Asked|When|While|As|Earlier|Later|"
    r"Last|This|Speaking|Reflecting|Responding|Writing|Appearing|Despite|Following|Outside|Inside)\b"
)
_AUX_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|am|'s|’s|'re|’re)\s+$")
# Verbs of speech whose passive subject is the one spoken to ("was asked", "were told").
_ADDRESSEE_VERBS = frozenset(("asked", "told"))
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|got|gets)\s+(?:(?:also|then|again|later|\w+ly)\s+)?$"
)
_PARENTHETICAL = re.compile(r"\([^()\x00\n]{1,24}\)")
_WORD_BEFORE = re.compile(r"([\w\-]+)\s+$")
_INFINITIVE_NEXT = re.compile(r"\s+to\s+(?:\w+ly\s+)?[a-z]{2,}\b")
# A verb whose object does the infinitive after it: "prompted Vey to", "urged Osk to".
_CONTROL_VERB_BEFORE = re.compile(
    r"\b(?:prompt|lead|led|forc|urg|push|ask|tell|told|caus|encourag|invit|inspir|press|spur|allow|persuad|convinc|"
    r"challeng|dar)(?:e|es|ed|s|d)?\s+$"
)
_LOWER_NEXT = re.compile(
    r"\s+(?!(?:said|says|told|has|had|have|is|was|who|also|added|wrote|and|or)\b)[a-z]"
)
_DEFINITE_OR_INDEFINITE = frozenset("the a an another one".split())
_INDEFINITE = frozenset("a an another one".split())
# Peoples' adjectives used before a role ("a Norwegian official", "the Texan"), besides the places themselves.
_DEMONYM_END = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish)")


def _is_place(p: Person, demonyms: bool = True) -> bool:
    """A single-word place (or, with `demonyms`, a people's adjective): a modifier of a role, not a speaker."""
    if len(p.tokens) != 1:
        return False
    word = p.tokens[0]
    return word.lower() in PLACES or demonyms and _is_demonym(word)


@lru_cache(maxsize=16384)
def _is_demonym(word: str) -> bool:
    """True for a people's adjective ("Mexican", "Russian", "Chinese"); surnames of that shape are rare here."""
    return _DEMONYM_END.fullmatch(word) is not None and word.lower() not in _NOT_DEMONYMS


_NOT_DEMONYMS = frozenset(
    "obama brian ryan dean susan jan stan nolan logan morgan duncan sean ian evan "
    "dominic eric patrick frederick derrick rick nick ali levi".split()
)
_DETERMINERS = frozenset("a an the another one this that these those".split())
_CONNECTIVES = frozenset(
    "and but or so then as while when where because after before if said says told and".split()
)
_DETERMINER = re.compile(r"(?:a|an|the|another|one)\s", re.I)
# Words that link a quote to a clause rather than name a role ('," with Sen. Brandt', '," as Mrs. Quell').
_FUNCTION_WORDS = (
    "with|until|as|to|only|because|and|or|but|that|for|in|on|at|by|of|from|about|while|than|when|where|if|"
    "after|before|since|like|against|over|into|per|via|said|says|its|his|her|their|our|my|your|he|she|they|"
    "we|it|then|even|just|also|not|so|what|which|who|how|why|between|among|during|under|through"
)
# How a source phrase right after a quote can begin: a capital, a pronoun, a determiner, a role adjective.
_NP_START = re.compile(
    r"\s*(?:[A-Z]|(?:he|she|they|it|we|i|who|the|a|an|one|another|his|her|their|its|former|longtime|veteran|"
    r"then|ex|retired|top|senior|one|two|three|several|many|some|both|state|federal|campaign|press)\s"
    # Lower-case role words before a name: '," union general secretary Marta Kovač told'.
    r"|(?:(?!(?:" + _FUNCTION_WORDS + r")\b)[a-z][a-z\-]*(?<!ing)\s+){1,4}(?=[A-Z]))"
)
_ADVERBIAL = re.compile(
    r"\s*(?:in|on|at|during|after|before|last|this|earlier|later|from)\b[^,\"\x00]{0,60},"
)
_COORDINATION = re.compile(r"\s+(?:and|&|or)\s+(?=[A-Z]|(?:[a-z]+\s+){0,3}[A-Z])")
_SKIP_PUNCT = re.compile(r"[\s,;:—–\-'’\"]*")
_INVERTED = re.compile(
    r"(?:(?:also|then|later|again)\s+)?(?:"
    + "|".join(sorted(attr.INVERTABLE, key=len, reverse=True))
    + r")\b\s*"
)
_PRON_SUBJECT = re.compile(
    r"(?:(?<=[,;])\s+|\b(?:and|but|as|when|while|because|after|before)\s+)(he|she)\b(?!['’])", re.I
)
_PRON_FIRST = re.compile(r"[\s\"]*(?:[A-Z][a-z]+,\s+)?(he|she)\b(?!['’])", re.I)
_SHORT_SOURCE = re.compile(
    r"((?:(?:an?|the)\s+[a-z]+\s+)?(?:[A-Z][\w'’\-.]*\s+){0,3}[A-Z][\w'’\-]*|he|she)\s+[a-z]{3,}(?:ed|s)\s*(?:[.;]|$)"
)
_AGENT_BEFORE = re.compile(
    r"\b(?:(?:sent|released|issued|written|posted|signed|published|put|given|delivered|made)(?:\s+out)?\s+by|"
    r"(?:letter|statement|e-?mail|memo|report|note|message|release|tweet|post|filing|study)\s+from)\s+(?:the\s+)?$"
)
_SUBJECT_PRONOUN = re.compile(
    r"\s*(?:(er|sie|il|elle|él|ella|lui|lei|ele|ela)\b|(?=[.;]|$|(?:ante|en|a\s+(?:los|las|la|el|su|sus|un|una)|al|"
    r"durante|tras|desde|con|dans|devant|lors|im|vor|bei|auf|nach|gegenüber|davanti|perante|diante)\b))"
)
# Descriptions in languages whose articles mark gender: an article, up to two words, a noun for a person.
_GENDERED_LANGS = frozenset(("fr", "es", "de", "it", "pt"))
_GENDERED_DESCRIPTION = re.compile(
    r"(?<!\w)(le|la|el|un|une|una|der|die|den|dem|ein|eine|il|lo|o|a)\s+(?:[\w'’\-]+\s+){0,2}?([\w\-]+)$",
    re.I,
)
_FEMININE_ARTICLES = frozenset(("la", "une", "una", "die", "eine", "a"))
# Nouns for people: agent and role endings of French, Spanish, Italian, Portuguese and German, and a few roles.
_PERSON_NOUN = re.compile(
    r"(?:euse|rice|ienne|ière|iste|ante|ente|eur|ier|ien|aire|ologue|ora|ero|era|ista|dor|ado|ada|ico|ica|"
    r"jährige|jähriger|erin|ende|ender|iker|ikerin|ist|istin|maire|ministre|ministra|ministro|juge|juez|jueza|"
    r"chef|cheffe|alcalde|alcaldesa|presidente|presidenta|portavoz|porte-parole|sindaco|sindaca)$",
    re.I,
)
# A possessive and a noun for something said, the quote following within the clause.
_SPEECH_NOUN = re.compile(
    r"(?:\b(his|her)|['’]s?)\s+(?:[a-z\-]+\s+){0,2}?(?:remarks?|statements?|comments?|words|claims?|call|calls|"
    r"pledge|promises?|vows?|warnings?|assertions?|declaration|quip|tweets?|response|answer|suggestion|"
    r"insistence|admission|description|characterization|charge|accusation|slogan|mantra|message)\b"
    r"(?:\s+(?:that|of|for|to|about|on|,))?[^.!?\x00\"]{0,60}$"
)
_LEAD_IN = re.compile(r"\b(?:The|the)\b")
_PRONOUN_AFTER_VERB = re.compile(r"\s+(er|sie|il|elle|él|ella)\b(?!['’\-])")
_FRENCH_INVERSION = re.compile(r"(?:(?:a|avait|aurait)-t-|[a-zà-ÿ]+-t-|[a-zà-ÿ]+e-)(il|elle)\b")
_CAMPAIGN_NEXT = re.compile(r"(?:['’]s?)?\s+campaign\b")
_RELATIVE = re.compile(r"(?:who|whom|whose|which|where|when)\b", re.I)


_PRONOUN_ENDINGS = ("he", "they", "it", "we", "i", "who", "which")


def _pronoun_at_end(phrase: str) -> re.Match | None:
    """_PRON_END.search(phrase), with the common case (no pronoun last) decided without the regex."""
    tail = phrase[-5:]
    if tail.isascii() and tail[-1:] != "\n" and not tail.lower().endswith(_PRONOUN_ENDINGS):
        return None
    return _PRON_END.search(phrase)


def _he_or_she_after_space(low: str) -> bool:
    """True when "he" or "she" follows white space somewhere in `low` (a test _PRON_SUBJECT needs to pass)."""
    i = low.find("he", 1)
    while i >= 0:
        if low[i - 1].isspace() or (low[i - 1] == "s" and i >= 2 and low[i - 2].isspace()):
            return True
        i = low.find("he", i + 1)
    return False


def last_verb_end(masked: str, start: int, end: int) -> int | None:
    """End offset of the last speech verb in masked[start:end], or None."""
    last = None
    for v in attr.VERB.finditer(masked, start, end):
        if v.group() in attr.PLURAL_NOUNS and attr.noun_use(masked, v, end):
            continue
        last = v.end()
    return last


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
