"""What the search index reads: figures by their title, formulas by their TeX source.

Material's search plugin indexes the text of each page's HTML. Inline SVG figures would add their
tick labels ("0.0 0.2 0.4 ...") and KaTeX output its glyph-by-glyph HTML plus MathML (each formula
three times over) to the index, and parsing that markup is most of the plugin's time on these
pages. Just around the search plugin's own step, this hook shows it a lighter copy of the page:
each figure becomes its title, each formula its TeX source. The page itself is left unchanged.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

FIGURE = re.compile(r'<svg\b[^>]*\bclass="xentdocs-figure"[^>]*>.*?</svg>', re.DOTALL)
FIGURE_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
KATEX_START = re.compile(r'<span class="katex">')
SPAN_TAG = re.compile(r"<span\b|</span>")
TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.DOTALL)


def searchable(content: str) -> str:
    """The page with figures reduced to their titles and KaTeX output to its TeX.

    >>> searchable('<p>a <span class="katex"><span><annotation encoding="application/x-tex">x^2</annotation></span>'
    ...            '<span class="katex-html">x2</span></span> b</p>')
    '<p>a x^2 b</p>'
    """

    def figure(match: re.Match[str]) -> str:
        title = FIGURE_TITLE.search(match.group(0))
        return f"<p>{title.group(1)}</p>" if title else ""

    content = FIGURE.sub(figure, content)
    pieces, position = [], 0
    for start in KATEX_START.finditer(content):
        if start.start() < position:
            continue  # nested inside a formula already replaced
        depth, end = 0, None
        for tag in SPAN_TAG.finditer(content, start.start()):
            depth += 1 if tag.group(0) == "<span" else -1
            if depth == 0:
                end = tag.end()
                break
        if end is None:
            break
        formula = content[start.start() : end]
        tex = TEX.search(formula)
        pieces += [content[position : start.start()], html.escape(html.unescape(tex.group(1)), quote=False) if tex else ""]
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


@event_priority(1)  # just before the search plugin (priority 0) reads page.content
def _before_search(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    page._xentdocs_full_content = page.content
    page.content = searchable(page.content)
    return context


@event_priority(-1)  # just after it
def _after_search(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    full = getattr(page, "_xentdocs_full_content", None)
    if full is not None:
        # The search plugin also strips its data-search-* attributes from the page; keep that.
        page.content = re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", full)
        del page._xentdocs_full_content
    return context


on_page_context = CombinedEvent(_before_search, _after_search)
