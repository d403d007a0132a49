"""Render every formula at build time with KaTeX, so pages need no JavaScript and no network.

``pymdownx.arithmatex`` (generic mode) leaves formulas in the HTML as
``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``.
This hook sends all formulas of a page, in one batch, to a single long-lived node process
(``katex_worker.cjs``) and replaces them with KaTeX's HTML+MathML. A formula KaTeX rejects
fails the build with the page and the formula in the message. A formula rendered before (same TeX,
same display mode) is not sent again: the languages share most formulas, and a `mkdocs serve`
reload renders every page anew.

It also writes ``assets/katex/katex.min.css`` and the woff2 fonts it uses into the site, taken
from ``node_modules/katex/dist`` at build time (nothing is vendored in the repository). The CSS is
trimmed to the woff2 sources: every browser the theme supports reads woff2, and the site then
references no file it does not ship.
"""

from __future__ import annotations

import atexit
import collections
import html
import json
import re
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("katex_math")

WORKER = Path(__file__).with_name("katex_worker.cjs")
CSS_URI = "assets/katex/katex.min.css"
FONTS_URI = "assets/katex/fonts"

# arithmatex's generic output; the TeX inside is HTML-escaped (&amp; in aligned, &lt; ...).
FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>',
    re.DOTALL,
)
# @font-face sources: keep the woff2 entry, drop the woff and ttf fallbacks.
FONT_SOURCES = re.compile(r"src:url\((fonts/[^)]+\.woff2)\) format\(\"woff2\"\)(?:,url\([^)]+\) format\(\"[a-z]+\"\))*")


def find_katex(config: MkDocsConfig) -> Path:
    """The katex package of the project's node_modules (next to mkdocs.yml or above it)."""
    start = Path(config.config_file_path).resolve().parent
    for directory in (start, *start.parents):
        candidate = directory / "node_modules" / "katex"
        if (candidate / "dist" / "katex.min.css").is_file():
            return candidate
    raise PluginError(
        f"katex_math: node_modules/katex not found from {start}; run `npm ci` (see README)."
    )


class KatexWorker:
    """A node child process speaking JSON lines; started on first use, reused across builds."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.katex_dir: Path | None = None
        self.lock = threading.Lock()

    def start(self, katex_dir: Path) -> None:
        node = shutil.which("node")
        if node is None:
            raise PluginError("katex_math: `node` is not on PATH; it is needed to render math.")
        self.katex_dir = katex_dir
        self.process = subprocess.Popen(
            [node, str(WORKER), str(katex_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # KaTeX's own diagnostics reach the terminal
            text=True,
            encoding="utf-8",
            bufsize=1,
        )

    def render(self, katex_dir: Path, formulas: list[dict]) -> list[dict]:
        with self.lock:
            if self.process is None or self.process.poll() is not None or self.katex_dir != katex_dir:
                self.close()
                self.start(katex_dir)
            assert self.process and self.process.stdin and self.process.stdout
            self.process.stdin.write(json.dumps({"formulas": formulas}, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise PluginError("katex_math: the KaTeX worker exited unexpectedly.")
        reply = json.loads(line)
        if "fatal" in reply:
            raise PluginError(f"katex_math: the KaTeX worker failed: {reply['fatal']}")
        return reply["results"]

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.stdin.close()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            self.process = None


# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; the worker (one node
# process for the whole session) lives in a process-wide namespace instead of this module.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "katex_worker"):
    _shared.katex_worker = KatexWorker()
    atexit.register(_shared.katex_worker.close)
worker: KatexWorker = _shared.katex_worker

# KaTeX renders each formula on its own (no macros carry over), so its output depends only on the
# TeX, the display flag and the KaTeX used. The two languages share most formulas, and a `mkdocs
# serve` reload renders every page again: the outputs last used are remembered for the life of
# the process, up to MEMORY formulas (the site has about 1,600, both languages together).
MEMORY = 10_000
if not hasattr(_shared, "katex_outputs"):
    _shared.katex_outputs = collections.OrderedDict()
_outputs: collections.OrderedDict = _shared.katex_outputs


def split_formula(tag: str, escaped: str) -> tuple[str, bool]:
    """TeX source and display flag of one arithmatex element."""
    tex = html.unescape(escaped).strip()
    if tex.startswith("\\(") and tex.endswith("\\)"):
        return tex[2:-2].strip(), False
    if tex.startswith("\\[") and tex.endswith("\\]"):
        return tex[2:-2].strip(), True
    # A bare \begin{...}...\end{...} block is display math too.
    return tex, tag == "div"


def render_formulas(katex_dir: Path, formulas: list[dict]) -> list[dict]:
    """KaTeX's result for each formula, from memory or from the worker (only the new ones)."""
    keys = [(str(katex_dir), formula["tex"], formula["display"]) for formula in formulas]
    new = {key: formula for key, formula in zip(keys, formulas) if key not in _outputs}
    fresh = dict(zip(new, worker.render(katex_dir, list(new.values())))) if new else {}
    results = []
    for key in keys:
        result = fresh.get(key) or {"html": _outputs[key]}
        if "html" in result:  # an error is never remembered: it is reported on every build
            _outputs[key] = result["html"]
            _outputs.move_to_end(key)
        results.append(result)
    while len(_outputs) > MEMORY:
        _outputs.popitem(last=False)
    return results


