"""Resolving pronouns (he, she) and descriptions (the spokesman) to a person named earlier."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from searcher.quotes.names.lexicon import PRONOUNS, TITLES
from searcher.quotes.names.parse import Mention
from searcher.quotes.names.table import Person

# Subject pronouns of the other languages ("sagte sie", "a-t-il déclaré"), and "" for a verb with no
# subject at all ("«…», afirmó."), which goes to the person last in focus whatever the gender.
SUBJECT_PRONOUNS = {
    "er": "m",
    "sie": "f",
    "il": "m",
    "elle": "f",
    "él": "m",
    "ella": "f",
    "lui": "m",
    "lei": "f",
    "ele": "m",
    "ela": "f",
    "hij": "m",
    "zij": "f",
    "": "any",
}

# Places that look like names but never speak through a pronoun.
PLACES = frozenset(
    """
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina
dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia washington
wisconsin wyoming america states washington paris london berlin moscow beijing tokyo brussels
europe asia africa syria iraq iran turkey russia china japan germany france britain england
israel egypt libya afghanistan pakistan india canada ukraine cuba korea mosul raqqa baghdad
damascus tehran ankara kiev kyiv manhattan brooklyn chicago boston philadelphia miami atlanta
houston dallas denver seattle vegas orlando cleveland detroit des moines charleston
manchester jerusalem gaza riyadh los angeles san francisco diego antonio vegas las hook doha qatar saudi arabia yemen lebanon jordan spain italy
""".split()
)

# Abbreviated titles and their role words, so "Sen. Brandt" matches "the senator".
ROLE_SYNONYMS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "prof": "professor",
    "dr": "doctor",
    "pres": "president",
    "sec": "secretary",
    "congressman": "representative",
    "congresswoman": "representative",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "lt.gen": "general",
    "maj.gen": "general",
    "brig.gen": "general",
    "atty": "attorney",
}


_ROLE_SYNONYM_VALUES = frozenset(ROLE_SYNONYMS.values())


@lru_cache(maxsize=16384)
def role_word(word: str) -> str:
    """A role word in its canonical form ("Sen." -> "senator")."""
    w = word.lower().rstrip(".,")
    return ROLE_SYNONYMS.get(w, w)


# Words before a name that make it no subject: prepositions, and verbs whose object it would be.
_PREPOSITIONS = tuple(
    """in at on of for from to with by near about against over under into onto than like toward towards
