"""Every page exists in every language, or the build fails.

mkdocs-static-i18n is configured with ``fallback_to_default: false``, so a page missing in one
language is already missing from that language's navigation (a warning under ``--strict``). This
hook says it plainly, per file: ``docs/foo.md`` (Korean, no suffix) needs ``docs/foo.en.md`` and the
reverse, whatever language ``XENTDOCS_LANG`` restricts the build to.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("i18n_pairs")


def languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    """(the language of unsuffixed files, the languages written as a suffix)."""
    plugin = config.plugins["i18n"]
    # `link` keeps the configured default ("/") even when build_only_locale changes `default`.
    primary = [lang.locale for lang in plugin.config.languages if lang.link == "/"]
    others = [lang.locale for lang in plugin.config.languages if lang.link != "/"]
    return primary[0], others


def missing_twins(page_uris: list[str], suffixes: list[str]) -> list[tuple[str, str]]:
    """Pairs (existing page, missing twin) for pages named ``STEM.md`` / ``STEM.LANG.md``.

    >>> missing_twins(["a.md", "a.en.md", "b.md", "c.en.md"], ["en"])
    [('b.md', 'b.en.md'), ('c.en.md', 'c.md')]
    """
    present = set(page_uris)
    missing = []
    for uri in sorted(present):
        path = PurePosixPath(uri)
        parts = path.name.split(".")
        if len(parts) >= 3 and parts[-2] in suffixes:
            base = str(path.with_name(".".join(parts[:-2]) + ".md"))
            twins = [base] + [str(path.with_name(".".join(parts[:-2]) + f".{s}.md")) for s in suffixes]
        else:
            twins = [str(path.with_suffix(f".{s}.md")) for s in suffixes] + [uri]
        missing += [(uri, twin) for twin in twins if twin not in present]
    return missing


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Runs before the i18n plugin (priority -100) filters the files, so it sees every language.
    # Each language's build runs this again; say it once, in the first (default language) build.
    i18n = config.plugins["i18n"]
    if i18n.current_language not in (None, i18n.default_language):
        return files
    primary, others = languages(config)
    pages = [f.src_uri for f in files.documentation_pages()]
    for page, twin in missing_twins(pages, others):
        log.warning(
            f"docs/{page} has no counterpart docs/{twin}: every page must exist in "
            f"{', '.join([primary, *others])} (unsuffixed = {primary})."
        )
    return files
