"""Language detection (ISO 639-1): the script for non-Latin text, stopword counts for Latin text.

A small detector of our own: the language libraries (langdetect, lingua, fasttext) are
large or slow to load, and news text in a dozen common languages separates cleanly on
function words; the page's own declaration (``<html lang>``) decides when text is short.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the of and to in is that for it with as was on be by this are from at have has not but which they were said his her will would been their an",
    "de": "der die und den das ist nicht mit sich des auf für ein eine dem im von zu auch wird es sie dass bei wie nach noch sind aus wurde einer werden",
    "fr": "le la les des et est une du que en dans pour qui pas sur au avec plus par sont ce il elle été aux ont cette mais comme",
    "es": "el la los las de que en y del se por con una para es al su lo como más pero sus ha fue este entre también sobre",
    "it": "il di che la è per un una del della non sono nel alla anche con gli le dei più ha come dalla degli ma nella",
    "pt": "de que o da do em um uma para com não os as se na no por mais dos das foi ao ele pelo pela também são",
    "nl": "de het een van en in is dat op te zijn met voor niet aan er die ook als bij door maar om werd worden",
    "sv": "och att det som en på är av för med till den inte har om ett var jag men från sig kan",
    "da": "og det at en den til er som på de med af for ikke der var han har jeg sig fra men om",
    "no": "og det at en den til er som på de med av for ikke der var han har jeg seg fra men om ble",
    "pl": "i w nie na się z że do to jest jak po od co przez za tak ale są jego dla oraz być",
    "cs": "a v se na je že s z o do to jako pro by jsou ale po který které jeho také už byl",
    "tr": "ve bir bu da de için ile olarak çok daha gibi en olan ama ya göre sonra kadar",
    "id": "dan yang di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh karena bisa",
    "lt": "ir kad yra su į iš per jo bet kaip buvo tai ar nuo apie dar",
    "sw": "na ya wa kwa katika ni za la kuwa hiyo huo hilo pia baada wakati",
    "vi": "và của là có được cho các những một trong không người này với đã",
    "zu": "futhi ukuthi kodwa uma noma kanye wathi kule",
    "xh": "kwaye ukuba kodwa xa okanye uthe kule",
    "hu": "a az és hogy nem egy is van meg de csak már még ez",
    "ro": "și în de la cu pe că nu este din pentru mai care sunt au fost",
    "fi": "ja on ei se että oli hän kun niin mutta myös tai ovat joka",
}
_STOPSETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = [
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# Declared codes read as another: Norwegian's two written forms, and the three-letter codes pages use.
CODE_ALIASES = {
    "nb": "no",
    "nn": "no",
    "ger": "de",
    "deu": "de",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
}


def declared_language(*values: str | None) -> str | None:
    """The first usable ISO 639-1 code among declared values ("de-AT", "fr_FR", "en")."""
    for value in values:
        if not value:
            continue
        match = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|$|\s)", value)
        if match:
            code = match.group(1).lower()
            code = CODE_ALIASES.get(code, code)
            if len(code) == 2:
                return code
    return None


def detect(text: str) -> tuple[str | None, float]:
    """The most likely language of a text and a confidence between 0 and 1."""
    sample = text[:3000]
    if not sample.strip():
        return None, 0.0
    letters = sum(1 for c in sample if c.isalpha()) or 1
    for code, regex in _SCRIPTS:
        if len(regex.findall(sample)) / letters > 0.15:
            if code == "zh" and len(_SCRIPTS[0][1].findall(sample)) / letters > 0.02:
                return "ja", 0.9
            return code, 0.9
    if len(_CYRILLIC.findall(sample)) / letters > 0.3:
        ukrainian = len(re.findall(r"[іїєґ]", sample.lower()))
        return ("uk" if ukrainian > 3 else "ru"), 0.7
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return None, 0.0
    counts = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPSETS.items()}
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 3:
        return None, 0.0
    confidence = (top - second) / top
    return best, min(1.0, confidence * min(1.0, top / 20))


def choose_language(text: str, declared: str | None) -> str | None:
    """The text's language; the page's declaration wins unless the text clearly says otherwise."""
    detected, confidence = detect(text)
    if declared and (detected is None or detected == declared or confidence < 0.35):
        return declared
    # Closely related languages are told apart by the declaration when it names one of them.
    if declared and {declared, detected} <= {"da", "no", "sv"}:
        return declared
    return detected or declared
