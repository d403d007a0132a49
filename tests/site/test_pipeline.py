"""The site's build pipeline (docs/pipeline/): its rules, its steps on small inputs, and tiny builds.

The steps' own examples run as doctests (pytest collects docs/pipeline/). The ``mini_site`` tests
build a two-page site that inherits the real mkdocs.yml, in a fresh process (a few seconds each).
"""

from __future__ import annotations

import ast
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import sitebuild
from minisite import MKDOCS_YML, ROOT

PIPELINE = ROOT / "docs" / "pipeline"
sys.path.insert(0, str(PIPELINE))

import site_languages  # noqa: E402
import site_markdown  # noqa: E402
import site_math  # noqa: E402
import site_search  # noqa: E402

KATEX = ROOT / "node_modules" / "katex"


def mkdocs_config():
    from mkdocs.config import load_config

    return load_config(str(MKDOCS_YML))


# ----------------------------------------------------------------------------- the rules of the pipeline


def test_mkdocs_yml_names_one_pipeline():
    hooks = re.findall(r"^\s*- (docs/\S+\.py)$", MKDOCS_YML.read_text(encoding="utf-8").split("hooks:")[1].split("\n\n")[0],
                       re.MULTILINE)
    assert hooks == ["docs/pipeline/main.py"]


def _imported_modules(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.asname or alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names |= {alias.asname or alias.name for alias in node.names}
    return names


@pytest.mark.parametrize("path", sorted(PIPELINE.glob("*.py")), ids=lambda p: p.name)
def test_no_step_replaces_another_projects_code(path):
    # Public extension points only: a step may call a library and set attributes of MkDocs' page and
    # config objects it is handed, but never assign into an imported module or class (a monkeypatch),
    # nor keep state in sys.modules.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = {p.stem for p in PIPELINE.glob("*.py")}
    foreign = _imported_modules(tree) - own
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            root = target
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(target, (ast.Attribute, ast.Subscript)) and isinstance(root, ast.Name):
                assert root.id not in foreign, f"{path.name}:{node.lineno} assigns into {root.id}"
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr":
            first = node.args[0]
            assert not (isinstance(first, ast.Name) and first.id in foreign), f"{path.name}:{node.lineno} setattr"
    assert "sys.modules[" not in path.read_text(encoding="utf-8").replace("sys.modules.pop", "")


def test_korean_headings_get_readable_anchor_ids():
    import markdown

    config = mkdocs_config()
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    out = md.convert("## 깁스 부등식\n\n## 교차 엔트로피와 KL 발산\n\n## 깁스 부등식 {#gibbs-inequality}\n")
    assert re.findall(r'id="([^"]+)"', out) == ["깁스-부등식", "교차-엔트로피와-kl-발산", "gibbs-inequality"]


# ----------------------------------------------------------------------------- math


def test_math_is_rendered_by_the_markdown_extension_in_one_worker():
    import markdown

    md = markdown.Markdown(extensions=["pymdownx.arithmatex", site_markdown.SiteMarkdown(katex_dir=str(KATEX))],
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    text = "$a < b$ and\n\n$$\n\\begin{aligned} H &= \\sum\\limits_{x} P(x) \\\\ \\text{손실} &= \\frac{1}{N} \\end{aligned}\n$$\n"
    try:
        out = md.convert(text)
        first = site_math.worker.process
        md.reset()
        assert md.convert(text) == out
        assert site_math.worker.process is first, "the worker is reused, not restarted"
    finally:
        site_math.worker.close()
    assert out.count('class="katex"') == 2 and 'class="katex-display"' in out
    assert "<mtext>손실</mtext>" in out and '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out
    assert "\\(" not in out and "\\[" not in out
    # converted again (mkdocstrings' HTML inside a page), KaTeX's output is left as it is
    assert site_markdown.render_math(out, KATEX) == out


def test_katex_error_names_the_formula_and_is_never_remembered(monkeypatch):
    asked = []
    ask = site_math.worker._ask
    monkeypatch.setattr(site_math.worker, "_ask", lambda d, f: asked.append([x["tex"] for x in f]) or ask(d, f))
    monkeypatch.setattr(site_math.worker, "memory", {})
    bad = '<span class="arithmatex">\\(\\frac{1}{\\)</span>'
    try:
        for _ in range(2):
            with pytest.raises(site_math.KatexError, match=r"(?s)\\\\frac\{1\}\{.*KaTeX parse error"):
                site_markdown.render_math(bad, KATEX)
        good = '<span class="arithmatex">\\(a+b\\)</span>'
        site_markdown.render_math(good + good, KATEX)
        site_markdown.render_math(good, KATEX)
    finally:
        site_math.worker.close()
    assert asked == [["\\frac{1}{"], ["\\frac{1}{"], ["a+b"]], "a formula is sent once; an error every time"


def test_katex_css_is_trimmed_to_woff2():
    css, fonts = site_math.katex_css(KATEX)
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert ".woff)" not in css and ".ttf)" not in css
    assert all((KATEX / "dist" / "fonts" / name).is_file() for name in fonts)


def test_font_preload_reads_which_class_draws_in_which_font():
    # KaTeX draws \mathbf in its bold Main, a text-style \sum in Size1, a display \sum in Size2 and
    # \mathbb in AMS (KaTeX's "Font" docs); the table must come out of the stylesheet it ships.
    css, fonts = site_math.katex_css(KATEX)
    table = dict(site_math.font_classes(css, fonts))
    assert table[frozenset({"mathbf"})] == "KaTeX_Main-Bold.woff2"
    assert table[frozenset({"op-symbol", "small-op"})] == "KaTeX_Size1-Regular.woff2"
    assert table[frozenset({"op-symbol", "large-op"})] == "KaTeX_Size2-Regular.woff2"
    assert table[frozenset({"mathbb"})] == "KaTeX_AMS-Regular.woff2"
    assert table[frozenset({"mathnormal"})] == "KaTeX_Math-Italic.woff2"
    inline_sum = '<span class="katex"><span class="mop op-symbol small-op">∑</span></span>'
    near = site_math.fonts_to_preload(inline_sum, KATEX)
    far = site_math.fonts_to_preload("<p>" + "교차 엔트로피 " * 200 + "</p>" + inline_sum, KATEX)
    assert "KaTeX_Size1-Regular.woff2" in near and "KaTeX_Size1-Regular.woff2" not in far


# ----------------------------------------------------------------------------- languages and search


def test_language_helpers():
    head = '<head><link rel="alternate" href="../en/x/" hreflang="en"><title>t</title></head><body>' \
           '<a href="../en/x/" hreflang="en" class="md-select__link">English</a></body>'
    out = site_languages.tidy_head(head, "en")
    assert 'rel="alternate"' not in out and 'class="md-select__link"' in out
    sitemap = ("<urlset>\n    <url>\n        <loc>https://h/p/</loc>\n    </url>\n"
               "    <url>\n        <loc>https://h/p/en/</loc>\n    </url>\n</urlset>")
    kept = site_languages.language_sitemap(sitemap, "https://h/p/en/")
    assert "<loc>https://h/p/en/</loc>" in kept and "<loc>https://h/p/</loc>" not in kept


@pytest.mark.parametrize("locale, kept", [("en", {"a.en.md", "b.md"}), ("ko", {"a.md", "a.en.md", "b.md"}),
                                          (None, {"a.md", "a.en.md", "b.md"})])
def test_english_only_build_drops_the_korean_twin_pages(tmp_path, locale, kept):
    from mkdocs.structure.files import File, Files

    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True) for name in ("a.md", "a.en.md", "b.md")])
    site_languages.keep_one_language(files, locale, "ko")
    assert {f.src_uri for f in files} == kept


