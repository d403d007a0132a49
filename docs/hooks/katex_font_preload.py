"""Ask in the page's <head> for the KaTeX fonts its first screen needs, before the stylesheets that name them.

The browser learns that it needs a KaTeX font only when it lays out a formula, after the
stylesheets have arrived; until the font comes, a formula is laid out in a fallback font of other
widths. A paragraph with inline formulas can then wrap into another line when the font arrives,
and everything below it moves: on en/gradient-and-training, a phone's first screen moved 27 px,
a layout shift of 0.125 (Lighthouse's "good" ends at 0.1). Preloaded, the fonts arrive with the
stylesheets: the shift measured 0.001 to 0.026 in the same runs.

Two kinds of preload:

* KaTeX_Main (every formula's digits, operators and upright letters) and KaTeX_Math-Italic
  (variables), on every page that uses them anywhere: they are in nearly every formula;
* any other KaTeX font (bold, large operators and delimiters, blackboard bold ...) that a formula
  in the page's first screen uses. On ko/gradient-and-training a bold 𝐳 (KaTeX_Main-Bold) and an
  inline ∑ (KaTeX_Size1) in the second paragraph rewrapped it when their fonts came: a shift of
  0.10 on Lighthouse's phone in every load; preloaded, 0.0003. Which class draws in which font is
  read from KaTeX's own stylesheet (``.katex .mathbf{font-family:KaTeX_Main;font-weight:700}``).

The first screen is the start of the article up to ``FIRST_SCREEN`` ems of text (a rough measure,
as in ``offscreen_sections.py``: a Hangul syllable is 1 em wide, other characters half). Fonts of
formulas further down are not preloaded: a preloaded font that the page does not draw at load is a
wasted download on the way to the first paint, and Chromium warns about it. The browser suite checks
both ways on every page: the layout shift of a loading phone stays under 0.1, and each preloaded font
is used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

KATEX_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<base>[^"]*assets/katex/)katex\.min\.css">')
CSS_URI = "assets/katex/katex.min.css"  # where docs/hooks/katex_math.py writes the stylesheet
FONTS_DIR = "assets/katex/fonts/"  # and the fonts
# (a class KaTeX gives the elements set in the font, the font's file): preloaded wherever used
TEXT_FONTS = (
    ('class="katex"', "KaTeX_Main-Regular.woff2"),
    ("mathnormal", "KaTeX_Math-Italic.woff2"),
)
# About a phone's first screen: 26 lines of a 375 px column (21 ems of Material's 16 px text).
FIRST_SCREEN = 550
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
# KaTeX's MathML copy is for screen readers, clipped to a pixel: its text takes no room.
TOKENS = re.compile(
    r'<span class="katex-mathml">.*?</span>(?=<span class="katex-html")|<[^>]*>|(?P<text>[^<]+)',
    re.DOTALL,
)
WIDE_CHAR = re.compile(r"[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")
FONT_RULE = re.compile(r"(?P<selectors>[^{}]+)\{(?P<body>[^}]*font-family:KaTeX_(?P<family>\w+)[^}]*)\}")
CLASSES = re.compile(r'\bclass="([^"]*)"')

# (classes an element must have, the font file it is then drawn in), from KaTeX's stylesheet
_font_classes: list[tuple[frozenset[str], str]] = []


def font_classes(css: str, fonts: set[str]) -> list[tuple[frozenset[str], str]]:
    """Which element classes KaTeX's stylesheet draws in which of ``fonts`` (a rule's last compound selector).

    >>> css = ".katex .mathbf{font-family:KaTeX_Main;font-weight:700}.katex .delimsizing.mult .delim-size1>span{font-family:KaTeX_Size1}"
    >>> font_classes(css, {"KaTeX_Main-Bold.woff2", "KaTeX_Size1-Regular.woff2"})
    [(frozenset({'mathbf'}), 'KaTeX_Main-Bold.woff2'), (frozenset({'delim-size1'}), 'KaTeX_Size1-Regular.woff2')]
    """
    found = []
    for rule in FONT_RULE.finditer(css):
        bold = re.search(r"font-weight:(?:700|bold)", rule["body"]) is not None
        italic = "font-style:italic" in rule["body"]
        variant = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
        font = f"KaTeX_{rule['family']}-{variant}.woff2"
        if font not in fonts:
            continue
        for selector in rule["selectors"].split(","):
            last = selector.split()[-1].split(">")[0]
            classes = frozenset(re.findall(r"\.([\w-]+)", last))
            if selector.split()[0] == ".katex" and classes:
                found.append((classes, font))
    return found


def first_screen(article: str) -> str:
    """The start of ``article`` up to ``FIRST_SCREEN`` ems of text.

    >>> len(first_screen("<p>" + "가" * 600 + "</p>")) == len("<p>") + 600
    True
    >>> formula = '<span class="katex-mathml"><math>' + "y" * 2000 + '</math></span><span class="katex-html">y</span>'
    >>> first_screen(formula) == formula  # the MathML copy takes no room
    True
    """
    width = 0.0
    for token in TOKENS.finditer(article):
        if token["text"] is None:
            continue
        text = re.sub(r"\s+", " ", html.unescape(token["text"]))
        wide = len(WIDE_CHAR.findall(text))
        width += wide + 0.5 * (len(text) - wide)
        if width >= FIRST_SCREEN:
            return article[:token.end()]
    return article


def fonts_to_preload(body: str, classes_to_fonts: Iterable[tuple[frozenset[str], str]]) -> list[str]:
    """KaTeX's text fonts if the page uses them, then the other fonts of its first screen's formulas.

    >>> table = [(frozenset({"mathbf"}), "KaTeX_Main-Bold.woff2")]
    >>> fonts_to_preload('<article class="md-content__inner md-typeset"><span class="katex"><span class="mord mathbf">z</span></span>', table)
    ['KaTeX_Main-Regular.woff2', 'KaTeX_Main-Bold.woff2']
    >>> fonts_to_preload('<article class="md-content__inner md-typeset"><p>' + "가" * 600 + '</p><span class="katex"><span class="mathbf">z</span></span>', table)
    ['KaTeX_Main-Regular.woff2']
    """
    fonts = [font for marker, font in TEXT_FONTS if marker in body]
    if not fonts:
        return fonts
    article = ARTICLE.search(body)
    if article is None:
        raise PluginError("katex_font_preload: a page with formulas has no Material <article>; review ARTICLE")
    element_classes = {frozenset(found.split()) for found in CLASSES.findall(first_screen(body[article.end():]))}
    for needed, font in classes_to_fonts:
        if font not in fonts and any(needed <= classes for classes in element_classes):
            fonts.append(font)
    return fonts


def preload_links(output: str, where: str, classes_to_fonts: Iterable[tuple[frozenset[str], str]] = ()) -> str:
    """Insert a preload link for each font to preload, right after KaTeX's stylesheet link.

    >>> page = ('<head><link rel="stylesheet" href="../assets/katex/katex.min.css"></head>'
    ...         '<article class="md-content__inner md-typeset"><span class="katex">1</span>')
    >>> preload_links(page, "x.md")  # doctest: +NORMALIZE_WHITESPACE
    '<head><link rel="stylesheet" href="../assets/katex/katex.min.css"><link rel="preload"
    href="../assets/katex/fonts/KaTeX_Main-Regular.woff2" as="font" type="font/woff2" crossorigin></head><article
    class="md-content__inner md-typeset"><span class="katex">1</span>'
    """
    head, body = output.split("</head>", 1)
    used = fonts_to_preload(body, classes_to_fonts)
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


@event_priority(-210)  # after docs/hooks/katex_math.py (-200) has added the stylesheet and fonts
def on_files(files: Files, config: MkDocsConfig) -> Files:
    stylesheet = files.get_file_from_path(CSS_URI)
    if stylesheet is None:
        raise PluginError(f"katex_font_preload: {CSS_URI} is not among the site's files (docs/hooks/katex_math.py writes it)")
    fonts = {file.src_uri.rsplit("/", 1)[-1] for file in files if file.src_uri.startswith(FONTS_DIR)}
    _font_classes[:] = font_classes(stylesheet.content_string, fonts)
    if not _font_classes:
        raise PluginError("katex_font_preload: no font rules found in KaTeX's stylesheet; review FONT_RULE")
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return preload_links(output, page.file.src_uri, _font_classes)
