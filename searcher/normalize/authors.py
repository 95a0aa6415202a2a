"""Author bylines: split into names, strip "By", roles, titles, dates, e-mails and other junk."""

from __future__ import annotations

import re

from ..textfold import fold_key
from .dates import DMY_TEXT_RE, MDY_TEXT_RE, MONTH_PATTERN

_BY = re.compile(
    r"^\s*(?:(?:written|reported|posted|published|compiled|edited|text|story|photos?|words)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|від|от|przez|autor(?:in|a)?|author|auteur|text|texto|testo|tekst)\s*[:\-–]?\s+",
    re.I,
)
_LABEL = re.compile(
    r"^\s*(?:authors?|autor(?:en|in|es|as)?|auteurs?|byline|written by|reporter|redakt(?:ion|eur))\s*[:\-–]\s*",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+|@\w+")
_ROLE_WORDS = (
    "staff writer",
    "staff reporter",
    "senior writer",
    "senior reporter",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "journalist",
    "writer",
    "producer",
    "photographer",
    "analyst",
    "anchor",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
    "journalistin",
    "autorin",
    "autor",
    "rédacteur",
    "rédactrice",
    "envoyé spécial",
    "envoyée spéciale",
    "corresponsal",
    "redactor",
    "redactora",
    "periodista",
    "giornalista",
    "inviato",
    "jornalista",
    "redacteur",
    "verslaggever",
    "mitarbeiter",
    "chefredakteur",
    "ressortleiter",
    "leiter",
    "head of",
    "director",
    "chief",
    "deputy",
    "managing",
    "political",
    "science",
    "health",
    "sports",
    "business",
    "news",
    "desk",
    "team",
    "intern",
)
_ROLE_SUFFIX = re.compile(
    r"\s*(?:[,|/–—-]|\bis\b|\bist\b)\s*(?:(?:the|a|an|our|der|die|unser(?:e)?)\s+)?(?:[\w.'&-]+\s+){0,4}?(?:"
    + "|".join(re.escape(w) for w in _ROLE_WORDS)
    + r")s?\b.*$",
    re.I,
)
_TITLES = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|lord|lady|rev|fr|gen|lt|col|maj|capt|cpt|sgt|adm|hon|mag|ing|dipl)\.?\s+)+",
    re.I,
)
_JUNK = re.compile(
    r"\b(?:updated?|aktualisiert|published|veröffentlicht|publié|mis à jour|actualizado|publicado|aggiornato|"
    r"min(?:ute)?s?\.? read|lesezeit|leestijd|temps de lecture|\d+\s*min|read more|follow|share|email|e-mail|"
    r"twitter|facebook|linkedin|instagram|view all posts|more articles|alle artikel|mehr von|powered by)\b.*$",
    re.I,
)
# Time stamps glued to a byline: "Stand: 28. April", "14.05 Uhr", "10 heures".
_TIME_WORDS = re.compile(
    r"\bstand\s*:.*$|\b\d{1,2}(?:[:.h]\d\d)?\s*(?:uhr|heures?|horas?|ore)\b.*$", re.I
)
_DATEISH = re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}:\d\d)\b.*$")
_SPLIT = re.compile(
    r"\s*(?:,|;|\s&\s|\+|\s\|\s|/|\s(?:and|und|et|y|e|en|og|och|ja|i|und|a|és|ve|và|и)\s)\s*", re.I
)
_NOT_NAME = re.compile(
    r"^(?:by|and|und|et|the|staff|admin|administrator|editor|redaktion|newsroom|guest|anonymous|unknown|null|none|"
    r"home|news|author|autor|share|follow|folgen|suivre|seguir|segui|volgen|abonnieren|subscribe|more|sponsored|"
    r"advertisement|anzeige|profile|profil|contact|kontakt)$",
    re.I,
)
_AGENCY = re.compile(
    r"^(?:AP|AFP|dpa|DPA|Reuters|KNA|epd|APA|SID|AAP|ANSA|EFE|TASS|Xinhua|Kyodo|Yonhap|UPI|PA|PTI|IANS|RIA|Interfax|Bloomberg|"
    r"Associated Press|Agence France-Presse|Deutsche Presse-Agentur|Press Association)$",
    re.I,
)


_BY_INSIDE = re.compile(r"(?:^|\s)(?:by|von|par|por|di|door|av|af|przez)\s+(?=[^\W\d_])", re.I)


def byline_text(text: str) -> str:
    """The part of a visible byline block after "By"/"Von"…, when the word appears early in it."""
    match = _BY_INSIDE.search(text[:60])
    return text[match.end() :] if match else text


