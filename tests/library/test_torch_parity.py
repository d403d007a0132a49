"""Parity with PyTorch: values and gradients of every loss, for every option combination.

PyTorch (torch 2.13 CPU) is the reference for every expected value here: the loss values come
from ``torch.nn.functional`` and the gradients from autograd. torch is imported plainly, so a
machine without it gets a collection ERROR, never a silent skip.

Tolerances
----------
Both libraries round, so the comparison allows the sum of both libraries' rounding errors:

* A computed log-probability ``lp = x - logsumexp(x)`` carries an absolute error of a few eps
  times ``|x| + |max x| + log C`` in either library (torch forms ``x - (m + log s)``, which
  loses ``eps * |m|``; a careful implementation loses less). ``lp_bound`` below is
  ``8 eps (1 + max|x| + log C)``: 8 covers both libraries' errors with a margin (the worst
  case is about 3 eps |x| for torch plus 2 eps for xentdocs).
* A loss is a sum of log-probabilities times non-negative coefficients (weights, smoothed target
  probabilities, 1/denominator), so its error is at most ``lp_bound`` times the sum of those
  coefficients; ``coefficient_mass`` bounds that sum without computing the loss.
* A gradient entry is ``M p - c`` with ``p = exp(lp)``; the relative error of ``p`` is at most
  ``lp_bound + eps``, so the absolute error of an entry is at most that times ``M``.
* On top, ``rtol = 16 eps`` for the final roundings (a sum over at most a few dozen elements).

With these, float64 random logits are compared to about 1e-14 and float32 random logits to
about 1e-5, while logits of magnitude 1e4 get the looser absolute bound that the cancellation
``x - m`` forces on any implementation working in that dtype.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import xentdocs as xd

pytestmark = pytest.mark.torch

C = 5
SHAPES = {
    "C": (C,),
    "NC": (4, C),
    "NCd1": (3, C, 4),
    "NCd1d2": (2, C, 3, 2),
}
DTYPES = {"float32": np.float32, "float64": np.float64}
TORCH_DTYPE = {np.float32: torch.float32, np.float64: torch.float64}
REDUCTIONS = ["none", "sum", "mean"]
IGNORE = {"default": -100, "class": 1, "negative": -1}
SMOOTHING = [0.0, 0.1, 1.0]
RTOL_EPS = 16


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread():
    """Tiny tensors gain nothing from threads, and on a busy 2-core machine torch's thread pool
    turned a 1 ms forward + backward into 50 ms. Restored afterwards for other modules."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def eps_of(dtype):
    return float(np.finfo(dtype).eps)


def batch_shape(shape):
    """Shape of a class-index target: the input's shape without the class axis."""
    return () if len(shape) == 1 else shape[:1] + shape[2:]


def class_axis(shape):
    return 0 if len(shape) == 1 else 1


def make_logits(rng, shape, dtype, scale):
    if scale == "random":
        x = rng.normal(0.0, 3.0, shape)
    else:  # "large": magnitudes log-uniform in [1e3, 1e4], random signs
        x = rng.choice([-1.0, 1.0], shape) * 10.0 ** rng.uniform(3.0, 4.0, shape)
    return x.astype(dtype)


def make_probabilities(rng, shape, dtype):
    """Random probability targets that sum to 1 along the class axis."""
    z = rng.normal(0.0, 2.0, shape)
    axis = class_axis(shape)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype(dtype)


def make_index_target(rng, shape, ignore_value):
    """Class indices with about 30% of the elements set to ``ignore_value`` (never all of them)."""
    bshape = batch_shape(shape)
    if bshape == ():
        # A single element: keep it (the all-ignored case has its own test). Class 2 is never
        # the in-range ignore_index used here.
        return np.array(2, dtype=np.int64)
    t = rng.integers(0, C, bshape).astype(np.int64)
    flat = t.reshape(-1)
    flat[rng.random(flat.size) < 0.3] = ignore_value
    flat[0] = ignore_value  # at least one ignored ...
    flat[-1] = (ignore_value + 1) % C if 0 <= ignore_value < C else 3  # ... and one kept
    return t


def lp_bound(x, dtype):
    finite = np.abs(x[np.isfinite(x)]).astype(np.float64)
    big = float(finite.max()) if finite.size else 0.0
    n_classes = x.shape[class_axis(x.shape)]
    return 8 * eps_of(dtype) * (1.0 + big + np.log(n_classes))


