"""Trap pages: old table layouts, SEO headlines, aggregator reposts, site-wide keywords, split bodies."""

import importlib.util
from pathlib import Path

import pytest

from searcher.normalize import normalize
from searcher.normalize.bylines import text_bylines
from searcher.normalize.html import parse
from searcher.normalize.outlet import copyright_holders, without_source
from searcher.normalize.tags import choose_tags, tag_links
from searcher.normalize.title import choose_title, shown_title_part

TRAPS = Path(__file__).resolve().parent / "fixtures" / "traps"


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "traps", Path(__file__).resolve().parents[1] / "benchmarks" / "traps.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRAP_RECORDS = _scorer().load_expected(TRAPS)


@pytest.mark.parametrize("expected", TRAP_RECORDS, ids=[r["file"] for r in TRAP_RECORDS])
def test_trap_page(expected):
    """Every field but the date (dates in text are measured on their own) is right on every trap page."""
    art = normalize((TRAPS / expected["file"]).read_bytes(), url=expected.get("url"))
    checks = _scorer().field_checks(expected, art)
    wrong = [f for f, ok in checks.items() if not ok and f != "published"]
    assert not wrong, {f: (getattr(art, f) if f != "body" else art.body[:300]) for f in wrong}


def test_trap_figures():
    """The figures benchmarks/traps.py prints: at least 0.9 per field (the issue's target)."""
    scores, _ = _scorer().score(TRAPS)
    low = {f: v for f, v in scores.items() if v < 0.9 and f != "published"}
    assert not low, scores


def test_site_section_headline_title_is_the_shown_part():
    html = """<html><head><title>Dunmore Clarion : Local News : Pond dam to be rebuilt</title></head><body>
    <table><tr><td><font size="1">Local News</font><br><font size="5"><b>Pond dam to be rebuilt</b></font>
    <p>The dam will be rebuilt this summer, the selectmen decided on Monday night after a long hearing.</p></td></tr></table></body></html>"""
    root = parse(html)
    assert (
        shown_title_part(root, "Dunmore Clarion : Local News : Pond dam to be rebuilt")
        == "Pond dam to be rebuilt"
    )
    assert normalize(html.encode()).title == "Pond dam to be rebuilt"


def test_online_suffix_is_a_site_name():
    html = """<html><head><title>Council delays quarry vote - Ridgeway Post Online</title></head><body>
    <a href="http://www.ridgewaypost.example/"><img src="/l.gif" alt="The Ridgeway Post"></a>
    <p>The city council put off a vote on the proposed expansion of the quarry on Thursday evening.</p></body></html>"""
    art = normalize(html.encode(), url="http://www.ridgewaypost.example/local/1.html")
    assert art.title == "Council delays quarry vote"
    assert art.outlet == "The Ridgeway Post"


@pytest.mark.parametrize(
    "og, h1, expected",
    [
        (
            "Port authority overspent on cranes",
            "Report: Port authority overspent on cranes by $40 million",
            "Report: Port authority overspent on cranes by $40 million",
        ),
        (
            "Mayor race 2025: candidates, dates, what to know",
            "Three candidates, one question: who pays for the bridge?",
            "Three candidates, one question: who pays for the bridge?",
        ),
        # A kicker in its own element inside the <h1> is not part of the headline.
        (
            "Liverpool lose at Everton",
            ("Premier League Liverpool lose at Everton", {"liverpoolloseateverton"}),
            "Liverpool lose at Everton",
        ),
        # A slightly longer <h1> is a variant, not a different headline: the editors' metadata stays.
        (
            "Rates decision on Thursday: a clear answer",
            "Rates decision on Thursday: a clear answer from experts",
            "Rates decision on Thursday: a clear answer",
        ),
    ],
)
def test_visible_headline(og, h1, expected):
    assert choose_title(og, og, [h1], f"{og} | Standard", ["Standard"])[0] == expected


def test_byline_written_in_the_text():
    root = parse("""<html><body><table><tr><td><font size="2">By ELLEN MARSH and TOM FIRTH, Clarion Staff<br>
    Tuesday, March 9, 2004</font><p>By the time the meeting ended, the hall was empty.</p></td></tr></table></body></html>""")
    assert text_bylines(root) == ["ELLEN MARSH and TOM FIRTH, Clarion Staff"]
    root = parse(
        "<html><body><p>By the time the meeting ended, the hall was empty.</p><i>Photo by Ann Lee</i></body></html>"
    )
    assert text_bylines(root) == []


def test_copyright_line_names_the_outlet():
    root = parse("""<html><body><p>Story.</p><font>Copyright &copy; 2002 Saltmarsh Beacon. All rights reserved.</font>
    <p>All content &copy; 2003 Ridgeway Post Publishing Co. | Privacy</p></body></html>""")
    assert copyright_holders(root) == ["Ridgeway Post", "Saltmarsh Beacon"]


def test_repost_authors_lose_the_original_outlet():
    assert without_source(["Ellen Marsh", "The Dunmore Clarion"], "Dunmore Clarion") == [
        "Ellen Marsh"
    ]
    # A wire story keeps its agency as the author.
    assert without_source(["AP"], "AP") == ["AP"]


def test_site_wide_keywords_are_not_tags():
    sites = ["Dunmore Clarion", "dunmoreclarion.example"]
    tags, _ = choose_tags(
        [], [], [], ["dunmore, clarion, news, newspaper, sports, obituaries"], [], sites
    )
    assert tags == []
    tags, _ = choose_tags(
        [], [], [], ["Tri-County Ledger, sports, high school, wrestling"], [], ["Tri-County Ledger"]
    )
    assert tags == []
    # An article's own keywords stay, less any entry that only names the site.
    tags, _ = choose_tags([], [], ["Dunmore Clarion, dam, town meeting, Berlin"], [], [], sites)
    assert tags == ["dam", "town meeting", "Berlin"]


def test_section_kicker_is_not_a_tag():
    root = parse("""<html><body><a class="kicker" href="/topics/city-hall">City Hall</a><h1>Council trims budget</h1>
    <p>Text of the story, long enough to be a paragraph of an article about the budget.</p>
    <div class="topics"><a href="/topics/budget">Budget</a> <a href="/topics/parks">Parks</a></div></body></html>""")
    assert tag_links(root) == ["Budget", "Parks"]


def test_cms_labels_are_not_tags():
    tags, _ = choose_tags(
        [],
        [
            "Category: Wine",
            "Day: Wednesday",
            "Page Type: Article",
            "editors_pick",
            "_Prio_3",
            "Wine Guy",
        ],
        [],
        [],
        [],
    )
    assert tags == ["Wine", "Wine Guy"]


def test_record_ids_domains_layout_names_and_tag_box_labels_are_not_tags():
    tags, _ = choose_tags(
        [],
        [
            "cce15240-c52a-4887-a61a-cd64701d6596",
            "harbourgazette.example",
            "splitScreenImageLeftInset",
            "Themen bearbeiten",
            "Skip next section Related topics",
            "Ferry strike",
            "iPhone",
        ],
        [],
        [],
        [],
    )
    assert tags == ["Ferry strike", "iPhone"]


def test_trap_script_help_is_help(capsys):
    """`benchmarks/traps.py --help` prints its usage (it took --help for a folder and said there was no expected.jsonl in it)."""
    with pytest.raises(SystemExit) as stop:
        _scorer().main(["--help"])
    assert stop.value.code == 0
    assert "usage:" in capsys.readouterr().out