told versus vs. behind beside between among across around through via outside inside within without including named
called endorsed beat defeated attacked criticized praised asked joined met interviewed debate debated dem im am vom zum
zur beim gegenüber laut bei mit für aus au aux chez avec dans pour sur al del ante según para con sobre""".split()
)
_PREPOSITION_SET = frozenset(_PREPOSITIONS)
PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:"
    + "|".join(map(re.escape, _PREPOSITIONS))
    + r")\s+(?:(?:the|a|an|this|that|his|her|their|its)\s+)?"
    r"(?:(?!which\b|whom\b|what\b|whose\b)[a-z\-]+\s+){0,2})$",
    re.I,
)


_CONJUNCTION_AFTER_NOUN = re.compile(r"\b[a-z]+\s+(?:and|but|or)\s+$")


def after_preposition(text: str, start: int, at: int) -> bool:
    """True when text[start:at] ends with a preposition and at most a determiner and two words (PREPOSITION_BEFORE)."""
    # Cheap to rule out first, and most names are after none: the preposition is one of the last four words,
    # and the words after it have letters and hyphens only.
    words = text[start:at].split()[-4:]
    for k in range(len(words) - 1, -1, -1):
        word = words[k].casefold()
        if word in _PREPOSITION_SET or (not word.isalnum() and word.endswith(_PREPOSITIONS)):
            m = PREPOSITION_BEFORE.search(text, start, at)
            # "for a picture and Quell said": after a common noun, "and" starts a new subject.
            return m is not None and _CONJUNCTION_AFTER_NOUN.search(m.group()) is None
        if not word.replace("-", "a").isalpha():
            return False
    return False


# A name right after a lower-case verb is its object ("Amsel says Rook ..."), unless the verb
# is one of speech and the name its inverted subject ("said Rook").
_OBJECT_BEFORE = re.compile(
    r"(?<![\w\-])(?!(?:said|says|added|asked|wrote|and|or|but|as|while|when|if|then|so|because|the|a|an|former|"
    r"by)\b)([a-z]{3,}(?:ed|es|s))\s+$"
)


class Antecedent(Mention):
    """A name found in the text (see names.Mention) as a person a later he/she may refer to.

    find_mentions makes these directly (its `make`), so each mention is its own antecedent.
    """

    __slots__ = ("person", "subject", "_oblique", "text")
    person: Person  # the person named (set by the caller)
    text: str  # the text the offsets point into (set by the caller)

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        titles: tuple[str, ...],
        is_org: bool,
        offset: int = 0,
    ) -> None:
        super().__init__(start, end, name, titles, is_org, offset)
        # (`person`, the person named, and `text`, the text the offsets point into, are set by the caller.)
        self.subject = False  # known to have spoken here
        self._oblique: bool | None = None

    @property
    def oblique(self) -> bool:
        """True for a mention after a preposition or in the possessive (rarely a later he/she)."""
        if self._oblique is None:
            t = self.text
            # (The name proper begins at name_start, the mention with its titles at start: "Secretary of State |
            # Miriam Okafor" is no object of "of".)
            # (A plural possessive keeps its apostrophe in the mention: "Hollins' adviser".)
            self._oblique = (
                t[self.end - 2 : self.end] in ("'s", "’s")
                or t[self.end : self.end + 1] in ("'", "’")
                or t[self.end - 1 : self.end] in ("'", "’")
                or (
                    self._governed(self.name_start)
                    and (self.start == self.name_start or self._governed(self.start))
                )
            )
        return self._oblique

    def _governed(self, at: int) -> bool:
        """True when a preposition or a verb stands right before offset `at`."""
        t = self.text
        if at == 0 or not t[at - 1].isspace():
            return False  # both patterns end in white space right before the name
        if after_preposition(t, max(0, at - 30), at):
            return True
        # _OBJECT_BEFORE needs a last word ending in -s or -ed: tested first, without the regex.
        word = t[max(0, at - 20) : at].rsplit(None, 1)
        return (
            bool(word)
            and word[-1].endswith(("s", "ed"))
            and _OBJECT_BEFORE.search(t, max(0, at - 20), at) is not None
        )


_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?([a-z][\w\-\s]{1,60}?)(?:,|\.|\s+(?:said|says|told|who))"
)
_APPOSITIVE_HEAD = re.compile(r"\s+(?:for|of|at|with|in|to|on|from|and|who|since)\s+")
_ROLE_BEFORE = re.compile(r"(?:^|\s)((?:[a-z]+\s+){1,3})$")
# Lower-case words that go with role words before a name ("Quell campaign spokesman Ivo Marten").
ROLE_NOUNS = frozenset(
    "campaign press communications political policy national senior deputy chief top".split()
)


# Nouns for a person's job or standing end like these ("strategist", "spokesman", "director").
_AGENT_NOUN = re.compile(
    r"[a-z\-]{2,}(?:man|woman|person|er|or|ist|ian|ent|ant|ee|ive|ary|ard|ain|ess|ic)"
)
_NOT_ROLES = frozenset(
    """that the to and or but her his their its after under over other never ever
remember whether either neither rather together another""".split()
)


@lru_cache(maxsize=16384)
def is_role(word: str) -> bool:
    """True for a word that can name a person's role ("senator", "spokesman", "strategist")."""
    return word not in _NOT_ROLES and (
        word in TITLES or word in _ROLE_SYNONYM_VALUES or _AGENT_NOUN.fullmatch(word) is not None
    )


