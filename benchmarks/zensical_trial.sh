#!/usr/bin/env bash
# Zensical trial for the xentdocs site (issue 17, point 5). Reproducible and idempotent.
#
#   bash benchmarks/zensical_trial.sh .        (the repo root: mkdocs.yml, docs/, xentdocs/)
#
# Never writes into the repo: it builds a scratch copy (`git archive HEAD`) in $WORK with a venv in
# $VENV, writes small Python-Markdown probe extensions into $EXT, runs every build sequentially
# (the host has 2 shared cores) and prints a PASS/FAIL table. Logs: $LOGS. Takes ~6-8 minutes.
# Env overrides: WORK, VENV, EXT, LOGS, BROWSER_VENV, ZENSICAL_VERSION, PORT, SKIP_BROWSER=1.
set -uo pipefail

REPO=$(cd "${1:?usage: $0 REPO_ROOT}" && pwd)
WORK=${WORK:-/tmp/zensical-trial}
VENV=${VENV:-/tmp/zensical-venv}
EXT=${EXT:-/tmp/zensical-trial-ext}
LOGS=${LOGS:-/tmp/zensical-trial-logs}
BROWSER_VENV=${BROWSER_VENV:-/tmp/zensical-browser-venv}
# 0.0.74 and 0.1.x need zensical-ui, which PyPI does not serve here (checked below); zensical-i18n
# 0.3.0 needs zensical<0.1.
ZENSICAL_VERSION=${ZENSICAL_VERSION:-0.0.73}
PORT=${PORT:-8765}
export NO_COLOR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

RESULTS=()
row() { RESULTS+=("$(printf '%-4s | %-44s | %s' "$1" "$2" "$3")"); echo "[$1] $2 — $3"; }
count() { grep -o -- "$1" "$2" 2>/dev/null | wc -l; }
errline() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -m1 -E "$2" | cut -c1-150; }

# --- scratch copy, venv -----------------------------------------------------------------------
rm -rf "$WORK" "$EXT" "$LOGS" && mkdir -p "$WORK" "$EXT" "$LOGS"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
git -C "$REPO" archive "$COMMIT" | tar -x -C "$WORK"
[ -d "$REPO/node_modules/katex" ] && ln -sfn "$REPO/node_modules" "$WORK/node_modules"
if [ ! -x "$VENV/bin/zensical" ] || [ "$("$VENV/bin/zensical" --version)" != "$ZENSICAL_VERSION" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "zensical==$ZENSICAL_VERSION" zensical-i18n pymdown-extensions markdown-exec \
    mkdocstrings mkdocstrings-python matplotlib koreanize-matplotlib numpy scikit-learn mpmath 2>&1 \
    | grep -v "^WARNING: Location" >&2
fi
"$VENV/bin/pip" install -q -e "$WORK" --no-deps 2>&1 | grep -v "^WARNING: Location" >&2
Z="$VENV/bin/zensical"; ZI="$VENV/bin/zensical-i18n"
"$VENV/bin/pip" list 2>/dev/null | grep -iE "^(zensical|zensical-i18n|markdown-exec|mkdocstrings|mkdocstrings-python|mkdocs-autorefs|pymdown-extensions|markdown) " > "$LOGS/versions.txt"
newest=$("$VENV/bin/pip" index versions zensical 2>/dev/null | head -1)
"$VENV/bin/pip" install --dry-run -q "zensical==${newest//[^0-9.]/}" > "$LOGS/newest.log" 2>&1 \
  && row PASS "newest zensical installs ($newest)" "" \
  || row FAIL "newest zensical installs ($newest)" "$(errline "$LOGS/newest.log" 'No matching')"

cd "$WORK" || exit 1
cp docs/glossary.md "$LOGS/glossary.md.orig"
restore() { cp "$LOGS/glossary.md.orig" docs/glossary.md; }

# Derived configs: mkdocs.yml plus extra markdown_extensions / theme settings.
variant() { # variant NAME 'yaml lines to append under markdown_extensions' [custom_dir]
  python3 - "$@" <<'EOF'
import sys
name, ext = sys.argv[1], sys.argv[2]
s = open("mkdocs.yml").read()
s = s.replace("  - pymdownx.inlinehilite\n", "  - pymdownx.inlinehilite\n" + ext, 1)
if len(sys.argv) > 3:
    s = s.replace("theme:\n  name: material\n", f"theme:\n  name: material\n  custom_dir: {sys.argv[3]}\n", 1)
open(f"mkdocs.{name}.yml", "w").write(s)
EOF
}

# --- probe extensions (all public Python-Markdown API) ----------------------------------------
cat > "$EXT/zmarker.py" <<'EOF'
"""Appends a marker to every paragraph; logs each postprocessor call with the page path."""
import os
from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.postprocessors import Postprocessor

class _Tree(Treeprocessor):
    def __init__(self, md, marker):
        super().__init__(md); self.marker = marker
    def run(self, root):
        for p in root.iter("p"):
            span = p.makeelement("span", {"class": "zmarker"}); span.text = self.marker; p.append(span)

class _Post(Postprocessor):
    def run(self, text):
        ctx = self.md.preprocessors["rendering_context"] if "rendering_context" in self.md.preprocessors else None
        with open(os.environ["ZMARKER_LOG"], "a") as f:
            f.write(f"{getattr(getattr(ctx, 'page', None), 'path', None)}\n")
        return text

class ZMarker(Extension):
    def __init__(self, **kw):
        self.config = {"marker": ["[ZM]", "appended to each paragraph"]}; super().__init__(**kw)
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Tree(md, self.getConfig("marker")), "zmarker", 0)
        md.postprocessors.register(_Post(md), "zmarker_post", 0)

