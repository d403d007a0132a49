"""Executed blocks run their BLAS calls on one thread.

The pages multiply small matrices (a softmax regression on 8x8 digits); OpenBLAS's thread pool
costs more than it saves at that size, several times over on a busy 2-core machine, and a
single thread also keeps the printed numbers independent of the machine's core count.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from threadpoolctl import threadpool_limits

_limits = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _limits
    if _limits is None:
        # numpy must be loaded for its BLAS to be found; the limit then holds for the process
        import numpy  # noqa: F401

        _limits = threadpool_limits(limits=1, user_api="blas")
    return config
