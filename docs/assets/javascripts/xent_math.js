// Softmax and cross entropy exactly as xentdocs computes them (float64), plus a float32 path
// written the naive way and the stable way, for the playground's overflow demonstration.
//
// Parity with xentdocs is by construction: the same formulas in the same order of operations,
// and NumPy's summation order (pairwiseSum). What remains are the last-bit differences between
// the browser's Math.exp/log/log1p and the C library's; tests/playground checks the results
// against xentdocs to 1e-12 relative.

const same = (x) => x;
const f32 = Math.fround;

/**
 * Sum as NumPy's `np.sum` adds float arrays (pairwise, 8 accumulators), so that the last bit
 * agrees with xentdocs. `round` is applied after every addition (Math.fround for float32).
 * @param {number[]} a
 * @param {(x: number) => number} [round]
 * @returns {number} a[0] + a[1] + ... in NumPy's order
 */
export function pairwiseSum(a, round = same, lo = 0, n = a.length) {
  if (n < 8) {
    let s = -0;
    for (let i = lo; i < lo + n; i++) s = round(s + a[i]);
    return s;
  }
  if (n > 128) {
    let half = n >> 1;
    half -= half % 8;
    return round(pairwiseSum(a, round, lo, half) + pairwiseSum(a, round, lo + half, n - half));
  }
  const r = a.slice(lo, lo + 8);
  let i = 8;
  for (; i < n - (n % 8); i += 8) {
    for (let j = 0; j < 8; j++) r[j] = round(r[j] + a[lo + i + j]);
  }
  let s = round(round(round(r[0] + r[1]) + round(r[2] + r[3])) + round(round(r[4] + r[5]) + round(r[6] + r[7])));
  for (; i < n; i++) s = round(s + a[lo + i]);
  return s;
}

/** Index of the first maximum (as `np.argmax`). */
export function argmax(x) {
  let top = 0;
  for (let j = 1; j < x.length; j++) if (x[j] > x[top]) top = j;
  return top;
}

// m = max_j x_j and r = sum_{j != argmax} exp(x_j - m): the maximum's exp(0) = 1 is kept out of
// the sum and added back by log1p, which keeps log q of a confident class accurate.
function maxAndRest(x, round = same) {
  const top = argmax(x);
  const m = x[top];
  const e = x.map((v, j) => (j === top ? 0 : round(Math.exp(round(v - m)))));
  return { top, m, r: pairwiseSum(e, round) };
}

/**
 * Logits divided by the temperature: x_k = z_k / T (T > 1 flattens Q, T < 1 sharpens it).
 * @param {number[]} z logits
 * @param {number} T temperature > 0
 */
export function applyTemperature(z, T) {
  return z.map((v) => v / T);
}

/**
 * log Σ_j e^{x_j} = m + log1p(Σ_{j≠argmax} e^{x_j − m}), m = max_j x_j. Never overflows.
 * @param {number[]} x
 */
export function logSumExp(x) {
  const { m, r } = maxAndRest(x);
  return m + Math.log1p(r);
}

/**
 * Softmax q_k = e^{x_k − m} / Σ_j e^{x_j − m}, m = max_j x_j (the shift cancels; nothing overflows).
 * @param {number[]} x logits (already divided by the temperature)
 * @returns {number[]} probabilities summing to 1
 */
export function softmax(x) {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = pairwiseSum(e);
  return e.map((v) => v / s);
}

/**
 * Log-softmax log q_k = (x_k − m) − log1p(Σ_{j≠argmax} e^{x_j − m}), as xentdocs.log_softmax.
 * @param {number[]} x
 */
export function logSoftmax(x) {
  const { m, r } = maxAndRest(x);
  const l = Math.log1p(r);
  return x.map((v) => v - m - l);
}

/**
 * Label-smoothed target p_k = (1 − ε)·[k = y] + ε/C (ε = 0: the one-hot vector; ε = 1: uniform).
 * @param {number} C number of classes
 * @param {number} y target class
 * @param {number} eps smoothing ε in [0, 1]
 */
export function smoothedTarget(C, y, eps) {
  return Array.from({ length: C }, (_, k) => (k === y ? 1 : 0) * (1 - eps) + eps / C);
}

/**
 * Information content of the target class, −log q_y, from log-probabilities.
 * @param {number[]} logq
 * @param {number} y
 */
export function targetSurprisal(logq, y) {
  return -logq[y];
}

/**
 * Cross entropy H(P;Q) = −Σ_k p_k log q_k from p and log q (terms with p_k = 0 are 0).
 * @param {number[]} p
 * @param {number[]} logq
 */
export function crossEntropy(p, logq) {
  return -pairwiseSum(p.map((pk, k) => (pk > 0 ? pk * logq[k] : 0))) + 0;
}

/**
 * Cross entropy loss on logits with label smoothing, as xentdocs.cross_entropy_loss(x, y,
 * label_smoothing=ε) (PyTorch's formula):
 * (1 − ε)·ℓ_y + (ε/C)·Σ_c ℓ_c, ℓ_c = −log q_c = (m − x_c) + log1p(r).
 * @param {number[]} x logits (divided by the temperature)
 * @param {number} y target class
 * @param {number} eps smoothing ε
 */
