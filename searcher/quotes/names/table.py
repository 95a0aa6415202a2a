"""The name table: the people and organisations of one article, each short mention matched to its fullest name."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import SURNAME_PARTICLES, gender_of
from .parse import POSSESSIVE, Mention


class Person:
    """A named speaker candidate in an article: its fullest name, title words, gender, kind."""

    # A plain slotted class rather than a dataclass: an article creates dozens, and its __init__ is
    # about twice as fast.
    __slots__ = (
        "name",
        "tokens",
        "gender",
        "is_org",
        "roles",
        "first_pos",
        "last_pos",
        "mentions",
        "pending",
        "source",
        "full_mentions",
        "spoke",
        "last_key",
        "first_key",
        "like",
    )

    def __init__(
        self,
        name: str,
        tokens: tuple[str, ...],
        is_org: bool = False,
        first_pos: int = 0,
        last_key: str = "",
        first_key: str = "",
    ) -> None:
        self.name, self.tokens, self.is_org, self.first_pos = name, tokens, is_org, first_pos
        self.gender: str | None = None
        self.roles: set[str] = set()
        self.last_pos = self.mentions = self.full_mentions = 0
        # Mentions whose surrounding words have not yet been read for roles (see coref.roles_of).
        self.pending: list[Mention] = []
        self.source = ""
        self.spoke = False
        # Whether it can be a he/she (coref.person_like), once asked: fixed once the article's names are read.
        self.like: bool | None = None
        # Keys (see _key) of the last and first tokens, kept with `tokens` for matching short forms.
        self.last_key, self.first_key = last_key, first_key

    def __repr__(self) -> str:
        return f"Person({self.name!r}, gender={self.gender!r}, is_org={self.is_org}, mentions={self.mentions})"


class NameTable:
    """The people and organisations named in one article, for resolving short mentions."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_last: dict[str, list[Person]] = {}
        self._by_first: dict[str, list[Person]] = {}
        self._exact: dict[str, Person] = {}

    def add(self, men: Mention) -> Person:
        """Record a mention; returns the person it refers to (new or already known)."""
        titles = men.titles
        hint = gender_of("", titles) if titles else None
        known = self._exact.get(men.name) if hint is None else None
        if known is not None:
            if titles:
                known.roles.update(_roles_of_titles(titles))
                if known.gender is None:
                    known.gender = gender_of(known.name, titles)
            known.last_pos = men.start
            known.mentions += 1
            if len(known.tokens) > 1:
                known.full_mentions += 1
            return known
        toks, last, first = _name_keys(men.name)
        n = len(toks)
        # (Only a one-word name can match by first name: with no one of its surname, a longer one is new.)
        person = (
            self._lookup_keys(n, last, first, men.start, hint)
            if n == 1 or last in self._by_last
            else None
        )
        fuller = (
            person is not None
            and n > len(person.tokens)
            and _compatible_keys(
                n, last, first, len(person.tokens), person.last_key, person.first_key
            )
        )
        if person is None and n > 1 and last in self._by_last:
            # A surname with its particle ("Le Vasseur", "De Marchi") is the same person as the full name ending in it.
            for p in self._by_last[last]:
                k = len(p.tokens)
                shorter = toks if n < k else p.tokens if k < n else None
                if (
                    shorter is not None
                    and shorter[0].lower() in SURNAME_PARTICLES
                    and (p.tokens[k - n :] == toks if n < k else toks[n - k :] == p.tokens)
                ):
                    person, fuller = p, n > k
                    break
        if fuller and person is not None:
            # A fuller form of a name already seen ("Quell", then "Mara J. Quell").
            person.name, person.tokens, person.last_key, person.first_key = (
                men.name,
                toks,
                last,
                first,
            )
            self._index(person)
        if person is None:
            person = Person(men.name, toks, men.is_org, men.start, last, first)
            self.people.append(person)
            # A new person is in no list yet (see _index).
            self._by_last.setdefault(last, []).append(person)
            if n > 1:
                self._by_first.setdefault(first, []).append(person)
        self._exact[men.name] = person
        if titles:
            person.roles.update(_roles_of_titles(titles))
        if person.last_pos < men.start:
            person.last_pos = men.start
        person.mentions += 1
        if n > 1:
            person.full_mentions += 1
        if person.gender is None:
            person.gender = gender_of(person.name, titles)
        return person

    def _index(self, person: Person) -> None:
        people = self._by_last.setdefault(person.last_key, [])
        if person not in people:
            people.append(person)
        if len(person.tokens) > 1:
            people = self._by_first.setdefault(person.first_key, [])
            if person not in people:
                people.append(person)

    def lookup(
        self, name: str, pos: int = 0, create: bool = False, gender: str | None = None
    ) -> Person | None:
        """The known person a name refers to: same surname (or first name), the fullest form."""
        if not name.split():
            return None
        toks, last, first = _name_keys(name)
        return self._lookup_keys(len(toks), last, first, pos, gender)

    def _lookup_keys(
        self, n: int, last: str, first: str, pos: int, gender: str | None
    ) -> Person | None:
        """`lookup` for a name given as its token count and the keys of its last and first tokens."""
        cands = self._by_last.get(last)
        if cands:
            cands = [
                p
                for p in cands
                if _compatible_keys(n, last, first, len(p.tokens), p.last_key, p.first_key)
            ]
        if gender and cands and len(cands) > 1:
            # "Mrs. Quell" is not Tomas Quell.
            cands = [p for p in cands if p.gender in (None, gender)] or cands
        if not cands and n == 1:
            cands = [p for p in self._by_first.get(first, ()) if len(p.tokens) > 1]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        # Several people share the surname: the one named most recently before this point.
        before = [p for p in cands if p.first_pos <= pos]
        pool = before or cands
        return max(pool, key=lambda p: (p.mentions, p.last_pos))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[tuple[str, ...], str, str]:
    """A name's tokens and the keys of its last and first tokens, memoised: names recur across articles."""
    toks = tuple(name.split())
    return toks, _key(toks[-1]), _key(toks[0])


@lru_cache(maxsize=4096)
def _roles_of_titles(titles: tuple[str, ...]) -> tuple[str, ...]:
    """Title words as role words (without their abbreviation periods)."""
    return tuple(t.rstrip(".") for t in titles)


def _compatible_keys(ns: int, ls: str, fs: str, nf: int, lf: str, ff: str) -> bool:
    """`_compatible` on token counts and the keys of the last and first tokens of both names."""
    if ls != lf:
        return False
    if ns == 1 or nf == 1:
        return True
    return fs == ff or fs[:1] == ff[:1] and (len(fs) <= 2 or len(ff) <= 2)


@lru_cache(maxsize=65536)
def _key(tok: str) -> str:
    return POSSESSIVE.sub("", tok).lower().rstrip(".")
