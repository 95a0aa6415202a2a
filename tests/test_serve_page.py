"""End to end: `searcher serve` as a real process, the page driven in headless Chromium via Playwright."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

from serve_corpus import build_index  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
    pytest.mark.browser,
    pytest.mark.loopback,
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`searcher serve` on a free port over an index of serve_corpus; yields its base URL."""
    index = build_index(tmp_path_factory.mktemp("page") / "index")
    # --port 0: the server binds a free port itself and prints the URL it got on stderr.
    process = subprocess.Popen(
        [sys.executable, "-m", "searcher", "serve", "--index", str(index), "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        while not lines or not re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1]):
            line = process.stderr.readline()
            assert line and len(lines) < 5, f"no URL on stderr: {lines!r}"
            lines.append(line)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1])
        url = match.group(0)
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(url + "api/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    # Console errors would include Content-Security-Policy refusals: none may happen, since
    # escaping (not the policy) is what keeps planted markup inert.
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def search(page, base: str, query: str) -> None:
    page.goto(base)
    page.get_by_label("Search articles").fill(query)
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_load_state()


def test_search_facet_and_article(server, page):
    search(page, server, "council OR library OR orchestra")
    hits = page.locator("li.hit")
    assert hits.count() == 4
    assert page.locator("li.hit mark").first.inner_text().lower() in (
        "council",
        "library",
        "orchestra",
    )
    assert (
        "Also in: Fenwick Valley Gazette" in page.locator("li.hit", has_text="ferry").inner_text()
    )

    # Clicking a facet value filters the results to it and shows it as an active filter.
    page.locator('[data-facet="outlet"] a', has_text="Millbrook Courier").click()
    page.wait_for_load_state()
    assert "outlet=Millbrook+Courier" in page.url
    outlets = page.locator("li.hit .meta .outlet").all_inner_texts()
    assert outlets and set(outlets) == {"Millbrook Courier"}
    assert "Outlet: Millbrook Courier" in page.locator(".chips").inner_text()
    assert page.get_by_label("Search articles").input_value() == "council OR library OR orchestra"

    # Opening a result shows the whole article with its quotations marked.
    title = page.locator("li.hit h2 a").first.inner_text()
    page.locator("li.hit h2 a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/articles/[0-9a-f]{16}$", page.url)
    assert page.locator("h1").inner_text() == title
    assert page.locator(".body p").count() >= 2


def test_year_facet_and_date_range(server, page):
    search(page, server, "ferry OR water OR music")
    page.locator('[data-facet="year"] a', has_text="2023").click()
    page.wait_for_load_state()
    dates = page.locator("li.hit time").all_inner_texts()
    assert dates and all(d.startswith("2023") for d in dates)
    # The date range inputs carry the chosen year; widen it by hand.
    page.locator('input[name="since"]').fill("2022")
    page.locator('input[name="until"]').fill("2024-02")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_load_state()
    dates = page.locator("li.hit time").all_inner_texts()
    assert (
        dates
        and all("2022" <= d <= "2024-02-29" for d in dates)
        and any(d.startswith("2024") for d in dates)
    )


def test_typo_gets_did_you_mean_and_fuzzy(server, page):
    search(page, server, "harbuor")
    assert page.locator("li.hit").count() == 0
    suggestion = page.locator(".did-you-mean a")
    assert suggestion.inner_text() == "harbour"
    suggestion.click()
    page.wait_for_load_state()
    assert page.get_by_label("Search articles").input_value() == "harbour"
    assert page.locator("li.hit").count() >= 1

    # The fuzzy toggle finds the misspelled word without the detour.
    search(page, server, "harbuor")
    page.get_by_label("Forgive typos").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "fuzzy=on" in page.url
    assert page.locator("li.hit").count() >= 1


def test_quotes_view(server, page):
    page.goto(server + "quotes")
    page.get_by_label("Search quotations").fill("water")
    page.get_by_label("Search quotations").press("Enter")
    page.wait_for_load_state()
    quotes = page.locator("li.quote-hit")
    assert quotes.count() >= 2
    assert "Tomasz Wróbel" in page.locator("ol.quotes").inner_text()
    page.locator("li.quote-hit .speaker a", has_text="Tomasz Wróbel").first.click()
    page.wait_for_load_state()
    assert page.locator('input[name="speaker"]').input_value() == "Tomasz Wróbel"


def test_planted_script_and_onerror_never_run(server, page):
    page.goto(server)
    original_title = page.title()
    search(page, server, "quarry minutes")
    assert page.locator("li.hit").count() == 1
    heading = page.locator("li.hit h2").inner_text()
    assert "<script>window.__pwned" in heading  # shown as text
    page.locator("li.hit h2 a").click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)  # time for a broken image's onerror to fire, if it could
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned" and "pwned" not in original_title
    assert (
        page.evaluate(
            "document.querySelectorAll('main script, main img, main svg, main [onerror]').length"
        )
        == 0
    )
    body = page.locator(".body").inner_text()
    assert '<img src=x onerror="window.__pwned' in body
    assert "<script>window.__pwned = 'quote'</script>" in body
    assert '<svg onload="window.__pwned' in page.locator(".speakers").inner_text()
    assert page.dialogs == []


