"""Let the browser skip whole stretches of an article while they are off-screen.

``offscreen_blocks.py`` marks code blocks, display formulas and figures, but a long page keeps
thousands of elements outside them: paragraphs full of inline KaTeX, lists, tables. Material's
script reads the layout several times while it starts (scroll position, the palette's computed
header colour, each code block's width), and every read restyles and lays out whatever is not
skipped. So this hook wraps each run of an article's elements that holds no heading in
``<div class="xd-section">``, which ``extra.css`` gives ``content-visibility: auto``: only the runs
near the window take part in those reads. On the longest page that takes the elements Material's
start-up restyles from about 4,100 to about 2,600.

The headings stay outside the runs, so a link to a heading, the table of contents and Material's
"follow the table of contents" measure headings without drawing the runs between them. A skipped
run takes the height its ``--xd-phone`` / ``--xd-wide`` estimate gives (text width over the column
width, plus the code, formula and figure heights ``offscreen_blocks.py`` computed); once drawn, the
browser remembers its real height (``contain-intrinsic-block-size: auto``), and scroll anchoring keeps
the reader's place when a run above the window is drawn. The browser suite checks that a link to a
deep heading lands on it and stays there.

Material measures some elements as soon as it starts, and measuring an element inside a skipped
run draws the whole run. So:

- tabbed sets and the softmax playground are never put inside a run (they break it, and so does
  an element that holds one, such as an exercise's `<details>`, whose own children are then wrapped);
- code blocks are mounted lazily (the ``content.lazy`` feature in ``mkdocs.yml``): Material measures
  each one, and adds its copy button, when it first comes into view. Until then the block is
  focusable (``tabindex="0"``, written here), so a keyboard can reach and scroll a wide one, as
  Material would let it once mounted (it then drops the attribute from a block that fits).

What shows above a heading a link scrolls to must be drawn at its real height when the browser
scrolls there. So the last few elements before a heading (``drawn_tail``) go in a box of their own,
``xd-tail``, which ``extra.css`` draws while the heading after it is the link's target
(``.xd-tail:has(+ :target)``); a tail that cannot be boxed (too short, or ending in an element
whose margins a box would move) stays outside the boxes. A code block or formula in a tail is not
skipped on its own either: Chromium does not anchor the scroll inside a block it skips, so when a
box higher up was drawn at other than its estimate, the heading moved (151 px on the API
reference's desktop layout, where each object's examples end just above the next object's
heading). Before tails were boxed they were drawn at every load: on the information-theory page,
about 480 of the elements a phone drew at load, all far below the first screen.

The API reference nests every object in mkdocstrings' ``<div>``s; their children are wrapped as a
page's are, and the end of each object's contents counts as the end before a heading. Those
tails stay drawn: their heading is not the element right after them.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Runs are made of block-level elements, and inline elements never hold one, so only block-level
# tags are parsed: a page has tens of thousands of inline KaTeX spans, and reading them all would
# cost about as much as the rest of this hook.
TAG = re.compile(
    r"<!--.*?-->|<(/?)(div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|pre|blockquote|details"
    r"|summary|section|article|aside|nav|figure|figcaption|form|h[1-6]|hr|svg|math|script|style)"
    r"(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>",
    re.DOTALL,
)
VOID = frozenset(("hr",))
# Tags whose content holds no block: skip to their end tag (figures and KaTeX's MathML have many).
RAW = frozenset(("script", "style", "svg", "math"))
HEADING = re.compile(r"h[1-6]")
# Elements Material measures when it starts: drawing them would draw their whole run.
MEASURED = re.compile(r'\bclass="(?:[^"]*\s)?(?:tabbed-set|xent-playground)\b')
# Elements whose children are wrapped in turn when they hold a heading or a measured element;
# anything else that holds one is left as it is.
CONTAINERS = frozenset(("details",))
# mkdocstrings' <div>s around an object of the API reference, its contents and its members: their
# children are always wrapped in turn, and each ends where the next object's heading follows, so
# the run at its end keeps its drawn tail.
API_OBJECT = re.compile(r'<div class="doc doc-(?:object|contents|children)\b')
# A run shorter than this (in characters of HTML) is not worth a containment box of its own; a
# longer one is cut into boxes of about BOX_LENGTH (an inline formula is 1-2 kB of KaTeX).
MIN_LENGTH = 2000
BOX_LENGTH = 8000

# What stays drawn at the end of a run (see drawn_tail), in ems: Material scrolls a linked heading
# 3.6rem (4.5em) below the window's top, and the heading's own margin (2em or more) covers the rest.
TAIL = 4.0

# Height estimate, in ems of the article's text.
LINE = 1.6  # Material's line height
BLOCK_MARGIN = 1.0  # between paragraphs, list items, rows
COLUMN = {"phone": 21.0, "wide": 36.0}  # column width at 375 px, and beside the sidebars
MATHML = re.compile(r'<span class="katex-mathml">.*?</span>(?=<span class="katex-html")', re.DOTALL)
CODE_LINES = re.compile(r'--xd-lines:(\d+)')
SIZED_BLOCK = re.compile(r' style="--xd-(?:lines|math-height):[0-9.]+"')
MATH_HEIGHT = re.compile(r'--xd-math-height:([0-9.]+)')
ASPECT = re.compile(r'aspect-ratio: ([0-9.]+) / ([0-9.]+)')
SKIPPED_TEXT = re.compile(r"<(pre|svg)\b.*?</\1>", re.DOTALL)
BLOCKS = re.compile(r"<(?:p|li|tr|dt|dd|h[1-6])\b")
SIZED_CODE_BLOCK = re.compile(r'class="[^"]*\bhighlight\b[^"]*" style="--xd-lines:')
TABLE_WRAP = re.compile(r'class="md-typeset__scrollwrap"')  # a table, wrapped by startup_restyles.py
CODE_OPENING = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code>")
WIDE_CHAR = re.compile(r"[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


class Element:
    """One block-level element of a page: where it starts and ends in the HTML, and its children."""

    __slots__ = ("tag", "start", "end", "opening", "children", "holds_breaker")

    def __init__(self, tag: str, start: int, opening: str = "") -> None:
        self.tag, self.start, self.end, self.opening = tag, start, -1, opening
        self.children: list[Element] = []
        # A heading, or an element Material measures, among its descendants: it cannot go in a run.
        self.holds_breaker = False


def parse(text: str) -> list[Element]:
    """The element tree of an HTML fragment (tolerant: an unmatched end tag closes up to its match)."""
    root = Element("#root", 0)
    stack = [root]
    open_tags: dict[str, int] = {}
    skip_to = 0
    for match in TAG.finditer(text):
        if match.start() < skip_to:
            continue
        closing, name = match[1], (match[2] or "").lower()
        if not name:
            continue  # a comment
        if not closing:
            element = Element(name, match.start(), opening=match[0])
            stack[-1].children.append(element)
            if name in RAW:
                end = text.find(f"</{name}>", match.end())
                skip_to = element.end = len(text) if end < 0 else end + len(name) + 3
            elif match[4] or name in VOID:
                element.end = match.end()
            else:
                stack.append(element)
                open_tags[name] = open_tags.get(name, 0) + 1
        elif open_tags.get(name):
            while True:
                element = stack.pop()
                open_tags[element.tag] -= 1
                element.end = match.end()
                if element.tag == name:
                    break
    for element in stack[1:]:
        element.end = len(text)
    _summarise(root)
    return root.children


def _summarise(element: Element) -> None:
    for child in element.children:
        _summarise(child)
        element.holds_breaker |= child.holds_breaker or is_breaker(child)


def is_breaker(element: Element) -> bool:
    # A <summary> must stay the first child of its <details> to open and close it.
    return bool(HEADING.fullmatch(element.tag) or element.tag == "summary" or MEASURED.search(element.opening))


def text_width(fragment: str) -> float:
    """How wide the fragment's text is in ems when set on one line (a rough measure).

    >>> text_width("<p>ab 교차</p>")
    3.5
    """
    text = html.unescape(re.sub(r"<[^>]*>", "", SKIPPED_TEXT.sub("", MATHML.sub("", fragment))))
    text = re.sub(r"\s+", " ", text).strip()
    wide = len(WIDE_CHAR.findall(text))
    return wide + 0.5 * (len(text) - wide)


def estimate(fragment: str) -> dict[str, float]:
    """Estimated drawn height of a run, in ems, per column width."""
    fixed = sum(int(n) * 1.19 + 1.3125 + 2 for n in CODE_LINES.findall(fragment))
    fixed += sum(float(h) * 1.21 + 2 for h in MATH_HEIGHT.findall(fragment))
    blocks = len(BLOCKS.findall(fragment))
    width = text_width(fragment)
    aspects = [float(h) / float(w) for w, h in ASPECT.findall(fragment)]
    heights = {}
    for name, column in COLUMN.items():
        figures = sum(column * aspect + 2 for aspect in aspects)
        lines = width / column + 0.5 * blocks
        heights[name] = round(fixed + figures + lines * LINE + blocks * BLOCK_MARGIN, 1)
    return heights


def drawn_tail(text: str, run: list[Element]) -> list[Element]:
    """The last elements of a run, about TAIL ems of them, which are drawn when a link scrolls to
    the heading after them.

    A link to a heading scrolls it to Material's scroll margin below the top of the window, so the
    end of what comes before shows above it. If that were a skipped box, the browser would anchor
    the scroll on it, and when the box is drawn at its real height the heading would move.
    """
    height, count = 0.0, 0
    for element in reversed(run):
        if height >= TAIL:
            break
        height += estimate(text[element.start:element.end])["wide"]
        count += 1
    return run[len(run) - count:]


def boxes(run: list[Element], text: str) -> list[list[Element]]:
    """The run cut into boxes of about BOX_LENGTH characters of HTML: a box near the window is drawn
    whole, so a long stretch in one box would draw far more than the window shows. A last piece
    shorter than MIN_LENGTH joins the box before it; a run shorter than that gets no box.

    >>> def run_of(*sizes):
    ...     run, start = [], 0
    ...     for size in sizes:
    ...         run.append(Element("p", start))
    ...         start = run[-1].end = start + size
    ...     return run
    >>> [len(box) for box in boxes(run_of(*[3000] * 7), "")]
    [3, 3, 1]
    >>> [len(box) for box in boxes(run_of(5000, 5000, 1000), "")], boxes(run_of(1500), "")
    ([3], [])

    A box neither starts nor ends with an element whose margins are not 1em:

    >>> run = run_of(5000, 5000, 1000)
    >>> run[0].tag = "div"
    >>> [[e.start for e in box] for box in boxes(run, "")]
    [[5000, 10000]]
    """
    result: list[list[Element]] = []
    current: list[Element] = []
    for element in run:
        current.append(element)
        if element.end - current[0].start >= BOX_LENGTH:
            result.append(current)
            current = []
    if current:
        if current[-1].end - current[0].start >= MIN_LENGTH or not result:
            result.append(current)
        else:
            result[-1].extend(current)
    for box in result:
        while box and not keeps_margins(box[0], text):
            del box[0]
        while box and not keeps_margins(box[-1], text):
            del box[-1]
    return [box for box in result if box and box[-1].end - box[0].start >= MIN_LENGTH]


def keeps_margins(element: Element, text: str) -> bool:
    """Whether the element's own vertical margins are the 1em a box puts outside itself.

    A box holds its first and last elements' margins inside (containment), so extra.css moves
    them outside as the box's 1em. An element with other margins, such as a display formula (none:
    its spacing is inside it) or an admonition (1.5625em), would move, so it does not start or end a
    box; it is drawn as usual, or skipped on its own (offscreen_blocks.py). So does a paragraph
    holding a figure, whose own 1em margins would add to the paragraph's.
    """
    if element.tag == "p":
        return 'class="xentdocs-figure"' not in text[element.start:element.end]
    if element.tag in ("ul", "ol", "dl", "table"):
        return True
    return element.tag == "div" and bool(SIZED_CODE_BLOCK.search(element.opening) or TABLE_WRAP.search(element.opening))


def wrap_runs(text: str, elements: list[Element], out: list[str], position: int, tail_at_end: bool = False) -> int:
    """Append text[position:] up to the end of `elements`, runs wrapped; return the new position.

    ``tail_at_end``: a heading follows the last element, so the run that ends there keeps its tail.
    """
    run: list[Element] = []

    def write_box(box: list[Element], classes: str = "xd-section") -> None:
        nonlocal position
        start, end = box[0].start, box[-1].end
        h = estimate(text[start:end])
        out.append(text[position:start])
        out.append(f'<div class="{classes}" style="--xd-phone:{h["phone"]:g}em;--xd-wide:{h["wide"]:g}em">')
        out.append(text[start:end])
        out.append("</div>")
        position = end

    def flush(keep_tail: bool, box_tail: bool = False) -> None:
        nonlocal position
        tail = drawn_tail(text, run) if keep_tail else []
        del run[len(run) - len(tail):]
        for box in boxes(run, text):
            write_box(box)
        if box_tail and boxes(tail, text) == [tail]:
            # extra.css draws the box, and the blocks in it, while the heading is a link's target
            write_box(tail, "xd-section xd-tail")
            tail = []
        for element in tail:
            # A block offscreen_blocks.py sized is skipped on its own, and the browser cannot anchor
            # the scroll inside a skipped block: a tail left outside the boxes draws its blocks.
            sized = SIZED_BLOCK.search(element.opening)
            if sized:
                out.append(text[position:element.start + sized.start()])
                out.append(" data-xd-drawn")
                position = element.start + sized.end()
        run.clear()

    for element in elements:
        api_object = bool(API_OBJECT.match(element.opening))
        if not (is_breaker(element) or element.holds_breaker or api_object):
            run.append(element)
            continue
        # Before a heading, an element that holds a heading or a measured element, or an API object.
        # An API object, or a list of members, starts with a heading (or holds nothing); an object's
        # contents start with its text.
        starts_with_heading = "doc-contents" not in element.opening if api_object else element.holds_breaker
        heading = bool(HEADING.fullmatch(element.tag))
        flush(keep_tail=heading or starts_with_heading, box_tail=heading)
        if api_object:
            position = wrap_runs(text, element.children, out, position, tail_at_end=True)
        elif element.holds_breaker and element.tag in CONTAINERS:
            position = wrap_runs(text, element.children, out, position)
    flush(keep_tail=tail_at_end)
    return position


def wrap_sections(text: str) -> str:
    """
    >>> tail = '<p>' + 'y' * 600 + '</p>'
    >>> page = '<h2 id="a">A</h2><p>' + '<b>x</b>' * 300 + '</p>' + tail + '<h2 id="b">B</h2><p>short</p>'
    >>> out = wrap_sections(page)
    >>> out.count('class="xd-section"'), out.startswith('<h2 id="a">A</h2><div class="xd-section"')
    (1, True)
    >>> out.endswith('</p></div>' + tail + '<h2 id="b">B</h2><p>short</p>')
    True

    An exercise holding a tab set keeps its summary and the tab set outside; the text is wrapped
    (to its end: no heading follows it):

    >>> tabs = '<div class="tabbed-set" style="--xd-lines:3"><p>code</p></div>'
    >>> exercise = '<details class="question"><summary>Q</summary><p>' + 'x' * 3000 + '</p>' + tail + tabs + '</details>'
    >>> out = wrap_sections(exercise)
    >>> out.startswith('<details class="question"><summary>Q</summary><div class="xd-section"')
    True
    >>> out.endswith(tail + '</div>' + tabs + '</details>')
    True

    A long tail gets a box of its own, which extra.css draws while the heading is a link's target:

    >>> long_tail = '<p>' + 'z' * 2500 + '</p>'
    >>> out = wrap_sections('<h2 id="a">A</h2><p>' + 'x' * 9000 + '</p>' + long_tail + '<h2 id="b">B</h2>')
    >>> out.count('class="xd-section"'), out.count('class="xd-section xd-tail"')
    (1, 1)
    >>> out[out.index('<div class="xd-section xd-tail"'):].endswith('em">' + long_tail + '</div><h2 id="b">B</h2>')
    True

    In the API reference, an object's contents end just before the next object's heading: they keep
    a drawn tail, whose code block loses the size that lets the browser skip it (and says why):

    >>> code = '<div class="highlight" style="--xd-lines:2"><pre>x</pre></div>'
    >>> api = ('<div class="doc doc-object doc-function"><h3 id="f">f</h3><div class="doc doc-contents ">'
    ...        '<p>' + 'x' * 3000 + '</p>' + code + '</div></div><div class="doc doc-object"><h3 id="g">g</h3></div>')
    >>> out = wrap_sections(api)
    >>> out.count('class="xd-section"')
    1
    >>> '</p></div><div class="highlight" data-xd-drawn><pre>x</pre></div></div></div>' in out
    True
    """
    out: list[str] = []
    position = wrap_runs(text, parse(text), out, 0)
    out.append(text[position:])
    return "".join(out)


@event_priority(-70)  # after docs/hooks/offscreen_blocks.py (-60) has sized the blocks
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return wrap_sections(CODE_OPENING.sub(r'\1<code tabindex="0">', html_content))
