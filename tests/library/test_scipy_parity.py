"""Parity with SciPy: the softmax family (scipy.special) and the information functions
(scipy.stats.entropy, scipy.special.xlogy).

SciPy is the reference for every expected value. For float32 inputs SciPy runs on the exact
float64 upcast of the same numbers, so the reference is ~1e9 times more accurate than the value
under test and the tolerance only has to cover xentdocs' own float32 rounding.

Tolerances: a computed log-probability ``x - logsumexp(x)`` may be off by a few eps times
``1 + |x| + |max x| + log C`` (the subtraction of large, nearly equal numbers), so
``lse_bound = 8 eps (1 + max|x| + log C)`` serves as the absolute tolerance of log-domain
results and as the relative tolerance of their exponentials (softmax). Sums of C terms (entropy,
cross entropy, KL) get 16 eps relative plus 16 eps log C absolute.
"""

import numpy as np
import pytest
import scipy.special
import scipy.stats

import xentdocs as xd

DTYPES = {"float32": np.float32, "float64": np.float64}
SHAPES_AXES = [((7,), -1), ((7,), 0), ((3, 5), -1), ((3, 5), 0), ((2, 3, 4), 1), ((2, 3, 4), -1),
               ((2, 3, 4), 0)]


def eps_of(dtype):
    return float(np.finfo(dtype).eps)


def make_x(rng, shape, axis, dtype, scale):
    if scale == "unit":
        x = rng.normal(0.0, 3.0, shape)
    elif scale == "large":
        x = rng.choice([-1.0, 1.0], shape) * 10.0 ** rng.uniform(3.0, 4.0, shape)
    else:  # "masked": about 30% -inf entries, but one finite entry in every slice along axis
        x = rng.normal(0.0, 3.0, shape)
        finite = np.zeros(shape, dtype=bool)
        np.put_along_axis(finite, np.argmax(rng.random(shape), axis=axis, keepdims=True), True, axis=axis)
        x[(rng.random(shape) < 0.3) & ~finite] = -np.inf
    return x.astype(dtype)


def lse_bound(x, axis, dtype):
    finite = np.abs(x[np.isfinite(x)])
    return 8 * eps_of(dtype) * (1.0 + float(finite.max()) + np.log(x.shape[axis]))


def check_dtype(got, dtype):
    assert np.asarray(got).dtype == dtype


params = pytest.mark.parametrize
grid = [params("dtype", list(DTYPES)), params("scale", ["unit", "large", "masked"]),
        params("shape,axis", SHAPES_AXES, ids=[f"{s}-axis{a}" for s, a in SHAPES_AXES])]


def on_grid(f):
    for mark in grid:
        f = mark(f)
    return f


def _x_and_ref(rng, shape, axis, dtype, scale):
    x = make_x(rng, shape, axis, DTYPES[dtype], scale)
    return x, x.astype(np.float64)


@on_grid
def test_logsumexp_matches_scipy(rng, shape, axis, scale, dtype):
    x, x64 = _x_and_ref(rng, shape, axis, dtype, scale)
    want = scipy.special.logsumexp(x64, axis=axis)
    got = xd.logsumexp(x, axis=axis)
    check_dtype(got, DTYPES[dtype])
    eps = eps_of(DTYPES[dtype])
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=4 * eps,
                               atol=4 * eps * (1 + np.log(shape[axis])))


@on_grid
def test_log_softmax_matches_scipy(rng, shape, axis, scale, dtype):
    x, x64 = _x_and_ref(rng, shape, axis, dtype, scale)
    want = scipy.special.log_softmax(x64, axis=axis)
    got = xd.log_softmax(x, axis=axis)
    check_dtype(got, DTYPES[dtype])
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=4 * eps_of(DTYPES[dtype]),
                               atol=lse_bound(x, axis, DTYPES[dtype]))


@on_grid
def test_softmax_matches_scipy(rng, shape, axis, scale, dtype):
    x, x64 = _x_and_ref(rng, shape, axis, dtype, scale)
    want = scipy.special.softmax(x64, axis=axis)
    got = xd.softmax(x, axis=axis)
    check_dtype(got, DTYPES[dtype])
    # relative error of exp(lp) = absolute error of lp; subnormal results get an absolute slack
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=lse_bound(x, axis, DTYPES[dtype]),
                               atol=np.finfo(DTYPES[dtype]).tiny)


def test_default_axis_is_last(rng):
    x = rng.normal(size=(3, 4, 5))
    np.testing.assert_allclose(xd.softmax(x), scipy.special.softmax(x, axis=-1), rtol=1e-14)
    np.testing.assert_allclose(xd.log_softmax(x), scipy.special.log_softmax(x, axis=-1), rtol=1e-14,
                               atol=1e-14)
    np.testing.assert_allclose(xd.logsumexp(x), scipy.special.logsumexp(x, axis=-1), rtol=1e-14)


