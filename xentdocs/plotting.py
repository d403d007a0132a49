"""Figures for the xentdocs site: one house style, accessible inline SVG.

The site's figures are drawn at build time by code blocks that call::

    fig, ax = new_figure(width=6.4, height=3.6)
    ax.plot(x, y, color=PALETTE[0])
    svg = to_svg(fig, title="...", desc="...")

and print ``svg`` into the page. The SVG keeps its text as ``<text>`` (crisp, selectable,
searchable), draws text and axes in the page's own text colour (so it follows Material's light and
dark schemes), and is byte-for-byte the same on every build.

This is the only module of the package that imports matplotlib, and importing it changes none of
matplotlib's global settings: the house style (:data:`STYLE`) is applied to the figures of
:func:`new_figure` only, with ``matplotlib.rc_context`` around each call that draws on them, and
their text is laid out with NanumGothic, the font file that ships inside the
``koreanize-matplotlib`` wheel (registered with matplotlib's public ``fontManager.addfont``;
importing that package would change matplotlib's global settings).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import importlib.util
import inspect
import io
import logging
import os
import re
import sys
import warnings
import xml.etree.ElementTree as ET

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = ["PALETTE", "MissingGlyphError", "new_figure", "to_svg"]

PALETTE: tuple[str, ...] = (
    "#2f7fd0",  # blue
    "#c8690a",  # orange
    "#23924f",  # green
    "#cf3f58",  # red
    "#8a5cc7",  # purple
    "#0e8f8f",  # teal
    "#a67c00",  # ochre
    "#6b7a8f",  # slate grey
)
"""Series colours, in order (also the default colour cycle of :func:`new_figure`).