def test_reader_terms_come_from_the_glossary_of_each_language():
    for name, must in [("glossary.md", {"교차엔트로피", "손실함수", "확률분포"}), ("glossary.en.md", {"cross entropy"})]:
        names = {n for entry, _ in site_search.glossary_names((ROOT / "docs" / name).read_text(encoding="utf-8"))
                 for n in entry + site_search.unspaced(entry)}
        assert must <= names, (name, must - names)


# ----------------------------------------------------------------------------- the API reference


def test_griffe_extension_converts_rst_roles():
    import griffe_rst_roles

    text = ("Softmax, :math:`e^{x_i} / \\sum_j e^{x_j}`; see :func:`log_softmax`.\n\n"
            "Notes\n-----\n.. math:: \\sigma(z) = \\frac{1}{1 + e^{-z}}\n\nMore text.")
    out = griffe_rst_roles.convert(text, lambda name: f"xentdocs.{name}" if name == "log_softmax" else None)
    assert "$e^{x_i} / \\sum_j e^{x_j}$" in out
    assert "[`log_softmax`][xentdocs.log_softmax]" in out
    assert "\n\n$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$\n\nMore text." in out


# ----------------------------------------------------------------------------- tiny builds

FIGURE_PAGE = '''# 그림

```python exec="1" html="1"
import numpy as np
from xentdocs.plotting import new_figure, to_svg, PALETTE

for k in (1, 2):
    fig, ax = new_figure(4, 2.5)
    q = np.linspace(0.05, 0.95, 19)
    ax.plot(q, -np.log(q) * k, color=PALETTE[k])
    ax.set_xlabel("확률 q")
    ax.set_ylabel("정보량 (내트)")
    print(to_svg(fig, title=f"그림 {k}", desc=f"정보량 곡선 {k}"))
```

$$
\\text{정보량} = -\\log q
$$
'''


