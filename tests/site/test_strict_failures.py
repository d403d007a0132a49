"""The strict build is a test: each kind of broken page must make `mkdocs build --strict` fail.

Each test builds a two-page site that inherits the real mkdocs.yml (see conftest.MiniSite) with
one defect, and checks that the build exits non-zero with a message that names the defect. A
control test builds the same tiny site without a defect, so a failure here is the defect's doing.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.build


def assert_fails(build, *needles: str) -> None:
    assert build.returncode != 0, f"the strict build passed but should have failed:\n{build.output[-3000:]}"
    for needle in needles:
        assert needle in build.output, f"{needle!r} not in the build log:\n{build.output[-3000:]}"


def test_control_tiny_site_builds_cleanly(mini_site):
    mini_site.page("second", "# 둘째\n\n[홈](index.md)으로 갑니다.\n", "# Second\n\nBack [home](index.md).\n")
    build = mini_site.build(lang=None)
    assert build.returncode == 0, build.output[-3000:]
    assert build.warnings == []
    assert (build.site_dir / "second" / "index.html").is_file()
    assert (build.site_dir / "en" / "second" / "index.html").is_file()


def test_code_block_that_raises_fails(mini_site):
    mini_site.page(
        "second",
        '# 둘째\n\n```python exec="1"\nraise ValueError("boom from a code block")\n```\n',
        "# Second\n",
    )
    assert_fails(mini_site.build(), "boom from a code block")


def test_broken_internal_link_fails(mini_site):
    mini_site.page("second", "# 둘째\n\n[없는 페이지](no-such-page.md)\n", "# Second\n")
    assert_fails(mini_site.build(), "no-such-page.md")


def test_broken_anchor_fails(mini_site):
    mini_site.page("second", "# 둘째\n\n[홈의 없는 절](index.md#no-such-anchor)\n", "# Second\n")
    assert_fails(mini_site.build(), "no-such-anchor")


def test_page_missing_in_english_fails(mini_site):
    mini_site.page("second", "# 둘째\n\n한국어에만 있는 페이지입니다.\n", None)
    assert_fails(mini_site.build(lang=None), "second.en.md")


def test_page_missing_in_korean_fails(mini_site):
    mini_site.page("second", None, "# Second\n\nOnly in English.\n")
    assert_fails(mini_site.build(lang=None), "docs/second.md")


def test_figure_with_missing_glyph_fails(mini_site):
    # NanumGothic has no U+2212 MINUS SIGN: to_svg raises instead of drawing a box.
    code = (
        "from xentdocs.plotting import new_figure, to_svg\n"
        "fig, ax = new_figure(3, 2)\n"
        "ax.set_title('\\u2212 1')\n"
        "print(to_svg(fig, title='t', desc='d'))\n"
    )
    mini_site.page("second", f'# 둘째\n\n```python exec="1" html="1"\n{code}```\n', "# Second\n")
    assert_fails(mini_site.build(), "Glyph 8722", "missing from font")


def test_plain_matplotlib_missing_glyph_fails(mini_site):
    # Without xentdocs.plotting: DejaVu Sans has no Hangul. docs/pipeline/site_checks.py makes
    # matplotlib's warning an exception, so the block fails instead of logging at INFO.
    code = (
        "import io\n"
        "from matplotlib.figure import Figure\n"
        "fig = Figure()\n"
        "fig.subplots().set_title('한글', family='DejaVu Sans')\n"
        "buffer = io.StringIO()\n"
        "fig.savefig(buffer, format='svg')\n"
    )
    mini_site.page("second", f'# 둘째\n\n```python exec="1"\n{code}```\n', "# Second\n")
    assert_fails(mini_site.build(), "missing from font")


def test_bad_tex_fails(mini_site):
    mini_site.page("second", "# 둘째\n\n$$\n\\frac{1}{\n$$\n", "# Second\n")
    assert_fails(mini_site.build(), "KaTeX", "second.md", "\\\\frac{1}{")


def test_hangul_outside_text_in_math_fails(mini_site):
    # KaTeX runs in strict mode: Korean inside math must be wrapped in \text{...}.
    mini_site.page("second", "# 둘째\n\n$손실 = 1$\n", "# Second\n")
    assert_fails(mini_site.build(), "KaTeX", "unicodeTextInMathMode")


def test_english_tab_titles_on_korean_page_fail(mini_site):
    block = '```python exec="1" source="tabbed-left" result="text"\nprint(1)\n```\n'
    mini_site.page("second", f"# 둘째\n\n{block}", f"# Second\n\n{block}")
    assert_fails(mini_site.build(), "docs/second.md:3", '소스|결과')


def test_a_figure_font_warning_fails_but_a_harmless_library_line_does_not(mini_site):
    # matplotlib's font manager logging "findfont: ... not found" means a figure in a fallback font:
    # it fails the build. fontTools' "'created' timestamp seems very low" (seen with fontTools 4.69)
    # means nothing for a reader: the build passes and the line stays information.
    harmless = 'import logging\nlogging.getLogger("fontTools.ttLib").warning("\'created\' timestamp seems very low")\n'
    mini_site.page("second", f'# 둘째\n\n```python exec="1"\n{harmless}```\n', "# Second\n")
    build = mini_site.build()
    assert build.returncode == 0, build.output[-3000:]
    broken = 'import logging\nlogging.getLogger("matplotlib.font_manager").warning("findfont: Font family \'X\' not found.")\n'
    mini_site.page("third", f'# 셋째\n\n```python exec="1"\n{broken}```\n', "# Third\n")
    assert_fails(mini_site.build(site_dir="site2"), "[matplotlib.font_manager] findfont")
