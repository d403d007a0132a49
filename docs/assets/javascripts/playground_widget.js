// The softmax / cross entropy playground. Imported by playground.js on pages that have one; it
// turns each `<div class="xent-playground" data-defaults='{...}'>` into the widget. Labels follow
// <html lang> (ko or en). No framework, no request to another host.
//
// Every number shown carries data-value (String of the float64, or of the float32 in the
// comparison table) and data-quantity (surprisal, cross-entropy, entropy, kl, q, p, ...; per
// class also data-class="k"), so tests can read exactly what is displayed.

import { evaluate, evaluate32 } from "./xent_math.js";
import { LIMITS, dataValue, formatFragment, formatValue, parseDefaults, parseFragment, parseNumber, validateState } from "./playground_state.js";

export const LABELS = {
  ko: {
    region: "소프트맥스와 교차 엔트로피 실습",
    classes: "클래스별 로짓과 확률",
    cls: "클래스 {k}",
    logit: "z{k}: 클래스 {k}의 로짓",
    logitNumber: "z{k}: 클래스 {k}의 로짓 (숫자로 입력)",
    target: "정답 클래스 y",
    temperature: "온도 T",
    smoothing: "레이블 스무딩 ε",
    mode: "계산 방식",
    stable: "안정적으로: 로그-합-지수",
    naive: "그대로: float32로 log(softmax(z))",
    add: "클래스 추가",
    remove: "클래스 제거",
    reset: "처음 상태로",
    copy: "링크 복사",
    copied: "현재 상태의 링크를 복사했습니다.",
    copyFailed: "복사하지 못했습니다. 주소 표시줄의 링크를 쓰십시오.",
    preset: "정답 로짓 z{k}의 값을 95로 (88.7 초과)",
    targetMark: "정답",
    qLegend: "q: 모델의 예측 확률 Q",
    pLegend: "p: 정답 분포 P",
    surprisal: "정답 클래스의 정보량",
    crossEntropy: "교차 엔트로피 (손실)",
    entropy: "Q의 엔트로피",
    kl: "KL 발산",
    note: "값의 단위는 내트(nat)이며 소수점 아래 넷째 자리까지 표시합니다.",
    summary: "정답 클래스 {y}의 확률 {q}, 교차 엔트로피 {ce} 내트",
    f32Title: "float32로 계산하면",
    f32Note: "float32에서 eˣ는 x가 약 88.72를 넘으면 표현할 수 있는 최댓값(약 3.4×10³⁸)을 넘어 ∞가 되고, ∞/∞는 NaN이 됩니다. 안정적인 계산은 가장 큰 로짓을 먼저 빼므로 e⁰ = 1보다 큰 값을 만들지 않습니다.",
    colNaive: "그대로",
    colStable: "안정적으로",
  },
  en: {
    region: "Softmax and cross entropy playground",
    classes: "Logits and probabilities per class",
    cls: "Class {k}",
    logit: "z{k}: logit of class {k}",
    logitNumber: "z{k}: logit of class {k} (type a number)",
    target: "Target class y",
    temperature: "Temperature T",
    smoothing: "Label smoothing ε",
    mode: "Computation",
    stable: "Stable: log-sum-exp",
    naive: "As written: log(softmax(z)) in float32",
    add: "Add a class",
    remove: "Remove a class",
    reset: "Reset",
    copy: "Copy link",
    copied: "Link to this state copied.",
    copyFailed: "Could not copy; use the link in the address bar.",
    preset: "Set the target logit z{k} to 95 (past 88.7)",
    targetMark: "target",
    qLegend: "q: the model's predicted probabilities Q",
    pLegend: "p: the target distribution P",
    surprisal: "Information content of the target class",
    crossEntropy: "Cross entropy (the loss)",
    entropy: "Entropy of Q",
    kl: "KL divergence",
    note: "Values are in nats, shown to 4 decimal places.",
    summary: "Target class {y}: probability {q}, cross entropy {ce} nats",
    f32Title: "Computed in float32",
    f32Note: "In float32, eˣ exceeds the largest representable number (about 3.4×10³⁸) once x passes about 88.72 and becomes ∞, and ∞/∞ is NaN. The stable computation subtracts the largest logit first, so it never forms anything above e⁰ = 1.",
    colNaive: "as written",
    colStable: "stable",
  },
};

