"""`mkdocs serve` shows the library as it is now, not as it was when the server started.

Executed code blocks import ``xentdocs`` inside the MkDocs process, and Python caches imported
modules, so an edit to ``xentdocs/*.py`` would not show up on reload. Before each build, if a loaded
``xentdocs`` module changed on disk since it was imported, all of them are dropped from
``sys.modules`` and the next block imports them afresh. A plain ``mkdocs build`` imports once.
"""

from __future__ import annotations

import os
import sys
import types

from mkdocs.config.defaults import MkDocsConfig

PACKAGE = "xentdocs"

# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; what was seen must survive.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "library_mtimes"):
    _shared.library_mtimes = {}
_seen: dict[str, float] = _shared.library_mtimes


def _library_modules() -> dict[str, str]:
    return {
        name: module.__file__
        for name, module in list(sys.modules.items())
        if (name == PACKAGE or name.startswith(PACKAGE + ".")) and getattr(module, "__file__", None)
    }


def on_pre_build(config: MkDocsConfig) -> None:
    changed = False
    for name, path in _library_modules().items():
        try:
            changed |= os.stat(path).st_mtime != _seen.get(name)
        except OSError:
            changed = True
    if changed and _seen:
        for name in _library_modules():
            sys.modules.pop(name, None)
    if changed:
        _seen.clear()


def on_post_build(config: MkDocsConfig) -> None:
    # Remember the files as the executed blocks of this build imported them.
    for name, path in _library_modules().items():
        try:
            _seen[name] = os.stat(path).st_mtime
        except OSError:
            pass
