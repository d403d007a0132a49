// node --test tests/playground/ (run by tests/playground/test_playground_math.py, which writes the
// fixture with make_fixture.py, i.e. with xentdocs and NumPy, and sets XENT_FIXTURE).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as M from "../../docs/assets/javascripts/xent_math.js";
import * as S from "../../docs/assets/javascripts/playground_state.js";
import { LABELS } from "../../docs/assets/javascripts/playground_widget.js";

const FIXTURE = process.env.XENT_FIXTURE;
const fixture = FIXTURE ? JSON.parse(readFileSync(FIXTURE, "utf8")) : null;
// JSON has no inf/NaN: the fixture writes them as strings
const num = (v) => Array.isArray(v) ? v.map(num) : typeof v === "string" ? Number(v)
  : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, num(x)])) : v;
const f32 = Math.fround;

// float64: 1e-12 relative, or 1e-15 absolute near zero; non-finite values must be identical.
function close64(a, b) {
  if (!Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= Math.max(1e-12 * Math.abs(b), 1e-15);
}

// Distance between two float32 values in units in the last place (adjacent floats are 1 apart).
const view = new DataView(new ArrayBuffer(4));
function ordered32(x) {
  view.setFloat32(0, x);
  const bits = view.getInt32(0);
  return bits < 0 ? -2147483648 - bits : bits;
}
function ulps32(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b) ? 0 : Infinity;
  return Math.abs(ordered32(a) - ordered32(b));
}

// Collects every mismatch, so one run reports them all (at most 12 shown).
function checker() {
  const bad = [];
  return {
    check(ok, what) { if (!ok) bad.push(what); },
    done(title) { assert.ok(bad.length === 0, `${title}: ${bad.length} mismatches\n${bad.slice(0, 12).join("\n")}`); },
  };
}
const describe = (c) => `z=[${c.logits}] y=${c.target} T=${c.temperature} eps=${c.smoothing}`;

test("XENT_FIXTURE names the fixture written by make_fixture.py", () => {
  assert.ok(FIXTURE, "set XENT_FIXTURE (run: .venv/bin/python -m pytest tests/playground)");
  assert.ok(fixture.float64.length > 500 && fixture.float32.length > 100);
});

test("float64: every quantity matches xentdocs to 1e-12 relative", { skip: !fixture && "no fixture" }, () => {
  const c = checker();
  for (const k of fixture.float64) {
    const r = M.evaluate(k.logits, k.target, k.temperature, k.smoothing);
    const expect = (name, got, want) => c.check(close64(got, num(want)), `${name}: ${got} vs ${want} for ${describe(k)}`);
    k.x.forEach((v, j) => c.check(Object.is(r.x[j], num(v)), `x[${j}] ${r.x[j]} vs ${v}`)); // one IEEE division
    k.p.forEach((v, j) => c.check(Object.is(r.p[j], num(v)), `p[${j}] ${r.p[j]} vs ${v}`)); // the same formula
    k.q.forEach((v, j) => expect(`q[${j}]`, r.q[j], v));
    k.logq.forEach((v, j) => expect(`logq[${j}]`, r.logq[j], v));
    expect("surprisal", r.surprisal, k.surprisal);
    expect("cross entropy", r.crossEntropy, k.cross_entropy);
    expect("entropy", r.entropy, k.entropy);
    expect("kl", r.kl, k.kl);
    expect("logsumexp", M.logSumExp(r.x), k.logsumexp);
    // the same cross entropy from -sum p log q (another formula, also well conditioned)
    expect("crossEntropy(p, logq)", M.crossEntropy(r.p, r.logq), k.cross_entropy);
  }
  c.done("float64");
});

// NumPy's float32 exp and log (SIMD code, AVX2 on this machine) are not correctly rounded: against
// exp and log computed in float64 and rounded once (which is what Math.fround(Math.exp(x)) gives),
// they differ by up to 3 ulp (measured on 2 million random inputs; log likewise). So the
// transcendental steps are compared within 3 ulp, and every other step (division, pairwise
// summation, the loss formula) is fed NumPy's own intermediate values and must match exactly.
const EXP_LOG_ULPS = 3;

