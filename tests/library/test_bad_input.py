"""Bad input: every mistake raises ValueError or TypeError whose message names the argument
and shows the bad value or shape (never a NumPy IndexError from deep inside, never a silent NaN).

``mentions(*patterns)`` builds a regex that matches a message containing every one of the
patterns, in any order (``pytest.raises`` searches the message with it).
"""

import re

import numpy as np
import pytest

import xentdocs as xd

ERRORS = (ValueError, TypeError)


def mentions(*patterns):
    """A regex (for pytest.raises(match=...)) requiring each pattern somewhere in the message."""
    return "(?is)" + "".join(f"(?=.*(?:{p}))" for p in patterns)


def word(name):
    """An argument name as a whole word (so 'p' does not match inside 'shape')."""
    return rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])"


X = np.array([[1.0, 2.0, 0.5, -1.0, 0.0],
              [0.3, -0.2, 2.0, 1.0, 0.1],
              [0.0, 0.0, 0.0, 0.0, 4.0]])  # N = 3, C = 5
T = np.array([0, 4, 2])
Q = np.full((3, 5), 0.2)


def class_losses():
    """The class-target losses, each with the name its first argument has in the messages."""
    return [
        pytest.param(xd.cross_entropy_loss, X, id="cross_entropy_loss"),
        pytest.param(xd.cross_entropy_loss_grad, X, id="cross_entropy_loss_grad"),
        pytest.param(xd.nll_loss, X - np.log(np.exp(X).sum(axis=1, keepdims=True)), id="nll_loss"),
        pytest.param(lambda x, t, **kw: xd.CrossEntropyLoss(**kw)(x, t), X, id="CrossEntropyLoss"),
        pytest.param(lambda x, t, **kw: xd.NLLLoss(**kw)(x, t),
                     X - np.log(np.exp(X).sum(axis=1, keepdims=True)), id="NLLLoss"),
    ]


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("loss,x", class_losses())
def test_target_out_of_range(loss, x):
    with pytest.raises(ERRORS, match=mentions(word("target"), r"\b5\b")):
        loss(x, np.array([0, 5, 1]))


@pytest.mark.parametrize("loss,x", class_losses())
def test_negative_target_that_is_not_ignore_index(loss, x):
    with pytest.raises(ERRORS, match=mentions(word("target"), r"-2\b")):
        loss(x, np.array([0, -2, 1]))
    # -1 is a class only when it is the ignore_index
    with pytest.raises(ERRORS, match=mentions(word("target"), r"-1\b")):
        loss(x, np.array([0, -1, 1]), ignore_index=-100)


@pytest.mark.parametrize("loss,x", class_losses())
def test_batch_shape_mismatch(loss, x):
    with pytest.raises(ERRORS, match=mentions(word("target"), r"\(4,?\)")):
        loss(x, np.array([0, 1, 2, 3]))
    x3 = np.zeros((2, 5, 3))
    with pytest.raises(ERRORS, match=mentions(word("target"), r"\(2, 4\)")):
        loss(x3, np.zeros((2, 4), dtype=np.int64))


@pytest.mark.parametrize("loss,x", class_losses())
def test_non_integer_class_targets(loss, x):
    # float indices of the batch shape (3,): neither class indices nor probabilities
    with pytest.raises(ERRORS, match=mentions(word("target"), r"1\.5|float|\(3,\)")):
        loss(x, np.array([0.0, 1.5, 2.0]))


@pytest.mark.parametrize("loss", [xd.cross_entropy_loss, xd.cross_entropy_loss_grad], ids=lambda f: f.__name__)
def test_soft_target_of_wrong_shape(loss):
    with pytest.raises(ERRORS, match=mentions(word("target"), r"\(3, 4\)")):
        loss(X, np.full((3, 4), 0.25))
    with pytest.raises(ERRORS, match=mentions(word("target"), r"\(2, 5\)")):
        loss(X, np.full((2, 5), 0.2))


