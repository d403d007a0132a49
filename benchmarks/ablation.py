"""Ablation of the site's page-load and serve-speed measures: what each one is worth, measured.

    .venv/bin/python benchmarks/ablation.py                          # this checkout, default variants
    .venv/bin/python benchmarks/ablation.py --tree /tmp/old --variant 'no theme edits=deferred_theme_script,...'

Each variant is this checkout (or ``--tree``) built with some of its build steps left out, served
gzipped as GitHub Pages serves it, and measured with Lighthouse 12.2.3 at its default mobile settings
(4x CPU, simulated Slow 4G) on the heaviest pages, ``--runs`` times each; a stock Material page with
the same theme settings is measured in the same loop, so the table says what this host scores for
Material itself. With ``--reload`` the variants are also served (``XENTDOCS_LANG=ko``, the one-language
authoring mode) and one page is edited twice to time the reload.

A step is left out in two ways at once, so the script measures old and new layouts alike: a line
``- docs/hooks/NAME.py`` is removed from the variant's mkdocs.yml (one hook per module, the layout
before the pipeline), and ``XENTDOCS_SKIP=NAME,...`` is set for the build (read by the pipeline,
``docs/pipeline/main.py``). ``offscreen`` also turns the stylesheet's ``content-visibility: auto``
off in the variant's copy.

Prints a table of medians; never a test (timings depend on the machine and its load, printed with them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
import sitebuild  # noqa: E402
import site_budgets as budgets  # noqa: E402

DEFAULT_PAGES = "ko/language-models,ko/reference/losses,ko/pytorch-options"
DEFAULT_VARIANTS = [
    "everything=",
    "no offscreen boxes=offscreen",
    "no font preload=font_preload",
    "no font subset=font_subset",
    "no page-weight steps=offscreen,font_preload,font_subset",
]


def copy_tree(tree: Path, dest: Path, drop: list[str]) -> Path:
    """A copy of `tree` (its .venv and node_modules linked) whose mkdocs.yml lists no dropped hook."""
    shutil.copytree(tree, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".artifacts", ".cache"))
    for name in (".venv", "node_modules"):
        (dest / name).symlink_to(tree / name)
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(line.strip() == f"- docs/hooks/{d}.py" for d in drop)]
    config.write_text("".join(kept), encoding="utf-8")
    if "offscreen" in drop:  # the skipping itself lives in the site's stylesheet
        css = dest / "docs" / "assets" / "stylesheets" / "extra.css"
        css.write_text(css.read_text(encoding="utf-8").replace("content-visibility: auto", "content-visibility: visible"),
                       encoding="utf-8")
    return dest


def variant_env(drop: list[str], lang: str | None = None) -> dict[str, str]:
    env = sitebuild.build_env(lang)
    env["XENTDOCS_SKIP"] = ",".join(drop)
    return env


def build(tree: Path, out: Path, drop: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([str(tree / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-q", "-d", str(out)],
                          cwd=tree, env=variant_env(drop), capture_output=True, text=True, timeout=900)
    if proc.returncode:
        raise RuntimeError(f"build failed:\n{(proc.stdout + proc.stderr)[-1500:]}")
    return time.perf_counter() - start


def reload_seconds(tree: Path, drop: list[str], page: str = "information-theory", edits: int = 2) -> list[float]:
    """`mkdocs serve` in the one-language mode; seconds from saving `page` to "Reloading browsers"."""
    serve = budgets.Serve("ko", cwd=tree, env=variant_env(drop, "ko"))
    page_file = tree / "docs" / f"{page}.md"
    original = page_file.read_text(encoding="utf-8")
    times = []
    try:
        serve.wait_for(r"Serving on", time.perf_counter(), timeout=900)
        time.sleep(2.0)
        for i in range(edits):
            start = time.perf_counter()
            page_file.write_text(original + f"\n\n<!-- ablation {i} {start} -->\n", encoding="utf-8")
            times.append(serve.wait_for(r"Reloading browsers", start, timeout=600) - start)
            time.sleep(1.0)
    finally:
        page_file.write_text(original, encoding="utf-8")
        serve.stop()
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=HERE.parent, help="checkout to measure (default: this one)")
    ap.add_argument("--variant", action="append",
                    help="'label=step,step' (steps left out); repeatable; default: the pipeline's page-weight steps")
    ap.add_argument("--pages", default=DEFAULT_PAGES)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reload", action="store_true", help="also time serve reloads per variant")
    ap.add_argument("--no-lighthouse", action="store_true")
    args = ap.parse_args(argv)
    variants = [(label, [s for s in steps.split(",") if s]) for label, steps in
                (v.split("=", 1) for v in (args.variant or DEFAULT_VARIANTS))]
    pages = [p for p in sitebuild.expected_pages() if p.id in set(args.pages.split(","))]
    tree = args.tree.resolve()
    print(f"ablation of {tree} ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load {budgets.load_average()})", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="xentdocs-ablation-") as tmpdir:
        tmp = Path(tmpdir)
        sites = []
        for i, (label, drop) in enumerate(variants):
            copy = copy_tree(tree, tmp / f"tree-{i}", drop)
            seconds = build(copy, tmp / f"site-{i}", drop)
            budgets.log(f"{label}: built in {seconds:.1f} s")
            reloads = reload_seconds(copy, drop) if args.reload else []
            sites.append((label, drop, tmp / f"site-{i}", seconds, reloads))
        scores: dict[tuple[str, str], list[dict]] = {}
        if not args.no_lighthouse:
            control = budgets.build_control_site(tmp)
            servers = [sitebuild.serve(site, gzip_text=True) for *_, site, _, _ in sites]
            with sitebuild.serve(control, gzip_text=True) as control_server:
                entered = [s.__enter__() for s in servers]
                try:
                    for run in range(args.runs):  # interleaved, so drift in the host's speed hits all alike
                        scores.setdefault(("stock Material", "control"), []).append(
                            budgets.run_lighthouse(control_server.url, tmp))
                        for (label, *_), server in zip(sites, entered):
                            for page in pages:
                                budgets.log(f"run {run + 1}: {label} {page.id}")
                                scores.setdefault((label, page.id), []).append(
                                    budgets.run_lighthouse(server.page_url(page), tmp))
                finally:
                    for s in servers:
                        s.__exit__(None, None, None)
        for label, drop, _site, seconds, reloads in sites:
            rows.append((label, drop, seconds, reloads))
    print()
    print("| variant | left out | cold build s | serve reload s (ko) | " +
          " | ".join(f"{p.id} perf / TBT ms / CLS" for p in pages) + " |")
    print("|---|---|---|---|" + "---|" * len(pages))
    for label, drop, seconds, reloads in rows:
        cells = []
        for page in pages:
            runs = [r for r in scores.get((label, page.id), []) if "scores" in r and r["scores"]["performance"] is not None]
            failed = len(scores.get((label, page.id), [])) - len(runs)
            cells.append((summary(runs) if runs else "-") + (f" ({failed} runs without a score)" if failed else ""))
        rel = ", ".join(f"{r:.2f}" for r in reloads) or "-"
        print(f"| {label} | {', '.join(drop) or '-'} | {seconds:.1f} | {rel} | " + " | ".join(cells) + " |")
    control_runs = [r for r in scores.get(("stock Material", "control"), [])
                    if "scores" in r and r["scores"]["performance"] is not None]
    if control_runs:
        print(f"| stock Material (one paragraph) | - | - | - | {summary(control_runs)} |")
        index = [r["benchmark_index"] for r in control_runs if r.get("benchmark_index")]
        print(f"\nbenchmarkIndex {min(index):.0f}-{max(index):.0f}; medians of {args.runs} runs; "
              f"load at end {budgets.load_average()}")
    return 0


def summary(runs: list[dict]) -> str:
    perf = statistics.median(r["scores"]["performance"] for r in runs)
    tbt = statistics.median(float(str(r["metrics"].get("total-blocking-time", "0")).split()[0].replace(",", ""))
                            for r in runs)
    cls = statistics.median(float(str(r["metrics"].get("cumulative-layout-shift", "0")).split()[0]) for r in runs)
    return f"{perf:.0f} / {tbt:.0f} / {cls:.3f}"


if __name__ == "__main__":
    sys.exit(main())