@pytest.mark.parametrize("dtype", list(DTYPES))
def test_sigmoid_and_log_sigmoid_match_scipy(dtype):
    dtype = DTYPES[dtype]
    z = np.concatenate([np.linspace(-120, 120, 481), [-1e4, -745.0, -88.0, -40.0, -1e-8, 0.0, 1e-8,
                                                     40.0, 88.0, 745.0, 1e4]]).astype(dtype)
    z64 = z.astype(np.float64)
    eps = eps_of(dtype)
    got = xd.sigmoid(z)
    check_dtype(got, dtype)
    # sigmoid(z) for z << 0 lies below the smallest normal number: absolute slack of `tiny`.
    np.testing.assert_allclose(np.asarray(got, np.float64), scipy.special.expit(z64), rtol=4 * eps,
                               atol=np.finfo(dtype).tiny)
    got = xd.log_sigmoid(z)
    check_dtype(got, dtype)
    want = scipy.special.log_expit(z64)
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=4 * eps, atol=np.finfo(dtype).tiny)


# --------------------------------------------------------------------------------------------
# Information functions
# --------------------------------------------------------------------------------------------

def make_distribution(rng, shape, dtype, zeros=False):
    p = rng.gamma(0.5, 1.0, shape)
    if zeros:
        p[rng.random(shape) < 0.3] = 0.0
        p[..., 0] += 0.1  # never an all-zero row
    return (p / p.sum(axis=-1, keepdims=True)).astype(dtype)


DIST_SHAPES = [(6,), (4, 6), (2, 3, 50)]
BASES = [None, 2, 10.0]


@pytest.mark.parametrize("base", BASES, ids=["nats", "bits", "base10"])
@pytest.mark.parametrize("zeros", [False, True], ids=["positive", "with-zeros"])
@pytest.mark.parametrize("shape", DIST_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", list(DTYPES))
def test_entropy_matches_scipy(rng, dtype, shape, zeros, base):
    dtype = DTYPES[dtype]
    p = make_distribution(rng, shape, dtype, zeros)
    want = scipy.stats.entropy(p.astype(np.float64), base=base, axis=-1)
    got = xd.entropy(p, base=base)
    check_dtype(got, dtype)
    eps = eps_of(dtype)
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=16 * eps,
                               atol=16 * eps * np.log(shape[-1]))


@pytest.mark.parametrize("base", BASES, ids=["nats", "bits", "base10"])
@pytest.mark.parametrize("zeros", [False, True], ids=["positive", "with-zeros-in-p"])
@pytest.mark.parametrize("shape", DIST_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", list(DTYPES))
def test_kl_divergence_and_cross_entropy_match_scipy(rng, dtype, shape, zeros, base):
    dtype = DTYPES[dtype]
    p = make_distribution(rng, shape, dtype, zeros)
    q = make_distribution(rng, shape, dtype, zeros=False)
    p64, q64 = p.astype(np.float64), q.astype(np.float64)
    eps = eps_of(dtype)
    tol = {"rtol": 16 * eps, "atol": 16 * eps * np.log(shape[-1])}

    got = xd.kl_divergence(p, q, base=base)
    check_dtype(got, dtype)
    want = scipy.stats.entropy(p64, q64, base=base, axis=-1)
    np.testing.assert_allclose(np.asarray(got, np.float64), want, **tol)

    got = xd.cross_entropy(p, q, base=base)
    check_dtype(got, dtype)
    want = -scipy.special.xlogy(p64, q64).sum(axis=-1) / (1.0 if base is None else np.log(base))
    # cross entropy of unit-scale terms can reach a few times log C: relative + absolute slack
    np.testing.assert_allclose(np.asarray(got, np.float64), want, **tol)


@pytest.mark.parametrize("base", BASES, ids=["nats", "bits", "base10"])
def test_kl_divergence_is_inf_where_q_vanishes_like_scipy(base):
    p = np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])
    q = np.array([[1.0, 0.0, 0.0], [0.0, 0.25, 0.75]])  # row 0: p > 0 = q at class 1
    want = scipy.stats.entropy(p, q, base=base, axis=-1)
    assert np.isposinf(want[0]) and np.isfinite(want[1])
    got = np.asarray(xd.kl_divergence(p, q, base=base))
    assert np.isposinf(got[0])
    np.testing.assert_allclose(got[1], want[1], rtol=1e-15)
    got = np.asarray(xd.cross_entropy(p, q, base=base))
    assert np.isposinf(got[0])
    np.testing.assert_allclose(got[1], -scipy.special.xlogy(p[1], q[1]).sum() / (1.0 if base is None else np.log(base)),
                               rtol=1e-15)


@pytest.mark.parametrize("base", BASES, ids=["nats", "bits", "base10"])
@pytest.mark.parametrize("dtype", list(DTYPES))
def test_information_content_is_minus_log(dtype, base):
    """Formula check (no library needed): I(p) = -log(p) / log(base); I(0) = +inf, I(1) = 0."""
    dtype = DTYPES[dtype]
    p = np.array([1.0, 0.5, 0.25, 1e-3, 1e-30, 0.0], dtype=dtype)
    got = xd.information_content(p, base=base)
    check_dtype(got, dtype)
    with np.errstate(divide="ignore"):
        want = -np.log(p.astype(np.float64)) / (1.0 if base is None else np.log(base))
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=4 * eps_of(dtype))
    assert np.asarray(got)[0] == 0 and np.isposinf(np.asarray(got)[-1])