def coefficient_mass(reduction, n_elements, n_kept, weight, soft):
    """Upper bounds (for the value, for one gradient row) on the sum of the non-negative
    coefficients that multiply log-probabilities in the loss."""
    wmax = 1.0 if weight is None else float(np.max(weight))
    wmin = 1.0 if weight is None else float(np.min(weight))
    # Every element's coefficients sum to at most wmax: (1-ε) w[t] + ε/C Σ w  or  Σ w q'.
    if reduction == "none":
        return wmax, wmax
    if reduction == "sum":
        return wmax * n_elements, wmax
    # mean: soft targets divide by N; index targets by Σ w[t_i] over the kept elements,
    # which is at least n_kept * wmin.
    if soft:
        return wmax, wmax / n_elements
    return wmax / wmin, wmax / (n_kept * wmin)


def torch_cross_entropy(x, target, kwargs, backward=True):
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    tt = torch.from_numpy(np.asarray(target).copy())
    tkw = dict(kwargs)
    if tkw.get("weight") is not None:
        tkw["weight"] = torch.from_numpy(tkw["weight"].copy())
    loss = F.cross_entropy(xt, tt, **tkw)
    if backward:
        loss.sum().backward()  # reduction="none": gradient of the sum, as the spec says
        return loss.detach().numpy(), xt.grad.numpy()
    return loss.detach().numpy(), None


def assert_close(actual, desired, atol, rtol, what):
    actual = np.asarray(actual)
    assert actual.shape == np.shape(desired), f"{what}: shape {actual.shape} != torch's {np.shape(desired)}"
    np.testing.assert_allclose(actual.astype(np.float64), np.asarray(desired, dtype=np.float64),
                               rtol=rtol, atol=atol, err_msg=what)


# --------------------------------------------------------------------------------------------
# cross_entropy_loss and cross_entropy_loss_grad: the full option grid
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scale", ["random", "large"])
@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
@pytest.mark.parametrize("soft", [False, True], ids=["index", "prob"])
@pytest.mark.parametrize("label_smoothing", SMOOTHING, ids=[f"ls{v}" for v in SMOOTHING])
@pytest.mark.parametrize("ignore", list(IGNORE))
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_matches_torch(rng, reduction, weighted, ignore, label_smoothing, soft, shape,
                                     dtype, scale):
    dtype = DTYPES[dtype]
    x = make_logits(rng, shape, dtype, scale)
    weight = rng.uniform(0.5, 2.0, C).astype(dtype) if weighted else None
    ignore_index = IGNORE[ignore]
    if soft:
        target = make_probabilities(rng, shape, dtype)
    else:
        target = make_index_target(rng, shape, ignore_index)

    kwargs = {"reduction": reduction, "label_smoothing": label_smoothing}
    if weighted:
        kwargs["weight"] = weight
    if ignore != "default":
        kwargs["ignore_index"] = ignore_index

    if soft and ignore_index >= 0:
        # torch refuses a class ignore_index with probability targets; so must xentdocs.
        with pytest.raises(RuntimeError, match="ignore_index"):
            torch_cross_entropy(x, target, kwargs)
        with pytest.raises(ValueError, match="ignore_index"):
            xd.cross_entropy_loss(x, target, **kwargs)
        with pytest.raises(ValueError, match="ignore_index"):
            xd.cross_entropy_loss_grad(x, target, **kwargs)
        return

    want_loss, want_grad = torch_cross_entropy(x, target, kwargs)
    got_loss = xd.cross_entropy_loss(x, target, **kwargs)
    got_grad = xd.cross_entropy_loss_grad(x, target, **kwargs)

    n_elements = int(np.prod(batch_shape(shape), dtype=np.int64))
    n_kept = n_elements if soft else int(np.sum(target != ignore_index))
    value_mass, grad_mass = coefficient_mass(reduction, n_elements, n_kept, weight, soft)
    bound = lp_bound(x, dtype)
    eps = eps_of(dtype)
    assert_close(got_loss, want_loss, atol=bound * value_mass, rtol=RTOL_EPS * eps, what="loss")
    assert_close(got_grad, want_grad, atol=(bound + 4 * eps) * grad_mass, rtol=RTOL_EPS * eps,
                 what="gradient")


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("soft", [False, True], ids=["index", "prob"])
def test_cross_entropy_defaults_match_torch(rng, soft, dtype):
    """No keyword at all: weight None, ignore_index -100, mean, no smoothing."""
    dtype = DTYPES[dtype]
    shape = SHAPES["NC"]
    x = make_logits(rng, shape, dtype, "random")
    target = make_probabilities(rng, shape, dtype) if soft else make_index_target(rng, shape, -100)
    want_loss, want_grad = torch_cross_entropy(x, target, {})
    eps = eps_of(dtype)
    assert_close(xd.cross_entropy_loss(x, target), want_loss, atol=lp_bound(x, dtype),
                 rtol=RTOL_EPS * eps, what="loss")
    assert_close(xd.cross_entropy_loss_grad(x, target), want_grad,
                 atol=lp_bound(x, dtype) + 4 * eps, rtol=RTOL_EPS * eps, what="gradient")


