"""The built site as a reader's browser sees it (issue 5), in every language, light and dark,
desktop and phone. Pages come from mkdocs.yml's nav; each (page, scheme, viewport) is loaded once
by browser_harness.Harness and every test below reads that visit's measurements.
"""

from __future__ import annotations

import html as htmlmod
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

import sitebuild
from browser_harness import KINDS, SCHEMES, VIEWPORTS, format_violations

pytestmark = pytest.mark.browser

PAGES = sitebuild.expected_pages()
LANGS = sitebuild.languages()
DEFAULT_LANG, _ = LANGS[0]
OTHER_LANGS = LANGS[1:]
KOREAN_PAGES = [p for p in PAGES if p.lang == "ko"]
DEFAULT_PAGES = [p for p in PAGES if p.lang == DEFAULT_LANG]
SEARCHES = [("ko", "엔트로피"), ("en", "entropy")]

WCAG_TEXT = 4.5      # WCAG 2.x AA, normal text
WCAG_GRAPHICS = 3.0  # WCAG 2.1 1.4.11, non-text contrast (axes lines)
BLOCKING_IMPACTS = {"serious", "critical"}


def _ids(pages):
    return [p.id for p in pages]


def _page_of(lang, stem):
    return next(p for p in PAGES if p.lang == lang and p.stem == stem)


# --------------------------------------------------------------------------- inventory

def test_every_page_is_built(built_site):
    built = sitebuild.built_pages(built_site)
    expected = {p.file for p in PAGES}
    missing = sorted(expected - built)
    unexpected = sorted(built - expected)
    assert not missing, f"pages in nav but not in the built site: {missing}"
    assert not unexpected, f"built pages that are not in nav (in any language): {unexpected}"


# --------------------------------------------------------------------------- loading

@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_page_loads_cleanly(harness, page):
    """HTTP 200, no console errors, no failed requests, nothing fetched from another host."""
    problems = []
    for viewport in VIEWPORTS:
        v = harness.visit(page, ("light", viewport))  # light and dark share one load per viewport
        where = viewport
        if v.status != 200:
            problems.append(f"{where}: HTTP {v.status} for {v.url}")
        for e in v.net.console_errors:
            problems.append(f"{where}: console error: {e}")
        foreign_hosts = {urlsplit(u).netloc for u in v.net.foreign}
        for f in v.net.failed:
            if urlsplit(f.split(" ")[0]).netloc not in foreign_hosts:
                problems.append(f"{where}: failed request: {f}")
        for u in v.net.foreign:
            problems.append(f"{where}: request to another host (blocked): {u}")
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_html_lang_matches_page_language(harness, page):
    v = harness.visit(page, ("light", "desktop"))
    assert v.data["lang"].split("-")[0] == page.lang, (
        f"<html lang={v.data['lang']!r}> on a {page.lang} page")


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_screenshots_written(harness, page):
    for kind in KINDS:
        v = harness.visit(page, kind)
        assert v.screenshot and v.screenshot_bytes > 1000, f"no screenshot for {kind}"


# --------------------------------------------------------------------------- math

@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_math_is_rendered(harness, page):
    d = harness.visit(page, ("light", "desktop")).data
    assert not d["rawTex"], "raw TeX visible in the page text:\n" + "\n".join(d["rawTex"])
    assert not d["unrenderedMath"], "math left unrendered (no .katex inside .arithmatex):\n" + \
        "\n".join(d["unrenderedMath"])
    empty = [k["tex"] for k in d["katex"] if not k["skip"] and (k["w"] <= 0 or k["h"] <= 0)]
    assert not empty, f"{len(empty)} formula(s) render with zero size:\n" + "\n".join(empty[:10])
    broken_fonts = [f for f in d["katexFonts"] if f.endswith(": error")]
    assert not broken_fonts, f"KaTeX fonts failed to load: {broken_fonts}"


# --------------------------------------------------------------------------- figures

