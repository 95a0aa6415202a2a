"""Plain-text and Markdown articles, including the shared seed."""

import pytest

from searcher.corpus import CorpusPage
from searcher.normalize import normalize, normalize_page

TEXT = """Harbour works delayed again

By Selma Rautio and Jonas Feld

Baltic Ledger, March 14, 2024

The long-promised expansion of the container harbour will be delayed by another year, the port authority said on Thursday.

"We underestimated the state of the old quay," said director Aino Kask.

The original source of this article is Nordkyst Tidende

Copyright © Nordkyst Tidende, 2024
"""

MARKDOWN = """# Harbour works delayed again

*By [Selma Rautio](https://example.org/selma)*

The long-promised expansion of the **container harbour** will be delayed by another year, the port authority said.

Read more: [other news](https://example.org)
"""


def test_plain_text_article():
    art = normalize(TEXT.encode(), meta={"content_type": "text/plain"})
    assert art.title == "Harbour works delayed again"
    assert art.authors == ["Selma Rautio", "Jonas Feld"]
    assert art.outlet == "Baltic Ledger"
    assert art.published == "2024-03-14"
    assert art.source == "Nordkyst Tidende"
    assert art.lang == "en"
    assert art.body.startswith("The long-promised expansion")
    assert "Copyright" not in art.body and "original source" not in art.body


def test_markdown_article():
    art = normalize(MARKDOWN.encode(), meta={"content_type": "text/markdown"})
    assert art.title == "Harbour works delayed again"
    assert art.authors == ["Selma Rautio"]
    assert "container harbour" in art.body and "**" not in art.body and "https://" not in art.body


def test_text_sniffed_without_content_type():
    assert normalize(TEXT.encode()).title == "Harbour works delayed again"


def test_shared_seed(repo_root):
    seeds = repo_root.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds is not present")
    page = CorpusPage(root=seeds, key=files[0].name)
    art = normalize_page(page)
    assert art.title == "Russia Presents Proof of Turkey's Role in ISIS Oil Trade"
    # "By RT" names the original outlet, which is the source of the repost, not its writer.
    assert art.authors == []
    assert art.outlet == "Global Research"
    assert art.source == "RT"
    assert art.published.startswith("2015-12-03")
    assert art.lang == "en"
    assert "Disclaimer" not in art.body and "Copyright" not in art.body


def test_setext_heading_and_date_line():
    text = "Harbour works delayed again\n===========================\n\n14 March 2024\n\nThe expansion of the container harbour will be delayed by another year, the port authority said.\n"
    art = normalize(text.encode(), meta={"content_type": "text/markdown"})
    assert art.title == "Harbour works delayed again"
    assert art.published == "2024-03-14"
    assert art.body.startswith("The expansion")


def test_markdown_front_matter():
    text = """---
title: "Harbour works delayed again"
author: [Selma Rautio, Jonas Feld]
date: 2024-03-14
publisher: Baltic Ledger
source: Nordkyst Tidende
tags:
  - Harbour
  - Transport
lang: en
---

The long-promised expansion of the container harbour will be delayed by another year, the port authority said.

"We underestimated the state of the old quay," said director Aino Kask.
"""
    art = normalize(text.encode(), meta={"content_type": "text/markdown"})
    assert art.title == "Harbour works delayed again"
    assert art.authors == ["Selma Rautio", "Jonas Feld"]
    assert art.published == "2024-03-14"
    assert art.outlet == "Baltic Ledger"
    assert art.source == "Nordkyst Tidende"
    assert art.tags == ["Harbour", "Transport"]
    assert art.lang == "en"
    assert art.body.startswith("The long-promised expansion")
    assert art.provenance["published"] == "front-matter"
