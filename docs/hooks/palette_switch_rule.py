"""Narrow Material's "no transitions while the palette switches" rule to the elements that have one.

Material's palette stylesheet stops every transition while the colour scheme changes:

    [data-md-color-switching] *, [data-md-color-switching] :after, [data-md-color-switching] :before
      { transition-duration: 0s !important }

and its script sets and removes ``data-md-color-switching`` on ``<body>`` when the page starts, not
only when the reader switches. A rule of the form ``[attr] *`` makes each change of that attribute
restyle every element of the page, and Material's start-up reads a computed style right after, so
the browser does it at once, inside the start-up's long task. On the longest page that was a third
of the style work of loading it.

This hook rewrites the rule, in the built site, to the elements that have a transition at all:
``[data-md-color-switching] :is(...)``, with one entry per rule of the site's stylesheets that sets a
non-zero transition (the last compound of its selector, without its pseudo-classes, so the list
matches at least every element that can transition). The browser then restyles only those when
the attribute changes, and a palette switch still runs no transition.

Since ``startup_restyles.py``, Material's start-up sets the attribute only when the scheme it
applies differs from the one the page was drawn in (a first visit with the system in dark mode).
The narrowing still pays when the reader switches: the attribute is set before the scheme changes
and removed after it, and with the universal rule each of those restyled the whole page too.
Measured on the API reference (phone, 4x CPU slowdown, 12 switches each, Event Timing durations
of the click): 480-744 ms with this rule, 488-976 ms with Material's.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

UNIVERSAL_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)
NARROWED_MARK = "[data-md-color-switching] :is("
# Innermost rules of a (minified or not) stylesheet: an @media block's rules are found inside it.
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
TRANSITION = re.compile(r"(?:^|;)\s*transition(?:-duration)?\s*:([^;]*)")
NONZERO_TIME = re.compile(r"(?<![\w.-])(?:\d*\.)?\d*[1-9]\d*m?s\b")
PSEUDO_ELEMENT = re.compile(r"::?(?:before|after|placeholder|marker|selection|-[\w-]+)\b")


def split_top_level(text: str, separators: str) -> list[str]:
    """Split at any of `separators` outside brackets and parentheses.

    >>> split_top_level(".a:not(.b, .c), .d", ",")
    ['.a:not(.b, .c)', ' .d']
    """
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def subject(selector: str) -> tuple[str, bool]:
    """The last compound of a selector without pseudo-classes, and whether it styled a ::before/::after.

    >>> subject(".md-typeset .tabbed-labels>label:hover")
    ('label', False)
    >>> subject(".md-nav__link:not(.x, .y):focus-visible:after")
    ('.md-nav__link', True)
    >>> subject("[data-md-toggle=search]:checked~.md-header .md-search__input")
    ('.md-search__input', False)
    """
    last = split_top_level(selector.strip(), " >+~")[-1]
    pseudo = bool(PSEUDO_ELEMENT.search(last))
    last = PSEUDO_ELEMENT.sub("", last)
    # drop pseudo-classes, with their arguments: `:not(.b, .c)`, `:hover`, `:nth-child(2)`
    kept, depth, skipping = [], 0, False
    for char in last:
        if char == "(":
            depth += 1
        if char == ":" and depth == 0:
            skipping = True
        elif skipping and depth == 0 and char in ".#[":
            skipping = False
        if not skipping:
            kept.append(char)
        if char == ")":
            depth -= 1
    return "".join(kept) or "*", pseudo


def transitioning_subjects(css: str) -> tuple[set[str], set[str]]:
    """Subjects of the rules that set a non-zero transition: (elements, elements whose ::before/::after)."""
    elements: set[str] = set()
    pseudos: set[str] = set()
    for selectors, declarations in RULE.findall(COMMENT.sub("", css)):
        if selectors.lstrip().startswith("@"):
            continue
        if not any(NONZERO_TIME.search(value) for value in TRANSITION.findall(declarations)):
            continue
        for selector in split_top_level(selectors, ","):
            name, pseudo = subject(selector)
            (pseudos if pseudo else elements).add(name)
    return elements, pseudos


def narrowed_rule(elements: set[str], pseudos: set[str]) -> str:
    """
    >>> narrowed_rule({".a", "b"}, {".c"})
    '[data-md-color-switching] :is(.a,b),[data-md-color-switching] :is(.c):after,[data-md-color-switching] :is(.c):before{transition-duration:0s!important}'
    """
    selectors = []
    if elements:
        selectors.append(f"[data-md-color-switching] :is({','.join(sorted(elements))})")
    if pseudos:
        names = ",".join(sorted(pseudos))
        selectors += [f"[data-md-color-switching] :is({names}):after", f"[data-md-color-switching] :is({names}):before"]
    return ",".join(selectors) + "{transition-duration:0s!important}" if selectors else ""


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    palettes = sorted(site.glob("assets/stylesheets/palette.*.min.css"))
    if not palettes:
        return  # a build without the theme's files (the second language's pages)
    palette = palettes[-1]
    text = palette.read_text(encoding="utf-8")
    if NARROWED_MARK in text:
        return  # rewritten by an earlier build into the same directory (`mkdocs serve`)
    if UNIVERSAL_RULE not in text:
        raise PluginError(
            f"palette_switch_rule: Material's [data-md-color-switching] rule is not in {palette.name} "
            "as this hook knows it; review docs/hooks/palette_switch_rule.py for the new theme version."
        )
    elements: set[str] = set()
    pseudos: set[str] = set()
    for sheet in sorted(site.rglob("*.css")):
        found = transitioning_subjects(sheet.read_text(encoding="utf-8"))
        elements |= found[0]
        pseudos |= found[1]
    if "*" in elements or "*" in pseudos:
        return  # something transitions whatever it is: the universal rule is the right one
    palette.write_text(text.replace(UNIVERSAL_RULE, narrowed_rule(elements, pseudos)), encoding="utf-8")
