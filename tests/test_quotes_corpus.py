"""Quotations and speakers on the bundled corpus (English, German, French, Spanish pages) against corpus/expected.jsonl."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from searcher.corpus import iter_pages
from searcher.normalize import normalize_page
from searcher.textfold import fold


def _norm(text: str) -> str:
    return " ".join(fold(text).strip(" ,.;:").split())


@lru_cache(maxsize=1)
def _comparison(corpus: str):
    from pathlib import Path

    root = Path(corpus)
    expected = {}
    with open(root / "expected.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            expected[record["file"]] = record
    wanted = found = predicted = right = 0
    wrong: list[str] = []
    for page in iter_pages(root):
        record = expected[page.key]
        if record.get("kind") != "article":
            continue
        article = normalize_page(page)
        ours = [(_norm(q.text), q.speaker) for q in article.quotes]
        predicted += len(ours)
        for quote in record.get("quotes", []):
            wanted += 1
            text = _norm(quote["text"])
            match = next((p for p in ours if p[0] and (p[0] in text or text in p[0])), None)
            if match is None:
                continue
            found += 1
            if fold(match[1] or "") == fold(quote["speaker"] or ""):
                right += 1
            else:
                wrong.append(
                    f"{page.key}: {quote['text'][:40]!r} wants {quote['speaker']!r}, got {match[1]!r}"
                )
    return wanted, found, predicted, right, wrong


@pytest.fixture(scope="module")
def comparison(bundled_corpus):
    return _comparison(str(bundled_corpus))


def test_quotes_are_found(comparison):
    wanted, found, predicted, _, _ = comparison
    assert found / wanted >= 0.95
    assert found / predicted >= 0.90


def test_speakers_are_right_in_every_language(comparison):
    _, found, _, right, wrong = comparison
    # Roles and titles before names ("Gemeinderatsvorsitzender Tobias Feldkirch",
    # "union general secretary Marta Przybyłowska told CPS") and Spanish/French/German
    # speech verbs must resolve to the bare fullest name.
    assert right / found >= 0.88, f"{right}/{found} speakers right; wrong:\n" + "\n".join(wrong)
