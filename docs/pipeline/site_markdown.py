"""The site's Python-Markdown extension: what it does to every page's HTML as Markdown converts it.

A Python-Markdown extension, not an MkDocs hook, so that MkDocs and Zensical can both run it. Its
postprocessors run after Python-Markdown has put back the raw HTML of executed blocks (markdown-exec)
and of the API reference (mkdocstrings), so they see the whole page:

* ``render_math``: every ``pymdownx.arithmatex`` formula becomes KaTeX's HTML+MathML (``site_math``);
* ``tidy_code``: inline code may wrap between the parts of a name (``ignore_<wbr>index``) rather than
  inside a word, and an example's output lines hide whole while Material's copy button copies;
* ``size_blocks``: each code block, code tab set, display formula and figure says how tall it will be
  (``--xd-lines``, ``--xd-em``, ``aspect-ratio``), so that ``extra.css`` can let the
  browser skip drawing it while it is off-screen (``content-visibility: auto``) at its real height.

Used from ``main.py`` (``on_config``); for another engine, list ``site_markdown`` under
``markdown_extensions`` with ``docs/pipeline`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

import site_math

# arithmatex's generic output (TeX, HTML-escaped); not KaTeX's, when a page holds HTML converted before (API reference).
FORMULA = re.compile(r"<(?P<tag>span|div) class=\"arithmatex\">(?P<tex>(?!<).*?)</(?P=tag)>", re.DOTALL)
CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
INLINE_CODE = re.compile(r"(<code>)(.*?)(</code>)", re.DOTALL)
TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
# "_", "/" or "::" between parts of a name; "." only between letters (not inside 0.5); CamelCase words
PART_SEPARATOR = re.compile(
    r"(?<=[A-Za-z0-9])(_|/|::)(?=\w)|(?<=[A-Za-z_)\]])(\.)(?=[A-Za-z_])|(?<=[a-z])(?=[A-Z][a-z])")
CODE_OPENING = re.compile(r"^(<pre\b[^>]*>(?:<span></span>)?)<code>")
OUTPUT_LINE = re.compile(r'<span class="go">([^<]*)</span>\n')
HIGHLIGHT = re.compile(r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)">(?P<body><pre>(?:<span></span>)?<code[^>]*>(?P<code>.*?)</code></pre>)',
                       re.DOTALL)
# a tab set's content, up to its first tab's code block (once that carries its lines)
TAB_CONTENT = re.compile(r'<div class="tabbed-content">(?=\s*<div class="tabbed-block">\s*<div class="[^"]*" style="--xd-lines:(\d+)">)')
DISPLAY_FORMULA = re.compile(r'<div class="arithmatex katex-block">(?P<html>.*?)</div>', re.DOTALL)  # KaTeX writes spans only
STRUT = re.compile(r'<span class="strut" style="height:(?P<height>[0-9.]+)em;(?:vertical-align:(?P<align>-?[0-9.]+)em;)?"')
FIGURE = re.compile(r'<svg [^>]*\bclass="xentdocs-figure"[^>]*>')
VIEW_BOX = re.compile(r'\bviewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def split_formula(tag: str, escaped: str) -> tuple[str, bool]:
    """TeX source and display flag of one arithmatex element.

    >>> split_formula("span", r"\\(a &lt; b\\)")
    ('a < b', False)
    >>> split_formula("div", r"\\begin{aligned}x&amp;=1\\end{aligned}")
    ('\\\\begin{aligned}x&=1\\\\end{aligned}', True)
    """
    tex = html.unescape(escaped).strip()
    if tex[:2] in ("\\(", "\\[") and tex[-2:] in ("\\)", "\\]"):
        return tex[2:-2].strip(), tex[1] == "["
    return tex, tag == "div"


def render_math(text: str, katex_dir: Path) -> str:
    """Replace every arithmatex element by KaTeX's output, in one round trip to the worker."""
    matches = list(FORMULA.finditer(text))
    if not matches:
        return text
    formulas = [split_formula(m["tag"], m["tex"]) for m in matches]
    rendered = site_math.worker.render(katex_dir, formulas)
    pieces, last = [], 0
    for match, (_, display), output in zip(matches, formulas, rendered):
        pieces += [text[last:match.start()],
                   f'<div class="arithmatex katex-block">{output}</div>' if display
                   else f'<span class="arithmatex">{output}</span>']
        last = match.end()
    return "".join(pieces) + text[last:]


def name_breaks(text: str) -> str:
    """Break opportunities in the text of one inline code element (its tags are left alone).

    >>> name_breaks("ignore_index")
    'ignore_<wbr>index'
    >>> name_breaks("torch.nn.functional.cross_entropy")
    'torch.<wbr>nn.<wbr>functional.<wbr>cross_<wbr>entropy'
    >>> name_breaks("nn.CrossEntropyLoss() or NLLLoss")
    'nn.<wbr>Cross<wbr>Entropy<wbr>Loss() or NLLLoss'
    >>> name_breaks('label_smoothing=0.1, <a href="#a_b">x_y</a>, _private, end.')
    'label_<wbr>smoothing=0.1, <a href="#a_b">x_<wbr>y</a>, _private, end.'
    """
    return TAG_OR_TEXT.sub(lambda m: m[1] or PART_SEPARATOR.sub(r"\g<0><wbr>", m[2]), text)


