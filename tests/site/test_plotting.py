"""xentdocs.plotting: the house style and the inline SVG every figure of the site goes through."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from minisite import ROOT

plotting = pytest.importorskip("xentdocs.plotting")
from xentdocs.plotting import PALETTE, MissingGlyphError, new_figure, to_svg  # noqa: E402

SVG_NS = "{http://www.w3.org/2000/svg}"


def sample(title="교차 엔트로피", desc="q에 따른 H(P;Q)", k=1.0):
    fig, ax = new_figure(4, 2.5)
    q = np.linspace(0.05, 0.95, 19)
    ax.plot(q, -k * np.log(q), label="정보량")
    ax.plot(q, -k * np.log(1 - q), label="다른 곡선")
    ax.set_xlabel("확률 q")
    ax.set_ylabel("값 (내트)")
    ax.set_title(title)
    ax.legend()
    ax.set_ylim(-1, 4)  # negative tick labels use '-' (NanumGothic has no U+2212)
    return to_svg(fig, title=title, desc=desc)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_is_accessible():
    svg = sample()
    root = parse(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG_NS}title" and title.text == "교차 엔트로피"
    assert desc.tag == f"{SVG_NS}desc" and desc.text == "q에 따른 H(P;Q)"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


def test_text_stays_text_in_a_korean_font_stack():
    svg = sample()
    texts = [t for t in parse(svg).iter(f"{SVG_NS}text")]
    assert any("".join(t.itertext()) == "확률 q" for t in texts)
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families and all(f.startswith("NanumGothic, ") and "sans-serif" in f for f in families)
    assert "\u2212" not in svg


def test_ink_follows_the_colour_scheme_and_background_is_transparent():
    svg = sample()
    root = parse(svg)
    assert "var(--md-default-fg-color" in root.get("style")
    assert "currentColor" in svg
    # No hard-coded black or white ink, no opaque page-coloured background.
    assert not re.search(r"(fill|stroke): (#000000|#ffffff|black|white)\b", svg)
    first_patch = re.search(r'<g id="[^"]*patch_1">\s*<path [^>]*style="([^"]*)"', svg).group(1)
    assert "fill: none" in first_patch
    for colour in PALETTE[:2]:
        assert f"stroke: {colour}" in svg


def test_responsive_width_and_no_metadata():
    svg = sample()
    open_tag = re.match(r"<svg\b[^>]*>", svg).group(0)
    assert "viewBox=" in open_tag
    assert not re.search(r'\s(width|height)="', open_tag)
    assert "width: 100%" in open_tag
    assert "<metadata" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg
    assert "matplotlib.org" not in svg and "http://purl.org" not in svg


def test_no_stylesheet_inside_the_figure():
    # An inline <style> would style the whole page it sits in (matplotlib's is a rule for `*`), and
    # each one makes the browser restyle the whole document while it parses the page. The default
    # joins and caps it carried are inherited from the root instead.
    svg = sample()
    assert "<style" not in svg
    root = parse(svg)
    assert (root.get("stroke-linejoin"), root.get("stroke-linecap")) == ("round", "butt")


def test_ids_are_prefixed_per_figure():
    a, b = sample(title="그림 하나"), sample(title="그림 둘", k=2.0)
    ids_a = set(re.findall(r'\bid="([^"]+)"', a))
    ids_b = set(re.findall(r'\bid="([^"]+)"', b))
    assert ids_a and ids_b and not ids_a & ids_b
    prefix = re.match(r"(fig-[0-9a-f]{12}-)", next(iter(ids_a))).group(1)
    assert all(i.startswith(prefix) for i in ids_a)
    # Every internal reference points at an id of the same figure.
    refs = re.findall(r'(?:url\(#|href="#)([^)"]+)', a)
    assert refs and set(refs) <= ids_a


def test_same_figure_same_bytes_in_process():
    assert sample() == sample()


def test_same_figure_same_bytes_across_processes():
    script = textwrap.dedent(
        """
        import numpy as np
        from xentdocs.plotting import new_figure, to_svg
        fig, ax = new_figure(4, 2.5)
        ax.plot(np.arange(5), np.arange(5) ** 2, label="제곱")
        ax.legend()
        ax.set_title("결정적인 그림")
        import sys
        sys.stdout.write(to_svg(fig, title="결정적", desc="두 번 그려도 같습니다"))
        """
    )
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and outputs[0].startswith("<svg")


def test_missing_glyph_raises():
    fig, ax = new_figure(3, 2)
    ax.set_title("\u2212 1")  # MINUS SIGN: not in NanumGothic
    with pytest.raises(MissingGlyphError, match="Glyph 8722"):
        to_svg(fig, title="t", desc="d")


def test_title_and_desc_are_required():
    fig, _ = new_figure(3, 2)
    with pytest.raises(ValueError):
        to_svg(fig, title=" ", desc="d")


def test_font_is_the_packaged_nanumgothic():
    path = plotting._font_path()
    assert path.endswith(os.path.join("koreanize_matplotlib", "fonts", "NanumGothic.ttf"))
    assert os.path.isfile(path)
    assert plotting.FONT_NAME == "NanumGothic"


def _run(script: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_figures_use_the_packaged_font_even_when_a_system_copy_comes_first(tmp_path):
    """matplotlib takes the first of equally good fonts, and a system NanumGothic (Debian's
    fonts-nanum) is listed before a font added later. A copy of the file in a temporary folder,
    put first in matplotlib's list by the test, stands for it on machines without one; the
    global lookup keeps finding it, yet every label of a figure is laid out with the packaged file."""
    out = _run(f"""
        import importlib.util, os, shutil
        from matplotlib import font_manager as fm
        from matplotlib.text import Text
        spec = importlib.util.find_spec("koreanize_matplotlib")
        packaged = os.path.join(list(spec.submodule_search_locations)[0], "fonts", "NanumGothic.ttf")
        decoy = shutil.copy(packaged, {str(tmp_path)!r})
        fm.fontManager.addfont(decoy)
        fm.fontManager.ttflist.sort(key=lambda entry: entry.fname != decoy)  # the test's stand-in, found first
        family = fm.FontProperties(family="NanumGothic")
        assert fm.findfont(family) == decoy
        import xentdocs.plotting as plotting
        assert fm.findfont(family) == decoy, "the global lookup is the machine's business"
        fig, ax = plotting.new_figure(4, 3)
        ax.plot([0, 1, 2], [1, -1, 3], label="손실")
        ax.set_title("교차 엔트로피 $H(P;Q)$")
        ax.set_xlabel("확률")
        ax.legend()
        plotting.to_svg(fig, title="t", desc="d")
        texts = [t for t in fig.findobj(Text) if t.get_text()]
        print(len(texts), sorted({{str(fm.findfont(t.get_fontproperties())) for t in texts}}) == [packaged])
    """)
    count, only_packaged = out.split()
    assert int(count) >= 8 and only_packaged == "True", out  # title, label, legend and tick labels


def test_importing_and_drawing_change_no_global_matplotlib_state():
    out = _run("""
        import matplotlib
        from matplotlib import font_manager as fm
        before = dict(matplotlib.rcParams)
        fonts = [entry.fname for entry in fm.fontManager.ttflist]
        import xentdocs.plotting as plotting
        fig, ax = plotting.new_figure(4, 3)
        ax.plot([0, 1], [1, 0], label="a")
        ax.legend()
        assert ax.get_lines()[0].get_linewidth() == plotting.STYLE["lines.linewidth"]
        plotting.to_svg(fig, title="t", desc="d")
        after = dict(matplotlib.rcParams)
        changed = sorted(k for k in before if before[k] != after[k])
        now = [entry.fname for entry in fm.fontManager.ttflist]
        print(changed == [] and now[: len(fonts)] == fonts and len(now) >= len(fonts), changed[:5])
    """)
    assert out.startswith("True"), out


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#1e2129"])  # Material: default, slate (hsl 225 15% 14%)
def test_palette_readable_on_both_schemes(background):
    for colour in PALETTE:
        assert _contrast(colour, background) >= 3.0, (colour, background)


def test_imports_only_numpy_and_matplotlib():
    code = (
        "import sys, xentdocs.plotting\n"
        "third = {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names)\n"
        "print(sorted(third))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         capture_output=True, text=True, check=True)
    allowed = {"xentdocs", "numpy", "matplotlib", "mpl_toolkits", "PIL", "pyparsing", "cycler", "dateutil",
               "kiwisolver", "contourpy", "fontTools", "packaging", "six"}
    found = {name for name in eval(run.stdout) if not name.startswith("_")}
    assert "koreanize_matplotlib" not in found, "the font is found by path; importing the package changes rcParams"
    assert found <= allowed, found - allowed


def test_mathtext_minus_missing_from_the_font_raises():
    """A log axis labels its ticks with mathtext (10^-6), whose minus NanumGothic lacks.

    matplotlib only logs that and draws a placeholder, so to_svg must turn it into an error.
    """
    from xentdocs.plotting import MissingGlyphError, new_figure, to_svg

    fig, ax = new_figure()
    ax.semilogy([1, 2], [1e-6, 1])
    with pytest.raises(MissingGlyphError, match="U\\+2212"):
        to_svg(fig, title="log axis", desc="ticks from 1e-6 to 1")


# What to_svg drops from matplotlib's SVG: digits past a hundredth of a point, groups that only carry a
# name, each label's copy of the font stack, and rotations by 0 degrees.

DRAWING = ("path", "use", "text", "tspan", "rect", "image", "clipPath")


def _drawing(svg: str) -> list[tuple[str, str, list[float]]]:
    """Every element that draws (or clips), in document order: tag, text, the numbers of its geometry."""
    root = ET.fromstring(svg[svg.index("<svg"):])
    found = []
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag in DRAWING:
            numbers = [float(n) for a in ("d", "x", "y", "width", "height")
                       for n in re.findall(r"-?\d+(?:\.\d+)?", element.get(a, ""))]
            found.append((tag, (element.text or "").strip(), numbers))
    return found


def test_compact_svg_draws_what_matplotlib_drew():
    def figure():
        fig, ax = new_figure(4, 2.5)
        q = np.linspace(0.05, 0.95, 19)
        ax.plot(q, -np.log(q), label="정보량")
        ax.bar([0.2, 0.5], [1.5, 2.5], width=0.1, label="막대")
        ax.set_title("교차 엔트로피 $H(P;Q)$")  # mathtext: tspans with their own font
        ax.set_ylabel("값 (내트)")  # a rotated label
        ax.legend()
        return fig

    matplotlib_svg = plotting._render(figure())
    svg = to_svg(figure(), title="t", desc="d")
    before, after = _drawing(matplotlib_svg), _drawing(svg)
    assert [(tag, text) for tag, text, _ in after] == [(tag, text) for tag, text, _ in before]
    for (tag, _, old), (_, _, new) in zip(before, after):
        assert len(old) == len(new) and all(abs(a - b) <= 0.005 for a, b in zip(old, new)), tag
    assert len(svg) < 0.75 * len(matplotlib_svg)


def test_compact_svg_rounds_to_hundredths_and_unwraps_name_only_groups():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" aria-labelledby="f-title">'
        '<title id="f-title">t</title>'
        '<g id="f-axes_1"><g id="f-line2d_1"><path d="M 1.234567 2.5 L 3.999999 -0.001" /></g>'
        '<g transform="rotate(-0 10.5 20)"><text x="10.504999" y="20" transform="rotate(-0 10.5 20)">a</text></g>'
        '<g id="f-text_2" transform="rotate(-90 1 2)"><text>b</text></g></g></svg>'
    )
    out = plotting._compact(svg)
    # 1.234567 -> 1.23; 3.999999 -> 4; -0.001 -> 0 (no "-0"); 10.504999 -> 10.5
    assert '<path d="M 1.23 2.5 L 4 0" />' in out
    assert '<text x="10.5" y="20">a</text>' in out
    # A named part keeps its id; a name-only group goes, a group that transforms stays (without the id).
    assert 'id="f-axes_1"' in out and "line2d" not in out and "text_2" not in out
    assert '<g transform="rotate(-90 1 2)"><text>b</text></g>' in out
    assert 'id="f-title"' in out  # named by aria-labelledby


def test_labels_inherit_the_font_stack_from_the_root():
    root = parse(sample())
    assert root.get("style").endswith(f"font-family: {plotting.FONT_STACK};")
    assert all("font-family" not in t.get("style", "") for t in root.iter(f"{SVG_NS}text"))
