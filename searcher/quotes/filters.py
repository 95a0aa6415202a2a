"""Quoted text that is not speech: titles of works, scare quotes, nicknames; and pull-quote duplicates."""

from __future__ import annotations

import re

# Words that introduce the title of a work or a name rather than speech.
_TITLE_CUE = re.compile(
    r"(?:\b(?:titled|entitled|headlined|headline|dubbed|nicknamed|named|known\s+as|so-called|"
    r"film|movie|book|novel|song|album|show|series|program|programme|documentary|play|musical|"
    r"column|op-ed|essay|article|episode|hashtag|slogan|motto|magazine|newspaper|podcast|segment|feature|"
    r"(?:co-)?authors?\s+of|"
    r"(?:show|film|movie|book|program|programme|podcast|ad|video|group|feature|song|album|game|app|account|"
    r"collection|website|blog|page)\s+(?:called|named|titled|dubbed))\s*,?\s*)$",
    re.I,
)
# The last word of every _TITLE_CUE alternative, and the endings _ON_SHOW and _OUTLET_POSSESSIVE need.
_TITLE_CUE_ENDS = tuple(
    """titled entitled headlined headline dubbed nicknamed named as so-called film movie book novel
song album show series program programme documentary play musical column op-ed essay article episode hashtag slogan
motto magazine newspaper podcast segment feature called of""".split()
)
_CUE_ENDS = ("on", "'s", "’s")
# "called the levy program '…'": the quote says what the thing is, it does not name it.
_CALLED_THE = re.compile(
    r"\b(?:call|calls|called|calling|described|describes|labeled|labelled|branded)\s+"
    r"(?:the|this|that|his|her|their|its)\s+(?:[\w\-]+\s+){1,3}$"
)
_WORD = re.compile(r"[\w'’\-]+")
_OUTLET_POSSESSIVE = re.compile(r"\b[A-Z][\w.&\-]*['’]s\s*$")
_ON_SHOW = re.compile(r"\b(?:on|appeared\s+on|appearing\s+on)\s*$")
# An author's name after a title: '" by Mina Coll', '," by the Ledger's Ann Roe'.
_BYLINE_AFTER = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z]")
_MINOR = frozenset("a an the and or but of in on at to for with by from as is vs".split())


def title_case(s: str) -> bool:
    """True when every major word of `s` is capitalised (a title, a show, a slogan)."""
    words = _WORD.findall(s)
    major = [w for w in words if w.lower() not in _MINOR]
    return bool(major) and len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in major)


def _by_next(text: str, pos: int) -> bool:
    """True when "by" comes next after `pos`, past white space and a comma (a cheap test before _BYLINE_AFTER)."""
    rest = text[pos : pos + 40].lstrip()
    if rest[:1] == ",":
        rest = rest[1:].lstrip()
    return rest.startswith("by")


def is_not_speech(
    masked: str, text: str, open_start: int, close_end: int, start: int, end: int, sent_start: int
) -> bool:
    """True for a quoted span that names a work or is used as a term, where the text shows it."""
    inner = text[start:end]
    if text.find("by", close_end, close_end + 40) >= 0:  # (rarely: tested before anything else)
        if (
            inner.endswith(",")
            and text.startswith(" by ", close_end)
            and text[max(0, open_start - 2) : open_start].rstrip().endswith(("—", "–"))
        ):
            return True  # '—"Pop-up art show opens downtown," by the Ledger's Ann Roe': a headline and its byline
        if (
            _by_next(text, close_end)
            and _BYLINE_AFTER.match(text, close_end)
            and title_case(inner.rstrip(",."))
        ):
            return True  # "The Harbor Years: A Family in Trade" by Mina Coll: a work and its author
    if len(inner) > 80:
        return False  # long spans are speech, not titles or terms
    before = masked[max(sent_start, open_start - 40) : open_start]
    tail = before.rstrip()
    if not tail.endswith(_CUE_ENDS) and not tail.rstrip(",").rstrip().lower().endswith(
        _TITLE_CUE_ENDS
    ):
        return False  # no cue word, "on" or possessive just before: the common case, decided without regexes
    if (
        _TITLE_CUE.search(before)
        and (title_case(inner) or len(_WORD.findall(inner)) <= 4)
        and (title_case(inner) or not _CALLED_THE.search(before))
    ):
        return True
    if (
        _ON_SHOW.search(before)
        and title_case(inner.rstrip(",."))
        and len(_WORD.findall(inner)) <= 8
    ):
        return True  # said on "Morning Harbour," / appeared on "Dockside Tonight": a programme
    if (
        _OUTLET_POSSESSIVE.search(before)
        and inner[:1].isupper()
        and (title_case(inner) or len(_WORD.findall(inner)) <= 2)
    ):
        return True  # HBN's "Daybreak", the Ledger's "Week in Review": a programme or publication
    return False


