"""Decoding page bytes: BOMs, declared charsets, windows-1252 mislabelled, entities, no mojibake."""

import pytest

from searcher.normalize import normalize
from searcher.normalize.decoding import decode, fix_mojibake

PAGE = "<html><head><meta charset='{cs}'><title>Café crème</title></head><body><p>{body}</p></body></html>"


def test_utf8_bom_is_removed():
    decoded = decode(b"\xef\xbb\xbf<p>na\xc3\xafve</p>")
    assert decoded.text == "<p>naïve</p>"
    assert decoded.encoding == "utf-8"


def test_utf16_bom():
    data = "\ufeff<p>Zürich</p>".encode("utf-16-le")
    assert decode(data).text == "<p>Zürich</p>"


def test_windows_1252_labelled_latin1_keeps_curly_quotes():
    body = "\u201cWe will rebuild,\u201d said Mayor Ottla Brenninkmeyer \u2013 twice."
    data = PAGE.format(cs="iso-8859-1", body=body).encode("cp1252")
    assert body in decode(data).text


def test_windows_1252_labelled_utf8_is_not_mojibake():
    body = "Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u201cso\u201d"
    data = PAGE.format(cs="utf-8", body=body).encode("cp1252")
    text = decode(data).text
    assert body in text
    assert "\ufffd" not in text


def test_http_charset_wins_for_non_utf8_bytes():
    data = "<p>Привет, мир</p>".encode("koi8-r")
    assert "Привет" in decode(data, "text/html; charset=KOI8-R").text


def test_meta_charset_shift_jis():
    data = (
        '<html><head><meta charset="shift_jis"></head><body><p>東京の天気</p></body></html>'.encode(
            "shift_jis"
        )
    )
    assert "東京の天気" in decode(data).text


def test_double_encoded_utf8_is_repaired():
    assert (
        fix_mojibake("Caf\u00c3\u00a9 \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d")
        == "Café \u201cquoted\u201d"
    )
    assert fix_mojibake("Plain text stays") == "Plain text stays"


def test_entities_are_decoded_in_records():
    html = (
        "<html><head><title>Fish &amp; Chips &#8211; a history</title></head>"
        "<body><article><h1>Fish &amp; Chips &#8211; a history</h1>"
        "<p>The shop on Quayside sold &lsquo;the best&rsquo; portions in town, "
        "according to locals who queued there every Friday evening for decades.</p></article></body></html>"
    )
    art = normalize(html.encode())
    assert art.title == "Fish & Chips – a history"
    assert "‘the best’" in art.body


def test_undeclared_legacy_encoding_guessed_from_html_lang():
    page = "<html lang='ja'><head><title>東京</title></head><body><p>東京の天気は晴れ</p></body></html>"
    assert "東京の天気は晴れ" in decode(page.encode("shift_jis")).text
    page = "<html lang='ru'><body><p>Погода в Москве</p></body></html>"
    assert "Погода в Москве" in decode(page.encode("cp1251")).text


def test_utf16_page_is_an_article_not_binary():
    body = (
        "<p>The harbour strike in Łódź lasted three weeks, and the dockworkers said it had been worth it.</p>"
        * 4
    )
    page = f"<html><head><title>Łódź strike</title></head><body><article><h1>Łódź strike ends</h1>{body}</article></body></html>"
    for codec in ("utf-16", "utf-16-be"):
        data = (
            page.encode(codec)
            if codec == "utf-16"
            else "\ufeff".encode("utf-16-be") + page.encode(codec)
        )
        article = normalize(data)
        assert article.kind != "empty", codec
        assert article.title == "Łódź strike ends"
        assert "dockworkers" in article.body


def test_nul_bytes_without_a_bom_are_still_binary():
    assert normalize(b"<html>\x00\x01\x02\x00 not a page</html>" * 50).kind == "empty"


def test_the_stray_byte_handler_refuses_encoding_errors():
    # The handler reads undecodable bytes as windows-1252; an encoding error has no bytes to read,
    # so it is raised as itself rather than failing inside the handler.
    with pytest.raises(UnicodeEncodeError):
        "café".encode("ascii", errors="searcher-cp1252")
