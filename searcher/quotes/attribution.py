"""Speech verbs and the patterns that tie a quote to its source: after, before, according to, told."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Finite speech verbs (English first, then the other languages the normalizer supports).
_VERBS_EN = """
said says say told tells tell added adds wrote writes explained explains noted notes stated states
declared declares asked asks continued continues argued argues claimed claims insisted insists
recalled recalls remarked remarks replied replies responded responds answered answers warned warns
tweeted tweets posted posts acknowledged acknowledges admitted admits announced announces boasted
boasts complained complains conceded concedes contended contends emphasized emphasised emphasizes
joked jokes observed observes predicted predicts promised promises quipped quips reiterated
reiterates suggested suggests urged urges vowed vows charged charges countered counters shouted
shouts yelled yells cried cries exclaimed exclaims whispered whispers mused muses concluded
concludes called calls described describes dubbed dubs labeled labelled labels branded brands
praised praises criticized criticised criticizes blasted blasts slammed slams accused accuses
pledged pledges promised predicted reported reports confirmed confirms denied denies demanded
demands wondered wonders assured assures affirmed affirms stressed stresses maintained maintains
testified testifies disclosed revealed reveals pointed lamented laments marveled marvelled
cautioned cautions chimed sighed scoffed scoffs snapped retorted retorts interjected proclaimed
proclaims thundered bragged brags griped gripes groused conceded surmised speculated speculates
estimated estimates advised advises explained insisted opined opines agreed agrees
disagreed mocked mocks derided derides ridiculed touted touts hailed hails recounted recounts
summarized summarised offered
dismissed dismisses denounced denounces decried decries lauded condemned condemns
remembered exhorted agrees agreed fumed raged seethed gushed grumbled muttered beamed cheered wrote
texted emailed e-mailed messaged chanted sang chimed cracked teased teases quoted
reacted barked sneered growled hissed laughed chuckled murmured boomed roared bellowed screamed
elaborated clarified reasoned posited ventured confided confessed asserted alleged hinted chided scolded lectured
""".split()
_VERBS_OTHER = (
    """
sagte sagt erklärte erklärt betonte betont meinte meint fügte schrieb schreibt sprach warnte
kritisierte forderte fragte antwortete fragt antwortet
déclaré dit affirmé ajouté expliqué estimé souligné indiqué précisé lancé déclare affirme ajoute
explique estime souligne indique précise
dijo afirmó aseguró declaró explicó añadió agregó señaló indicó advirtió sostuvo manifestó resumió
proclamó contó reconoció subrayó insistió destacó recordó respondió comentó lamentó sentenció apuntó precisó
concluyó relató admitió zanjó replicó advierte asegura afirma explica señala añade insiste reconoce
raconte racontait lancé lance répliqué réplique poursuit poursuivi confie confié assure assuré insisté insiste
rappelle rappelé conclut conclu reconnu reconnaît résume résumé martelé martèle tranché prévenu témoigne
ergänzte ergänzt räumte warnt bekräftigte berichtete erzählte erzählt versicherte sagten gesagt
detto dichiarato affermato spiegato aggiunto sottolineato
disse afirmou declarou explicou acrescentou
zei zegt verklaarde
""".split()
    + [
        "went on",
        "goes on",
        "put it",
        "puts it",
        "pointed out",
        "points out",
        "chimed in",
        "summed up",
        "sums up",
        "shot back",
        "fired back",
        "wrote back",
        "spoke",
        "fügte hinzu",
        "a déclaré",
        "a dit",
        "a affirmé",
        "a ajouté",
        "a expliqué",
        "ha detto",
        "ha dichiarato",
    ]
)
_PARTICIPLES = """
saying adding telling noting explaining arguing insisting warning calling describing asking
claiming writing declaring stating recalling suggesting urging charging joking predicting
promising vowing complaining responding replying answering tweeting quipping acknowledging
admitting conceding boasting emphasizing stressing pointing labeling dubbing branding
praising criticizing accusing mocking referring
""".split()


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` as a trie, which Python's re matches much faster than a flat list."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        optional = "" in node
        for ch, child in sorted(node.items()):
            if ch:
                alts.append(re.escape(ch) + emit(child))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


_VERB_WORDS = sorted(set(_VERBS_EN + _VERBS_OTHER) - {"pointed", "chimed", "summed"})
# Lower case only: a capitalised "Said" or "Says" is more often a name or a headline word.
VERB = re.compile(r"(?<![\w\-])" + _trie_pattern(_VERB_WORDS) + r"(?![\w\-])")
PARTICIPLE = re.compile(r"(?<![\w\-])(?:" + _trie_pattern(_PARTICIPLES) + r")(?![\w\-])")
# "according to X", "X's words", "in the words of X", and equivalents.
ACCORDING = re.compile(
    r"(?<!\w)(?:according\s+to|per|as\s+quoted\s+by|quoting|in\s+the\s+words\s+of|laut|selon|según|secondo|segundo|d'après)\s+",
    re.IGNORECASE,
)
_ACCORDING_HINTS = (
    "ccording",
    "per ",
    "quot",
    "words of",
    "laut ",
    "selon ",
    "según ",
    "secondo ",
    "segundo ",
    "d'après ",
)
_ACCORDING_HINT = re.compile("|".join(map(re.escape, _ACCORDING_HINTS)))
# Verbs that take their speaker after them ("said Smith").
INVERTABLE = frozenset(
    """said says added adds wrote writes explained explains noted notes asked asks
