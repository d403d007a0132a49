// The playground's state: defaults, validation, the URL fragment, number display. No DOM.
//
// URL fragment (a teacher's shareable link), one widget's state:
//
//   #xent=z:3.2,5.1,-1.7;y:0;t:1;e:0;m:stable
//
//   z  logits, 3 to 10 comma-separated numbers, each in [-1000, 1000]   (required)
//   y  target class, an integer in [0, C - 1]                            (default 0)
//   t  temperature T in [0.1, 5]                                         (default 1)
//   e  label smoothing ε in [0, 1]                                       (default 0)
//   m  "stable" or "naive" (the float32 comparison is shown)             (default stable)
//
// Fields are separated by ";" in any order; numbers are written with String(x), the shortest
// text that reads back as the same float64, so a link restores the exact state. A fragment that
// is not for this widget, or has an unknown, repeated or out-of-range field, is ignored as a
// whole (the widget keeps its defaults); parsing never throws. A second widget on the same page
// uses the key "xent-2", and so on.

/** Built-in defaults; the page normally passes docs/assets/javascripts/playground_defaults.json. */
export const DEFAULTS = Object.freeze({ logits: [3.2, 5.1, -1.7], target: 0, temperature: 1, smoothing: 0, mode: "stable" });

export const LIMITS = Object.freeze({
  minClasses: 3, maxClasses: 10,
  logit: 1000, // number inputs accept |z| up to this; sliders cover ±slider
  slider: 12,
  temperature: [0.1, 5],
  smoothing: [0, 1],
});

const MODES = ["stable", "naive"];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number from text, or NaN: no "", " ", "0x10", "Infinity" (which Number() would accept). */
export function parseNumber(text) {
  const s = String(text).trim();
  return NUMBER.test(s) ? Number(s) : NaN;
}

const within = (v, [lo, hi]) => Number.isFinite(v) && v >= lo && v <= hi;

/**
 * A checked copy of a state ({logits, target, temperature, smoothing, mode}), or null.
 * @param {object} s
 */
export function validateState(s) {
  if (!s || typeof s !== "object") return null;
  const { logits, target, temperature, smoothing, mode } = s;
  if (!Array.isArray(logits) || logits.length < LIMITS.minClasses || logits.length > LIMITS.maxClasses) return null;
  if (!logits.every((v) => typeof v === "number" && within(v, [-LIMITS.logit, LIMITS.logit]))) return null;
  if (!Number.isInteger(target) || target < 0 || target >= logits.length) return null;
  if (typeof temperature !== "number" || !within(temperature, LIMITS.temperature)) return null;
  if (typeof smoothing !== "number" || !within(smoothing, LIMITS.smoothing)) return null;
  if (!MODES.includes(mode)) return null;
  // + 0 turns -0 into 0, so that the fragment never shows "-0"
  return { logits: logits.map((v) => v + 0), target, temperature: temperature + 0, smoothing: smoothing + 0, mode };
}

/** Defaults from the element's data-defaults JSON; the built-in DEFAULTS if absent or invalid. */
export function parseDefaults(json) {
  if (json) {
    try {
      const state = validateState(JSON.parse(json));
      if (state) return state;
    } catch {
      // not JSON: fall through to the built-in defaults
    }
  }
  return validateState(DEFAULTS);
}

/**
 * The fragment text (without "#") for a state.
 * @param {object} state a valid state
 * @param {string} [key]
 */
export function formatFragment(state, key = "xent") {
  const { logits, target, temperature, smoothing, mode } = state;
  return `${key}=z:${logits.map(String).join(",")};y:${target};t:${temperature};e:${smoothing};m:${mode}`;
}

/**
 * The state a fragment describes, or null if it is not a valid fragment for this key.
 * @param {string} hash location.hash, with or without "#", possibly percent-encoded
 * @param {string} [key]
 */
export function parseFragment(hash, key = "xent") {
  if (typeof hash !== "string") return null;
  let text = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  if (!text.startsWith(key + "=")) return null;
  const fields = {};
  for (const part of text.slice(key.length + 1).split(";")) {
    const colon = part.indexOf(":");
    const name = part.slice(0, colon);
    if (colon < 0 || !"zytem".includes(name) || name.length !== 1 || name in fields) return null;
    fields[name] = part.slice(colon + 1);
  }
  if (!("z" in fields)) return null;
  const num = (name, fallback) => (name in fields ? parseNumber(fields[name]) : fallback);
  const y = fields.y === undefined ? 0 : /^\d+$/.test(fields.y) ? Number(fields.y) : NaN;
  return validateState({
    logits: fields.z.split(",").map(parseNumber),
    target: y,
    temperature: num("t", 1),
    smoothing: num("e", 0),
    mode: fields.m ?? "stable",
  });
}

/**
 * How the playground displays a number: 4 digits after the decimal point (0.4170, 2.0404);
 * below 0.0001 or from 100000 on in magnitude, 4 significant digits in scientific notation
 * (1.929e−22); exactly 0 as "0"; ∞, −∞ and NaN as such. Minus signs are U+2212.
 * @param {number} x
 */
export function formatValue(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  const text = a >= 1e-4 && a < 1e5 ? x.toFixed(4) : x.toExponential(3).replace("e+", "e");
  return text.replace(/-/g, "−");
}

/** The machine-readable value for data-value: String(x) ("Infinity", "-Infinity", "NaN" for the rest). */
export function dataValue(x) {
  return String(x);
}
