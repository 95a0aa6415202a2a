"""Finding quoted spans in every quotation-mark style, paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Paragraphs are separated by one or more line breaks (blank-line or one-per-line bodies).
_PARAGRAPH = re.compile(r"[^\n]+")

# Every quotation mark we understand; ``/'' (TeX and NYT style) as pairs, '' before a single '.
# (Every alternative opens with a literal, so the regex engine skips ahead to the next candidate character; an
# apostrophe between two letters or digits, the most common of them, is not matched at all.)
_MARK = re.compile(
    "|".join(map(re.escape, '"“”„‟«»‹›‘‚'))
    + r"|’(?!(?<=[^\W_]’)[^\W_])|'(?!(?<=[^\W_]')[^\W_])(?:')?"
    r"|``|&(?:quot|[lr]dquo|[lr]squo|[lr]aquo|bdquo|#34|#39|#82(?:16|17|20|21|22)"
    r"|#x201[89cdeCDE]|#171|#187);"
)
# Quotation marks written as HTML entities, and the character each stands for.
_ENTITIES = {
    "&quot;": '"',
    "&#34;": '"',
    "&ldquo;": "“",
    "&rdquo;": "”",
    "&lsquo;": "‘",
    "&rsquo;": "’",
    "&#39;": "'",
    "&laquo;": "«",
    "&raquo;": "»",
    "&bdquo;": "„",
    "&#8216;": "‘",
    "&#8217;": "’",
    "&#8220;": "“",
    "&#8221;": "”",
    "&#8222;": "„",
    "&#x2018;": "‘",
    "&#x2019;": "’",
    "&#x201c;": "“",
    "&#x201C;": "“",
    "&#x201d;": "”",
    "&#x201D;": "”",
    "&#x201e;": "„",
    "&#x201E;": "„",
    "&#171;": "«",
    "&#187;": "»",
}
# Does a paragraph hold anything but apostrophes?  (Most ’ and ' are apostrophes; skip those paragraphs.)
# (" '" is written as "'" after a space, for the same skipping ahead as _MARK.)
_MARK_CHARS = ('"', "“", "”", "„", "‟", "«", "»", "‹", "›", "‘", "‚", "``", "''", "&")
_ANY_MARK = re.compile("|".join(re.escape(c) for c in _MARK_CHARS) + "|'(?<= ')")


DOUBLE, SINGLE = "double", "single"
_FAMILY = {
    '"': DOUBLE,
    "“": DOUBLE,
    "”": DOUBLE,
    "„": DOUBLE,
    "‟": DOUBLE,
    "«": DOUBLE,
    "»": DOUBLE,
    "``": DOUBLE,
    "''": DOUBLE,
    "'": SINGLE,
    "‘": SINGLE,
    "’": SINGLE,
    "‚": SINGLE,
    "‹": SINGLE,
    "›": SINGLE,
}
# What closes each opening glyph (German „…“ and »…«, French «…», English “…”).
_CLOSERS = {
    "“": '”"“',
    "„": '“”"',
    "‟": '”"',
    "«": "»",
    "»": "«",
    '"': '"”“',
    "``": "''\"”",
    "''": "''\"”",
    "‘": "’'",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    "'": "'’",
}
_OPEN_GLYPHS = frozenset("“„‟«‘‚‹") | {"``"}
_CLOSE_GLYPHS = frozenset("”»’›")
# Characters that may stand just before an opening mark / just after a closing one.
_BEFORE_OPEN = set(" \t\u00a0([{—–-/:;,") | {""}
_AFTER_CLOSE = set(" \t\u00a0)]}.,;:!?—–-/…") | {""}


@dataclass
class QuoteSpan:
    """A quoted stretch of text: offsets of the text between the marks, and its paragraph."""

    start: int
    end: int
    para_start: int
    para_end: int
    # True when the quote goes on in the next paragraph (no closing mark here).
    continues: bool = False
    # True when this segment continues a quote opened in an earlier paragraph.
    continued: bool = False
    # Offsets of the opening mark and just past the closing mark (or the quote's end if none).
    open_start: int = -1
    close_end: int = -1


class _Mark:
    """A quotation mark and whether it can open or close a quote (a slotted class: there are many)."""

    __slots__ = ("glyph", "start", "end", "can_open", "can_close")

    def __init__(self, glyph: str, start: int, end: int, can_open: bool, can_close: bool) -> None:
        self.glyph, self.start, self.end, self.can_open, self.can_close = (
            glyph,
            start,
            end,
            can_open,
            can_close,
        )


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph (one line) of the text."""
    return [m.span() for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    """The quotation marks of one paragraph, each with whether it can open or close."""
    out = []
    for m in _MARK.finditer(text, start, end):
        g = m.group()
        ms, me = m.span()
        if g[0] == "&":
            g = _ENTITIES.get(g, '"')
        before = text[ms - 1] if ms > start else ""
        after = text[me] if me < end else ""
        if (g == "’" or g == "'") and before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word (don't, the Quells'), the most common mark: decided first
        left_flank = before in _BEFORE_OPEN or before in "“\"„«‘'`"
        right_flank = after in _AFTER_CLOSE or after in "”\"»’'"
        if g in ("'", "’"):
            # An apostrophe inside a word (don't, the Quells') is not a quotation mark.
            if before.isalnum() and after.isalnum():
                continue
            can_open = left_flank and bool(after) and (after.isalnum() or after in '"“[…')
            can_close = not (before in " \t\u00a0" or before == "") and right_flank
            if g == "’":
                can_open = False
            if not (can_open or can_close):
                continue
            out.append(_Mark(g, ms, me, can_open, can_close))
            continue
        if g in _OPEN_GLYPHS and g != "“" and g != "‘":
            can_open, can_close = True, False
            if g == "«" and not left_flank and right_flank:
                can_open, can_close = False, True  # German »…« closing
        elif g in _CLOSE_GLYPHS:
            can_open, can_close = False, True
            if g in "»›" and left_flank and not right_flank:
                can_open, can_close = True, False  # German »…« opening
            elif g == "”" and left_flank and not right_flank:
                # A stray right mark used as an opener (typesetting slips).
                can_open = True
        elif g in ("“", "‘"):
            # Usually an opener; in German „…“ it closes.
            can_open = left_flank or not right_flank
            can_close = not left_flank and right_flank
        else:  # " and '' go both ways
            can_open = left_flank and not (after in " \t\u00a0" or after == "")
            can_close = not left_flank or right_flank
            if left_flank and right_flank:
                can_open, can_close = True, True
        out.append(_Mark(g, ms, me, can_open, can_close))
    return out


def find_spans(text: str, paras: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Outermost quoted spans of the text, one per paragraph segment, in order."""
    spans: list[QuoteSpan] = []
    if paras is None:
        paras = paragraphs(text)
    carry = False  # a double quote left open at the end of the previous paragraph
    next_mark = (
        -1
    )  # where the next mark at or after the paragraph starts (one search skips many paragraphs)
    for pi, (ps, pe) in enumerate(paras):
        if not carry and text[ps] != "'":
            if next_mark < ps:
                found = _ANY_MARK.search(text, ps)
                next_mark = len(text) if found is None else found.start()
            if next_mark >= pe:
                continue  # no mark in this paragraph (marks never run over a line break)
        marks = _marks(text, ps, pe)
        stack: list[_Mark] = []
        continued = False
        if carry and marks and marks[0].can_open and marks[0].start - ps <= 1:
            continued = True
        carry = False
        outer_open: _Mark | None = None
        for mk in marks:
            fam = _FAMILY[mk.glyph]
            if stack:
                # Close the innermost open mark this one can close.
                closed = False
                if mk.can_close:
                    for depth in range(len(stack) - 1, -1, -1):
                        op = stack[depth]
                        if _FAMILY[op.glyph] == fam and _closes(op.glyph, mk.glyph):
                            if depth == 0:
                                if mk.start > op.end:
                                    spans.append(
                                        QuoteSpan(
                                            op.end,
                                            mk.start,
                                            ps,
                                            pe,
                                            continued=continued and op is marks[0],
                                            open_start=op.start,
                                            close_end=mk.end,
                                        )
                                    )
                                stack.clear()
                            else:
                                del stack[depth:]
                            closed = True
                            break
                        if fam == DOUBLE and _FAMILY[op.glyph] == SINGLE:
                            continue
                        break
                if not closed and mk.can_open and (fam == DOUBLE or mk.glyph != "’"):
                    if (
                        fam == SINGLE
                        and mk.glyph == "'"
                        and not (
                            mk.end < pe
                            and text[mk.end].isalpha()
                            and text[mk.start - 1 : mk.start] in ' "“``(—'
                        )
                    ):
                        continue
                    stack.append(mk)
            elif mk.can_open:
                if fam == SINGLE and not _single_opens_quote(text, mk, marks, pe):
                    continue
                stack.append(mk)
                outer_open = mk
        if stack and outer_open is not None:
            op = stack[0]
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            rest = text[op.end : pe].rstrip()
            if (
                nxt
                and text[nxt[0] : nxt[0] + 2].lstrip()[:1] in "\"“„«»‘'`"
                and _FAMILY[op.glyph] == DOUBLE
            ):
                if len(rest) > 0:
                    spans.append(
                        QuoteSpan(
                            op.end,
                            op.end + len(rest),
                            ps,
                            pe,
                            continues=True,
                            continued=continued and op is marks[0],
                            open_start=op.start,
                            close_end=op.end + len(rest),
                        )
                    )
                carry = True
            elif len(rest) > 0 and _FAMILY[op.glyph] == DOUBLE and rest[-1:] in ".?!…":
                # Unclosed to the end of the paragraph: a quote whose closing mark went missing.
                spans.append(
                    QuoteSpan(
                        op.end,
                        op.end + len(rest),
                        ps,
                        pe,
                        continued=continued and op is marks[0],
                        open_start=op.start,
                        close_end=op.end + len(rest),
                    )
                )
    return spans


def _closes(opener: str, closer: str) -> bool:
    """True when `closer` can close a quote opened by `opener`."""
    return closer in _CLOSERS.get(opener, "") or (
        len(closer) == 2 and closer in _CLOSERS.get(opener, "")
    )


def _single_opens_quote(text: str, mk: _Mark, marks: list[_Mark], pe: int) -> bool:
    """A top-level single mark opens a quote only when a matching close follows in the paragraph."""
    for other in marks:
        if (
            other.start > mk.start
            and other.can_close
            and _FAMILY[other.glyph] == SINGLE
            and _closes(mk.glyph, other.glyph)
        ):
            return True
    return False
