"""Drive headless Chromium over the built site: one browser, one context per viewport (desktop
1280x900, phone 375x812), every page loaded once per viewport and measured in one pass, light
then dark after clicking Material's palette toggle. Results are cached, so the many small tests
in test_site_in_browser.py only read them.

A visit records everything a reader's browser would complain about (HTTP status, console errors,
failed requests, requests to any host but the local server), takes a full-page screenshot per
scheme and runs the measurements in MEASURE_JS (raw TeX, KaTeX boxes, figures and their contrast
against what is painted under them, horizontal overflow); on the desktop viewport it also runs
axe-core (all rules in light, the colour rules again in dark).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import sitebuild

AXE_JS = sitebuild.ROOT / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 1}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SCHEMES = ("light", "dark")
KINDS = [(scheme, viewport) for viewport in ("desktop", "phone") for scheme in SCHEMES]

# Runs in the page after load (details opened). Returns plain JSON for the tests to judge.
MEASURE_JS = r"""
() => {
  // ---- colours: let the browser parse any CSS colour (rgb(), hsl(), color-mix(), ...) to sRGB
  const cv = document.createElement('canvas'); cv.width = cv.height = 1;
  const g = cv.getContext('2d', {willReadFrequently: true});
  const parse = (css) => {
    if (!css || css === 'none' || css.startsWith('url(')) return null;
    g.clearRect(0, 0, 1, 1); g.fillStyle = '#000'; g.fillStyle = css; g.fillRect(0, 0, 1, 1);
    const [r, gg, b, a] = g.getImageData(0, 0, 1, 1).data;
    // getImageData is premultiplied-then-unpremultiplied; alpha 0 means transparent
    return a === 0 ? {r: 0, g: 0, b: 0, a: 0} : {r, g: gg, b, a: a / 255};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const hex = (c) => c ? '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('') + (c.a < 1 ? `/${c.a.toFixed(2)}` : '') : null;
  // the colour actually behind an element: its ancestors' backgrounds composited, white canvas last
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = {r: 255, g: 255, b: 255, a: 1};
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const opacityChain = (el, stop) => {
    let o = 1;
    for (let e = el; e && e !== stop.parentElement; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity || '1');
    return o;
  };
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const out = {};

  // ---- page
  const se = document.scrollingElement;
  out.url = location.href;
  out.lang = document.documentElement.lang;
  out.title = document.title;
  out.h1 = (document.querySelector('.md-content h1') || {}).textContent || '';
  out.scheme = document.body.getAttribute('data-md-color-scheme');
  const pageBg = backdrop(document.querySelector('.md-content') || document.body);
  out.pageBg = hex(pageBg);
  out.pageBgLuminance = lum(pageBg);
  out.scrollWidth = se.scrollWidth; out.clientWidth = se.clientWidth;
  out.overflowing = [];
  if (se.scrollWidth > se.clientWidth) {
    // find the culprit by hiding elements: descend while hiding one child removes the overflow
    let el = document.body;
    const label = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
    descend: while (true) {
      for (const c of el.children) {
        const old = c.style.getPropertyValue('display');
        c.style.setProperty('display', 'none', 'important');
        const fixed = se.scrollWidth <= se.clientWidth;
        c.style.setProperty('display', old);
        if (fixed) { out.overflowing.push(label(c)); el = c; continue descend; }
      }
      break;
    }
    if (el !== document.body) {
      // inside the culprit: positioned descendants escape overflow boxes that are not positioned
      const escapees = [...el.querySelectorAll('*')].filter(e => getComputedStyle(e).position === 'absolute'
        && e.getBoundingClientRect().right > se.clientWidth).slice(0, 3).map(label);
      if (escapees.length) out.overflowing.push('absolutely positioned inside: ' + escapees.join(', '));
      out.overflowing.push('html: ' + el.outerHTML.slice(0, 200).replace(/\s+/g, ' '));
    }
  }

  // ---- math: raw TeX must not be visible as text
  const SKIP = 'pre, code, kbd, samp, script, style, noscript, textarea, template, .katex, math, svg, .md-search, .arithmatex .katex';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest(SKIP) || !visible(p)) continue;
    texts.push(n.nodeValue);
  }
  const visibleText = texts.join(' ');
  const rawTex = /\\(frac|dfrac|sum|prod|int|begin|end|left|right|log|exp|ln|text|mathrm|mathbf|operatorname|lVert|rVert|cdot|times|leq?|geq?|neq|infty|sqrt|hat|mid|quad|limits)(?![a-z])|\$\$|\\\(|\\\)|\\\[|\\\]/g;
  out.rawTex = [];
  for (const m of visibleText.matchAll(rawTex)) {
    out.rawTex.push(visibleText.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' '));
    if (out.rawTex.length >= 10) break;
  }
  out.unrenderedMath = [...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex'))
    .map(e => e.textContent.trim().slice(0, 80));
  out.katex = [...document.querySelectorAll('.katex')].map(e => {
    const r = e.getBoundingClientRect();
    const hiddenTab = e.closest('.tabbed-block') && !visible(e.closest('.tabbed-block'));
    const ann = e.querySelector('annotation');
    return {w: r.width, h: r.height, skip: !!hiddenTab, tex: (ann ? ann.textContent : e.textContent).trim().slice(0, 80)};
  });
  out.katexFonts = [...document.fonts].filter(f => f.family.replace(/["']/g, '').startsWith('KaTeX'))
    .map(f => `${f.family.replace(/["']/g, '')} ${f.weight} ${f.style}: ${f.status}`);

  // ---- figures: inline SVG with role=img inside the article
  const nameOf = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (ids.length) return ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    const t = el.querySelector(':scope > title');
    return t ? t.textContent.trim() : '';
  };
  const descOf = (el) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.length) return ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    const d = el.querySelector(':scope > desc');
    return d ? d.textContent.trim() : '';
  };
  const patchFill = (p) => {
    if (!p) return null;
    const s = getComputedStyle(p);
    const c = parse(s.fill);
    if (!c || c.a === 0) return null;
    c.a *= parseFloat(s.fillOpacity || '1');
    return c.a > 0.02 ? c : null;
  };
  out.figures = [...document.querySelectorAll('.md-content svg[role="img"]')].map((svg, index) => {
    const r = svg.getBoundingClientRect();
    const base = backdrop(svg.parentElement);
    // matplotlib: g#<prefix>figure_1 > g#patch_1 is the figure background, axes patches come next
    const figPatch = patchFill(svg.querySelector('g[id$="figure_1"] > g[id^="patch_"] > path, g[id^="figure_"] > g[id^="patch_"] > path'));
    const figBg = figPatch ? over(figPatch, base) : base;
    const backgrounds = [{where: 'figure', c: figBg}];
    for (const ax of svg.querySelectorAll('g[id*="axes_"]')) {
      const face = patchFill(ax.querySelector(':scope > g[id^="patch_"] > path, :scope > g[id*="patch_"] > path'));
      if (face) backgrounds.push({where: `axes ${ax.id}`, c: over(face, figBg)});
    }
    const textEls = [...svg.querySelectorAll('text')];
    const textStrings = textEls.map(t => t.textContent);
    // What is painted under a text: hit-test a few points across it and composite the filled SVG
    // shapes found there (bars, legend boxes, axes and figure patches) over the page backdrop.
    const shapeFill = (el) => {
      const s = getComputedStyle(el);
      const c = parse(s.fill);
      if (!c || c.a === 0) return null;
      c.a *= parseFloat(s.fillOpacity || '1') * opacityChain(el, svg);
      return c.a > 0.02 ? c : null;
    };
    const underText = (t) => {
      let r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return [];
      if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) {
        t.scrollIntoView({block: 'center', inline: 'center'});
        r = t.getBoundingClientRect();
      }
      const found = [];
      for (const fx of [0.25, 0.5, 0.75]) {
        const stack = document.elementsFromPoint(r.left + r.width * fx, r.top + r.height * 0.5);
        const layers = [];
        let image = false;
        for (const el of stack) {
          if (!svg.contains(el) || el === svg || el.contains(t) || /^(text|tspan|g|defs|svg|title|desc)$/i.test(el.tagName)) continue;
          if (/^image$/i.test(el.tagName)) { image = true; break; }
          const f = shapeFill(el);
          if (f) { layers.push(f); if (f.a >= 1) break; }
        }
        let bg = base;
        for (const c of layers.reverse()) bg = over(c, bg);
        found.push({c: bg, where: image ? 'raster image' : (layers.length ? 'shape under the text' : 'page'), image});
      }
      return found;
    };
    const worst = (els, prop) => {
      let min = null;
      for (const el of els) {
        if (!visible(el)) continue;
        const s = getComputedStyle(el);
        const c = parse(s[prop]);
        if (!c || c.a === 0) continue;
        const extra = prop === 'fill' ? parseFloat(s.fillOpacity || '1') : parseFloat(s.strokeOpacity || '1');
        if (prop === 'stroke' && parseFloat(s.strokeWidth || '1') === 0) continue;
        const a = c.a * extra * opacityChain(el, svg);
        if (a === 0) continue;
        const under = prop === 'fill' ? underText(el).filter(b => !b.image) : backgrounds;
        for (const bg of under) {
          const ink = over({...c, a}, bg.c);
          const ratio = contrast(ink, bg.c);
          if (!min || ratio < min.ratio) min = {ratio, ink: hex({...c, a}), background: hex(bg.c), where: bg.where,
            sample: (el.textContent || el.getAttribute('xlink:href') || el.getAttribute('href') || el.tagName).trim().slice(0, 40)};
        }
      }
      return min;
    };
    // axes ink: tick marks (<use> in x/ytick groups) and spines (stroke-only patches inside axes)
    const axesEls = [...svg.querySelectorAll('g[id*="xtick_"] use, g[id*="ytick_"] use')];
    for (const p of svg.querySelectorAll('g[id*="axes_"] g[id*="patch_"] > path')) {
      const s = getComputedStyle(p);
      if ((s.fill === 'none' || (parse(s.fill) || {a: 0}).a === 0) && s.stroke !== 'none' && !p.closest('g[id*="legend_"]')) axesEls.push(p);
    }
    return {
      index, id: svg.id || '', width: r.width, height: r.height, visible: visible(svg),
      name: nameOf(svg), desc: descOf(svg), text: textStrings.join(' | ').slice(0, 400),
      textCount: textEls.length, hasHangul: /[\uac00-\ud7a3]/.test(textStrings.join('')),
      // letters other than those of numbers like 1e-05
      hasLetters: /\p{L}/u.test(textStrings.join(' ').replace(/[-+\u2212]?\d+(\.\d+)?(e[-+\u2212]?\d+)?/gi, '')),
      replacement: /\ufffd/.test(svg.textContent) || /\ufffd/.test(nameOf(svg)),
      textContrast: worst(textEls, 'fill'), axesContrast: worst(axesEls, 'stroke'),
      backgrounds: backgrounds.map(b => `${b.where} ${hex(b.c)}`),
    };
  });
  return out;
}
"""

# Resolves once every finite animation and transition has ended: colours are judged as a reader is
# left with them, not in a frame of a fade (a palette switch, an answer just opened). Two frames
# first, so that transitions triggered by the last change have started.
SETTLE_JS = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const finite = document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                      new Promise(r => setTimeout(r, 3000))]);
}"""

