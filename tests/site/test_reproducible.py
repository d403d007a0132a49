"""Two clean builds of the site are byte-identical (issue 5, "Links and build hygiene").

The first build is the one shared with the other tests (sitebuild.shared_site(), a fresh output
directory); the second is another strict build into a new empty directory. The file trees and every
file's sha256 must match. The only allowed difference: sitemap.xml / sitemap.xml.gz, and only in
their <lastmod> dates (MkDocs stamps the build day; the gzip header may carry a time too).
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for sitebuild
import sitebuild  # noqa: E402

pytestmark = pytest.mark.build

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def tree(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under root."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def sitemap_text(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return LASTMOD.sub(b"<lastmod/>", data)


def is_sitemap(rel: str) -> bool:
    return rel.rsplit("/", 1)[-1] in ("sitemap.xml", "sitemap.xml.gz")


def explain(a: Path, b: Path, rel: str) -> str:
    """A short diff of one differing file (text) or its sizes (binary)."""
    x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
    try:
        xs, ys = x.decode("utf-8"), y.decode("utf-8")
    except UnicodeDecodeError:
        return f"  {rel}: binary, {len(x)} vs {len(y)} bytes"
    # long single-line files (minified, inline SVG) diff better split at tags
    split = (lambda s: re.sub(r">\s*<", ">\n<", s).splitlines()) if xs.count("\n") < 50 else str.splitlines
    diff = list(difflib.unified_diff(split(xs), split(ys), "build 1/" + rel, "build 2/" + rel, n=0, lineterm=""))
    shown = [line[:200] for line in diff[:14]]
    return "\n".join(f"  {line}" for line in shown) + (f"\n  ... ({len(diff) - 14} more diff lines)" if len(diff) > 14 else "")


def compare(first: Path, second: Path) -> list[str]:
    a, b = tree(first), tree(second)
    problems = []
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    if only_a:
        problems.append(f"only in build 1: {only_a[:20]}")
    if only_b:
        problems.append(f"only in build 2: {only_b[:20]}")
    differing = sorted(rel for rel in set(a) & set(b) if a[rel] != b[rel])
    for rel in differing:
        if is_sitemap(rel) and sitemap_text(first / rel) == sitemap_text(second / rel):
            continue  # dates only
        problems.append(f"differs: {rel}")
    real = [p[len("differs: "):] for p in problems if p.startswith("differs: ")]
    for rel in real[:3]:
        problems.append(explain(first, second, rel))
    return problems


def test_two_clean_builds_are_identical(tmp_path):
    try:
        # a site preset with XENTDOCS_SITE_DIR may be stale: then build both here
        first = (sitebuild.build_site(tmp_path / "first") if os.environ.get("XENTDOCS_SITE_DIR")
                 else sitebuild.shared_site())
        second = sitebuild.build_site(tmp_path / "second")
    except sitebuild.BuildError as exc:
        error = str(exc)
    else:
        error = None
    if error:
        pytest.fail(f"the site does not build:\n{error}", pytrace=False)
    problems = compare(first, second)
    assert not problems, "two clean builds differ:\n" + "\n".join(problems)


def test_comparison_ignores_sitemap_dates_only(tmp_path):
    """The comparison itself: a changed <lastmod> is allowed, any other change is not."""
    one, two = tmp_path / "one", tmp_path / "two"
    for root, day, text in ((one, b"2026-01-01", b"<svg id='a'/>"), (two, b"2026-01-02", b"<svg id='b'/>")):
        (root / "en").mkdir(parents=True)
        sm = b"<urlset><url><loc>x</loc><lastmod>" + day + b"</lastmod></url></urlset>"
        (root / "sitemap.xml").write_bytes(sm)
        (root / "en" / "sitemap.xml.gz").write_bytes(gzip.compress(sm, mtime=int(day[-1:])))
        (root / "page.html").write_bytes(text)
    problems = compare(one, two)
    assert problems[0] == "differs: page.html" and len([p for p in problems if p.startswith("differs")]) == 1
