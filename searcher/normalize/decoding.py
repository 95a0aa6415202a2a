"""Bytes to text: BOM, HTTP and meta charsets, windows-1252 mislabelled as latin-1 or utf-8."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.I)
# Latin-1 labels are decoded as windows-1252, as browsers do (the WHATWG encoding standard).
_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "iso-8859-1": "cp1252"}
# Typical mojibake of UTF-8 read as cp1252: "Ã©", "â€™", "Â ".
_MOJIBAKE = re.compile(
    "[ÃÂ][\u0080-\u00ff\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u2122]|â€[\u0080-\u00ff\u2018-\u203a\u2122\u0153\u017e]"
)


_LANG_ATTR = re.compile(rb"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2})""", re.I)
_LEGACY_BY_LANG = {
    "ja": ("shift_jis", "euc_jp", "cp932"),
    "zh": ("gb18030", "big5"),
    "ko": ("euc_kr", "cp949"),
    "ru": ("cp1251", "koi8_r"),
    "uk": ("cp1251", "koi8_u"),
    "bg": ("cp1251",),
    "sr": ("cp1251",),
    "el": ("cp1253",),
    "tr": ("cp1254",),
    "he": ("cp1255",),
    "ar": ("cp1256",),
    "pl": ("cp1250",),
    "cs": ("cp1250",),
    "sk": ("cp1250",),
    "hu": ("cp1250",),
    "hr": ("cp1250",),
    "sl": ("cp1250",),
    "ro": ("cp1250",),
    "lt": ("cp1257",),
    "lv": ("cp1257",),
    "et": ("cp1257",),
    "th": ("cp874",),
    "vi": ("cp1258",),
}


@dataclass
class Decoded:
    """Text of a page and the encoding it was read with."""

    text: str
    encoding: str


def _norm_name(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        canonical = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return _ALIASES.get(canonical, canonical)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset named by the HTTP header, else by the page's <meta> or XML declaration."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and _norm_name(match.group(1)):
            return _norm_name(match.group(1))
    head = data[:16384]
    # The declaration in the page itself, read from its bytes before any decoding.
    in_page = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return _norm_name(in_page.group(1)) if in_page else None


def _as_cp1252_bytes(text: str) -> bytes:
    """The bytes a cp1252 decoder read to produce the text (undefined bytes map to U+0080–U+009F)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) < 256:
                out.append(ord(char))
            else:
                raise
    return bytes(out)


_MOJIBAKE_RUN = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u2122\u0153\u017e\u20ac\u0160\u0161\u0192]{1,3}"
)


# C1 control characters in decoded text are windows-1252 bytes that an earlier step read as
# latin-1 ("\x93quoted\x94"): give them the characters windows-1252 means.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")  # found in the bytes: a literal-prefixed search is fast
_C1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as windows-1252, when that is clearly what happened."""
    # Cheap substring checks first: the regex is only worth running on suspicious pages.
    if "Ã" not in text and "Â" not in text and "â€" not in text:
        return text
    if not _MOJIBAKE.search(text):
        return text

    def fix(match: re.Match) -> str:
        try:
            return _as_cp1252_bytes(match.group(0)).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group(0)

    # Text encoded twice or three times comes back one layer per pass.
    for _ in range(3):
        fixed = _MOJIBAKE_RUN.sub(fix, text)
        if fixed == text:
            break
        text = fixed
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes look like UTF-16 markup without a byte order mark."""
    sample = data[:2048]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII markup in UTF-16: every other byte is zero, and only those.
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _cp1252_for_stray_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: a byte that is not UTF-8 is read as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error  # (registered for decoding only: an encoding error has no bytes to read)
    bad = error.object[error.start : error.start + 1]
    return bad.decode("cp1252", "replace"), error.start + 1


codecs.register_error("searcher-cp1252", _cp1252_for_stray_bytes)
# A UTF-8 character of 2-4 bytes: pages that have these are UTF-8 pages, stray bytes aside.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that fail as UTF-8 are still mostly UTF-8 (a windows-1252 byte pasted into a UTF-8 page)."""
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    high = sum(1 for b in data if b > 127) if multibyte else 0
    # Each UTF-8 character accounts for 2-4 high bytes; the rest are the stray ones.
    return multibyte > 0 and high - 2 * multibyte < multibyte


def _latin_script(text: str) -> bool:
    """Whether decoded text reads as a Latin-script language (mostly ASCII letters)."""
    letters = [c for c in text[:20000] if c.isalpha()]
    return not letters or sum(1 for c in letters if c.isascii()) > 0.6 * len(letters)


def _detected(data: bytes) -> str | None:
    """A legacy encoding guessed from the bytes alone (used only for pages in a non-Latin script)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data[:65536]).best()
    return _norm_name(best.encoding) if best is not None else None


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode page bytes to text, never raising and never producing mojibake where avoidable."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, "replace"), name)
    utf16 = utf16_without_bom(data)
    if utf16:
        return Decoded(data.decode(utf16, "replace"), utf16)
    declared = declared_charset(data, content_type)
    # UTF-8 is tried first whatever the label says: a valid UTF-8 byte sequence with
    # non-ASCII characters is practically never meant as another encoding.
    try:
        text = data.decode("utf-8")
        if _C1_UTF8.search(data):
            text = text.translate(_C1_TO_CP1252)
        return Decoded(fix_mojibake(text), "utf-8")
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return Decoded(fix_mojibake(data.decode("utf-8", "searcher-cp1252")), "utf-8")
    if declared and declared not in ("utf-8", "cp1252"):
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    # No usable label: the page's language (<html lang>) names the likely legacy encodings.
    match = _LANG_ATTR.search(data[:16384])
    for name in _LEGACY_BY_LANG.get(match.group(1).decode("ascii").lower() if match else "", ()):
        try:
            return Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    # Labelled utf-8 or latin-1 but not valid: almost always windows-1252 bytes.
    text = data.decode("cp1252", "replace")
    if not _latin_script(text):
        # Mostly accented letters: a Cyrillic, Greek, Arabic... page in its legacy encoding.
        guess = _detected(data)
        if guess and guess != "cp1252":
            try:
                return Decoded(data.decode(guess), guess)
            except (UnicodeDecodeError, LookupError):
                pass
    return Decoded(text, "cp1252")
