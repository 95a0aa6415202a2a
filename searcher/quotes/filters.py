"""Quoted text that is not speech: titles of works, scare quotes, nicknames; and pull-quote duplicates."""

from __future__ import annotations

import re

# Words that introduce the title of a work or a name rather than speech.
_TITLE_CUE = re.compile(
    r"(?:\b(?:titled|entitled|headlined|headline|dubbed|nicknamed|named|known\s+as|so-called|"
    r"film|movie|book|novel|song|album|show|series|program|programme|documentary|play|musical|"
    r"column|op-ed|essay|article|episode|hashtag|slogan|motto|magazine|newspaper|podcast|segment|feature|"
    r"(?:show|film|movie|book|program|programme|podcast|ad|video|group|feature|song|album|game|app)\s+"
    r"(?:called|named|titled|dubbed))\s*,?\s*)$",
    re.I,
)
# The last word of every _TITLE_CUE alternative, and the endings _ON_SHOW and _OUTLET_POSSESSIVE need.
_TITLE_CUE_ENDS = tuple("""titled entitled headlined headline dubbed nicknamed named as so-called film movie book novel
song album show series program programme documentary play musical column op-ed essay article episode hashtag slogan
motto magazine newspaper podcast segment feature called""".split())
_CUE_ENDS = ("on", "'s", "’s")
_WORD = re.compile(r"[\w'’\-]+")
_OUTLET_POSSESSIVE = re.compile(r"\b[A-Z][\w.&\-]*['’]s\s*$")
_ON_SHOW = re.compile(r"\b(?:on|appeared\s+on|appearing\s+on)\s*$")
_MINOR = frozenset("a an the and or but of in on at to for with by from as is vs".split())


def title_case(s: str) -> bool:
    """True when every major word of `s` is capitalised (a title, a show, a slogan)."""
    words = _WORD.findall(s)
    major = [w for w in words if w.lower() not in _MINOR]
    return bool(major) and len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in major)


def is_not_speech(masked: str, text: str, open_start: int, close_end: int, start: int, end: int, sent_start: int) -> bool:
    """True for a quoted span that names a work or is used as a term, where the text shows it."""
    inner = text[start:end]
    if len(inner) > 80:
        return False  # long spans are speech, not titles or terms
    before = masked[max(sent_start, open_start - 40):open_start]
    tail = before.rstrip()
    if not tail.endswith(_CUE_ENDS) and not tail.rstrip(",").rstrip().lower().endswith(_TITLE_CUE_ENDS):
        return False  # no cue word, "on" or possessive just before: the common case, decided without regexes
    if _TITLE_CUE.search(before) and (title_case(inner) or len(_WORD.findall(inner)) <= 4):
        return True
    if _ON_SHOW.search(before) and title_case(inner.rstrip(",.")) and len(_WORD.findall(inner)) <= 5:
        return True  # said on "Morning Joe," / appeared on "Fox and Friends": a programme
    if _OUTLET_POSSESSIVE.search(before) and inner[:1].isupper() and (
            title_case(inner) or len(_WORD.findall(inner)) <= 2):
        return True  # NBC's "Today", CNN's "State of the Union": a programme or publication
    return False


def same_quote_key(s: str) -> str | None:
    """A key under which a long quote and its pull-quote repeat compare equal; None for short ones."""
    if s.count(" ") < 7:
        return None
    words = _WORD.findall(s.lower())
    return " ".join(words) if len(words) >= 8 else None


def looks_like_a_title(s: str) -> bool:
    """A short span in title case ("Winter Harbour", "Make America Great Again"): a name, not speech."""
    words = _WORD.findall(s)
    if not words or len(words) > 6:
        return False
    if len(words) == 1:
        return words[0][0].isupper()
    return title_case(s)


def looks_like_a_scare_quote(s: str) -> bool:
    """A word or two in quotation marks with nobody said to speak it: a term held at a distance."""
    return len(_WORD.findall(s)) <= 2
