"""The docs machinery piece by piece: each hook of docs/hooks/, and tiny builds that show it works.

Unit tests import the hook modules directly; the ``mini_site`` tests build a two-page site that
inherits the real mkdocs.yml (a few seconds each).
"""

from __future__ import annotations

import collections
import importlib.util
import re
import socket
import subprocess
import sys
import time
import types
import urllib.request
from importlib import metadata

import pytest

import sitebuild
from minisite import MKDOCS_YML, ROOT

HOOKS = ROOT / "docs" / "hooks"


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"xentdocs_hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mkdocs_config():
    from mkdocs.config import load_config

    return load_config(str(MKDOCS_YML))


# ----------------------------------------------------------------------------- configuration


def test_every_hook_module_is_configured():
    text = MKDOCS_YML.read_text(encoding="utf-8")
    configured = set(re.findall(r"^\s*- docs/hooks/(\w+)\.py$", text, re.MULTILINE))
    on_disk = {p.stem for p in HOOKS.glob("*.py")}
    assert configured == on_disk, "every docs/hooks/*.py is either an MkDocs hook or the griffe extension"


def test_korean_headings_get_readable_anchor_ids():
    import markdown

    config = mkdocs_config()
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    out = md.convert("## 깁스 부등식\n\n## 교차 엔트로피와 KL 발산\n\n## 깁스 부등식 {#gibbs-inequality}\n")
    ids = re.findall(r'id="([^"]+)"', out)
    assert ids == ["깁스-부등식", "교차-엔트로피와-kl-발산", "gibbs-inequality"]


def test_build_only_locale_comes_from_xentdocs_lang(monkeypatch):
    monkeypatch.setenv("XENTDOCS_LANG", "en")
    assert mkdocs_config().plugins["i18n"].config.build_only_locale == "en"
    monkeypatch.delenv("XENTDOCS_LANG")
    i18n = mkdocs_config().plugins["i18n"].config
    assert i18n.build_only_locale is None
    assert i18n.fallback_to_default is False  # a missing translation fails instead of hiding
    assert i18n.docs_structure == "suffix"


def test_material_loads_no_google_fonts():
    config = mkdocs_config()
    assert config.theme["font"] is False
    assert config.site_url == "https://xentdocs.github.io/xentdocs/"


def test_autorefs_resolve_closest():
    # Both languages render the same API anchors; without this, --strict fails with
    # "Multiple primary URLs found".
    assert mkdocs_config().plugins["autorefs"].config.resolve_closest is True


def test_click_version_keeps_live_reload():
    # click 8.3.0-8.3.3 start `mkdocs serve` without live reload (mkdocs #4032, #4055).
    version = tuple(int(p) for p in re.findall(r"\d+", metadata.version("click"))[:3])
    assert not ((8, 3, 0) <= version <= (8, 3, 3)), version


# ----------------------------------------------------------------------------- hook units