def makeExtension(**kw): return ZMarker(**kw)
EOF
cat > "$EXT/zfail.py" <<'EOF'
"""Raises on a line containing ZENSICAL_FAIL_ME (how does the build report an extension's error?)."""
from markdown import Extension
from markdown.preprocessors import Preprocessor
class _Pre(Preprocessor):
    def run(self, lines):
        for n, line in enumerate(lines, 1):
            if "ZENSICAL_FAIL_ME" in line:
                raise ValueError(f"line {n}: zfail probe error")
        return lines
class ZFail(Extension):
    def extendMarkdown(self, md): md.preprocessors.register(_Pre(md), "zfail", 5)
def makeExtension(**kw): return ZFail(**kw)
EOF
cat > "$EXT/zexecguard.py" <<'EOF'
"""Makes a failing markdown-exec block a build error (Zensical's --strict ignores its warning)."""
import logging
from markdown import Extension
from markdown.postprocessors import Postprocessor
class _Collect(logging.Handler):
    def __init__(self): super().__init__(logging.WARNING); self.records = []
    def emit(self, record): self.records.append(record)
_HANDLER = _Collect()
for name in ("markdown_exec", "mkdocs.plugins.markdown_exec"):
    logging.getLogger(name).addHandler(_HANDLER)
class _Post(Postprocessor):
    def run(self, text):
        if _HANDLER.records:  # not cleared: an inner Markdown (markdown-exec's own) swallows a first raise
            raise RuntimeError("an executed code block failed: " + _HANDLER.records[0].getMessage().splitlines()[0])
        return text
class ZExecGuard(Extension):
    def extendMarkdown(self, md): md.postprocessors.register(_Post(md), "zexecguard", 0)
def makeExtension(**kw): return ZExecGuard(**kw)
EOF
# docs/pipeline holds the site's own Python-Markdown extension (site_markdown: KaTeX math, code tidy)
export PYTHONPATH="$EXT:$WORK/docs/pipeline${PYTHONPATH:+:$PYTHONPATH}"

# --- 1. the site as it is (hooks and the i18n plugin are ignored) ------------------------------
start=$(date +%s.%N)
"$Z" build --clean > "$LOGS/asis.log" 2>&1; rc=$?
secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
pages=$(find site -name index.html | wc -l)
[ $rc = 0 ] && row PASS "zensical build (mkdocs.yml as is)" "rc=0, $pages pages, ${secs}s cold; hooks: ignored, no warning" \
            || row FAIL "zensical build (mkdocs.yml as is)" "rc=$rc $(errline "$LOGS/asis.log" Error)"
[ -d site/en ] && row PASS "i18n without zensical-i18n" "" \
  || row FAIL "i18n without zensical-i18n" "i18n plugin dropped silently: $(ls -d site/*.en | head -2 | tr '\n' ' ')(one ko nav)"
raw=$(count 'class="arithmatex">\\(' site/deep-learning/index.html); kx=$(count 'class="katex"' site/deep-learning/index.html)
[ "$kx" -gt 0 ] && row PASS "math without the site's KaTeX hook" "" \
  || row FAIL "math without the site's KaTeX hook" "$raw formulas left as TeX in deep-learning; katex.min.css linked: $(count 'katex.min.css' site/deep-learning/index.html), shipped: $(ls site/assets/katex 2>/dev/null | wc -l) files"
