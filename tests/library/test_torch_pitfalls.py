"""PyTorch's own behaviour in the mistakes the pitfalls page (docs/pitfalls.md) and the related-losses
page (docs/related-losses.md) describe.

The pages demonstrate each mistake with xentdocs and state what PyTorch does; every such statement is
checked here against torch 2.13 CPU. Expected values come from torch itself or from the formula written
next to them, never from xentdocs; where xentdocs is called, it is compared with torch.
"""

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import xentdocs as xd

pytestmark = pytest.mark.torch

Z = np.array([[2.0, 0.5, -1.0],
              [0.0, 3.0, 0.0],
              [0.1, 0.2, 2.5],
              [1.0, -0.5, 0.3]])
Y = np.array([0, 1, 2, 1])


def tz():
    return torch.tensor(Z, dtype=torch.float64)


def test_softmax_before_cross_entropy_runs_and_has_the_floor_log1p_c_minus_1_over_e():
    C = 10
    y = torch.arange(C)
    perfect = torch.eye(C, dtype=torch.float64)  # probabilities 1 on the target, given as logits
    floor = np.log1p((C - 1) / np.e)
    assert F.cross_entropy(perfect, y).item() == pytest.approx(floor, rel=1e-14)
    assert float(xd.cross_entropy_loss(perfect.numpy(), y.numpy())) == pytest.approx(floor, rel=1e-14)


def test_nll_loss_on_probabilities_is_minus_the_mean_target_probability_and_raises_nothing():
    q = torch.softmax(tz(), dim=1)
    expected = -q[torch.arange(len(Y)), torch.tensor(Y)].mean().item()  # the formula: -mean q_y
    got = F.nll_loss(q, torch.tensor(Y)).item()
    assert got < 0
    assert got == pytest.approx(expected, rel=1e-14)
    assert float(xd.nll_loss(q.numpy(), Y)) == pytest.approx(got, rel=1e-14)


def test_float_class_indices_are_rejected_by_both():
    with pytest.raises(RuntimeError, match="expected target dtype to be Long or Byte, but got Float"):
        F.cross_entropy(tz(), torch.tensor(Y, dtype=torch.float32))
    with pytest.raises(TypeError, match="integer dtype"):
        xd.cross_entropy_loss(Z, Y.astype(np.float32))


def test_int32_targets_are_rejected_by_torch_but_accepted_by_xentdocs():
    with pytest.raises(RuntimeError, match="but got Int"):
        F.cross_entropy(tz(), torch.tensor(Y, dtype=torch.int32))
    reference = F.cross_entropy(tz(), torch.tensor(Y, dtype=torch.int64)).item()
    assert F.cross_entropy(tz(), torch.tensor(Y, dtype=torch.uint8)).item() == reference
    assert float(xd.cross_entropy_loss(Z, Y.astype(np.int32))) == pytest.approx(reference, rel=1e-14)


def test_a_label_equal_to_c_raises_in_both():
    labels_1_to_c = Y + 1  # holds 3 = C
    with pytest.raises(IndexError, match="Target 3 is out of bounds"):
        F.cross_entropy(tz(), torch.tensor(labels_1_to_c))
    with pytest.raises(ValueError, match="got 3"):
        xd.cross_entropy_loss(Z, labels_1_to_c)


def test_labels_numbered_from_1_raise_nothing_while_no_label_equals_c():
    shifted = np.array([1, 2, 2, 1])  # labels 1..C of a batch without class C
    got = F.cross_entropy(tz(), torch.tensor(shifted)).item()
    assert got != pytest.approx(F.cross_entropy(tz(), torch.tensor(shifted - 1)).item())
    assert float(xd.cross_entropy_loss(Z, shifted)) == pytest.approx(got, rel=1e-14)


def test_softmax_without_dim_warns():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        F.softmax(tz())


def test_multi_hot_float_targets_are_taken_as_probabilities_without_error():
    multi_hot = np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    got = F.cross_entropy(tz(), torch.tensor(multi_hot)).item()
    expected = -(torch.tensor(multi_hot) * F.log_softmax(tz(), dim=1)).sum(dim=1).mean().item()
    assert got == pytest.approx(expected, rel=1e-14)
    assert float(xd.cross_entropy_loss(Z, multi_hot)) == pytest.approx(got, rel=1e-14)