export function crossEntropyLoss(x, y, eps) {
  const C = x.length;
  const top = argmax(x);
  const m = x[top];
  const shifted = x.map((v) => v - m);
  const shiftedTotal = eps > 0 ? pairwiseSum(shifted) : 0;
  const logS = Math.log1p(pairwiseSum(shifted.map((v, j) => (j === top ? 0 : Math.exp(v)))));
  const nll = m - x[y] + logS;
  let loss = (1 - eps) * nll;
  if (eps > 0) loss = loss + (eps / C) * (C * logS - shiftedTotal);
  return loss;
}

/**
 * Entropy H(Q) = −Σ_k q_k log q_k with 0·log 0 = 0, as xentdocs.entropy(q).
 * @param {number[]} q
 */
export function entropy(q) {
  return -pairwiseSum(q.map((v) => (v > 0 ? v * Math.log(v) : 0))) + 0;
}

/**
 * KL divergence D_KL(P‖Q) = Σ_k p_k log(p_k / q_k), 0 where p_k = 0, +∞ where p_k > 0 = q_k,
 * as xentdocs.kl_divergence(p, q) (clamped at 0: rounding must not make it negative).
 * @param {number[]} p
 * @param {number[]} q
 */
export function klDivergence(p, q) {
  const terms = p.map((pk, k) => {
    if (!(pk > 0)) return pk * 0;
    const ratio = pk / q[k];
    // p/q overflowed although q > 0 (q subnormal): the difference of logs is still finite
    const logRatio = ratio === Infinity && q[k] > 0 ? Math.log(pk) - Math.log(q[k]) : Math.log(ratio);
    return pk * logRatio;
  });
  return Math.max(pairwiseSum(terms), 0);
}

/**
 * Everything the playground shows, in float64, for logits z, target y, temperature T, smoothing ε.
 * H(P;Q) is the loss PyTorch's F.cross_entropy(z / T, y, label_smoothing=ε) computes.
 */
export function evaluate(z, y, T, eps) {
  const x = applyTemperature(z, T);
  const q = softmax(x);
  const logq = logSoftmax(x);
  const p = smoothedTarget(x.length, y, eps);
  return {
    x, q, logq, p,
    surprisal: targetSurprisal(logq, y),
    crossEntropy: crossEntropyLoss(x, y, eps),
    entropy: entropy(q),
    kl: klDivergence(p, q),
  };
}

// ------------------------------------------------------------------------- float32

/** x_k = z_k / T with both operands and the result rounded to float32. */
export function temperature32(z, T) {
  const t = f32(T);
  return z.map((v) => f32(f32(v) / t));
}

/**
 * The naive float32 computation log(softmax(x)) = log(e^{x_k} / Σ_j e^{x_j}), every operation
 * rounded to float32: e^{x} overflows to ∞ once x > log(3.4028235e38) ≈ 88.72, and ∞/∞ is NaN.
 * @param {number[]} x float32 logits (from temperature32)
 * @returns {{e: number[], s: number, q: number[], logq: number[]}}
 */
export function naiveLogSoftmax32(x) {
  const e = x.map((v) => f32(Math.exp(v)));
  const s = pairwiseSum(e, f32);
  const q = e.map((v) => f32(v / s));
  return { e, s, q, logq: q.map((v) => f32(Math.log(v))) };
}

/**
 * The stable formula in float32: log q_k = (x_k − m) − log1p(Σ_{j≠argmax} e^{x_j − m}).
 * @param {number[]} x float32 logits
 */
export function stableLogSoftmax32(x) {
  const { m, r } = maxAndRest(x, f32);
  const l = f32(Math.log1p(r));
  return x.map((v) => f32(f32(v - m) - l));
}

/**
 * The loss from float32 log-probabilities with PyTorch's formula, in float32:
 * (1 − ε)·(−log q_y) + (ε/C)·Σ_c (−log q_c); the smoothing term only when ε > 0.
 * @param {number[]} logq
 * @param {number} y
 * @param {number} eps
 */
export function lossFromLogq32(logq, y, eps) {
  const nll = f32(-logq[y]);
  const head = f32(f32(1 - eps) * nll);
  if (!(eps > 0)) return head;
  const total = pairwiseSum(logq.map((v) => -v), f32);
  return f32(head + f32(f32(eps / logq.length) * total));
}

/** The float32 comparison: the naive and the stable path on the same float32 logits. */
export function evaluate32(z, y, T, eps) {
  const x = temperature32(z, T);
  const naive = naiveLogSoftmax32(x);
  const stableLogq = stableLogSoftmax32(x);
  return {
    x,
    naive: { ...naive, surprisal: f32(-naive.logq[y]), crossEntropy: lossFromLogq32(naive.logq, y, eps) },
    stable: { logq: stableLogq, surprisal: f32(-stableLogq[y]), crossEntropy: lossFromLogq32(stableLogq, y, eps) },
  };
}