# --------------------------------------------------------------------------------------------
# Every target ignored: NaN mean, 0 sum, zeros for none, and a zero gradient
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1], ids=["ls0.0", "ls0.1"])
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_all_ignored_matches_torch(rng, reduction, weighted, label_smoothing, shape, dtype):
    dtype = DTYPES[dtype]
    x = make_logits(rng, shape, dtype, "random")
    target = np.full(batch_shape(shape), -100, dtype=np.int64)
    kwargs = {"reduction": reduction, "label_smoothing": label_smoothing}
    if weighted:
        kwargs["weight"] = rng.uniform(0.5, 2.0, C).astype(dtype)
    want_loss, want_grad = torch_cross_entropy(x, target, kwargs)
    # The spec, written out: torch agrees with it (checked here so that a torch change shows).
    if reduction == "mean":
        assert np.isnan(want_loss)
    else:
        assert np.all(want_loss == 0)
    assert np.all(want_grad == 0)

    got_loss = np.asarray(xd.cross_entropy_loss(x, target, **kwargs))
    got_grad = np.asarray(xd.cross_entropy_loss_grad(x, target, **kwargs))
    assert got_loss.shape == want_loss.shape
    if reduction == "mean":
        assert np.isnan(got_loss)
    else:
        assert np.all(got_loss == 0)
    assert got_grad.shape == shape
    assert np.all(got_grad == 0), "the gradient of an all-ignored batch must be exactly zero"


# --------------------------------------------------------------------------------------------
# -inf logits are masks (probability zero)
# --------------------------------------------------------------------------------------------

