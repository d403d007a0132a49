"""Under `mkdocs serve`, convert again only the pages whose inputs changed since the last build.

A serve reload rebuilds every page of both languages, and turning Markdown into HTML (executed
blocks' Pygments highlighting, mkdocstrings' API reference, ...) is most of that time, though an
edit touches one page. This hook wraps MkDocs' ``Page.render`` (the Markdown conversion only: the
``page_markdown`` and ``page_content`` events of every plugin still run for every page) and, when a
page's conversion inputs are what they were the last time, gives the page the HTML, table of
contents, title and anchors that conversion produced instead of converting it again.

The inputs, all compared before a page is reused:

- the Markdown the conversion receives (after the ``page_markdown`` events), and the page's meta;
- the content of every snippet file the conversion included (recorded from pymdownx.snippets);
- the build: its language, mkdocs.yml (and what it INHERITs), the files of docs/hooks/ and of the
  library (executed code imports it, mkdocstrings reads it: any edit there converts every page),
  every file's URL (links are rewritten relative to them) and the site URL.

What a conversion does besides returning HTML is recorded and done again on reuse: the anchors it
registers with mkdocs-autorefs, the objects it adds to mkdocstrings' inventory, and the executed
blocks it marks as used in docs/hooks/exec_cache.py (so their outputs stay cached). MkDocs checks
the links to anchors after all pages, from each page's recorded links and anchors, so a broken
anchor is reported on every build. A conversion that logged anything (a warning under
``--strict``, an info about a link) is never reused: the next build converts the page again and
the message is logged again.

Not inputs: the installed packages (a plugin or KaTeX upgraded while serving needs a restart), and
files an executed block opens by itself (``playground_defaults.json``): exec_cache already reuses
such a block's output until its code or the library changes.

``mkdocs build`` is untouched: the wrapper is installed only when the command is ``serve``.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import logging
import os
import re
import sys
import types
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("page_reuse")

LIBRARY = "xentdocs"

# MkDocs imports hook modules afresh on every `mkdocs serve` rebuild; what the last build
# converted, and the one wrapper installed, must outlive that.
_shared = sys.modules.setdefault("_xentdocs_hook_state", types.ModuleType("_xentdocs_hook_state"))
if not hasattr(_shared, "page_reuse"):
    _shared.page_reuse = {"serving": False, "pages": {}, "recording": None, "build": None,
                          "reused": 0, "converted": 0}
_state: dict = _shared.page_reuse


# --------------------------------------------------------------------------- the inputs

def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _tree_stamps(directories) -> tuple:
    return tuple((str(path), _stamp(path)) for directory in sorted(set(directories)) if directory.is_dir()
                 for path in sorted(directory.rglob("*")) if path.is_file() and "__pycache__" not in path.parts)


def build_inputs(config: MkDocsConfig, files: Files) -> tuple:
    """What every page's conversion in this build depends on, besides its Markdown and snippets."""
    config_texts = []
    config_file = config.config_file_path
    while config_file and len(config_texts) < 10:  # mkdocs.yml and the files it INHERITs
        config_texts.append(Path(config_file).read_text(encoding="utf-8"))
        parent = re.search(r"^INHERIT:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", config_texts[-1], re.MULTILINE)
        config_file = parent and Path(config_file).parent / parent[1]
    # The library as executed code imports it, and as mkdocstrings reads it (next to mkdocs.yml).
    spec = importlib.util.find_spec(LIBRARY)
    library = [Path(d).resolve() for d in (spec.submodule_search_locations or [])] if spec else []
    library.append((Path(config.config_file_path).parent / LIBRARY).resolve())
    i18n = config.plugins.get("i18n")
    return (
        getattr(i18n, "current_language", None), getattr(i18n, "default_language", None),
        tuple(config_texts), config.site_url,
        _tree_stamps([Path(config.docs_dir) / "hooks", *library]),
        tuple(sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)),
    )


# --------------------------------------------------------------------------- recording a conversion