@pytest.mark.parametrize("loss", [xd.cross_entropy_loss, xd.cross_entropy_loss_grad], ids=lambda f: f.__name__)
@pytest.mark.parametrize("ignore_index", [0, 3])
def test_ignore_index_with_probability_targets(loss, ignore_index):
    """torch: 'ignore_index is not supported for floating point target'."""
    with pytest.raises(ValueError, match=mentions(word("ignore_index"), rf"\b{ignore_index}\b")):
        loss(X, Q, ignore_index=ignore_index)


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("loss,x", class_losses())
@pytest.mark.parametrize("length", [4, 6])
def test_weight_of_wrong_length(loss, x, length):
    with pytest.raises(ERRORS, match=mentions(word("weight"), rf"\b{length}\b")):
        loss(x, T, weight=np.ones(length))


ALL_REDUCING = [
    pytest.param(lambda r: xd.cross_entropy_loss(X, T, reduction=r), id="cross_entropy_loss"),
    pytest.param(lambda r: xd.cross_entropy_loss_grad(X, T, reduction=r), id="cross_entropy_loss_grad"),
    pytest.param(lambda r: xd.nll_loss(-np.abs(X), T, reduction=r), id="nll_loss"),
    pytest.param(lambda r: xd.binary_cross_entropy(np.full(3, 0.5), np.ones(3), reduction=r),
                 id="binary_cross_entropy"),
    pytest.param(lambda r: xd.binary_cross_entropy_with_logits(np.zeros(3), np.ones(3), reduction=r),
                 id="binary_cross_entropy_with_logits"),
    pytest.param(lambda r: xd.CrossEntropyLoss(reduction=r)(X, T), id="CrossEntropyLoss"),
    pytest.param(lambda r: xd.BCELoss(reduction=r)(np.full(3, 0.5), np.ones(3)), id="BCELoss"),
]


@pytest.mark.parametrize("call", ALL_REDUCING)
@pytest.mark.parametrize("reduction", ["avg", "elementwise_mean", "MEAN"])
def test_unknown_reduction(call, reduction):
    with pytest.raises(ERRORS, match=mentions(word("reduction"), re.escape(repr(reduction)) + "|" + reduction)):
        call(reduction)


@pytest.mark.parametrize("loss", [xd.cross_entropy_loss, xd.cross_entropy_loss_grad,
                                  lambda x, t, **kw: xd.CrossEntropyLoss(**kw)(x, t)],
                         ids=["cross_entropy_loss", "cross_entropy_loss_grad", "CrossEntropyLoss"])
@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan")])
def test_label_smoothing_outside_unit_interval(loss, value):
    with pytest.raises(ERRORS, match=mentions(word("label_smoothing"), re.escape(str(value)))):
        loss(X, T, label_smoothing=value)


# --------------------------------------------------------------------------------------------
# Logits and other inputs
# --------------------------------------------------------------------------------------------

LOGIT_TAKERS = [
    pytest.param(lambda x: xd.cross_entropy_loss(x, T), "input", id="cross_entropy_loss"),
    pytest.param(lambda x: xd.cross_entropy_loss_grad(x, T), "input", id="cross_entropy_loss_grad"),
    pytest.param(lambda x: xd.cross_entropy_loss(x, Q), "input", id="cross_entropy_loss-prob"),
    pytest.param(lambda x: xd.binary_cross_entropy_with_logits(x, np.zeros_like(x)), "input",
                 id="binary_cross_entropy_with_logits"),
    pytest.param(lambda x: xd.softmax(x), "x", id="softmax"),
    pytest.param(lambda x: xd.log_softmax(x), "x", id="log_softmax"),
    pytest.param(lambda x: xd.logsumexp(x), "x", id="logsumexp"),
]


@pytest.mark.parametrize("call,name", LOGIT_TAKERS)
@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "+inf"])
def test_nan_or_plus_inf_logits(call, name, bad):
    x = X.copy()
    x[1, 2] = bad
    with pytest.raises(ValueError, match=mentions(word(name), "nan" if np.isnan(bad) else r"\+?inf")):
        call(x)


@pytest.mark.parametrize("call", [
    pytest.param(lambda: xd.sigmoid(np.array([0.0, np.nan])), id="sigmoid"),
    pytest.param(lambda: xd.log_sigmoid(np.array([0.0, np.nan])), id="log_sigmoid"),
])
def test_nan_in_sigmoid(call):
    with pytest.raises(ValueError, match=mentions(word("z"), "nan")):
        call()


