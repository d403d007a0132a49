"""Tell the browser how tall each code block, display formula and figure will be before it draws it.

``extra.css`` lets the browser skip off-screen code blocks, tabbed source/result blocks, display
formulas and figures (``content-visibility: auto``): most of an article's elements are in them,
and skipping their style and layout until they come near the window takes about 30 % off the
main-thread work of loading a long page on a phone. A skipped block takes the height
``contain-intrinsic-block-size`` gives it. If that guess is off, every block that gets drawn near
the window moves what follows it, and a link to a heading lands above or below the heading. So
each block carries what its height follows from, and the stylesheet turns that into the height:

- a code block (``.highlight``): ``--xd-lines``, its number of lines (code never wraps, it scrolls);
- a tabbed block: ``--xd-lines`` of the tab shown first;
- a display formula: ``--xd-math-height``, KaTeX's height of its tallest row in ems (KaTeX writes it
  into the ``strut`` spans it uses to size each row);
- a figure (inline SVG from ``xentdocs.plotting.to_svg``, as wide as its box): ``aspect-ratio`` from
  its ``viewBox``, which a skipped SVG would otherwise lose.

The browser suite checks the guesses against the drawn heights on every page
(``tests/browser/test_site_in_browser.py``).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

CODE_BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)">(?P<body><pre>(?:<span></span>)?<code>(?P<code>.*?)</code></pre>)',
    re.DOTALL,
)
TABBED_SET = re.compile(r'<div class="(?P<cls>tabbed-set\b[^"]*)"(?P<attrs>[^>]*)>')
# From the end of a tabbed set's opening tag to its first tab's code block (marked by mark_code).
FIRST_TAB_CODE = re.compile(
    r'(?:<input[^>]*>)*<div class="tabbed-labels">.*?</div>\s*<div class="tabbed-content">\s*'
    r'<div class="tabbed-block">\s*<div class="[^"]*" style="--xd-lines:(\d+)">',
    re.DOTALL,
)
DISPLAY_MATH = re.compile(r'<div class="(?P<cls>arithmatex katex-block)">(?P<body>.*?)</div>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")
FIGURE = re.compile(r'<svg [^>]*\bclass="xentdocs-figure"[^>]*>')
VIEW_BOX = re.compile(r'\bviewBox="0 0 ([0-9.]+) ([0-9.]+)"')
STRUT_HEIGHT = re.compile(r'class="strut" style="height:([0-9.]+)em;')


def line_count(code_html: str) -> int:
    """Lines a highlighted code block shows (a final newline does not start another line, even
    inside a span: docs/hooks/copy_prompts.py puts output lines' newlines in their spans).

    >>> line_count('<span class="kn">import</span> numpy\\nx = 1\\n')
    2
    >>> line_count('<span class="gp">&gt;&gt;&gt; </span>f()\\n<span class="go">1.0\\n</span>')
    2
    """
    return TAG.sub("", code_html).rstrip("\n").count("\n") + 1


def mark_code(match: re.Match[str]) -> str:
    return f'<div class="{match["cls"]}" style="--xd-lines:{line_count(match["code"])}">{match["body"]}'


def mark_tabs(html_content: str) -> str:
    def mark(tabs: re.Match[str]) -> str:
        first_code = FIRST_TAB_CODE.match(html_content, tabs.end())
        if first_code is None:
            return tabs[0]  # the first tab is not a code block: extra.css leaves the set drawn as usual
        return f'<div class="{tabs["cls"]}"{tabs["attrs"]} style="--xd-lines:{first_code[1]}">'

    return TABBED_SET.sub(mark, html_content)


def mark_math(match: re.Match[str]) -> str:
    heights = [float(h) for h in STRUT_HEIGHT.findall(match["body"])]
    if not heights:
        return match[0]
    return f'<div class="{match["cls"]}" style="--xd-math-height:{max(heights):g}">{match["body"]}</div>'


def mark_figure(match: re.Match[str]) -> str:
    """
    >>> mark_figure(FIGURE.search('<svg viewBox="0 0 460.8 216" class="xentdocs-figure" style="width: 100%;">'))
    '<svg viewBox="0 0 460.8 216" class="xentdocs-figure" style="aspect-ratio: 460.8 / 216; width: 100%;">'
    """
    tag, view_box = match[0], VIEW_BOX.search(match[0])
    if view_box is None or ' style="' not in tag:
        return tag
    return tag.replace(' style="', f' style="aspect-ratio: {view_box[1]} / {view_box[2]}; ', 1)


@event_priority(-60)  # after docs/hooks/katex_math.py (-50) has rendered the formulas
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html_content = CODE_BLOCK.sub(mark_code, html_content)
    html_content = mark_tabs(html_content)
    html_content = FIGURE.sub(mark_figure, html_content)
    return DISPLAY_MATH.sub(mark_math, html_content)