@pytest.mark.build
def test_figures_are_deterministic_and_ids_unique(mini_site):
    mini_site.page("figures", FIGURE_PAGE, "# Figures\n")
    first = mini_site.build(lang="ko", site_dir="site1")
    assert first.returncode == 0, first.output[-3000:]
    second = mini_site.build(lang="ko", site_dir="site2")
    assert second.returncode == 0, second.output[-3000:]
    svgs = [re.findall(r"<svg\b.*?</svg>", b.page("figures/"), re.DOTALL) for b in (first, second)]
    figures = [s for s in svgs[0] if "xentdocs-figure" in s]
    assert len(figures) == 2
    assert svgs[0] == svgs[1], "two builds gave different SVG"
    ids = re.findall(r'\bid="([^"]+)"', first.page("figures/"))
    assert len(ids) == len(set(ids)), "duplicate ids on the page"
    assert all(re.search(r"<text\b[^>]*>확률 q</text>", f) for f in figures)


@pytest.mark.build
def test_search_reads_formulas_once_and_figures_by_title(mini_site):
    import json

    mini_site.page("figures", FIGURE_PAGE + "\n$Q = P$일 때만 같습니다.\n\n$$\\frac{a}{b}$$\n", "# Figures\n")
    build = mini_site.build(lang="ko")
    assert build.returncode == 0, build.output[-3000:]
    text = " ".join(d["text"] for d in json.loads((build.site_dir / "search" / "search_index.json").read_text())["docs"])
    assert "Q = P일 때만" in text and "Q=P" not in text, "a formula is indexed once, as its TeX"
    assert "\\frac{a}{b}" in text and "ab" not in text, "a display formula too"
    assert "그림 1" in text and "0.2" not in text, "a figure is indexed by its title, not its tick labels"
    assert 'class="katex"' in build.page("figures/"), "the page itself keeps KaTeX's output"


@pytest.mark.build
def test_one_language_build_for_authors(mini_site):
    # XENTDOCS_LANG=en builds only the English pages, at the root (what `mkdocs serve` uses).
    build = mini_site.build(lang="en")
    assert build.returncode == 0, build.output[-3000:]
    assert '<html lang="en"' in build.page("")
    assert not (build.site_dir / "en").exists()
    assert "The start page." in build.page("")