def test_no_javascript_needed_and_phone_sized(server, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    try:
        search(page, server, "ferry")
        assert page.locator("li.hit").count() >= 1
        # Nothing sticks out sideways on a phone-sized screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.locator("li.hit h2 a").first.click()
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_concurrent_requests_get_consistent_answers(server):
    import json
    from concurrent.futures import ThreadPoolExecutor

    queries = ["ferry", "water", "council OR music", "harbuor", "quarry"]

    def total(query: str) -> int:
        url = server + "api/search?" + urllib.parse.urlencode({"q": query, "facet": "outlet"})
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)["total"]

    expected = {q: total(q) for q in queries}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(total, queries * 8))
    assert answers == [expected[q] for q in queries * 8]


def test_timeline_chart_terms_and_quote_trail(server, page):
    search(page, server, "ferry OR water OR music OR library")
    # The chart is an SVG drawn on the server: one bar per month (2022-11 to 2024-03), each titled with its counts.
    bars = page.locator("figure.timeline svg rect.bar")
    assert bars.count() == 17
    assert bars.first.get_attribute("data-period") == "2022-11"
    assert bars.last.get_attribute("data-period") == "2024-03"
    box = bars.last.bounding_box()
    assert box and box["height"] > 0 and box["width"] > 0
    assert "2024-03: 2 of 3 articles" in bars.last.locator("title").text_content()
    # Top terms sit beside the facets.
    assert page.locator('[data-facet="terms"] li').count() > 0
    # A bar is a link that narrows the search to its period.
    page.locator("figure.timeline svg a").last.click()
    page.wait_for_load_state()
    assert "since=2024-03" in page.url and "until=2024-03" in page.url
    dates = page.locator("li.hit time").all_inner_texts()
    assert dates and all(d.startswith("2024-03") for d in dates)
    # Each quotation links to its trail: the articles carrying it, oldest first, with who is credited.
    search(page, server, "ferry car")
    page.locator("blockquote.matched-quote a.trail-link").first.click()
    page.wait_for_load_state()
    assert "/trail?q=" in page.url
    entries = page.locator("li.trail-entry")
    assert entries.count() == 2
    assert entries.nth(0).locator(".outlet").inner_text() == "Millbrook Courier"
    assert entries.nth(1).locator(".outlet").inner_text() == "Fenwick Valley Gazette"
    assert page.locator(".first-outlet").inner_text() == "Millbrook Courier"
    assert "Tomasz Wróbel" in page.locator(".credited").inner_text()
    assert page.locator(".conflict").count() == 0
