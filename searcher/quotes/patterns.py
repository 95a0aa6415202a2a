"""The patterns read around a quote: regexes for verbs' subjects, pronouns, descriptions and asides, and word tests on them."""

from __future__ import annotations

import re
from functools import lru_cache

from searcher.quotes import attribution as attr
from searcher.quotes.coref import PLACES, is_role
from searcher.quotes.names.lexicon import TITLES
from searcher.quotes.names.table import Person

# Pronouns that can stand as the source of a quote; only he/she are resolved to a person.
PRON_START = re.compile(
    r"^[\s,;:—–\-\"]*(?:and\s+|but\s+|so\s+)?(he|she|they|it|we|i|who|which)(?![\w'’])", re.I
)
PRON_END = re.compile(r"(?<![\w'’])(he|she|they|it|we|i|who|which)$", re.I)
DESCRIPTION = re.compile(
    r"(?<!\w)(?:the|a|an|his|her|their|its|one|another)\s+(?:[\w'’\-\.]+\s+){0,5}?[\w\-]+$", re.I
)
PRON_OR_DET_START = re.compile(
    r"[\s,;:—–\-\"]*(?:[A-Z]|(?:and|but|or|as|then|so|while|when)\s+(?:the|a|an|his|her|their|its|one|another)\b)"
)
PASSIVE_BEFORE = re.compile(
    # (The auxiliary may be missing: "memos first labeled 'urgent' by the Harbor Guild".)
    r"\b(?:(?:been|was|were|is|are|be|being)\s+)?(?:\w+ly\s+)?(?:called|described|dubbed|labeled|labelled|termed|branded|"
    r"characterized|characterised|criticized|criticised|praised|hailed|denounced|derided|mocked)\s*(?:as\s+)?(?:an?\s+|the\s+)?$"
)
# How a stretch matching PASSIVE_BEFORE ends: a participle, "as", an article.
PASSIVE_ENDS = ("ed", "as", "a", "an", "the")
BY_AGENT = re.compile(r"[\s,]*by\s+")
TAIL_NOISE = re.compile(r"^[\s,;:—–\-\"\x00]+|[\s,;:—–\-\"\x00]+$")
CHUNK_SPLIT = re.compile(r"[,;:()]|—|–|\s-\s|\"\x00*\"")

# A line signing the quote above it: a dash, then the name; after the name only an end or a comma and an aside.
SIGNATURE = re.compile(r"[ \t]*[-–—]{1,2}[ \t]*")
SIGNATURE_REST = re.compile(r"[ \t]*(?:\.?[ \t]*$|,[^\x00\"“”]*$)")
NAME_NEXT = re.compile(r"\s+(?:[A-Z]|(?:former|the|a|an)\s+[A-Za-z])")
# A lower-case word that reads as a verb, so a name after it is its object ("slams Quell").
VERBISH = re.compile(
    r"[a-z]{2,}(?:ed|es|s|ing)|told|met|beat|hit|let|made|saw|took|gave|sent|called|named|asked|urged|put|led"
)
# Bare verbs: no subject comes right after its verb in English, so a name after "to call", "and tell" is an object.
BARE_VERB = re.compile(
    r"tell|ask|call|urge|thank|praise|accuse|attack|blame|warn|sit|meet|invite|describe|label|brand|dub|"
    r"criticize|criticise|mock|defeat|support|endorse|hire|fire|interview|greet|challenge|pressure|remind|"
    r"convince|persuade|congratulate|compare"
)


def takes_object(word: str) -> bool:
    """True for a lower-case word that reads as a verb, so a name right after it is its object."""
    return (
        bool(VERBISH.fullmatch(word) or BARE_VERB.fullmatch(word))
        and word not in TITLES
        and word not in CONNECTIVES
    )