// Formulas as HTML (KaTeX runs at build time only); the same in both languages.
const FORMULAS = {
  surprisal: "−log <i>q<sub>y</sub></i>",
  "cross-entropy": "<i>H</i>(<i>P</i>;<i>Q</i>) = −∑<sub><i>k</i></sub> <i>p<sub>k</sub></i> log <i>q<sub>k</sub></i>",
  entropy: "<i>H</i>(<i>Q</i>) = −∑<sub><i>k</i></sub> <i>q<sub>k</sub></i> log <i>q<sub>k</sub></i>",
  kl: "<i>D</i><sub>KL</sub>(<i>P</i>‖<i>Q</i>) = ∑<sub><i>k</i></sub> <i>p<sub>k</sub></i> log(<i>p<sub>k</sub></i>/<i>q<sub>k</sub></i>)",
  q: "<i>q<sub>k</sub></i> = <i>e</i><sup><i>z<sub>k</sub></i>/<i>T</i></sup> / ∑<sub><i>j</i></sub> <i>e</i><sup><i>z<sub>j</sub></i>/<i>T</i></sup>",
  p: "<i>p<sub>k</sub></i> = (1−<i>ε</i>)·[<i>k</i> = <i>y</i>] + <i>ε</i>/<i>C</i>",
};
const QUANTITIES = [["surprisal", "surprisal"], ["cross-entropy", "crossEntropy"], ["entropy", "entropy"], ["kl", "kl"]];
const COLUMNS = [["x32", "<i>x<sub>k</sub></i> = <i>z<sub>k</sub></i>/<i>T</i>"], ["naive-e", "<i>e</i><sup><i>x<sub>k</sub></i></sup>"],
  ["naive-q", "<i>q<sub>k</sub></i>"], ["naive-logq", "log <i>q<sub>k</sub></i>"], ["stable32-logq", "log <i>q<sub>k</sub></i>"]];

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === "html") el.innerHTML = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children);
  return el;
}

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, name) => vars[name]);

function show(el, x) {
  el.textContent = formatValue(x);
  el.dataset.value = dataValue(x);
  el.classList.toggle("xp-bad", !Number.isFinite(x));
}

class Playground {
  constructor(root, key) {
    this.root = root;
    this.key = key;
    this.id = "xp-" + key.replace(/\W/g, "");
    this.t = LABELS[(document.documentElement.lang || "").slice(0, 2) === "ko" ? "ko" : "en"];
    this.defaults = parseDefaults(root.dataset.defaults);
    this.state = parseFragment(location.hash, key) || structuredClone(this.defaults);
    this.build();
    this.setState(this.state, false);
    addEventListener("hashchange", () => {
      const s = parseFragment(location.hash, key);
      if (s) this.setState(s, false);
    });
  }

