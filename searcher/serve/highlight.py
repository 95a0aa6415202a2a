"""HTML for text with marked spans: every piece escaped, only our own tags added."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to [0, length], sorted, with overlapping or touching ones merged."""
    clipped = sorted((max(0, int(s)), min(length, int(e))) for s, e in spans)
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mark_spans(text: str, spans: Iterable[tuple[int, int]], tag: str = "mark") -> Markup:
    """`text` escaped, with each (start, end) span wrapped in <tag>…</tag>."""
    pieces: list[str] = []
    position = 0
    for start, end in merge_spans(spans, len(text)):
        pieces.append(escape(text[position:start]))
        pieces.append(Markup(f"<{tag}>") + escape(text[start:end]) + Markup(f"</{tag}>"))
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The blank-line separated paragraphs of a body, each with its start offset."""
    found: list[tuple[int, str]] = []
    position = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            found.append((position + block.index(stripped), stripped))
        position += len(block) + 2
    return found


def quoted_body(body: str, quotes: Iterable[tuple[int, int, str | None]]) -> list[Markup]:
    """The body as escaped paragraphs, quotations (start, end, speaker) wrapped in a titled <q>."""
    quotes = sorted(
        (int(s), int(e), speaker) for s, e, speaker in quotes if 0 <= int(s) < int(e) <= len(body)
    )
    rendered: list[Markup] = []
    for offset, para in paragraphs(body):
        end_of_para = offset + len(para)
        pieces: list[str] = []
        position = offset
        for start, end, speaker in quotes:
            start, end = max(start, offset), min(end, end_of_para)
            if start >= end or start < position:
                continue
            pieces.append(escape(body[position:start]))
            title = Markup(' title="{}"').format(speaker) if speaker else Markup("")
            pieces.append(
                Markup('<span class="quote"{}>').format(title)
                + escape(body[start:end])
                + Markup("</span>")
            )
            position = end
        pieces.append(escape(body[position:end_of_para]))
        rendered.append(Markup("").join(pieces))
    return rendered
