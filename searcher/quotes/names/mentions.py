"""Finding the names mentioned in a text: capitalised runs split at sentence ends and headlines, then parsed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, TypeVar, overload

from .lexicon import (
    ADVERB_ENDINGS,
    DE_ARTICLES,
    FUNCTION_WORDS,
    HEADLINE_WORDS,
    NOT_NAME,
    TITLES,
)
from .parse import Mention, is_role_noun, parse_name

# A capitalised word (with any trailing period: initials, "Mr.", "U.S.", or a sentence end), and
# sequences of them joined by spaces and name particles (de, van, bin) or "of"/"for".
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-.]*"

_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|bin|ibn|al|el|la|le|dos|das|ter|of|for)"

_NAME_SEQ = re.compile(rf"{_WORD}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)?{_WORD})*")

_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Atty|Supt|Cmdr|Maj|Brig|"
    r"Fr|Sr|Jr|St|Ft|Mt|Lt\.Gen|Maj\.Gen|Brig\.Gen|Pres|Sec|Gen|Messrs|Mme|Mlle|Hon|Amb|Insp|Det|Sgt|Cpl|Pvt)\."
)


@lru_cache(maxsize=65536)
def _parsed(raw: str) -> tuple[str, tuple[str, ...], bool, int, str | None] | None:
    """`parse_name` of a run, memoised: name, titles, is_org, offset of the name, and its surname when
    that surname is also a common word ("Hollis Early": "Early"), else None."""
    men = parse_name(raw)
    if men is None:
        return None
    offset = raw.find(men.name.split(" ", 1)[0]) if men.titles else 0
    last = men.name.rpartition(" ")[2]
    word_surname = (
        last if last != men.name and not men.is_org and last.lower() in NOT_NAME else None
    )
    return men.name, men.titles, men.is_org, max(offset, 0), word_surname


_AFTER_GERUND = re.compile(
    r" (?:on|in|at|to|for|with|about|from|the|a|an|his|her|their|its|that|through|over|after|before|up|out)\b"
)

_PLAIN_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;0123456789")

_OPENERS = frozenset('.!?:\n"“”\x00')


def _pieces(raw: str, pos: int) -> list[tuple[str, int, int]]:
    """Split a capitalised run at sentence-ending periods ("Quell. Brandt"), dropping those periods."""
    out = []
    start = 0
    i = 0
    for tok in raw.split(" "):
        j = i + len(tok)
        if tok.endswith(".") and not _ABBREVIATION.fullmatch(tok):
            if j - 1 > start:
                out.append((raw[start : j - 1], pos + start, pos + j - 1))
            start = j + 1
        elif tok.endswith(("'s", "’s", "s'", "s’")) and j < len(raw):
            # "The Harwick Ledger's Ann Roe", "Port News’ Ivo Marten": the possessor and the person are
            # two names.
            out.append((raw[start:j], pos + start, pos + j))
            start = j + 1
        elif i > 0 and tok in HEADLINE_WORDS and j < len(raw):
            # A headline in title case: "Omar Vell Just Said Something Surprising About Lena Dorr" is no one name.
            if i - 1 > start:
                out.append((raw[start : i - 1], pos + start, pos + i - 1))
            start = j + 1
        i = j + 1
    if start < len(raw):
        out.append((raw[start:], pos + start, pos + len(raw)))
    return out


@lru_cache(maxsize=65536)
def _split(raw: str) -> tuple[tuple[str, int, int, tuple | None], ...] | None:
    """`_pieces` of a capitalised run with offsets relative to it and each piece's `_parsed`, memoised: the
    same runs recur.  None for a single word never taken for a name (see word_surnames in find_mentions)."""
    if " " not in raw and raw.lower() in NOT_NAME:
        return None
    split = (
        "." in raw
        or "s " in raw
        or "’ " in raw
        or "' " in raw
        or (" " in raw and not HEADLINE_WORDS.isdisjoint(raw.split(" ")[1:]))
    )
    pieces = _pieces(raw, 0) if split else ((raw, 0, len(raw)),)
    # A single word that is no name stays none whatever find_mentions trims: dropped here.
    return tuple(
        (piece, a, b, got)
        for piece, a, b in pieces
        if (got := _parsed(piece)) is not None or " " in piece
    )


# Capitalised forms of the words never taken for a name, tested before anything else (most matches).
_SKIP_WORDS = (
    FUNCTION_WORDS
    | {w.capitalize() for w in NOT_NAME}
    | {w.upper() for w in NOT_NAME if len(w) > 1}
)


def _used_in_lower_case(text: str, low: str) -> bool:
    """True when the text has `low` as a word in lower case (followed by a space, comma or period)."""
    needle = " " + low
    n = len(needle)
    i = text.find(needle)
    while i >= 0:
        if text[i + n : i + n + 1] in _WORD_ENDS:
            return True  # one scan of the text where three `in` tests took three
        i = text.find(needle, i + n)
    return False


_WORD_ENDS = frozenset((" ", ",", "."))

_DE_ARTICLE_BEFORE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(DE_ARTICLES, key=len, reverse=True)) + r")[ \u00a0]+$", re.I
)


def _german_noun(text: str, raw: str, pos: int) -> bool:
    """True for a German capitalised run that follows an article ("aus der Angst", "Ein Eingreifen der Regierung").

    German capitalises every noun; after an article a capital is a noun, unless it is a role before a name
    ("die Verkehrsministerin Colette Brennan-Achterberg").
    """
    first, _, rest = raw.partition(" ")
    if first.lower() in DE_ARTICLES:
        first = rest.partition(" ")[0]
    elif not _DE_ARTICLE_BEFORE.search(text, max(0, pos - 8), pos):
        return False
    return bool(first) and not (is_role_noun(first) or first.lower().rstrip(".") in TITLES)


# The class of the mentions made: Mention or a subclass taking the same arguments.
M = TypeVar("M", bound=Mention)


@overload
def find_mentions(
    text: str, start: int = 0, end: int | None = None, lang: str | None = None
) -> list[Mention]: ...


@overload
def find_mentions(
    text: str, start: int = 0, end: int | None = None, lang: str | None = None, *, make: type[M]
) -> list[M]: ...


def find_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    lang: str | None = None,
    make: type[Any] = Mention,
) -> list[Any]:  # (the overloads above give callers the class they pass)
    """Every capitalised name-like sequence in text[start:end], titles stripped (`lang` "de": nouns skipped).

    `make` is the class of the mentions made (a subclass of Mention taking the same arguments).
    """
    out: list[Mention] = []
    german = lang == "de"
    append = out.append
    # Sentence-initial words, whether the article also uses them in lower case (made on first need).
    vocabulary: dict[str, bool] | None = None
    skip = _SKIP_WORDS
    # Surnames that are also common words ("Tova From", "Hollis Early"): later alone, mid-sentence, still names.
    word_surnames: set[str] = set()
    for m in _NAME_SEQ.finditer(text, start, len(text) if end is None else end):
        raw = m.group()
        pieces = None if raw in skip else _split(raw)
        if pieces is None:
            if word_surnames and raw in word_surnames and _mid_sentence(text, m.start()):
                append(make(m.start(), m.end(), raw, (), False))
            continue
        base = m.start()
        for raw, pos, stop, got in pieces:
            piece = raw
            pos += base
            stop += base
            if pos > 1 and text[pos - 1] == "-" and text[pos - 2].isdigit():
                continue  # "die 68-Jährige", "a 30-Year plan": a compound's capitalised tail, not a name
            while german and raw and _german_noun(text, raw, pos):
                # Drop the article and the noun; a name may follow, in apposition ("der Imker Konrad Wiesholz")
                # or after "von" ("im Küchenschrank von Elfriede Baumgartner"); after another article
                # ("Ein Eingreifen der Regierung") the rest is a noun too.
                toks = raw.split(" ")
                k = 2 if toks[0].lower() in DE_ARTICLES else 1
                if k < len(toks) and toks[k] == "von":
                    k += 1
                if k >= len(toks) or toks[k].lower() in DE_ARTICLES or toks[k].islower():
                    raw = ""
                    break
                cut = len(" ".join(toks[:k])) + 1
                pos += cut
                raw = raw[cut:]
            if not raw:
                continue
            # Sentence-initial?  Look back over spaces and closing quotes to the previous mark.
            j = pos - 1
            if j > 0 and text[j] == " " and text[j - 1] in _PLAIN_BEFORE:
                initial = False  # the common case, "… said Name": decided without walking back
            else:
                while j >= 0 and text[j] in " \u00a0'’":
                    j -= 1
                # (A blanked quote that ends without a period runs on: '"…," Will said' is mid-sentence.)
                initial = j < 0 or (
                    text[j] in _OPENERS and not (text[j] == '"' and j > 0 and text[j - 1] == "\x00")
                )
            if initial:
                # A sentence-initial word the article also uses in lower case is not a name ("Maybe Quell").
                if vocabulary is None:
                    vocabulary = {}
                first, _, rest = raw.partition(" ")
                low = first.lower()
                common = vocabulary.get(low)
                if common is None:
                    common = vocabulary[low] = low not in TITLES and (
                        len(low) >= 8
                        and low.endswith(ADVERB_ENDINGS)
                        or _used_in_lower_case(text, low)
                    )
                if (
                    not common
                    and not rest
                    and low.endswith("ing")
                    and _AFTER_GERUND.match(text, stop)
                ):
                    continue  # "Reflecting on his career, ...": a participle opening the sentence
                if common:
                    if not rest:
                        continue
                    raw, pos = rest, pos + len(first) + 1
            if raw is not piece:
                got = _parsed(raw)  # a shorter run than the memoised piece
            if got is not None:
                name, titles, is_org, offset, word_surname = got
                append(make(pos, stop, name, titles, is_org, offset))
                if word_surname is not None:
                    word_surnames.add(word_surname)
    return out


def _mid_sentence(text: str, pos: int) -> bool:
    """True when the word at `pos` follows a lower-case word or a comma (not a sentence opening)."""
    j = pos - 1
    while j >= 0 and text[j] in " \u00a0":
        j -= 1
    return (
        j >= 0
        and j < pos - 1
        and (
            text[j].islower()
            or text[j] == ","
            or (text[j] == '"' and j > 0 and text[j - 1] == "\x00")
        )
    )