@pytest.mark.build
def test_katex_fonts_hold_the_characters_of_both_languages(mini_site):
    # The languages are built one after the other and write the same font files. A character only
    # the second language's formulas use (ℓ, ∇) must be in the files the site ends with, and one no
    # formula uses (Ω) must not. A --dirty build converts only some pages: it ships the fonts whole.
    from fontTools.ttLib import TTFont

    mini_site.page("math", "# 수식\n\n$a + b$\n", "# Math\n\n$\\ell + \\nabla a$\n")
    build = mini_site.build(lang=None)
    assert build.returncode == 0, build.output[-3000:]
    fonts = build.site_dir / "assets" / "katex" / "fonts"
    main = TTFont(fonts / "KaTeX_Main-Regular.woff2").getBestCmap()
    assert {ord("+"), ord("ℓ"), ord("∇")} <= set(main) and ord("Ω") not in main
    italic = TTFont(fonts / "KaTeX_Math-Italic.woff2").getBestCmap()
    assert {ord("a"), ord("b")} <= set(italic) and ord("z") not in italic
    dirty = mini_site.build(lang=None, site_dir="dirty", extra=("--dirty",))
    assert dirty.returncode == 0, dirty.output[-3000:]
    whole = KATEX / "dist" / "fonts" / "KaTeX_Main-Regular.woff2"
    assert (dirty.site_dir / "assets/katex/fonts/KaTeX_Main-Regular.woff2").read_bytes() == whole.read_bytes()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.build
def test_serve_live_reloads_after_an_edit_to_a_page_and_to_the_library(mini_site, tmp_path):
    # The library is a copy, so that editing it leaves the real one alone.
    import shutil

    (mini_site.root / "xentdocs").unlink()
    shutil.copytree(ROOT / "xentdocs", mini_site.root / "xentdocs")
    block = '```python exec="1"\nimport xentdocs\nprint(getattr(xentdocs, "MARKER", "no marker"))\n```\n'
    mini_site.page("second", f"# 둘째\n\n{block}", f"# Second\n\n{block}")
    config = mini_site.config()
    port = free_port()
    env = sitebuild.build_env("en")
    env["PYTHONPATH"] = str(mini_site.root)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              cwd=mini_site.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/xentdocs/"

    def wait_for(page_url: str, text: str) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                page = fetch(page_url)
                if text in page:
                    return page
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"{text!r} never appeared at {page_url}")

    try:
        page = wait_for(url, "The start page.")
        epoch = re.search(r"livereload\((\d+),", page)
        assert epoch, "no live-reload script injected (broken click version?)"
        assert "no marker" in wait_for(url + "second/", "no marker")
        mini_site.write("index.en.md", "# Home\n\nEdited while serving.\n")
        page = wait_for(url, "Edited while serving.")
        assert int(re.search(r"livereload\((\d+),", page)[1]) > int(epoch[1]), "the browser would not be told to reload"
        init = mini_site.root / "xentdocs" / "__init__.py"
        init.write_text(init.read_text(encoding="utf-8") + '\nMARKER = "edited library"\n', encoding="utf-8")
        wait_for(url + "second/", "edited library")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.build
def test_upstream_404_page_is_still_the_last_language_built(tmp_path):
    """mkdocs-static-i18n writes each language's 404 page to the site root, so the root keeps the
    language built last (https://github.com/ultrabug/mkdocs-static-i18n/issues/284, open). The
    pipeline writes a 404 page per language instead (site_languages). This builds a bare two-language
    site without the pipeline: once it fails, upstream has fixed the bug and that step can go."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 처음\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  language: ko\nplugins:\n  - i18n:\n      docs_structure: suffix\n"
        "      languages:\n        - locale: ko\n          default: true\n          name: 한국어\n"
        "        - locale: en\n          name: English\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env=sitebuild.build_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '<html lang="en"' in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