ZERO_D = [
    pytest.param(lambda: xd.cross_entropy_loss(np.float64(1.0), 0), "input", id="cross_entropy_loss"),
    pytest.param(lambda: xd.cross_entropy_loss_grad(np.array(1.0), 0), "input", id="cross_entropy_loss_grad"),
    pytest.param(lambda: xd.nll_loss(np.array(-1.0), 0), "input", id="nll_loss"),
    pytest.param(lambda: xd.softmax(np.array(1.0)), "x", id="softmax"),
    pytest.param(lambda: xd.log_softmax(2.0), "x", id="log_softmax"),
    pytest.param(lambda: xd.logsumexp(np.array(3.0)), "x", id="logsumexp"),
    pytest.param(lambda: xd.entropy(np.array(1.0)), "p", id="entropy"),
    pytest.param(lambda: xd.cross_entropy(np.array(1.0), np.array(1.0)), "p", id="cross_entropy"),
]


@pytest.mark.parametrize("call,name", ZERO_D)
def test_zero_dimensional_input(call, name):
    with pytest.raises(ERRORS, match=mentions(word(name), r"0-d|0d|\(\)|scalar|dimension")):
        call()


NON_NUMERIC = [np.array(["a", "b", "c", "d", "e"]), np.array([1.0, "x", None, 2, 3], dtype=object),
               "abcde", np.array([1 + 2j, 0, 0, 0, 0])]
NON_NUMERIC_IDS = ["str-array", "object-array", "str", "complex"]
DESCRIPTION = r"<U|str|object|dtype|complex|numeric|real"


@pytest.mark.parametrize("bad", NON_NUMERIC, ids=NON_NUMERIC_IDS)
@pytest.mark.parametrize("call,name", [
    pytest.param(lambda b: xd.cross_entropy_loss(b, 0), "input", id="cross_entropy_loss"),
    pytest.param(lambda b: xd.cross_entropy_loss_grad(b, 0), "input", id="cross_entropy_loss_grad"),
    pytest.param(lambda b: xd.nll_loss(b, 0), "input", id="nll_loss"),
    pytest.param(lambda b: xd.binary_cross_entropy(b, np.zeros(5)), "input", id="binary_cross_entropy"),
    pytest.param(lambda b: xd.binary_cross_entropy_with_logits(b, np.zeros(5)), "input",
                 id="binary_cross_entropy_with_logits"),
    pytest.param(lambda b: xd.softmax(b), "x", id="softmax"),
    pytest.param(lambda b: xd.logsumexp(b), "x", id="logsumexp"),
    pytest.param(lambda b: xd.sigmoid(b), "z", id="sigmoid"),
    pytest.param(lambda b: xd.entropy(b), "p", id="entropy"),
    pytest.param(lambda b: xd.kl_divergence(np.full(5, 0.2), b), "q", id="kl_divergence-q"),
    pytest.param(lambda b: xd.information_content(b), "p", id="information_content"),
])
def test_non_numeric_input(call, name, bad):
    with pytest.raises(ERRORS, match=mentions(word(name), DESCRIPTION)):
        call(bad)


def test_non_numeric_target_and_weight():
    with pytest.raises(ERRORS, match=mentions(word("target"), DESCRIPTION)):
        xd.cross_entropy_loss(X, np.array(["a", "b", "c"]))
    with pytest.raises(ERRORS, match=mentions(word("weight"), DESCRIPTION)):
        xd.cross_entropy_loss(X, T, weight=np.array(list("abcde")))


# --------------------------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------------------------

NOT_DISTRIBUTIONS = [
    pytest.param(np.array([0.5, 0.6]), r"1\.1", id="sums-to-1.1"),
    pytest.param(np.array([0.2, 0.3]), r"0\.5", id="sums-to-0.5"),
    pytest.param(np.array([-0.1, 1.1]), r"-0\.1", id="negative"),
    pytest.param(np.array([[0.5, 0.5], [0.7, 0.7]]), r"1\.4", id="second-row-sums-to-1.4"),
]


