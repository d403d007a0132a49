"""Give Material's search dialog an accessible name in the page's language.

The theme renders ``<div class="md-search" role="dialog">`` without a name, which screen readers
announce as an anonymous dialog (axe: aria-dialog-name, serious).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

LABELS = {"ko": "검색", "en": "Search"}
_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    label = LABELS.get(config.theme["language"], LABELS["en"])
    return output.replace(_DIALOG, _DIALOG[:-1] + f' aria-label="{label}">', 1)