@pytest.mark.parametrize("name", sorted(p.stem for p in HOOKS.glob("*.py")))
def test_hook_doctests(name):
    # docs/conftest.py keeps pytest from collecting docs/hooks/ (they are build inputs), so the
    # examples in the hooks' docstrings run here.
    import doctest

    result = doctest.testmod(load_hook(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_i18n_pairs_finds_missing_twins():
    hook = load_hook("i18n_pairs")
    pages = ["index.md", "index.en.md", "a.md", "b.en.md", "sub/c.md", "sub/c.en.md"]
    assert hook.missing_twins(pages, ["en"]) == [("a.md", "a.en.md"), ("b.en.md", "b.md")]


def test_exec_tabs_rules():
    hook = load_hook("exec_tabs")
    ok_ko = '```python exec="1" source="tabbed-left" result="text" tabs="소스|결과"\nprint(1)\n```'
    en_on_ko = '```python exec="1" source="tabbed-right" tabs="Source|Result"\nprint(1)\n```'
    untabbed = '```python exec="1" html="1"\nprint(1)\n```'
    assert hook.wrong_tabs(ok_ko, "ko") == []
    assert hook.wrong_tabs(en_on_ko, "ko") == [(1, "Source|Result", "소스|결과")]
    assert hook.wrong_tabs(ok_ko, "en") == [(1, "소스|결과", "Source|Result")]
    assert hook.wrong_tabs(untabbed, "ko") == []
    assert hook.wrong_tabs("    " + en_on_ko.replace("\n", "\n    "), "ko") != []  # inside a tab/admonition


def test_katex_renders_a_page_batch_in_one_worker():
    hook = load_hook("katex_math")
    katex_dir = ROOT / "node_modules" / "katex"
    page = (
        '<p><span class="arithmatex">\\(a &lt; b\\)</span></p>'
        '<div class="arithmatex">\\[\n\\begin{aligned} H &amp;= \\sum\\limits_{x} P(x) \\\\ '
        "\\text{손실} &amp;= \\frac{1}{N} \\end{aligned}\n\\]</div>"
    )
    try:
        out = hook.render_page_math(page, katex_dir, "test.md")
        first = hook.worker.process
        hook.render_page_math(page, katex_dir, "test.md")
        assert hook.worker.process is first, "the worker is reused, not restarted"
    finally:
        hook.worker.close()
    assert out.count('class="katex"') == 2 and 'class="katex-display"' in out
    assert "<mtext>손실</mtext>" in out
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out
    assert "\\(" not in out.replace("\\(x", "")


def test_katex_error_names_page_and_formula():
    from mkdocs.exceptions import PluginError

    hook = load_hook("katex_math")
    try:
        with pytest.raises(PluginError, match=r"(?s)in page\.md.*\\\\frac\{1\}\{.*KaTeX parse error"):
            hook.render_page_math('<span class="arithmatex">\\(\\frac{1}{\\)</span>', ROOT / "node_modules/katex", "page.md")
    finally:
        hook.worker.close()


def test_katex_sends_only_new_formulas_and_never_remembers_an_error(monkeypatch):
    from mkdocs.exceptions import PluginError

    hook = load_hook("katex_math")
    katex_dir = ROOT / "node_modules" / "katex"
    monkeypatch.setattr(hook, "_outputs", collections.OrderedDict())
    render, sent = hook.worker.render, []

    def counting_render(katex_dir, formulas):
        sent.append([(formula["tex"], formula["display"]) for formula in formulas])
        return render(katex_dir, formulas)

    monkeypatch.setattr(hook.worker, "render", counting_render)
    inline, display = '<span class="arithmatex">\\(a+b\\)</span>', '<div class="arithmatex">\\[a+b\\]</div>'
    try:
        alone = render(katex_dir, [{"tex": "a+b", "display": False}])[0]["html"]  # the worker itself
        first = hook.render_page_math(f"<p>{inline} {inline}</p>", katex_dir, "one.md")
        second = hook.render_page_math(f"<p>{inline}</p>{display}", katex_dir, "two.md")
        for _ in range(2):
            with pytest.raises(PluginError, match="KaTeX parse error"):
                hook.render_page_math('<span class="arithmatex">\\(\\frac{1}{\\)</span>', katex_dir, "bad.md")
    finally:
        hook.worker.close()
    assert sent == [[("a+b", False)], [("a+b", True)], [("\\frac{1}{", False)], [("\\frac{1}{", False)]]
    assert first == f'<p><span class="arithmatex">{alone}</span> <span class="arithmatex">{alone}</span></p>'
    assert second.startswith(f'<p><span class="arithmatex">{alone}</span></p>') and "katex-display" in second


def test_katex_css_is_trimmed_to_woff2():
    hook = load_hook("katex_math")
    css, fonts = hook.katex_css(ROOT / "node_modules" / "katex")
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert ".woff)" not in css and ".ttf)" not in css
    assert all((ROOT / "node_modules/katex/dist/fonts" / name).is_file() for name in fonts)


def test_katex_font_preload_reads_which_class_draws_in_which_font():
    # KaTeX draws \mathbf in its bold Main, a text-style \sum in Size1, a display \sum in Size2 and
    # \mathbb in AMS (KaTeX's "Font" docs); the hook must find those in the stylesheet it ships.
    katex_math, preload = load_hook("katex_math"), load_hook("katex_font_preload")
    css, fonts = katex_math.katex_css(ROOT / "node_modules" / "katex")
    table = dict(preload.font_classes(css, set(fonts)))
    assert table[frozenset({"mathbf"})] == "KaTeX_Main-Bold.woff2"
    assert table[frozenset({"op-symbol", "small-op"})] == "KaTeX_Size1-Regular.woff2"
    assert table[frozenset({"op-symbol", "large-op"})] == "KaTeX_Size2-Regular.woff2"
    assert table[frozenset({"mathbb"})] == "KaTeX_AMS-Regular.woff2"
    assert table[frozenset({"mathnormal"})] == "KaTeX_Math-Italic.woff2"
    # a first-screen inline sum gets its font preloaded; the same sum far down the page does not
    inline_sum = '<span class="katex"><span class="mop op-symbol small-op">∑</span></span>'
    article = '<head></head><article class="md-content__inner md-typeset">'
    near = preload.fonts_to_preload(article + inline_sum, list(table.items()))
    far = preload.fonts_to_preload(article + "<p>" + "교차 엔트로피 " * 200 + "</p>" + inline_sum, list(table.items()))
    assert "KaTeX_Size1-Regular.woff2" in near and "KaTeX_Size1-Regular.woff2" not in far


def test_copy_prompts_folds_output_newlines():
    hook = load_hook("copy_prompts")
    code = '<span class="gp">&gt;&gt;&gt; </span>x\n<span class="go">1</span>\n<span class="go">2</span>\n'
    assert hook.fold_output_newlines(code) == (
        '<span class="gp">&gt;&gt;&gt; </span>x\n<span class="go">1\n</span><span class="go">2\n</span>'
    )


def test_sitemaps_helpers():
    hook = load_hook("sitemaps")
    head = '<head><link rel="alternate" href="../en/x/" hreflang="en"><title>t</title></head><body>' \
           '<a href="../en/x/" hreflang="en" class="md-select__link">English</a></body>'
    out = hook.drop_hreflang_links(head)
    assert 'rel="alternate"' not in out and 'class="md-select__link"' in out
    sitemap = (
        "<urlset>\n    <url>\n        <loc>https://h/p/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://h/p/en/</loc>\n    </url>\n</urlset>"
    )
    kept = hook.language_sitemap(sitemap, "https://h/p/en/")
    assert "<loc>https://h/p/en/</loc>" in kept and "<loc>https://h/p/</loc>" not in kept


def test_griffe_extension_converts_rst_roles():
    hook = load_hook("griffe_rst_roles")
    text = (
        "Softmax, :math:`e^{x_i} / \\sum_j e^{x_j}`; see :func:`log_softmax`.\n\n"
        "Notes\n-----\n.. math:: \\sigma(z) = \\frac{1}{1 + e^{-z}}\n\nMore text."
    )
    out = hook.convert(text, lambda name: f"xentdocs.{name}" if name == "log_softmax" else None)
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
def test_one_language_build_for_authors(mini_site):
    # XENTDOCS_LANG=en builds only the English pages, at the root (what `mkdocs serve` uses).
    build = mini_site.build(lang="en")
    assert build.returncode == 0, build.output[-3000:]
    assert '<html lang="en"' in build.page("")
    assert not (build.site_dir / "en").exists()
    assert "The start page." in build.page("")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.build
def test_serve_live_reloads_after_an_edit(mini_site, tmp_path):
    counter = tmp_path / "runs.txt"
    mini_site.write(
        "snippets/count.py",
        f"from pathlib import Path\n"
        f"runs = Path({str(counter)!r})\n"
        f"runs.write_text(runs.read_text() + 'x' if runs.exists() else 'x')\n"
        f"print('ran')\n",
    )
    block = '```python exec="1"\n--8<-- "snippets/count.py"\n```\n'
    mini_site.page("second", f"# 둘째\n\n{block}", f"# Second\n\n{block}")
    config = mini_site.config()
    port = free_port()
    env = sitebuild.build_env("en")
    env["PYTHONPATH"] = str(ROOT)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=mini_site.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/xentdocs/"
    try:
        deadline = time.monotonic() + 120
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                page = fetch(url)
            except OSError:
                time.sleep(0.5)
        assert page is not None, "mkdocs serve did not come up"
        epoch = re.search(r"livereload\((\d+),", page)
        assert epoch, "no live-reload script injected (broken click version?)"

        mini_site.write("index.en.md", "# Home\n\nEdited while serving.\n")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            page = fetch(url)
            if "Edited while serving." in page:
                break
            time.sleep(0.5)
        assert "Edited while serving." in page, "the edit was not rebuilt"
        new_epoch = re.search(r"livereload\((\d+),", page)
        assert int(new_epoch.group(1)) > int(epoch.group(1)), "the browser would not be told to reload"
        # The unchanged executed block on the other page was not run again (exec_cache.py).
        assert counter.read_text() == "x"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.build
def test_identical_blocks_run_once_per_build(mini_site, tmp_path):
    # docs/hooks/exec_cache.py: both languages include the same snippet; it runs once.
    counter = tmp_path / "runs.txt"
    mini_site.write(
        "snippets/count.py",
        f"from pathlib import Path\n"
        f"runs = Path({str(counter)!r})\n"
        f"runs.write_text(runs.read_text() + 'x' if runs.exists() else 'x')\n"
        f"print('ran')\n",
    )
    block = '```python exec="1"\n--8<-- "snippets/count.py"\n```\n'
    mini_site.page("second", f"# 둘째\n\n{block}", f"# Second\n\n{block}")
    build = mini_site.build(lang=None)
    assert build.returncode == 0, build.output[-3000:]
    assert "ran" in build.page("second/") and "ran" in build.page("en/second/")
    assert counter.read_text() == "x"
    # A new build runs it again: the memory lasts one build.
    assert mini_site.build(lang=None, site_dir="site2").returncode == 0
    assert counter.read_text() == "xx"


def test_search_sections_are_remembered_per_exact_html(monkeypatch):
    from material.plugins.search import plugin as search

    original = search.Parser
    monkeypatch.setattr(search, "Parser", original)  # restored after the test
    hook = load_hook("search_text")
    monkeypatch.setattr(hook, "_sections", {"parsed": {}, "used": set()})
    assert hook._install_parser_memory() and search.Parser is not original
    page = '<h2 id="a">Title A</h2><p>first text</p><h2 id="b">Title B</h2><p>second</p>'

    def sections(parser_class, html):
        parser = parser_class()
        parser.feed(html)
        parser.close()
        return parser.data

    def summary(data):
        return [(s.id, "".join(s.title), "".join(s.text)) for s in data]

    want = summary(sections(original, page))  # Material's own parser is the reference
    assert "Title B" in str(want)
    first = sections(search.Parser, page)
    assert summary(first) == want
    first[-1].title[:] = ["edited by the plugin"]  # the plugin edits the sections it gets
    assert summary(sections(search.Parser, page)) == want  # answered from memory, unedited
    assert list(hook._sections["parsed"]) == [page]
    changed = page.replace("second", "changed")
    assert summary(sections(search.Parser, changed)) == summary(sections(original, changed))


def test_theme_files_are_listed_once_under_serve(monkeypatch):
    import jinja2
    from mkdocs.structure.files import Files

    hook = load_hook("theme_files")
    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)  # restored after the test
    monkeypatch.setattr(hook, "_state", {"serving": False, "found": {}})
    list_templates, walks = jinja2.Environment.list_templates, []
    monkeypatch.setattr(jinja2.Environment, "list_templates",
                        lambda env, *args, **kwargs: walks.append(env) or list_templates(env, *args, **kwargs))
    config = mkdocs_config()

    def theme_files():
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [(f.src_uri, f.abs_src_path, f.abs_dest_path, f.url) for f in files]

    expected = theme_files()  # MkDocs' own
    assert len(expected) > 10 and len(walks) == 1
    hook.on_startup("serve", dirty=False)
    assert theme_files() == expected and theme_files() == expected
    assert len(walks) == 2, "under serve the theme is walked once, then remembered"
    hook.on_startup("build", dirty=False)
    assert theme_files() == expected and len(walks) == 3


def test_site_cleanup_moves_the_old_site_aside_under_serve(monkeypatch, tmp_path):
    from mkdocs import utils

    hook = load_hook("site_cleanup")
    monkeypatch.setattr(utils, "clean_directory", utils.clean_directory)  # restored after the test
    monkeypatch.setattr(hook, "_state", {"serving": False})
    site = tmp_path / "site"

    (site / "en" / "page").mkdir(parents=True)
    (site / "en" / "page" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / ".keep").write_text("hidden", encoding="utf-8")
    deletions = []

    class Thread:  # runs the background deletion when the test says so
        def __init__(self, target, args, kwargs, daemon):
            self.run = lambda: target(*args, **kwargs)

        def start(self):
            deletions.append(self.run)

    monkeypatch.setattr(hook, "threading", types.SimpleNamespace(Thread=Thread))
    hook.on_startup("serve", dirty=False)
    utils.clean_directory(str(site))
    [old] = site.glob(".old-site-*")
    assert sorted(p.name for p in site.iterdir()) == [".keep", old.name]
    assert (old / "en" / "page" / "index.html").is_file() and (old / "index.html").is_file(), "moved, not deleted"
    [delete] = deletions
    delete()
    assert sorted(p.name for p in site.iterdir()) == [".keep"]
    (site / "index.html").write_text("old", encoding="utf-8")
    hook.on_startup("build", dirty=False)
    utils.clean_directory(str(site))  # MkDocs' own: deleted right away, nothing moved
    assert sorted(p.name for p in site.iterdir()) == [".keep"]


def test_exec_prefetch_reads_blocks_as_markdown_exec_receives_them(tmp_path):
    prefetch = load_hook("exec_prefetch")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "snippets" / "b.py").write_text("print(x)", encoding="utf-8")  # no final newline
    page = "\n".join([
        "# Page",
        '```python exec="1"',
        '--8<-- "snippets/a.py"',
        "print(x + 1)",
        "```",
        '??? question "Q"',
        "",
        '    ```python exec="1" source="tabbed-left" result="text" tabs="Source|Result"',
        '    --8<-- "snippets/a.py"',
        '    --8<-- "snippets/b.py"',
        "    ```",
        '```python exec="1" session="s"',
        "shared = 1",
        "```",
        "```python",
        "not executed",
        "```",
        '````python exec="true" returncode="2"',
        "import sys; sys.exit(2)",
        "````",
    ])
    blocks = prefetch.executed_blocks(prefetch.expand_snippets(page, tmp_path))
    # pymdownx.snippets leaves the included file's final newline as an empty line
    assert blocks == [
        ("x = 1\n\nprint(x + 1)", 0),
        ("x = 1\n\nprint(x)", 0),
        ("import sys; sys.exit(2)", 2),
    ]


