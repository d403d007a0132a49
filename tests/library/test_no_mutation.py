"""No public function writes into the arrays it was given.

Each call gets fresh arrays; afterwards they are compared, bit for bit (NaN-aware, dtype and
shape included), with copies taken before the call. The same calls then run on read-only arrays
(``flags.writeable = False``), which NumPy would refuse to write into: they must still work.
The float32 cases matter most: a fast implementation is tempted to compute ``exp`` in place.
"""

import numpy as np
import pytest

import xentdocs as xd

rng = np.random.default_rng(7)
X32 = rng.normal(0.0, 3.0, (4, 5, 3)).astype(np.float32)
X64 = rng.normal(0.0, 3.0, (6, 5))
X64[0, 1] = -np.inf  # a mask: code paths that patch -inf must not patch the caller's array
T3 = np.array([[0, 4, -100], [1, 1, 2], [3, -100, 0], [2, 2, 2]])
T2 = np.array([0, 4, 1, -100, 3, 2])
W32 = np.linspace(0.5, 2.0, 5).astype(np.float32)
W64 = np.linspace(0.5, 2.0, 5)
Q32 = np.full((4, 5, 3), 0.2, dtype=np.float32)
Q64 = rng.dirichlet(np.ones(5), 6)
P = rng.dirichlet(np.ones(5), 3)
P[0, 2] = 0.0
P[0] /= P[0].sum()
QD = rng.dirichlet(np.ones(5), 3)
PROB = rng.uniform(0.01, 0.99, (4, 3))
Y = rng.uniform(0.0, 1.0, (4, 3))
Z = rng.normal(0.0, 5.0, (4, 3))
EW = rng.uniform(0.5, 2.0, (4, 3))
PW = rng.uniform(0.5, 2.0, 3)

# name -> (function, positional arrays, keyword arrays)
CALLS = {
    "softmax": (xd.softmax, (X64,), {}),
    "softmax-axis0": (lambda x: xd.softmax(x, axis=0), (X32,), {}),
    "log_softmax": (xd.log_softmax, (X32,), {}),
    "log_softmax-masked": (xd.log_softmax, (X64,), {}),
    "logsumexp": (xd.logsumexp, (X64,), {}),
    "sigmoid": (xd.sigmoid, (Z,), {}),
    "log_sigmoid": (xd.log_sigmoid, (Z.astype(np.float32),), {}),
    "information_content": (xd.information_content, (P,), {}),
    "entropy": (xd.entropy, (P,), {}),
    "cross_entropy": (xd.cross_entropy, (P, QD), {}),
    "kl_divergence": (xd.kl_divergence, (P, QD), {}),
    "nll_loss": (xd.nll_loss, (np.asarray(xd.log_softmax(X32, axis=1)), T3), {"weight": W32}),
    "cross_entropy_loss-index32": (xd.cross_entropy_loss, (X32, T3),
                                   {"weight": W32, "label_smoothing": 0.1, "reduction": "none"}),
    "cross_entropy_loss-index64": (xd.cross_entropy_loss, (X64, T2), {"weight": W64, "label_smoothing": 0.2}),
    "cross_entropy_loss-prob32": (xd.cross_entropy_loss, (X32, Q32), {"weight": W32, "label_smoothing": 0.1}),
    "cross_entropy_loss-prob64": (xd.cross_entropy_loss, (X64, Q64), {"reduction": "sum"}),
    "cross_entropy_loss_grad-index32": (xd.cross_entropy_loss_grad, (X32, T3),
                                        {"weight": W32, "label_smoothing": 0.1, "reduction": "none"}),
    "cross_entropy_loss_grad-index64": (xd.cross_entropy_loss_grad, (X64, T2), {"weight": W64}),
    "cross_entropy_loss_grad-prob32": (xd.cross_entropy_loss_grad, (X32, Q32), {"label_smoothing": 0.3}),
    "cross_entropy_loss_grad-prob64": (xd.cross_entropy_loss_grad, (X64, Q64), {"weight": W64}),
    "binary_cross_entropy": (xd.binary_cross_entropy, (PROB, Y), {"weight": EW}),
    "binary_cross_entropy_with_logits": (xd.binary_cross_entropy_with_logits, (Z, Y),
                                         {"weight": EW, "pos_weight": PW}),
    "CrossEntropyLoss": (lambda x, t, w: xd.CrossEntropyLoss(weight=w, label_smoothing=0.1)(x, t),
                         (X64, T2, W64), {}),
    "NLLLoss": (lambda x, t, w: xd.NLLLoss(weight=w)(x, t), (np.asarray(xd.log_softmax(X64)), T2, W64), {}),
    "BCELoss": (lambda p, y, w: xd.BCELoss(weight=w)(p, y), (PROB, Y, EW), {}),
    "BCEWithLogitsLoss": (lambda z, y, w, pw: xd.BCEWithLogitsLoss(weight=w, pos_weight=pw)(z, y),
                          (Z, Y, EW, PW), {}),
}


def fresh(args, kwargs, writeable=True):
    """Copies of the array arguments (options such as label_smoothing stay as they are)."""
    args = tuple(np.array(a) for a in args)
    kwargs = {k: np.array(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
    for a in arrays(args, kwargs):
        a.flags.writeable = writeable
    return args, kwargs


def arrays(args, kwargs):
    return [a for a in (*args, *kwargs.values()) if isinstance(a, np.ndarray)]


@pytest.mark.parametrize("name", list(CALLS))
def test_inputs_are_not_modified(name):
    func, args, kwargs = CALLS[name]
    args, kwargs = fresh(args, kwargs)
    before = [a.copy() for a in arrays(args, kwargs)]
    func(*args, **kwargs)
    for original, after in zip(before, arrays(args, kwargs), strict=True):
        assert after.dtype == original.dtype and after.shape == original.shape
        np.testing.assert_array_equal(after, original, strict=True)


@pytest.mark.parametrize("name", list(CALLS))
def test_read_only_inputs_are_accepted(name):
    func, args, kwargs = CALLS[name]
    rw_args, rw_kwargs = fresh(args, kwargs)
    writable_result = func(*rw_args, **rw_kwargs)
    ro_args, ro_kwargs = fresh(args, kwargs, writeable=False)
    result = func(*ro_args, **ro_kwargs)
    np.testing.assert_array_equal(result, writable_result, strict=True)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "sigmoid", "log_sigmoid", "information_content",
                                  "cross_entropy_loss_grad-index64", "cross_entropy_loss-index32"])
def test_results_do_not_alias_inputs(name):
    """A returned array must not be a view of an argument (writing into it would change the
    caller's data)."""
    func, args, kwargs = CALLS[name]
    args, kwargs = fresh(args, kwargs)
    result = func(*args, **kwargs)
    for a in arrays(args, kwargs):
        assert not np.shares_memory(np.asarray(result), a)