def test_float_one_hot_with_class_weights_divides_by_n_and_indices_by_the_weights():
    w = torch.tensor([1.0, 4.0, 1.0], dtype=torch.float64)
    y = torch.tensor(Y)
    per_row = -F.log_softmax(tz(), dim=1)[torch.arange(len(Y)), y] * w[y]
    index_mean = F.cross_entropy(tz(), y, weight=w).item()
    onehot_mean = F.cross_entropy(tz(), F.one_hot(y, 3).double(), weight=w).item()
    assert index_mean == pytest.approx((per_row.sum() / w[y].sum()).item(), rel=1e-14)
    assert onehot_mean == pytest.approx((per_row.sum() / len(Y)).item(), rel=1e-14)
    assert onehot_mean != pytest.approx(index_mean)


def test_averaging_weighted_micro_batch_means_is_not_the_weighted_batch_mean():
    w = torch.tensor([1.0, 4.0, 1.0], dtype=torch.float64)
    y = torch.tensor(np.array([0, 2, 1, 1]))
    full = F.cross_entropy(tz(), y, weight=w).item()
    halves = [slice(0, 2), slice(2, 4)]
    mean_of_means = np.mean([F.cross_entropy(tz()[h], y[h], weight=w).item() for h in halves])
    sums = sum(F.cross_entropy(tz()[h], y[h], weight=w, reduction="sum").item() for h in halves)
    assert mean_of_means != pytest.approx(full)
    assert sums / w[y].sum().item() == pytest.approx(full, rel=1e-14)


def _soft_targets():
    rng = np.random.default_rng(7)
    logits = rng.normal(size=Z.shape) * 2
    return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


def test_kl_div_takes_log_probabilities_first_and_batchmean_is_the_mean_kl_per_sample():
    P = _soft_targets()
    log_q = F.log_softmax(tz(), dim=1)
    # The formula, written out: sum_c P log(P / Q), averaged over the rows.
    expected = (P * (np.log(P) - log_q.numpy())).sum(axis=1).mean()
    assert F.kl_div(log_q, torch.tensor(P), reduction="batchmean").item() == pytest.approx(expected, rel=1e-13)
    assert float(np.mean(xd.kl_divergence(P, xd.softmax(Z, axis=1)))) == pytest.approx(expected, rel=1e-13)


def test_kl_div_mean_divides_by_the_number_of_elements_and_warns():
    P = torch.tensor(_soft_targets())
    log_q = F.log_softmax(tz(), dim=1)
    batchmean = F.kl_div(log_q, P, reduction="batchmean").item()
    with pytest.warns(UserWarning, match="'batchmean' divides only by the batch size"):
        mean = F.kl_div(log_q, P, reduction="mean").item()
    assert mean == pytest.approx(batchmean / Z.shape[1], rel=1e-14)


def test_kl_div_and_probability_target_cross_entropy_differ_by_the_entropy_and_share_the_gradient():
    P = torch.tensor(_soft_targets())
    z_kl = tz().requires_grad_()
    z_ce = tz().requires_grad_()
    kl = F.kl_div(F.log_softmax(z_kl, dim=1), P, reduction="batchmean")
    ce = F.cross_entropy(z_ce, P)
    mean_entropy = -(P * P.log()).sum(dim=1).mean().item()
    assert ce.item() - kl.item() == pytest.approx(mean_entropy, rel=1e-13)
    kl.backward()
    ce.backward()
    torch.testing.assert_close(z_kl.grad, z_ce.grad, rtol=1e-13, atol=1e-15)
    # and the shared gradient is (Q - P) / N
    expected = (torch.softmax(tz(), dim=1) - P) / len(Y)
    torch.testing.assert_close(z_ce.grad, expected, rtol=1e-13, atol=1e-15)


def test_the_recommended_calls_raise_no_warning():
    """The fixes the pages recommend (softmax with dim given, kl_div with reduction='batchmean') do not warn."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.softmax(tz(), dim=1)
        F.kl_div(F.log_softmax(tz(), dim=1), torch.tensor(_soft_targets()), reduction="batchmean")
