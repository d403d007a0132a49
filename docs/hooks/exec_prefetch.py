"""Run the pages' executed code blocks on every core, ahead of the pages that show them.

markdown-exec runs each ``exec="1"`` block when MkDocs converts its page, one after the other in
one process, and most of a cold build is spent there (drawing some forty figures). At the start
of a build this hook reads every page that will be built, expands its snippet includes the way
pymdownx.snippets does, and hands each executed block that docs/hooks/exec_cache.py has not cached
to a pool of worker processes (one per core). When markdown-exec reaches a block, exec_cache
takes the worker's output instead of running the code again.

The pool only computes ahead; it never decides what a page shows:

- a block is matched by its exact code (and the library's state), so a block this hook reads
  differently from markdown-exec is simply run in-process as before;
- a block that raises, or logs a warning, in a worker is run again in-process, so errors and
  ``--strict`` warnings are reported exactly as without this hook;
- blocks with ``session=`` share state across blocks and are never sent to the pool.

Under ``mkdocs serve`` a reload usually changes a block or two: fewer than ``MIN_BLOCKS`` uncached
blocks run in-process, where the imports are already warm.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import re
import sys
import textwrap
import threading
import types
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("exec_prefetch")

MIN_BLOCKS = 4
LANG_ENV = "XENTDOCS_LANG"  # as in mkdocs.yml's build_only_locale and docs/hooks/one_language.py
# NAME.md is Korean even when XENTDOCS_LANG=en makes English the default language
UNSUFFIXED_LOCALE = "ko"

_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "prefetch"):
    _shared.prefetch = {"pool": None, "warm": None}
_state: dict = _shared.prefetch

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<lang>python|py)\b(?P<options>[^\n]*)$")
_EXEC_ON = re.compile(r"""\bexec=["']?(?:1|true|yes|on)\b""", re.IGNORECASE)
_SNIPPET = re.compile(r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+(?P<quote>["'])(?P<path>[^"'\n]+)(?P=quote)[ \t]*$""")


# --------------------------------------------------------------------------- reading the pages

def expand_snippets(text: str, base: Path) -> str:
    """Inline ``--8<-- "path"`` lines (path relative to ``base``), keeping each line's indentation."""
    out = []
    for line in text.split("\n"):
        match = _SNIPPET.match(line)
        if not match:
            out.append(line)
            continue
        included = (base / match["path"]).read_text(encoding="utf-8")
        # like pymdownx.snippets: a file ending in a newline leaves an empty line after it
        out.extend(match["indent"] + part if part else part for part in (included.split("\n") if included else []))
    return "\n".join(out)


def executed_blocks(markdown: str) -> list[tuple[str, int]]:
    """(code, returncode) of each executed Python block without a session, in page order."""
    blocks = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence, options = opening["indent"], opening["fence"], opening["options"]
        body = []
        i += 1
        while i < len(lines) and not re.match(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}[ \t]*$", lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        i += 1
        if _EXEC_ON.search(options) and "session=" not in options:
            returncode = re.search(r"""\breturncode=["']?(\d+)""", options)
            blocks.append((textwrap.dedent("\n".join(body)), int(returncode[1]) if returncode else 0))
    return blocks


def pages_to_build(docs_dir: Path, unsuffixed_locale: str) -> list[Path]:
    """The Markdown pages this build converts, the default language first, as MkDocs orders them.

    ``unsuffixed_locale`` is the language of ``NAME.md`` (the others are ``NAME.<locale>.md``)."""
    only = os.environ.get(LANG_ENV, "").strip()
    pages = list(docs_dir.glob("*.md"))

    def locale(path: Path) -> str:
        parts = path.name.split(".")
        return parts[-2] if len(parts) > 2 else unsuffixed_locale

    if only:
        pages = [p for p in pages if locale(p) == only]
    # index first within a language, like MkDocs' file order
    return sorted(pages, key=lambda p: (locale(p) != unsuffixed_locale, locale(p), p.name.split(".")[0] != "index", p.name))


# --------------------------------------------------------------------------- the workers

class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list = []

    def emit(self, record):
        self.records.append(record)


def _worker_init() -> None:
    # Anything a block logs at WARNING or above must be reported by the MkDocs process (where
    # --strict counts it), so the worker only collects records and says "run this one yourself".
    collector = _Collect()
    root = logging.getLogger()
    root.handlers = [collector]
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    _shared.prefetch_collector = collector


def _worker_run(code: str, returncode: int) -> str | None:
    """The block's output, or None if it raised or logged a warning."""
    collector = _shared.prefetch_collector
    collector.records.clear()
    try:
        output = _shared.exec_cache["run"](code, returncode=returncode)
    except Exception:  # noqa: BLE001 - the MkDocs process runs it again and reports the error
        return None
    return None if collector.records else output


# A ProcessPoolExecutor pickles the function it calls by module and name; hook modules are not
# importable by name, the shared state module is (workers are forked, so they have it).
_worker_init.__module__ = _worker_run.__module__ = _shared.__name__
_shared.prefetch_worker_init, _shared.prefetch_worker_run = _worker_init, _worker_run
_worker_init.__qualname__, _worker_run.__qualname__ = "prefetch_worker_init", "prefetch_worker_run"


def _shutdown() -> None:
    pool = _state.get("pool")
    _state["pool"] = None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _warm_imports(modules: list[str]) -> None:
    """Import what the blocks import, so a later in-process block (a `mkdocs serve` reload) does
    not pay for matplotlib or scikit-learn. A daemon thread, started with the first build's workers."""
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a block's own import error is reported when it runs
            pass


# --------------------------------------------------------------------------- MkDocs events

def on_pre_build(config: MkDocsConfig) -> None:
    cache = getattr(_shared, "exec_cache", None)
    i18n = config.plugins.get("i18n")
    if cache is None or "run" not in cache:
        return  # exec_cache could not wrap markdown-exec: nothing would pick the outputs up
    if i18n is not None and i18n.current_language not in (None, i18n.default_language):
        return  # the other languages' blocks were sent with the default language's
    _shutdown()
    cache["pending"] = {}
    docs_dir = Path(config.docs_dir)
    todo, seen = [], set()
    for page in pages_to_build(docs_dir, UNSUFFIXED_LOCALE):
        try:
            markdown = expand_snippets(page.read_text(encoding="utf-8"), docs_dir)
        except OSError:
            continue  # a missing snippet: the page's own build reports it
        for code, returncode in executed_blocks(markdown):
            key = (code, returncode, cache["library"])
            if key not in cache["outputs"] and key not in seen:
                seen.add(key)
                todo.append((key, code, returncode))
    if len(todo) < MIN_BLOCKS:
        log.debug(f"{len(todo)} uncached blocks: run in-process")
        return
    workers = max(1, min(os.cpu_count() or 1, len(todo)))
    # fork: the workers start with this process's imports, warning filters and BLAS thread limit
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"),
        initializer=_shared.prefetch_worker_init)
    _state["pool"] = pool
    for key, code, returncode in todo:
        cache["pending"][key] = pool.submit(_shared.prefetch_worker_run, code, returncode)
    log.debug(f"{len(todo)} blocks sent to {workers} worker processes")
    if _state.get("serving") and _state.get("warm") is None:
        imports = sorted({m[1] for _, code, _ in todo
                          for m in re.finditer(r"^(?:from|import)[ \t]+([A-Za-z_][\w.]*)", code, re.M)})
        _state["warm"] = threading.Thread(target=_warm_imports, args=(imports,), daemon=True)
        _state["warm"].start()


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_shutdown() -> None:
    _shutdown()
