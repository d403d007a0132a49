"""Lay the page out, from its first layout, the way Material's script will leave it.

The theme ships ``<html class="no-js">`` and both palette toggles ``hidden``; its deferred bundle
(``deferred_theme_script.py``) swaps ``no-js`` for ``js``, which shows the search button, and
un-hides one palette toggle. Until then a phone lays the header out without those two buttons,
so the language button sits at the right edge and its closed menu (centred under it, 88 px wide)
reaches 16 px past the screen. A phone browser widens its layout viewport to take in that
overflow: the page is laid out 428 px wide while it loads, then laid out again at 412 px when the
bundle moves the buttons, and the width change fires a ``resize`` that every tab set and the
sidebars answer with a measurement of their own.

Two small inline scripts give the page its scripted state as it is parsed:

* in ``<head>``, ``no-js`` becomes ``js``, and the root gets the marker class of the bundle's
  focus-visible polyfill, ``js-focus-visible`` (no stylesheet of the site uses it; set here, the
  bundle does not write the root's class again, see ``startup_restyles.py``). Without
  JavaScript ``no-js`` stays, and so does the theme's script-free layout;
* after the palette form, the toggle the palette component will show is shown, chosen the way the
  component chooses it: the palette saved by an earlier visit, else the first whose media query
  matches, else the first.

The bundle then sets the same class and the same ``hidden`` values, which changes nothing.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

HEAD_END = "</head>"
SCRIPTED = (
    '<script>document.documentElement.classList.replace("no-js","js");'
    'document.documentElement.classList.add("js-focus-visible")</script>'
)
# The theme's inline script after the palette form (partials/palette.html) starts this way.
PALETTE_SCRIPT = '<script>var palette=__md_get("__palette");'
SHOW_TOGGLE = (
    "<script>!function(){"
    'var inputs=document.querySelectorAll("[data-md-component=palette] > input"),'
    'saved=__md_get("__palette"),index=saved?saved.index:[].findIndex.call(inputs,function(input){'
    'return matchMedia(input.getAttribute("data-md-color-media")).matches});'
    "index=Math.max(0,Math.min(index,inputs.length-1));"
    "inputs.forEach(function(input,i){var toggle=input.nextElementSibling;"
    "if(toggle instanceof HTMLElement)toggle.hidden=i!==index})}()</script>"
)


def _once(output: str, marker: str, where: str) -> int:
    if output.count(marker) != 1:
        raise PluginError(
            f"scripted_layout: {marker!r} is in {where} {output.count(marker)} times, not once; "
            "review docs/hooks/scripted_layout.py for the new theme version."
        )
    return output.index(marker)


def script_layout(output: str, where: str) -> str:
    """Insert both scripts; a page that already has them is returned unchanged.

    >>> page = '<html class="no-js"><head></head><body><form></form><script>var palette=__md_get("__palette");x</script></body>'
    >>> out = script_layout(page, "p")
    >>> out.index(SCRIPTED) < out.index("</head>") < out.index(PALETTE_SCRIPT) < out.index(SHOW_TOGGLE)
    True
    >>> script_layout(out, "p") == out
    True
    >>> script_layout("<head></head>", "p")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: scripted_layout: '<script>var palette=__md_get("__palette");' is in p 0 times, not once; review docs/hooks/scripted_layout.py for the new theme version.
    """
    if SCRIPTED in output:
        return output
    head_end = _once(output, HEAD_END, where)
    output = output[:head_end] + SCRIPTED + output[head_end:]
    palette = _once(output, PALETTE_SCRIPT, where)
    palette_end = output.index("</script>", palette) + len("</script>")
    return output[:palette_end] + SHOW_TOGGLE + output[palette_end:]


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return script_layout(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates: the 404 page has the theme's header; sitemap.xml does not.
    return script_layout(output, template_name) if template_name.endswith(".html") else output
