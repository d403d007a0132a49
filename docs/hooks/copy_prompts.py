"""The copy button copies the code of a ``>>>`` example, without prompts or output lines.

Material's copy button copies the ``innerText`` of the code element while that element carries
``data-md-copying``; ``assets/stylesheets/extra.css`` hides the prompt (``.gp``) and output (``.go``)
spans in that state, and ``innerText`` skips hidden elements. Pygments leaves the newline that ends
an output line outside the ``.go`` span, which would leave one blank line per output in the copied
code; this hook moves that newline inside the span, so a hidden output line disappears entirely.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

OUTPUT_LINE = re.compile(r'<span class="go">([^<]*)</span>\n')


def fold_output_newlines(html: str) -> str:
    """Put the newline after each output span inside it.

    >>> fold_output_newlines('<span class="gp">&gt;&gt;&gt; </span>1 + 1\\n<span class="go">2</span>\\n')
    '<span class="gp">&gt;&gt;&gt; </span>1 + 1\\n<span class="go">2\\n</span>'
    """
    return OUTPUT_LINE.sub(lambda m: f'<span class="go">{m.group(1)}\n</span>', html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return fold_output_newlines(html)