  build() {
    const t = this.t, id = this.id;
    const field = (name, label, input, out) => h("div", { class: "xp-field" }, h("label", { for: `${id}-${name}` }, label), input, out || "");
    this.temp = h("input", { type: "range", id: `${id}-t`, min: LIMITS.temperature[0], max: LIMITS.temperature[1], step: 0.1,
      on: { input: () => this.change({ temperature: Number(this.temp.value) }) } });
    this.tempOut = h("output", { for: `${id}-t` });
    this.smooth = h("input", { type: "range", id: `${id}-e`, min: 0, max: 1, step: 0.01,
      on: { input: () => this.change({ smoothing: Number(this.smooth.value) }) } });
    this.smoothOut = h("output", { for: `${id}-e` });
    this.target = h("select", { id: `${id}-y`, on: { change: () => this.change({ target: Number(this.target.value) }) } });
    this.modes = ["stable", "naive"].map((m) => h("input", { type: "radio", name: `${id}-m`, value: m,
      on: { change: () => this.change({ mode: m }) } }));
    const button = (action, text, onclick) => h("button", { type: "button", class: "md-button xp-button", "data-action": action, on: { click: onclick } }, text);
    this.addBtn = button("add", t.add, () => this.change({ logits: [...this.state.logits, 0] }));
    this.removeBtn = button("remove", t.remove, () => {
      const logits = this.state.logits.slice(0, -1);
      this.change({ logits, target: Math.min(this.state.target, logits.length - 1) });
    });
    this.preset = button("overflow", "", () => {
      const logits = [...this.state.logits];
      logits[this.state.target] = 95;
      this.change({ logits });
    });
    this.status = h("span", { class: "xp-status", role: "status" });
    const copy = button("copy", t.copy, async () => {
      this.writeFragment();
      try {
        await navigator.clipboard.writeText(location.href);
        this.status.textContent = t.copied;
      } catch {
        this.status.textContent = t.copyFailed;
      }
    });
    const reset = button("reset", t.reset, () => {
      this.setState(structuredClone(this.defaults), false);
      history.replaceState(history.state, "", location.pathname + location.search);
    });

    this.rows = h("div", { class: "xp-rows", role: "group", "aria-label": t.classes });
    this.values = {};
    const quantities = h("dl", { class: "xp-quantities" }, ...QUANTITIES.map(([q, label]) => {
      this.values[q] = h("dd", { "data-quantity": q });
      return h("div", {}, h("dt", {}, t[label], " ", h("span", { class: "xp-formula", html: FORMULAS[q] })), this.values[q]);
    }));
    this.summary = h("p", { class: "xp-summary", "aria-live": "polite" });

    this.f32Rows = h("tbody");
    this.f32Loss = {};
    const lossCell = (name) => (this.f32Loss[name] = h("td", { "data-quantity": name }));
    this.f32 = h("div", { class: "xp-f32" },
      h("p", { class: "xp-f32-title" }, h("strong", {}, t.f32Title)),
      h("p", { class: "xp-note" }, t.f32Note),
      h("div", { class: "xp-scroll", tabindex: 0, role: "region", "aria-label": t.f32Title },
        h("table", { class: "xp-f32-steps" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.cls.replace(" {k}", "").replace("{k}", "")),
            ...COLUMNS.map(([name, html], i) => h("th", { scope: "col", html: html + (i >= 3 ? ` <span class="xp-sub">(${i === 3 ? t.colNaive : t.colStable})</span>` : "") })))),
          this.f32Rows)),
      h("div", { class: "xp-scroll" },
        h("table", { class: "xp-f32-loss" },
          h("thead", {}, h("tr", {}, h("td"), h("th", { scope: "col" }, t.colNaive), h("th", { scope: "col" }, t.colStable))),
          h("tbody", {},
            h("tr", {}, h("th", { scope: "row", html: `${t.surprisal} ${FORMULAS.surprisal}` }), lossCell("naive-surprisal"), lossCell("stable32-surprisal")),
            h("tr", {}, h("th", { scope: "row" }, t.crossEntropy), lossCell("naive-cross-entropy"), lossCell("stable32-cross-entropy"))))));

    this.widget = h("section", { class: "xp", "aria-label": t.region },
      h("div", { class: "xp-controls" },
        field("y", t.target, this.target),
        field("t", t.temperature, this.temp, this.tempOut),
        field("e", t.smoothing, this.smooth, this.smoothOut),
        h("fieldset", { class: "xp-mode" }, h("legend", {}, t.mode),
          ...this.modes.map((r, i) => h("label", {}, r, " ", i ? t.naive : t.stable)))),
      h("div", { class: "xp-buttons" }, this.addBtn, this.removeBtn, reset, copy, this.preset, this.status),
      h("p", { class: "xp-legend" }, ...["q", "p"].map((q) => h("span", {},
        h("span", { class: `xp-key xp-key-${q}`, "aria-hidden": "true" }), t[q + "Legend"], " ", h("span", { class: "xp-formula", html: FORMULAS[q] })))),
      this.rows,
      this.summary,
      quantities,
      h("p", { class: "xp-note" }, t.note),
      this.f32);
    this.root.replaceChildren(this.widget);
    this.root.classList.add("xp-ready");
  }

  buildRows(C) {
    const t = this.t, id = this.id;
    this.classRows = [];
    this.rows.replaceChildren();
    this.f32Rows.replaceChildren();
    this.target.replaceChildren(...Array.from({ length: C }, (_, k) => h("option", { value: k }, fill(t.cls, { k }))));
    for (let k = 0; k < C; k++) {
      const r = {};
      r.range = h("input", { type: "range", id: `${id}-z${k}`, min: -LIMITS.slider, max: LIMITS.slider, step: 0.1,
        "aria-label": fill(t.logit, { k }), on: { input: () => this.setLogit(k, Number(r.range.value), r.range) } });
      r.number = h("input", { type: "number", step: "any", min: -LIMITS.logit, max: LIMITS.logit, class: "xp-number",
        "aria-label": fill(t.logitNumber, { k }), on: {
          input: () => {
            const v = parseNumber(r.number.value);
            const ok = Math.abs(v) <= LIMITS.logit;
            r.number.setAttribute("aria-invalid", String(!ok));
            if (ok) this.setLogit(k, v, r.number);
          },
          change: () => this.update(),
        } });
      const bar = (q) => {
        const fillEl = h("span", { class: "xp-fill" });
        const value = h("span", { class: "xp-val", "data-quantity": q, "data-class": k });
        r[q] = { fill: fillEl, value };
        return h("span", { class: `xp-bar xp-bar-${q}` }, h("span", { class: "xp-bar-name", html: `<i>${q}</i><sub>${k}</sub>` }),
          h("span", { class: "xp-track", "aria-hidden": "true" }, fillEl), value);
      };
      r.mark = h("span", { class: "xp-mark" });
      r.row = h("div", { class: "xp-row", "data-class": k },
        h("span", { class: "xp-z" }, h("label", { for: `${id}-z${k}`, html: `<i>z</i><sub>${k}</sub>` }), r.mark),
        r.range, r.number, h("span", { class: "xp-bars" }, bar("q"), bar("p")));
      this.rows.append(r.row);
      r.f32 = COLUMNS.map(([name]) => h("td", { "data-quantity": name, "data-class": k }));
      this.f32Rows.append(h("tr", {}, h("th", { scope: "row" }, String(k)), ...r.f32));
      this.classRows.push(r);
    }
  }

  setLogit(k, v, source) {
    const logits = [...this.state.logits];
    logits[k] = v;
    this.change({ logits }, source);
  }

  change(patch, source) {
    this.status.textContent = "";
    const next = validateState({ ...this.state, ...patch });
    if (next) this.setState(next, true, source);
  }

  setState(state, write, source) {
    const rebuild = !this.classRows || this.classRows.length !== state.logits.length;
    this.state = state;
    if (rebuild) this.buildRows(state.logits.length);
    this.update(source);
    if (write) {
      clearTimeout(this.fragmentTimer);
      this.fragmentTimer = setTimeout(() => this.writeFragment(), 250);
    }
  }

  writeFragment() {
    clearTimeout(this.fragmentTimer);
    history.replaceState(history.state, "", "#" + formatFragment(this.state, this.key));
  }

  // Writes every control and output from this.state; `source` (the input being edited) keeps
  // the reader's text as typed.
  update(source) {
    const { logits, target: y, temperature: T, smoothing: eps, mode } = this.state;
    const t = this.t;
    const C = logits.length;
    const r64 = evaluate(logits, y, T, eps);
    this.root.dataset.state = JSON.stringify(this.state);
    this.target.value = String(y);
    this.temp.value = String(T);
    this.tempOut.textContent = String(T);
    this.smooth.value = String(eps);
    this.smoothOut.textContent = String(eps);
    this.modes.forEach((r) => (r.checked = r.value === mode));
    this.addBtn.disabled = C >= LIMITS.maxClasses;
    this.removeBtn.disabled = C <= LIMITS.minClasses;
    this.preset.textContent = fill(t.preset, { k: y });
    this.preset.hidden = mode !== "naive";
    this.classRows.forEach((r, k) => {
      if (source !== r.range) r.range.value = String(logits[k]);
      if (source !== r.number) {
        r.number.value = String(logits[k]);
        r.number.removeAttribute("aria-invalid");
      }
      r.row.classList.toggle("xp-target", k === y);
      r.mark.textContent = k === y ? t.targetMark : "";
      for (const q of ["q", "p"]) {
        const v = r64[q][k];
        r[q].fill.style.width = `${Math.min(Math.max(v, 0), 1) * 100}%`;
        r[q].fill.hidden = !(v > 0);
        show(r[q].value, v);
      }
    });
    for (const [q, name] of QUANTITIES) show(this.values[q], r64[name]);
    this.f32.hidden = mode !== "naive";
    if (mode === "naive") {
      const r32 = evaluate32(logits, y, T, eps);
      const columns = [r32.x, r32.naive.e, r32.naive.q, r32.naive.logq, r32.stable.logq];
      this.classRows.forEach((r, k) => r.f32.forEach((cell, i) => show(cell, columns[i][k])));
      show(this.f32Loss["naive-surprisal"], r32.naive.surprisal);
      show(this.f32Loss["stable32-surprisal"], r32.stable.surprisal);
      show(this.f32Loss["naive-cross-entropy"], r32.naive.crossEntropy);
      show(this.f32Loss["stable32-cross-entropy"], r32.stable.crossEntropy);
    }
    // One polite announcement once the reader pauses, not one per slider step.
    const text = fill(t.summary, { y, q: formatValue(r64.q[y]), ce: formatValue(r64.crossEntropy) });
    clearTimeout(this.summaryTimer);
    this.summaryTimer = setTimeout(() => {
      if (this.summary.textContent !== text) this.summary.textContent = text;
    }, this.summary.textContent ? 600 : 0);
  }
}

if (typeof document !== "undefined") {
  document.querySelectorAll(".xent-playground").forEach((el, i) => {
    try {
      new Playground(el, el.dataset.stateKey || (i ? `xent-${i + 1}` : "xent"));
    } catch (err) {
      // Keep the static figure; say why in the console rather than leave a half-built widget.
      console.error("xent-playground:", err);
    }
  });
}
