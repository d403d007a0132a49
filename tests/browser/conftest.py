"""Session fixtures for the browser tests: the site built once, served on 127.0.0.1, one headless
Chromium (Debian's, or $CHROMIUM_PATH) shared by every test.

Nothing here skips: a missing browser or a failed build is an error with a message, so CI (where
the lead's tests/conftest.py also turns skips into failures) cannot pass without looking.
Screenshots go to $XENTDOCS_SCREENSHOTS or .artifacts/screenshots; the folder is printed at the end.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# tests/ (sitebuild) and tests/browser (browser_harness) importable under any --import-mode
for _dir in (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]):
    if str(_dir) not in sys.path:
        sys.path.insert(0, str(_dir))

import sitebuild  # noqa: E402
from browser_harness import Harness, prepare_screenshot_dir, prune_screenshots  # noqa: E402

_RUN = {"screenshots": None, "harness": None}


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The whole site (both languages), built once with --strict into a temporary directory."""
    try:
        return sitebuild.shared_site()
    except sitebuild.BuildError as exc:
        error = str(exc)
    pytest.fail(f"the site does not build:\n{error}", pytrace=False)


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<free port>/<site_url path>/, as GitHub Pages lays it out."""
    with sitebuild.serve(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = Path(os.environ.get("XENTDOCS_SCREENSHOTS") or sitebuild.ROOT / ".artifacts" / "screenshots")
    path = prepare_screenshot_dir(path.resolve())
    _RUN["screenshots"] = path
    return path


@pytest.fixture(scope="session")
def harness(site_server, screenshot_dir):
    """One Chromium for the session; contexts per (scheme, viewport) are created on first use."""
    try:
        sitebuild.chromium_path()
        missing = None
    except RuntimeError as exc:
        missing = str(exc)
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        h = Harness(pw, site_server, screenshot_dir)
        _RUN["harness"] = h
        try:
            yield h
        finally:
            h.close()
            # a full run replaces the folder's content; a partial (-k) run only adds to it
            if len(h.written) >= 4 * len(sitebuild.expected_pages()):
                prune_screenshots(screenshot_dir, h.written, h.started)


def pytest_terminal_summary(terminalreporter):
    path = _RUN["screenshots"]
    if path is None:
        return
    h = _RUN["harness"]
    written = len(h.written) if h is not None else 0
    terminalreporter.section("browser screenshots")
    terminalreporter.write_line(f"{written} screenshots (light/dark x desktop/phone) written to {path}")
    if h is not None and h.timings:
        total = sum(t for _, _, t in h.timings)
        slowest = max(h.timings, key=lambda t: t[2])
        terminalreporter.write_line(
            f"{len(h.timings)} page visits took {total:.1f} s; slowest {slowest[0]} "
            f"{'/'.join(slowest[1])} {slowest[2]:.1f} s")
        terminalreporter.write_line("time by phase: " + ", ".join(
            f"{k} {v:.1f} s" for k, v in sorted(h.phases.items(), key=lambda kv: -kv[1])))