test("float32 naive: each step matches NumPy (exp and log within 3 ulp, the rest exactly)", { skip: !fixture && "no fixture" }, () => {
  const c = checker();
  for (const k of fixture.float32) {
    const n = num(k.naive);
    const x = M.temperature32(k.logits, k.temperature);
    x.forEach((v, j) => c.check(Object.is(v, num(k.x[j])), `x[${j}] ${v} vs ${k.x[j]} for ${describe(k)}`));
    x.forEach((v, j) => {
      const e = f32(Math.exp(v));
      c.check(ulps32(e, n.e[j]) <= EXP_LOG_ULPS, `exp(${v}) = ${e} vs NumPy ${n.e[j]}`);
    });
    c.check(Object.is(M.pairwiseSum(n.e, f32), n.s), `sum ${M.pairwiseSum(n.e, f32)} vs ${n.s} for ${describe(k)}`);
    n.e.forEach((v, j) => c.check(Object.is(f32(v / n.s), n.q[j]), `q[${j}] ${f32(v / n.s)} vs ${n.q[j]}`));
    n.q.forEach((v, j) => c.check(ulps32(f32(Math.log(v)), n.logq[j]) <= EXP_LOG_ULPS, `log(${v}) vs ${n.logq[j]}`));
    c.check(Object.is(f32(-n.logq[k.target]), n.surprisal), `surprisal for ${describe(k)}`);
    const loss = M.lossFromLogq32(n.logq, k.target, k.smoothing);
    c.check(Object.is(loss, n.cross_entropy), `loss ${loss} vs ${n.cross_entropy} for ${describe(k)}`);
  }
  c.done("float32 naive steps");
});

// End to end from the logits: where NumPy gets inf or NaN the JavaScript gets the same; finite
// values agree to a few ulp (exp and log as above; log q near 0 inherits q's rounding, so it is
// measured against max(|value|, 1)).
test("float32 naive and stable, end to end: same inf/NaN as NumPy, finite values within a few ulp", { skip: !fixture && "no fixture" }, () => {
  const c = checker();
  const near = (got, want, scaled = false) => {
    if (!Number.isFinite(want) || want === 0) return Object.is(got, want) || (want === 0 && got === 0);
    const tol = 8 * 2 ** -23 * (scaled ? Math.max(Math.abs(want), 1) : Math.abs(want));
    return Math.abs(got - want) <= tol;
  };
  let nonFinite = 0;
  for (const k of fixture.float32) {
    const r = M.evaluate32(k.logits, k.target, k.temperature, k.smoothing);
    const n = num(k.naive), s = num(k.stable);
    for (const [name, got, want, scaled] of [
      ["e", r.naive.e, n.e], ["q", r.naive.q, n.q], ["logq", r.naive.logq, n.logq, true],
      ["stable logq", r.stable.logq, s.logq, true],
    ]) got.forEach((v, j) => c.check(near(v, want[j], scaled), `${name}[${j}] ${v} vs ${want[j]} for ${describe(k)}`));
    for (const [name, got, want] of [
      ["naive surprisal", r.naive.surprisal, n.surprisal], ["naive loss", r.naive.crossEntropy, n.cross_entropy],
      ["stable surprisal", r.stable.surprisal, s.surprisal], ["stable loss", r.stable.crossEntropy, s.cross_entropy],
    ]) c.check(near(got, want, true), `${name} ${got} vs ${want} for ${describe(k)}`);
    // the stable loss in float32 is finite and agrees with xentdocs' own float32 cross_entropy_loss
    c.check(Number.isFinite(r.stable.crossEntropy), `stable loss not finite for ${describe(k)}`);
    c.check(Math.abs(r.stable.crossEntropy - s.cross_entropy_xentdocs) <= 1e-5 * Math.max(1, s.cross_entropy_xentdocs),
      `stable loss ${r.stable.crossEntropy} vs xentdocs float32 ${s.cross_entropy_xentdocs}`);
    // same loss formula, given the same float32 log q: bit for bit
    c.check(Object.is(M.lossFromLogq32(s.logq, k.target, k.smoothing), s.cross_entropy), `stable loss formula for ${describe(k)}`);
    if (!Number.isFinite(n.cross_entropy)) nonFinite++;
  }
  c.done("float32 end to end");
  assert.ok(nonFinite >= 50, `the fixture should exercise overflow, only ${nonFinite} naive losses are not finite`);
});