def test_exec_prefetch_orders_pages_like_mkdocs(tmp_path, monkeypatch):
    prefetch = load_hook("exec_prefetch")
    for name in ("b.md", "b.en.md", "index.md", "index.en.md", "a.md", "a.en.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.delenv("XENTDOCS_LANG", raising=False)
    names = [p.name for p in prefetch.pages_to_build(tmp_path, "ko")]
    assert names == ["index.md", "a.md", "b.md", "index.en.md", "a.en.md", "b.en.md"]
    monkeypatch.setenv("XENTDOCS_LANG", "en")
    assert [p.name for p in prefetch.pages_to_build(tmp_path, "ko")] == ["index.en.md", "a.en.md", "b.en.md"]


@pytest.mark.build
def test_exec_prefetch_runs_every_block_in_a_worker(mini_site):
    # Each block says where it ran; a block the hook reads differently from markdown-exec (or
    # that failed in a worker) would say "mkdocs". Covers snippet includes, blocks in admonitions
    # and tabs, and the second language reusing the first's outputs.
    where = ("import multiprocessing\n"
             "print('ran in', 'worker' if multiprocessing.parent_process() else 'mkdocs')\n")
    mini_site.write("snippets/where.py", where)
    mini_site.write("snippets/tail.py", "print('tail')")
    blocks = [
        '```python exec="1"\n--8<-- "snippets/where.py"\n```\n',
        '```python exec="1"\n--8<-- "snippets/where.py"\n--8<-- "snippets/tail.py"\n```\n',
        '```python exec="1"\n--8<-- "snippets/where.py"\nprint("after")\n```\n',
        '??? question "?"\n\n    ```python exec="1" source="tabbed-left" result="text" tabs="{tabs}"\n'
        '    --8<-- "snippets/where.py"\n    print("in a question")\n    ```\n',
        f'```python exec="1"\n{where}print("inline")\n```\n',
    ]
    ko = "# 둘째\n\n" + "\n".join(blocks).replace("{tabs}", "소스|결과")
    en = "# Second\n\n" + "\n".join(blocks).replace("{tabs}", "Source|Result")
    mini_site.page("second", ko, en)
    build = mini_site.build(lang=None)
    assert build.returncode == 0, build.output[-3000:]
    for path in ("second/", "en/second/"):
        html = build.page(path)
        assert html.count("ran in worker") == len(blocks), (path, html.count("ran in mkdocs"))
        assert "ran in mkdocs" not in html


@pytest.mark.parametrize("locale, kept", [("en", {"a.en.md", "b.md"}), ("ko", {"a.md", "a.en.md", "b.md"}), ("", {"a.md", "a.en.md", "b.md"})])
def test_english_only_build_drops_the_korean_twin_pages(monkeypatch, tmp_path, locale, kept):
    """With XENTDOCS_LANG=en, English is the default language and would own NAME.md too."""
    from mkdocs.structure.files import File, Files

    hook = load_hook("one_language")
    monkeypatch.setenv("XENTDOCS_LANG", locale)
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True) for name in ("a.md", "a.en.md", "b.md")])
    result = hook.on_files(files, config=None)
    assert {f.src_uri for f in result} == kept


