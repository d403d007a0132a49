"""Take work that changes nothing a reader sees out of Material's start-up.

Material's script restyles the page while it starts; on a long page each full restyle is a
noticeable part of the time a phone is busy before it answers a tap. Several restyles, and some
loading, have nothing to do with what the reader sees; this hook removes their causes (measured
with Chromium's traces on pytorch-options, phone viewport, 4x slower CPU):

* **The ``<meta name="color-scheme">``.** The palette component appends that element to
  ``<head>`` and then fills in its ``content``; Chromium answers each step with a restyle of every
  drawn element ("PlatformColorChange"), about 2,600 elements there. The site sets the page's own
  colour scheme (the canvas and its scroll bars) in ``extra.css`` from the body's
  ``data-md-color-scheme`` instead, which the theme's inline script sets before the first paint,
  and the patched script keeps the element it writes to out of the document.
* **Wrapping tables at ``DOMContentLoaded``.** Material moves each ``table:not([class])`` into
  ``div.md-typeset__scrollwrap > div.md-typeset__table``. Inserting it there makes Chromium
  restyle the whole article (about 2,400 elements, and a layout of 1,800 objects): the start-up
  task fell from 625 ms to 168 ms without it. The wrap is written into the page when it is built,
  with the same markup, and Material's script only wraps a table that is not wrapped yet.
* **The "palette is switching" attribute at start-up.** The palette component starts by applying
  the palette the page already has (the theme's inline script applied it before the first paint),
  and it sets ``data-md-color-switching`` on ``<body>`` to stop transitions while it does, then
  removes it a frame later. ``palette_switch_rule.py`` narrowed the rule that attribute enables to
  the elements that have a transition, but setting and removing it still restyles those and what
  they hold (541 elements on pytorch-options, read at once by the component's next step). The
  component now sets it only when the colour scheme it applies differs from the body's.
* **The root's ``js`` class, written again.** The bundle removes ``no-js`` from ``<html>`` and adds
  ``js``, which the page's inline script (``scripted_layout.py``) has already done. Each call still
  writes the ``class`` attribute, and Chromium answers a write of it by matching the theme's
  ``[class]`` selectors (``table:not([class]) th > :first-child`` and others) against every
  element below: a restyle of every drawn element, 2,179 on en/gradient-and-training (32 ms under
  Lighthouse's trace). The bundle now calls ``classList.replace("no-js", "js")``, which writes
  nothing when ``no-js`` is gone. The same goes for the class the bundle's focus-visible polyfill
  marks the root with, ``js-focus-visible``: the inline script sets it, and the polyfill adds it
  only if it is missing.
* **Tab sets off screen.** The content component mounts every tab set at start-up, one timer task
  each: it appends the set's scroll buttons, wraps its labels in links (``content.tabs.link``)
  and measures the labels to place the sliding underline, so each task restyles the set it
  changed (pytorch-options has 12; under Lighthouse's tracing each task took 23-44 ms of an
  unthrottled CPU). A set is now mounted when it first comes into view, as ``content.lazy``
  already does for code blocks. Linking still reaches sets that are not mounted (a choice clicks
  their inputs, and the theme's inline script restores the saved choice), a link to a tab is
  still followed when its set mounts (the target is replayed), and a set clears the theme's
  "switching" marks a choice left on its labels before it mounts. Until then ``extra.css``
  underlines the selected tab as the theme does without JavaScript.
* **Linked tabs read the labels' ``innerText``.** Both the bundle (to pass a choice on to the other
  sets) and the theme's inline script (to restore a saved choice while the page is parsed) compare
  label texts with ``innerText``, which lays the page out to compute, and which is empty for a
  label inside a box ``offscreen_sections.py`` skips: a choice did not reach the sets further down,
  and a saved one was restored only near the top. They compare ``textContent`` instead (the
  labels are plain text; no CSS transforms it).
* **The search index.** The search component fetched the language's index (55-70 KB compressed) at
  start-up and handed it to its worker, which then fetched lunr's language scripts and built the
  index, all while the page loads, on a phone's two or four cores. It now waits until the reader
  opens search (focusing the box, the search button, a shortcut key or a ``?q=`` link all open
  it): Material already did so for pages opened from ``file://``. The highlighting of a search's
  terms fetches the index only for a page opened with ``?h=``.

Each patch is a literal replacement in the theme's minified bundle. If the pinned theme changes
and a pattern is not there exactly once, the build fails rather than ship the restyles again.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# (what the theme's bundle says, what the site ships instead)
BUNDLE_PATCHES = (
    # The palette component's colour-scheme element: a plain object takes the writes instead.
    ('let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);', "let o={};"),
    # The content component wraps only tables that the build has not wrapped.
    ('M("table:not([class])",e).map(i=>ti(i))', 'M(":not(.md-typeset__table)>table:not([class])",e).map(i=>ti(i))'),
    # Transitions are stopped only while the scheme really changes, not for the palette the page
    # already has when the component starts.
    (
        'if(document.body.setAttribute("data-md-color-switching",""),s.color.media===',
        'if(document.body.getAttribute("data-md-color-scheme")!==s.color.scheme'
        '&&document.body.setAttribute("data-md-color-switching",""),s.color.media===',
    ),
    # A tab set is mounted when it first comes into view (the pattern content.lazy uses for code
    # blocks: mt = visibility, g = filter, Ee = take, b = switchMap), without the "switching"
    # marks a choice made elsewhere left on its labels.
    (
        '...M("[data-tabs]",e).map(i=>ri(i,{viewport$:r,target$:o}))',
        '...M("[data-tabs]",e).map(i=>mt(i).pipe(g(v=>v),Ee(1),b(()=>(M("[data-md-switching]",i)'
        '.forEach(l=>l.removeAttribute("data-md-switching")),ri(i,{viewport$:r,target$:o})))))',
    ),
    # Linked tabs match labels by their text, whether or not the label is drawn.
    ("let f=p.innerText.trim();", "let f=p.textContent.trim();"),
    ("if(X!==p&&X.innerText.trim()===f)", "if(X!==p&&X.textContent.trim()===f)"),
    # The root's class: the page's inline script (scripted_layout.py) already made no-js js. Writing
    # the class attribute again, even with the same value, makes Chromium match the theme's [class]
    # selectors (table:not([class]) ...) against every drawn element; replace() writes only when
    # no-js is there.
    (
        'document.documentElement.classList.remove("no-js");document.documentElement.classList.add("js");',
        'document.documentElement.classList.replace("no-js","js");',
    ),
    # ... and the focus-visible polyfill's marker class, which that script sets too.
    (
        'Node.DOCUMENT_NODE&&(document.documentElement.classList.add("js-focus-visible"),',
        'Node.DOCUMENT_NODE&&(document.documentElement.classList.contains("js-focus-visible")||'
        'document.documentElement.classList.add("js-focus-visible"),',
    ),
    # The search worker gets the index once search is opened (Je = toggle state, Re = first).
    (
        'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))',
        'Je("search").pipe(Re(o=>o),b(()=>t))',
    ),
    # Highlighting a search's terms (?h=...) asks for the index only when there are terms.
    (
        'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
        'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))',
    ),
)
# The theme's inline script that restores the saved tab choice (on every page, before the footer).
PAGE_PATCHES = (("label.innerText.trim()===tab", "label.textContent.trim()===tab"),)
TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>")
HAS_CLASS = re.compile(r"\sclass=")
SCROLL_WRAP = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def wrap_tables(html: str) -> str:
    """Wrap every table without a class as Material's script would, outermost tables only.

    >>> wrap_tables('<p>a</p><table><tr><td>1</td></tr></table><table class="x"></table>')
    '<p>a</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><tr><td>1</td></tr></table></div></div><table class="x"></table>'
    """
    out, position, depth, wrapping = [], 0, 0, False
    for tag in TABLE_TAG.finditer(html):
        if tag.group().startswith("</"):
            depth -= 1
            if depth == 0 and wrapping:
                out += [html[position:tag.end()], "</div></div>"]
                position, wrapping = tag.end(), False
            continue
        if depth == 0 and not HAS_CLASS.search(tag.group()):
            out += [html[position:tag.start()], SCROLL_WRAP]
            position, wrapping = tag.start(), True
        depth += 1
    out.append(html[position:])
    return "".join(out)


def apply_patches(text: str, name: str, patches) -> str:
    """Apply `patches` to a page or the bundle; a bundle an earlier build patched in place passes.

    >>> theme = ";".join(old for old, _ in BUNDLE_PATCHES)
    >>> patched = apply_patches(theme, "t", BUNDLE_PATCHES)
    >>> patched == ";".join(new for _, new in BUNDLE_PATCHES), apply_patches(patched, "t", BUNDLE_PATCHES) == patched
    (True, True)
    >>> apply_patches('a;let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);b', "t", BUNDLE_PATCHES)
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: startup_restyles: 'M("table:not([class])",e).map(i=>ti(i))' is in t 0 times, not once; review docs/hooks/startup_restyles.py for the new theme version.
    """
    for old, new in patches:
        if text.count(old) == 1:
            text = text.replace(old, new)
        elif not (old not in text and text.count(new) == 1):
            raise PluginError(
                f"startup_restyles: {old!r} is in {name} {text.count(old)} times, not once; "
                "review docs/hooks/startup_restyles.py for the new theme version."
            )
    return text


def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return wrap_tables(html_content)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return apply_patches(output, page.file.src_uri, PAGE_PATCHES)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates: the 404 page has the theme's scripts; sitemap.xml does not.
    return apply_patches(output, template_name, PAGE_PATCHES) if template_name.endswith(".html") else output


def on_post_build(config: MkDocsConfig) -> None:
    bundles = sorted(Path(config.site_dir).glob("assets/javascripts/bundle.*.min.js"))
    if not bundles:
        return  # a build without the theme's files (the second language's pages)
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        patched = apply_patches(text, bundle.name, BUNDLE_PATCHES)
        if patched != text:
            bundle.write_text(patched, encoding="utf-8")