// ------------------------------------------------------------------ hand-checked cases

test("uniform logits: q = 1/C, H(Q) = log C, -log q_y = log C, KL = 0 at eps = 1", () => {
  for (const C of [3, 7, 10]) {
    const r = M.evaluate(Array(C).fill(2.5), 1, 1.7, 1);
    r.q.forEach((v) => assert.ok(Math.abs(v - 1 / C) < 1e-15));
    r.p.forEach((v) => assert.ok(Math.abs(v - 1 / C) < 1e-15)); // eps = 1: the uniform target
    assert.ok(Math.abs(r.entropy - Math.log(C)) < 1e-14);
    assert.ok(Math.abs(r.surprisal - Math.log(C)) < 1e-14);
    assert.ok(Math.abs(r.crossEntropy - Math.log(C)) < 1e-14);
    assert.ok(r.kl < 1e-15);
  }
});

test("one-hot target (eps = 0): cross entropy = KL = -log q_y", () => {
  const r = M.evaluate([3.2, 5.1, -1.7], 0, 1, 0);
  assert.deepEqual(r.p, [1, 0, 0]);
  // by hand: -log(e^3.2 / (e^3.2 + e^5.1 + e^-1.7)) = log(1 + e^1.9 + e^-4.9)
  const byHand = Math.log(1 + Math.exp(1.9) + Math.exp(-4.9));
  for (const v of [r.surprisal, r.crossEntropy, r.kl]) assert.ok(Math.abs(v - byHand) < 1e-14, `${v} vs ${byHand}`);
});

test("smoothing: p = (1 - eps) onehot + eps/C sums to 1", () => {
  assert.deepEqual(M.smoothedTarget(4, 2, 0.2), [0.05, 0.05, 0.8 + 0.05, 0.05]);
  assert.deepEqual(M.smoothedTarget(3, 0, 0), [1, 0, 0]);
});

test("temperature: T scales the logits before the softmax", () => {
  const z = [1, 2, 3];
  assert.deepEqual(M.evaluate(z, 0, 2, 0).q, M.softmax([0.5, 1, 1.5]));
  const cold = M.evaluate(z, 2, 0.1, 0).q; // T -> 0: all mass on the largest logit
  assert.ok(cold[2] > 0.9999);
});

test("stable formulas do not overflow; log q of a confident class is not rounded to 0", () => {
  assert.equal(M.logSumExp([1000, 1000]), 1000 + Math.LN2);
  const lq = M.logSoftmax([50, 0, -Infinity]);
  assert.ok(Math.abs(lq[0] + Math.exp(-50)) < 1e-36); // log(1/(1 + e^-50)) = -e^-50 to double precision
  assert.equal(lq[2], -Infinity);
  assert.deepEqual(M.softmax([1000, 0]), [1, 0]);
  const r = M.evaluate([95, 0, 0], 0, 1, 0);
  assert.ok(Number.isFinite(r.crossEntropy) && Number.isFinite(r.kl));
});

test("two classes: softmax([z, 0])_0 is the sigmoid 1/(1 + e^-z)", () => {
  for (const z of [-3, 0, 0.5, 4]) assert.ok(Math.abs(M.softmax([z, 0])[0] - 1 / (1 + Math.exp(-z))) < 1e-15);
});