def same_quote_key(s: str) -> str | None:
    """A key under which a long quote and its pull-quote repeat compare equal; None for short ones."""
    if s.count(" ") < 7:
        return None
    words = _WORD.findall(s.lower())
    return " ".join(words) if len(words) >= 8 else None


def _first_and_last_word(s: str) -> tuple[str, str] | None:
    """The first and last words of `same_quote_key(s)`, read from the ends of `s` only; None when unsure."""
    if "Σ" in s or "σ" in s or "ς" in s:
        return None  # a Greek sigma lower-cases by context: an end read alone may differ
    head = s[:40].lower()
    first = _WORD.search(head)
    tail = s[-40:].lower()[::-1]  # the last word, read backwards, is the first match
    last = _WORD.search(tail)
    if first is None or last is None or first.end() >= len(head) or last.end() >= len(tail):
        return None  # a word may run past the end read
    return first.group(), last.group()


class RepeatedQuotes:
    """Tells whether a quote repeats an earlier one (a pull-quote), as equal `same_quote_key`s.

    Keys are made only for quotes whose first and last words match an earlier quote's: most quotes share
    them with none, and a key costs a pass over the whole quote.
    """

    def __init__(self) -> None:
        self._by_ends: dict[tuple[str, str] | None, list[list]] = {}

    def repeats(self, s: str) -> bool:
        """True when `s` repeats a quote seen before; otherwise `s` is remembered."""
        if s.count(" ") < 7:
            return False  # too short to have a key
        ends = _first_and_last_word(s)
        if ends is not None and ends not in self._by_ends and None not in self._by_ends:
            self._by_ends[ends] = [[s, None]]
            return False
        key = same_quote_key(s)
        if key is None:
            return False
        if ends is None:  # any earlier quote may have the same key
            candidates = [entry for group in self._by_ends.values() for entry in group]
        else:  # one with the same ends, or one whose ends were not read
            candidates = self._by_ends.get(ends, []) + self._by_ends.get(None, [])
        for entry in candidates:
            if entry[1] is None:
                entry[1] = same_quote_key(entry[0])
            if entry[1] == key:
                return True
        self._by_ends.setdefault(ends, []).append([s, key])
        return False


def _first_words(s: str, n: int) -> list[str]:
    """The first `n` words of `s` (all of them if fewer): a long quote is not read to its end."""
    words = []
    for m in _WORD.finditer(s):
        words.append(m.group())
        if len(words) == n:
            break
    return words


def looks_like_a_title(s: str) -> bool:
    """A short span in title case ("Winter Harbour", "Bring the Harbour Home"): a name, not speech."""
    words = _first_words(s, 7)
    if not words or len(words) > 6:
        return False
    if len(words) == 1:
        return words[0][0].isupper()
    return title_case(s)


def looks_like_a_scare_quote(s: str) -> bool:
    """A word or two in quotation marks with nobody said to speak it: a term held at a distance."""
    return len(_first_words(s, 3)) <= 2
