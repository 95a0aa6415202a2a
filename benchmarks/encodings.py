"""Decoding page bytes: searcher's decoder beside beautifulsoup4's UnicodeDammit and ftfy.

usage: python benchmarks/encodings.py [--fixtures DIR] [--pages DIR ...]

Crafted fixtures (expected.jsonl: file, expect = strings the decoded text must
contain) score each decoder by pages fully right; real page folders (the bundled
corpus, ../shared/data/articles) count the pages where a decoder's text differs
from searcher's and time each decoder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def searcher_decode(data: bytes, content_type: str | None) -> str:
    from searcher.normalize.decoding import decode

    return decode(data, content_type).text


def dammit_decode(data: bytes, content_type: str | None) -> str:
    """UnicodeDammit as BeautifulSoup uses it (HTTP charset first), after detwingle for mixed UTF-8/cp1252."""
    from bs4.dammit import UnicodeDammit

    from searcher.normalize.decoding import declared_charset

    known = [declared_charset(b"", content_type)] if content_type else []
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = UnicodeDammit.detwingle(data)
    return (
        UnicodeDammit(
            data, known_definite_encodings=[k for k in known if k], is_html=True
        ).unicode_markup
        or ""
    )


def ftfy_decode(data: bytes, content_type: str | None) -> str:
    """searcher's byte decoding with ftfy's fix_text in place of its own mojibake repair."""
    import ftfy

    from searcher.normalize import decoding

    own = decoding.fix_mojibake
    decoding.fix_mojibake = lambda text: text
    try:
        raw = decoding.decode(data, content_type).text
    finally:
        decoding.fix_mojibake = own
    return ftfy.fix_text(
        raw,
        normalization=None,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
    )


DECODERS = {"searcher": searcher_decode, "UnicodeDammit": dammit_decode, "ftfy": ftfy_decode}


def fixtures(folder: Path) -> None:
    cases = [
        json.loads(line)
        for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    print(f"== crafted pages ({len(cases)}): pages whose decoded text holds every expected string")
    totals = dict.fromkeys(DECODERS, 0)
    for case in cases:
        data = (folder / case["file"]).read_bytes()
        marks = []
        for name, func in DECODERS.items():
            try:
                text = func(data, case.get("content_type"))
            except Exception as exc:  # noqa: BLE001 - a decoder that raises scores zero on the page
                text = f"<{type(exc).__name__}>"
            ok = all(s in text for s in case["expect"])
            totals[name] += ok
            marks.append(f"{name} {'ok ' if ok else 'BAD'}")
        print(f"  {case['file']:34s} " + "  ".join(marks) + f"   ({case['note']})")
    print("  right: " + ", ".join(f"{name} {n}/{len(cases)}" for name, n in totals.items()))


def real_pages(folders: list[Path]) -> None:
    pages = [p for folder in folders for p in sorted(folder.rglob("*.htm*")) if p.is_file()]
    print(f"\n== real pages ({len(pages)}): texts differing from searcher's, and ms per page")
    base = {}
    for name, func in DECODERS.items():
        start, differ = time.process_time(), []
        for path in pages:
            text = func(path.read_bytes(), None)
            if name == "searcher":
                base[path] = text
            elif text != base[path]:
                differ.append(path.name)
        ms = (time.process_time() - start) / max(len(pages), 1) * 1000
        print(f"  {name:14s} {ms:6.2f} ms/page  differs on {len(differ)}: {', '.join(differ[:8])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", default=str(REPO / "tests" / "fixtures" / "encodings"))
    parser.add_argument(
        "--pages",
        nargs="*",
        default=[str(REPO / "corpus"), str(REPO.parent / "shared" / "data" / "articles")],
    )
    args = parser.parse_args(argv)
    fixtures(Path(args.fixtures))
    real_pages([Path(p) for p in args.pages if Path(p).is_dir()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
