"""Measure the site against its budgets and print a table (goals beside measured values).

    .venv/bin/python benchmarks/site_budgets.py                 # everything (~15 min on 2 cores)
    .venv/bin/python benchmarks/site_budgets.py --skip lighthouse,serve
    .venv/bin/python benchmarks/site_budgets.py --only build,profile --json .artifacts/budgets.json

What is measured
- build:      cold `mkdocs build --strict` of the whole site (fresh process, empty output dir), and
              each language alone (XENTDOCS_LANG) to show what the second language costs.
- profile:    the same build under cProfile: time in each hook, executed code blocks, the
              matplotlib import, figure rendering, KaTeX, mkdocstrings, the second-language build.
- serve:      `mkdocs serve` on a free port; append an HTML comment to one page and time until
              serve logs "Reloading browsers" (and the served page carries the marker). The marker
              is removed again afterwards (only the marker: concurrent edits to the file survive).
              Both languages, and XENTDOCS_LANG=<default> (the fast authoring mode).
- bytes:      first load of every page in a fresh browser context (headless Chromium): bytes of
              HTML, CSS, JS, fonts, images and data (search index) as served (uncompressed), and a
              gzip estimate of the same (GitHub Pages compresses text); inline SVG figure bytes.
- lighthouse: npm lighthouse 12.2.3 with Debian's Chromium (CHROME_PATH), default mobile emulation
              (Slow 4G simulated; the site served gzipped, as GitHub Pages does), CPU slowdown 4x
              (Lighthouse's default, which assumes a high-end desktop host; `--cpu-slowdown auto`
              calibrates it to this host's benchmarkIndex as Lighthouse's docs/throttling.md describes),
              categories performance / accessibility / best-practices / seo, every page, both languages.
              A peer runs in the same loop: a stock Material page with this site's theme settings and
              one paragraph (no hooks, math, code or figures), three times (start, middle, end), so the
              table shows what this host scores for Material itself.
              Reading the scores: Lighthouse navigates from about:blank, and Chromium's paint holding
              then holds the first paint for 0.75-1.9 s (at random) with the main thread idle. Its
              simulation counts every layout task and request observed before that paint in FCP, LCP
              and Speed Index, so a page that does more before its first paint swings more between
              runs (with --disable-features=PaintHolding the held paint comes at +0.15 s; the
              default is kept, as that is Lighthouse as it ships).
Not a test: numbers depend on the machine and its load (printed with the results).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import sitebuild  # noqa: E402

GOALS = {
    "cold build": 20.0,       # s, whole site, 2 cores
    "reload": 3.0,            # s, after editing one page under mkdocs serve
    "article transfer": 400_000,  # bytes, first load of an article page
    "performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100,
}
LH_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
STEPS = ["build", "profile", "serve", "bytes", "lighthouse"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kb(n: float) -> str:
    return f"{n / 1000:.0f}"


# --------------------------------------------------------------------------- build

def measure_builds(tmp: Path) -> dict:
    out = {}
    for label, lang in [("all languages", None)] + [(f"{loc} only", loc) for loc, _ in sitebuild.languages()]:
        log(f"cold build ({label}) ...")
        start = time.perf_counter()
        try:
            sitebuild.build_site(tmp / f"build-{lang or 'all'}", lang)
        except sitebuild.BuildError as exc:
            first = next((l for l in str(exc).splitlines() if l.startswith(("WARNING", "ERROR"))), str(exc)[-300:])
            out[label] = f"FAILED: {first.strip()[:150]}"
            log(f"  {out[label]}")
            continue
        out[label] = time.perf_counter() - start
        log(f"  {out[label]:.1f} s")
    return out


# --------------------------------------------------------------------------- profile

def profile_build(tmp: Path) -> dict:
    """cProfile of one full build; returns named cumulative times and the top packages."""
    prof = tmp / "build.prof"
    cmd = [str(ROOT / ".venv" / "bin" / "python"), "-m", "cProfile", "-o", str(prof),
           "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "profiled-site")]
    log("profiled build ...")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=sitebuild.build_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise sitebuild.BuildError(proc.stderr[-3000:])
    st = pstats.Stats(str(prof))
    entries = st.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}

    def cum(pred) -> tuple[float, int]:
        """Cumulative time of the matching functions that are not called by another match
        (so recursion and nesting are not double-counted)."""
        keys = {k for k in entries if pred(*k)}
        total, calls = 0.0, 0
        for k in keys:
            cc, nc, tt, ct, callers = entries[k]
            outside = {c: v for c, v in callers.items() if c not in keys}
            if callers and not outside:
                continue
            # cumulative time attributable to calls from outside the matched set
            frac = (sum(v[1] for v in outside.values()) / nc) if nc and callers else 1.0
            total += ct * min(1.0, frac)
            calls += nc
        return total, calls

    hooks_dir = str(ROOT / "docs" / "pipeline")
    rows = {}
    hook_files = sorted({Path(f).name for (f, _, fn) in entries if f.startswith(hooks_dir)})
    for name in hook_files:
        t, n = cum(lambda f, l, fn, name=name: f.startswith(hooks_dir) and Path(f).name == name and fn.startswith("on_"))
        rows[f"hook {name}"] = (t, n)
    rows["executed code blocks (markdown-exec)"] = cum(
        lambda f, l, fn: "markdown_exec" in f and fn in ("_run_python", "run_python"))
    rows["import matplotlib.pyplot"] = cum(lambda f, l, fn: f.endswith("matplotlib/pyplot.py") and fn == "<module>")
    rows["figure functions (*_figure)"] = cum(lambda f, l, fn: fn.endswith("_figure") and "site-packages" not in f)
    rows["matplotlib savefig (SVG)"] = cum(lambda f, l, fn: f.endswith("matplotlib/figure.py") and fn == "savefig")
    rows["xentdocs.plotting.to_svg"] = cum(lambda f, l, fn: f.endswith("xentdocs/plotting.py") and fn == "to_svg")
    rows["KaTeX (site_markdown.render_math)"] = cum(lambda f, l, fn: f.endswith("site_markdown.py") and fn == "render_math")
    rows["mkdocstrings (collect+render)"] = cum(
        lambda f, l, fn: "mkdocstrings" in f and fn in ("run", "_process_block"))
    rows["markdown conversion (all pages)"] = cum(lambda f, l, fn: f.endswith("markdown/core.py") and fn == "convert")
    rows["second language (i18n on_post_build)"] = cum(
        lambda f, l, fn: "mkdocs_static_i18n" in f and fn == "on_post_build")
    rows["search index (search plugin)"] = cum(
        lambda f, l, fn: "material/plugins/search" in f and fn in ("on_page_context", "on_post_build"))
    rows["template rendering (jinja)"] = cum(lambda f, l, fn: f.endswith("mkdocs/commands/build.py") and fn == "_build_page")

    # self time by package
    by_pkg: dict[str, float] = {}
    for (f, _l, fn), (_cc, _nc, tt, _ct, _callers) in entries.items():
        m = re.search(r"site-packages/([^/]+)", f)
        if m:
            pkg = m.group(1).split(".")[0]
        elif f.startswith(hooks_dir):
            pkg = "docs/pipeline"
        elif "/xentdocs/" in f:
            pkg = "xentdocs"
        elif f == "~":
            pkg = "builtins: " + ("subprocess wait/select" if any(w in fn for w in ("poll", "select", "read", "wait"))
                                  else "other C calls")
        elif "/lib/python3" in f:
            pkg = "stdlib"
        else:
            pkg = "other"
        by_pkg[pkg] = by_pkg.get(pkg, 0.0) + tt
    top = sorted(by_pkg.items(), key=lambda kv: -kv[1])[:10]
    total = max(ct for (_cc, _nc, _tt, ct, _c) in entries.values())
    return {"wall": wall, "total": total, "rows": rows, "by_package": top}


# --------------------------------------------------------------------------- serve

class Serve:
    """`mkdocs serve` as a child process whose log lines are timestamped as they arrive."""

    def __init__(self, lang: str | None, cwd: Path = ROOT, env: dict | None = None):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [str(cwd / ".venv" / "bin" / "mkdocs"), "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=cwd, env=env or sitebuild.build_env(lang), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append((time.perf_counter(), line.rstrip()))
                self.cond.notify_all()

    def wait_for(self, pattern: str, after: float, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        rx = re.compile(pattern)
        with self.cond:
            while True:
                for t, line in self.lines:
                    if t >= after and rx.search(line):
                        return t
                left = deadline - time.perf_counter()
                if left <= 0 or self.proc.poll() is not None:
                    tail = "\n".join(l for _, l in self.lines[-15:])
                    raise TimeoutError(f"no {pattern!r} from mkdocs serve within {timeout:.0f} s:\n{tail}")
                self.cond.wait(min(left, 1.0))

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # our own child's process group only
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _fetch(url: str) -> str:
    import urllib.request
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - local server
        return r.read().decode("utf-8", "replace")


def measure_reload(edit_stem: str, lang: str | None, edits: int = 2) -> dict:
    """Start serve, edit one page `edits` times, report the initial build and each reload."""
    label = "all languages" if lang is None else f"{lang} only (XENTDOCS_LANG={lang})"
    log(f"mkdocs serve ({label}) ...")
    page_file = ROOT / "docs" / f"{edit_stem}.md"
    serve = Serve(lang)
    result = {"mode": label, "page": page_file.name, "reloads": []}
    try:
        t0 = time.perf_counter()
        t_up = serve.wait_for(r"Serving on", t0, timeout=900)
        result["first build"] = t_up - t0
        url = f"http://127.0.0.1:{serve.port}{sitebuild.base_path()}" + ("" if edit_stem == "index" else f"{edit_stem}/")
        time.sleep(2.0)  # let the watcher settle
        for _ in range(edits):
            marker = f"<!-- budget-marker-{uuid.uuid4().hex} -->"
            addition = f"\n\n{marker}\n"
            with open(page_file, "a", encoding="utf-8") as fh:
                start = time.perf_counter()
                fh.write(addition)
            try:
                t_done = serve.wait_for(r"Reloading browsers", start, timeout=600)
                reload_s = t_done - start
                served = marker in _fetch(url)
                result["reloads"].append({"seconds": reload_s, "marker served": served})
                log(f"  reload {reload_s:.2f} s (marker served: {served})")
            finally:
                # remove only our marker, keeping anything another author wrote meanwhile
                text = page_file.read_text(encoding="utf-8")
                page_file.write_text(text.replace(addition, "", 1), encoding="utf-8")
            # the removal triggers another rebuild; let it finish before the next edit
            try:
                serve.wait_for(r"Reloading browsers", time.perf_counter() - 0.01, timeout=600)
            except TimeoutError:
                pass
            time.sleep(1.0)
    finally:
        serve.stop()
    return result


# --------------------------------------------------------------------------- bytes

CATEGORY = {"document": "html", "stylesheet": "css", "script": "js", "font": "fonts", "image": "images",
            "fetch": "data", "xhr": "data", "manifest": "data"}


def measure_bytes(server, pages) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=sitebuild.chromium_path(), headless=True,
                                     args=sitebuild.CHROMIUM_ARGS)
        try:
            for page_ in pages:
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                finished = []
                ctx.on("requestfinished", lambda req: finished.append(req))
                tab = ctx.new_page()
                tab.goto(server.page_url(page_), wait_until="load")
                tab.wait_for_load_state("networkidle")
                svg_bytes = tab.evaluate("""() => [...document.querySelectorAll('.md-content svg[role="img"]')]
                    .reduce((n, s) => n + new TextEncoder().encode(s.outerHTML).length, 0)""")
                raw: dict[str, int] = {}
                gz: dict[str, int] = {}
                for req in finished:
                    resp = req.response()
                    if resp is None:
                        continue
                    cat = CATEGORY.get(req.resource_type, "other")
                    try:
                        body = resp.body()
                    except Exception:  # noqa: BLE001 - e.g. worker scripts without a body
                        body = b""
                    size = len(body) or req.sizes().get("responseBodySize", 0)
                    raw[cat] = raw.get(cat, 0) + size
                    compressible = cat in ("html", "css", "js", "data", "other") or req.url.endswith(".svg")
                    gz[cat] = gz.get(cat, 0) + (len(gzip.compress(body, 6)) if compressible and body else size)
                out[page_.id] = {"raw": raw, "gzip": gz, "figures": svg_bytes, "requests": len(finished)}
                ctx.close()
        finally:
            browser.close()
    return out


# --------------------------------------------------------------------------- lighthouse

def calibrated_cpu_slowdown(benchmark_index: float) -> float:
    """Lighthouse's CPU slowdown for this host, aimed at a mid-tier phone.

    The default 4x assumes a high-end desktop host (benchmarkIndex 1500-2000). Lighthouse's
    docs/throttling.md ("Calibrating the CPU slowdown") lists the multiplier per host class:
    high-end desktop 4x (2-10), low-end desktop (1000-1500) 2x (1-5), high-end mobile (800-1200)
    2x (1-5). Within a class, interpolate from the low end to the high end of its range."""
    brackets = [  # (index from, index to, multiplier at the low end, at the high end)
        (1500, 2000, 4.0, 6.0),
        (1000, 1500, 2.0, 4.0),
        (800, 1000, 1.5, 2.0),
    ]
    for low, high, at_low, at_high in brackets:
        if benchmark_index >= low:
            frac = min(1.0, (benchmark_index - low) / (high - low))
            return round(at_low + frac * (at_high - at_low), 1)
    return 1.0


CONTROL_PAGE = """# 교차 엔트로피

