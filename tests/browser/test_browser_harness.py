"""The browser harness itself: a deliberately broken page must trip every check, so a green run of
test_site_in_browser.py means the site is clean, not that the checks are blind."""

from __future__ import annotations

import pytest

import sitebuild

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>broken</title></head>
<body style="margin:0;background:#ffffff">
<div class="md-content"><article>
  <p>unrendered math: $$ \\frac{a}{b} $$ and \\(x\\)</p>
  <div class="arithmatex">\\(y\\)</div>
  <svg role="img" width="300" height="60" viewBox="0 0 300 60">
    <text x="5" y="20" style="fill:#777777">English only, grey on white</text>
    <rect x="150" y="30" width="140" height="28" style="fill:#c8690a"></rect>
    <text x="155" y="50" style="fill:#ffffff">white on orange</text>
  </svg>
  <div style="width:900px;height:10px"></div>
  <img src="https://fonts.googleapis.com/icon.png" alt="">
  <img src="missing.png" alt="">
  <script>console.error("boom")</script>
</article></div>
</body></html>
"""


def test_harness_reports_a_broken_page(harness, tmp_path):
    (tmp_path / "site" / "broken").mkdir(parents=True)
    (tmp_path / "site" / "broken" / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    page = sitebuild.Page("ko", "broken", "")
    with sitebuild.serve(tmp_path / "site", base="/") as server:
        desktop = harness.measure(page, "desktop", url=server.page_url(page), screenshot_dir=tmp_path,
                                  schemes=("light",))["light"]
        phone = harness.measure(page, "phone", url=server.page_url(page), screenshot_dir=tmp_path,
                                  schemes=("light",))["light"]
    net, d = desktop.net, desktop.data
    assert any("fonts.googleapis.com" in u for u in net.foreign), net
    assert any("boom" in e for e in net.console_errors), net.console_errors
    assert any("missing.png" in f and "404" in f for f in net.failed), net.failed
    assert d["rawTex"] and any("frac" in t for t in d["rawTex"]), d["rawTex"]
    assert d["unrenderedMath"] == ["\\(y\\)"]
    (fig,) = d["figures"]
    assert fig["name"] == "" and not desktop.axe_names[0]
    assert fig["hasLetters"] and not fig["hasHangul"]
    # grey #777 on white is 4.48:1; white on #c8690a is 3.83:1 -- the orange bar must be seen
    assert fig["textContrast"]["ratio"] == pytest.approx(3.83, abs=0.01), fig["textContrast"]
    assert fig["textContrast"]["background"] == "#c8690a"
    assert {v["id"] for v in desktop.axe} >= {"svg-img-alt"}, [v["id"] for v in desktop.axe]
    assert phone.data["scrollWidth"] > phone.data["clientWidth"] == 375
    assert phone.data["overflowing"][:2] == ["div.md-content", "article"], phone.data["overflowing"]


# A colour that changes while a <details> is closed: Chrome keeps the closed content's old style and
# runs the transition only when the reader opens it, so the text fades in from white.
FADING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fading</title>
<style>.late { color: #ffffff; transition: color 600ms } body.ready .late { color: #111111 }</style></head>
<body style="margin:0;background:#ffffff"><main>
  <details><summary>Open me</summary><p class="late">Text that ends up dark on white.</p></details>
  <script>addEventListener('load', () => {
    getComputedStyle(document.querySelector('.late')).color;  // as Material's scripts measure tabs
    setTimeout(() => document.body.classList.add('ready'), 100);
  })</script>
</main></body></html>
"""


def test_harness_judges_colours_after_their_transitions(harness, tmp_path):
    """axe must see the colour a reader is left with, not a frame of the fade (CI once failed on
    a tab label caught mid-transition after a palette switch)."""
    (tmp_path / "site" / "fading").mkdir(parents=True)
    (tmp_path / "site" / "fading" / "index.html").write_text(FADING_PAGE, encoding="utf-8")
    page = sitebuild.Page("en", "fading", "")
    with sitebuild.serve(tmp_path / "site", base="/") as server:
        visit = harness.measure(page, "desktop", url=server.page_url(page), screenshot_dir=tmp_path,
                                schemes=("light",))["light"]
    assert not [v for v in visit.axe if v["id"] == "color-contrast"], visit.axe