@pytest.mark.build
def test_katex_fonts_hold_the_characters_of_both_languages(mini_site):
    # docs/hooks/katex_font_subset.py: the languages are built one after the other and write the same
    # font files. A character only the second language's formulas use (ℓ, ∇) must be in the files
    # the site ends with, and one no formula uses (Ω) must not.
    from fontTools.ttLib import TTFont

    mini_site.page("math", "# 수식\n\n$a + b$\n", "# Math\n\n$\\ell + \\nabla a$\n")
    build = mini_site.build(lang=None)
    assert build.returncode == 0, build.output[-3000:]
    main = TTFont(build.site_dir / "assets" / "katex" / "fonts" / "KaTeX_Main-Regular.woff2").getBestCmap()
    assert {ord("+"), ord("ℓ"), ord("∇")} <= set(main) and ord("Ω") not in main
    italic = TTFont(build.site_dir / "assets" / "katex" / "fonts" / "KaTeX_Math-Italic.woff2").getBestCmap()
    assert {ord("a"), ord("b")} <= set(italic) and ord("z") not in italic


def test_katex_fonts_stay_whole_in_a_dirty_build(tmp_path):
    # A --dirty build converts only the pages it thinks changed: the characters of the others are not
    # seen, so the hook ships KaTeX's fonts as they are. A full build ships the subsets.
    from mkdocs.structure.files import File, Files

    hook = load_hook("katex_font_subset")
    fonts = ROOT / "node_modules" / "katex" / "dist"
    saved = dict(hook._state)
    try:
        for dirty in (True, False):
            hook.on_startup("build", dirty)
            hook.characters.clear()
            hook.characters.update("x+1")
            font = File("assets/katex/fonts/KaTeX_Main-Regular.woff2", src_dir=None, dest_dir=str(tmp_path),
                        use_directory_urls=True)
            font.abs_src_path = str(fonts / "fonts" / "KaTeX_Main-Regular.woff2")
            hook.on_env(None, None, Files([font]))
            size = len(font.content_bytes)
            original = (fonts / "fonts" / "KaTeX_Main-Regular.woff2").stat().st_size
            assert (size == original) if dirty else (size < original / 3), (dirty, size, original)
    finally:
        hook._state.update(saved)