class _AnyMessage(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.seen = False

    def emit(self, record):
        self.seen = True


@contextlib.contextmanager
def _recorded(target, name: str, calls: list):
    """Record the calls of ``target.name`` (an instance attribute shadows the method meanwhile)."""
    original = getattr(target, name)
    own = name in vars(target)

    def record(*args, **kwargs):
        calls.append((target, name, args, kwargs))
        return original(*args, **kwargs)

    setattr(target, name, record)
    try:
        yield
    finally:
        if own:
            setattr(target, name, original)
        else:
            delattr(target, name)


def _side_effect_targets(config: MkDocsConfig) -> list[tuple[object, str]]:
    targets = []
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        targets += [(autorefs, "register_anchor"), (autorefs, "register_url")]
    mkdocstrings = config.plugins.get("mkdocstrings")
    handlers = getattr(mkdocstrings, "_handlers", None)
    if handlers is not None:
        targets += [(handlers, "get_handler"), (handlers.inventory, "register")]
    return targets


def _convert(render, page: Page, config: MkDocsConfig, files: Files) -> dict | None:
    """Run MkDocs' conversion; return what to replay, or None if it must not be reused."""
    calls: list = []
    exec_cache = getattr(_shared, "exec_cache", None)
    used_before = exec_cache["used"] if exec_cache is not None else None
    page_blocks: set = set()
    if exec_cache is not None:
        exec_cache["used"] = page_blocks  # exec_cache marks each block this page runs or reuses
    messages = _AnyMessage()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    snippets: list[tuple[str, bytes]] = []
    _state["recording"] = snippets
    try:
        for logger in loggers:
            logger.addHandler(messages)
        with contextlib.ExitStack() as stack:
            for target, name in _side_effect_targets(config):
                stack.enter_context(_recorded(target, name, calls))
            render(page, config, files)
    finally:
        _state["recording"] = None
        for logger in loggers:
            logger.removeHandler(messages)
        if exec_cache is not None:
            exec_cache["used"] = used_before | page_blocks
    # An anchor registered for some other page could not be replayed for this one.
    if messages.seen or any(not args or args[0] is not page for _, name, args, _ in calls if name == "register_anchor"):
        return None
    return {
        "markdown": page.markdown, "meta": copy.deepcopy(page.meta),
        "snippets": dict(snippets),
        "build": _state["build"],
        "content": page.content, "toc": copy.deepcopy(page.toc), "title": page._title_from_render,
        "anchors": set(page.present_anchor_ids or ()),
        "links": None if page.links_to_anchors is None else
                 {file.src_uri: dict(links) for file, links in page.links_to_anchors.items()},
        "calls": [(name, args[1:] if name == "register_anchor" else args, kwargs) for _, name, args, kwargs in calls],
        "blocks": page_blocks,
    }


# --------------------------------------------------------------------------- reusing it

def _reusable(entry: dict | None, page: Page) -> bool:
    return (entry is not None and entry["build"] == _state["build"] and entry["markdown"] == page.markdown
            and entry["meta"] == page.meta
            and all(_read(path) == content for path, content in entry["snippets"].items()))


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _replay(entry: dict, page: Page, config: MkDocsConfig, files: Files) -> None:
    page.content = entry["content"]
    page.toc = copy.deepcopy(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if entry["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): dict(links) for uri, links in entry["links"].items()}
    targets = {name: target for target, name in _side_effect_targets(config)}
    for name, args, kwargs in entry["calls"]:
        getattr(targets[name], name)(*((page, *args) if name == "register_anchor" else args), **kwargs)
    exec_cache = getattr(_shared, "exec_cache", None)
    if exec_cache is not None:
        exec_cache["used"] |= entry["blocks"]


def _install() -> None:
    from pymdownx.snippets import SnippetPreprocessor

    render, read_lines = Page.render, getattr(SnippetPreprocessor, "read_lines", None)
    if getattr(render, "_xentdocs_reuses", False):
        return
    if read_lines is None:  # pymdownx changed: snippet includes cannot be tracked, so reuse nothing
        log.info("pymdownx.snippets internals changed; every page is converted on every build")
        return

    def recording_read_lines(self, path):
        if _state["recording"] is not None:
            # read before pymdownx does: an edit in between is then seen as a change next time
            _state["recording"].append((os.path.abspath(path), _read(path)))
        return read_lines(self, path)

    def reusing_render(page: Page, config: MkDocsConfig, files: Files) -> None:
        if not _state["serving"] or _state["build"] is None:
            return render(page, config, files)
        key = (_state["build"][0], page.file.src_uri)
        entry = _state["pages"].pop(key, None)
        if _reusable(entry, page):
            _replay(entry, page, config, files)
            _state["pages"][key] = entry
            _state["reused"] += 1
            return None
        entry = _convert(render, page, config, files)
        _state["converted"] += 1
        if entry is not None:
            _state["pages"][key] = entry
        return None

    reusing_render._xentdocs_reuses = True
    SnippetPreprocessor.read_lines = recording_read_lines
    Page.render = reusing_render


# --------------------------------------------------------------------------- MkDocs events

def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"
    if _state["serving"]:
        _install()


def on_nav(nav, config: MkDocsConfig, files: Files):
    # The files are final here (every plugin's on_files ran, the i18n plugin's included).
    if _state["serving"]:
        _state.update(build=build_inputs(config, files), reused=0, converted=0)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    if _state["serving"]:
        log.debug(f"pages: {_state['reused']} reused, {_state['converted']} converted")
    return env
