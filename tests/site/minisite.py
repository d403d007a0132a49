"""Build helpers for tests/site: a strict build with its log captured, and tiny throwaway sites.

``MiniSite`` writes a small docs tree next to a ``mkdocs.yml`` that INHERITs the real one (same
hooks, extensions and plugins; only ``nav`` is its own) and builds it in a fresh ``mkdocs``
process, so a test can prove that one defect fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for sitebuild

import sitebuild  # noqa: E402

ROOT = sitebuild.ROOT
MKDOCS_YML = sitebuild.MKDOCS_YML

WARNING_LINE = re.compile(r"^(WARNING|ERROR)\b", re.MULTILINE)


@dataclass
class Build:
    returncode: int
    output: str
    site_dir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if WARNING_LINE.match(line)]

    def page(self, url: str) -> str:
        """HTML of a built page by its URL relative to the site root ('' or 'en/glossary/')."""
        path = self.site_dir / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def run_build(config: Path, site_dir: Path, *, cwd: Path, timeout: float = 300, lang: str | None = None,
              extra: tuple[str, ...] = ()) -> Build:
    """``mkdocs build --strict`` in a fresh interpreter, log captured (a --dirty build warns that it is
    one, so it is not strict)."""
    env = sitebuild.build_env(lang)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if "--dirty" not in extra else []), *extra, "-f", str(config), "-d", str(site_dir)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Build(process.returncode, process.stdout + process.stderr, site_dir)


class MiniSite:
    """A throwaway project that inherits the real mkdocs.yml but has its own tiny docs tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        self.docs.mkdir(parents=True)
        shutil.copytree(ROOT / "docs" / "pipeline", self.docs / "pipeline")
        shutil.copytree(ROOT / "docs" / "assets", self.docs / "assets")
        # Shared read-only inputs: KaTeX from node_modules, the library for mkdocstrings and `watch`.
        for name in ("node_modules", "xentdocs"):
            (root / name).symlink_to(ROOT / name, target_is_directory=True)
        self.nav: list = []

    def write(self, relative: str, text: str) -> Path:
        path = self.docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def page(self, stem: str, ko: str | None, en: str | None, title: str | None = None) -> None:
        """Add a page in both languages (None leaves that language's file out)."""
        if ko is not None:
            self.write(f"{stem}.md", ko)
        if en is not None:
            self.write(f"{stem}.en.md", en)
        self.nav.append({title or stem: f"{stem}.md"})

    def config(self) -> Path:
        import yaml

        config = {"INHERIT": str(MKDOCS_YML), "nav": self.nav}
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return path

    def build(self, lang: str | None = "ko", site_dir: str = "site", extra: tuple[str, ...] = ()) -> Build:
        """Build with --strict; by default the Korean pages only (XENTDOCS_LANG=ko), for speed."""
        return run_build(self.config(), self.root / site_dir, cwd=self.root, lang=lang, extra=extra)
