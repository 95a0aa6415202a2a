"""Body: the article's paragraphs in order, without page furniture."""

from searcher.normalize import normalize
from searcher.normalize.body import extract_body
from searcher.normalize.html import parse

PARAS = [
    "The river authority closed the old towpath on Thursday after a section of the embankment slid into the water overnight.",
    "Nobody was hurt, said authority spokesperson Imke Vandersloot, but walkers should use the road bridge until further notice.",
    "Repairs are expected to take at least six weeks, and the cost will be shared with the two neighbouring districts.",
    "Residents had warned about the embankment for years, according to a petition signed by more than four hundred people.",
]

PAGE = """<html><head><title>Towpath closed after landslip</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<main><article>
<h1>Towpath closed after landslip</h1>
<div class="byline">By Jorrit Haaksma</div>
<figure><img src="a.jpg"><figcaption>The collapsed embankment seen from the water on Thursday morning.</figcaption></figure>
<p>{0}</p>
<div class="ad-slot"><p>Advertisement</p></div>
<p>{1}</p>
<aside class="pullquote"><p>{1}</p></aside>
<div class="newsletter-box"><p>Sign up for our morning newsletter and never miss a story from the valley.</p></div>
<p>{2}</p>
<p>{3}</p>
<p>Read more: <a href="/x">Flood defences to be reviewed across the county this year</a></p>
<p class="copyright">© 2024 Valley Courier. All rights reserved.</p>
</article>
<section class="related-articles"><h2>Related</h2>
<p><a href="/a">Bridge repairs finished early after a dry summer across the whole region</a></p>
<p><a href="/b">Canal boats return to the marina after the winter closure in the north</a></p></section>
<section class="comments"><h2>Comments</h2><p>I walked there last week and it already looked dangerous, somebody should have acted.</p></section>
</main>
<footer><p>About us · Contact · Privacy policy · Terms of use of the Valley Courier website</p></footer>
</body></html>"""


def test_body_paragraphs_in_order_without_furniture():
    art = normalize(PAGE.format(*PARAS).encode())
    assert art.body.split("\n\n") == PARAS


def test_body_text_in_br_separated_div():
    html = (
        "<html><body><div id='x'>"
        + "<br><br>".join(PARAS)
        + "</div><div><a href='/'>Home</a></div></body></html>"
    )
    art = normalize(html.encode())
    for para in PARAS:
        assert para in art.body


def test_body_split_over_sibling_blocks():
    html = (
        "<html><body><div class='wrap'>"
        f"<div class='part'><p>{PARAS[0]}</p><p>{PARAS[1]}</p></div>"
        "<div class='ad-box'><p>Advertisement</p></div>"
        f"<div class='part'><p>{PARAS[2]}</p><p>{PARAS[3]}</p></div>"
        "</div><div class='side'><ul><li><a href='/1'>Most read story one</a></li></ul></div></body></html>"
    )
    assert normalize(html.encode()).body.split("\n\n") == PARAS


def test_infinite_scroll_next_article_is_not_body():
    other = " ".join(
        ["A different story about the regional football cup final and its surprising result."] * 2
    )
    html = (
        f"<html><body><article><h1>Towpath closed</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
        f"<p>{PARAS[2]}</p><p>{PARAS[3]}</p></article>"
        f"<div class='next-article'><article><h1>Cup final</h1><p>{other}</p></article></div></body></html>"
    )
    body = normalize(html.encode()).body
    assert "football" not in body
    assert PARAS[3] in body


def test_feed_of_articles_keeps_the_pages_own():
    own = "".join(f"<p>{p}</p>" for p in PARAS)
    other = "".join(
        f"<p>Second story paragraph {i}: the regional football cup final ended with a surprising result in extra time.</p>"
        for i in range(4)
    )
    html = (
        f"<html><head><title>Towpath closed after landslip</title></head><body><main>"
        f"<article><h1>Towpath closed after landslip</h1>{own}</article>"
        f"<article><h1>Cup final surprise</h1>{other}</article></main></body></html>"
    )
    body = normalize(html.encode()).body
    assert body.split("\n\n") == PARAS


def test_pull_quote_inside_body_is_not_repeated():
    quote = "walkers should use the road bridge until further notice"
    html = (
        f"<html><body><article><p>{PARAS[0]}</p><blockquote class='highlight'>{quote}</blockquote>"
        f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p></article></body></html>"
    )
    body = normalize(html.encode()).body
    assert body.split("\n\n") == PARAS[:3]


