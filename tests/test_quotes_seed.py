"""The seed article's quotations come out with the right speakers (read in place, skipped if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from searcher.quotes import extract_quotes

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_quotes():
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds is not present")
    text = files[0].read_text(encoding="utf-8")
    return text, extract_quotes(text)


def speaker_of(quotes, starts_with: str) -> str | None:
    found = [q for q in quotes if q.text.startswith(starts_with)]
    assert found, f"no quote starting with {starts_with!r}"
    return found[0].speaker


@pytest.mark.parametrize(
    "opening, speaker",
    [
        ("Today, we are presenting", "Anatoly Antonov"),
        ("According to our data", "Anatoly Antonov"),
        ("The income of this terrorist organization", "Sergey Rudskoy"),
        ("These [airstrikes]", "Sergey Rudskoy"),
        ("According to reliable intelligence", "Mikhail Mizintsev"),
        ("One thing is clear", "Uzi Arad"),
        ("slander", "Recep Tayyip Erdogan"),
        ("We flatly reject", "Steve Warren"),
        ("a great partner", "Steve Warren"),
        ("They're hosting", "Steve Warren"),
        ("If the Iraqi government", "Naseer Nuri"),
        ("This oil is used", "Naseer Nuri"),
    ],
)
def test_seed_speakers(seed_quotes, opening, speaker):
    _, quotes = seed_quotes
    assert speaker_of(quotes, opening) == speaker


def test_seed_offsets_and_partial_quote(seed_quotes):
    text, quotes = seed_quotes
    assert all(text[q.start : q.end] == q.text for q in quotes)
    assert any(q.text == "slander" for q in quotes)