Each has a contrast ratio of at least 3:1 (WCAG 1.4.11, graphical objects) against both the
light background (#ffffff) and Material's dark "slate" background (#1e2129), and neighbours
differ in hue for readers with colour-vision deficiencies.
"""

# Placeholder colours matplotlib draws with; to_svg rewrites them to CSS that follows the page's
# colour scheme. Nobody would pick these on purpose, so a data colour is never rewritten.
_INK = "#010203"
_PAPER = "#fefdfc"
_INK_CSS = "currentColor"
_PAPER_CSS = "var(--md-default-bg-color, #ffffff)"
# What matplotlib's SVG backend writes for its default joins and caps (see to_svg).
_DEFAULT_STROKE_STYLE = re.compile(
    r"<defs>\n<style type=\"text/css\">\*\{stroke-linejoin: round; stroke-linecap: butt\}</style>\n</defs>\n"
)
_FIGURE_STYLE = "color: var(--md-default-fg-color, #000000de); width: 100%; height: auto;"

FONT_STACK = (
    "NanumGothic, 'Nanum Gothic', 'Apple SD Gothic Neo', 'Malgun Gothic', "
    "'Noto Sans KR', 'Noto Sans CJK KR', sans-serif"
)
"""CSS font stack of the SVG text: the font the layout was computed with, then Korean fonts
readers usually have."""

_FONT_FILE = "NanumGothic.ttf"
_MISSING_GLYPH = r"(?s).*Glyph .* missing from"


class MissingGlyphError(RuntimeError):
    """A figure contains a character its font cannot draw (it would show as a box)."""


def _font_path() -> str:
    # find_spec locates the package without running it (its __init__ rewrites rcParams).
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("xentdocs.plotting needs koreanize-matplotlib (pip install 'xentdocs[plot]')")
    return os.path.join(list(spec.submodule_search_locations)[0], "fonts", _FONT_FILE)


def _register_font(path: str) -> str:
    """Make the font file known to matplotlib (public ``addfont``, once) and return its family name."""
    if path not in {entry.fname for entry in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


_FONT_PATH = _font_path()
FONT_NAME = _register_font(_FONT_PATH)
"""Family name of the figure font (NanumGothic, from the koreanize-matplotlib wheel)."""

STYLE: dict[str, object] = {
    "font.family": [FONT_NAME],
    "font.size": 10.0,
    "axes.titlesize": 11.0,
    "axes.labelsize": 10.0,
    # NanumGothic has no U+2212 MINUS SIGN; use the ASCII hyphen-minus for negative ticks.
    "axes.unicode_minus": False,
    "text.color": _INK,
    "axes.edgecolor": _INK,
    "axes.labelcolor": _INK,
    "axes.titlecolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "xtick.labelcolor": _INK,
    "ytick.labelcolor": _INK,
    "grid.color": _INK,
    "grid.alpha": 0.15,
    "grid.linewidth": 0.8,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.8,
    "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
    "lines.linewidth": 2.0,
    "lines.markersize": 6.0,
    "patch.edgecolor": _INK,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.facecolor": _PAPER,
    "legend.edgecolor": _INK,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "svg.fonttype": "none",  # text stays text
    "svg.hashsalt": "xentdocs",  # stable clip-path and marker ids
    "image.cmap": "viridis",
}
"""The house style: the matplotlib rcParams of the figures of :func:`new_figure` (never set globally)."""


@contextlib.contextmanager
def _house_style():
    """Apply :data:`STYLE` (once, however deeply calls nest) and restore matplotlib's rcParams after."""
    if _house_style.active:
        yield
        return
    with matplotlib.rc_context(STYLE):
        _house_style.active = True
        try:
            yield
        finally:
            _house_style.active = False


_house_style.active = False


def _styled(cls: type) -> type:
    """A subclass of ``cls`` whose public methods run inside :func:`_house_style`.

    matplotlib has no per-figure rcParams: an artist reads them when it is created (a line its
    width, a label its font) and the renderer when it draws. Every artist of a figure from
    :func:`new_figure` is created by a method of its figure or axes, so running those methods in
    the style gives the figure the style without writing it into the global rcParams.
    """

    def styled(method):
        @functools.wraps(method)
        def call(*args, **kwargs):
            with _house_style():
                return method(*args, **kwargs)

        return call

    namespace = {}
    for klass in reversed(cls.__mro__):
        for name, attribute in vars(klass).items():
            # cla only calls clear (wrapped), and matplotlib warns about subclasses that override it
            if not name.startswith("_") and name != "cla" and inspect.isfunction(attribute):
                namespace[name] = styled(attribute)
    return type(cls.__name__, (cls,), namespace)


_StyledFigure = _styled(Figure)
_StyledAxes = _styled(Axes)


def new_figure(width: float = 6.4, height: float = 3.6, *, nrows: int = 1, ncols: int = 1, **subplot_kw):
    """Create a figure and its axes in the site's house style.

    Parameters
    ----------
    width, height : float
        Size in inches. The SVG is scaled to the width of the page, so the size sets the
        proportions and how large the text is relative to the plot (6.4 × 3.6 suits one plot).
    nrows, ncols : int
        Grid of axes, as in :meth:`matplotlib.figure.Figure.subplots`.
    **subplot_kw
        Passed to :meth:`~matplotlib.figure.Figure.subplots` (``sharex``, ``sharey``, ...).

    Returns
    -------
    fig : matplotlib.figure.Figure
        A figure not managed by pyplot (nothing to close, no global state).
    ax : matplotlib.axes.Axes or numpy.ndarray of Axes
        One axes, or an array of them when ``nrows * ncols > 1``.

    Notes
    -----
    The house style (:data:`STYLE`: a Korean-capable font, theme-following ink, the
    :data:`PALETTE` colour cycle, a transparent background, text kept as SVG text and a fixed SVG
    hash salt) belongs to this figure alone: every method of the figure and of its axes runs
    inside ``matplotlib.rc_context(STYLE)``, and so does :func:`to_svg`, while matplotlib's global
    ``rcParams`` stay as they were. The layout engine is ``constrained``, so labels are placed
    when the figure is saved.

    Examples
    --------
    >>> import matplotlib
    >>> from xentdocs.plotting import new_figure
    >>> fig, ax = new_figure(4, 3)
    >>> fig.get_size_inches().tolist()
    [4.0, 3.0]
    >>> line, = ax.plot([0, 1], [1, 0])
    >>> line.get_linewidth(), matplotlib.rcParams["lines.linewidth"]  # the house style, not the global one
    (2.0, 1.5)
    """
    with _house_style():
        fig = _StyledFigure(figsize=(width, height), layout="constrained")
        subplot_kw["subplot_kw"] = {"axes_class": _StyledAxes, **subplot_kw.get("subplot_kw", {})}
        ax = fig.subplots(nrows=nrows, ncols=ncols, **subplot_kw)
    return fig, ax


def _pin_font_file(fig: Figure) -> None:
    """Lay out every label in the figure font with the packaged file itself.

    matplotlib looks a font up by family name and takes the first of equally good matches, and
    a NanumGothic of the system (Debian's fonts-nanum) comes before one added by ``addfont``: a
    label whose font properties name the file is laid out with that file, whatever the machine
    has. Listing the figure's texts creates its tick labels; those made later while drawing copy
    their properties from the first tick.
    """
    for text in fig.findobj(Text):
        properties = text.get_fontproperties()
        if properties.get_file() is None and properties.get_family() == [FONT_NAME]:
            pinned = properties.copy()
            pinned.set_file(_FONT_PATH)
            text.set_fontproperties(pinned)


class _MathtextGlyphLog(logging.Handler):
    """Collects mathtext's "does not have a glyph" reports, which are log records, not warnings."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "does not have a glyph" in message:
            self.messages.append(message)


def _render(fig: Figure) -> str:
    mathtext_log = logging.getLogger("matplotlib.mathtext")
    glyph_reports = _MathtextGlyphLog()
    mathtext_log.addHandler(glyph_reports)
    try:
        with _house_style():
            _pin_font_file(fig)
            svg = _render_checked(fig)
    finally:
        mathtext_log.removeHandler(glyph_reports)
    if glyph_reports.messages:
        raise MissingGlyphError(
            f"{glyph_reports.messages[0]} (mathtext, e.g. a log axis's 10^-6 tick labels, draws its minus "
            "as U+2212). Format such ticks as plain text, e.g. ax.yaxis.set_major_formatter('{x:.0e}')."
        )
    return svg


def _render_checked(fig: Figure) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=_MISSING_GLYPH)
        try:
            # Date=None: no timestamp; the rest of the RDF block is dropped below.
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        except UserWarning as warning:
            if re.match(_MISSING_GLYPH, str(warning)):
                raise MissingGlyphError(
                    f"{warning} Use characters the figure font ({FONT_NAME}) has, e.g. '-' for "
                    "U+2212, or mathtext ($...$) for symbols."
                ) from None
            raise
    return buffer.getvalue()


def _prefix_ids(svg: str, prefix: str) -> str:
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)', rename, svg)
    return re.sub(r'((?:url\(|href=")#)([^)"]+)', rename, svg)


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
# matplotlib names a group after the artist it draws (figure_1, axes_1, patch_3, xtick_2, ...). These
# keep their ids: the figure, its axes, their background and spine patches, the tick groups and the
# legend are what a reader's tools (and the site's contrast checks) look figures up by. The other
# groups (one per line, tick mark and label) only carry their name, and there are hundreds.
_NAMED_PARTS = re.compile(r"(?:figure|axes|patch|legend|xtick|ytick)_\d+$")
_COORDINATE_ATTRIBUTES = ("d", "x", "y", "width", "height", "points")
_DECIMAL = re.compile(r"-?\d+\.\d{3,}")


def _two_decimals(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _compact(svg: str) -> str:
    """Drop what a figure's SVG spends bytes and elements on without drawing anything.

    matplotlib writes every coordinate with six decimals (in points, where a hundredth is well
    under a screen pixel), wraps each line, tick mark and label in a named ``<g>``, names the
    figure font on each label, and gives horizontal labels a ``rotate(-0 ...)``. On the
    information-theory page that was 1,700 figure elements and 28 kB of the page's compressed
    HTML; the browser styles and lays out each element it draws.
    """
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    root = ET.fromstring(svg)
    referenced = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg)) | set(root.get("aria-labelledby", "").split())
    group = f"{{{_SVG_NS}}}g"
    labels = (f"{{{_SVG_NS}}}text", f"{{{_SVG_NS}}}tspan")
    figure_font = "font-family: '?" + re.escape(FONT_NAME) + "'?"

    def tidy(parent: ET.Element) -> None:
        position = 0
        for child in list(parent):
            tidy(child)
            name = child.get("id")
            if name and name not in referenced and not _NAMED_PARTS.search(name):
                del child.attrib["id"]
            for attribute in _COORDINATE_ATTRIBUTES:
                if attribute in child.attrib:
                    child.set(attribute, _DECIMAL.sub(_two_decimals, child.get(attribute)))
            if re.fullmatch(r"rotate\(-?0 [^)]*\)", child.get("transform", "")):
                del child.attrib["transform"]
            if child.tag in labels and "style" in child.attrib:
                style = re.sub(r"(?:^|; )" + figure_font + "(?=;|$)", "", child.get("style")).lstrip("; ")
                if style:
                    child.set("style", style)
                else:
                    del child.attrib["style"]
            if child.tag == group and not child.attrib:
                # An empty group draws its children as if they stood in its place.
                parent.remove(child)
                for offset, grandchild in enumerate(child):
                    parent.insert(position + offset, grandchild)
                position += len(child)
            else:
                position += 1

    tidy(root)
    # The labels inherit the figure font, with the Korean fonts readers have after it, from the root.
    root.set("style", root.get("style", "").rstrip("; ") + f"; font-family: {FONT_STACK};")
    return ET.tostring(root, encoding="unicode")


def to_svg(fig: Figure, *, title: str, desc: str) -> str:
    """Render a figure as accessible, theme-aware inline SVG.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Usually from :func:`new_figure`. It is closed (if pyplot manages it) after rendering.
    title : str
        Short accessible name, in the page's language (becomes ``<title>``).
    desc : str
        What the figure shows, in the page's language (becomes ``<desc>``), for readers who
        cannot see it.

    Returns
    -------
    str
        An ``<svg>`` element to print into the page, with ``role="img"``, ``aria-labelledby``
        naming its ``<title>`` and ``<desc>``, ids unique to this figure, text as ``<text>`` in a
        Korean-capable font stack, and text/axes in ``currentColor`` (the page's text colour).

    Raises
    ------
    MissingGlyphError
        If some text has a character the figure font lacks (matplotlib would only warn and draw
        a box).
    ValueError
        If ``title`` or ``desc`` is empty.

    Notes
    -----
    The output is deterministic: no date, no matplotlib version, a fixed hash salt, and an id
    prefix derived from the SHA-256 of the title and the drawing, so two different figures on one
    page never share an id while the same figure always gets the same one.

    It is also smaller than matplotlib's: coordinates are rounded to a hundredth of a point (well
    under a screen pixel), groups that carry only a name are dissolved into their parent (the
    figure, axes, patch, tick and legend groups keep theirs), and the labels inherit the font stack
    from the root instead of repeating it.

    Examples
    --------
    >>> from xentdocs.plotting import new_figure, to_svg
    >>> fig, ax = new_figure(3, 2)
    >>> _ = ax.plot([0, 1, 2], [0, -1, 4], label="손실")
    >>> svg = to_svg(fig, title="예시", desc="세 점을 잇는 선")
    >>> svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    True
    >>> svg == to_svg(fig, title="예시", desc="세 점을 잇는 선")
    True
    """
    if not title.strip() or not desc.strip():
        raise ValueError("every figure needs a non-empty title and desc")
    raw = _render(fig)
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close(fig)

    # Keep the <svg> element only: no XML declaration, DOCTYPE or RDF metadata (which names
    # matplotlib's version and website).
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = "\n".join(line.strip() for line in svg.splitlines())

    prefix = "fig-" + hashlib.sha256((title + "\0" + desc + "\0" + svg).encode()).hexdigest()[:12] + "-"
    svg = _prefix_ids(svg, prefix)

    # matplotlib's default line joins and caps come as a <style> rule for `*`. Inline in a page that
    # rule would style every element of the page, and each <style> the parser meets makes the
    # browser restyle the whole document; as attributes of the root they are inherited instead.
    svg, styles = _DEFAULT_STROKE_STYLE.subn("", svg)
    if styles != 1 or "<style" in svg:
        raise RuntimeError("to_svg: matplotlib's SVG <style> block is not the one this function knows")

    svg = svg.replace(_INK, _INK_CSS).replace(_PAPER, _PAPER_CSS)

    # Responsive: the viewBox keeps the proportions, CSS sets the width.
    open_tag = re.match(r"<svg\b[^>]*>", svg).group(0)
    attributes = re.sub(r'\s(?:width|height)="[^"]*"', "", open_tag[len("<svg") : -1])
    new_open = (
        f'<svg{attributes} stroke-linejoin="round" stroke-linecap="butt" class="xentdocs-figure" role="img" '
        f'aria-labelledby="{prefix}title {prefix}desc" style="{_FIGURE_STYLE}">'
        f'\n<title id="{prefix}title">{html.escape(title, quote=False)}</title>'
        f'\n<desc id="{prefix}desc">{html.escape(desc, quote=False)}</desc>'
    )
    return _compact(new_open + svg[len(open_tag) :].rstrip()) + "\n"