# The computed accessible name of each figure, by axe-core's implementation of the spec.
AXE_NAMES_JS = r"""
() => {
  axe.setup(document);
  try {
    return [...document.querySelectorAll('.md-content svg[role="img"]')].map(el =>
      axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el)).trim());
  } finally { axe.teardown(); }
}
"""

AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_RUN_JS = r"""
async (rules) => {
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const r = await axe.run(document, options);
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                               summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300)}))}));
}
"""


@dataclass
class NetLog:
    console_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    responses: list = field(default_factory=list)


@dataclass
class Visit:
    page: sitebuild.Page
    kind: tuple
    url: str
    status: int | None = None
    net: NetLog = field(default_factory=NetLog)
    toggled: int = 0
    data: dict = field(default_factory=dict)
    axe: list | None = None
    axe_names: list | None = None
    screenshot: Path | None = None
    screenshot_bytes: int = 0
    seconds: float = 0.0


class Harness:
    """One Chromium, one context per viewport, cached visits.

    Each page is loaded once per viewport. The tab is measured in the light scheme, then
    Material's palette toggle is clicked and the same tab is measured again in the dark scheme,
    which is what a reader does (and halves the page loads)."""

    def __init__(self, playwright, server: sitebuild.SiteServer, screenshot_dir: Path):
        self.server = server
        self.screenshot_dir = screenshot_dir
        # Every host but the local server resolves to nothing, so a request that would leave the
        # machine fails at once (and is reported) instead of waiting on the network.
        no_dns = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
        self.browser = playwright.chromium.launch(
            executable_path=sitebuild.chromium_path(), headless=True,
            args=[*sitebuild.CHROMIUM_ARGS, no_dns])
        self._contexts: dict = {}
        self._current: dict = {}   # viewport -> NetLog of the tab in use
        self._origin: dict = {}    # viewport -> host:port the tab in use may talk to
        self._visits: dict = {}
        self.timings: list = []
        self.phases: dict = {}
        self.written: set = set()  # screenshot file names this session wrote
        self.started = time.time()

    def close(self):
        for ctx in self._contexts.values():
            ctx.close()
        self.browser.close()

    # ----------------------------------------------------------------- contexts
    def context(self, viewport):
        if viewport not in self._contexts:
            ctx = self.browser.new_context(color_scheme="light", **VIEWPORTS[viewport])
            # generous: the machine may be busy (2 cores); a real hang still fails
            ctx.set_default_timeout(30_000)
            ctx.set_default_navigation_timeout(60_000)
            self._current[viewport] = NetLog()
            ctx.on("request", lambda req, vp=viewport: self._request(vp, req))
            ctx.on("requestfailed", lambda req, vp=viewport: self._failed(vp, req))
            ctx.on("response", lambda resp, vp=viewport: self._response(vp, resp))
            self._contexts[viewport] = ctx
        return self._contexts[viewport]

    def _request(self, vp, req):
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self._origin.get(vp, self.server.netloc):
            self._current[vp].foreign.append(req.url)

    def _failed(self, vp, req):
        # ERR_ABORTED is a request cancelled by navigating away or closing the tab, not a failure
        if "ERR_ABORTED" not in (req.failure or ""):
            self._current[vp].failed.append(f"{req.url} ({req.failure})")

    def _response(self, vp, resp):
        self._current[vp].responses.append((resp.url, resp.status))
        if resp.status >= 400:
            self._current[vp].failed.append(f"{resp.url} (HTTP {resp.status})")

    def new_page(self, viewport, origin=None):
        """A fresh tab in the context of `viewport` (light scheme), with console listeners; returns
        the tab and the log its requests and console errors go to."""
        ctx = self.context(viewport)
        log = NetLog()
        self._current[viewport] = log
        self._origin[viewport] = origin or self.server.netloc
        page = ctx.new_page()
        page.on("console", lambda msg: log.console_errors.append(
            f"{msg.text} @ {msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}")
            if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log.console_errors.append(f"uncaught: {exc}"))
        return page, log

    # ----------------------------------------------------------------- palette
    @staticmethod
    def ensure_scheme(page, scheme) -> int:
        """Click Material's palette toggle until the page is in `scheme` (judged by the measured
        background luminance, not by scheme names). Returns how many clicks it took."""
        want_dark = scheme == "dark"
        clicks = 0
        for _ in range(4):
            lum = page.evaluate("""() => {
                const c = getComputedStyle(document.body).backgroundColor;
                const m = c.match(/[\\d.]+/g).map(Number);
                const f = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                return (m.length > 3 && m[3] === 0) ? 1 : 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
            }""")
            if (lum < 0.2) == want_dark:
                return clicks
            toggle = page.locator('form[data-md-component="palette"] label.md-header__button:not([hidden])')
            if toggle.count() == 0:
                raise AssertionError("no visible palette toggle in the header")
            toggle.first.click()
            clicks += 1
            page.wait_for_timeout(50)
        raise AssertionError(f"palette toggle never reached the {scheme} scheme after {clicks} clicks")

    # ----------------------------------------------------------------- visits
    def visit(self, page_, kind) -> Visit:
        """The measurements of `page_` in `kind` = (scheme, viewport); loads it on first use."""
        key = (page_.id, kind[1])
        if key not in self._visits:
            try:
                self._visits[key] = self.measure(page_, kind[1])
            except Exception as exc:  # noqa: BLE001 - cached and re-raised for every test of the page
                self._visits[key] = exc
        result = self._visits[key]
        if isinstance(result, Exception):
            raise result
        return result[kind[0]]

    def measure(self, page_, viewport, url=None, screenshot_dir=None, schemes=SCHEMES) -> dict:
        """Load one page in one viewport and measure it light, then dark: {'light': Visit,
        'dark': Visit}. url and screenshot folder are overridable for the harness's self-test."""
        start = last = time.perf_counter()
        url = url or self.server.page_url(page_)

        def lap(phase):
            nonlocal last
            now = time.perf_counter()
            self.phases[phase] = self.phases.get(phase, 0.0) + now - last
            last = now

        page, log = self.new_page(viewport, origin=urlsplit(url).netloc)
        visits = {}
        try:
            resp = page.goto(url, wait_until="load")
            status = resp.status if resp else None
            lap("load")
            if viewport == "desktop":
                # late requests (search index, sitemaps) must be seen once per page
                page.wait_for_load_state("networkidle")
                lap("network idle")
            # Every block drawn, as a reader sees each one once it is on screen: while the browser
            # skips an off-screen block (content-visibility: auto), a palette switch does not reach
            # its computed colours, and axe would judge colours it never paints.
            page.add_style_tag(content="* { content-visibility: visible !important; }")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            for scheme in schemes:
                visit = visits[scheme] = Visit(page_, (scheme, viewport), url, status=status, net=log)
                visit.toggled = self.ensure_scheme(page, scheme)
                page.evaluate(SETTLE_JS)
                page.evaluate("() => document.fonts.ready.then(() => true)")
                lap("palette + fonts")
                # the screenshot shows the page as a reader first sees it: answers collapsed, at the top
                page.evaluate("""() => { document.querySelectorAll('details[data-qa-opened]').forEach(d => {
                    d.open = false; d.removeAttribute('data-qa-opened'); }); window.scrollTo(0, 0); }""")
                name = f"{page_.lang}__{page_.stem.replace('/', '_')}__{scheme}-{viewport}.jpg"
                visit.screenshot = (screenshot_dir or self.screenshot_dir) / name
                # JPEG: full pages are tall (10k px); PNG encoding costs seconds each, text stays legible
                page.screenshot(path=str(visit.screenshot), full_page=True, type="jpeg", quality=85)
                visit.screenshot_bytes = visit.screenshot.stat().st_size
                if screenshot_dir is None:
                    self.written.add(visit.screenshot.name)
                lap("screenshot")
                # measure what a reader can reach: collapsed answers opened
                page.evaluate("""() => document.querySelectorAll('details:not([open])').forEach(d => {
                    d.open = true; d.setAttribute('data-qa-opened', ''); })""")
                page.evaluate(SETTLE_JS)
                visit.data = page.evaluate(MEASURE_JS)
                lap("measure")
                if viewport == "desktop":
                    if scheme == schemes[0]:
                        page.add_script_tag(path=str(AXE_JS))
                    visit.axe_names = page.evaluate(AXE_NAMES_JS)
                    # after the first scheme only colours change: rerun just the colour rules
                    visit.axe = page.evaluate(AXE_RUN_JS, None if scheme == schemes[0] else AXE_COLOUR_RULES)
                    lap("axe")
        finally:
            page.close()
            self._current[viewport] = NetLog()  # late events of the closed tab go nowhere
            self._origin.pop(viewport, None)
            lap("close")
        seconds = time.perf_counter() - start
        for visit in visits.values():
            visit.seconds = seconds / len(visits)
        self.timings.append((page_.id, ("light+dark", viewport), seconds))
        return visits


def prepare_screenshot_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def prune_screenshots(path: Path, keep: set, started: float) -> int:
    """Remove screenshots of pages that no longer exist: files this session did not write and
    that are older than its start (a concurrent run's fresh files are left alone)."""
    removed = 0
    for old in [*path.glob("*.png"), *path.glob("*.jpg")]:
        if old.name not in keep and old.stat().st_mtime < started:
            old.unlink()
            removed += 1
    return removed


def format_violations(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s))")
        for n in v["nodes"][:5]:
            lines.append(f"    at {n['target']}: {n['summary']}")
            lines.append(f"       {n['html']}")
    return "\n".join(lines)