def _role_like(word: str) -> bool:
    """True for a word that may stand in a role phrase before a name (see roles_of)."""
    return is_role(role_word(word)) or word in TITLES or word in ROLE_NOUNS


def roles_of(p: Person) -> set[str]:
    """Role words said of a person: titles, appositives ("Marten, Harbor Board spokesman,"), words before."""
    if p.pending:
        text = p.source
        for mention in p.pending:
            start, end = mention.start, mention.end
            if text[end : end + 1] == ",":
                after = _APPOSITIVE.match(text, end)
                if after:
                    head = _APPOSITIVE_HEAD.split(after.group(1), 1)[
                        0
                    ]  # "spokesman | for the company"
                    p.roles.update(r for r in map(role_word, head.split()[-2:]) if is_role(r))
            # (Only role words right before the name count, so a last word that is none rules out the search.)
            if (
                start > 1
                and text[start - 2].islower()
                and _role_like(text[max(0, start - 20) : start].rsplit(None, 1)[-1])
            ):
                before = _ROLE_BEFORE.search(text, max(0, start - 40), start)
                if before:
                    # Only the role words right before the name are its own: "a spokeswoman for | Mr. Dunmore",
                    # "another supporter wrote on | Fernboard" say nothing of the name.
                    for word in reversed(before.group(1).split()):
                        role = role_word(word)
                        if is_role(role):
                            p.roles.add(role)
                        elif word not in TITLES and word not in ROLE_NOUNS:
                            break
        p.pending.clear()
    return p.roles


def person_like(p: Person) -> bool:
    """True for a name that can be a he/she: not an organisation or a place."""
    if p.like is None:
        p.like = _person_like(p)
    return p.like


def _person_like(p: Person) -> bool:
    if p.is_org:
        return False
    if len(p.tokens) == 1 and p.tokens[0].lower() in PLACES:
        return False  # "Virginia" in a list of states, not a woman named Virginia
    if p.gender or roles_of(p) & {
        "mr",
        "mrs",
        "ms",
        "dr",
        "senator",
        "sen",
        "rep",
        "gov",
        "president",
    }:
        return True
    toks = [t.lower() for t in p.tokens]
    if any(t in PLACES for t in toks) or any(t.isupper() and len(t) > 1 for t in p.tokens):
        return False
    if len(toks) < 2:
        return False
    # "Rose Hollow", "Sandy Ridge": a first word the article also writes in lower case is no first name.
    text = p.source
    first = toks[0]
    return not (text and (f" {first} " in text or f" {first}," in text or f" {first}." in text))


def resolve_pronoun(
    word: str,
    pos: int,
    antecedents: list[Antecedent],
    window: int,
    sentence_starts: list[int] | None = None,
    text: str = "",
) -> Person | None:
    """The person a he/she at `pos` refers to: the subject of the nearest sentence naming a fitting person.

    Within each sentence (walking back from the pronoun's own) the first person named outside a
    prepositional phrase, possessive or object position wins: reporters put the source first.
    """
    gender = PRONOUNS.get(word.lower()) or SUBJECT_PRONOUNS.get(word.lower())
    if gender is None:
        return None
    starts = sentence_starts or [0]
    k = bisect.bisect_right(starts, pos) - 1
    i = (
        bisect.bisect_left([a.name_start for a in antecedents], pos)
        if len(antecedents) < 64
        else _bisect_pos(antecedents, pos)
    )
    person = _nearest_fitting(gender, pos, antecedents, i, window, starts, k, text)
    if person is not None and not person.spoke and text and word.lower() in ("he", "she"):
        last = None
        for j in range(i - 1, max(-1, i - 201), -1):  # its last mention before the pronoun
            if antecedents[j].person is person:
                last = antecedents[j].name_start
                break
        if (
            last is not None
            and k - (bisect.bisect_right(starts, last) - 1) >= _FAR_SENTENCES
            and text.find("\n", last, pos) >= 0
        ):
            # The nearest fitting name is several sentences back, in an earlier paragraph, and never quoted:
            # the he/she stands for someone only described since ("The actress said ...", "One delegate ...").
            return None
    return person