MASKED_LOGITS = np.array([
    [0.5, -np.inf, 2.0, -1.0],      # a masked class that is not the target
    [1.0, 0.0, -0.5, 3.0],          # no mask
    [-np.inf, 4.0, -np.inf, 0.25],  # two masked classes
])
MASKED_TARGET = np.array([2, 3, 1])


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1], ids=["ls0.0", "ls0.1"])
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_neg_inf_masks_match_torch(reduction, weighted, label_smoothing, dtype):
    """With smoothing, a masked class gets target mass ε/C but probability 0: the loss is +inf in
    torch (and truly), while the gradient stays finite (softmax minus the smoothed target)."""
    dtype = DTYPES[dtype]
    x = MASKED_LOGITS.astype(dtype)
    kwargs = {"reduction": reduction, "label_smoothing": label_smoothing}
    if weighted:
        kwargs["weight"] = np.array([0.5, 1.0, 2.0, 1.5], dtype=dtype)
    want_loss, want_grad = torch_cross_entropy(x, MASKED_TARGET, kwargs)
    got_loss = xd.cross_entropy_loss(x, MASKED_TARGET, **kwargs)
    got_grad = xd.cross_entropy_loss_grad(x, MASKED_TARGET, **kwargs)
    eps = eps_of(dtype)
    assert_close(got_loss, want_loss, atol=64 * eps, rtol=RTOL_EPS * eps, what="loss")
    assert_close(got_grad, want_grad, atol=64 * eps, rtol=RTOL_EPS * eps, what="gradient")
    assert np.all(np.isfinite(got_grad))


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
def test_masked_target_class_gives_inf_like_torch(dtype):
    """A target whose own logit is -inf has probability 0: loss +inf (torch agrees)."""
    dtype = DTYPES[dtype]
    x = MASKED_LOGITS.astype(dtype)
    target = np.array([1, 3, 0])  # rows 0 and 2 point at masked classes
    want_loss, want_grad = torch_cross_entropy(x, target, {"reduction": "none"})
    assert np.isposinf(want_loss[0]) and np.isposinf(want_loss[2])
    got_loss = np.asarray(xd.cross_entropy_loss(x, target, reduction="none"))
    assert np.isposinf(got_loss[0]) and np.isposinf(got_loss[2])
    np.testing.assert_allclose(got_loss[1], want_loss[1], rtol=RTOL_EPS * eps_of(dtype))
    got_grad = xd.cross_entropy_loss_grad(x, target, reduction="none")
    assert_close(got_grad, want_grad, atol=64 * eps_of(dtype), rtol=RTOL_EPS * eps_of(dtype),
                 what="gradient")


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
def test_masked_class_with_zero_target_probability_contributes_nothing(dtype):
    """Beyond torch: a probability target that puts 0 on a masked class. torch evaluates
    0 * (-inf) = NaN; the true value (0 log 0 = 0, as the spec fixes for the information
    functions) is the loss over the unmasked classes alone, which torch computes correctly
    once the masked columns are dropped."""
    dtype = DTYPES[dtype]
    x = np.array([[0.5, -np.inf, 2.0, -1.0], [-np.inf, 4.0, -np.inf, 0.25]], dtype=dtype)
    q = np.array([[0.2, 0.0, 0.5, 0.3], [0.0, 0.6, 0.0, 0.4]], dtype=dtype)
    want = [torch_cross_entropy(x[i, keep][None], q[i, keep][None], {"reduction": "none"})
            for i, keep in enumerate(np.isfinite(x))]
    got_loss = np.asarray(xd.cross_entropy_loss(x, q, reduction="none"))
    got_grad = np.asarray(xd.cross_entropy_loss_grad(x, q, reduction="none"))
    eps = eps_of(dtype)
    for i, keep in enumerate(np.isfinite(x)):
        want_loss, want_grad = want[i]
        np.testing.assert_allclose(got_loss[i], want_loss[0], rtol=RTOL_EPS * eps, atol=64 * eps)
        np.testing.assert_allclose(got_grad[i, keep], want_grad[0], rtol=RTOL_EPS * eps, atol=64 * eps)
        assert np.all(got_grad[i, ~keep] == 0)


# --------------------------------------------------------------------------------------------
# nll_loss
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
@pytest.mark.parametrize("ignore", list(IGNORE))
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss_matches_torch(rng, reduction, weighted, ignore, shape, dtype):
    dtype = DTYPES[dtype]
    logits = torch.from_numpy(make_logits(rng, shape, dtype, "random"))
    log_probs = torch.log_softmax(logits, dim=class_axis(shape)).numpy()
    ignore_index = IGNORE[ignore]
    target = make_index_target(rng, shape, ignore_index)
    kwargs = {"reduction": reduction}
    tkw = dict(kwargs)
    if weighted:
        kwargs["weight"] = rng.uniform(0.5, 2.0, C).astype(dtype)
        tkw["weight"] = torch.from_numpy(kwargs["weight"])
    if ignore != "default":
        kwargs["ignore_index"] = tkw["ignore_index"] = ignore_index
    want = F.nll_loss(torch.from_numpy(log_probs), torch.from_numpy(target), **tkw).numpy()
    got = xd.nll_loss(log_probs, target, **kwargs)
    # nll is a weighted sum of the given numbers: only the final roundings differ.
    assert_close(got, want, atol=0.0, rtol=RTOL_EPS * eps_of(dtype), what="nll_loss")


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss_all_ignored_matches_torch(reduction):
    log_probs = np.log(np.full((3, 4), 0.25))
    target = np.full(3, -100)
    want = F.nll_loss(torch.from_numpy(log_probs), torch.from_numpy(target), reduction=reduction).numpy()
    got = np.asarray(xd.nll_loss(log_probs, target, reduction=reduction))
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)  # NaN for mean, zeros otherwise


# --------------------------------------------------------------------------------------------
# binary_cross_entropy and binary_cross_entropy_with_logits
# --------------------------------------------------------------------------------------------

BCE_SHAPES = {"N": (6,), "NC": (4, 3), "NCd": (2, 3, 4)}
BCE_WEIGHTS = ["noweight", "full", "broadcast"]


def make_bce_weight(rng, kind, shape, dtype):
    if kind == "noweight":
        return None
    wshape = shape if kind == "full" else ((shape[-1],) if len(shape) > 1 else (1,))
    return rng.uniform(0.5, 2.0, wshape).astype(dtype)