test("q_y = 0 with p_y > 0 gives KL = +inf (xentdocs' convention), 0 log 0 = 0 in H(Q)", () => {
  assert.equal(M.klDivergence([0.5, 0.5], [1, 0]), Infinity);
  assert.equal(M.entropy([1, 0, 0]), 0);
  assert.equal(M.crossEntropy([1, 0], [0, -Infinity]), 0);
});

test("float32 naive: e^x overflows past 88.7228 (log of the largest float32), stable does not", () => {
  assert.ok(f32(Math.exp(f32(88.72))) < 3.4028235e38);
  assert.equal(f32(Math.exp(f32(88.73))), Infinity);
  const r = M.evaluate32([95, 0, 0], 0, 1, 0);
  assert.equal(r.naive.e[0], Infinity); // e^95 > 3.4028235e38
  assert.ok(Number.isNaN(r.naive.q[0])); // inf / inf
  assert.equal(r.naive.q[1], 0); // 1 / inf
  assert.equal(r.naive.logq[1], -Infinity);
  assert.ok(Number.isNaN(r.naive.surprisal));
  // -log1p(2e^-95) = 2e^-95 = 1.1e-41, a subnormal float32 (spacing 2^-149): finite and right
  assert.ok(Math.abs(r.stable.surprisal - 2 * Math.exp(-95)) <= 2 * 2 ** -149);
  assert.equal(r.stable.logq[1], f32(-95)); // -95 - log1p(2e^-95)
  const other = M.evaluate32([0, 95, 0], 0, 1, 0); // the target is not the overflowing class: log 0
  assert.equal(other.naive.surprisal, Infinity);
  assert.equal(other.stable.surprisal, f32(95));
  const smooth = M.evaluate32([0, 95, 0], 0, 1, 1); // (1 - 1) * inf = NaN in the naive loss
  assert.ok(Number.isNaN(smooth.naive.crossEntropy));
  assert.ok(Number.isFinite(smooth.stable.crossEntropy));
});

test("pairwiseSum adds in NumPy's order (8 accumulators from 8 terms on)", () => {
  assert.equal(M.pairwiseSum([1e16, 1, -1e16]), 0); // left to right: (1e16 + 1) - 1e16 = 0
  const a = [1e16, 1, 1, 1, 1, 1, 1, 1, -1e16]; // (((1e16+1)+(1+1))+...) + -1e16
  assert.equal(M.pairwiseSum(a), ((1e16 + 1) + (1 + 1) + ((1 + 1) + (1 + 1))) + -1e16);
  assert.equal(M.pairwiseSum(Array(300).fill(0.1)), M.pairwiseSum(Array(300).fill(0.1).slice()));
});

// ------------------------------------------------------------------ state and fragment

test("fragment: format and parse round-trip exactly", () => {
  const states = [
    S.DEFAULTS,
    { logits: [0.1, -0.30000000000000004, 95, 1e-7, -1000, 12, 3, 4, 5, 6], target: 9, temperature: 0.1, smoothing: 0.37, mode: "naive" },
    { logits: [1 / 3, 2 / 3, 0], target: 2, temperature: 4.9, smoothing: 1, mode: "stable" },
  ];
  for (const s of states) {
    const text = S.formatFragment(s);
    assert.deepEqual(S.parseFragment("#" + text), { ...s, logits: [...s.logits] }, text);
    assert.deepEqual(S.parseFragment(text), S.parseFragment("#" + text));
    assert.deepEqual(S.parseFragment("#" + encodeURIComponent(text)), S.parseFragment(text)); // percent-encoded
  }
  assert.equal(S.formatFragment(S.DEFAULTS), "xent=z:3.2,5.1,-1.7;y:0;t:1;e:0;m:stable");
  assert.deepEqual(S.parseFragment("#xent-2=z:1,2,3;y:1", "xent-2"), { logits: [1, 2, 3], target: 1, temperature: 1, smoothing: 0, mode: "stable" });
  assert.deepEqual(S.parseFragment("#xent=m:naive;z:1,2,3"), { logits: [1, 2, 3], target: 0, temperature: 1, smoothing: 0, mode: "naive" });
});