tabs=$(count '<label for="exec-[^"]*">소스' site/deep-learning/index.html); figs=$(count 'NanumGothic' site/deep-learning/index.html)
[ "$tabs" -gt 0 ] && [ "$figs" -gt 0 ] && row PASS "markdown-exec blocks run" "deep-learning: $tabs '소스' tabs, $figs inline SVG figures" \
  || row FAIL "markdown-exec blocks run" "tabs=$tabs figures=$figs"
cat site/reference/index.html site/reference/*/index.html > "$LOGS/reference.html" 2>/dev/null  # one page per module
objs=$(count 'class="doc doc-object' "$LOGS/reference.html"); refs=$(count 'autorefs-internal' "$LOGS/reference.html")
rst=$(count ':math:\|:func:' "$LOGS/reference.html")
[ "$objs" -gt 0 ] && [ "$refs" -gt 0 ] && [ "$rst" = 0 ] && row PASS "mkdocstrings ::: xentdocs + autorefs" "$objs doc objects, $refs resolved autorefs, griffe RST-roles extension applied" \
  || row FAIL "mkdocstrings ::: xentdocs + autorefs" "objects=$objs autorefs=$refs leftover-roles=$rst"
css=$(count 'extra.css\|playground.css' site/deep-learning/index.html); js=$(count 'playground.js" type="module"' site/deep-learning/index.html)
[ "$css" -ge 2 ] && [ "$js" = 1 ] && [ -f site/assets/javascripts/playground.js ] && row PASS "extra_css / extra_javascript (type: module)" "linked and copied" \
  || row FAIL "extra_css / extra_javascript" "css=$css js=$js"
torch=$(python3 - <<'EOF'
import glob, re
fence = re.compile(r'^(`{3,})\w+ [^\n]*exec="(?:1|true)"[^\n]*\n(.*?)^\1', re.M | re.S)
include = re.compile(r'^--8<-- "([^"]+)"', re.M)
imports = re.compile(r'^\s*(?:import torch|from torch\b)', re.M)
def expand(body):  # pymdownx.snippets includes, as the page sees them
    return include.sub(lambda m: open("docs/" + m[1]).read(), body)
hits = sorted(p for p in glob.glob("docs/*.md")
              if any(imports.search(expand(m[2])) for m in fence.finditer(open(p).read())))
print(len(hits), " ".join(hits))
EOF
)
row INFO "pages whose executed blocks import torch" "${torch:-0} (snippets expanded; torch appears only in static blocks)"

# --- 2. a local Python-Markdown extension; how failures surface --------------------------------
variant marker '  - zmarker:
      marker: "[ZM-OK]"
'
export ZMARKER_LOG="$LOGS/zmarker.log"; rm -f "$ZMARKER_LOG"
"$Z" build --clean -f mkdocs.marker.yml > "$LOGS/marker.log" 2>&1; rc=$?
m=$(count 'ZM-OK' site/deep-learning/index.html); calls=$(wc -l < "$ZMARKER_LOG")
[ $rc = 0 ] && [ "$m" -gt 0 ] && row PASS "local Markdown extension (PYTHONPATH) runs" "$m markers in deep-learning; $calls postprocessor calls (inner Markdown of exec/mkdocstrings too); page path via rendering_context: $(head -1 "$ZMARKER_LOG")" \
  || row FAIL "local Markdown extension (PYTHONPATH) runs" "rc=$rc markers=$m"
rm -f "$ZMARKER_LOG"; "$Z" build -f mkdocs.marker.yml > "$LOGS/marker2.log" 2>&1
row INFO "unchanged rebuild (no --clean): pages re-rendered" "$(sort -u "$ZMARKER_LOG" 2>/dev/null | grep -c .) of $(find docs -maxdepth 1 -name '*.md' | wc -l); not re-rendered: $(comm -23 <(cd docs && ls *.md | sort) <(sort -u "$ZMARKER_LOG") | tr '\n' ' ')"

variant fail '  - zfail
'
printf '\nZENSICAL_FAIL_ME\n' >> docs/glossary.md
"$Z" build --clean -f mkdocs.fail.yml > "$LOGS/extfail.log" 2>&1; rc=$?; restore
[ $rc != 0 ] && row PASS "exception in an extension fails the build" "rc=$rc: $(errline "$LOGS/extfail.log" 'RuntimeError')" \
  || row FAIL "exception in an extension fails the build" "rc=0"

printf '\n[broken](no-such-page.md) [anchor](index.md#no-such-anchor)\n' >> docs/glossary.md
"$Z" build --clean --strict > "$LOGS/strict_link.log" 2>&1; rc=$?; restore
[ $rc != 0 ] && row PASS "--strict fails on broken link/anchor" "rc=$rc: $(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/strict_link.log" | grep -E 'Warning:' | sort -u | tr '\n' ' ')" \
  || row FAIL "--strict fails on broken link/anchor" "rc=0"

printf '\n```python exec="1"\nraise ValueError("deliberate failure")\n```\n' >> docs/glossary.md
"$Z" build --clean --strict > "$LOGS/strict_exec.log" 2>&1; rc=$?
[ $rc != 0 ] && row PASS "--strict fails on a raising exec block" "" \
  || row FAIL "--strict fails on a raising exec block" "rc=0; only logs '$(errline "$LOGS/strict_exec.log" 'markdown_exec')'"
variant guard '  - zexecguard
'
"$Z" build --clean -f mkdocs.guard.yml > "$LOGS/guard.log" 2>&1; rc=$?; restore
[ $rc != 0 ] && row PASS "... with a 25-line guard extension" "rc=$rc: $(errline "$LOGS/guard.log" 'RuntimeError')" \
  || row FAIL "... with a 25-line guard extension" "rc=0"

# --- 3. the site's own extension (docs/pipeline/site_markdown.py) for math; theme overrides -------
# KaTeX's stylesheet and fonts are written by the MkDocs hook, which Zensical does not run: a staging
# step (here: into docs/assets/katex) must put them in place.
python3 - <<'EOF'
import shutil, sys
from pathlib import Path
sys.path.insert(0, "docs/pipeline")
import site_math
katex = site_math.find_katex(Path.cwd())
css, fonts = site_math.katex_css(katex)
out = Path("docs") / site_math.FONTS_URI
out.mkdir(parents=True, exist_ok=True)
(Path("docs") / site_math.CSS_URI).write_text(css, encoding="utf-8")
for name in fonts:
    shutil.copy(katex / "dist" / "fonts" / name, out / name)
EOF
mkdir -p overrides
cat > overrides/main.html <<'EOF'
{% extends "base.html" %}
{% block extrahead %}{{ super() }}<meta name="zensical-trial-override" content="extrahead">{% endblock %}
{% block announce %}<span class="zensical-trial-announce">announce override</span>{% endblock %}
EOF
variant katex '  - site_markdown
' overrides
"$Z" build --clean --strict -f mkdocs.katex.yml > "$LOGS/katex.log" 2>&1; rc=$?
kx=$(count 'class="katex"' site/deep-learning/index.html); kr=$(cat site/reference/*/index.html | grep -o 'class="katex"' | wc -l)
raw=$(cat site/*/index.html site/reference/*/index.html | grep -o 'class="arithmatex">\\[([]' | wc -l); wbr=$(cat site/*/index.html | grep -o '<wbr>' | wc -l)
[ $rc = 0 ] && [ "$kx" -gt 0 ] && [ "$raw" = 0 ] && row PASS "site_markdown extension: KaTeX + code tidy" "deep-learning $kx, reference (docstrings) $kr formulas by KaTeX, 0 left as TeX; $wbr <wbr> name breaks; css+fonts need a staging copy" \
  || row FAIL "site_markdown extension: KaTeX + code tidy" "rc=$rc katex=$kx raw=$raw $(errline "$LOGS/katex.log" Error)"
printf '\nA bad formula: $\\frac{1}{$\n' >> docs/glossary.md
"$Z" build --clean -f mkdocs.katex.yml > "$LOGS/katex_bad.log" 2>&1; rc=$?; restore
[ $rc != 0 ] && row PASS "... a formula KaTeX rejects fails the build" "rc=$rc: $(errline "$LOGS/katex_bad.log" 'KatexError|RuntimeError' | cut -c1-110)" \
  || row FAIL "... a formula KaTeX rejects fails the build" "rc=0"
ov=$(count 'zensical-trial-override\|zensical-trial-announce' site/deep-learning/index.html)
[ "$ov" = 2 ] && row PASS "theme.custom_dir + template blocks" "extrahead (with super()) and announce blocks rendered" \
  || row FAIL "theme.custom_dir + template blocks" "found $ov of 2"

# --- 4. languages --------------------------------------------------------------------------------
rm -rf site; "$ZI" build --clean -f mkdocs.yml > "$LOGS/i18n_asis.log" 2>&1; rc=$?
[ $rc = 0 ] && row PASS "zensical-i18n, mkdocs.yml as is" "" \
  || row FAIL "zensical-i18n, mkdocs.yml as is" "rc=$rc: en build: $(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/i18n_asis.log" | grep -m1 -o 'template not found[^(]*') (en palette override lacks toggle.icon; not merged)"
python3 - <<'EOF'
import re
s = open("mkdocs.katex.yml").read()   # KaTeX extension + overrides, and full palette entries for `en`
full = """          theme:
            palette:
              - media: "(prefers-color-scheme: light)"
                scheme: default
                primary: indigo
                accent: indigo
                toggle:
                  icon: material/weather-night
                  name: Switch to dark mode
              - media: "(prefers-color-scheme: dark)"
                scheme: slate
                primary: indigo
                accent: indigo
                toggle:
                  icon: material/weather-sunny
                  name: Switch to light mode
"""
s, n = re.subn(r"          theme:\n            palette:\n(?:              .*\n|                .*\n)+", full, s, count=1)
assert n == 1
open("mkdocs.i18n.yml", "w").write(s)
EOF
rm -rf site; start=$(date +%s.%N)
"$ZI" build --clean --strict -f mkdocs.i18n.yml > "$LOGS/i18n.log" 2>&1; rc=$?
secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
sw=$(grep -c 'href="..&#x2f;en&#x2f;deep-learning&#x2f;" hreflang="en"' site/deep-learning/index.html 2>/dev/null)
if [ $rc = 0 ] && [ -f site/en/deep-learning/index.html ]; then
  row PASS "zensical-i18n (suffix), en palette given in full" "${secs}s; /en/ tree, lang=$(grep -o '<html lang="[a-z]*"' site/en/index.html | cut -d'"' -f2), switcher to same page: $sw, search.json+sitemap.xml+404 per language: $(ls site/en/search.json site/en/sitemap.xml site/en/404.html 2>/dev/null | wc -l)/3, en tabs: $(count '<label for="exec-[^"]*">Source' site/en/deep-learning/index.html)"
else
  row FAIL "zensical-i18n (suffix), en palette given in full" "rc=$rc $(errline "$LOGS/i18n.log" 'Error')"
fi
mv docs/glossary.en.md "$LOGS/"; rm -rf site
"$ZI" build --clean --strict -f mkdocs.i18n.yml > "$LOGS/i18n_missing.log" 2>&1; rc=$?; mv "$LOGS/glossary.en.md" docs/
[ $rc != 0 ] && row PASS "zensical-i18n: missing translation fails --strict" "rc=$rc, only through links to it: $(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/i18n_missing.log" | grep -c 'Warning: page does not exist') x 'page does not exist'; $(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/i18n_missing.log" | grep -ci 'translation\|fallback') lines name the missing translation" \
  || row FAIL "zensical-i18n: missing translation fails" "rc=0 with fallback_to_default: false; en/glossary: $(ls site/en/glossary/index.html 2>/dev/null || echo absent)"

python3 - "$WORK" "$WORK-en" en <<'EOF'
"""FastAPI-style staging: one plain Zensical project per language (NAME.en.md -> NAME.md)."""
import re, shutil, sys, yaml
from pathlib import Path
root, out, locale = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(root, out, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache", ".zensical-i18n"))
for page in (out / "docs").rglob("*.md"):
    parts = page.name.split(".")
    if len(parts) == 3:
        page.replace(page.with_name(parts[0] + ".md")) if parts[1] == locale else page.unlink()
text = (out / "mkdocs.yml").read_text()
class Loader(yaml.SafeLoader): pass
Loader.add_multi_constructor("", lambda loader, suffix, node: None)
config = yaml.load(text, Loader=Loader)
lang = next(l for p in config["plugins"] if isinstance(p, dict) and "i18n" in p for l in p["i18n"]["languages"] if l["locale"] == locale)
names = lang.get("nav_translations", {})
def tr(items):
    return [{names.get(k, k): (tr(v) if isinstance(v, list) else v) for k, v in i.items()} if isinstance(i, dict) else i for i in items]
nav = yaml.safe_dump({"nav": tr(config["nav"])}, allow_unicode=True, sort_keys=False)
text = re.sub(r"^nav:\n(?:[ ]+.*\n)+", lambda m: nav, text, count=1, flags=re.M)
text = text.replace("  language: ko\n", f"  language: {locale}\n", 1)
text = re.sub(r"^site_url: (\S+)$", rf"site_url: \g<1>{locale}/", text, count=1, flags=re.M)
for key in ("site_description", "copyright"):
    if key in lang:
        text = re.sub(rf"^{key}: .*$", lambda m: f"{key}: {lang[key]}", text, count=1, flags=re.M)
toggles = iter(p["toggle"]["name"] for p in lang.get("theme", {}).get("palette", []))
text = re.sub(r"(^\s+name: )(어두운 화면으로 전환|밝은 화면으로 전환)$", lambda m: m[1] + next(toggles), text, flags=re.M)
(out / "mkdocs.yml").write_text(text)
EOF
(cd "$WORK-en" && "$Z" build --clean --strict > "$LOGS/stage_en.log" 2>&1); rc=$?
[ $rc = 0 ] && [ -f "$WORK-en/site/deep-learning/index.html" ] && row PASS "one build per language (staged en copy)" "plain zensical build --strict; lang=$(grep -o '<html lang="[a-z]*"' "$WORK-en/site/index.html" | cut -d'"' -f2), nav '$(grep -o '^- [A-Z][a-z]*' "$WORK-en/mkdocs.yml" | head -1 | cut -c3-)', tabs $(count '">Source<' "$WORK-en/site/deep-learning/index.html"); no switcher unless extra.alternate" \
  || row FAIL "one build per language (staged en copy)" "rc=$rc $(errline "$LOGS/stage_en.log" Error)"

# --- 5. search (Zensical's own), Korean -------------------------------------------------------
# Needs the last zensical-i18n build in $WORK/site: rebuild it (the missing-translation test replaced it).
rm -rf site; "$ZI" build --clean -f mkdocs.i18n.yml > "$LOGS/i18n_final.log" 2>&1
if [ "${SKIP_BROWSER:-0}" != 1 ] && command -v chromium > /dev/null; then
  [ -x "$BROWSER_VENV/bin/python" ] || { python3 -m venv "$BROWSER_VENV" && "$BROWSER_VENV/bin/pip" install -q playwright 2>&1 | grep -v Location >&2; }
  (cd site && exec python3 -m http.server "$PORT" --bind 127.0.0.1 > "$LOGS/http.log" 2>&1) & srv=$!
  sleep 1
  "$BROWSER_VENV/bin/python" - "http://127.0.0.1:$PORT/" > "$LOGS/search.json" 2> "$LOGS/search.err" <<'EOF'
import json, sys
from playwright.sync_api import sync_playwright
base, out, external = sys.argv[1], {}, set()
JS = r"""() => { let t = ""; const walk = (x) => { if (x.shadowRoot) t += x.shadowRoot.textContent; x.childNodes.forEach(walk); };
  walk(document.body); const m = t.match(/(\d+) results?/); return m ? Number(m[1]) : (/no results/i.test(t) ? 0 : -1); }"""
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    pg = b.new_page()
    pg.on("request", lambda r: external.add(r.url) if not r.url.startswith((base, "data:")) else None)
    for path, queries in (("", ["엔트로피", "엔트", "트로피", "소프트맥스"]), ("en/", ["entropy", "entro"])):
        for q in queries:
            pg.goto(base + path + "deep-learning/", wait_until="networkidle")
            pg.click(".md-search__button"); pg.wait_for_timeout(400); pg.keyboard.type(q); pg.wait_for_timeout(1500)
            out[path + q] = pg.evaluate(JS)
    b.close()
out["external_requests"] = sorted(external)
print(json.dumps(out, ensure_ascii=False))
EOF
  kill "$srv" 2> /dev/null; wait "$srv" 2> /dev/null
  s=$(cat "$LOGS/search.json" 2>/dev/null)
  ko=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("엔트로피",-1))' "$LOGS/search.json" 2>/dev/null || echo -1)
  [ "${ko:--1}" -gt 0 ] && row PASS "Zensical search indexes Korean (per language)" "results: $s" \
    || row FAIL "Zensical search indexes Korean (per language)" "results: ${s:-probe failed, see $LOGS/search.err}"
else
  row SKIP "Zensical search indexes Korean" "no chromium or SKIP_BROWSER=1"
fi

echo
echo "Repo $REPO at $COMMIT; versions ($(date +%F)):"; sed 's/^/  /' "$LOGS/versions.txt"
echo
printf '%-4s | %-44s | %s\n' RES ITEM DETAIL
printf -- '-----+----------------------------------------------+-----------------------------------------\n'
printf '%s\n' "${RESULTS[@]}"
echo "logs: $LOGS   scratch: $WORK   venv: $VENV"
