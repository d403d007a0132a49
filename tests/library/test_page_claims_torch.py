"""Claims the pages make about PyTorch that no page can show with torch itself.

The pages run only ``xentdocs`` (torch is not a page dependency), so what they say about PyTorch
is checked here against torch 2.13 CPU:

* binary-cross-entropy, "The denominator of reduction='mean'": with ``weight`` or ``pos_weight``,
  BCE's mean divides by the number of elements, not by the sum of the weights (the opposite of
  ``CrossEntropyLoss``), and ``pos_weight = k`` equals k copies of each positive sample for the
  sum only. The inputs are those of ``docs/snippets/binary_cross_entropy/mean_denominator.py``.
* numerical-stability, the note "In mixed-precision training": which loss and softmax operations
  ``torch.autocast`` runs in float32 on the CPU (run here), and that torch registers CUDA autocast
  rules for the operations the AMP documentation lists (registration only: no GPU here).
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import xentdocs as xd

pytestmark = pytest.mark.torch

# The page's example (docs/snippets/binary_cross_entropy/mean_denominator.py)
Z = np.array([[1.5, -0.3], [0.2, 2.0], [-1.0, 0.7]])
Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
W = np.array([0.5, 3.0])
PW = np.array([4.0, 2.0])


def t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


@pytest.mark.parametrize("kind", ["weight", "pos_weight", "both"])
def test_bce_with_logits_mean_divides_by_the_number_of_elements(kind):
    weight = W if kind in ("weight", "both") else None
    pos_weight = PW if kind in ("pos_weight", "both") else None
    opts = dict(weight=None if weight is None else t(weight), pos_weight=None if pos_weight is None else t(pos_weight))
    per_element = F.binary_cross_entropy_with_logits(t(Z), t(Y), reduction="none", **opts)
    mean = F.binary_cross_entropy_with_logits(t(Z), t(Y), **opts).item()
    assert mean == pytest.approx(per_element.sum().item() / Z.size, rel=1e-14)
    if weight is not None:  # ... and not by the sum of the weights, as CrossEntropyLoss would
        weight_sum = np.broadcast_to(weight, Z.shape).sum()
        assert mean != pytest.approx(per_element.sum().item() / weight_sum, rel=1e-3)
    got = xd.binary_cross_entropy_with_logits(Z, Y, weight=weight, pos_weight=pos_weight)
    assert float(got) == pytest.approx(mean, rel=1e-14)


def test_bce_on_probabilities_mean_divides_by_the_number_of_elements():
    p = torch.sigmoid(t(Z))
    per_element = F.binary_cross_entropy(p, t(Y), weight=t(W), reduction="none")
    mean = F.binary_cross_entropy(p, t(Y), weight=t(W)).item()
    assert mean == pytest.approx(per_element.sum().item() / Z.size, rel=1e-14)
    assert float(xd.binary_cross_entropy(p.numpy(), Y, weight=W)) == pytest.approx(mean, rel=1e-14)


def test_cross_entropy_weighted_mean_divides_by_the_weight_sum_for_contrast():
    """The contrast the BCE page draws: CrossEntropyLoss's weighted mean uses sum_i w[y_i]."""
    z = t([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.0]])
    y = torch.tensor([0, 2, 1])
    w = t([1.0, 4.0, 1.0])
    per_row = F.cross_entropy(z, y, weight=w, reduction="none")
    assert F.cross_entropy(z, y, weight=w).item() == pytest.approx(per_row.sum().item() / w[y].sum().item(), rel=1e-14)


def test_pos_weight_equals_copies_of_positives_for_the_sum_only():
    k = 3
    z1 = np.array([0.3, -1.2, 2.0, 0.5])
    y1 = np.array([1.0, 0.0, 1.0, 0.0])
    pos = y1 == 1
    z_copies = np.concatenate([z1[~pos]] + [z1[pos]] * k)
    y_copies = np.concatenate([y1[~pos]] + [y1[pos]] * k)
    pw = t([float(k)])
    for reduction in ("sum", "mean"):
        weighted = F.binary_cross_entropy_with_logits(t(z1), t(y1), pos_weight=pw, reduction=reduction).item()
        copies = F.binary_cross_entropy_with_logits(t(z_copies), t(y_copies), reduction=reduction).item()
        if reduction == "sum":
            assert weighted == pytest.approx(copies, rel=1e-14)
        else:  # the same sum over 4 elements against 4 + (k - 1) * 2 = 8
            assert weighted == pytest.approx(copies * len(y_copies) / len(y1), rel=1e-14)
            assert weighted != pytest.approx(copies, rel=1e-3)
        assert float(xd.binary_cross_entropy_with_logits(z1, y1, pos_weight=np.array([float(k)]),
                                                         reduction=reduction)) == pytest.approx(weighted, rel=1e-14)


# --- torch.autocast ------------------------------------------------------------------------------

LOW = [torch.bfloat16, torch.float16]


def _inputs(dtype):
    gen = torch.Generator().manual_seed(0)
    z = (torch.randn(6, 10, generator=gen) * 8).to(dtype)  # logits already in low precision
    y = torch.randint(0, 10, (6,), generator=gen)
    zb = z[:, 0]
    yb = torch.rand(6, generator=gen)
    return z, y, zb, yb


@pytest.mark.parametrize("dtype", LOW, ids=str)
def test_cpu_autocast_runs_the_losses_in_float32(dtype):
    z, y, zb, yb = _inputs(dtype)
    with torch.autocast("cpu", dtype=dtype):
        outputs = {
            "cross_entropy": F.cross_entropy(z, y),
            "nll_loss": F.nll_loss(z.float().log_softmax(1).to(dtype), y),
            "binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits(zb, yb),
            "binary_cross_entropy": F.binary_cross_entropy(torch.sigmoid(zb.float()).to(dtype), yb),
        }
    assert {name: out.dtype for name, out in outputs.items()} == dict.fromkeys(outputs, torch.float32)
    # cross_entropy's value is that of the same logits converted to float32
    assert outputs["cross_entropy"].item() == F.cross_entropy(z.float(), y).item()


@pytest.mark.parametrize("dtype", LOW, ids=str)
def test_cpu_autocast_keeps_softmax_and_log_softmax_in_low_precision(dtype):
    z, y, _, _ = _inputs(dtype)
    with torch.autocast("cpu", dtype=dtype):
        assert F.softmax(z, 1).dtype == dtype
        log_probs = F.log_softmax(z, 1)
        assert log_probs.dtype == dtype
        via_nll = F.nll_loss(log_probs, y)
    # nll_loss returns float32, but from log-probabilities already rounded to low precision
    assert via_nll.dtype == torch.float32
    assert via_nll.item() != F.cross_entropy(z.float(), y).item()


def test_autocast_lists_differ_between_cuda_and_cpu():
    """Registrations only (no GPU here): the CUDA rules the AMP documentation describes exist,
    including binary_cross_entropy's (it raises 'unsafe to autocast'); the CPU has none for
    softmax and log_softmax."""
    has = torch._C._dispatch_has_kernel_for_dispatch_key
    for op in ("aten::softmax.int", "aten::log_softmax.int", "aten::nll_loss",
               "aten::binary_cross_entropy_with_logits", "aten::binary_cross_entropy"):
        assert has(op, "AutocastCUDA"), op
    for op in ("aten::softmax.int", "aten::log_softmax.int"):
        assert not has(op, "AutocastCPU"), op
    for op in ("aten::cross_entropy_loss", "aten::nll_loss", "aten::binary_cross_entropy_with_logits",
               "aten::binary_cross_entropy"):
        assert has(op, "AutocastCPU"), op
