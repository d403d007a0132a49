"""A figure with a missing glyph fails the build.

matplotlib reports a character its font lacks with a Python warning ("Glyph ... missing from
font(s) ..."); MkDocs only logs Python warnings at INFO, so ``--strict`` would let boxes (tofu) into
a figure. This hook turns those warnings into exceptions for the whole build, so the executed block
that draws the figure raises, markdown-exec logs a warning and ``--strict`` fails. (Figures made
with ``xentdocs.plotting.to_svg`` raise on their own; this also covers plain matplotlib code.)
"""

from __future__ import annotations

import warnings

from mkdocs.config.defaults import MkDocsConfig

MISSING_GLYPH = r"(?s).*Glyph .* missing from"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    warnings.filterwarnings("error", message=MISSING_GLYPH)
    return config
