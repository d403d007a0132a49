"""One 404 page per language: Korean at /404.html, English at /en/404.html.

mkdocs-static-i18n builds the extra languages by running the whole build again into the same
site directory, and every run writes its 404 page to the site root, so the root ends up with the
language built last (mkdocs-static-i18n #284). After each language's build this hook moves that
language's 404 page into its own folder and puts the default language's page back at the root
(GitHub Pages serves the root one for every missing URL).

The 404 page is rendered after the pages, with whatever language-switcher links the i18n plugin
set for the last page it rendered; this hook points them at the languages' home pages instead.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("not_found_pages")

_default_page: dict[str, bytes] = {}


def on_pre_template(template, template_name: str, config: MkDocsConfig):
    if template_name == "404.html":
        i18n = config.plugins["i18n"]
        if i18n.extra_alternate:  # the language switcher entries, linking each language's root
            # mkdocs-static-i18n sets them per page both as an item and as an attribute of
            # config.extra, and templates read the attribute first: reset both.
            config.extra["alternate"] = deepcopy(i18n.extra_alternate)
            setattr(config.extra, "alternate", config.extra["alternate"])
    return template


def on_post_build(config: MkDocsConfig) -> None:
    # Priority 0 runs before the i18n plugin's on_post_build (-100), which starts the next language.
    i18n = config.plugins["i18n"]
    root_page = Path(config.site_dir) / "404.html"
    if not root_page.is_file():
        return
    if i18n.current_language == i18n.default_language:
        _default_page[config.site_dir] = root_page.read_bytes()
        return
    language_page = Path(config.site_dir) / i18n.current_language / "404.html"
    language_page.parent.mkdir(parents=True, exist_ok=True)
    language_page.write_bytes(root_page.read_bytes())
    if config.site_dir in _default_page:
        root_page.write_bytes(_default_page[config.site_dir])
    else:
        log.warning(f"no {i18n.default_language} 404 page to restore at {root_page}")