def test_long_comment_thread_is_not_body():
    comments = "".join(
        f"<div><p>Reader {i} writes: I have walked that towpath every morning for twenty years and always thought the embankment looked fragile after heavy rain.</p></div>"
        for i in range(12)
    )
    html = (
        f"<html><body><article><h1>Towpath closed</h1>{''.join(f'<p>{p}</p>' for p in PARAS)}</article>"
        f"<section class='comments'><h2>Your views</h2>{comments}</section></body></html>"
    )
    body = normalize(html.encode()).body
    assert "Reader" not in body
    assert body.split("\n\n") == PARAS


def test_body_split_a_level_above_the_main_block():
    """A live blog's summary sits beside the wrapper of its entries: both are the body, in order."""
    page = f"""<html><body><div class="story"><h1>Storm live</h1>
    <div class="intro"><p>{PARAS[0]}</p><p>{PARAS[1]}</p></div>
    <div class="entries-wrap"><div class="entries"><p>{PARAS[2]}</p><p>{PARAS[3]}</p><p>{PARAS[2][::-1]}</p>
    <p>{PARAS[3][::-1]}</p></div><div class="entry-tools"><a href="/x">Refresh</a></div></div></div></body></html>"""
    body = normalize(page.encode()).body
    assert body.index(PARAS[0]) < body.index(PARAS[1]) < body.index(PARAS[2]) < body.index(PARAS[3])


def test_header_lines_and_photo_credits_are_not_text():
    page = f"""<html><body><table><tr><td width="150"><a href="/">Home</a><br><a href="/news">News</a><br>
    Should the council sell the depot?<br><form><input type="radio" name="v"> Yes<br><input type="radio" name="v"> No</form></td>
    <td><span style="font-size:11px">COMMUNITY</span><br><b>Towpath closed</b><br>By ANA RUIZ<br>STAFF WRITER<br>June 18, 2009
    <p>{PARAS[0]}</p><div><img src="a.jpg"><p>The embankment on Thursday. Photo: Ivo Lind / Valley Courier</p></div>
    <p>{PARAS[1]}</p><p>{PARAS[2]}</p></td><td width="160"><b>Quick poll</b><br>Do you walk the towpath?<br>
    <a href="/poll?a=1">Yes</a> | <a href="/poll?a=2">No</a><br>Weather: rain ending by noon, high of 52 degrees today.</td></tr></table></body></html>"""
    body = normalize(page.encode()).body
    assert body.startswith(PARAS[0]) and body.endswith(PARAS[2])
    for furniture in (
        "COMMUNITY",
        "ANA RUIZ",
        "Photo: Ivo Lind",
        "Should the council",
        "Quick poll",
        "rain ending",
    ):
        assert furniture not in body


def test_newsletter_box_around_a_form_is_not_text():
    page = f"""<html><body><article><p>{PARAS[0]}</p><div class="inline-box"><h4>Get the morning briefing</h4>
    <p>The day's news from the valley, in your inbox before 7am. Sign up free.</p><form><input type="email"><button>Go</button></form></div>
    <p>{PARAS[1]}</p><p>{PARAS[2]}</p></article></body></html>"""
    body = normalize(page.encode()).body
    assert "in your inbox" not in body and "morning briefing" not in body and PARAS[2] in body


def test_paragraphs_nested_in_an_unclosed_p_stay_apart():
    """Old markup opens <P> after <P> inside a <FONT>: the parser nests them, the body keeps them apart."""
    page = (
        "<html><body><table><tr><td><P><FONT SIZE=3>\n"
        + "\n<P>\n".join(PARAS)
        + "\n</FONT></td></tr></table></body></html>"
    )
    assert normalize(page.encode()).body.split("\n\n") == PARAS


def test_a_stylesheet_hidden_box_goes_even_when_named_as_article_content():
    story = "The lock gates at Elmbridge were replaced over the winter by a crew of twelve. " * 3
    page = (
        "<html><body><article><h1>Lock gates replaced</h1>"
        f"<p>{story}</p>"
        "<div class='article-content__sign-in hidden'><p>Create a free account to keep reading every"
        " story we publish here, from the locks to the lighthouses.</p></div>"
        "</article></body></html>"
    )
    body = extract_body(parse(page), "Lock gates replaced")
    assert "Elmbridge" in body and "Create a free account" not in body


def test_a_linked_card_inside_the_article_is_not_its_text():
    story = "The county will repave the coast road between Amble and Fairhaven this summer. " * 3
    page = (
        "<html><body><article><h1>Coast road to be repaved</h1>"
        f"<p>{story}</p>"
        "<div class='card'><a href='/other'><h3>Fairhaven bypass opens</h3></a><p>Drivers saved ten minutes on day one.</p></div>"
        f"<p>{story.replace('repave', 'resurface')}</p></article></body></html>"
    )
    body = extract_body(parse(page), "Coast road to be repaved")
    assert "resurface" in body and "Fairhaven bypass" not in body and "ten minutes" not in body
