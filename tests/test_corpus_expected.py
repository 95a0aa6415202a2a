"""The bundled corpus normalizes to the records written in corpus/expected.jsonl."""

import json
import re
from pathlib import Path

import pytest

from searcher.corpus import CorpusPage, read_meta
from searcher.normalize import normalize_page
from searcher.normalize.outlet import same_outlet

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTED = CORPUS / "expected.jsonl"


def _records():
    if not EXPECTED.exists():
        return []
    with open(EXPECTED, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


RECORDS = _records()


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@pytest.fixture(scope="module")
def quotes_available():
    try:
        from searcher.quotes import extract_quotes  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not RECORDS, reason="corpus/expected.jsonl is not present")
@pytest.mark.parametrize("expected", RECORDS, ids=[r["file"] for r in RECORDS])
def test_expected_record(expected, quotes_available):
    path = CORPUS / expected["file"]
    page = CorpusPage(root=CORPUS, key=expected["file"], meta=read_meta(path))
    art = normalize_page(page)
    problems = []
    for field in ("kind", "title", "authors", "outlet", "lang"):
        if field in expected and getattr(art, field) != expected[field]:
            problems.append(f"{field}: got {getattr(art, field)!r}, expected {expected[field]!r}")
    if "source" in expected:
        want, got = expected["source"], art.source
        # "CPS" and "Continental Press Service" name the same agency.
        if (want is None) != (got is None) or (want and not same_outlet(want, got)):
            problems.append(f"source: got {got!r}, expected {want!r}")
    if expected.get("published") and (art.published or "")[:10] != expected["published"][:10]:
        problems.append(f"published: got {art.published!r}, expected {expected['published']!r}")
    for text in expected.get("body_contains", []):
        if text not in art.body:
            problems.append(f"body lacks {text[:70]!r}")
    for text in expected.get("body_excludes", []):
        if text in art.body:
            problems.append(f"body has {text[:70]!r}")
    if quotes_available and expected.get("quotes"):
        # Quotes belong to the quote extractor: only check that most expected quotations are found.
        found = [_fold(q.text) for q in art.quotes]
        hits = sum(
            1
            for q in expected["quotes"]
            if any(_fold(q["text"]) in f or f in _fold(q["text"]) for f in found if f)
        )
        if hits < len(expected["quotes"]) / 2:
            problems.append(
                f"quotes: {hits} of {len(expected['quotes'])} expected quotations found"
            )
    assert not problems, "\n".join(problems)