_ORG_WORDS = re.compile(
    r"\b(?:press|news|agency|service|wire|times|post|herald|gazette|tribune|journal|media|associated|courier|"
    r"chronicle|telegraph|review|daily|weekly|radio|television|network|broadcasting|newsroom|presse|agentur|"
    r"zeitung|nachrichten|agence|agencia|diario|periódico|redaktion|rédaction|redacción|staff)\b",
    re.I,
)


def is_organisation(name: str) -> bool:
    """True for a byline entry that names an outlet or agency rather than a person."""
    return is_agency(name) or bool(_ORG_WORDS.search(name))


def is_agency(name: str) -> bool:
    """True for the name of a news agency (AP, AFP, dpa, Reuters…)."""
    return bool(_AGENCY.match(name.strip()))


def _title_case(name: str) -> str:
    """Title-case a name written in capitals, keeping short agency acronyms."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    if is_agency(name) or (len(name) <= 5 and " " not in name):
        return name
    words = []
    for word in name.split(" "):
        parts = re.split(r"([-'’])", word.lower())
        words.append("".join(p[:1].upper() + p[1:] if p not in "-'’" else p for p in parts))
    out = " ".join(words)
    return re.sub(r"\bMc(\w)", lambda m: "Mc" + m.group(1).upper(), out)


_TEXT_DATE = re.compile(
    rf"(?:{DMY_TEXT_RE.pattern})|(?:{MDY_TEXT_RE.pattern})|\b\d{{1,2}}\.?\s+(?:{MONTH_PATTERN})\b",
    re.I,
)


def clean_name(raw: str) -> str | None:
    """One author name without junk, or None when nothing name-like remains."""
    name = raw.replace("\u00a0", " ")
    name = re.sub(r"\([^)]*\)?", " ", name)
    name = _EMAIL.sub(" ", name)
    name = _URL.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" \t\n·•|:,;-–—()[]")
    for _ in range(2):
        name = _LABEL.sub("", name)
        name = _BY.sub("", name)
    name = _JUNK.sub("", name)
    name = _TIME_WORDS.sub("", name)
    name = _DATEISH.sub("", name)
    found = _TEXT_DATE.search(name)
    if found:
        name = name[: found.start()]
    name = _ROLE_SUFFIX.sub("", name)
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name)
    name = _TITLES.sub("", name.strip())
    name = re.sub(r"\s+", " ", name).strip(" \t\n·•|:,;-–—")
    # CJK bylines append the role: "신현주 기자", "山田太郎記者".
    name = re.sub(r"\s*(?:기자|특파원|논설위원|記者|特派員|编辑|編集委員|通讯员)$", "", name)
    if not name or _NOT_NAME.match(name):
        return None
    if len(name) > 60 or len(name.split()) > 6 or (" " not in name and len(name) > 30):
        return None
    if not any(c.isalpha() for c in name):
        return None
    if re.search(r"[<>{}=/]|\.html?\b", name):
        return None
    return _title_case(name)


_ROLE_ONLY = re.compile(
    r"^(?:[\w.'&-]+\s+){0,4}(?:staff|writer|reporter|correspondent|editor|columnist|journalist|contributor|"
    r"redakteur(?:in)?|korrespondent(?:in)?|journalistin|rédact(?:eur|rice)|corresponsal|redactora?|periodista|"
    r"giornalista|jornalista|verslaggever|photographer|fotograf(?:in)?|producer|analyst|intern|"
    r"freelance(?:r)?|freie autorin|freier autor)s?$",
    re.I,
)


# Photo and source credits look like bylines but name no author.
_CREDIT = re.compile(
    r"^\W*(?:foto|fotos|photo|photos|image|images|bild|bilder|picture|credit|quelle|source|fuente|fonte|bron|getty)\b",
    re.I,
)


def split_names(raw: str) -> list[str]:
    """A byline split into its names ("A, B and C", "A & B", "A og B")."""
    if not raw:
        return []
    text = re.sub(r"\s+", " ", raw.replace("\u00a0", " ")).strip()
    if _CREDIT.match(text):
        return []
    text = re.sub(r"\([^)]*\)?", " ", text).strip()
    text = _LABEL.sub("", text)
    text = _BY.sub("", text)
    # "Doe, Jane" (one name, surname first) is rare in bylines; commas separate people.
    parts = _SPLIT.split(text)
    out: list[str] = []
    for part in parts:
        if _ROLE_ONLY.match(part.strip(" .")):
            continue
        name = clean_name(part)
        if name and name not in out:
            out.append(name)
    return out


def clean_authors(values: list[str]) -> list[str]:
    """Every name in the given bylines, de-duplicated (case- and accent-insensitively)."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in split_names(value):
            key = fold_key(name)
            if key and key not in seen:
                seen.add(key)
                out.append(name)
    return out
