"""No page requests a sitemap the site does not have.

Material's language selector script fetches ``sitemap.xml`` next to every
``<link rel="alternate" hreflang="...">`` in the page head. mkdocs-static-i18n points those links
at the same page in each language (``../en/information-theory/``), so every page would request
``.../information-theory/sitemap.xml`` and ``/en/sitemap.xml``: 404s in the console, and nothing
to gain, since the language selector already links to the page in the other language.

So this hook
- drops the ``hreflang`` alternate links from the page head; the root ``sitemap.xml`` written by
  mkdocs-static-i18n keeps declaring every page's language versions (``xhtml:link`` entries),
  which is what search engines read;
- writes ``/LANG/sitemap.xml`` for each non-default language (that language's pages only), so a
  per-language sitemap exists where one is looked for.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("sitemaps")

HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
LOC = re.compile(r"<loc>([^<]*)</loc>")


def drop_hreflang_links(output: str) -> str:
    """Remove Material's ``<link rel="alternate" ... hreflang>`` tags from the head.

    >>> drop_hreflang_links('<head><link rel="alternate" href="./" hreflang="ko"></head>')
    '<head></head>'
    """
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return HREFLANG_LINK.sub("", output[:head_end]) + output[head_end:]


def language_sitemap(sitemap: str, prefix: str) -> str:
    """Keep the ``<url>`` entries whose ``<loc>`` starts with ``prefix``."""

    def keep(match: re.Match[str]) -> str:
        loc = LOC.search(match.group(0))
        return match.group(0) if loc and loc.group(1).startswith(prefix) else ""

    return URL_ENTRY.sub(keep, sitemap)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return drop_hreflang_links(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme templates rendered outside the pages: the 404 page.
    return drop_hreflang_links(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        return
    root_sitemap = Path(config.site_dir) / "sitemap.xml"
    if not root_sitemap.is_file():
        return
    link = i18n.current_language_config.link  # "/en/"
    prefix = (config.site_url or "/").rstrip("/") + link
    target = Path(config.site_dir) / link.strip("/") / "sitemap.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(language_sitemap(root_sitemap.read_text(encoding="utf-8"), prefix), encoding="utf-8")