교차 엔트로피(cross entropy)는 정답 분포에서 뽑은 사건을 예측 분포의 부호로 적을 때 드는 평균 길이입니다.
"""


def build_control_site(tmp: Path) -> Path:
    """A stock Material site with this site's `theme:` settings and one paragraph, built strictly.

    The peer for the Lighthouse scores: same theme, palette, features and URL base, none of the
    site's hooks, plugins, stylesheets, math, code or figures.
    """
    project = tmp / "control"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text(CONTROL_PAGE, encoding="utf-8")
    config = {"site_name": "control", "site_url": sitebuild.site_url(),
              "theme": sitebuild.mkdocs_config()["theme"]}
    (project / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    out = project / "site"
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-q", "-d", str(out)],
                   cwd=project, env=sitebuild.build_env(), check=True, capture_output=True, timeout=300)
    return out


def run_lighthouse(url: str, tmp: Path, cpu_slowdown: float | None = None) -> dict:
    out_json = tmp / f"lh-{uuid.uuid4().hex}.json"
    profile = tmp / f"lh-profile-{uuid.uuid4().hex}"
    flags = " ".join(["--headless=new", *sitebuild.CHROMIUM_ARGS, f"--user-data-dir={profile}"])
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
           f"--output-path={out_json}", f"--only-categories={','.join(LH_CATEGORIES)}",
           f"--chrome-flags={flags}", "--max-wait-for-load=60000"]
    if cpu_slowdown is not None:
        cmd.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}")
    env = {**os.environ, "CHROME_PATH": sitebuild.chromium_path()}
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": str(exc)}
    if proc.returncode != 0 or not out_json.exists():
        return {"error": (proc.stderr or proc.stdout)[-500:]}
    report = json.loads(out_json.read_text())
    scores, failing = {}, {}
    for cat in LH_CATEGORIES:
        c = report["categories"][cat]
        scores[cat] = None if c["score"] is None else round(c["score"] * 100)
        bad = []
        for ref in c["auditRefs"]:
            a = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 0.9:
                bad.append(f"{ref['id']}={a.get('displayValue') or round(a['score'], 2)}")
        failing[cat] = bad
    metrics = {k: report["audits"][k].get("displayValue") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
               if k in report["audits"]}
    return {"scores": scores, "failing": failing, "metrics": metrics,
            "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
            "cpu_slowdown": report.get("configSettings", {}).get("throttling", {}).get("cpuSlowdownMultiplier")}


# --------------------------------------------------------------------------- report

def mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISS")


def lighthouse_line(label: str, r: dict, note) -> str:
    """One row of the Lighthouse table: the four scores, then `note(r)` (or the run's error)."""
    if "error" in r:
        return f"  {label:34} error: {r['error'][:120]}"
    cells = " ".join(f"{r['scores'][c] if r['scores'][c] is not None else '-':>5}" for c in LH_CATEGORIES)
    return f"  {label:34} {cells}   {note(r)}"


def print_report(res: dict) -> None:
    print()
    print(f"xentdocs site budgets  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average at start {res['load']})")
    if "build" in res:
        print("\nBuild")
        print(f"  {'what':44} {'measured':>9} {'goal':>8}")
        for label, s in res["build"].items():
            if isinstance(s, str):
                print(f"  {'cold mkdocs build --strict, ' + label:44} {s}")
                continue
            goal = GOALS["cold build"] if label == "all languages" else None
            print(f"  {'cold mkdocs build --strict, ' + label:44} {s:8.1f}s {('< %.0fs' % goal) if goal else '':>8}  "
                  f"{mark(s < goal) if goal else ''}")
    if "serve" in res:
        for r in res["serve"]:
            if "error" in r:
                print(f"  serve {r['mode']}: {r['error']}")
                continue
            print(f"  {'serve ' + r['mode'] + ': first build':44} {r['first build']:8.1f}s")
            for i, rl in enumerate(r["reloads"], 1):
                what = f"  reload after editing {r['page']} (#{i})"
                print(f"  {what:44} "
                      f"{rl['seconds']:8.2f}s {'< 3s':>8}  {mark(rl['seconds'] < GOALS['reload'])}"
                      + ("" if rl["marker served"] else "  (edit NOT visible in served page)"))
    if "profile" in res:
        p = res["profile"]
        print(f"\nWhere a full build's time goes (cProfile; profiled wall {p['wall']:.1f} s, "
              f"profiler overhead included)")
        for label, (t, n) in sorted(p["rows"].items(), key=lambda kv: -kv[1][0]):
            if t > 0:
                print(f"  {label:44} {t:8.2f}s  ({n} calls)")
        print("  self time by package: " + ", ".join(f"{k} {v:.1f}s" for k, v in p["by_package"]))
    if "bytes" in res:
        print("\nFirst load per page (fresh browser; KB; 'gzip' = what GitHub Pages would send)")
        cats = ["html", "css", "js", "fonts", "images", "data"]
        print(f"  {'page':34} " + " ".join(f"{c:>6}" for c in cats) + f" {'figs':>6} {'raw':>7} {'gzip':>6} {'goal':>6}")
        for pid, b in res["bytes"].items():
            raw_total, gz_total = sum(b["raw"].values()), sum(b["gzip"].values())
            article = not pid.endswith("/index")
            print(f"  {pid:34} " + " ".join(f"{kb(b['raw'].get(c, 0)):>6}" for c in cats)
                  + f" {kb(b['figures']):>6} {kb(raw_total):>7} {kb(gz_total):>6} "
                  + (f"{'<400':>6}  {mark(gz_total < GOALS['article transfer'])}" if article else ""))
    if "lighthouse" in res:
        indexes = [r["benchmark_index"] for r in res["lighthouse"].values() if r.get("benchmark_index")]
        print("\nLighthouse 12.2.3 (mobile emulation, simulated Slow 4G, text served gzipped like GitHub Pages; "
              "goals perf>=90 a11y=100 best=100 seo=100)")
        print(f"  CPU slowdown {res.get('cpu_slowdown')}x; this host's benchmarkIndex during the runs: "
              f"{min(indexes, default=0):.0f}-{max(indexes, default=0):.0f} (Lighthouse's 4x assumes 1500-2000)")
        print(f"  {'page':34} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}   below goal")
        for r in res.get("lighthouse_control", []):
            print(lighthouse_line("control (stock Material)", r, lambda r: (
                f"TBT {r['metrics'].get('total-blocking-time')}, LCP {r['metrics'].get('largest-contentful-paint')}")))
        for pid, r in res["lighthouse"].items():
            print(lighthouse_line(pid, r, lambda r: "; ".join(
                f"{cat}: " + ", ".join(r["failing"][cat][:4]) for cat in LH_CATEGORIES
                if r["scores"][cat] is not None and r["scores"][cat] < GOALS[cat]) or "ok"))
    for err in res.get("errors", []):
        print(f"error: {err}")
    print()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(STEPS)}")
    ap.add_argument("--skip", help="comma-separated steps to leave out")
    ap.add_argument("--edit-page", default="information-theory", help="stem of the page edited under serve")
    ap.add_argument("--pages", help="comma-separated page ids (ko/index,en/glossary) for bytes/lighthouse")
    ap.add_argument("--json", help="also write the raw results here")
    ap.add_argument("--cpu-slowdown", default="4",
                    help="Lighthouse's CPU slowdown: a number (default 4, Lighthouse's own), or 'auto' to calibrate "
                         "it to this host's benchmarkIndex as Lighthouse's docs/throttling.md describes")
    args = ap.parse_args(argv)
    steps = args.only.split(",") if args.only else list(STEPS)
    if args.skip:
        steps = [s for s in steps if s not in args.skip.split(",")]
    unknown = set(steps) - set(STEPS)
    if unknown:
        ap.error(f"unknown steps {unknown}")

    res: dict = {"load": load_average(), "errors": [],
                 "cpu_slowdown": None if args.cpu_slowdown == "auto" else float(args.cpu_slowdown)}
    pages = sitebuild.expected_pages()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if p.id in wanted]
    with tempfile.TemporaryDirectory(prefix="xentdocs-budgets-") as tmpdir:
        tmp = Path(tmpdir)
        if "build" in steps:
            res["build"] = measure_builds(tmp)
        if "profile" in steps:
            try:
                res["profile"] = profile_build(tmp)
            except Exception as exc:  # noqa: BLE001 - report and go on
                res["errors"].append(f"profile: {str(exc)[-300:]}")
        if "serve" in steps:
            res["serve"] = []
            for lang in (None, sitebuild.languages()[0][0]):
                try:
                    res["serve"].append(measure_reload(args.edit_page, lang))
                except Exception as exc:  # noqa: BLE001 - report and go on
                    res["serve"].append({"mode": lang or "all languages", "error": str(exc)[-800:]})
        try:
            bytes_and_lighthouse(steps, tmp, pages, res)
        except Exception as exc:  # noqa: BLE001 - keep what was measured
            res["errors"].append(f"{type(exc).__name__}: {str(exc)[-300:]}")
    print_report(res)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def bytes_and_lighthouse(steps, tmp, pages, res) -> None:
    """Serve the cold build (or a fresh one) and measure each page in the browser."""
    if "bytes" not in steps and "lighthouse" not in steps:
        return
    built = tmp / "build-all"
    site = built if (built / "index.html").exists() else sitebuild.build_site(tmp / "site")
    # gzip like GitHub Pages, so Lighthouse's simulated mobile network sees what readers download
    with sitebuild.serve(site, gzip_text=True) as server:
        if "bytes" in steps:
            log("first-load bytes ...")
            res["bytes"] = measure_bytes(server, pages)
        if "lighthouse" in steps:
            res["lighthouse"] = {}
            slowdown = res.get("cpu_slowdown")
            if slowdown is None:
                # one probe run reads this host's benchmarkIndex; the others use the calibrated slowdown
                probe = run_lighthouse(server.page_url(pages[0]), tmp)
                index = probe.get("benchmark_index")
                slowdown = calibrated_cpu_slowdown(index) if index else 4.0
                log(f"benchmarkIndex {index}: CPU slowdown {slowdown}x")
            res["cpu_slowdown"] = slowdown
            control_site = build_control_site(tmp)
            res["lighthouse_control"] = []
            control_turns = {0, len(pages) // 2, len(pages)}
            with sitebuild.serve(control_site, gzip_text=True) as control:
                for i in range(len(pages) + 1):
                    if i in control_turns:
                        log("lighthouse control (stock Material) ...")
                        res["lighthouse_control"].append(run_lighthouse(control.url, tmp, slowdown))
                    if i < len(pages):
                        log(f"lighthouse {pages[i].id} ...")
                        res["lighthouse"][pages[i].id] = run_lighthouse(server.page_url(pages[i]), tmp, slowdown)


if __name__ == "__main__":
    sys.exit(main())
