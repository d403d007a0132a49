"""Ask for KaTeX's two text fonts in the page's <head>, before the stylesheets that name them.

The browser learns that it needs a KaTeX font only when it lays out a formula, after the
stylesheets have arrived; until the font comes, a formula is laid out in a fallback font of other
widths. A paragraph with inline formulas can then wrap into another line when the font arrives,
and everything below it moves: on en/gradient-and-training, a phone's first screen moved 27 px,
a layout shift of 0.125 (Lighthouse's "good" ends at 0.1). Preloaded, the fonts arrive with the
stylesheets: the shift measured 0.001 to 0.026 in the same runs.

Only KaTeX_Main (every formula's digits, operators and upright letters) and KaTeX_Math-Italic
(variables) are preloaded, and only on pages that use them: a preloaded font that a page does not
use is a wasted download, and Chromium warns about it. The other fonts (large operators,
delimiters, bold) move text by a pixel at most when they arrive.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

KATEX_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<base>[^"]*assets/katex/)katex\.min\.css">')
# (a class KaTeX gives the elements set in the font, the font's file)
FONTS = (
    ('class="katex"', "KaTeX_Main-Regular.woff2"),
    ("mathnormal", "KaTeX_Math-Italic.woff2"),
)


def preload_links(output: str, where: str) -> str:
    """Insert a preload link for each font the page uses, right after KaTeX's stylesheet link.

    >>> page = '<head><link rel="stylesheet" href="../assets/katex/katex.min.css"></head><span class="katex">1</span>'
    >>> preload_links(page, "x.md")  # doctest: +NORMALIZE_WHITESPACE
    '<head><link rel="stylesheet" href="../assets/katex/katex.min.css"><link rel="preload"
    href="../assets/katex/fonts/KaTeX_Main-Regular.woff2" as="font" type="font/woff2" crossorigin></head><span class="katex">1</span>'
    """
    head, body = output.split("</head>", 1)
    used = [font for marker, font in FONTS if marker in body]
    if not used:
        return output
    stylesheet = KATEX_STYLESHEET.search(head)
    if not stylesheet:
        raise PluginError(f"katex_font_preload: {where} has formulas but no link to KaTeX's stylesheet")
    links = "".join(
        f'<link rel="preload" href="{stylesheet["base"]}fonts/{font}" as="font" type="font/woff2" crossorigin>'
        for font in used
    )
    return f"{head[:stylesheet.end()]}{links}{head[stylesheet.end():]}</head>{body}"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return preload_links(output, page.file.src_uri)
