"""Fixtures for the site build tests.

``site`` is the real site, built once per test session with ``mkdocs build --strict`` by
``tests/sitebuild.py`` (the same build the browser tests look at). ``mini_site`` builds a tiny
docs tree that inherits the real ``mkdocs.yml`` (same hooks, extensions and plugins) in a fresh
``mkdocs`` process with its log captured: the tests that prove a broken page fails the strict
build use it, and one language with two pages keeps each of those builds to a few seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/site, for minisite

from minisite import MiniSite, sitebuild  # noqa: E402

# --doctest-modules would import this file as a module named "conftest", which clashes with the
# other conftest.py files of the suite; it has no doctests.
collect_ignore = ["conftest.py"]


@pytest.fixture(scope="session")
def site() -> Path:
    """The whole site, both languages, built once per session with --strict (zero warnings: any
    warning of MkDocs, and of the libraries docs/pipeline/site_checks.py names, fails the build)."""
    try:
        return sitebuild.shared_site()
    except sitebuild.BuildError as exc:
        pytest.fail(f"the site does not build:\n{exc}", pytrace=False)


@pytest.fixture
def mini_site(tmp_path: Path) -> MiniSite:
    mini = MiniSite(tmp_path / "project")
    mini.page("index", "# 홈\n\n시작 페이지입니다.\n", "# Home\n\nThe start page.\n")
    return mini