# How many sentences back a never-quoted name in an earlier paragraph is too far for a he/she.
_FAR_SENTENCES = 4


def _nearest_fitting(
    gender: str,
    pos: int,
    antecedents: list[Antecedent],
    i: int,
    window: int,
    starts: list[int],
    k: int,
    text: str,
) -> Person | None:
    """The subject of the nearest sentence before `pos` (antecedents before index `i`) naming a person of `gender`."""
    fallback = None
    end = pos
    # In the pronoun's own sentence, names after an earlier quote are usually asides.
    own_start = starts[k] if k >= 0 else 0
    first_quote = text.find('"', own_start, pos) if text else -1
    if first_quote >= 0:
        end = first_quote
    while k >= 0 and starts[k] >= pos - window:
        s0 = starts[k]
        j = i - 1
        group = []
        while j >= 0 and antecedents[j].name_start >= s0:
            if antecedents[j].name_start < end:
                group.append(antecedents[j])
            j -= 1
        oblique = None
        for a in reversed(group):
            p = a.person
            if not person_like(p) or (p.gender and gender != "any" and p.gender != gender):
                continue
            if modifies_a_name(a.text, a.end):
                continue  # "Calloway spokesman Peter Voss": the spokesman is the one named
            if a.oblique and not a.subject:
                if (
                    oblique is None
                    and (p.gender or p.spoke)
                    and a.text[a.end - 2 : a.end] in ("'s", "’s")
                ):
                    oblique = (
                        p  # "Dunmore's attempt ... he called": a possessive, if nothing better
                    )
                continue
            if p.gender or a.subject or p.spoke or roles_of(p):
                return p
            if fallback is None:
                fallback = p
        if fallback is not None:
            return fallback
        if oblique is not None:
            return oblique
        i = j + 1
        k -= 1
        end = s0
    return fallback


_GAP_BEFORE_NAME = re.compile(r"\s+((?:[a-z][a-z\-]*\s+){1,3})(?=[A-Z])")


def modifies_a_name(text: str, end: int) -> bool:
    """True for a name ending at `end` followed by role words and another name ("Rusk spokesman Theo Lind")."""
    if text[end : end + 1] != " ":
        return False
    gap = _GAP_BEFORE_NAME.match(text, end)
    return gap is not None and all(w in TITLES or w in ROLE_NOUNS for w in gap.group(1).split())


def _bisect_pos(antecedents: list[Antecedent], pos: int) -> int:
    lo, hi = 0, len(antecedents)
    while lo < hi:
        mid = (lo + hi) // 2
        if antecedents[mid].name_start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


_HEAD = re.compile(r"([A-Za-z\-]+)\W*$")
_HEAD_BEFORE_OF = re.compile(r"([A-Za-z\-]+)\s+of\s+[\w\s\-]+?\W*$")


def resolve_description(
    phrase: str, pos: int, antecedents: list[Antecedent], window: int
) -> Person | None:
    """The person (or organisation) a description such as "the spokesman" refers to, if named before."""
    m = _HEAD_BEFORE_OF.search(phrase) or _HEAD.search(
        phrase
    )  # "the former secretary of state": secretary
    if not m:
        return None
    head = role_word(m.group(1))
    if head in (
        "campaign",
        "statement",
        "report",
        "email",
        "letter",
        "ad",
        "poll",
        "survey",
        "release",
    ):
        return None
    seen = set()
    # Start at the last mention before `pos` instead of walking back from the article's end.
    for k in range(_bisect_pos(antecedents, pos) - 1, -1, -1):
        a = antecedents[k]
        if a.name_start < pos - window:
            break
        p = a.person
        if id(p) in seen:
            continue
        seen.add(id(p))
        if head in roles_of(p) or (p.is_org and head in (t.lower() for t in p.tokens)):
            return p
    return None
