"""Fixtures shared by the library tests."""

import zlib

import numpy as np
import pytest


@pytest.fixture
def rng(request):
    """A generator seeded by the test's own id: each case draws the same numbers on every run
    (a failure reproduces), yet different cases draw different numbers."""
    return np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))
