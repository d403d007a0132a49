"""Empty inputs through every public function: SciPy's or PyTorch's result where they define one
(computed here, in the test, from SciPy and PyTorch), otherwise a ValueError naming the argument;
never an error from inside NumPy."""

import warnings

import numpy as np
import pytest
import scipy.special
import scipy.stats
import torch
import torch.nn.functional as F

import xentdocs as xd

pytestmark = pytest.mark.torch

AXIS_SHAPES = [(0,), (0, 10), (10, 0), (5, 0, 0)]
REDUCTIONS = ["none", "sum", "mean"]


def same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_array_equal(got, want)  # NaN equals NaN here


def t(a):
    return torch.from_numpy(np.asarray(a))


@pytest.mark.parametrize("shape", AXIS_SHAPES, ids=str)
def test_softmax_family_over_empty_axes_and_batches(shape):
    x = np.zeros(shape)
    same(xd.logsumexp(x), scipy.special.logsumexp(x, axis=-1))  # -inf for an empty sum
    same(xd.logsumexp(x), torch.logsumexp(t(x), -1).numpy())
    same(xd.softmax(x), torch.softmax(t(x), -1).numpy())
    same(xd.log_softmax(x), torch.log_softmax(t(x), -1).numpy())
    for axis in range(x.ndim):
        same(xd.logsumexp(x, axis=axis), scipy.special.logsumexp(x, axis=axis))
        same(xd.softmax(x, axis=axis), torch.softmax(t(x), axis).numpy())
        same(xd.log_softmax(x, axis=axis), torch.log_softmax(t(x), axis).numpy())


def test_logsumexp_of_nothing_is_minus_inf():
    assert xd.logsumexp(np.array([])) == -np.inf == scipy.special.logsumexp(np.array([]))
    assert np.asarray(xd.logsumexp(np.zeros(0, np.float32))).dtype == np.float32


def test_elementwise_functions():
    z = np.zeros((0, 3))
    same(xd.sigmoid(z), torch.sigmoid(t(z)).numpy())
    same(xd.log_sigmoid(z), F.logsigmoid(t(z)).numpy())
    same(xd.information_content(z), -np.log(z))


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0)], ids=str)
def test_information_functions(shape):
    p = np.zeros(shape)
    same(xd.entropy(p), scipy.stats.entropy(p, axis=-1))
    same(xd.cross_entropy(p, p), scipy.stats.entropy(p, axis=-1) + scipy.stats.entropy(p, p, axis=-1))
    same(xd.kl_divergence(p, p), scipy.special.rel_entr(p, p).sum(axis=-1))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(0, 4), (2, 4, 0), (0, 4, 3)], ids=str)
def test_losses_over_an_empty_batch(shape, reduction):
    x = np.zeros(shape)
    index = np.zeros(shape[:1] + shape[2:], np.int64)
    for target in (index, np.zeros(shape)):
        xt = t(x).requires_grad_(True)
        want = F.cross_entropy(xt, t(target), reduction=reduction)
        want.sum().backward()
        same(xd.cross_entropy_loss(x, target, reduction=reduction), want.detach().numpy())
        same(xd.cross_entropy_loss_grad(x, target, reduction=reduction), xt.grad.numpy())
        loss, grad = xd.cross_entropy_loss_and_grad(x, target, reduction=reduction)
        same(loss, want.detach().numpy())
        same(grad, xt.grad.numpy())
    same(xd.nll_loss(x, index, reduction=reduction), F.nll_loss(t(x), t(index), reduction=reduction).numpy())


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_losses_over_nothing(reduction):
    p = np.zeros((0, 3))
    same(xd.binary_cross_entropy(p, p, reduction=reduction), F.binary_cross_entropy(t(p), t(p), reduction=reduction).numpy())
    same(xd.binary_cross_entropy_with_logits(p, p, reduction=reduction),
         F.binary_cross_entropy_with_logits(t(p), t(p), reduction=reduction).numpy())
    same(xd.BCEWithLogitsLoss(reduction=reduction)(p, p), F.binary_cross_entropy_with_logits(t(p), t(p), reduction=reduction).numpy())


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(0, 3, 5), (4, 0, 5)], ids=["no rows", "no features"])
def test_linear_cross_entropy_with_no_rows_or_no_features(shape, reduction):
    n, d, v = shape
    rng = np.random.default_rng(0)
    x, W, b, target = np.zeros((n, d)), rng.normal(size=(v, d)), rng.normal(size=v), np.arange(n) % v
    tx, tW, tb = (t(a).requires_grad_(True) for a in (x, W, b))
    # torch 2.13's chunked path divides by D when it picks its chunk size (ZeroDivisionError)
    for options in (None,) if d == 0 else (None, torch.nn.LinearCrossEntropyOptions()):
        for a in (tx, tW, tb):
            a.grad = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = F.linear_cross_entropy(tx, tW, t(target), linear_bias=tb, reduction=reduction, options=options)
        want.sum().backward()
        got = xd.linear_cross_entropy_and_grad(x, W, target, linear_bias=b, reduction=reduction)
        # no features: the logits are the bias, and the two libraries round log-softmax differently
        np.testing.assert_allclose(got[0], want.detach().numpy(), rtol=1e-15, atol=0)
        same(xd.linear_cross_entropy(x, W, target, linear_bias=b, reduction=reduction), got[0])
        if not (options is not None and reduction == "mean" and n == 0):  # torch's chunked path: NaN, see test_linear_cross_entropy
            for g, a in zip(got[1:], (tx, tW, tb)):
                np.testing.assert_allclose(g, a.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("call", [
    pytest.param(lambda: xd.cross_entropy_loss(np.zeros((3, 0)), np.zeros(3, np.int64)), id="cross_entropy_loss"),
    pytest.param(lambda: xd.cross_entropy_loss_grad(np.zeros((3, 0)), np.zeros(3, np.int64)), id="cross_entropy_loss_grad"),
    pytest.param(lambda: xd.cross_entropy_loss_and_grad(np.zeros(0), np.int64(0)), id="cross_entropy_loss_and_grad"),
    pytest.param(lambda: xd.nll_loss(np.zeros((3, 0)), np.zeros(3, np.int64)), id="nll_loss"),
    pytest.param(lambda: xd.CrossEntropyLoss()(np.zeros((2, 0, 4)), np.zeros((2, 4), np.int64)), id="CrossEntropyLoss"),
])
def test_no_classes_is_an_error_naming_the_input(call):
    """PyTorch fails these too (an out-of-bounds target): with no class there is no distribution."""
    with pytest.raises(ValueError, match=r"input.*at least one class"):
        call()


def test_no_classes_in_linear_weight_is_an_error_naming_it():
    with pytest.raises(ValueError, match=r"linear_weight.*\(0, 3\)"):
        xd.linear_cross_entropy(np.zeros((2, 3)), np.zeros((0, 3)), np.zeros(2, np.int64))