@pytest.mark.parametrize("bad,shown", NOT_DISTRIBUTIONS)
@pytest.mark.parametrize("call,name", [
    pytest.param(lambda b: xd.entropy(b), "p", id="entropy"),
    pytest.param(lambda b: xd.cross_entropy(b, np.full(b.shape, 0.5)), "p", id="cross_entropy-p"),
    pytest.param(lambda b: xd.cross_entropy(np.full(b.shape, 0.5), b), "q", id="cross_entropy-q"),
    pytest.param(lambda b: xd.kl_divergence(b, np.full(b.shape, 0.5)), "p", id="kl_divergence-p"),
    pytest.param(lambda b: xd.kl_divergence(np.full(b.shape, 0.5), b), "q", id="kl_divergence-q"),
])
def test_not_a_distribution(call, name, bad, shown):
    with pytest.raises(ValueError, match=mentions(word(name), shown)):
        call(bad)


@pytest.mark.parametrize("bad,shown", [(-0.5, r"-0\.5"), (1.5, r"1\.5")])
def test_information_content_of_a_non_probability(bad, shown):
    with pytest.raises(ValueError, match=mentions(word("p"), shown)):
        xd.information_content(np.array([0.5, bad]))


def test_p_and_q_of_different_lengths():
    with pytest.raises(ValueError, match=mentions(word("p"), word("q"), r"\b3\b", r"\b2\b")):
        xd.cross_entropy(np.full(3, 1 / 3), np.full(2, 0.5))


# --------------------------------------------------------------------------------------------
# Binary cross entropy
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,shown", [(1.2, r"1\.2"), (-0.25, r"-0\.25"), (np.nan, "nan")])
@pytest.mark.parametrize("call", [
    pytest.param(lambda p, y: xd.binary_cross_entropy(p, y), id="binary_cross_entropy"),
    pytest.param(lambda p, y: xd.BCELoss()(p, y), id="BCELoss"),
])
def test_bce_input_probability_outside_unit_interval(call, value, shown):
    with pytest.raises(ValueError, match=mentions(word("input"), shown)):
        call(np.array([0.5, value, 0.25]), np.array([1.0, 0.0, 1.0]))


@pytest.mark.parametrize("value,shown", [(1.2, r"1\.2"), (-0.25, r"-0\.25")])
@pytest.mark.parametrize("call", [
    pytest.param(lambda p, y: xd.binary_cross_entropy(p, y), id="binary_cross_entropy"),
    pytest.param(lambda p, y: xd.binary_cross_entropy_with_logits(p, y), id="binary_cross_entropy_with_logits"),
])
def test_bce_target_probability_outside_unit_interval(call, value, shown):
    with pytest.raises(ValueError, match=mentions(word("target"), shown)):
        call(np.array([0.5, 0.5, 0.25]), np.array([1.0, value, 1.0]))


@pytest.mark.parametrize("call", [
    pytest.param(xd.binary_cross_entropy, id="binary_cross_entropy"),
    pytest.param(xd.binary_cross_entropy_with_logits, id="binary_cross_entropy_with_logits"),
    pytest.param(lambda p, y: xd.BCELoss()(p, y), id="BCELoss"),
    pytest.param(lambda p, y: xd.BCEWithLogitsLoss()(p, y), id="BCEWithLogitsLoss"),
])
def test_bce_shape_mismatch(call):
    with pytest.raises(ValueError, match=mentions(word("target"), r"\(4,?\)")):
        call(np.full(3, 0.5), np.ones(4))
    with pytest.raises(ValueError, match=mentions(word("target"), r"\(3, 1\)")):
        call(np.full((3, 2), 0.5), np.ones((3, 1)))  # broadcastable, but torch requires the same shape


def test_bce_weight_that_does_not_broadcast():
    with pytest.raises(ValueError, match=mentions(word("weight"), r"\(3,?\)")):
        xd.binary_cross_entropy(np.full((4, 2), 0.5), np.ones((4, 2)), weight=np.ones(3))
    with pytest.raises(ValueError, match=mentions(word("pos_weight"), r"\(3,?\)")):
        xd.binary_cross_entropy_with_logits(np.zeros((4, 2)), np.ones((4, 2)), pos_weight=np.ones(3))