continued continues recalled recalls remarked remarks replied replies responded responds answered
answers warned warns tweeted tweets declared declares argued argues insisted insists concluded
concludes observed observes quipped quips countered counters recounted recounts stated states
exclaimed cried shouted asked wondered recounts offered agrees agreed remembered exhorted went goes sagte sagt erklärte
meinte betonte fügte schrieb warnte ergänzte erzählte erklärt betont meint schreibt warnt ergänzt erzählt fragt
antwortet fragte antwortete dijo afirmó aseguró declaró explicó añadió agregó señaló resumió
proclamó contó reconoció subrayó insistió destacó recordó respondió comentó lamentó sentenció advirtió apuntó precisó
concluyó relató admitió replicó raconte lance poursuit confie assure insiste rappelle conclut résume martèle témoigne disse
afirmou declarou dit déclaré affirmé ajouté expliqué
beamed scoffed mused opined sighed snapped retorted interjected gushed grumbled muttered fumed raged seethed marveled
marvelled lamented griped groused bragged boasted proclaimed thundered joked whispered yelled reacted barked sneered
growled hissed laughed chuckled murmured boomed roared bellowed screamed elaborated clarified reasoned ventured confided
confessed asserted""".split()
) | {"a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "ha detto", "ha dichiarato"}
# Words that may stand between a subject and its verb ("Quell has also said").
_AUX = re.compile(
    r"(?:\s+(?:has|had|have|also|later|then|again|once|previously|recently|repeatedly|publicly|"
    r"privately|often|frequently|had|would|will|could|might|may|must|should|did|does|do|is|was|"
    r"were|are|been|being|just|simply|only|still|even|further|quickly|flatly|bluntly|angrily|"
    r"simply|finally|first|initially|earlier|famously|once|later|on\s+\w+day|in\s+\w+|yesterday|"
    r"today|tonight|last\s+\w+|this\s+\w+|never|not|ha|hat|a|est|era|fue|ya|luego))+\s*$",
    re.IGNORECASE,
)
_TAIL_TRIM = re.compile(r"[\s,;:—–\-\"]+$")
# The one-word alternatives of _AUX, and the first words of its two-word ones: a phrase whose last word
# (or the word before it) is none of these, and which ends in no _TAIL_TRIM character, is left as it is.
_AUX_LAST = frozenset(
    """has had have also later then again once previously recently repeatedly publicly privately
often frequently would will could might may must should did does do is was were are been being just simply only
still even further quickly flatly bluntly angrily finally first initially earlier famously yesterday today
tonight never not ha hat a est era fue ya luego""".split()
)
_AUX_BEFORE_LAST = frozenset(("on", "in", "last", "this"))
_TAIL_CHARS = frozenset(',;:—–-"')


@dataclass
class Cue:
    """Where a quote's source is named: the noun phrase text and its offset, and how it was found."""

    phrase: str
    start: int
    how: str  # "after", "before", "according", "subject", "inverted"


# Verbs of speech that are also plural nouns; a determiner or possessive before them, or a modal or auxiliary
# after them, makes them nouns ("his remarks", "Quell's comments", "states can", "claims are").
PLURAL_NOUNS = frozenset(
    """states claims comments remarks notes reports calls charges posts tweets answers promises
estimates demands pledges vows cries replies texts quotes jokes""".split()
)
_NOUN_NEXT = re.compile(
    r"\s+(?:can|could|will|would|should|may|might|must|are|were|have|had|do|did)\b"
)
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|his|her|their|its|our|my|your|these|those|such|some|many|any|no|whose)|['’]s?)\s+$",
    re.I,
)


