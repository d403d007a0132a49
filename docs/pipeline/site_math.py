"""Math rendered at build time by KaTeX: the renderer, its stylesheet and fonts, and the fonts' weight.

Pages need no JavaScript and no network for math. ``pymdownx.arithmatex`` (generic mode) marks each
formula; ``site_markdown.KatexMath`` sends a page's formulas, in one batch, to one long-lived node
process (``katex_worker.cjs``) and puts KaTeX's HTML+MathML in their place. A formula KaTeX rejects
fails the build, naming the formula. KaTeX's stylesheet and woff2 fonts are copied from
``node_modules/katex/dist`` into the site when it is built (nothing is vendored).

Two measures keep the fonts from moving text on a phone's first screen (the browser suite holds
every page's layout shift under 0.1):

* **preload**: a page asks in ``<head>`` for KaTeX_Main-Regular and KaTeX_Math-Italic when it has any
  formula, and for any other KaTeX font a formula of its first screen uses (bold, large operators);
  which class is drawn in which font is read from KaTeX's own stylesheet;
* **subset**: KaTeX_Main-Regular, -Bold and KaTeX_Math-Italic ship with only the glyphs of the
  characters the built formulas draw (fontTools' subsetter), about half their size. KaTeX lays out
  from its own metrics, so a subset moves nothing; a ``--dirty`` build ships the fonts whole.
"""

from __future__ import annotations

import atexit
import html
import io
import json
import re
import shutil
import subprocess
import threading
from functools import lru_cache
from pathlib import Path

WORKER = Path(__file__).with_name("katex_worker.cjs")
CSS_URI = "assets/katex/katex.min.css"
FONTS_URI = "assets/katex/fonts"
# KaTeX's text fonts, each with what marks a formula that uses it: every formula, and variables.
TEXT_FONTS = {"KaTeX_Main-Regular.woff2": 'class="katex"', "KaTeX_Math-Italic.woff2": "mathnormal"}
SUBSET_FONTS = (*TEXT_FONTS, "KaTeX_Main-Bold.woff2")
# @font-face sources: keep the woff2 entry, drop the woff and ttf fallbacks.
FONT_SOURCES = re.compile(r"src:url\((fonts/[^)]+\.woff2)\) format\(\"woff2\"\)(?:,url\([^)]+\) format\(\"[a-z]+\"\))*")
FONT_RULE = re.compile(r"(?P<selectors>[^{}]+)\{(?P<body>[^}]*font-family:KaTeX_(?P<family>\w+)[^}]*)\}")
KATEX_HTML = '<span class="katex-html" aria-hidden="true"'
SPAN_OR_DIV = re.compile(r"<(/?)(span|div)\b[^>]*>")
# KaTeX's stylesheet writes equation numbers with `content: "(" counter(...) ")"`.
CSS_TEXT = "()0123456789"


class KatexError(ValueError):
    """KaTeX rejected a formula (the message names it)."""


def find_katex(start: Path) -> Path:
    """The katex package of the project's node_modules (in ``start`` or above it)."""
    for directory in (start, *start.parents):
        candidate = directory / "node_modules" / "katex"
        if (candidate / "dist" / "katex.min.css").is_file():
            return candidate
    raise FileNotFoundError(f"node_modules/katex not found from {start}; run `npm ci` (see README)")