@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_figures_are_visible_and_named(harness, page):
    problems = []
    for kind in (("light", "desktop"), ("light", "phone")):
        v = harness.visit(page, kind)
        for i, fig in enumerate(v.data["figures"]):
            label = f"figure {i + 1} ({'/'.join(kind)}) {fig['name'][:50]!r}"
            if not fig["visible"] or fig["width"] <= 0 or fig["height"] <= 0:
                problems.append(f"{label}: not visible ({fig['width']:.0f}x{fig['height']:.0f} px)")
            name = (v.axe_names[i] if v.axe_names else fig["name"]) or ""
            if not name.strip():
                problems.append(f"{label}: no accessible name (title / aria-labelledby)")
            if not fig["desc"].strip():
                problems.append(f"{label}: no description (<desc> / aria-describedby)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", KOREAN_PAGES, ids=_ids(KOREAN_PAGES))
def test_korean_figure_text_has_hangul(harness, page):
    problems = []
    for i, fig in enumerate(harness.visit(page, ("light", "desktop")).data["figures"]):
        # words in a figure on a Korean page are Korean; a figure whose text is only numbers
        # (tick labels of an image) must still be named in Korean
        if fig["hasLetters"] and not fig["hasHangul"]:
            problems.append(f"figure {i + 1} {fig['name'][:50]!r}: words but no Hangul in its text: {fig['text'][:200]!r}")
        if not fig["hasLetters"] and not sitebuild.HANGUL.search(fig["name"]):
            problems.append(f"figure {i + 1}: only numbers in its text and no Hangul in its name {fig['name']!r}")
        if fig["replacement"]:
            problems.append(f"figure {i + 1} {fig['name'][:50]!r}: contains U+FFFD: {fig['text'][:200]!r}")
    assert not problems, "\n".join(problems)


def _declared_font_stack(built_site, prop):
    css = (built_site / "assets/stylesheets/extra.css").read_text(encoding="utf-8")
    match = re.search(rf"{prop}:([^;]+);", css)
    assert match, f"extra.css declares no {prop}"
    return [family.strip().strip('"') for family in match.group(1).split(",")]


FONT_FAMILIES_JS = r"""() => {
  const families = el => getComputedStyle(el).fontFamily.split(',').map(f => f.trim().replace(/^"|"$/g, ''));
  const hangul = [...document.querySelectorAll('article p')].find(p => /[\uac00-\ud7a3]/.test(p.textContent));
  if (hangul) hangul.setAttribute('data-test-hangul', '');
  return {text: families(document.querySelector('article p')),
          code: families(document.querySelector('article code')),
          hangul: hangul ? hangul.textContent.match(/[\uac00-\ud7a3]/g).length : 0};
}"""
FONT_PAGES = [p for p in PAGES if p.stem == "glossary"]


