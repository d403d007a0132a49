"""The softmax / cross entropy playground on the deep-learning page (issue 6), in a real browser.

Every displayed quantity is read from its data-value (the full float64 the page computed) and
compared with xentdocs for the same state (1e-12 relative); the state is read from the widget's
data-state (JSON) or, for links, from the URL fragment. The interactions are the reader's:
keyboard on the sliders, typing into the number inputs, the target picker and the buttons.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

import sitebuild
import xentdocs

pytestmark = pytest.mark.browser

LANGS = sitebuild.languages()
PAGE = "deep-learning/"
DEFAULTS = json.loads((sitebuild.ROOT / "docs/assets/javascripts/playground_defaults.json").read_text())
QUANTITIES = ("surprisal", "cross-entropy", "entropy", "kl")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def expected(state) -> dict:
    """What xentdocs computes for a playground state (x = z / T)."""
    x = np.array(state["logits"], dtype=float) / state["temperature"]
    y, eps = state["target"], state["smoothing"]
    C = len(x)
    q = xentdocs.softmax(x)
    p = np.eye(C)[y] * (1 - eps) + eps / C
    return {
        "q": list(q), "p": list(p),
        "surprisal": float(-xentdocs.log_softmax(x)[y]),
        "cross-entropy": float(xentdocs.cross_entropy_loss(x, y, label_smoothing=eps)),
        "entropy": float(xentdocs.entropy(q)),
        "kl": float(xentdocs.kl_divergence(p, q)),
    }


def close(a: float, b: float) -> bool:
    if not math.isfinite(b):
        return a == b or (math.isnan(a) and math.isnan(b))
    return abs(a - b) <= max(1e-12 * abs(b), 1e-15)


class Widget:
    def __init__(self, page):
        self.page = page
        self.root = page.locator(".xent-playground").first

    def state(self) -> dict:
        return json.loads(self.root.get_attribute("data-state"))

    def value(self, quantity, k=None) -> float:
        sel = f'[data-quantity="{quantity}"]' + ("" if k is None else f'[data-class="{k}"]')
        return float(self.root.locator(sel).get_attribute("data-value"))

    def check_against_xentdocs(self, where=""):
        state = self.state()
        want = expected(state)
        problems = []
        for q in QUANTITIES:
            got = self.value(q)
            if not close(got, want[q]):
                problems.append(f"{q}: page {got!r}, xentdocs {want[q]!r}")
        for name in ("q", "p"):
            for k, w in enumerate(want[name]):
                got = self.value(name, k)
                if not close(got, w):
                    problems.append(f"{name}[{k}]: page {got!r}, xentdocs {w!r}")
        assert not problems, f"{where} state {state}:\n" + "\n".join(problems)
        return state

    def logit_slider(self, k):
        return self.root.locator(f'.xp-row[data-class="{k}"] input[type="range"]')

    def logit_number(self, k):
        return self.root.locator(f'.xp-row[data-class="{k}"] input[type="number"]')

    def press(self, locator, key, times):
        locator.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    def button(self, action):
        return self.root.locator(f'button[data-action="{action}"]')


@pytest.fixture
def open_widget(harness, site_server):
    contexts = []

    def open_(prefix, fragment="", viewport=None, page_path=PAGE):
        context = harness.browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(site_server.url + prefix + page_path + fragment)
        page.wait_for_selector(".xent-playground .xp")
        return Widget(page), errors

    yield open_
    for context in contexts:
        try:
            context.close()
        except Exception:  # noqa: BLE001 - a test may have closed it already
            pass


@pytest.mark.parametrize("lang, prefix", LANGS, ids=[lang for lang, _ in LANGS])
def test_playground_computes_what_xentdocs_computes(open_widget, lang, prefix):
    w, errors = open_widget(prefix)
    page = w.page

    # labels in the page's language
    region = w.root.locator("section.xp")
    labels = [region.get_attribute("aria-label"), w.logit_slider(0).get_attribute("aria-label"),
              w.logit_number(0).get_attribute("aria-label"), w.root.locator(".xp-field label").first.inner_text(),
              w.button("reset").inner_text()]
    text = " ".join(labels) + " " + w.root.inner_text()
    if lang == "ko":
        assert all(HANGUL.search(label) for label in labels), labels
    else:
        assert not HANGUL.search(text), f"Hangul in the {lang} widget: {HANGUL.findall(text)[:10]}"
    assert w.root.locator("[aria-live]").count() == 1  # one polite summary line, not every number

    # the defaults from playground_defaults.json
    assert w.check_against_xentdocs("defaults") == DEFAULTS

    # keyboard on a logit slider: 3 steps of 0.1 to the right
    w.press(w.logit_slider(0), "ArrowRight", 3)
    state = w.check_against_xentdocs("slider")
    assert state["logits"][0] == pytest.approx(DEFAULTS["logits"][0] + 0.3, abs=1e-12)

    # typing a logit, the target, temperature and smoothing
    w.logit_number(1).fill("-2.25")
    assert w.check_against_xentdocs("number input")["logits"][1] == -2.25
    w.root.locator("select").select_option("2")
    assert w.check_against_xentdocs("target")["target"] == 2
    w.press(w.root.locator('input[type="range"][id$="-t"]'), "ArrowLeft", 5)
    assert w.check_against_xentdocs("temperature")["temperature"] == pytest.approx(0.5)
    w.press(w.root.locator('input[type="range"][id$="-e"]'), "ArrowRight", 15)
    assert w.check_against_xentdocs("smoothing")["smoothing"] == pytest.approx(0.15)

    # more classes, fewer classes
    w.button("add").click()
    w.logit_number(3).fill("7.5")
    assert len(w.check_against_xentdocs("added a class")["logits"]) == 4
    w.button("remove").click()
    assert len(w.check_against_xentdocs("removed a class")["logits"]) == 3

    # naive mode: a logit of 95 overflows float32 exp in the naive path, not in the stable one
    w.root.locator('input[type="radio"][value="naive"]').check()
    w.logit_number(0).fill("95")
    state = w.check_against_xentdocs("naive, z0 = 95")
    assert state["mode"] == "naive" and state["logits"][0] == 95
    assert w.value("naive-e", 0) == math.inf
    naive = [w.value("naive-surprisal"), w.value("naive-cross-entropy")]
    stable = [w.value("stable32-surprisal"), w.value("stable32-cross-entropy")]
    assert not all(math.isfinite(v) for v in naive), naive
    assert all(math.isfinite(v) for v in stable), stable
    assert all(math.isfinite(w.value(q)) for q in QUANTITIES)
    # the one-click preset puts the target's logit past 88.7
    w.root.locator("select").select_option("1")
    w.button("overflow").click()
    assert w.check_against_xentdocs("preset")["logits"][1] == 95
    assert not math.isfinite(w.value("naive-surprisal"))

    # the state is in the URL fragment (written with history.replaceState shortly after a change)
    page.wait_for_function("() => location.hash.startsWith('#xent=')")
    page.wait_for_function("s => JSON.stringify(JSON.parse(s)) === document.querySelector('.xent-playground').dataset.state",
                           arg=json.dumps(w.state()))
    page.wait_for_timeout(400)
    link_state, fragment = w.state(), page.evaluate("location.hash")
    assert fragment.startswith("#xent=z:"), fragment

    # reset
    w.button("reset").click()
    assert w.check_against_xentdocs("reset") == DEFAULTS
    assert page.evaluate("location.hash") == ""
    assert not errors, errors

    # a link restores that exact state
    w2, errors2 = open_widget(prefix, fragment)
    assert w2.check_against_xentdocs("from the link") == link_state
    assert w2.root.locator('[data-quantity="naive-surprisal"]').is_visible()
    assert not errors2, errors2


@pytest.mark.parametrize("lang, prefix", LANGS, ids=[lang for lang, _ in LANGS])
def test_playground_ignores_invalid_fragments_and_fits_a_phone(open_widget, lang, prefix):
    for fragment in ("#xent=z:1,2", "#xent=z:1,2,3;y:7", "#xent=z:1,2,nope;t:0", "#summary", "#xent=%E0%A4%A"):
        w, errors = open_widget(prefix, fragment, viewport={"width": 375, "height": 800})
        assert w.check_against_xentdocs(fragment) == DEFAULTS, fragment
        assert not errors, (fragment, errors)
        width = w.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"horizontal overflow at 375 px: {width}"
        w.page.context.close()


# The same widget is reused on two more pages, each starting from its own state (data-defaults
# written by docs/snippets/playground/static_figure.py from the page's overrides).
REUSED = {
    "numerical-stability/": {"logits": [3.0, 89.0, 1.0], "target": 0, "mode": "naive"},
    "pytorch-options/": {"smoothing": 0.1},
}


@pytest.mark.parametrize("page_path", list(REUSED))
@pytest.mark.parametrize("lang, prefix", LANGS, ids=[lang for lang, _ in LANGS])
def test_playground_reused_with_its_own_starting_state(open_widget, lang, prefix, page_path):
    widget, errors = open_widget(prefix, page_path=page_path)
    state = widget.check_against_xentdocs(f"{prefix}{page_path}")
    assert state == {**DEFAULTS, **REUSED[page_path]}
    if state["mode"] == "naive":
        # float32 exp(89) is inf (max ~3.4e38 < e^89 ~ 4.5e38), so q_0 = e^3/inf = 0 and the
        # as-written loss is -log 0 = inf; the float32 log-sum-exp one stays near the float64 loss
        assert widget.value("naive-cross-entropy") == math.inf
        stable32 = widget.value("stable32-cross-entropy")
        assert abs(stable32 - widget.value("cross-entropy")) <= 1e-6 * widget.value("cross-entropy")
    else:
        # PyTorch's smoothing: the correct class gets 1 - eps + eps/C (hand formula, C = 3)
        assert close(widget.value("p", 0), 1 - 0.1 + 0.1 / 3)
    assert not errors, errors


@pytest.mark.parametrize("page_path", [PAGE, *REUSED])
@pytest.mark.parametrize("lang, prefix", LANGS, ids=[lang for lang, _ in LANGS])
def test_without_javascript_the_static_figure_stands_in(harness, site_server, lang, prefix, page_path):
    context = harness.browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url + prefix + page_path)
        figure = page.locator(".xent-playground figure svg[role=img]")
        assert figure.count() == 1
        box = figure.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, box
        name = figure.locator("title").text_content()
        assert name and (HANGUL.search(name) if lang == "ko" else not HANGUL.search(name)), name
        caption = page.locator(".xent-playground figcaption").inner_text()
        assert ("자바스크립트" in caption) if lang == "ko" else ("JavaScript" in caption), caption
    finally:
        context.close()


def test_pages_without_a_playground_do_not_fetch_it(harness, site_server):
    context = harness.browser.new_context()
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda req: requested.append(req.url))
        page.goto(site_server.url + "glossary/", wait_until="networkidle")
        assert any(u.endswith("/playground.js") for u in requested), requested  # the loader is there
        assert not [u for u in requested if "playground_widget" in u or "xent_math" in u], requested
        page.goto(site_server.url + PAGE, wait_until="networkidle")
        assert any("playground_widget.js" in u for u in requested)
    finally:
        context.close()
