"""Two languages, each a whole site: Korean at the root, English under /en/ (mkdocs-static-i18n).

mkdocs-static-i18n builds each extra language by running the whole build again into the same site
directory. What it leaves to us:

* every page must exist in both languages (``NAME.md`` Korean, ``NAME.en.md`` English);
* ``XENTDOCS_LANG=en`` (the one-language authoring mode) must not let ``NAME.md`` stand in for ``NAME.en.md``;
* one search index per language: the plugin writes one merged index, so an English search listed the
  Korean pages (which mention the English terms in parentheses);
* one 404 page per language: each build writes its 404 page to the root, which ends with the language
  built last (mkdocs-static-i18n #284; a test of the bare plugin fails once that is fixed);
* ``/en/sitemap.xml``, and no ``hreflang`` alternate links in the head: Material's language selector
  fetches a ``sitemap.xml`` beside each of them, which 404s for every page but the home page;
* the search dialog's accessible name in the page's language.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

SEARCH_LABEL = {"ko": "검색", "en": "Search"}
HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
LOC = re.compile(r"<loc>([^<]*)</loc>")
BASE = re.compile(r'("base": ")([^"]*)(")')


def i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def is_default_language_build(config: MkDocsConfig) -> bool:
    plugin = i18n(config)
    return plugin.current_language in (None, plugin.default_language)


def suffixes(config: MkDocsConfig) -> tuple[str, list[str]]:
    """(the unsuffixed language, the languages written as a file suffix), whatever XENTDOCS_LANG builds."""
    languages = i18n(config).config.languages
    return ([lang.locale for lang in languages if lang.link == "/"][0],
            [lang.locale for lang in languages if lang.link != "/"])


def missing_twins(page_uris: list[str], others: list[str]) -> list[tuple[str, str]]:
    """Pairs (existing page, missing twin) for pages named ``STEM.md`` / ``STEM.LANG.md``.

    >>> missing_twins(["a.md", "a.en.md", "b.md", "c.en.md"], ["en"])
    [('b.md', 'b.en.md'), ('c.en.md', 'c.md')]
    """
    present, missing = set(page_uris), []
    for uri in sorted(present):
        path = PurePosixPath(uri)
        parts = path.name.split(".")
        if len(parts) >= 3 and parts[-2] in others:
            stem = ".".join(parts[:-2])
            twins = [str(path.with_name(stem + ".md"))] + [str(path.with_name(f"{stem}.{s}.md")) for s in others]
        else:
            twins = [str(path.with_suffix(f".{s}.md")) for s in others]
        missing += [(uri, twin) for twin in twins if twin not in present]
    return missing


def require_pairs(files: Files, config: MkDocsConfig, log) -> None:
    """Warn (an error under --strict) for each page that lacks its other-language twin."""
    if not is_default_language_build(config):
        return  # said once, in the first build
    primary, others = suffixes(config)
    for page, twin in missing_twins([f.src_uri for f in files.documentation_pages()], others):
        log.warning(f"docs/{page} has no counterpart docs/{twin}: every page must exist in "
                    f"{', '.join([primary, *others])} (unsuffixed = {primary}).")


def keep_one_language(files: Files, locale: str | None, unsuffixed: str) -> None:
    """In a one-language build of a suffixed language, drop each unsuffixed page that has a twin in it.

    ``build_only_locale`` makes that language the default, and the default owns the unsuffixed files.
    """
    if not locale or locale == unsuffixed:
        return
    suffix = f".{locale}.md"
    twins = {f.src_uri[: -len(suffix)] + ".md" for f in files.documentation_pages() if f.src_uri.endswith(suffix)}
    for file in [f for f in files.documentation_pages() if f.src_uri in twins]:
        files.remove(file)


def tidy_head(output: str, language: str) -> str:
    """No hreflang alternates in ``<head>``; the search dialog named in the page's language.

    >>> tidy_head('<head><link rel="alternate" href="./" hreflang="ko"></head>'
    ...           '<div class="md-search" data-md-component="search" role="dialog">', "ko")
    '<head></head><div class="md-search" data-md-component="search" role="dialog" aria-label="검색">'
    """
    head_end = output.find("</head>")
    output = HREFLANG_LINK.sub("", output[:head_end]) + output[head_end:]
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    label = SEARCH_LABEL.get(language, SEARCH_LABEL["en"])
    return output.replace(dialog, dialog[:-1] + f' aria-label="{label}">', 1)


def point_404_switcher_home(config: MkDocsConfig) -> None:
    """The 404 page is rendered after the pages, with the switcher links i18n set for the last page;
    link each language's home instead (i18n sets them as an item and an attribute of config.extra)."""
    alternate = i18n(config).extra_alternate
    if alternate:
        config.extra["alternate"] = deepcopy(alternate)
        setattr(config.extra, "alternate", config.extra["alternate"])


