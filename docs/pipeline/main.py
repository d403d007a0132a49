"""xentdocs' build pipeline: every step the site adds to MkDocs, in the order MkDocs runs them.

mkdocs.yml names this module under ``hooks:``. Each function below is an MkDocs event
(https://www.mkdocs.org/dev-guide/plugins/#events), written in the order MkDocs fires them; each
calls small named steps from the modules beside it:

    site_markdown.py     the Python-Markdown extension: KaTeX math, code tidy, off-screen block heights
    site_math.py         KaTeX's worker, stylesheet and fonts; which fonts a page preloads; font subsets
    site_languages.py    Korean and English: page pairs, the one-language mode, search, 404 pages, sitemaps
    site_search.py       what search reads: formulas as TeX, figures as titles, the glossary's other names
    site_checks.py       what fails the build; executed code's BLAS thread and library reloads
    griffe_rst_roles.py  SciPy-style docstring markup in the API reference (configured under mkdocstrings)

``mkdocs build`` and ``mkdocs serve`` run the same steps. A step named in the environment variable
``XENTDOCS_SKIP`` is left out: ``benchmarks/ablation.py`` uses it to measure what each is worth.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File

# The modules beside this file (MkDocs puts its folder on sys.path while it loads a hook). They are
# imported once per process, so what they keep lives across `mkdocs serve` rebuilds.
import site_checks
import site_languages
import site_markdown
import site_math
import site_search

log = get_plugin_logger("xentdocs")
SKIP = set(filter(None, os.environ.get("XENTDOCS_SKIP", "").split(",")))
state = {"dirty": False, "katex": None, "formula_text": set(), "preload": {}}


def on_startup(command: str, dirty: bool) -> None:
    state["dirty"] = dirty  # a --dirty build converts only some pages: fonts are then shipped whole


def on_config(config):
    state["katex"] = site_math.find_katex(Path(config.config_file_path).resolve().parent)
    site_checks.fail_on_broken_figures(log)
    site_checks.one_blas_thread()
    config.markdown_extensions.append(
        site_markdown.SiteMarkdown(katex_dir=str(state["katex"]), size_blocks="offscreen" not in SKIP))
    return config


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files per language: all are seen
def _files_of_every_language(files, config):
    site_languages.require_pairs(files, config, log)
    site_languages.keep_one_language(files, site_languages.i18n(config).config.build_only_locale,
                                     site_languages.suffixes(config)[0])


@event_priority(-200)  # after it: KaTeX's stylesheet and fonts belong to the root in each language's build
def _files_of_this_language(files, config):
    css, fonts = site_math.katex_css(state["katex"])
    for uri in [site_math.CSS_URI] + [f"{site_math.FONTS_URI}/{name}" for name in fonts]:
        if (existing := files.get_file_from_path(uri)) is not None:
            files.remove(existing)
    files.append(File.generated(config, site_math.CSS_URI, content=css))
    for name in fonts:
        files.append(File.generated(config, f"{site_math.FONTS_URI}/{name}",
                                    abs_src_path=str(state["katex"] / "dist" / "fonts" / name)))


on_files = CombinedEvent(_files_of_every_language, _files_of_this_language)


def on_pre_build(config) -> None:
    site_checks.reload_changed_library()
    if site_languages.is_default_language_build(config):
        state["formula_text"].clear()  # the fonts written last hold the formulas of every language


def on_page_markdown(markdown, page, config, files):
    site_checks.check_tab_titles(markdown, page.file.src_uri, log)
    return markdown


def on_page_content(html, page, config, files):
    state["formula_text"].update(site_math.formula_text(html))
    if "font_preload" not in SKIP:
        state["preload"][page.file.src_uri] = site_math.fonts_to_preload(html, state["katex"])
    return html


def on_env(env, config, files):
    if state["dirty"] or "font_subset" in SKIP:
        return env
    codepoints = frozenset(map(ord, state["formula_text"] | set(site_math.CSS_TEXT)))
    for name in site_math.SUBSET_FONTS:
        file = files.get_file_from_path(f"{site_math.FONTS_URI}/{name}")
        if file is not None and file.abs_src_path:
            source = Path(file.abs_src_path)
            file.content_bytes = site_math.subset_font(source, source.stat().st_mtime_ns, codepoints)
    return env


@event_priority(100)  # just before Material's search plugin (0) indexes the page
def _show_search_copy(context, page, config, nav):
    state["page_content"] = page.content
    page.content = site_search.searchable(page.content)


@event_priority(-100)  # just after it
def _show_page_again(context, page, config, nav):
    page.content = state.pop("page_content")


on_page_context = CombinedEvent(_show_search_copy, _show_page_again)


def on_post_page(output, page, config):
    output = site_math.preload_links(output, state["preload"].get(page.file.src_uri, []))
    return site_languages.tidy_head(output, config.theme["language"])


def on_pre_template(template, template_name, config):
    if template_name == "404.html":
        site_languages.point_404_switcher_home(config)
    return template


def on_post_template(output, template_name, config):
    return site_languages.tidy_head(output, config.theme["language"]) if template_name == "404.html" else output


def _this_language_built(config) -> None:  # before i18n (-100) starts the next language's build
    site_languages.place_404_page(config)
    site_languages.write_language_sitemap(config)
    site_checks.remember_library()


@event_priority(-200)  # after i18n has written the index of every language
def _every_language_built(config) -> None:
    site_languages.split_search_index(config)
    if "search_terms" not in SKIP:
        for locale, index, glossary in site_languages.search_indexes(config, "glossary"):
            site_search.add_reader_terms_to_index(index, glossary, hangul=locale == "ko")


on_post_build = CombinedEvent(_this_language_built, _every_language_built)
