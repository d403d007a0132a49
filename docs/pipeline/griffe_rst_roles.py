"""Griffe extension: the library's scipy-style RST markup, rendered by mkdocstrings as Markdown.

The docstrings of ``xentdocs`` follow SciPy's conventions so that ``help()`` reads well:
``:math:`...``` roles, ``.. math::`` directives and ``:func:`name``` cross-references. mkdocstrings
renders docstrings as Markdown, where those would show up verbatim. Before rendering, this
extension rewrites them into what the site's Markdown understands:

- ``:math:`x``` becomes ``$x$`` and a ``.. math::`` block becomes ``$$ ... $$`` (KaTeX renders both);
- ``:func:`name``` (and ``:class:``, ``:meth:``, ``:data:``, ...) becomes a cross-reference to
  the API reference entry when ``name`` is part of the package, and inline code otherwise.

Configured in mkdocs.yml under the python handler's ``options.extensions``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

MATH_ROLE = re.compile(r":math:`([^`]+)`")
XREF_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|data|attr|mod|obj|exc|const):`(~?)([^`<]+?)(?:\s*<([^>]+)>)?`")
MATH_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*(?P<first>.*)$")


def convert_math_blocks(text: str) -> str:
    """Turn ``.. math::`` directives into ``$$`` blocks, keeping their indentation.

    >>> print(convert_math_blocks("Notes\\n.. math:: a = b\\n   + c\\n\\nAfter."))
    Notes
    <BLANKLINE>
    $$
    a = b
    + c
    $$
    <BLANKLINE>
    After.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = MATH_DIRECTIVE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match["indent"]
        body = [match["first"].strip()] if match["first"].strip() else []
        i += 1
        # The directive's content: following lines indented deeper than the directive (blank
        # lines allowed between them when the content starts on the next line).
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) > len(indent):
                body.append(line.strip())
                i += 1
            elif not line.strip() and not body and i + 1 < len(lines):
                i += 1
            else:
                break
        if out and out[-1].strip():
            out.append("")
        out += [f"{indent}$$", *(f"{indent}{line}" for line in body), f"{indent}$$"]
        if i < len(lines) and lines[i].strip():
            out.append("")
    return "\n".join(out)


def convert(text: str, resolve) -> str:
    """Rewrite the RST roles and directives of one docstring (``resolve(name)`` -> path or None).

    >>> convert(":math:`e^x` and :func:`softmax`", lambda name: "pkg." + name)
    '$e^x$ and [`softmax`][pkg.softmax]'
    >>> convert(":class:`~numpy.ndarray`", lambda name: None)
    '`ndarray`'
    """
    text = convert_math_blocks(text)
    text = MATH_ROLE.sub(lambda m: f"${m.group(1).strip()}$", text)

    def xref(match: re.Match[str]) -> str:
        short, title, target = match.group(1), match.group(2).strip(), match.group(3)
        target = (target or title).strip().lstrip("~")
        label = title if match.group(3) else (target.rsplit(".", 1)[-1] if short else target)
        path = resolve(target)
        return f"[`{label}`][{path}]" if path else f"`{label}`"

    return XREF_ROLE.sub(xref, text)


class RstRoles(griffe.Extension):
    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if obj.is_alias or obj.docstring is None:
            return
        package = obj.package.path
        module = obj.module.path

        def resolve(target: str) -> str | None:
            name = target.rsplit(".", 1)[-1]
            for candidate in (f"{package}.{name}", f"{module}.{name}", target):
                if not candidate.startswith(package + "."):
                    continue
                try:
                    target_obj = loader.modules_collection[candidate]
                    documented = bool(target_obj.docstring) and not target_obj.name.startswith("_")
                except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
                    continue
                # The reference shows documented public objects only (show_if_no_docstring: false).
                return candidate if documented else None
            return None

        obj.docstring.value = convert(obj.docstring.value, resolve)
