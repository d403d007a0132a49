"""One search index per language: Korean pages find Korean pages, English pages English ones.

mkdocs-static-i18n merges every language into the root ``search/search_index.json`` and points
the English pages' ``base`` at the site root, so an English search also lists the Korean pages
(which mention the English terms in parentheses). After the last build, this splits the index:
the root keeps the Korean pages, ``en/search/search_index.json`` gets the English ones, and the
English pages' ``base`` (from which Material's search loads its index) moves to ``en/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

PREFIX = "en/"
_BASE = re.compile(r'("base": ")([^"]*)(")')


def _english_base(page: Path, english_root: Path, site_path: str, old_base: str) -> str:
    """The English site's root as seen from ``page``: relative like Material's, or absolute if it was."""
    if old_base.startswith(("/", "http")):
        return site_path.rstrip("/") + "/" + PREFIX.rstrip("/")
    depth = len(page.relative_to(english_root).parts) - 1
    return "/".join([".."] * depth) or "."


def split_index(index: dict) -> tuple[dict, dict]:
    """The (Korean, English) halves of a merged index; English locations lose their ``en/``."""
    korean = [doc for doc in index["docs"] if not doc["location"].startswith(PREFIX)]
    english = [dict(doc, location=doc["location"][len(PREFIX) :]) for doc in index["docs"] if doc["location"].startswith(PREFIX)]
    return dict(index, docs=korean), dict(index, config=dict(index["config"], lang=["en"]), docs=english)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config: MkDocsConfig) -> None:
    root = Path(config.site_dir)
    index_path = root / "search" / "search_index.json"
    if not index_path.is_file() or not (root / PREFIX).is_dir():
        return
    korean, english = split_index(json.loads(index_path.read_text(encoding="utf-8")))
    if not english["docs"]:
        return
    index_path.write_text(json.dumps(korean, ensure_ascii=False), encoding="utf-8")
    english_path = root / PREFIX / "search" / "search_index.json"
    english_path.parent.mkdir(parents=True, exist_ok=True)
    english_path.write_text(json.dumps(english, ensure_ascii=False), encoding="utf-8")
    english_root = root / PREFIX
    site_path = urlsplit(config.site_url or "/").path
    for page in english_root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        moved = _BASE.sub(lambda m: m.group(1) + _english_base(page, english_root, site_path, m.group(2)) + m.group(3), html, count=1)
        if moved != html:
            page.write_text(moved, encoding="utf-8")