def noun_use(text: str, v: re.Match, end: int) -> bool:
    """True when the speech verb `v` is a plural noun of the same spelling here ("his remarks", "states can")."""
    return v.group() in PLURAL_NOUNS and (
        _NOUN_NEXT.match(text, v.end(), end) is not None
        or _NOUN_BEFORE.search(text, max(0, v.start() - 12), v.start()) is not None
    )


def verbs_in(text: str, start: int, end: int) -> list[re.Match]:
    """Speech verbs in text[start:end], in order (not plural nouns of the same spelling)."""
    return [
        v
        for v in VERB.finditer(text, start, end)
        if v.group() not in PLURAL_NOUNS or not noun_use(text, v, end)
    ]


def first_verb(text: str, start: int, end: int) -> re.Match | None:
    """The first speech verb in text[start:end] (not a plural noun of the same spelling), or None."""
    v = VERB.search(text, start, end)
    while v is not None and v.group() in PLURAL_NOUNS and noun_use(text, v, end):
        v = VERB.search(text, v.end(), end)
    return v


def strip_aux(phrase: str) -> str:
    """The subject phrase without trailing auxiliaries and time adverbs."""
    # The common case, decided without the regexes: once the trailing white space and punctuation that
    # _TAIL_TRIM takes are gone, the last word (or the one before it) is no auxiliary.  (Words in other
    # scripts go to the regexes, whose case-insensitive matching they might fool.)
    end = len(phrase)
    while end and (phrase[end - 1] in _TAIL_CHARS or phrase[end - 1].isspace()):
        end -= 1
    words = phrase[:end].rsplit(None, 2)
    if (
        words
        and words[-1].isascii()
        and words[-1].lower() not in _AUX_LAST
        and (len(words) < 2 or words[-2].isascii() and words[-2].lower() not in _AUX_BEFORE_LAST)
    ):
        return phrase[:end]
    prev = None
    while prev != phrase:
        prev = phrase
        phrase = _AUX.sub("", phrase)
        phrase = _TAIL_TRIM.sub("", phrase)
    return phrase


def last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of pattern in text[start:end], or None."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the loop keeps the last one
        pass
    return found


def according_to(masked: str, start: int, end: int) -> Cue | None:
    """The source of an "according to X" phrase in masked[start:end]."""
    if _ACCORDING_HINT.search(masked[start:end].lower()) is None:
        return None  # cheap test first: most sentences have none of these words
    m = last_match(ACCORDING, masked, start, end)
    if m is None:
        return None
    stop = phrase_end(masked, m.end(), end)
    return Cue(masked[m.end() : stop], m.end(), "according")


# "Mr." / "U.S." / "J." at the end of a stretch: an abbreviation, not the end of a phrase.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z]|\.[A-Z])$")
_PHRASE_STOP = re.compile(
    r"[,;:.!?\"\x00()]|\s(?:in|on|at|during|after|before|to|about|of|that|who|which|when|while|as|and|but|from|with|because)\s"
)


def phrase_end(masked: str, start: int, end: int) -> int:
    """Where a noun phrase starting at `start` ends: at punctuation or a clause word."""
    pos = start
    while True:
        m = _PHRASE_STOP.search(masked, pos, end)
        if m is None:
            return end
        # "Mr." / "U.S." / "J." are abbreviations, not the end of the phrase.
        if m.group() == "." and _ABBREVIATION_END.search(masked, start, m.start()):
            pos = m.end()
            continue
        return m.start()


_PUNCT_STOP = re.compile(
    r"[,;:!?\"\x00()—–]|\s-\s|\.(?=\s|$)|\s(?:who|which|that|in|on|at|during|after|before)\s"
)


def phrase_end_punct(masked: str, start: int, end: int) -> int:
    """Where a noun phrase after an inverted verb ends: at punctuation or a relative/time clause."""
    pos = start
    while True:
        m = _PUNCT_STOP.search(masked, pos, end)
        if m is None:
            return end
        if m.group() == "." and _ABBREVIATION_END.search(masked, start, m.start()):
            pos = m.end()
            continue
        return m.start()
