"""Tab titles of executed code blocks match the page's language.

markdown-exec titles the source/result tabs "Source" and "Result" unless a block passes
``tabs="..."``. A Korean page must pass ``tabs="소스|결과"``; an English page may pass
``tabs="Source|Result"`` or nothing. A wrong or missing title is a build warning (an error under
``--strict``) naming the page and the line.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("exec_tabs")

TAB_TITLES = {"ko": "소스|결과", "en": "Source|Result"}
DEFAULT_TABS = "Source|Result"  # markdown-exec's own default

FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*\S+\s*(?P<options>.*)$")
OPTION = re.compile(r'(?P<key>[\w-]+)="(?P<value>[^"]*)"')


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The page's language: the i18n plugin's file locale, else the file name suffix."""
    locale = getattr(page.file, "locale", None)
    if locale:
        return locale
    parts = page.file.src_uri.split(".")
    return parts[-2] if len(parts) >= 3 else "ko"


def wrong_tabs(markdown: str, language: str) -> list[tuple[int, str, str]]:
    """(line number, tabs found, tabs expected) for each tabbed executed block that is wrong.

    >>> wrong_tabs('```python exec="1" source="tabbed-left" tabs="소스|결과"\\n```', "ko")
    []
    >>> wrong_tabs('```python exec="1" source="tabbed-left"\\n```', "ko")
    [(1, 'Source|Result', '소스|결과')]
    >>> wrong_tabs('```python exec="1" source="tabbed-left"\\n```', "en")
    []
    """
    expected = TAB_TITLES.get(language)
    if expected is None:
        return []
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = FENCE.match(line)
        if not fence:
            continue
        options = {m["key"]: m["value"] for m in OPTION.finditer(fence["options"])}
        if options.get("exec", "").lower() not in ("1", "true", "yes", "on"):
            continue
        if not options.get("source", "").startswith("tabbed"):
            continue
        found = options.get("tabs", DEFAULT_TABS)
        if found != expected:
            problems.append((number, found, expected))
    return problems


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page_language(page, config)
    for number, found, expected in wrong_tabs(markdown, language):
        log.warning(
            f"docs/{page.file.src_uri}:{number}: executed block has tab titles {found!r}; "
            f"a '{language}' page needs tabs=\"{expected}\"."
        )
    return markdown
