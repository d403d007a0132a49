"""Property tests (Hypothesis): identities that hold for every input, not just for chosen ones.

The expected values are mathematical identities (softmax normalises and ignores shifts, Gibbs'
inequality, H(P;Q) = H(P) + KL(P||Q), central finite differences, sigmoid as a 2-class softmax),
plus one hand-computed witness that cross entropy is not symmetric.

Runs are deterministic (``derandomize=True``: the same examples on every machine, so CI never
flakes) and write no example database into the working tree.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import xentdocs as xd

EPS64 = float(np.finfo(np.float64).eps)
FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None)
SLOW = settings(max_examples=30, deadline=None, derandomize=True, database=None)

dtypes = st.sampled_from([np.float32, np.float64])


@st.composite
def logit_rows(draw, min_classes=2, max_classes=8, bound=50.0):
    dtype = draw(dtypes)
    n = draw(st.integers(1, 4))
    c = draw(st.integers(min_classes, max_classes))
    x = draw(hnp.arrays(dtype, (n, c), elements=st.floats(-bound, bound, width=np.finfo(dtype).bits)))
    return x


@st.composite
def distributions(draw, c, positive=False):
    """A probability vector of length c (float64). With positive=False some entries may be 0."""
    low = 1e-3 if positive else 0.0
    w = np.array(draw(st.lists(st.floats(low, 1.0), min_size=c, max_size=c)))
    assume(w.sum() > 1e-2)
    return w / w.sum()


@st.composite
def distribution_pairs(draw, positive_q=True):
    c = draw(st.integers(2, 10))
    return draw(distributions(c)), draw(distributions(c, positive=positive_q))


# --------------------------------------------------------------------------------------------
# softmax
# --------------------------------------------------------------------------------------------

@FAST
@given(logit_rows())
def test_softmax_sums_to_one(x):
    p = np.asarray(xd.softmax(x, axis=-1))
    eps = float(np.finfo(x.dtype).eps)
    assert np.all(p >= 0)
    # each of the C entries is rounded once or twice: the sum is 1 within a few C eps
    np.testing.assert_allclose(p.astype(np.float64).sum(axis=-1), 1.0, rtol=0, atol=4 * x.shape[-1] * eps)


@FAST
@given(logit_rows(), st.floats(-1e3, 1e3))
def test_softmax_is_shift_invariant(x, shift):
    shifted = (x.astype(np.float64) + shift).astype(x.dtype)
    eps = float(np.finfo(x.dtype).eps)
    # Rounding x + shift moves each logit by up to eps |x + shift| / 2, which moves each
    # probability by that much relatively (twice: once in the logit, once in the maximum).
    rtol = 4 * eps * (1.0 + float(np.abs(x).max()) + abs(shift))
    np.testing.assert_allclose(np.asarray(xd.softmax(shifted), np.float64),
                               np.asarray(xd.softmax(x), np.float64),
                               rtol=rtol, atol=float(np.finfo(x.dtype).tiny))


@FAST
@given(st.floats(-800.0, 800.0))
def test_sigmoid_is_two_class_softmax(z):
    want = float(xd.softmax(np.array([z, 0.0]))[0])
    got = float(xd.sigmoid(np.float64(z)))
    assert math.isclose(got, want, rel_tol=4 * EPS64, abs_tol=1e-300)


@FAST
@given(st.lists(st.floats(-60.0, 60.0), min_size=1, max_size=6),
       st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6))
def test_bce_with_logits_is_two_class_cross_entropy(z, y):
    """BCE(z, y) = cross entropy of the logits [z, 0] against the target [y, 1 - y]."""
    z = np.array(z)
    y = np.array(y[: z.size])
    got = np.asarray(xd.binary_cross_entropy_with_logits(z, y, reduction="none"))
    logits = np.stack([z, np.zeros_like(z)], axis=1)
    want = np.asarray(xd.cross_entropy_loss(logits, np.stack([y, 1.0 - y], axis=1), reduction="none"))
    np.testing.assert_allclose(got, want, rtol=8 * EPS64, atol=8 * EPS64 * (1.0 + np.abs(z).max()))
    # hard targets: class 0 is "y = 1"
    hard = (y > 0.5).astype(np.float64)
    got = np.asarray(xd.binary_cross_entropy_with_logits(z, hard, reduction="none"))
    want = np.asarray(xd.cross_entropy_loss(logits, np.where(hard == 1, 0, 1), reduction="none"))
    np.testing.assert_allclose(got, want, rtol=8 * EPS64, atol=8 * EPS64)


# --------------------------------------------------------------------------------------------
# Information theory
# --------------------------------------------------------------------------------------------

@FAST
@given(distribution_pairs())
def test_gibbs_inequality(pq):
    p, q = pq
    h = float(xd.entropy(p))
    h_pq = float(xd.cross_entropy(p, q))
    slack = 8 * p.size * EPS64 * (1.0 + h_pq)  # both sides are sums of C rounded terms
    assert h_pq >= h - slack
    # equality at Q = P
    assert math.isclose(float(xd.cross_entropy(p, p)), h, rel_tol=8 * EPS64, abs_tol=8 * p.size * EPS64)


@FAST
@given(distribution_pairs(positive_q=False))
# Found by Hypothesis: a subnormal q must not overflow p/q (true KL = ln(1/q) = 715.3, finite).
@example(pq=(np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 2.2250738585e-311])))
def test_kl_divergence_is_non_negative(pq):
    p, q = pq
    kl = float(xd.kl_divergence(p, q))
    # exactly >= 0: a teaching library must never print a negative divergence (-1e-17)
    assert kl >= 0.0
    assert float(xd.kl_divergence(p, p)) == pytest.approx(0.0, abs=8 * p.size * EPS64)


def test_kl_divergence_with_a_subnormal_q_is_finite():
    """Hand calculation: P = (0, 0, 1), Q = (0, 1, q) with q = 2.2250738585e-311 (subnormal; Q sums
    to 1 in float64). D(P||Q) = H(P;Q) = 1 * ln(1/q) = -ln q = 715.3..., finite; computing p / q
    first overflows to inf."""
    p, q = np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 2.2250738585e-311])
    want = -math.log(2.2250738585e-311)
    assert float(xd.kl_divergence(p, q)) == pytest.approx(want, rel=1e-15)
    assert float(xd.cross_entropy(p, q)) == pytest.approx(want, rel=1e-15)


@FAST
@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    h_pq = float(xd.cross_entropy(p, q))
    total = float(xd.entropy(p)) + float(xd.kl_divergence(p, q))
    assert math.isclose(h_pq, total, rel_tol=16 * EPS64, abs_tol=16 * p.size * EPS64)


@pytest.mark.parametrize("base,unit", [(None, 1.0), (2, math.log(2))])
def test_cross_entropy_is_not_symmetric(base, unit):
    """Witness, by hand: P = (1/2, 1/2), Q = (9/10, 1/10).
    H(P;Q) = -(1/2)(ln 0.9 + ln 0.1) = 1.2039728... nats; H(Q;P) = ln 2 = 0.6931471... nats."""
    p, q = np.array([0.5, 0.5]), np.array([0.9, 0.1])
    h_pq = -0.5 * (math.log(0.9) + math.log(0.1)) / unit
    h_qp = math.log(2) / unit
    assert float(xd.cross_entropy(p, q, base=base)) == pytest.approx(h_pq, rel=1e-15)
    assert float(xd.cross_entropy(q, p, base=base)) == pytest.approx(h_qp, rel=1e-15)
    assert h_pq != pytest.approx(h_qp, rel=0.1)
    # and so is KL: D(P||Q) = H(P;Q) - ln 2, D(Q||P) = ln 2 - H(Q) = 0.9 ln 1.8 + 0.1 ln 0.2
    assert float(xd.kl_divergence(p, q, base=base)) == pytest.approx(h_pq - math.log(2) / unit, rel=1e-14)
    assert float(xd.kl_divergence(q, p, base=base)) == pytest.approx(
        (0.9 * math.log(1.8) + 0.1 * math.log(0.2)) / unit, rel=1e-14)


# --------------------------------------------------------------------------------------------
# The analytic gradient against central finite differences (float64)
# --------------------------------------------------------------------------------------------

@st.composite
def loss_problems(draw):
    """A small (N, C) or (N, C, d) problem and a random choice of every option."""
    n = draw(st.integers(1, 3))
    c = draw(st.integers(2, 5))
    spatial = draw(st.sampled_from([(), (2,)]))
    shape = (n, c) + spatial
    x = draw(hnp.arrays(np.float64, shape, elements=st.floats(-8.0, 8.0)))
    soft = draw(st.booleans())
    options = {
        "reduction": draw(st.sampled_from(["none", "sum", "mean"])),
        "label_smoothing": draw(st.sampled_from([0.0, 0.1, 0.5, 1.0])),
    }
    if draw(st.booleans()):
        options["weight"] = draw(hnp.arrays(np.float64, (c,), elements=st.floats(0.1, 3.0)))
    if soft:
        z = draw(hnp.arrays(np.float64, shape, elements=st.floats(-4.0, 4.0)))
        e = np.exp(z)
        target = e / e.sum(axis=1, keepdims=True)
    else:
        ignore_index = draw(st.sampled_from([-100, -1, 0]))
        if ignore_index != -100:
            options["ignore_index"] = ignore_index
        target = draw(hnp.arrays(np.int64, (n,) + spatial, elements=st.integers(-1, c - 1)))
        target = np.where(target < 0, ignore_index, target)
        assume(np.any(target != ignore_index))  # mean of an all-ignored batch is NaN
    return x, target, options


@SLOW
@given(loss_problems())
def test_gradient_matches_central_differences(problem):
    x, target, options = problem
    grad = np.asarray(xd.cross_entropy_loss_grad(x, target, **options))
    assert grad.shape == x.shape

    def f(z):
        return float(np.sum(xd.cross_entropy_loss(z, target, **options)))

    h = 1e-5
    numeric = np.empty_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        numeric[i] = (f(up) - f(down)) / (2 * h)
    # truncation error ~ h^2 |f'''| ~ 1e-10 times the weights; rounding ~ eps |f| / h ~ 1e-10
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-7)
