// KaTeX renderer for docs/pipeline/site_math.py.
//
// One long-lived process serves a whole build (and every rebuild of `mkdocs serve`): it reads one
// JSON request per line on stdin, {"formulas": [{"tex": "...", "display": true}, ...]}, and writes
// one JSON line back, {"results": [{"html": "..."} | {"error": "..."}, ...]}, in the same order.
// Starting node once per formula would cost ~50 ms each; a page batch costs a few milliseconds.
"use strict";

const readline = require("readline");

const katexDir = process.argv[2];
if (!katexDir) {
  process.stderr.write("usage: node katex_worker.cjs PATH_TO_node_modules/katex\n");
  process.exit(2);
}
const katex = require(katexDir);

// stdout carries the protocol only: anything KaTeX or node prints goes to stderr.
for (const name of ["log", "info", "warn", "debug"]) {
  console[name] = (...args) => process.stderr.write(args.join(" ") + "\n");
}

const OPTIONS = {
  output: "htmlAndMathml", // HTML for the eye, MathML for screen readers; no JavaScript on the page
  throwOnError: true,      // a bad formula is an error, never a red box that slips into the site
  strict: "error",         // e.g. Hangul outside \text{...} is an error, not a console warning
  trust: false,
};

function render(formula) {
  try {
    return { html: katex.renderToString(formula.tex, { ...OPTIONS, displayMode: Boolean(formula.display) }) };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let reply;
  try {
    const request = JSON.parse(line);
    reply = { results: request.formulas.map(render) };
  } catch (error) {
    reply = { fatal: String((error && error.message) || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
lines.on("close", () => process.exit(0));
