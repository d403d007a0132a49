"""Run an executed code block again only when its code or the library changed.

The Korean and the English page include the same snippet files, so most executed blocks are
byte-for-byte the same code in both languages (figure blocks differ: they pass the page's labels),
and `mkdocs serve` rebuilds every page after each edit. This hook remembers the output of each
block that ran without error, keyed by its exact code (snippets are already inlined) and by the
state of the ``xentdocs`` sources, and reuses it:

- in a full build, the second language reuses the first language's identical blocks;
- in `mkdocs serve`, a reload re-runs only the blocks whose code changed (or every block, after an
  edit to the library), so the page being edited is back within a few seconds.

Blocks that use markdown-exec sessions, or that fail, are never cached. Entries not used by the
last build are dropped, so the memory stays the size of one build.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("exec_cache")

LIBRARY = "xentdocs"

# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; the cache must outlive that,
# so it lives in a process-wide namespace (and the wrapper installed once reads it from there).
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "exec_cache"):
    _shared.exec_cache = {"outputs": {}, "used": set(), "library": (), "runs": 0, "reused": 0, "prefetched": 0}
_cache: dict = _shared.exec_cache


def library_fingerprint() -> tuple:
    """(name, mtime, size) of every file of the library package, found without importing it."""
    spec = importlib.util.find_spec(LIBRARY)
    if spec is None or not spec.submodule_search_locations:
        return ()
    files = []
    for directory in spec.submodule_search_locations:
        for path in sorted(Path(directory).rglob("*.py")):
            stat = os.stat(path)
            files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def _install() -> bool:
    try:
        from markdown_exec._internal.formatters import python as formatter
    except ImportError:  # markdown-exec reorganised: run every block, as without this hook
        return False
    run = getattr(formatter, "_run_python", None)
    if run is None:
        return False
    if getattr(run, "_xentdocs_cached", False):
        return True

    cache = _cache
    cache["run"] = run  # markdown-exec's own runner, for docs/hooks/exec_prefetch.py's workers

    def cached_run(code: str, returncode: int | None = None, session: str | None = None, id: str | None = None, **extra):  # noqa: A002
        if session:
            return run(code, returncode=returncode, session=session, id=id, **extra)
        key = (code, returncode, cache["library"])
        cache["used"].add(key)
        if key in cache["outputs"]:
            cache["reused"] += 1
            return cache["outputs"][key]
        ahead = cache.get("pending", {}).pop(key, None)
        output = ahead.result() if ahead is not None else None  # None: failed there, run it here
        if output is not None:
            cache["prefetched"] += 1
            cache["outputs"][key] = output
            return output
        output = run(code, returncode=returncode, session=session, id=id, **extra)  # raises on error
        cache["runs"] += 1
        cache["outputs"][key] = output
        return output

    cached_run._xentdocs_cached = True
    formatter._run_python = cached_run
    return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not _install():
        log.info("markdown-exec internals changed; executed blocks are not cached")
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    # A build starts with the default language; the other languages follow inside it.
    if i18n.current_language in (None, i18n.default_language):
        for key in set(_cache["outputs"]) - _cache["used"]:
            del _cache["outputs"][key]
        _cache["used"].clear()
        _cache.update(library=library_fingerprint(), runs=0, reused=0, prefetched=0)


def on_post_build(config: MkDocsConfig) -> None:
    log.debug(f"executed blocks: {_cache['runs']} run here, {_cache.get('prefetched', 0)} run ahead by "
              f"exec_prefetch, {_cache['reused']} reused")
