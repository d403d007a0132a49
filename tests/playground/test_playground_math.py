"""The playground's JavaScript math against xentdocs (issue 6).

The fixture is written by make_fixture.py (xentdocs and NumPy, never the JavaScript formulas);
node's own test runner then checks docs/assets/javascripts/xent_math.js against it
(tests/playground/xent_math.test.mjs). The generator itself is checked against PyTorch here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch  # imported plainly, like tests/library/test_torch_parity.py: a missing torch is an error

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixture  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_javascript_math_matches_xentdocs(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # make_fixture reads docs/assets/javascripts/playground_defaults.json
    fixture = make_fixture.write_fixture(tmp_path / "fixture.json")
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the playground's JavaScript tests need Node.js (>= 20)", pytrace=False)
    env = {**os.environ, "XENT_FIXTURE": str(fixture)}
    # package.json has no "type": node would warn that it re-parses the .js modules as ES modules
    cmd = [node, "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "--test", "tests/playground/"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"node --test failed (rc {result.returncode}):\n{output[-20000:]}"
    assert "# fail 0" in output and "# pass" in output, output[-5000:]
    # node's tests skip without a fixture; here every one of them must have run
    assert "# skipped 0" in output and "# todo 0" in output, output[-5000:]


CASES = [
    # (logits, target, temperature, smoothing)
    ([3.2, 5.1, -1.7], 0, 1.0, 0.0),
    ([3.2, 5.1, -1.7], 2, 0.3, 0.1),
    ([0.0, 0.0, 0.0, 0.0], 3, 1.0, 1.0),
    ([12.0, -12.0, 4.5, 0.1, -3.3, 7.7], 1, 0.1, 0.25),
    ([95.0, 0.0, -1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 9, 4.9, 0.37),
    ([-1000.0, 1000.0, 0.0], 0, 0.1, 0.0),
    ([50.0, 0.0, 0.0], 0, 1.0, 0.0),
]


@pytest.mark.torch
@pytest.mark.parametrize("z, y, T, eps", CASES)
def test_fixture_generator_agrees_with_torch(z, y, T, eps):
    """The fixture's float64 values against PyTorch (an independent implementation)."""
    F = torch.nn.functional
    case = make_fixture.float64_case(z, y, T, eps)
    x = torch.tensor(z, dtype=torch.float64) / T
    target = torch.tensor(y)
    expected_ce = F.cross_entropy(x, target, label_smoothing=eps).item()
    np.testing.assert_allclose(case["cross_entropy"], expected_ce, rtol=1e-12, atol=1e-15)
    logq = F.log_softmax(x, dim=0)
    np.testing.assert_allclose(case["logq"], logq.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(case["q"], torch.softmax(x, dim=0).numpy(), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(case["surprisal"], -logq[y].item(), rtol=1e-12, atol=1e-15)
    # H(Q) = -sum q log q; KL(P||Q) by torch's kl_div (input log q, target p), both from log q
    q = torch.softmax(x, dim=0)
    np.testing.assert_allclose(case["entropy"], -(q * logq).sum().item(), rtol=1e-10, atol=1e-15)
    p = torch.tensor(case["p"], dtype=torch.float64)
    assert torch.allclose(p, (1 - eps) * F.one_hot(target, len(z)).double() + eps / len(z), rtol=0, atol=1e-16)
    expected_kl = F.kl_div(logq, p, reduction="sum").item()
    kl = case["kl"]
    if isinstance(kl, str):  # q underflowed to 0 where p > 0: xentdocs' kl_divergence(p, q) is inf
        assert kl == "Infinity" and (p > 0).logical_and(q == 0).any()
    else:
        np.testing.assert_allclose(kl, expected_kl, rtol=1e-10, atol=1e-15)


@pytest.mark.torch
def test_naive_float32_fixture_agrees_with_torch():
    """The naive float32 path written with torch: inf and NaN at the same places as in NumPy."""
    for z, y, T, eps in [([95.0, 0.0, 0.0], 0, 1.0, 0.0), ([0.0, 95.0, 0.0], 0, 1.0, 0.0),
                         ([9.0, 0.0, -1.0, 2.0], 1, 0.1, 0.3), ([3.2, 5.1, -1.7], 0, 1.0, 0.0)]:
        case = make_fixture.float32_case(z, y, T, eps)
        x = torch.tensor(z, dtype=torch.float32) / torch.tensor(T, dtype=torch.float32)
        e = torch.exp(x)
        logq = torch.log(e / e.sum())
        got = np.array([float(v) for v in case["naive"]["logq"]], dtype=np.float64)
        want = logq.double().numpy()
        assert np.array_equal(np.isnan(got), np.isnan(want)) and np.array_equal(np.isinf(got), np.isinf(want)), (z, got, want)
        finite = np.isfinite(want)
        np.testing.assert_allclose(got[finite], want[finite], rtol=1e-6, atol=1e-6)
