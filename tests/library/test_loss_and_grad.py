"""cross_entropy_loss_and_grad: one pass, bit for bit the loss of cross_entropy_loss and the
gradient of cross_entropy_loss_grad (which test_torch_parity.py holds to PyTorch over the option
grid). Exact equality is the spec here, so the comparisons are assert_array_equal."""

import numpy as np
import pytest

import xentdocs as xd

SHAPES = {
    "C": (7,),
    "NC": (9, 7),
    "NCd1": (3, 7, 4),
    "NCd1d2": (2, 7, 3, 2),
    # several cache-sized blocks, the last one ragged (the kernel walks 256 KiB at a time)
    "many-blocks": (1000, 97),
    # one sample's spatial extent longer than a block: (rows of one n) cut into pieces
    "long-d1": (2, 5, 15000),
}


def make_target(rng, shape, soft, ignore_index):
    if soft:
        z = rng.normal(0.0, 2.0, shape)
        axis = 0 if len(shape) == 1 else 1
        e = np.exp(z - z.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    batch = () if len(shape) == 1 else shape[:1] + shape[2:]
    t = np.asarray(rng.integers(0, shape[0 if len(shape) == 1 else 1], batch))
    if t.ndim:
        t.reshape(-1)[rng.random(t.size) < 0.3] = ignore_index
    return t


def assert_identical(x, target, **kwargs):
    loss, grad = xd.cross_entropy_loss_and_grad(x, target, **kwargs)
    want_loss = xd.cross_entropy_loss(x, target, **kwargs)
    want_grad = xd.cross_entropy_loss_grad(x, target, **kwargs)
    assert type(loss) is type(want_loss)
    np.testing.assert_array_equal(loss, want_loss)
    assert grad.dtype == want_grad.dtype == x.dtype and grad.shape == x.shape
    np.testing.assert_array_equal(grad, want_grad)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
@pytest.mark.parametrize("soft", [False, True], ids=["index", "prob"])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_loss_and_grad_equal_the_separate_functions(rng, reduction, weighted, label_smoothing, soft, shape, dtype):
    ignore_index = 1 if not soft else -100
    x = rng.normal(0.0, 4.0, shape).astype(dtype)
    num_classes = shape[0 if len(shape) == 1 else 1]
    kwargs = dict(reduction=reduction, label_smoothing=label_smoothing, ignore_index=ignore_index)
    if weighted:
        kwargs["weight"] = rng.uniform(0.5, 2.0, num_classes).astype(dtype)
    assert_identical(x, make_target(rng, shape, soft, ignore_index).astype(np.int64 if not soft else dtype), **kwargs)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
def test_small_batch_path_and_masks_agree_too(rng, dtype):
    """The loss alone takes a shortcut for small unweighted batches; -inf logits are masks."""
    x = rng.normal(0.0, 3.0, (16, 10)).astype(dtype)
    assert_identical(x, rng.integers(0, 10, 16))
    x[2, 3] = x[5, :4] = -np.inf
    assert_identical(x, rng.integers(4, 10, 16), label_smoothing=0.1)


def test_all_ignored_gives_nan_and_a_zero_gradient():
    loss, grad = xd.cross_entropy_loss_and_grad(np.ones((3, 4)), np.full(3, -100))
    assert np.isnan(loss) and np.all(grad == 0)


def test_the_class_method_matches():
    rng = np.random.default_rng(0)
    x, t = rng.normal(size=(5, 4)), rng.integers(0, 4, 5)
    loss = xd.CrossEntropyLoss(weight=[1.0, 2.0, 0.5, 1.0], label_smoothing=0.1)
    value, grad = loss.loss_and_grad(x, t)
    np.testing.assert_array_equal(value, loss(x, t))
    np.testing.assert_array_equal(grad, loss.grad(x, t))


def test_errors_are_those_of_cross_entropy_loss():
    for bad in [dict(target=[0, 5]), dict(reduction="avg"), dict(label_smoothing=2.0)]:
        kwargs = dict(target=[0, 1], **{k: v for k, v in bad.items() if k != "target"})
        kwargs["target"] = bad.get("target", kwargs["target"])
        with pytest.raises(ValueError) as separate:
            xd.cross_entropy_loss(np.zeros((2, 3)), **kwargs)
        with pytest.raises(ValueError) as fused:
            xd.cross_entropy_loss_and_grad(np.zeros((2, 3)), **kwargs)
        assert str(fused.value) == str(separate.value)