test("fragment: anything invalid gives null (the widget keeps its defaults), never an exception", () => {
  const bad = [
    "", "#", "#gibbs-inequality", "#xent", "#xent=", "#xent=y:0", "#xent=z:1,2", "#xent=z:1,2,3,4,5,6,7,8,9,10,11",
    "#xent=z:1,,3", "#xent=z:1,2,x", "#xent=z:1,2,Infinity", "#xent=z:1,2,NaN", "#xent=z:1,2,1001", "#xent=z:1,2,0x10",
    "#xent=z:1,2,3;y:3", "#xent=z:1,2,3;y:-1", "#xent=z:1,2,3;y:1.5", "#xent=z:1,2,3;y:", "#xent=z:1,2,3;t:0",
    "#xent=z:1,2,3;t:5.01", "#xent=z:1,2,3;e:-0.1", "#xent=z:1,2,3;e:1.5", "#xent=z:1,2,3;m:fast",
    "#xent=z:1,2,3;q:1", "#xent=z:1,2,3;z:1,2,3", "#xent=z:1,2,3;", "#xent=z:1,2,3;yy:1", "#xent=z 1,2,3",
    "#xent=z:1,2,3%", "#xent-2=z:1,2,3", "#xentz:1,2,3", "#xent=z:1, 2,3e", null, undefined, 42,
  ];
  for (const hash of bad) assert.equal(S.parseFragment(hash), null, String(hash));
});

test("data-defaults: valid JSON is used, anything else falls back to the built-in defaults", () => {
  const own = { logits: [1, 2, 3, 4], target: 3, temperature: 2, smoothing: 0.1, mode: "naive" };
  assert.deepEqual(S.parseDefaults(JSON.stringify(own)), own);
  for (const bad of [undefined, "", "{", "[]", '{"logits":[1,2]}', JSON.stringify({ ...own, mode: "x" })]) {
    assert.deepEqual(S.parseDefaults(bad), { ...S.DEFAULTS, logits: [...S.DEFAULTS.logits] }, String(bad));
  }
});

test("built-in defaults equal docs/assets/javascripts/playground_defaults.json", () => {
  const url = new URL("../../docs/assets/javascripts/playground_defaults.json", import.meta.url);
  assert.deepEqual(JSON.parse(readFileSync(url, "utf8")), { ...S.DEFAULTS, logits: [...S.DEFAULTS.logits] });
});

test("display: 4 decimals, scientific below 1e-4 and from 1e5, U+2212 minus, inf and NaN", () => {
  const cases = [[0.41703, "0.4170"], [2.04035515280017, "2.0404"], [-0.5, "−0.5000"], [0, "0"],
    [1.9287498479639178e-22, "1.929e−22"], [-123456.7, "−1.235e5"], [Infinity, "∞"], [-Infinity, "−∞"], [NaN, "NaN"]];
  for (const [x, text] of cases) assert.equal(S.formatValue(x), text);
  assert.equal(S.dataValue(-Infinity), "-Infinity");
  assert.equal(Number(S.dataValue(0.1 + 0.2)), 0.1 + 0.2);
});

test("ko and en label dictionaries have the same keys, all non-empty; Korean labels are in Hangul", () => {
  assert.deepEqual(Object.keys(LABELS.ko).sort(), Object.keys(LABELS.en).sort());
  for (const lang of ["ko", "en"]) for (const [k, v] of Object.entries(LABELS[lang])) assert.ok(v.trim(), `${lang}.${k}`);
  for (const k of ["region", "target", "temperature", "smoothing", "reset", "crossEntropy"]) assert.match(LABELS.ko[k], /[가-힣]/);
  for (const k of ["cls", "logit", "logitNumber", "preset"]) assert.ok(LABELS.ko[k].includes("{k}") && LABELS.en[k].includes("{k}"), k);
});
