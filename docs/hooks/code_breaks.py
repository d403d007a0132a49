"""Let inline code wrap between the parts of a name, not inside a word.

Material lets inline code break anywhere once it would overflow (``word-break: break-word``), so
on a phone a narrow table column showed ``ignore_in`` over ``dex``. This hook puts a break
opportunity (``<wbr>``) after each ``_``, ``.``, ``/`` and ``::`` that is followed by more of the
name, and between the words of a CamelCase name, in inline code outside code blocks; the browser
uses those before it breaks inside a word.
``<wbr>`` adds no character: copying the code, or searching for it, finds the name unchanged.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
INLINE_CODE = re.compile(r"(<code>)(.*?)(</code>)", re.DOTALL)
TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
# "_", "/" or "::" between parts of a name; "." only between letters (not inside a number like
# 0.5); and the words of a CamelCase name, whose parts no separator marks
PART_SEPARATOR = re.compile(
    r"(?<=[A-Za-z0-9])(_|/|::)(?=\w)|(?<=[A-Za-z_)\]])(\.)(?=[A-Za-z_])|(?<=[a-z])(?=[A-Z][a-z])"
)


def name_breaks(text: str) -> str:
    """Break opportunities in the text of one inline code element (its tags are left alone).

    >>> name_breaks("ignore_index")
    'ignore_<wbr>index'
    >>> name_breaks("torch.nn.functional.cross_entropy")
    'torch.<wbr>nn.<wbr>functional.<wbr>cross_<wbr>entropy'
    >>> name_breaks("nn.CrossEntropyLoss() or NLLLoss")
    'nn.<wbr>Cross<wbr>Entropy<wbr>Loss() or NLLLoss'
    >>> name_breaks("tests/library/test_x.py::test_y")
    'tests/<wbr>library/<wbr>test_<wbr>x.<wbr>py::<wbr>test_<wbr>y'
    >>> name_breaks('label_smoothing=0.1, <a href="#a_b">x_y</a>, _private, end.')
    'label_<wbr>smoothing=0.1, <a href="#a_b">x_<wbr>y</a>, _private, end.'
    """
    return TAG_OR_TEXT.sub(lambda m: m[1] or PART_SEPARATOR.sub(r"\g<0><wbr>", m[2]), text)


def add_code_breaks(html: str) -> str:
    """Apply ``name_breaks`` to every inline code element of a page, and to nothing in a ``<pre>``.

    >>> add_code_breaks('<p><code>a_b</code></p><pre><code>c_d</code></pre><td><code>e.f</code></td>')
    '<p><code>a_<wbr>b</code></p><pre><code>c_d</code></pre><td><code>e.<wbr>f</code></td>'
    """
    out, position = [], 0
    for block in CODE_BLOCK.finditer(html):
        out.append(_inline(html[position:block.start()]))
        out.append(block[0])
        position = block.end()
    out.append(_inline(html[position:]))
    return "".join(out)


def _inline(fragment: str) -> str:
    return INLINE_CODE.sub(lambda m: m[1] + name_breaks(m[2]) + m[3], fragment)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return add_code_breaks(html)