def tidy_code(text: str) -> str:
    """Name breaks in inline code (never inside ``<pre>``); each output line's newline inside its span.

    >>> tidy_code('<p><code>a_b</code></p><pre><code>c_d</code></pre>')
    '<p><code>a_<wbr>b</code></p><pre><code tabindex="0">c_d</code></pre>'
    >>> tidy_code('<pre><span class="gp">&gt;&gt;&gt; </span>1 + 1\\n<span class="go">2</span>\\n</pre>')
    '<pre><span class="gp">&gt;&gt;&gt; </span>1 + 1\\n<span class="go">2\\n</span></pre>'
    """
    out, position = [], 0
    for block in CODE_BLOCK.finditer(text):
        out.append(INLINE_CODE.sub(lambda m: m[1] + name_breaks(m[2]) + m[3], text[position:block.start()]))
        # a code block is focusable until Material mounts it (content.lazy) and drops that if the code
        # fits: a keyboard can reach and scroll a wide block that has not come into view yet
        block_html = CODE_OPENING.sub(r'\1<code tabindex="0">', block[0], count=1)
        out.append(OUTPUT_LINE.sub(lambda m: f'<span class="go">{m[1]}\n</span>', block_html))
        position = block.end()
    out.append(INLINE_CODE.sub(lambda m: m[1] + name_breaks(m[2]) + m[3], text[position:]))
    return "".join(out)


def size_blocks(text: str) -> str:
    r"""Write on each code block its lines, on a code tab set's content its first tab's lines, on a display
    formula its height in the formula's em, and on a figure its viewBox's aspect ratio.

    >>> size_blocks('<div class="highlight"><pre><span></span><code tabindex="0">a\n<span class="go">1\n</span></code></pre></div>')
    '<div class="highlight" style="--xd-lines:2"><pre><span></span><code tabindex="0">a\n<span class="go">1\n</span></code></pre></div>'
    >>> size_blocks('<div class="arithmatex katex-block"><span class="katex">…<span class="strut" style="height:2.4em;vertical-align:-0.95em;"></span>…'
    ...             '<span class="strut" style="height:0.6em;vertical-align:-1.1em;"></span></span></div>')[:57]
    '<div class="arithmatex katex-block" style="--xd-em:2.55">'
    >>> size_blocks('<svg viewBox="0 0 460.8 216" class="xentdocs-figure" style="width: 100%;">')
    '<svg viewBox="0 0 460.8 216" class="xentdocs-figure" style="aspect-ratio: 460.8 / 216; width: 100%;">'
    """
    def code(m: re.Match[str]) -> str:
        lines = re.sub(r"<[^>]*>", "", m["code"]).rstrip("\n").count("\n") + 1
        return f'<div class="{m["cls"]}" style="--xd-lines:{lines}">{m["body"]}'

    def formula(m: re.Match[str]) -> str:
        # KaTeX's struts give each part's extent above and below the baseline, in the formula's em;
        # a short formula's line is at least 1.3em tall (KaTeX's line height, measured 1.25-1.31)
        struts = [(float(s["height"]), float(s["align"] or 0)) for s in STRUT.finditer(m["html"])]
        if not struts:
            return m[0]
        height = max(h + a for h, a in struts) + max(-a for h, a in struts)
        return f'<div class="arithmatex katex-block" style="--xd-em:{max(height, 1.3):.4g}">{m["html"]}</div>'

    def figure(m: re.Match[str]) -> str:
        box = VIEW_BOX.search(m[0])
        return m[0].replace(' style="', f' style="aspect-ratio: {box[1]} / {box[2]}; ', 1) if box and ' style="' in m[0] else m[0]

    text = HIGHLIGHT.sub(code, text)
    text = DISPLAY_FORMULA.sub(formula, text)
    text = TAB_CONTENT.sub(lambda m: f'<div class="tabbed-content" style="--xd-lines:{m[1]}">', text)
    return FIGURE.sub(figure, text)


class _Step(Postprocessor):
    def __init__(self, md: Markdown, step) -> None:
        super().__init__(md)
        self.step = step

    def run(self, text: str) -> str:
        return self.step(text)


class SiteMarkdown(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"katex_dir": ["", "node_modules/katex (found from the working directory if empty)"],
                       "size_blocks": [True, "write the heights extra.css skips off-screen blocks at"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        katex_dir = Path(self.getConfig("katex_dir") or site_math.find_katex(Path.cwd()))
        # after 'raw_html' (30), which puts back the HTML of executed blocks and the API reference
        md.postprocessors.register(_Step(md, lambda text: render_math(text, katex_dir)), "xd_math", 5)
        md.postprocessors.register(_Step(md, tidy_code), "xd_code", 4)
        if self.getConfig("size_blocks"):
            md.postprocessors.register(_Step(md, size_blocks), "xd_sizes", 3)


def makeExtension(**kwargs) -> SiteMarkdown:  # noqa: N802 - Python-Markdown's entry point
    return SiteMarkdown(**kwargs)
