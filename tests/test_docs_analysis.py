"""The examples of docs/analysis.md print what the page shows (rewrite them with `python tests/doc_examples.py`)."""

from __future__ import annotations

import pytest
from doc_examples import REPO, render


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory, bundled_corpus):
    from searcher.index import rebuild

    index = tmp_path_factory.mktemp("docs") / "index"
    rebuild(bundled_corpus, index)
    return index


@pytest.mark.slow
def test_analysis_page_examples(bundled_index, bundled_corpus):
    page = (REPO / "docs" / "analysis.md").read_text(encoding="utf-8")
    assert page.count("$ searcher ") >= 10
    assert render(page, bundled_index, bundled_corpus) == page, (
        "docs/analysis.md shows outputs the commands no longer print: run python tests/doc_examples.py docs/analysis.md"
    )