_default_404: dict[str, bytes] = {}


def place_404_page(config: MkDocsConfig) -> None:
    """Move this language's 404 page to /LANG/404.html and put the default language's back at the root."""
    root_page = Path(config.site_dir) / "404.html"
    if not root_page.is_file():
        return
    if is_default_language_build(config):
        _default_404[config.site_dir] = root_page.read_bytes()
        return
    language_page = Path(config.site_dir) / i18n(config).current_language / "404.html"
    language_page.parent.mkdir(parents=True, exist_ok=True)
    language_page.write_bytes(root_page.read_bytes())
    root_page.write_bytes(_default_404[config.site_dir])


def language_sitemap(sitemap: str, prefix: str) -> str:
    """Keep the ``<url>`` entries whose ``<loc>`` starts with ``prefix``."""
    def keep(match: re.Match[str]) -> str:
        loc = LOC.search(match.group(0))
        return match.group(0) if loc and loc.group(1).startswith(prefix) else ""
    return URL_ENTRY.sub(keep, sitemap)


def write_language_sitemap(config: MkDocsConfig) -> None:
    root_sitemap = Path(config.site_dir) / "sitemap.xml"
    if is_default_language_build(config) or not root_sitemap.is_file():
        return
    link = i18n(config).current_language_config.link  # "/en/"
    target = Path(config.site_dir) / link.strip("/") / "sitemap.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = (config.site_url or "/").rstrip("/") + link
    target.write_text(language_sitemap(root_sitemap.read_text(encoding="utf-8"), prefix), encoding="utf-8")


def split_search_index(config: MkDocsConfig) -> None:
    """Korean documents stay in /search/, English ones move to /en/search/, and the English pages'
    ``base`` (where Material's search loads its index from) moves to /en/."""
    root = Path(config.site_dir)
    _, others = suffixes(config)
    index_path = root / "search" / "search_index.json"
    for locale in others:
        prefix = f"{locale}/"
        if not index_path.is_file() or not (root / prefix).is_dir():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        mine = [dict(d, location=d["location"][len(prefix):]) for d in index["docs"] if d["location"].startswith(prefix)]
        if not mine:
            return
        rest = [d for d in index["docs"] if not d["location"].startswith(prefix)]
        index_path.write_text(json.dumps(dict(index, docs=rest), ensure_ascii=False), encoding="utf-8")
        target = root / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(dict(index, config=dict(index["config"], lang=[locale]), docs=mine),
                                     ensure_ascii=False), encoding="utf-8")
        site_path = urlsplit(config.site_url or "/").path.rstrip("/")
        for page in (root / prefix).rglob("*.html"):
            text = page.read_text(encoding="utf-8")

            def base(match: re.Match[str]) -> str:
                if match[2].startswith(("/", "http")):
                    return match[1] + f"{site_path}/{locale}" + match[3]
                depth = len(page.relative_to(root / prefix).parts) - 1
                return match[1] + ("/".join([".."] * depth) or ".") + match[3]

            moved = BASE.sub(base, text, count=1)
            if moved != text:
                page.write_text(moved, encoding="utf-8")


def search_indexes(config: MkDocsConfig, stem: str) -> list[tuple[str, Path, Path]]:
    """(locale, its search index, its ``STEM`` page's Markdown) for every language of the site."""
    primary, others = suffixes(config)
    root, docs = Path(config.site_dir), Path(config.docs_dir)
    only = i18n(config).config.build_only_locale  # the one-language mode: that language at the root
    if only:
        return [(only, root / "search" / "search_index.json", docs / (f"{stem}.md" if only == primary else f"{stem}.{only}.md"))]
    return [(primary, root / "search" / "search_index.json", docs / f"{stem}.md")] + \
        [(locale, root / locale / "search" / "search_index.json", docs / f"{stem}.{locale}.md") for locale in others]