TAIL_WORDS = re.compile(r"[\w'’\-]+")
NEW_SENTENCE_PRONOUN = re.compile(r"[\"'’\s]*(?:He|She|They|We|It|I)\b")
ASIDE_CHUNK = re.compile(
    r"\s*(?:\d{1,3}|of\s+[^,]{1,40}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[DRI]-[A-Z][A-Za-z.]{1,12}|"
    r"(?:an?\s+)?(?:Republican|Democrat|[Ii]ndependent)\s+(?:of|from)\s+[^,]{1,40}|"
    r"[a-z]+ed\s+(?:by|as|in|at|for|to|from|with)\b[^,]*)\s*"
)


def starts_with_role(piece: str) -> bool:
    """True for a phrase opening with a lower-case role word ("president and CEO of ...", "spokesman for ...")."""
    first = piece.split(None, 1)[0] if piece.strip() else ""
    return first.islower() and (first in TITLES or is_role(first))


# A verb of speech coordinated with an earlier one ("… and criticized"), and a pronoun with a verb of its own.
AND_BEFORE_VERB = re.compile(r"\s(?:and|but|then)\s+(?:(?:also|later|then)\s+)?$")
PRON_CLAUSE = re.compile(r"\s*(?:he|she|they|it|we|i)\s+[a-z]+", re.I)
# A role speaking for someone, and what may stand between it and the name: "spokeswoman for the", "aide to".
ON_BEHALF = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|lawyer|attorney|counsel|aide|adviser|advisor)\s+(?:for|to)\s+"
    r"(?:(?:the|former|then)\s+)*"
)
# A name and a colon opening a headline: "Colin Rusk:", "Councillors' reaction:".
HEADLINE_COLON = re.compile(r"(?:['’]s?)?(?:\s+[a-z]+){0,2}:")
# Where a second clause with its own subject begins: ", while", "; but", " - but".
CLAUSE_BREAK = re.compile(r"(?:[,;]|\s[-—–]+)\s+(?:while|but|whereas|although|though|yet)\s+|;\s+")
# What may stand between a clause break and the name of its subject.
SUBJECT_LEAD = re.compile(r"(?:the\s+|former\s+)?")

INTRO = re.compile(
    r"\s*(?:At|In|On|During|After|Before|From|With|For|Since|Like|Unlike|Asked|When|While|As|Earlier|Later|"
    r"Last|This|Speaking|Reflecting|Responding|Writing|Appearing|Despite|Following|Outside|Inside)\b"
)
AUX_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|am|'s|’s|'re|’re)\s+$")
# Verbs of speech whose passive subject is the one spoken to ("was asked", "were told").
ADDRESSEE_VERBS = frozenset(("asked", "told"))
PASSIVE_AUX = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|got|gets)\s+(?:(?:also|then|again|later|\w+ly)\s+)?$"
)
WORD_BEFORE = re.compile(r"([\w\-]+)\s+$")
INFINITIVE_NEXT = re.compile(r"\s+to\s+(?:\w+ly\s+)?[a-z]{2,}\b")
# A verb whose object does the infinitive after it: "prompted Vey to", "urged Osk to".
CONTROL_VERB_BEFORE = re.compile(
    r"\b(?:prompt|lead|led|forc|urg|push|ask|tell|told|caus|encourag|invit|inspir|press|spur|allow|persuad|convinc|"
    r"challeng|dar)(?:e|es|ed|s|d)?\s+$"
)
LOWER_NEXT = re.compile(
    r"\s+(?!(?:said|says|told|has|had|have|is|was|who|also|added|wrote|and|or)\b)[a-z]"
)
DEFINITE_OR_INDEFINITE = frozenset("the a an another one".split())
INDEFINITE = frozenset("a an another one".split())
# Peoples' adjectives used before a role ("a Norwegian official", "the Texan"), besides the places themselves.
DEMONYM_END = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish)")


