"""Date parsing: ISO stamps, numeric dates (day- or month-first by language), month names in many languages."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

MIN_YEAR = 1990

_MONTHS_BY_LANG = {
    "en": [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    "de": [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}
MONTHS: dict[str, int] = {}
for _names in _MONTHS_BY_LANG.values():
    for _i, _name in enumerate(_names, 1):
        MONTHS[_name] = _i
        MONTHS.setdefault(_name[:3], _i)
        MONTHS.setdefault(_name[:4], _i)
MONTHS.update(
    {
        "jänner": 1,
        "jän": 1,
        "sept": 9,
        "févr": 2,
        "fevr": 2,
        "fevrier": 2,
        "aout": 8,
        "decembre": 12,
        "marz": 3,
        "maerz": 3,
        "mrz": 3,
        "okt": 10,
        "dez": 12,
        "setiembre": 9,
        "set": 9,
        "dic": 12,
        "ene": 1,
        "juil": 7,
        "janv": 1,
        "déc": 12,
        "mrt": 3,
        "marco": 3,
        "fev": 2,
        "out": 10,
        "abr": 4,
        "ago": 8,
        "mag": 5,
        "giu": 6,
        "lug": 7,
        "ott": 10,
        "gen": 1,
    }
)
MONTH_PATTERN = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

# English locales that write numeric dates month-first (03/12/2015 = March 12); the
# rest of the English-speaking world and every other language here write day-first.
MONTH_FIRST_REGIONS = {"", "us", "ph", "ca", "fm", "mh", "pw", "as", "gu", "pr", "um", "vi"}


def month_first(locale: str | None) -> bool:
    """True when a locale ("en-US", "en_GB", "de") writes numeric dates month-first."""
    lang, _, region = (locale or "").strip().lower().replace("_", "-").partition("-")
    return lang == "en" and region.split("-")[0] in MONTH_FIRST_REGIONS


ISO_RE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?:[T ](\d\d?):(\d\d)(?::(\d\d)(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d|[+-]\d\d(?!\d))?)?"
)
COMPACT_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?)?(?!\d)")
# 3 December 2015, 3. Mai 2024, 3 de mayo de 2024, le 3 mai 2024, 1er mars 2024
DMY_TEXT_RE = re.compile(
    rf"(?<![\w\d])(\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s*(?:de\s+|of\s+)?({MONTH_PATTERN})\.?,?\s*(?:de\s+|del\s+)?((?:19|20)\d\d)(?!\d)",
    re.I,
)
# December 3, 2015 / Dec. 03 2015
MDY_TEXT_RE = re.compile(
    rf"(?<![\w])({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.I
)
# 2015年12月3日 / 2025년 5월 15일
CJK_RE = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
# 03.12.2015, 03/12/2015, 2015/12/03, 2015.12.03
NUM_RE = re.compile(r"(?<![\d.])(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?![\d])")
TIME_RE = re.compile(r"(\d{1,2})[:.h](\d\d)(?:\s*([ap])\.?m\.?)?", re.I)


def valid_date(y: int, m: int, d: int, today: date | None = None) -> date | None:
    """The date, when it exists and lies between MIN_YEAR and the day after tomorrow."""
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    today = today or date.today()
    if value.year < MIN_YEAR or value > today + timedelta(days=2):
        return None
    return value


def parse_iso(text: str) -> tuple[date, str] | None:
    """A date and its ISO form (with time and offset when given) from an ISO-8601 stamp."""
    match = ISO_RE.search(text)
    if not match:
        return None
    y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
    value = valid_date(y, m, d)
    if value is None:
        return None
    iso = value.isoformat()
    if match.group(4):
        hh, mm, ss = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
        if hh < 24 and mm < 60 and ss < 60:
            iso += f"T{hh:02d}:{mm:02d}:{ss:02d}"
            tz = match.group(7)
            if tz:
                if tz == "Z":
                    iso += "Z"
                else:
                    tz = tz.replace(":", "")
                    if len(tz) == 3:
                        tz += "00"
                    iso += f"{tz[:3]}:{tz[3:]}"
    return value, iso


def _text_date(
    match: re.Match, kind: str, lang: str | None, month_first_order: bool | None
) -> date | None:
    """The date a match of one of the patterns above stands for, or None when it is no valid date."""
    if kind in ("dmy", "mdy"):
        d, mon, y = (
            (match.group(1), match.group(2), match.group(3))
            if kind == "dmy"
            else (match.group(2), match.group(1), match.group(3))
        )
        month = MONTHS.get(mon.lower().rstrip("."))
        return valid_date(int(y), month, int(d)) if month else None
    if kind in ("cjk", "compact"):
        return valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    a, sep, b, c = match.group(1), match.group(2), match.group(3), match.group(4)
    if len(a) == 4:
        return valid_date(int(a), int(b), int(c))
    year = int(c) if len(c) == 4 else (2000 + int(c) if len(c) == 2 else -1)
    x, y = int(a), int(b)
    first = month_first_order
    if first is None:
        first = sep == "/" and month_first(lang)
    if x > 12:
        first = False
    elif y > 12:
        first = True
    return valid_date(year, x, y) if first else valid_date(year, y, x)


_TEXT_PATTERNS = (("dmy", DMY_TEXT_RE), ("mdy", MDY_TEXT_RE), ("cjk", CJK_RE), ("num", NUM_RE))


def parse_date(
    text: str, lang: str | None = None, month_first_order: bool | None = None
) -> tuple[date, str] | None:
    """The first date found in a string, with its ISO form; None when there is none.

    ``lang`` is the page's language or locale ("en-US", "fr"); it decides whether
    "03/04/2024" is March 4 or 3 April (a day above 12 decides by itself).
    """
    if not text:
        return None
    text = text.strip()
    if len(text) > 400:
        text = text[:400]
    found = parse_iso(text)
    if found:
        return found
    for kind, regex in _TEXT_PATTERNS:
        match = regex.search(text)
        if match:
            value = _text_date(match, kind, lang, month_first_order)
            if value:
                return value, value.isoformat()
    match = COMPACT_RE.search(text)
    if match and len(text) < 40:
        value = _text_date(match, "compact", lang, month_first_order)
        if value:
            return value, value.isoformat()
    return None


def dates_in(text: str, lang: str | None = None) -> list[tuple[int, int, date]]:
    """Every full date written in a text, as (start, end, date), in reading order."""
    found = []
    for match in ISO_RE.finditer(text):
        value = valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if value:
            found.append((match.start(), match.end(), value))
    for kind, regex in _TEXT_PATTERNS:
        for match in regex.finditer(text):
            if kind == "num" and any(s <= match.start() < e for s, e, _ in found):
                continue  # the digits of an ISO stamp read again as a numeric date
            value = _text_date(match, kind, lang, None)
            if value:
                found.append((match.start(), match.end(), value))
    return sorted(found, key=lambda item: item[0])


# 3 décembre, 6. Mai, December 3: a day and a month with no year after them.
DM_TEXT_RE = re.compile(
    rf"(?<![\w\d])(\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s*(?:de\s+|of\s+)?({MONTH_PATTERN})\b\.?(?!,?\s*(?:de\s+)?\d)",
    re.I,
)
MD_TEXT_RE = re.compile(
    rf"(?<![\w])({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)", re.I
)


def day_months_in(text: str) -> list[tuple[int, int, int, int]]:
    """Dates written without a year ("le 3 décembre"), as (start, end, month, day), in reading order."""
    found = []
    for regex, day_first in ((DM_TEXT_RE, True), (MD_TEXT_RE, False)):
        for match in regex.finditer(text):
            day, mon = (
                (match.group(1), match.group(2)) if day_first else (match.group(2), match.group(1))
            )
            month = MONTHS.get(mon.lower().rstrip("."))
            if month and 1 <= int(day) <= 31:
                found.append((match.start(), match.end(), month, int(day)))
    return sorted(found)


def parse_timestamp(value: str) -> tuple[date, str] | None:
    """A Unix timestamp (seconds or milliseconds) as a UTC date."""
    try:
        number = float(value)
    except ValueError:
        return None
    if number > 1e11:
        number /= 1000
    try:
        moment = datetime.fromtimestamp(number, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    valid = valid_date(moment.year, moment.month, moment.day)
    return (valid, moment.isoformat().replace("+00:00", "Z")) if valid else None


URL_MONTH_RE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:/|$)")
URL_DATE_RE = re.compile(
    r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|\b)"
)


def date_from_url(url: str | None) -> tuple[date, str] | None:
    """A date written in the URL path (/2024/05/03/ or /20240503)."""
    if not url:
        return None
    match = URL_DATE_RE.search(url)
    if not match:
        return None
    value = valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return (value, value.isoformat()) if value else None


def year_month_from_url(url: str | None) -> tuple[int, int] | None:
    """The year and month of an archive path (/2015/12/slug) when the URL gives no day."""
    match = URL_MONTH_RE.search(url or "")
    return (int(match.group(1)), int(match.group(2))) if match else None
