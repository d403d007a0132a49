"""Ship KaTeX's text fonts with only the glyphs the site's formulas draw.

Every page with a formula downloads KaTeX_Main-Regular and KaTeX_Math-Italic while it loads
(``katex_font_preload.py`` asks for them in ``<head>``, so the text around a formula does not move
when they arrive), and a page with a bold symbol in its first screen KaTeX_Main-Bold. KaTeX ships
them with every glyph its macros could need, 26, 16 and 25 kB of woff2, and the site's formulas use
fewer than half: accented letters, Greek capitals and most arrows never appear. After the pages are
converted, this hook writes those files again with the glyphs of the characters the rendered
formulas contain (the text of KaTeX's HTML output, and the digits and brackets KaTeX's stylesheet
draws for equation numbers), using fontTools' subsetter (a dependency matplotlib already installs;
woff2 needs brotli).

The languages are built one after the other in one process (mkdocs-static-i18n), and each
build writes the same font files at the site's root once its pages are converted; the characters
are collected across the builds, so the files written last hold those of every language. The other
KaTeX fonts (sizes of large delimiters, AMS symbols, ...) hold few glyphs, or serve few formulas,
and are shipped as KaTeX made them.

KaTeX lays formulas out from metrics of its own, not from the font files, so a smaller font
changes no position; a character missing from a subset would be drawn in a fallback font, which
is why the subsets are computed from the built pages, and ``tests/site`` checks every formula of
every page against the fonts as shipped. A ``--dirty`` build converts only the pages it thinks
changed, so it ships the fonts whole. The files keep their names: after a deploy that adds a
symbol, a browser holding the previous subset (GitHub Pages lets it keep a file ten minutes)
draws that symbol in a fallback font until it fetches the file again.
"""

from __future__ import annotations

import html
import io
import re
import sys
import types
from pathlib import Path

from fontTools import subset
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FONTS_URI = "assets/katex/fonts"
SUBSET_FONTS = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2", "KaTeX_Main-Bold.woff2")
# KaTeX's visible output; the MathML beside it is clipped to a pixel and read by screen readers.
KATEX_HTML = '<span class="katex-html" aria-hidden="true">'
SPAN = re.compile(r"<(/?)span\b[^>]*>")
# KaTeX's stylesheet writes equation numbers with `content: "(" counter(...) ")"`.
CSS_TEXT = "()0123456789"
# Every character the formulas' HTML holds, for this module's builds: both languages of a build
# (MkDocs imports hook modules afresh for each `mkdocs serve` rebuild, which starts a new set).
characters: set[str] = set()
# What outlives the module: the subsets last computed (a serve reload usually needs the same
# ones) and whether the build converts only some pages.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "katex_font_subset"):
    _shared.katex_font_subset = {"dirty": False, "subsets": {}}
_state: dict = _shared.katex_font_subset


def formula_text(html_content: str) -> str:
    """The text of KaTeX's HTML output in a page: what the KaTeX fonts draw.

    >>> formula_text('<p>a <span class="katex"><span class="katex-mathml"><math>q</math></span>'
    ...              '<span class="katex-html" aria-hidden="true"><span class="mord">x</span>'
    ...              '<span class="mrel">&lt;</span></span></span> b</p>')
    'x<'
    """
    parts = []
    start = html_content.find(KATEX_HTML)
    while start != -1:
        depth, position = 0, start
        for tag in SPAN.finditer(html_content, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                position = tag.end()
                break
        else:
            raise ValueError(f"katex_font_subset: KaTeX's HTML at {start} does not end")
        parts.append(re.sub(r"<[^>]*>", "", html_content[start:position]))
        start = html_content.find(KATEX_HTML, position)
    return html.unescape("".join(parts))


def subset_font(source: Path, codepoints: frozenset[int]) -> bytes:
    """The woff2 ``source`` with only the glyphs of ``codepoints`` (and what its layout tables
    reach from them), keeping its names, its ``.notdef`` and every layout feature."""
    key = (source, source.stat().st_mtime_ns, codepoints)
    if key not in _state["subsets"]:
        while len(_state["subsets"]) >= 2 * len(SUBSET_FONTS):
            del _state["subsets"][next(iter(_state["subsets"]))]
        _state["subsets"][key] = _subset(source, codepoints)
    return _state["subsets"][key]


def _subset(source: Path, codepoints: frozenset[int]) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


# After katex_math.py (-50) has replaced the formulas with KaTeX's output.
@event_priority(-60)
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    characters.update(formula_text(html_content))
    return html_content


def on_startup(command: str, dirty: bool) -> None:
    _state["dirty"] = dirty


def on_env(env, config: MkDocsConfig, files: Files):
    if _state["dirty"]:
        return env
    codepoints = frozenset(map(ord, characters | set(CSS_TEXT)))
    for name in SUBSET_FONTS:
        file = files.get_file_from_path(f"{FONTS_URI}/{name}")
        if file is not None and file.abs_src_path:
            file.content_bytes = subset_font(Path(file.abs_src_path), codepoints)
    return env