@pytest.mark.parametrize("page", FONT_PAGES, ids=_ids(FONT_PAGES))
def test_text_and_code_use_the_site_font_stacks(harness, site_server, built_site, page):
    """The article's text and code are set in the stacks extra.css declares (Material takes them from
    --md-text-font and --md-code-font; it declares its own --md-*-font-family on <body>). On a Korean
    page a Korean font from the stack draws the Hangul: the browser does not have to look one up in
    the system's fallback for each syllable, and this machine has one installed."""
    text_stack = _declared_font_stack(built_site, "--md-text-font")
    code_stack = _declared_font_stack(built_site, "--md-code-font")
    tab, _ = harness.new_page("phone")
    try:
        tab.goto(site_server.page_url(page))
        computed = tab.evaluate(FONT_FAMILIES_JS)
        fonts = []
        if computed["hangul"]:
            cdp = tab.context.new_cdp_session(tab)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-test-hangul]"})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        tab.close()
    assert computed["text"][:len(text_stack)] == text_stack, f"article text font: {computed['text']}"
    assert computed["code"][:len(code_stack)] == code_stack, f"article code font: {computed['code']}"
    if page.lang == "ko":
        assert computed["hangul"], "no paragraph with Hangul in the article"
        korean = [f for f in fonts if f["familyName"] in text_stack and f["glyphCount"] >= computed["hangul"]]
        assert korean, f"no font of the stack drew the paragraph's {computed['hangul']} syllables: {fonts}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_figure_contrast(harness, page, scheme):
    """After switching the palette toggle, figure text >= 4.5:1 and axes >= 3:1 against what is
    behind them (computed colours, alpha composited)."""
    v = harness.visit(page, (scheme, "desktop"))
    d = v.data
    is_dark = d["pageBgLuminance"] < 0.2
    assert is_dark == (scheme == "dark"), (
        f"expected the {scheme} scheme, page background is {d['pageBg']} "
        f"(data-md-color-scheme={d['scheme']!r}, toggle clicked {v.toggled}x)")
    problems = []
    for i, fig in enumerate(d["figures"]):
        label = f"figure {i + 1} {fig['name'][:50]!r}"
        t, a = fig["textContrast"], fig["axesContrast"]
        if t and t["ratio"] < WCAG_TEXT:
            problems.append(f"{label}: text {t['sample']!r} {t['ink']} on {t['background']} ({t['where']}) "
                            f"= {t['ratio']:.2f}:1 < {WCAG_TEXT}")
        if a and a["ratio"] < WCAG_GRAPHICS:
            problems.append(f"{label}: axes {a['ink']} on {a['background']} ({a['where']}) "
                            f"= {a['ratio']:.2f}:1 < {WCAG_GRAPHICS}")
    assert not problems, f"{scheme} scheme, page background {d['pageBg']}:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- layout

@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_phone_has_no_horizontal_page_scroll(harness, page):
    d = harness.visit(page, ("light", "phone")).data
    assert d["scrollWidth"] <= d["clientWidth"], (
        f"at 375x812 the page scrolls sideways: scrollWidth {d['scrollWidth']} > clientWidth "
        f"{d['clientWidth']}; hiding this removes it: " + " > ".join(
            x for x in d["overflowing"] if not x.startswith(("absolutely", "html:")))
        + "".join(f"\n  {x}" for x in d["overflowing"] if x.startswith(("absolutely", "html:"))))