class KatexWorker:
    """One node process speaking JSON lines, started on first use and kept for the process."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.lock = threading.Lock()
        self.memory: dict[tuple[str, bool], str] = {}  # the languages share most formulas
        atexit.register(self.close)

    def render(self, katex_dir: Path, formulas: list[tuple[str, bool]]) -> list[str]:
        """KaTeX's HTML for each (tex, display) pair; raises KatexError naming every bad formula."""
        new = list(dict.fromkeys(f for f in formulas if f not in self.memory))
        if new:
            replies = self._ask(katex_dir, [{"tex": tex, "display": display} for tex, display in new])
            errors = [f"  {tex!r}\n    {reply['error']}" for (tex, _), reply in zip(new, replies) if "error" in reply]
            if errors:
                raise KatexError(f"KaTeX cannot render {len(errors)} formula(s):\n" + "\n".join(errors))
            self.memory.update((formula, reply["html"]) for formula, reply in zip(new, replies))
        return [self.memory[f] for f in formulas]

    def _ask(self, katex_dir: Path, formulas: list[dict]) -> list[dict]:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                node = shutil.which("node")
                if node is None:
                    raise FileNotFoundError("`node` is not on PATH; it renders the site's math (see README)")
                self.process = subprocess.Popen([node, str(WORKER), str(katex_dir)], stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
            self.process.stdin.write(json.dumps({"formulas": formulas}, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the KaTeX worker exited unexpectedly")
        reply = json.loads(line)
        if "fatal" in reply:
            raise RuntimeError(f"the KaTeX worker failed: {reply['fatal']}")
        return reply["results"]

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


worker = KatexWorker()


# --------------------------------------------------------------------------- stylesheet and fonts

@lru_cache(maxsize=4)
def katex_css(katex_dir: Path) -> tuple[str, tuple[str, ...]]:
    """KaTeX's CSS reduced to woff2 font sources (every browser the theme supports reads woff2),
    and the font files it then names."""
    css = (katex_dir / "dist" / "katex.min.css").read_text(encoding="utf-8")
    css, count = FONT_SOURCES.subn(r'src:url(\1) format("woff2")', css)
    fonts = tuple(sorted(set(re.findall(r"url\(fonts/([^)]+)\)", css))))
    if count == 0 or not fonts or re.search(r"url\(fonts/[^)]+\.(?:woff|ttf)\)", css):
        raise ValueError("unexpected @font-face format in katex.min.css; review FONT_SOURCES")
    return css, fonts


def font_classes(css: str, fonts: tuple[str, ...]) -> list[tuple[frozenset[str], str]]:
    """Which element classes KaTeX's stylesheet draws in which of ``fonts`` (a rule's last compound selector).

    >>> css = ".katex .mathbf{font-family:KaTeX_Main;font-weight:700}.katex .delimsizing.mult .delim-size1>span{font-family:KaTeX_Size1}"
    >>> font_classes(css, ("KaTeX_Main-Bold.woff2", "KaTeX_Size1-Regular.woff2"))
    [(frozenset({'mathbf'}), 'KaTeX_Main-Bold.woff2'), (frozenset({'delim-size1'}), 'KaTeX_Size1-Regular.woff2')]
    """
    found = []
    for rule in FONT_RULE.finditer(css):
        bold = re.search(r"font-weight:(?:700|bold)", rule["body"]) is not None
        variant = ("Bold" if bold else "") + ("Italic" if "font-style:italic" in rule["body"] else "") or "Regular"
        font = f"KaTeX_{rule['family']}-{variant}.woff2"
        if font not in fonts:
            continue
        for selector in rule["selectors"].split(","):
            classes = frozenset(re.findall(r"\.([\w-]+)", selector.split()[-1].split(">")[0]))
            if selector.split()[0] == ".katex" and classes:
                found.append((classes, font))
    return found


# About a phone's first screen: 26 lines of a 375 px column (21 ems of Material's 16 px text).
FIRST_SCREEN_EMS = 550
TOKENS = re.compile(  # KaTeX's MathML copy is for screen readers, clipped to a pixel: its text takes no room
    r'<span class="katex-mathml">.*?</span>(?=<span class="katex-html")|<[^>]*>|(?P<text>[^<]+)', re.DOTALL)
WIDE_CHAR = re.compile(r"[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def first_screen(content: str) -> str:
    """The start of a page's HTML up to ``FIRST_SCREEN_EMS`` ems of text (Hangul 1 em, Latin ½).

    >>> len(first_screen("<p>" + "가" * 600 + "</p>")) == len("<p>") + 600
    True
    """
    width = 0.0
    for token in TOKENS.finditer(content):
        if token["text"] is not None:
            text = re.sub(r"\s+", " ", html.unescape(token["text"]))
            wide = len(WIDE_CHAR.findall(text))
            width += wide + 0.5 * (len(text) - wide)
            if width >= FIRST_SCREEN_EMS:
                return content[:token.end()]
    return content


def fonts_to_preload(content: str, katex_dir: Path) -> list[str]:
    """The KaTeX fonts of the formulas on the page's first screen (the text fonts first).

    >>> fonts_to_preload('<p>no math</p>', find_katex(Path.cwd()))
    []
    >>> fonts_to_preload('<span class="katex"><span class="mord mathbf">z</span></span>', find_katex(Path.cwd()))
    ['KaTeX_Main-Regular.woff2', 'KaTeX_Main-Bold.woff2']
    """
    screen = first_screen(content)
    fonts = [font for font, marker in TEXT_FONTS.items() if marker in screen]
    if not fonts:
        return []
    css, all_fonts = katex_css(katex_dir)
    used = {frozenset(found.split()) for found in re.findall(r'\bclass="([^"]*)"', screen)}
    for needed, font in font_classes(css, all_fonts):
        if font not in fonts and any(needed <= classes for classes in used):
            fonts.append(font)
    return fonts


def preload_links(output: str, fonts: list[str]) -> str:
    """Put a preload link for each font right after the link to KaTeX's stylesheet.

    >>> preload_links('<head><link rel="stylesheet" href="../assets/katex/katex.min.css"></head>', ["F.woff2"])
    '<head><link rel="stylesheet" href="../assets/katex/katex.min.css"><link rel="preload" href="../assets/katex/fonts/F.woff2" as="font" type="font/woff2" crossorigin></head>'
    """
    stylesheet = re.search(r'<link rel="stylesheet" href="(?P<base>[^"]*)katex\.min\.css">', output)
    if not fonts or stylesheet is None:
        return output
    links = "".join(f'<link rel="preload" href="{stylesheet["base"]}fonts/{font}" as="font" type="font/woff2" '
                    "crossorigin>" for font in fonts)
    return output[:stylesheet.end()] + links + output[stylesheet.end():]


def formula_text(content: str) -> str:
    """The text of KaTeX's visible HTML in a page: what the KaTeX fonts draw.

    >>> formula_text('<p>a <span class="katex"><span class="katex-mathml"><math>q</math></span>'
    ...              '<span class="katex-html" aria-hidden="true"><span class="mord">x</span>'
    ...              '<span class="mrel">&lt;</span></span></span> b</p>')
    'x<'
    """
    parts = []
    start = content.find(KATEX_HTML)
    while start != -1:
        end = element_end(content, start, "span")
        parts.append(re.sub(r"<[^>]*>", "", content[start:end]))
        start = content.find(KATEX_HTML, end)
    return html.unescape("".join(parts))


def element_end(content: str, start: int, tag: str) -> int:
    """Where the ``span`` or ``div`` opened at ``start`` closes (nested ones of the same tag counted).

    >>> element_end('<span><span>a</span></span>b', 0, "span")
    27
    """
    depth = 0
    for match in SPAN_OR_DIV.finditer(content, start):
        if match[2] == tag:
            depth += -1 if match[1] else 1
            if depth == 0:
                return match.end()
    return len(content)


@lru_cache(maxsize=8)  # a serve reload usually needs the subsets it computed last
def subset_font(source: Path, mtime_ns: int, codepoints: frozenset[int]) -> bytes:
    """The woff2 ``source`` with only the glyphs of ``codepoints`` (and what its layout tables reach
    from them), keeping its names, its ``.notdef`` and every layout feature."""
    from fontTools import subset

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
