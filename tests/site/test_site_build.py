"""Checks on the built site (both languages), one strict build shared by every test here.

The build itself passing is the first check: under ``--strict`` a single warning fails it
(conftest.site). The rest reads the output the way a reader's browser would receive it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import sitebuild

pytestmark = pytest.mark.build

PAGES = sitebuild.expected_pages()
LANGS = dict(sitebuild.languages())  # {"ko": "", "en": "en/"}
SITE_URL = sitebuild.site_url()
HANGUL = sitebuild.HANGUL

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]*)"')
ALL_IDS = re.compile(r'\bid="([^"]*)"')


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def article(page_html: str) -> str:
    match = ARTICLE.search(page_html)
    assert match, "no <article> in the page"
    return match.group(1)


def page_ids(pages=PAGES):
    return [pytest.param(page, id=page.id) for page in pages]



@pytest.mark.parametrize("page", page_ids())
def test_every_page_built_with_its_language(site, page):
    text = read(site, page.file)
    assert f'<html lang="{page.lang}"' in text
    # The language switcher leads to the same page in every language.
    for lang, prefix in LANGS.items():
        twin = sitebuild.Page(lang, page.stem, prefix)
        links = re.findall(rf'<a href="([^"]*)" hreflang="{lang}" class="md-select__link"', text)
        assert links, f"no switcher link to {lang}"
        target = urljoin(SITE_URL + page.path, links[0])
        assert target == SITE_URL + twin.path


def test_no_unexpected_pages(site):
    assert sitebuild.built_pages(site) == {page.file for page in PAGES}


@pytest.mark.parametrize("page", page_ids(p for p in PAGES if p.lang == "en"))
def test_english_navigation_is_translated(site, page):
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', read(site, page.file), re.DOTALL)
    assert nav, "no primary navigation"
    titles = [html.unescape(t).strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', nav.group(0))]
    assert "Cross entropy in information theory" in titles
    assert not [t for t in titles if HANGUL.search(t)], titles


def test_korean_navigation_titles(site):
    text = read(site, "index.html")
    for title in ("정보 이론의 교차 엔트로피", "딥러닝의 교차 엔트로피 손실", "API 레퍼런스", "용어집"):
        assert title in text


def test_404_page_per_language(site):
    # The root 404 page is the default language's, whatever language was built last.
    base = urlsplit(SITE_URL).path
    for path, lang in (("404.html", "ko"), ("en/404.html", "en")):
        text = read(site, path)
        assert f'<html lang="{lang}"' in text
        # Its language switcher leads to each language's home page (not to the page rendered last),
        # and its head names no alternate whose sitemap.xml would be fetched.
        switcher = dict((l, h) for h, l in re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"', text))
        assert switcher == {"ko": base, "en": base + "en/"}
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', text.split("</head>")[0])
        # Navigation links of the English 404 page stay in English.
        nav_links = re.findall(r'<a href="([^"]+)" class="md-nav__link', text)
        assert nav_links and all(h.startswith(base + ("en/" if lang == "en" else "")) for h in nav_links), nav_links
    assert "en/" not in "".join(re.findall(r'<a href="([^"]+)" class="md-nav__link', read(site, "404.html")))


@pytest.mark.parametrize("page", page_ids())
def test_heading_ids_are_readable(site, page):
    # The default slugifier turns Korean headings into "_1", "_2"; pymdownx.slugs keeps Hangul.
    ids = HEADING_ID.findall(article(read(site, page.file)))
    assert ids, "no headings with ids"
    bad = [i for i in ids if re.fullmatch(r"_\d*", i) or not i.strip("_-")]
    assert not bad, bad


@pytest.mark.parametrize("page", page_ids())
def test_ids_are_unique_on_every_page(site, page):
    counts = Counter(ALL_IDS.findall(read(site, page.file)))
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("page", page_ids())
def test_no_raw_tex_left(site, page):
    content = article(read(site, page.file))
    # TeX legitimately remains in KaTeX's MathML annotation and in code.
    content = re.sub(r'<annotation encoding="application/x-tex">.*?</annotation>', "", content, flags=re.DOTALL)
    content = re.sub(r"<(pre|code)\b.*?</\1>", "", content, flags=re.DOTALL)
    assert 'class="arithmatex">\\(' not in content and 'class="arithmatex">\\[' not in content
    for token in ("$$", "\\frac", "\\sum", "\\log", "\\text{", "\\begin{", "\\(", "\\["):
        assert token not in content, f"raw TeX {token!r} in the page"


def test_math_rendered_with_katex(site):
    for lang, prefix in LANGS.items():
        text = read(site, f"{prefix}index.html")
        assert 'class="katex-display"' in text and "<math" in text
        assert re.search(r'<link[^>]+href="[^"]*assets/katex/katex\.min\.css"', text)
    # Korean inside \text{} is rendered as text (the home page's formula uses 손실).
    assert re.search(r'<span class="mord[^"]*">손</span>|<mtext>손실</mtext>', read(site, "index.html"))


def test_katex_css_and_fonts_shipped(site):
    css = read(site, "assets/katex/katex.min.css")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(f.startswith("fonts/") and f.endswith(".woff2") for f in fonts)
    for font in fonts:
        assert (site / "assets/katex" / font).is_file(), font


@pytest.mark.parametrize("page", page_ids())
def test_figures_are_accessible_inline_svg(site, page):
    content = article(read(site, page.file))
    for svg in re.findall(r"<svg\b.*?</svg>", content, flags=re.DOTALL):
        open_tag = re.match(r"<svg\b[^>]*>", svg).group(0)
        if 'class="xentdocs-figure"' not in open_tag:
            # Only icons may be inline SVG without being a figure.
            assert "aria-hidden" in open_tag or 'role="img"' not in open_tag and len(svg) < 4000, open_tag
            continue
        assert 'role="img"' in open_tag
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', open_tag).group(1).split()
        title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
        desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
        assert title and desc, "figure without <title> and <desc>"
        assert labelled_by == [title.group(1), desc.group(1)]
        for text in (title.group(2), desc.group(2)):
            if page.lang == "ko":
                assert HANGUL.search(text), f"Korean page, non-Korean figure text {text!r}"
            else:
                assert not HANGUL.search(text), f"English page, Korean figure text {text!r}"
        assert "<text" in svg, "figure text was turned into paths"
        assert "width: 100%" in open_tag and not re.search(r'\swidth="\d', open_tag)


@pytest.mark.parametrize("page", page_ids())
def test_executed_tabs_use_the_page_language(site, page):
    content = article(read(site, page.file))
    labels = re.findall(r'<label for="__tabbed_[^"]*">([^<]*)</label>', content)
    english = {"Source", "Result"} & set(labels)
    korean = {"소스", "결과"} & set(labels)
    assert not (english if page.lang == "ko" else korean), labels


@pytest.mark.parametrize("page", page_ids())
def test_copy_button_skips_prompts_and_output(site, page):
    # Every output line's newline sits inside its .go span (docs/pipeline/site_markdown.py), so the
    # copy button (which hides .gp/.go, see extra.css) leaves no blank lines.
    text = read(site, page.file)
    assert not re.search(r'<span class="go">[^<]*</span>\n', text)


def test_copy_css_hides_prompts_while_copying(site):
    css = read(site, "assets/stylesheets/extra.css")
    assert re.search(r"code\[data-md-copying\] \.gp,\s*\.highlight code\[data-md-copying\] \.go\s*\{\s*display: none", css)
    assert re.search(r"\.highlight \.gp,\s*\.highlight \.go\s*\{\s*user-select: none", css)


def test_nothing_is_loaded_from_another_host(site):
    offenders = []
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<(link|script|img|iframe|source|video|audio|embed|object)\b[^>]*>", text, re.I):
            tag = match.group(0)
            for url in re.findall(r'\b(?:href|src|srcset|data)="([^"]*)"', tag):
                if re.match(r"(https?:)?//", url) and not url.startswith(SITE_URL):
                    if match.group(1).lower() == "link" and re.search(r'rel="(canonical|alternate)"', tag):
                        continue  # a link to a page, not something the browser loads
                    offenders.append((path.relative_to(site).as_posix(), tag))
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
    for path in site.rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
            if re.match(r"(https?:)?//", url):
                offenders.append((path.relative_to(site).as_posix(), url))
    assert offenders == []












@pytest.mark.parametrize("page", page_ids())
def test_pages_with_formulas_preload_katex_text_fonts(site, page):
    # docs/pipeline/site_math.py: the fonts of the first screen's formulas come with the stylesheets, so
    # formulas are not laid out again (and the text around them rewrapped) when the fonts arrive.
    # (That each preloaded font is drawn at load, and the first screen keeps still, the browser suite checks.)
    head, body = read(site, page.file).split("</head>", 1)
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', head)
    names = [href.rsplit("/", 1)[-1] for href in preloads]
    text_fonts = [n for n in names if n in ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2")]
    assert names[:len(text_fonts)] == text_fonts, "KaTeX's text fonts come first"
    assert len(set(names)) == len(names) and ('class="katex"' in body or not names), names
    assert all(re.fullmatch(r"KaTeX_\w+-\w+\.woff2", name) for name in names), names
    for href in preloads:
        assert (site / Path(page.file).parent / href).resolve().is_file(), href


def test_sitemaps(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert locs == {SITE_URL + page.path for page in PAGES}
    english = ET.parse(site / "en" / "sitemap.xml").getroot()
    en_locs = {loc.text for loc in english.findall("s:url/s:loc", ns)}
    assert en_locs == {SITE_URL + page.path for page in PAGES if page.lang == "en"}


@pytest.mark.parametrize("page", page_ids())
def test_no_page_requests_a_missing_sitemap(site, page):
    # Material fetches sitemap.xml next to each <link rel="alternate" hreflang> of the head; the
    # hook drops those links, so only the site's own sitemap (at its base URL) is requested.
    head = read(site, page.file).split("</head>")[0]
    assert not re.search(r'<link rel="alternate"[^>]*hreflang', head)


def test_each_language_has_its_own_search_index(site):
    """docs/pipeline/site_languages.py: Korean pages search Korean pages, English pages English ones."""
    import json

    korean = json.loads(read(site, "search/search_index.json"))
    english = json.loads(read(site, "en/search/search_index.json"))
    assert {"ko", "en"} <= set(korean["config"]["lang"]) and english["config"]["lang"] == ["en"]
    assert korean["docs"] and english["docs"]
    assert not any(d["location"].startswith("en/") for d in korean["docs"])
    assert any("엔트로피" in d["text"] for d in korean["docs"])
    assert any("entropy" in d["text"].lower() for d in english["docs"])
    assert not any(HANGUL.search(d["title"]) for d in english["docs"] if "#" not in d["location"])
    # Material loads the index from the page's `base`: an English page's base is the English root
    assert '"base": ".."' in read(site, "en/information-theory/index.html")
    assert '"base": "."' in read(site, "en/index.html")
    assert '"base": ".."' in read(site, "information-theory/index.html")


def test_api_reference_in_both_languages(site):
    """Every public name of the package and of xentdocs.plotting has one entry per language, under
    the name a user imports it by, on one of the reference pages."""
    import xentdocs
    import xentdocs.plotting

    public = {f"xentdocs.{n}" for n in xentdocs.__all__} | {f"xentdocs.plotting.{n}" for n in xentdocs.plotting.__all__}
    for lang, prefix in LANGS.items():
        pages = (site / prefix / "reference").glob("**/index.html")
        found = Counter(i for p in pages for i in re.findall(r'id="(xentdocs[.\w]*)"', p.read_text(encoding="utf-8")))
        assert public <= set(found), (lang, sorted(public - set(found)))
        assert not [name for name in public if found[name] > 1], (lang, found)
        # ... and the reference's first page links to each of them
        index = read(site, f"{prefix}reference/index.html")
        assert not [name for name in public if f'#{name}"' not in index], lang
    # Cross-references resolve within the page's own language (autorefs resolve_closest).
    for path in site.glob("en/**/*.html"):
        for href in re.findall(r'<a class="autorefs[^"]*" href="([^"]+)"', path.read_text(encoding="utf-8")):
            target = urljoin(SITE_URL + path.relative_to(site).as_posix(), href)
            assert urlsplit(target).path.startswith(urlsplit(SITE_URL).path + "en/"), (path, href)


def test_home_page_content(site):
    for lang, prefix in LANGS.items():
        text = read(site, f"{prefix}index.html")
        content = article(text)
        plain = html.unescape(re.sub(r"<[^>]+>", "", content))
        assert "nn.CrossEntropyLoss()" in plain
        assert "torch.nn.CrossEntropyLoss()" in plain and "xentdocs.CrossEntropyLoss()" in plain
        # Credit to the source article.
        assert "딥러닝의 Cross Entropy Loss 이해하기 (1)" in content and "braveseokyung" in content
        assert ("2024년 11월 27일" if lang == "ko" else "27 November 2024") in content
        # A map of the site: a link to every other page of the same language.
        links = {urljoin(SITE_URL + prefix, href) for href in re.findall(r'<a href="([^"#]+)"', content)}
        for page in PAGES:
            if page.lang == lang and page.stem != "index":
                assert SITE_URL + page.path in links, page
        # The executed block's output is in the page.
        assert "mean            = 2.7587" in plain


class _FormulaText(HTMLParser):
    """Collects the text inside KaTeX's visible output (span.katex-html) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the current span.katex-html, itself included
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("path", "line", "rect", "use")  # KaTeX's SVG leaves are self-closed
        elif tag == "span" and "katex-html" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.depth and tag not in ("path", "line", "rect", "use"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


@pytest.mark.parametrize("font", ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2", "KaTeX_Main-Bold.woff2"])
def test_katex_text_fonts_keep_every_glyph_a_formula_draws(site, font):
    # docs/pipeline/site_math.py ships these fonts cut down to the characters of the site's
    # formulas. Every character a formula of any page (both languages) draws that KaTeX's own font
    # has must still be there, with the same advance width; and the point is a smaller file.
    from fontTools.ttLib import TTFont

    drawn = set()
    for page in PAGES:
        parser = _FormulaText()
        parser.feed(read(site, page.file))
        drawn |= set("".join(parser.text))
    original = TTFont(sitebuild.ROOT / "node_modules" / "katex" / "dist" / "fonts" / font)
    shipped = TTFont(site / "assets" / "katex" / "fonts" / font)
    original_cmap, shipped_cmap = original.getBestCmap(), shipped.getBestCmap()
    needed = {ord(c) for c in drawn} & set(original_cmap)
    assert len(needed) > 40, "the pages' formulas were not found"
    missing = sorted(chr(c) for c in needed - set(shipped_cmap))
    assert not missing, f"{font} lacks {missing}"
    for c in needed:
        assert shipped["hmtx"][shipped_cmap[c]] == original["hmtx"][original_cmap[c]], chr(c)
    assert (site / "assets" / "katex" / "fonts" / font).stat().st_size < 0.7 * (
        sitebuild.ROOT / "node_modules" / "katex" / "dist" / "fonts" / font).stat().st_size


# The content of a tab set whose first tab is a code block (markup of pymdownx.tabbed's alternate style)
CODE_TAB_CONTENT = re.compile(r'<div class="tabbed-content"([^>]*)>\s*<div class="tabbed-block">\s*<div class="[^"]*\bhighlight\b')


def test_offscreen_blocks_carry_their_height(site):
    """Every code block and the content of every tab set that opens on code says how many lines it
    shows (--xd-lines), and every display formula its height (--xd-em; docs/pipeline/site_markdown.py):
    extra.css skips such blocks off-screen at that height. Without it they are drawn at load, and a
    long page pays for it (Lighthouse's blocking time; once, a focusable <code tabindex="0"> stopped
    the sizing without any other test noticing)."""
    unsized = []
    for path in site.glob("**/index.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<div class="[^"]*\bhighlight\b[^"]*"([^>]*)><pre', text):
            if "--xd-lines" not in m[1]:
                unsized.append(f"{path.relative_to(site)}: code block {text[m.start():m.start() + 120]!r}")
        for m in CODE_TAB_CONTENT.finditer(text):
            if "--xd-lines" not in m[1]:
                unsized.append(f"{path.relative_to(site)}: tab set {text[m.start():m.start() + 120]!r}")
        for m in re.finditer(r'<div class="arithmatex katex-block"([^>]*)>', text):
            if "--xd-em" not in m[1]:
                unsized.append(f"{path.relative_to(site)}: formula {text[m.start():m.start() + 120]!r}")
    assert not unsized, "\n".join(unsized[:10])