def make_bce_target(rng, kind, shape, dtype):
    if kind == "hard":
        return rng.integers(0, 2, shape).astype(dtype)
    return rng.uniform(0.0, 1.0, shape).astype(dtype)


def as_torch(a):
    return None if a is None else torch.from_numpy(np.ascontiguousarray(a))


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("shape", list(BCE_SHAPES.values()), ids=list(BCE_SHAPES))
@pytest.mark.parametrize("target_kind", ["hard", "soft"])
@pytest.mark.parametrize("weight_kind", BCE_WEIGHTS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_matches_torch(rng, reduction, weight_kind, target_kind, shape, dtype):
    dtype = DTYPES[dtype]
    p = (1.0 / (1.0 + np.exp(-rng.normal(0.0, 2.0, shape)))).astype(dtype)
    y = make_bce_target(rng, target_kind, shape, dtype)
    weight = make_bce_weight(rng, weight_kind, shape, dtype)
    want = F.binary_cross_entropy(as_torch(p), as_torch(y), weight=as_torch(weight),
                                  reduction=reduction).numpy()
    got = xd.binary_cross_entropy(p, y, weight=weight, reduction=reduction)
    eps = eps_of(dtype)
    # Both terms are non-negative and computed from the same p: errors are relative, plus an
    # absolute eps-sized slack per element for log(1 - p) near p = 0.
    n = p.size if reduction == "sum" else 1
    wmax = 1.0 if weight is None else float(weight.max())
    assert_close(got, want, atol=8 * eps * wmax * n, rtol=RTOL_EPS * eps, what="binary_cross_entropy")


@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
def test_binary_cross_entropy_clamps_log_at_minus_100_like_torch(dtype):
    """torch clamps each log term at -100, so a certain but wrong prediction costs 100, not inf."""
    dtype = DTYPES[dtype]
    p = np.array([0.0, 1.0, 0.0, 1.0, 0.5], dtype=dtype)
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.25], dtype=dtype)
    want = F.binary_cross_entropy(as_torch(p), as_torch(y), reduction="none").numpy()
    np.testing.assert_array_equal(want[:4], [100.0, 100.0, 0.0, 0.0])
    got = xd.binary_cross_entropy(p, y, reduction="none")
    assert_close(got, want, atol=0.0, rtol=RTOL_EPS * eps_of(dtype), what="binary_cross_entropy")


@pytest.mark.parametrize("scale", ["random", "large"])
@pytest.mark.parametrize("dtype", list(DTYPES), ids=list(DTYPES))
@pytest.mark.parametrize("shape", list(BCE_SHAPES.values()), ids=list(BCE_SHAPES))
@pytest.mark.parametrize("target_kind", ["hard", "soft"])
@pytest.mark.parametrize("pos_weighted", [False, True], ids=["nopos", "pos_weight"])
@pytest.mark.parametrize("weight_kind", BCE_WEIGHTS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits_matches_torch(rng, reduction, weight_kind, pos_weighted,
                                                        target_kind, shape, dtype, scale):
    dtype = DTYPES[dtype]
    z = make_logits(rng, shape, dtype, scale)
    y = make_bce_target(rng, target_kind, shape, dtype)
    weight = make_bce_weight(rng, weight_kind, shape, dtype)
    pos_weight = rng.uniform(0.25, 4.0, shape[-1]).astype(dtype) if pos_weighted else None
    want = F.binary_cross_entropy_with_logits(as_torch(z), as_torch(y), weight=as_torch(weight),
                                              reduction=reduction, pos_weight=as_torch(pos_weight)).numpy()
    got = xd.binary_cross_entropy_with_logits(z, y, weight=weight, reduction=reduction,
                                              pos_weight=pos_weight)
    eps = eps_of(dtype)
    # Soft targets cancel: (1-y) z + softplus(-z) ~ |z| - |z|, so each element may be off by a
    # few eps |z| in either library, times its weight and (1 + pos_weight).
    wmax = 1.0 if weight is None else float(weight.max())
    pmax = 1.0 if pos_weight is None else max(1.0, float(pos_weight.max()))
    per_element = 8 * eps * (1.0 + float(np.abs(z).max())) * wmax * (1.0 + pmax)
    n = z.size if reduction == "sum" else 1
    assert_close(got, want, atol=per_element * n, rtol=RTOL_EPS * eps,
                 what="binary_cross_entropy_with_logits")


# --------------------------------------------------------------------------------------------
# The torch.nn-style classes
# --------------------------------------------------------------------------------------------

CLASS_OPTIONS = [
    {},
    {"reduction": "sum"},
    {"reduction": "none", "weight": True},
    {"weight": True, "ignore_index": 1, "label_smoothing": 0.1},
    {"ignore_index": -1, "label_smoothing": 1.0, "reduction": "sum"},
]


def _materialise(options, rng, n_classes, dtype):
    options = dict(options)
    if options.get("weight") is True:
        options["weight"] = rng.uniform(0.5, 2.0, n_classes).astype(dtype)
    torch_options = {k: (as_torch(v) if isinstance(v, np.ndarray) else v) for k, v in options.items()}
    return options, torch_options


@pytest.mark.parametrize("options", CLASS_OPTIONS, ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items()) or "defaults")
def test_cross_entropy_loss_class_matches_torch(rng, options):
    x = make_logits(rng, (4, C, 3), np.float64, "random")
    options, torch_options = _materialise(options, rng, C, np.float64)
    target = make_index_target(rng, x.shape, options.get("ignore_index", -100))
    want = torch.nn.CrossEntropyLoss(**torch_options)(as_torch(x), as_torch(target)).numpy()
    got = xd.CrossEntropyLoss(**options)(x, target)
    n_kept = int(np.sum(target != options.get("ignore_index", -100)))
    value_mass, _ = coefficient_mass(options.get("reduction", "mean"), target.size, n_kept,
                                     options.get("weight"), soft=False)
    assert_close(got, want, atol=lp_bound(x, np.float64) * value_mass, rtol=RTOL_EPS * eps_of(np.float64),
                 what="CrossEntropyLoss")


