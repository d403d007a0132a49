"""Run the ```pycon examples of every page (both languages) as doctests.

markdown-exec's ``pycon`` blocks never compare outputs, so the expected output
written under each ``>>>`` line is checked here. Only the insides of ```pycon
fences are doctest text: everything else becomes a blank line, which keeps line
numbers in failure reports right and stops a closing fence from being read as
expected output. The snippet files are build inputs, run by the strict build.
"""

from __future__ import annotations

import doctest
import re
import textwrap

import pytest
from _pytest.doctest import DoctestItem, DoctestTextfile, _get_checker, _get_runner, get_optionflags

collect_ignore_glob = ["snippets/*"]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>[^\n]*)$")


def pycon_text(markdown: str) -> str:
    """The markdown with every line outside a non-executed ```pycon fence blanked out."""
    out: list[str] = []
    block: list[str] = []
    kind = None  # None outside fences, "pycon" inside a doctested fence, "other" inside any other
    ticks = ""
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if kind is None:
            out.append("")
            if match:
                info = match["info"].split()
                lang = info[0].strip("{.") if info else ""
                executed = any(option.startswith("exec=") for option in info[1:])
                kind = "pycon" if lang == "pycon" and not executed else "other"
                ticks, block = match["ticks"], []
        elif match and match["ticks"] == ticks and not match["info"].strip():
            if kind == "pycon":
                out[-len(block) :] = textwrap.dedent("\n".join(block)).split("\n") if block else []
            out.append("")
            kind = None
        else:
            block.append(line)
            out.append("")
    return "\n".join(out) + "\n"


class MarkdownDoctests(DoctestTextfile):
    def collect(self):
        text = pycon_text(self.path.read_text(encoding="utf-8"))
        runner = _get_runner(
            verbose=False,
            optionflags=get_optionflags(self.config),
            checker=_get_checker(),
            continue_on_failure=False,
        )
        test = doctest.DocTestParser().get_doctest(text, {"__name__": "__main__"}, self.path.name, str(self.path), 0)
        if test.examples:
            yield DoctestItem.from_parent(self, name=test.name, runner=runner, dtest=test)


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".md":
        return MarkdownDoctests.from_parent(parent, path=file_path)
    return None
