"""What the search index reads: figures by their title, formulas by their TeX source.

Material's search plugin indexes the text of each page's HTML. Inline SVG figures would add their
tick labels ("0.0 0.2 0.4 ...") and KaTeX output its glyph-by-glyph HTML plus MathML (each formula
three times over) to the index, and parsing that markup is most of the plugin's time on these
pages. Just around the search plugin's own step, this hook shows it a lighter copy of the page:
each figure becomes its title, each formula its TeX source. The page itself is left unchanged.

Under `mkdocs serve` every reload re-indexes every page. The sections the search plugin's HTML
parser finds in a page depend on nothing but the HTML it is given, so they are remembered per
exact HTML for the life of the process, and an unchanged page is not parsed again.
"""

from __future__ import annotations

import copy
import html
import re
import sys
import types

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
        # (Most pages have none: the check is quick, the substitution over a page with figures is not.)
        page.content = re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", full) if "data-search-" in full else full
        del page._xentdocs_full_content
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


# --------------------------------------------------------------------------- parsed sections, remembered

# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; the memory outlives that.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "search_sections"):
    _shared.search_sections = {"parsed": {}, "used": set()}
_sections: dict = _shared.search_sections


def _install_parser_memory() -> bool:
    try:
        from material.plugins.search import plugin as search
    except ImportError:
        return False
    parser = getattr(search, "Parser", None)
    if parser is None:
        return False
    if getattr(parser, "_xentdocs_remembers", False):
        return True

    class RememberingParser(parser):
        """Material's search Parser; one whole-page feed() is answered from memory when the
        same HTML was parsed before (a deep copy: the plugin edits the sections it gets)."""

        _xentdocs_remembers = True

        def feed(self, data):
            self._xentdocs_feeds = getattr(self, "_xentdocs_feeds", 0) + 1
            self._xentdocs_html = data
            if self._xentdocs_feeds == 1 and data in _sections["parsed"]:
                return  # close() restores the sections
            super().feed(data)

        def close(self):
            key = getattr(self, "_xentdocs_html", None)
            if getattr(self, "_xentdocs_feeds", 0) != 1 or key is None:
                return super().close()
            _sections["used"].add(key)
            if key in _sections["parsed"]:
                self.data = copy.deepcopy(_sections["parsed"][key])
                return None
            super().close()
            _sections["parsed"][key] = copy.deepcopy(self.data)
            return None

    search.Parser = RememberingParser
    return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _install_parser_memory()
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    # A build starts with the default language; keep what the previous build used, drop the rest.
    if i18n is None or i18n.current_language in (None, i18n.default_language):
        for key in set(_sections["parsed"]) - _sections["used"]:
            del _sections["parsed"][key]
        _sections["used"].clear()