def is_place(p: Person, demonyms: bool = True) -> bool:
    """A single-word place (or, with `demonyms`, a people's adjective): a modifier of a role, not a speaker."""
    if len(p.tokens) != 1:
        return False
    word = p.tokens[0]
    return word.lower() in PLACES or demonyms and is_demonym(word)


@lru_cache(maxsize=16384)
def is_demonym(word: str) -> bool:
    """True for a people's adjective ("Mexican", "Russian", "Chinese"); surnames of that shape are rare here."""
    return DEMONYM_END.fullmatch(word) is not None and word.lower() not in NOT_DEMONYMS


NOT_DEMONYMS = frozenset(
    "obama brian ryan dean susan jan stan nolan logan morgan duncan sean ian evan "
    "dominic eric patrick frederick derrick rick nick ali levi".split()
)
DETERMINERS = frozenset("a an the another one this that these those".split())
CONNECTIVES = frozenset(
    "and but or so then as while when where because after before if said says told and".split()
)
DETERMINER = re.compile(r"(?:a|an|the|another|one)\s", re.I)
# Words that link a quote to a clause rather than name a role ('," with Sen. Brandt', '," as Mrs. Quell').
FUNCTION_WORDS = (
    "with|until|as|to|only|because|and|or|but|that|for|in|on|at|by|of|from|about|while|than|when|where|if|"
    "after|before|since|like|against|over|into|per|via|said|says|its|his|her|their|our|my|your|he|she|they|"
    "we|it|then|even|just|also|not|so|what|which|who|how|why|between|among|during|under|through"
)
# How a source phrase right after a quote can begin: a capital, a pronoun, a determiner, a role adjective.
NP_START = re.compile(
    r"\s*(?:[A-Z]|(?:he|she|they|it|we|i|who|the|a|an|one|another|his|her|their|its|former|longtime|veteran|"
    r"then|ex|retired|top|senior|one|two|three|several|many|some|both|state|federal|campaign|press)\s"
    # Lower-case role words before a name: '," union general secretary Marta Kovač told'.
    r"|(?:(?!(?:" + FUNCTION_WORDS + r")\b)[a-z][a-z\-]*(?<!ing)\s+){1,4}(?=[A-Z]))"
)
ADVERBIAL = re.compile(
    r"\s*(?:in|on|at|during|after|before|last|this|earlier|later|from)\b[^,\"\x00]{0,60},"
)
COORDINATION = re.compile(r"\s+(?:and|&|or)\s+(?=[A-Z]|(?:[a-z]+\s+){0,3}[A-Z])")
SKIP_PUNCT = re.compile(r"[\s,;:—–\-'’\"]*")


def skip_punct(text: str, pos: int, end: int) -> int:
    """The offset past the spaces and punctuation at text[pos:end]: pos itself when there are none."""
    m = SKIP_PUNCT.match(text, pos, end)
    # (None only when pos > end, an empty stretch with nothing to skip.)
    return m.end() if m is not None else pos


