"""Parsing a capitalised run into its title words and the name proper (a Mention), or an organisation."""

from __future__ import annotations

import re

from .lexicon import (
    FEMALE_NAMES,
    JOINERS,
    MALE_NAMES,
    NOT_NAME,
    ORG_WORDS,
    ROLE_ENDINGS,
    SUFFIXES,
    SURNAME_TITLES,
    TITLES,
    WORD_JOINERS,
)

POSSESSIVE = re.compile(r"['’]s?$")


class Mention:
    """A name found in the text, with titles removed."""

    __slots__ = ("start", "end", "name", "titles", "is_org", "name_start")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        titles: tuple[str, ...],
        is_org: bool,
        offset: int = 0,
    ) -> None:
        self.start, self.end, self.name, self.titles, self.is_org = start, end, name, titles, is_org
        # Where the name proper begins, after any titles ("Lt. Gen. | Oren Valk").
        self.name_start = start + offset

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.name!r}, {self.titles!r}, {self.is_org})"


def _norm_token(tok: str) -> str:
    return tok.lower().rstrip(".")


def _title_as_surname(toks: list[str]) -> bool:
    """True for a name ending in a title word used as a surname: a first name or an initial comes before it."""
    if len(toks) < 2 or toks[-1].lower() not in SURNAME_TITLES:
        return False
    return any(
        _norm_token(t) in MALE_NAMES
        or _norm_token(t) in FEMALE_NAMES
        or (len(t) == 2 and t[1] == "." and t[0].isupper())
        for t in toks[:-1]
    )


def _hyphenated_title(word: str) -> bool:
    """True for a hyphenated title or role ("co-founder", "editor-in-chief", "Korean-born")."""
    parts = word.split("-")
    return (
        parts[-1] == "born"
        or parts[0] in TITLES
        and all(x in TITLES or x in ("in", "of", "at") for x in parts)
    )


def parse_name(raw: str, start: int = 0) -> Mention | None:
    """Split a capitalised sequence into title words and the name proper; None if no name remains."""
    raw = POSSESSIVE.sub("", raw.strip())
    toks = raw.replace("\u00a0", " ").split()
    lowered = [t.lower() for t in toks]
    # Leading stop words (sentence starters) are not part of the name.
    i = 0
    while i < len(toks) and (lowered[i] in NOT_NAME or _norm_token(toks[i]) in NOT_NAME):
        i += 1
    if i >= len(toks):
        return None
    # Everything up to the last title word is a title ("Vermont Sen. Orla Brandt").
    last_title = -1
    j = i
    while j < len(toks) - 1:
        n = lowered[j]
        if n in TITLES or n.rstrip(".") in TITLES or ("-" in n and _hyphenated_title(n)):
            last_title = j
            if lowered[j + 1] == "of" and j + 2 < len(toks):
                last_title = j = j + 2  # "Secretary of State", "Democrat of Tennessee"
        j += 1
    name_toks = toks[max(i, last_title + 1) :]
    # (A capitalised particle opening a name is part of it: "Al Brannock", "De Marchi", "Le Vasseur", "Van Doorn".)
    while name_toks and (
        (
            name_toks[0].lower() in JOINERS
            and (
                len(name_toks) == 1
                or not name_toks[0][:1].isupper()
                or name_toks[0].lower() in WORD_JOINERS
            )
        )
        or (last_title >= i and len(name_toks) > 1 and name_toks[0].lower() in NOT_NAME)
    ):
        name_toks.pop(
            0
        )  # "U.S. While Quell": a sentence opening after an abbreviation taken for a title
    while name_toks and (
        name_toks[-1].lower() in JOINERS or name_toks[-1].lower().rstrip(".") in SUFFIXES
    ):
        name_toks.pop()  # "Harold T. Wren Jr." is Harold T. Wren
    # As with titles, everything up to the last role noun is a role: "Ecologist Hanneke Vos",
    # "Geschäftsführer Ralf Lindemann", "Velmoras Trainer Gunnar Frøseth".
    role_at = max((k for k in range(len(name_toks) - 1) if is_role_noun(name_toks[k])), default=-1)
    role_words = [t.lower() for t in name_toks[: role_at + 1]]
    name_toks = name_toks[role_at + 1 :]
    if not name_toks or all(_norm_token(t) in NOT_NAME for t in name_toks):
        return None
    if (
        name_toks[-1].lower() in TITLES or _norm_token(name_toks[-1]) in TITLES
    ) and not _title_as_surname(name_toks):
        return None  # "Pennsylvania Gov.": a title with no name after it
    if any(_norm_token(t) in ORG_WORDS for t in name_toks) or (
        len(name_toks) == 1 and any(_norm_token(t) in ORG_WORDS for t in toks[i:])
    ):
        # An organisation keeps its whole name ("Harbour Department", "Harwick Ledger").
        org = toks[i:]
        while org and org[-1].lower() in JOINERS:
            org.pop()
        return Mention(start, start, " ".join(org), (), True)
    cut = next((k for k, t in enumerate(name_toks) if t.lower() in ("of", "for", "and", "&")), None)
    if cut is not None:
        head = name_toks[:cut]
        if not (last_title >= i or len(head) >= 2):
            # "Bank of Port Elm", "Guild of Pilots": a multi-word proper name, not a person.
            return Mention(start, start, " ".join(name_toks), (), True)
        name_toks = head  # "Senator Gail Pruett of Vermont", "Ada Runge of Harborline"
        if not name_toks:
            return None
    titles = tuple(lowered[i : last_title + 1]) if last_title >= i else ()
    return Mention(start, start, " ".join(name_toks), titles + tuple(role_words), False)


def is_role_noun(tok: str) -> bool:
    """True for a capitalised word naming a role rather than a person ("Ecologist", "Ökologin", "Co-author")."""
    low = tok.lower()
    if low in MALE_NAMES or low in FEMALE_NAMES or not tok[:1].isupper():
        return False
    return low.endswith(ROLE_ENDINGS) and len(low) >= 6
