"""Page bytes in any encoding come out as the right text: crafted pages of each way encodings go wrong."""

import json
from pathlib import Path

import pytest

from searcher.normalize import normalize
from searcher.normalize.decoding import decode, fix_mojibake

FIXTURES = Path(__file__).parent / "fixtures" / "encodings"
CASES = [
    json.loads(line)
    for line in (FIXTURES / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_crafted_page_decodes_to_the_right_text(case):
    data = (FIXTURES / case["file"]).read_bytes()
    text = decode(data, case.get("content_type")).text
    for expected in case["expect"]:
        assert expected in text, case["note"]
    art = normalize(data, meta={"content_type": case.get("content_type") or "text/html"})
    assert art.kind == "article" or art.body, case["note"]
    assert case["expect"][0] in f"{art.title}\n{art.body}", case["note"]


def test_c1_controls_are_the_windows_1252_characters_meant():
    data = "<p>citing \x93expanded competitions\x94 and \x85</p>".encode()
    assert decode(data).text == "<p>citing \u201cexpanded competitions\u201d and \u2026</p>"


def test_text_encoded_three_times_is_repaired():
    layered = "Zoë’s café"
    for _ in range(2):
        layered = layered.encode("utf-8").decode("cp1252")
    assert fix_mojibake(layered) == "Zoë’s café"
