"""dtype rules (issue 2): float32 in gives float32 out, float64 stays float64, and integer or
list input is accepted and computed in float64. Values and gradients alike; scalar results
(reduction "mean"/"sum", entropy of one distribution) follow the same rule.

Expected values where they appear are hand calculations: softmax of equal logits is uniform,
the loss of all-zero logits is log C, its gradient is (1/C - onehot)/N.
"""

import math

import numpy as np
import pytest

import xentdocs as xd

# name -> function of a "make(values)" callable that builds each argument in the dtype under test
LOGITS = [[1.0, 2.0, 0.0, -1.0], [0.5, 0.0, 3.0, 1.0]]
TARGET = [1, 2]
PROBS = [[0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]]
P_BCE = [[0.25, 0.5, 0.75, 1.0], [0.0, 0.2, 0.3, 0.4]]
Y_BCE = [[0.0, 1.0, 1.0, 0.0], [1.0, 0.5, 0.0, 1.0]]

CALLS = {
    "softmax": lambda m: xd.softmax(m(LOGITS)),
    "log_softmax": lambda m: xd.log_softmax(m(LOGITS), axis=0),
    "logsumexp": lambda m: xd.logsumexp(m(LOGITS)),
    "logsumexp-1d": lambda m: xd.logsumexp(m(LOGITS[0])),
    "sigmoid": lambda m: xd.sigmoid(m(LOGITS)),
    "log_sigmoid": lambda m: xd.log_sigmoid(m(LOGITS)),
    "information_content": lambda m: xd.information_content(m(PROBS)),
    "entropy": lambda m: xd.entropy(m(PROBS)),
    "entropy-1d-bits": lambda m: xd.entropy(m(PROBS[1]), base=2),
    "cross_entropy": lambda m: xd.cross_entropy(m(PROBS), m(PROBS[::-1])),
    "kl_divergence": lambda m: xd.kl_divergence(m(PROBS), m(PROBS[::-1])),
    "nll_loss": lambda m: xd.nll_loss(m([[-1.0, -2.0, -0.5, -3.0], [-0.1, -4.0, -2.0, -1.0]]), TARGET),
    "nll_loss-none": lambda m: xd.nll_loss(m([[-1.0, -2.0, -0.5, -3.0], [-0.1, -4.0, -2.0, -1.0]]), TARGET,
                                           reduction="none"),
    "cross_entropy_loss": lambda m: xd.cross_entropy_loss(m(LOGITS), TARGET),
    "cross_entropy_loss-sum-weight": lambda m: xd.cross_entropy_loss(m(LOGITS), TARGET, weight=m([1, 2, 3, 4]),
                                                                     reduction="sum", label_smoothing=0.1),
    "cross_entropy_loss-none": lambda m: xd.cross_entropy_loss(m(LOGITS), TARGET, reduction="none"),
    "cross_entropy_loss-C": lambda m: xd.cross_entropy_loss(m(LOGITS[0]), 1),
    "cross_entropy_loss-prob": lambda m: xd.cross_entropy_loss(m(LOGITS), m(PROBS)),
    "cross_entropy_loss_grad": lambda m: xd.cross_entropy_loss_grad(m(LOGITS), TARGET),
    "cross_entropy_loss_grad-prob-none": lambda m: xd.cross_entropy_loss_grad(m(LOGITS), m(PROBS),
                                                                              reduction="none"),
    "cross_entropy_loss_grad-C": lambda m: xd.cross_entropy_loss_grad(m(LOGITS[0]), 1, label_smoothing=0.2),
    "binary_cross_entropy": lambda m: xd.binary_cross_entropy(m(P_BCE), m(Y_BCE)),
    "binary_cross_entropy-none": lambda m: xd.binary_cross_entropy(m(P_BCE), m(Y_BCE), reduction="none"),
    "binary_cross_entropy_with_logits": lambda m: xd.binary_cross_entropy_with_logits(
        m(LOGITS), m(Y_BCE), pos_weight=m([1, 2, 3, 4])),
    "binary_cross_entropy_with_logits-none": lambda m: xd.binary_cross_entropy_with_logits(
        m(LOGITS), m(Y_BCE), reduction="none"),
    "CrossEntropyLoss": lambda m: xd.CrossEntropyLoss()(m(LOGITS), TARGET),
    "NLLLoss": lambda m: xd.NLLLoss(reduction="sum")(m([[-1.0, -2.0, -0.5, -3.0], [-0.1, -4.0, -2.0, -1.0]]),
                                                     TARGET),
    "BCELoss": lambda m: xd.BCELoss()(m(P_BCE), m(Y_BCE)),
    "BCEWithLogitsLoss": lambda m: xd.BCEWithLogitsLoss()(m(LOGITS), m(Y_BCE)),
}

MAKERS = {
    "float32": (lambda v: np.array(v, dtype=np.float32), np.float32),
    "float64": (lambda v: np.array(v, dtype=np.float64), np.float64),
    "list": (lambda v: v, np.float64),
    "int64": (lambda v: np.array(v).astype(np.int64) if np.all(np.array(v) == np.round(v)) else v, np.float64),
}


@pytest.mark.parametrize("kind", list(MAKERS))
@pytest.mark.parametrize("name", list(CALLS))
def test_result_dtype(name, kind):
    make, expected = MAKERS[kind]
    result = CALLS[name](make)
    assert isinstance(result, (np.ndarray, np.generic)), f"{name} returned a {type(result).__name__}"
    assert result.dtype == expected, f"{name} on {kind} input returned {result.dtype}"


def test_integer_logits_are_computed_in_float64():
    """Integer logits give exactly the float64 answer (hand calculation: equal logits give a
    uniform softmax and a loss of log C; the gradient is (1/C - onehot) / N)."""
    x = np.zeros((2, 4), dtype=np.int64)
    np.testing.assert_array_equal(xd.softmax(x), np.full((2, 4), 0.25))
    loss = xd.cross_entropy_loss(x, [0, 3])
    assert loss.dtype == np.float64 and loss == pytest.approx(math.log(4), rel=1e-15)
    grad = xd.cross_entropy_loss_grad(x, [0, 3])
    want = (np.full((2, 4), 0.25) - np.eye(4)[[0, 3]]) / 2
    np.testing.assert_allclose(grad, want, rtol=1e-15, atol=1e-16)
    assert float(xd.logsumexp([0, 0])) == pytest.approx(math.log(2), rel=1e-15)


def test_float32_results_are_float32_accurate():
    """float32 in, float32 out, and as accurate as float32 allows (not float32-typed float16 work):
    the loss of equal logits is log 4 rounded to float32."""
    loss = xd.cross_entropy_loss(np.zeros((3, 4), np.float32), [0, 1, 2])
    assert loss.dtype == np.float32
    assert abs(float(loss) - math.log(4)) <= float(np.finfo(np.float32).eps) * math.log(4)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_target_dtype_does_not_change_the_result_dtype(dtype):
    x = np.array(LOGITS, dtype=dtype)
    for target in (np.array(TARGET, np.int32), np.array(TARGET, np.uint8), np.array(TARGET, np.int64)):
        assert xd.cross_entropy_loss(x, target).dtype == dtype
        assert xd.cross_entropy_loss_grad(x, target).dtype == dtype