@pytest.mark.parametrize("options", CLASS_OPTIONS[:4], ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items() if k != "label_smoothing") or "defaults")
def test_nll_loss_class_matches_torch(rng, options):
    options = {k: v for k, v in options.items() if k != "label_smoothing"}
    log_probs = torch.log_softmax(torch.from_numpy(make_logits(rng, (6, C), np.float64, "random")), 1).numpy()
    options, torch_options = _materialise(options, rng, C, np.float64)
    target = make_index_target(rng, log_probs.shape, options.get("ignore_index", -100))
    want = torch.nn.NLLLoss(**torch_options)(as_torch(log_probs), as_torch(target)).numpy()
    got = xd.NLLLoss(**options)(log_probs, target)
    assert_close(got, want, atol=0.0, rtol=RTOL_EPS * eps_of(np.float64), what="NLLLoss")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
def test_bce_loss_class_matches_torch(rng, weighted, reduction):
    p = rng.uniform(0.01, 0.99, (5, 3))
    y = rng.uniform(0.0, 1.0, (5, 3))
    weight = rng.uniform(0.5, 2.0, 3) if weighted else None
    want = torch.nn.BCELoss(weight=as_torch(weight), reduction=reduction)(as_torch(p), as_torch(y)).numpy()
    got = xd.BCELoss(weight=weight, reduction=reduction)(p, y)
    assert_close(got, want, atol=0.0, rtol=RTOL_EPS * eps_of(np.float64), what="BCELoss")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("pos_weighted", [False, True], ids=["nopos", "pos_weight"])
@pytest.mark.parametrize("weighted", [False, True], ids=["noweight", "weight"])
def test_bce_with_logits_loss_class_matches_torch(rng, weighted, pos_weighted, reduction):
    z = rng.normal(0.0, 3.0, (5, 3))
    y = rng.uniform(0.0, 1.0, (5, 3))
    weight = rng.uniform(0.5, 2.0, 3) if weighted else None
    pos_weight = rng.uniform(0.25, 4.0, 3) if pos_weighted else None
    want = torch.nn.BCEWithLogitsLoss(weight=as_torch(weight), reduction=reduction,
                                      pos_weight=as_torch(pos_weight))(as_torch(z), as_torch(y)).numpy()
    got = xd.BCEWithLogitsLoss(weight=weight, reduction=reduction, pos_weight=pos_weight)(z, y)
    assert_close(got, want, atol=64 * eps_of(np.float64) * 15, rtol=RTOL_EPS * eps_of(np.float64),
                 what="BCEWithLogitsLoss")