INVERTED = re.compile(
    r"(?:(?:also|then|later|again)\s+)?(?:"
    + "|".join(sorted(attr.INVERTABLE, key=len, reverse=True))
    + r")\b\s*"
)
PRON_SUBJECT = re.compile(
    r"(?:(?<=[,;])\s+|\b(?:and|but|as|when|while|because|after|before)\s+)(he|she)\b(?!['’])", re.I
)
PRON_FIRST = re.compile(r"[\s\"]*(?:[A-Z][a-z]+,\s+)?(he|she)\b(?!['’])", re.I)
SHORT_SOURCE = re.compile(
    r"((?:(?:an?|the)\s+[a-z]+\s+)?(?:[A-Z][\w'’\-.]*\s+){0,3}[A-Z][\w'’\-]*|he|she)\s+[a-z]{3,}(?:ed|s)\s*(?:[.;]|$)"
)
AGENT_BEFORE = re.compile(
    r"\b(?:(?:sent|released|issued|written|posted|signed|published|put|given|delivered|made)(?:\s+out)?\s+by|"
    r"(?:letter|statement|e-?mail|memo|report|note|message|release|tweet|post|filing|study)\s+from)\s+(?:the\s+)?$"
)
SUBJECT_PRONOUN = re.compile(
    r"\s*(?:(er|sie|il|elle|él|ella|lui|lei|ele|ela)\b|(?=[.;]|$|(?:ante|en|a\s+(?:los|las|la|el|su|sus|un|una)|al|"
    r"durante|tras|desde|con|dans|devant|lors|im|vor|bei|auf|nach|gegenüber|davanti|perante|diante)\b))"
)
# Descriptions in languages whose articles mark gender: an article, up to two words, a noun for a person.
GENDERED_LANGS = frozenset(("fr", "es", "de", "it", "pt"))
GENDERED_DESCRIPTION = re.compile(
    r"(?<!\w)(le|la|el|un|une|una|der|die|den|dem|ein|eine|il|lo|o|a)\s+(?:[\w'’\-]+\s+){0,2}?([\w\-]+)$",
    re.I,
)
FEMININE_ARTICLES = frozenset(("la", "une", "una", "die", "eine", "a"))
# Nouns for people: agent and role endings of French, Spanish, Italian, Portuguese and German, and a few roles.
PERSON_NOUN = re.compile(
    r"(?:euse|rice|ienne|ière|iste|ante|ente|eur|ier|ien|aire|ologue|ora|ero|era|ista|dor|ado|ada|ico|ica|"
    r"jährige|jähriger|erin|ende|ender|iker|ikerin|ist|istin|maire|ministre|ministra|ministro|juge|juez|jueza|"
    r"chef|cheffe|alcalde|alcaldesa|presidente|presidenta|portavoz|porte-parole|sindaco|sindaca)$",
    re.I,
)
# A possessive and a noun for something said, the quote following within the clause.
SPEECH_NOUN = re.compile(
    r"(?:\b(his|her)|['’]s?)\s+(?:[a-z\-]+\s+){0,2}?(?:remarks?|statements?|comments?|words|claims?|call|calls|"
    r"pledge|promises?|vows?|warnings?|assertions?|declaration|quip|tweets?|response|answer|suggestion|"
    r"insistence|admission|description|characterization|charge|accusation|slogan|mantra|message)\b"
    r"(?:\s+(?:that|of|for|to|about|on|,))?[^.!?\x00\"]{0,60}$"
)
LEAD_IN = re.compile(r"\b(?:The|the)\b")
PRONOUN_AFTER_VERB = re.compile(r"\s+(er|sie|il|elle|él|ella)\b(?!['’\-])")
FRENCH_INVERSION = re.compile(r"(?:(?:a|avait|aurait)-t-|[a-zà-ÿ]+-t-|[a-zà-ÿ]+e-)(il|elle)\b")
CAMPAIGN_NEXT = re.compile(r"(?:['’]s?)?\s+campaign\b")
RELATIVE = re.compile(r"(?:who|whom|whose|which|where|when)\b", re.I)

PRONOUN_ENDINGS = ("he", "they", "it", "we", "i", "who", "which")


def pronoun_at_end(phrase: str) -> re.Match | None:
    """PRON_END.search(phrase), with the common case (no pronoun last) decided without the regex."""
    tail = phrase[-5:]
    if tail.isascii() and tail[-1:] != "\n" and not tail.lower().endswith(PRONOUN_ENDINGS):
        return None
    return PRON_END.search(phrase)


def he_or_she_after_space(low: str) -> bool:
    """True when "he" or "she" follows white space somewhere in `low` (a test PRON_SUBJECT needs to pass)."""
    i = low.find("he", 1)
    while i >= 0:
        if low[i - 1].isspace() or (low[i - 1] == "s" and i >= 2 and low[i - 2].isspace()):
            return True
        i = low.find("he", i + 1)
    return False