# --------------------------------------------------------------------------- accessibility

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_axe_has_no_serious_violations(harness, page, scheme):
    v = harness.visit(page, (scheme, "desktop"))
    blocking = [x for x in v.axe if x["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core, {scheme} scheme, {v.url}:\n" + format_violations(blocking)


# --------------------------------------------------------------------------- language switcher

def _switch(tab, hreflang):
    tab.hover(".md-header__option .md-select > button")
    link = tab.locator(f'a.md-select__link[hreflang="{hreflang}"]')
    with tab.expect_navigation():
        link.click()
    tab.wait_for_load_state("load")


@pytest.mark.parametrize("page", DEFAULT_PAGES, ids=_ids(DEFAULT_PAGES))
def test_language_switcher_round_trip(harness, site_server, page):
    tab, log = harness.new_page("desktop")
    try:
        tab.goto(site_server.page_url(page))
        for lang, _ in OTHER_LANGS:
            twin = _page_of(lang, page.stem)
            _switch(tab, lang)
            assert urlsplit(tab.url).path == urlsplit(site_server.page_url(twin)).path, (
                f"{DEFAULT_LANG}->{lang} switch from {page.path or '/'} landed on {tab.url}")
            _switch(tab, DEFAULT_LANG)
            assert urlsplit(tab.url).path == urlsplit(site_server.page_url(page)).path, (
                f"{lang}->{DEFAULT_LANG} switch from {twin.path} landed on {tab.url}")
        tab.wait_for_load_state("networkidle")
    finally:
        tab.close()
    assert not log.failed and not log.foreign, "requests failed while switching: " + \
        "; ".join(log.failed + log.foreign)


# --------------------------------------------------------------------------- anchors
# The last heading with an id that is followed by at least two windows of page (a link to a
# heading near the end scrolls the page to its end instead of to the heading).
DEEP_HEADING_JS = """() => {
  const end = document.scrollingElement.scrollHeight - 2 * innerHeight;
  const hs = [...document.querySelectorAll('article h2[id], article h3[id]')]
    .filter(h => h.getBoundingClientRect().top + scrollY < end);
  return hs.length ? hs.pop().id : null;
}"""
HEADING_TOP_JS = "id => Math.round(document.getElementById(id).getBoundingClientRect().top)"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_link_to_a_deep_heading_lands_on_it(harness, site_server, page, viewport):
    """Blocks above an anchor may still be unrendered placeholders (content-visibility: auto in
    extra.css): a link to a heading far down the page must still put that heading at the top of
    the window, just below the header, and keep it there while the page settles; on the desktop
    the table of contents marks it."""
    tab, _ = harness.new_page(viewport)
    try:
        tab.goto(site_server.page_url(page))
        target = tab.evaluate(DEEP_HEADING_JS)
        if target is None:  # a short page (the home page, a short API page): its last heading
            target = tab.evaluate("[...document.querySelectorAll('article :is(h2, h3)[id]')].pop()?.id")
        assert target, "no h2/h3 with an id: a page of more than one screen needs sections"
        tab.goto(site_server.page_url(page) + "#" + target)
        tab.wait_for_load_state("load")
        header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
        first = tab.evaluate(HEADING_TOP_JS, target)
        tab.wait_for_timeout(800)
        settled = tab.evaluate(HEADING_TOP_JS, target)
        assert abs(settled - first) <= 2, f"#{target} moved from {first}px to {settled}px after load"
        at_end = tab.evaluate("scrollY >= document.scrollingElement.scrollHeight - innerHeight - 1")
        if at_end:  # a short page cannot bring its last heading to the top: it shows it, scrolled to the end
            assert header <= settled <= tab.evaluate("innerHeight") - 40, f"#{target} is at {settled}px"
        else:
            assert header - 4 <= settled <= header + 40, f"#{target} is at {settled}px (header {header}px)"
        if viewport == "desktop":
            active = tab.eval_on_selector_all(
                ".md-sidebar--secondary .md-nav__link--active", "els => els.map(e => e.getAttribute('href'))")
            assert active and active[-1] == "#" + target, (target, active)
    finally:
        tab.close()


OFFSCREEN_GUESSES_JS = r"""() => {
  const rows = [];
  let far = 0;
  // Paragraphs, lists and tables carry rough heights by design: draw them all, so each sized block
  // is measured where it sits.
  const text = [...document.querySelectorAll('article :is(p, ul, ol, dl, table, .md-typeset__scrollwrap)')]
    .filter(el => getComputedStyle(el).contentVisibility === 'auto');
  for (const el of text) el.style.contentVisibility = 'visible';
  // every block the pipeline sized, wherever it sits: a block inside a tab set's content is skipped
  // with that content, and a closed <details> draws nothing at all
  for (const el of document.querySelectorAll('article [style*="--xd-"], svg.xentdocs-figure[style*="aspect-ratio"]')) {
    if (el.parentElement.closest('.tabbed-content, details:not([open])')) continue;
    if (getComputedStyle(el).contentVisibility !== 'auto') return {error: 'not content-visibility: auto: ' + el.className};
    if (el.getBoundingClientRect().top > 3 * innerHeight) far += 1;
    const inside = el.querySelector(':scope > :not(title, desc, metadata, defs, style)');
    if (inside.checkVisibility({contentVisibilityAuto: true})) continue;  // drawn already
    const guess = el.getBoundingClientRect().height;
    el.style.contentVisibility = 'visible';
    const drawn = el.getBoundingClientRect().height;
    el.style.contentVisibility = '';
    rows.push({block: el.className + ' ' + (el.getAttribute('style') || ''), guess, drawn});
  }
  for (const el of text) el.style.contentVisibility = '';
  return {rows, far};
}"""


# Where each wrapped inline code element breaks its lines: the two characters around each break.
CODE_LINE_BREAKS_JS = r"""() => {
  const breaks = [];
  for (const code of document.querySelectorAll('article code')) {
    if (code.closest('pre') || code.getClientRects().length < 2) continue;
    const range = document.createRange();
    let lastTop = null, lastChar = '';
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (lastTop !== null && rect.top > lastTop + 2) breaks.push(lastChar + '|' + node.data[i] + ' in ' + code.textContent);
        lastTop = rect.top; lastChar = node.data[i];
      }
    }
  }
  return breaks;
}"""


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_inline_code_wraps_between_the_parts_of_a_name(harness, site_server, page):
    """On a phone, inline code that wraps breaks after a space or a separator, or between the words
    of a CamelCase name (docs/pipeline/site_markdown.py), not inside a word: a table column showed
    `ignore_in` over `dex`."""
    tab, _ = harness.new_page("phone")
    try:
        tab.goto(site_server.page_url(page))
        tab.evaluate("""() => document.querySelectorAll('article *').forEach(el => {
          if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible'; })""")
        breaks = tab.evaluate(CODE_LINE_BREAKS_JS)
    finally:
        tab.close()
    inside_a_word = [b for b in breaks
                     if not re.match(r"[ _./:,=(\[-]\||[a-z]\|[A-Z]", b) and not b[2:3].isspace()]
    assert inside_a_word == [], inside_a_word


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_offscreen_block_heights_are_guessed_right(harness, site_server, page, viewport):
    """Each code block, tab set, display formula and figure the browser has not drawn yet stands in with
    the height docs/pipeline/site_markdown.py and extra.css give it; drawing it must not
    change the page's height by more than a few pixels."""
    tab, _ = harness.new_page(viewport)
    try:
        tab.goto(site_server.page_url(page))
        result = tab.evaluate(OFFSCREEN_GUESSES_JS)
    finally:
        tab.close()
    assert "error" not in result, result.get("error")
    assert len(result["rows"]) >= result["far"], "blocks far below the window were drawn at load"
    wrong = [f"{r['block']}: guessed {r['guess']:.1f}px, drawn {r['drawn']:.1f}px"
             for r in result["rows"] if abs(r["guess"] - r["drawn"]) > 6]
    assert not wrong, "\n".join(wrong)


def test_palette_switch_reaches_blocks_drawn_later(harness, site_server):
    """A code block the browser skipped while the reader switched to the dark scheme is drawn in
    the dark scheme's colours once it comes on screen (content-visibility: auto, extra.css)."""
    page = _page_of(DEFAULT_LANG, "information-theory")
    tab, _ = harness.new_page("desktop")
    code_background = "el => getComputedStyle(el.querySelector('pre > code')).backgroundColor"
    try:
        tab.goto(site_server.page_url(page))
        blocks = tab.locator(".md-typeset > .highlight, .md-typeset > .tabbed-set")
        first, last = blocks.first, blocks.last
        assert last.evaluate("el => el.getBoundingClientRect().top") > 3 * tab.evaluate("innerHeight")
        harness.ensure_scheme(tab, "light")  # the tab's context may remember an earlier switch
        light = first.evaluate(code_background)
        harness.ensure_scheme(tab, "dark")
        dark = first.evaluate(code_background)
        assert dark != light
        last.scroll_into_view_if_needed()
        tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert last.evaluate(code_background) == dark
    finally:
        tab.close()


def test_page_colour_scheme_follows_the_palette(harness, site_server):
    """The canvas and its scroll bars take the palette's scheme, and the browser's own bar the
    header's colour."""
    page = _page_of(DEFAULT_LANG, "information-theory")
    tab, _ = harness.new_page("desktop")
    root_scheme = "() => getComputedStyle(document.documentElement).colorScheme"
    try:
        tab.goto(site_server.page_url(page))
        harness.ensure_scheme(tab, "light")
        assert "dark" not in tab.evaluate(root_scheme)
        harness.ensure_scheme(tab, "dark")
        tab.wait_for_timeout(200)
        assert "dark" in tab.evaluate(root_scheme)
        assert tab.locator('meta[name="theme-color"]').get_attribute("content").startswith("#")
    finally:
        tab.close()


LAYOUT_SHIFTS_JS = r"""async () => {
  await document.fonts.ready;
  await new Promise(r => setTimeout(r, 300));
  // Every shift counts: nothing here gives input, yet a page loaded under phone emulation marks
  // the shifts of its first half second hadRecentInput (that filter hid ko/gradient-and-training's 0.10).
  // layout-shift entries are kept for a buffered observer only; none at all means no callback
  const shifts = await Promise.race([
    new Promise(r => new PerformanceObserver((list, o) => { o.disconnect(); r(list.getEntries()); })
      .observe({type: 'layout-shift', buffered: true})),
    new Promise(r => setTimeout(() => r([]), 500)),
  ]);
  const preloaded = [...document.querySelectorAll('link[rel=preload][as=font]')].map(l => l.href);
  const fetched = new Set(performance.getEntriesByType('resource').map(e => e.name));
  const families = [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family);
  return {
    total: shifts.reduce((sum, e) => sum + e.value, 0),
    sources: shifts.flatMap(e => e.sources.map(s => `${e.value.toFixed(3)} ${s.node ? s.node.nodeName + '.' + s.node.className : '?'}`)),
    unused: preloaded.filter(href => !families.some(f => href.includes(f + '-')) || !fetched.has(href)),
  };
}"""


LIGHTHOUSE_PHONE = {"width": 412, "height": 823}  # the phone Lighthouse emulates (a Moto G Power)


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_first_screen_does_not_shift(harness, site_server, page):
    """While a phone loads the page, what it shows stays in place: the cumulative layout shift stays
    under 0.1, where Lighthouse's "good" ends; and each font the page preloads is one it uses.
    The KaTeX fonts are preloaded so that inline formulas do not rewrap when they arrive
    (docs/pipeline/site_math.py): on en/gradient-and-training that rewrap moved the first
    screen by 0.125 in most loads of a fresh 412 px, 1.75x phone, and on ko/gradient-and-training
    the late bold and large-operator fonts moved it by 0.10 in every load. That race depends on
    when the fonts arrive; the test holds the bound."""
    tab, _ = harness.new_page("phone")
    tab.set_viewport_size(LIGHTHOUSE_PHONE)
    # and its slower processor, on a first visit over a network with a phone's latency: the fonts
    # are not in the cache, and each request takes a round trip
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        tab.goto(site_server.page_url(page))
        result = tab.evaluate(LAYOUT_SHIFTS_JS)
    finally:
        tab.close()
    assert result["total"] < 0.1, result["sources"]
    assert not result["unused"], f"preloaded but not used: {result['unused']}"


LAYOUT_WIDTHS_JS = """window.__widths = [];
addEventListener('resize', () => __widths.push(innerWidth));
// and at every frame while the page is parsed (a resize event may come after the width is back)
requestAnimationFrame(function sample() {
  if (document.body) __widths.push(innerWidth);
  if (document.readyState === 'loading') requestAnimationFrame(sample);
});
document.addEventListener('DOMContentLoaded', () => __widths.push(innerWidth));"""
@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_phone_lays_the_page_out_at_its_width_while_loading(harness, site_server, page):
    """While a phone parses the header, before Material's script shows the search and palette
    buttons, the language menu sat past the screen's edge, and the phone laid the whole page out
    that much wider until the script ran (then again at its width). extra.css keeps the header
    within the screen from the start."""
    tab, _ = harness.new_page("phone")
    try:
        tab.add_init_script(LAYOUT_WIDTHS_JS)
        tab.goto(site_server.page_url(page), wait_until="load")
        widths = tab.evaluate("window.__widths")
        width = tab.viewport_size["width"]
    finally:
        tab.close()
    assert widths and set(widths) == {width}, f"layout viewport widths while loading: {widths}"


# the selected tab of every set titled like the page's first set (source and result), folded
# blocks aside (Material links a set in a closed <details> when it is opened)
CHECKED_TABS_JS = r"""() => {
  const titles = set => [...set.querySelectorAll('.tabbed-labels > label')].map(l => l.textContent.trim()).join('|');
  const sets = [...document.querySelectorAll('article .tabbed-set')].filter(set => !set.closest('details:not([open])'));
  return sets.filter(set => titles(set) === titles(sets[0]))
    .map(set => [...set.querySelectorAll(':scope > input')].findIndex(i => i.checked));
}"""


@pytest.mark.parametrize("lang", [lang for lang, _ in LANGS])
def test_choosing_a_tab_switches_every_set(harness, site_server, lang):
    """Source and result tabs are linked: choosing "result" in one set shows the result in every set
    of the page, far down ones included, and the choice is kept for the next visit."""
    page = _page_of(lang, "pytorch-options")
    tab, log = harness.new_page("phone")
    try:
        tab.goto(site_server.page_url(page), wait_until="load")
        assert len(tab.evaluate(CHECKED_TABS_JS)) >= 3
        first = tab.locator("article .tabbed-set").first
        first.scroll_into_view_if_needed()
        first.locator(".tabbed-labels > label").nth(1).click()
        tab.wait_for_timeout(300)
        assert set(tab.evaluate(CHECKED_TABS_JS)) == {1}
        last = tab.locator("article .tabbed-set:not(details:not([open]) *)").last
        last.scroll_into_view_if_needed()
        last.locator(".tabbed-labels > label").nth(0).click()
        tab.wait_for_timeout(300)
        assert set(tab.evaluate(CHECKED_TABS_JS)) == {0}, "a choice far down did not reach the others"
        first.scroll_into_view_if_needed()
        first.locator(".tabbed-labels > label").nth(1).click()
        tab.reload(wait_until="load")
        tab.wait_for_timeout(300)
        assert set(tab.evaluate(CHECKED_TABS_JS)) == {1}, "the choice was not kept for the next visit"
    finally:
        tab.close()
    assert not log.console_errors, log.console_errors


# --------------------------------------------------------------------------- search

def _h1(built_site, page) -> str:
    text = (built_site / page.file).read_text(encoding="utf-8")
    m = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", m.group(1))) if m else ""


def _result_page(server, href):
    path = unquote(urlsplit(href).path)
    base = urlsplit(server.url).path
    rel = path[len(base):] if path.startswith(base) else path
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return rel


@pytest.mark.parametrize("lang,query", SEARCHES, ids=[f"{l}-{q}" for l, q in SEARCHES])
def test_search_finds_pages_in_the_language(harness, site_server, built_site, lang, query):
    home = _page_of(lang, "index")
    lang_pages = [p for p in PAGES if p.lang == lang]
    # every page whose title names the term must be found (Material lists by relevance)
    must = {p.path for p in lang_pages if query.lower() in _h1(built_site, p).lower()}
    allowed = {p.path for p in lang_pages}

    tab, log = harness.new_page("desktop")
    try:
        tab.goto(site_server.page_url(home))
        tab.wait_for_load_state("networkidle")
        box = tab.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material reads the query on keyup
        try:
            tab.wait_for_function(
                "() => document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=10_000)
        except Exception:  # noqa: BLE001 - report what the search box says instead
            meta = tab.locator(".md-search-result__meta").inner_text()
            pytest.fail(f"no search results for {query!r} on {home.path or '/'}; Material says: {meta!r}; "
                        f"failed requests: {log.failed}")
        hrefs = tab.eval_on_selector_all(
            ".md-search-result__list > li > a.md-search-result__link", "els => els.map(e => e.href)")
        meta = tab.locator(".md-search-result__meta").inner_text()
    finally:
        tab.close()
    found = list(dict.fromkeys(_result_page(site_server, h) for h in hrefs))
    wrong_language = [f for f in found if f not in allowed]
    assert found, f"no results for {query!r}"
    assert not wrong_language, (
        f"search for {query!r} on the {lang} site lists pages of another language (or non-pages): "
        f"{wrong_language}; all results: {found} ({meta})")
    missing = sorted(must - set(found))
    assert not missing, f"search for {query!r} misses pages titled with it: {missing}; results: {found}"


SEARCH_QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text(encoding="utf-8"))
# The links of the first three results (a result is a page, with its best sections inside it).
RESULTS_JS = r"""() => ({
  meta: document.querySelector('.md-search-result__meta').textContent.trim(),
  top3: [...document.querySelectorAll('.md-search-result__list > li')].slice(0, 3)
    .map(li => [...li.querySelectorAll('a')].map(a => a.href)),
})"""


@pytest.fixture(scope="module")
def search_tabs(harness, site_server):
    """One tab per language, its home page open and its search index loaded once."""
    tabs: dict = {}

    def tab_for(lang):
        if lang not in tabs:
            tab, _ = harness.new_page("desktop")
            tab.goto(site_server.page_url(_page_of(lang, "index")))
            tab.locator("input.md-search__input").click()
            tabs[lang] = tab
        return tabs[lang]

    yield tab_for
    for tab in tabs.values():
        tab.close()


def _result_link(server, href):
    """A result's link relative to the site root, with its section: 'en/glossary/#nat'."""
    fragment = urlsplit(href).fragment
    return _result_page(server, href) + (f"#{fragment}" if fragment else "")


@pytest.mark.parametrize("entry", SEARCH_QUERIES, ids=[f"{e['lang']}-{e['q']}" for e in SEARCH_QUERIES])
def test_search_answers_what_readers_type(search_tabs, site_server, entry):
    """tests/browser/search_queries.yml: what learners type, as they type it into the search box,
    and the page (or section) that must be among the first three results, or nothing at all."""
    lang, query = entry["lang"], entry["q"]
    tab = search_tabs(lang)
    box = tab.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material reads the query on keyup: the previous results go
    tab.wait_for_function("() => !document.querySelector('.md-search-result__list > li')")
    box.fill(query)
    box.press("End")
    if entry.get("none"):
        tab.wait_for_timeout(2000)  # time to answer; a query that matches nothing lists nothing
    else:
        try:
            tab.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length",
                                  timeout=10_000)
        except Exception:  # noqa: BLE001 - report what the search box says instead
            pytest.fail(f"{query!r} on the {lang} site: no results ({tab.evaluate(RESULTS_JS)['meta']!r})")
    result = tab.evaluate(RESULTS_JS)
    pages = [[_result_link(site_server, h) for h in links] for links in result["top3"]]
    if entry.get("none"):
        assert pages == [], f"{query!r} on the {lang} site should find nothing: {pages} ({result['meta']})"
        return
    page, _, section = entry["top3"].partition("#")
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    want = prefix + ("" if page == "index" else f"{page}/")
    found = pages
    assert any(want == u.split("#")[0] for links in found for u in links), \
        f"{query!r}: {want} not among the first three results {found} ({result['meta']})"
    if section:
        assert any(u == f"{want}#{section}" for links in found for u in links), \
            f"{query!r}: {want}#{section} not among the first three results {found}"


# --------------------------------------------------------------------------- copy button
def test_copy_button_copies_code_only(harness, site_server):
    """Material's copy button on the home page's side-by-side >>> examples copies runnable code:
    no prompts, no output, no blank lines left where the output was."""
    context = harness.browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        for lang, prefix in sitebuild.languages():
            page.goto(site_server.url + prefix)
            button = page.locator(".grid button[data-md-type=copy]").first
            button.hover()
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.startswith("import torch\nz = torch.tensor([[3.2, 5.1, -1.7],\n   "), (lang, copied)
            assert ">>>" not in copied and "..." not in copied and "2.7587" not in copied, (lang, copied)
            assert "\n\n" not in copied, (lang, copied)
    finally:
        context.close()
