"""What turns a broken page into a failed build, and what keeps executed code honest.

``mkdocs build --strict`` fails on warnings of MkDocs' own loggers. Some breakage never reaches them:

* a figure drawn with a character its font lacks: matplotlib only emits a Python warning
  ("Glyph ... missing from font(s)"), and the figure shows boxes. It becomes an error, so the
  executed block raises and markdown-exec logs a warning;
* a library that logs on its own logger: matplotlib's font manager ("findfont: Font family ... not
  found") means a figure drawn in a fallback font. Warnings of the loggers in ``PAGE_BREAKING`` are
  forwarded to MkDocs, where ``--strict`` counts them; every other library's log lines (fontTools'
  "'created' timestamp seems very low", say) stay what they are, information;
* an executed block on a Korean page whose tabs read "Source|Result" (markdown-exec's default).

And for executed code: BLAS runs on one thread (the pages multiply small matrices, where a thread
pool costs more than it saves, and the printed numbers then do not depend on the core count), and
under ``mkdocs serve`` an edit to ``xentdocs/`` is picked up (its modules are imported afresh).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import warnings

MISSING_GLYPH = r"(?s).*Glyph .* missing from"
PAGE_BREAKING = ("matplotlib",)  # loggers whose warnings mean a wrong figure
TAB_TITLES = {"ko": "소스|결과", "en": "Source|Result"}
DEFAULT_TABS = "Source|Result"  # markdown-exec's own default
FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*\S+\s*(?P<options>.*)$")
OPTION = re.compile(r'(?P<key>[\w-]+)="(?P<value>[^"]*)"')
LIBRARY = "xentdocs"


class ForwardPageBreakingWarnings(logging.Handler):
    def __init__(self, log: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in PAGE_BREAKING:
            self.log.warning(f"[{record.name}] {record.getMessage()}")


def fail_on_broken_figures(log: logging.Logger) -> None:
    warnings.filterwarnings("error", message=MISSING_GLYPH)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if type(h).__name__ == ForwardPageBreakingWarnings.__name__]:
        root.removeHandler(handler)  # the hook module is loaded again on each `mkdocs serve` rebuild
    root.addHandler(ForwardPageBreakingWarnings(log))


def one_blas_thread() -> None:
    from threadpoolctl import threadpool_limits

    global _blas_limit
    if "_blas_limit" not in globals():
        import numpy  # noqa: F401 - its BLAS must be loaded to be found

        _blas_limit = threadpool_limits(limits=1, user_api="blas")


_library_mtimes: dict[str, float] = {}


def _library_files() -> dict[str, str]:
    return {name: m.__file__ for name, m in list(sys.modules.items())
            if (name == LIBRARY or name.startswith(LIBRARY + ".")) and getattr(m, "__file__", None)}


def reload_changed_library() -> None:
    """Before a build: drop every ``xentdocs`` module if one changed on disk since the last build used it."""
    files = _library_files()
    if _library_mtimes and any(os.stat(path).st_mtime != _library_mtimes.get(name) for name, path in files.items()):
        for name in files:
            sys.modules.pop(name, None)


def remember_library() -> None:
    """After a build: the library's files as its executed blocks imported them."""
    _library_mtimes.clear()
    _library_mtimes.update({name: os.stat(path).st_mtime for name, path in _library_files().items()})


def page_language(src_uri: str, default: str = "ko") -> str:
    """``glossary.en.md`` → ``en``; ``glossary.md`` → the unsuffixed language."""
    parts = src_uri.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) >= 3 else default


def wrong_tabs(markdown: str, language: str) -> list[tuple[int, str, str]]:
    """(line, tabs found, tabs expected) for each tabbed executed block titled in another language.

    >>> wrong_tabs('```python exec="1" source="tabbed-left" tabs="소스|결과"\\n```', "ko")
    []
    >>> wrong_tabs('```python exec="1" source="tabbed-left"\\n```', "ko")
    [(1, 'Source|Result', '소스|결과')]
    >>> wrong_tabs('```python exec="1" source="tabbed-left"\\n```', "en")
    []
    """
    expected = TAB_TITLES.get(language)
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = FENCE.match(line)
        if not fence or expected is None:
            continue
        options = {m["key"]: m["value"] for m in OPTION.finditer(fence["options"])}
        if options.get("exec", "").lower() in ("1", "true", "yes", "on") and \
                options.get("source", "").startswith("tabbed") and options.get("tabs", DEFAULT_TABS) != expected:
            problems.append((number, options.get("tabs", DEFAULT_TABS), expected))
    return problems


def check_tab_titles(markdown: str, src_uri: str, log: logging.Logger) -> None:
    language = page_language(src_uri)
    for number, found, expected in wrong_tabs(markdown, language):
        log.warning(f"docs/{src_uri}:{number}: executed block has tab titles {found!r}; "
                    f"a '{language}' page needs tabs=\"{expected}\".")
