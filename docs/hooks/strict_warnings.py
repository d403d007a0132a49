"""Under ``--strict``, a warning from any library fails the build, not only MkDocs' own.

MkDocs counts warnings for ``--strict`` on the ``mkdocs`` logger only. A library that logs on its
own logger (matplotlib's font manager, for one: "findfont: Font family ... not found") reaches
Python's last-resort handler, prints a bare line and leaves the build green. This hook forwards
WARNING and above from every non-MkDocs logger to an MkDocs logger, where it is shown with its
origin and counted.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("strict_warnings")


class ForwardToMkDocs(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "mkdocs" or record.name.startswith("mkdocs."):
            return
        log.log(record.levelno, f"[{record.name}] {record.getMessage()}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # MkDocs imports hook modules afresh on every `mkdocs serve` rebuild: replace the handler a
    # previous import installed instead of adding one more.
    root = logging.getLogger()
    for handler in list(root.handlers):
        if type(handler).__name__ == "ForwardToMkDocs":
            root.removeHandler(handler)
    root.addHandler(ForwardToMkDocs(level=logging.WARNING))
    return config
