"""--refresh never replaces a stored article with a page that is not one (empty, error, listing, a stub)."""

from __future__ import annotations

import json

import pytest
from crawlsite import article, by_url, fast_options

from searcher.crawl import crawl

PARAGRAPHS = [
    "The harbour board met on Tuesday evening to weigh the cost of dredging the inner basin, which silted up "
    "again after the winter storms pushed sand past the breakwater and into the fishing berths.",
    "Board member Rhoswen Tallack said the last dredge, four years ago, had cost more than the board expected "
    "because the contractor found old chain and a sunken skiff under the mud near the slipway.",
    "Skippers who land crab at the east quay told the meeting that at low water their boats now touch bottom, "
    "and that two of them had already moved their moorings to the deeper channel by the lifeboat station.",
    "A survey boat will sound the basin next month; the board expects to choose between a full dredge and a "
    "cheaper channel cut before the summer regatta, when visiting yachts fill every pontoon in the harbour.",
    "The treasurer warned that either choice would use most of the reserve set aside for the new fuel berth, "
    "which the board had promised to the fishing co-operative two years ago after the old tank was condemned.",
]
PARAGRAPH = PARAGRAPHS[0]
STORY = article("Harbour board weighs the cost of dredging", "</p><p>".join(PARAGRAPHS[:4]))
LONGER = article("Harbour board weighs the cost of dredging", "</p><p>".join(PARAGRAPHS))
LISTING = (
    "<html><head><title>News – Larkport Ledger</title></head><body><ul>"
    + "".join(
        f'<li><a href="/news/story-{i}">Story number {i} from the harbour town</a></li>'
        for i in range(30)
    )
    + "</ul></body></html>"
).encode()
STUB = article(
    "Harbour board weighs the cost of dredging",
    PARAGRAPH + "Subscribe to read the rest of this story.",
)

NOT_ARTICLES = {
    "empty 200": (b"", "the new copy is a page without article text (0 bytes)"),
    "access denied": (
        b"<html><title>Access denied</title></html>",
        "the new copy is an error page (41 bytes)",
    ),
    "listing": (LISTING, "the new copy is a listing, not an article"),
    "stub": (STUB, "words of text, the stored one"),
}


def serve(site, body):
    site.overrides["/news/dredging"] = lambda h, s: h.send(200, body)


@pytest.mark.parametrize("case", sorted(NOT_ARTICLES))
def test_refresh_keeps_the_article_when_the_new_copy_is_not_one(site, tmp_path, case):
    body, reason = NOT_ARTICLES[case]
    corpus = tmp_path / "corpus"
    serve(site, STORY)
    first = by_url(crawl([site.url("/news/dredging")], corpus, fast_options()))[
        site.url("/news/dredging")
    ]
    assert first.outcome == "fetched"
    stored = corpus / first.key
    serve(site, body)
    again = by_url(crawl([site.url("/news/dredging")], corpus, fast_options(refresh=True)))[
        site.url("/news/dredging")
    ]
    assert again.outcome == "skipped" and again.reason.startswith("kept the stored article: "), (
        again
    )
    assert reason in again.reason
    assert stored.read_bytes() == STORY
    meta = json.loads(stored.with_name(stored.name + ".meta.json").read_text())
    assert meta["refused_update"]["reason"] == again.reason and meta["refused_update"][
        "size"
    ] == len(body)


def test_refresh_replaces_an_article_by_a_newer_article(site, tmp_path):
    corpus = tmp_path / "corpus"
    serve(site, STORY)
    first = by_url(crawl([site.url("/news/dredging")], corpus, fast_options()))[
        site.url("/news/dredging")
    ]
    serve(site, LONGER)
    again = by_url(crawl([site.url("/news/dredging")], corpus, fast_options(refresh=True)))[
        site.url("/news/dredging")
    ]
    assert again.outcome == "updated"
    assert (corpus / first.key).read_bytes() == LONGER
