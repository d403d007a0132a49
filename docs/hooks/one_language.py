"""``XENTDOCS_LANG=en`` builds the English pages only, not the Korean ones under English names.

``build_only_locale`` (set from ``XENTDOCS_LANG`` in mkdocs.yml) makes the chosen language the
default one, and with the suffix layout the default language also owns the unsuffixed files, so
an English-only build would let the Korean ``NAME.md`` override ``NAME.en.md``. Before the i18n
plugin sorts the files (it runs at priority -100), this drops each unsuffixed page that has a page in the chosen language.
(It runs after the pair check. ``XENTDOCS_LANG=ko`` needs nothing: Korean is the unsuffixed language.)
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

ENV = "XENTDOCS_LANG"
UNSUFFIXED_LOCALE = "ko"


@event_priority(-50)  # after docs/hooks/i18n_pairs.py checked the pairs, before i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    locale = os.environ.get(ENV, "").strip()
    if not locale or locale == UNSUFFIXED_LOCALE:
        return files
    suffix = f".{locale}.md"
    translated = {f.src_uri[: -len(suffix)] + ".md" for f in files.documentation_pages() if f.src_uri.endswith(suffix)}
    for file in [f for f in files.documentation_pages() if f.src_uri in translated]:
        files.remove(file)
    return files
