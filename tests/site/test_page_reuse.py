"""docs/hooks/page_reuse.py: a `mkdocs serve` rebuild converts only the pages whose inputs changed.

Each test runs a sequence of strict builds in ONE fresh interpreter, as `mkdocs serve` does (the
driver below calls the hooks' ``on_startup("serve")``, then ``build()`` once per step), editing files
between the builds. The driver counts the pages MkDocs really converts (it wraps ``Page.render``
before the hook does, so a reused page is not counted) and collects the warnings of each build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import sitebuild
from minisite import ROOT
from test_reproducible import compare

pytestmark = pytest.mark.build

DRIVER = textwrap.dedent("""
    import json, logging, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.structure.pages import Page

    config_file, plan, command = sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")), sys.argv[3]
    converted = []
    render = Page.render
    def counting_render(page, config, files):
        converted.append(page.file.src_uri)
        return render(page, config, files)
    Page.render = counting_render  # wrapped by the hook, so only real conversions reach it

    class Collect(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.messages = []
        def emit(self, record):
            self.messages.append(record.getMessage())
    collect = Collect()
    logging.getLogger("mkdocs").addHandler(collect)

    results = []
    for number, step in enumerate(plan):
        for edit in step.get("edits", []):
            path = Path(edit["path"])
            text = path.read_text(encoding="utf-8")
            assert edit["old"] in text, (path, edit["old"])
            path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
        for path in step.get("remove", []):
            Path(path).unlink()
        converted.clear()
        collect.messages.clear()
        config = load_config(config_file, site_dir=step["site_dir"], strict=True)
        if number == 0:
            config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
            ok = True
        except Abort:
            ok = False
        results.append({"converted": sorted(converted), "warnings": list(collect.messages), "ok": ok})
    config.plugins.on_shutdown()
    print("RESULTS " + json.dumps(results))
""")


def builds_in_one_process(project: Path, config: Path, steps: list[dict], tmp_path: Path, command: str = "serve") -> list[dict]:
    """Run the steps (edits, then a build into step["site_dir"]) in one interpreter."""
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(steps), encoding="utf-8")
    env = sitebuild.build_env()
    # the project's own directory first: a test's copy of the library is the one executed code imports
    env["PYTHONPATH"] = os.pathsep.join([str(project), str(ROOT)])
    process = subprocess.run([sys.executable, "-c", DRIVER, str(config), str(plan), command], cwd=project, env=env,
                             capture_output=True, text=True, timeout=900)
    lines = [line for line in process.stdout.splitlines() if line.startswith("RESULTS ")]
    assert process.returncode == 0 and lines, (process.stdout + process.stderr)[-4000:]
    return json.loads(lines[-1][len("RESULTS "):])


def edit(path: Path, old: str, new: str) -> dict:
    return {"path": str(path), "old": old, "new": new}


@pytest.fixture
def project(mini_site):
    """Three pages in two languages: a link to an anchor, an executed snippet, a Markdown snippet.
    The library is a copy, so a test may edit it."""
    library = mini_site.root / "xentdocs"
    library.unlink()
    shutil.copytree(ROOT / "xentdocs", library, ignore=shutil.ignore_patterns("__pycache__"))
    mini_site.write("index.md", "# 홈\n\n[목표 절](second.md#target)로 갑니다.\n")
    mini_site.write("index.en.md", "# Home\n\nGo to [the target](second.md#target).\n")
    mini_site.write("snippets/run.py", "import xentdocs\nprint('entropy of a coin:', float(xentdocs.entropy([0.5, 0.5])))\n")
    block = '```python exec="1"\n--8<-- "snippets/run.py"\n```\n'
    mini_site.page("second", f"# 둘째\n\n## 목표 {{#target}}\n\n{block}", f"# Second\n\n## Target {{#target}}\n\n{block}")
    mini_site.write("snippets/note.md", "A shared note.\n")
    mini_site.page("third", '# 셋째\n\n--8<-- "snippets/note.md"\n', '# Third\n\n--8<-- "snippets/note.md"\n')
    return mini_site


ALL = ["index.en.md", "index.md", "second.en.md", "second.md", "third.en.md", "third.md"]


def test_only_pages_whose_inputs_changed_are_converted_again(project, tmp_path):
    docs, config = project.docs, project.config()
    steps = [
        {"site_dir": str(tmp_path / "s0")},
        {"site_dir": str(tmp_path / "s1")},
        {"site_dir": str(tmp_path / "s2"), "edits": [edit(docs / "index.md", "갑니다.", "갑니다. 고친 문장입니다.")]},
        {"site_dir": str(tmp_path / "s3"), "edits": [edit(docs / "snippets" / "note.md", "shared", "edited shared")]},
        {"site_dir": str(tmp_path / "s4"), "edits": [edit(project.root / "xentdocs" / "information.py", "import numpy as np",
                                                          "import numpy as np  # edited")]},
        {"site_dir": str(tmp_path / "s5"), "edits": [edit(docs / "snippets" / "run.py", "a coin:", "a fair coin:")]},
        {"site_dir": str(tmp_path / "s6"), "edits": [edit(config, "INHERIT:", "extra:\n  edited: true\nINHERIT:")]},
    ]
    results = builds_in_one_process(project.root, config, steps, tmp_path)
    assert all(r["ok"] and not r["warnings"] for r in results), results
    converted = [r["converted"] for r in results]
    assert converted[0] == ALL
    assert converted[1] == [], "nothing changed: every page is reused"
    assert converted[2] == ["index.md"], "an edited page, and only that one"
    assert converted[3] == ["third.en.md", "third.md"], "the pages that include the edited snippet"
    assert converted[4] == ALL, "an edited library file: every page (executed code and API docs read it)"
    assert converted[5] == ["second.en.md", "second.md"], "the pages that execute the edited snippet"
    assert converted[6] == ALL, "an edited config: every page"
    # the edits are in the output, the reused pages are what a cold build writes
    assert "고친 문장입니다" in (tmp_path / "s2" / "index.html").read_text(encoding="utf-8")
    assert "edited shared" in (tmp_path / "s3" / "en" / "third" / "index.html").read_text(encoding="utf-8")
    assert "a fair coin:" in (tmp_path / "s5" / "en" / "second" / "index.html").read_text(encoding="utf-8")
    cold = project.build(lang=None, site_dir="cold")
    assert cold.returncode == 0, cold.output[-3000:]
    # s5 reused index and third, s6 converted everything: both are what a cold build writes
    for warm in ("s5", "s6"):
        assert compare(tmp_path / warm, cold.site_dir) == [], f"{warm} differs from a cold build"


def test_a_broken_anchor_is_reported_on_every_build_while_it_lasts(project, tmp_path):
    second = project.docs / "second.md"
    warning = "contains a link 'second.md#target', but the doc 'second.md' does not contain an anchor '#target'"
    steps = [
        {"site_dir": str(tmp_path / "s0")},
        {"site_dir": str(tmp_path / "s1"), "edits": [edit(second, "{#target}", "{#moved}")]},
        {"site_dir": str(tmp_path / "s2")},
        {"site_dir": str(tmp_path / "s3"), "edits": [edit(second, "{#moved}", "{#target}")]},
    ]
    results = builds_in_one_process(project.root, project.config(), steps, tmp_path)
    assert results[0]["ok"]
    for broken in results[1:3]:
        assert not broken["ok"], "the strict build must fail while the anchor is missing"
        assert any(warning in message for message in broken["warnings"]), broken["warnings"]
        assert "index.md" not in broken["converted"], "the linking page is reused, and still checked"
    assert results[3]["ok"] and results[3]["warnings"] == []


def test_a_link_to_a_removed_page_is_reported(project, tmp_path):
    # The linking page's Markdown did not change; the set of files it links into did.
    steps = [{"site_dir": str(tmp_path / "s0")},
             {"site_dir": str(tmp_path / "s1"), "remove": [str(project.docs / "second.md"), str(project.docs / "second.en.md")]}]
    results = builds_in_one_process(project.root, project.config(), steps, tmp_path)
    assert results[0]["ok"] and not results[1]["ok"]
    assert any("Doc file 'index.md' contains a link 'second.md#target', but the target 'second.md' is not found" in message
               for message in results[1]["warnings"]), results[1]["warnings"]


def test_a_page_whose_conversion_warned_is_converted_again(project, tmp_path):
    project.page("fourth", "# 넷째\n\n[없는 페이지](no-such-page.md)\n", "# Fourth\n")
    steps = [{"site_dir": str(tmp_path / "s0")}, {"site_dir": str(tmp_path / "s1")}]
    results = builds_in_one_process(project.root, project.config(), steps, tmp_path)
    for result in results:
        assert not result["ok"] and any("no-such-page.md" in message for message in result["warnings"]), result
    assert results[1]["converted"] == ["fourth.md"]


def test_a_reused_page_keeps_its_executed_blocks_cached(mini_site, tmp_path):
    # docs/hooks/exec_cache.py drops the outputs a build did not use; a reused page uses its blocks.
    counter = tmp_path / "runs.txt"
    mini_site.write("snippets/count.py", f"from pathlib import Path\nruns = Path({str(counter)!r})\n"
                                         "runs.write_text(runs.read_text() + 'x' if runs.exists() else 'x')\nprint('ran')\n")
    block = '```python exec="1"\n--8<-- "snippets/count.py"\n```\n'
    mini_site.page("second", f"# 둘째\n\n{block}", f"# Second\n\n{block}")
    config = mini_site.config()
    steps = [{"site_dir": str(tmp_path / "s0")}, {"site_dir": str(tmp_path / "s1")},
             {"site_dir": str(tmp_path / "s2"), "edits": [edit(config, "INHERIT:", "extra:\n  edited: true\nINHERIT:")]}]
    results = builds_in_one_process(mini_site.root, config, steps, tmp_path)
    assert [r["converted"] for r in results] == [["index.en.md", "index.md", "second.en.md", "second.md"], [],
                                                  ["index.en.md", "index.md", "second.en.md", "second.md"]]
    assert counter.read_text() == "x", "the block ran once: its output stayed cached while its page was reused"


def test_warm_rebuild_of_the_site_equals_a_cold_build(site, tmp_path):
    """The real site: mkdocstrings' API pages and inventory, autorefs, KaTeX, search, sitemaps."""
    steps = [{"site_dir": str(tmp_path / "first")}, {"site_dir": str(tmp_path / "warm")}]
    results = builds_in_one_process(ROOT, sitebuild.MKDOCS_YML, steps, tmp_path)
    assert all(r["ok"] and not r["warnings"] for r in results), results
    assert results[1]["converted"] == [], "a rebuild without edits converts nothing"
    problems = compare(site, tmp_path / "warm")
    assert not problems, "warm rebuild differs from the cold build:\n" + "\n".join(problems)


def test_mkdocs_build_converts_every_page(project, tmp_path):
    """Without `serve`, the hook stays out of the way: every build converts every page."""
    steps = [{"site_dir": str(tmp_path / "s0")}, {"site_dir": str(tmp_path / "s1")}]
    results = builds_in_one_process(project.root, project.config(), steps, tmp_path, command="build")
    assert [r["converted"] for r in results] == [ALL, ALL]