def render_page_math(content: str, katex_dir: Path, where: str) -> str:
    """Replace every arithmatex element in ``content`` by KaTeX output (one worker round trip)."""
    matches = list(FORMULA.finditer(content))
    if not matches:
        return content
    formulas = []
    for match in matches:
        tex, display = split_formula(match["tag"], match["tex"])
        formulas.append({"tex": tex, "display": display})
    results = render_formulas(katex_dir, formulas)

    errors = [
        f"  {formula['tex']!r}\n    {result['error']}"
        for formula, result in zip(formulas, results)
        if "error" in result
    ]
    if errors:
        raise PluginError(f"KaTeX cannot render {len(errors)} formula(s) in {where}:\n" + "\n".join(errors))

    pieces, last = [], 0
    for match, formula, result in zip(matches, formulas, results):
        pieces.append(content[last : match.start()])
        if formula["display"]:
            pieces.append(f'<div class="arithmatex katex-block">{result["html"]}</div>')
        else:
            pieces.append(f'<span class="arithmatex">{result["html"]}</span>')
        last = match.end()
    pieces.append(content[last:])
    return "".join(pieces)


# After other plugins (mkdocstrings, markdown-exec output is already inside the page HTML).
@event_priority(-50)
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render_page_math(html_content, find_katex(config), page.file.src_uri)


def katex_css(katex_dir: Path) -> tuple[str, list[str]]:
    """KaTeX's CSS reduced to woff2 font sources, and the font files it names."""
    css = (katex_dir / "dist" / "katex.min.css").read_text(encoding="utf-8")
    css, count = FONT_SOURCES.subn(r'src:url(\1) format("woff2")', css)
    fonts = sorted(set(re.findall(r"url\(fonts/([^)]+)\)", css)))
    if count == 0 or not fonts or re.search(r"url\(fonts/[^)]+\.(?:woff|ttf)\)", css):
        raise PluginError("katex_math: unexpected @font-face format in katex.min.css; update FONT_SOURCES.")
    return css, fonts


# After mkdocs-static-i18n (priority -100) has sorted the documentation files per language:
# these generated assets belong to the site root in every language build.
@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    katex_dir = find_katex(config)
    css, fonts = katex_css(katex_dir)
    for uri in [CSS_URI] + [f"{FONTS_URI}/{name}" for name in fonts]:
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
    files.append(File.generated(config, CSS_URI, content=css))
    for name in fonts:
        files.append(
            File.generated(config, f"{FONTS_URI}/{name}", abs_src_path=str(katex_dir / "dist" / "fonts" / name))
        )
    return files


def on_shutdown() -> None:
    worker.close()
