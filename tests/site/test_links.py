"""Links and anchors of the built site (issue 5, "Links and build hygiene").

Crawls every HTML file of the strict build (both languages, 404 pages included): every internal
href/src (and every in-page SVG reference such as clip-path="url(#...)") must name a file that
exists and, when it has a #fragment, an id that exists in that file. Links are resolved as the
browser would on GitHub Pages (against site_url), so a root-relative link that escapes the project
path is caught too. Also checked: url(...) in the site's CSS (self-hosted fonts), sitemap <loc>
entries and search-index locations. External links are listed in the output and syntax-checked,
never fetched.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for sitebuild
import sitebuild  # noqa: E402

pytestmark = pytest.mark.build

SITE_URL = sitebuild.site_url() or "http://site.invalid/"
_BASE = urlsplit(SITE_URL)

# attributes that point somewhere: (tag or '*', attribute)
URL_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("iframe", "src"), ("source", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"),
    ("track", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
    ("use", "href"), ("use", "xlink:href"), ("image", "href"), ("image", "xlink:href"),
    ("feimage", "href"), ("textpath", "href"), ("textpath", "xlink:href"),
}
SRCSET_TAGS = {"img", "source"}
# SVG presentation attributes that may hold url(#id)
FUNC_IRI_ATTRS = {"clip-path", "mask", "filter", "fill", "stroke", "marker-start", "marker-mid",
                  "marker-end", "style"}
FUNC_IRI = re.compile(r"url\(\s*['\"]?(#[^'\")\s]+)['\"]?\s*\)")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.refs: list[tuple[str, str, str]] = []  # (tag, attr, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.append(value)
            if (tag, name) in URL_ATTRS:
                self.refs.append((tag, name, value))
            elif name == "srcset" and tag in SRCSET_TAGS:
                for part in value.split(","):
                    if part.strip():
                        self.refs.append((tag, name, part.strip().split()[0]))
            elif name in FUNC_IRI_ATTRS:
                for m in FUNC_IRI.finditer(value):
                    self.refs.append((tag, name, m.group(1)))

    handle_startendtag = handle_starttag


class Site:
    """The parsed built site: ids per HTML file and every reference found."""

    def __init__(self, root: Path):
        self.root = root
        self.ids: dict[str, list[str]] = {}
        self.refs: dict[str, list[tuple[str, str, str]]] = {}
        for html in sorted(root.rglob("*.html")):
            rel = html.relative_to(root).as_posix()
            p = _Parser()
            p.feed(html.read_text(encoding="utf-8"))
            self.ids[rel] = p.ids
            self.refs[rel] = p.refs

    def page_url(self, rel: str) -> str:
        """The URL a file is served at on GitHub Pages (directory URLs for index.html)."""
        if rel == "index.html":
            return SITE_URL
        if rel.endswith("/index.html"):
            return SITE_URL + rel[: -len("index.html")]
        return SITE_URL + rel

    def local_file(self, url: str) -> str | None:
        """Site-relative file for an internal URL (None when it names nothing in the site)."""
        path = unquote(urlsplit(url).path)
        rel = path[len(_BASE.path):] if path.startswith(_BASE.path) else None
        if rel is None:
            return None
        target = self.root / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            index = (target / "index.html")
            return index.relative_to(self.root).as_posix() if index.is_file() else None
        return rel if target.is_file() else None

    def is_internal(self, url: str) -> bool:
        s = urlsplit(url)
        return (s.scheme, s.netloc) == (_BASE.scheme, _BASE.netloc) and s.path.startswith(_BASE.path)


@pytest.fixture(scope="module")
def crawl() -> Site:
    try:
        return Site(sitebuild.shared_site())
    except sitebuild.BuildError as exc:
        error = str(exc)
    pytest.fail(f"the site does not build:\n{error}", pytrace=False)


def _check_ref(site: Site, page: str, value: str, external: dict, problems: list):
    value = value.strip()
    if not value or value.startswith(("data:", "blob:", "javascript:")):
        return
    absolute = urljoin(site.page_url(page), value)
    parts = urlsplit(absolute)
    if parts.scheme in ("mailto", "tel"):
        external[absolute].add(page)
        return
    if not site.is_internal(absolute):
        own_host = (parts.scheme, parts.netloc) == (_BASE.scheme, _BASE.netloc)
        if own_host and not urlsplit(value).netloc:
            problems.append(f"{page}: {value!r} leaves the site's path {_BASE.path} -> {absolute}")
        else:
            external[absolute].add(page)
        return
    target = site.local_file(absolute)
    if target is None:
        problems.append(f"{page}: {value!r} -> {parts.path} does not exist")
        return
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in set(site.ids.get(target, [])):
        problems.append(f"{page}: {value!r} -> no id {fragment!r} in {target}")


def test_internal_links_and_anchors_resolve(crawl):
    site = crawl
    problems: list[str] = []
    external: dict = defaultdict(set)
    checked = 0
    for page, refs in site.refs.items():
        for _tag, _attr, value in refs:
            _check_ref(site, page, value, external, problems)
            checked += 1
    assert checked > 0, "no links found at all: is the site empty?"
    assert not problems, f"{len(problems)} broken internal link(s)/anchor(s):\n" + "\n".join(problems[:80])


def test_every_page_language_is_crawled(crawl):
    site = crawl
    # the crawl covers both languages, including each language's 404 page
    for page in sitebuild.expected_pages():
        assert page.file in site.ids, f"{page.file} missing from the built site"
    for _lang, prefix in sitebuild.languages():
        assert f"{prefix}404.html" in site.ids, f"no {prefix}404.html"


def test_ids_are_unique_per_page(crawl):
    site = crawl
    """An anchor must name one element: duplicated ids (e.g. two inline SVG figures both using
    matplotlib's 'figure_1', 'patch_1', clip-path ids) make links and url(#...) ambiguous."""
    problems = []
    for page, ids in site.ids.items():
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        if dupes:
            problems.append(f"{page}: {len(dupes)} duplicated id(s): {dupes[:12]}")
    assert not problems, "\n".join(problems)


def test_css_urls_resolve(crawl):
    site = crawl
    """Fonts and images referenced from the site's stylesheets (KaTeX fonts!) are shipped."""
    problems = []
    for css in sorted(site.root.rglob("*.css")):
        rel = css.relative_to(site.root).as_posix()
        for m in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            ref = m.group(1).strip()
            if ref.startswith(("data:", "#")):
                continue
            absolute = urljoin(SITE_URL + rel, ref)
            if not site.is_internal(absolute):
                problems.append(f"{rel}: url({ref}) points outside the site: {absolute}")
            elif site.local_file(absolute) is None:
                problems.append(f"{rel}: url({ref}) -> missing file")
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_sitemaps_point_at_built_pages(crawl):
    site = crawl
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemaps = sorted(site.root.rglob("sitemap.xml"))
    assert sitemaps, "no sitemap.xml in the build"
    problems = []
    for sm in sitemaps:
        rel = sm.relative_to(site.root).as_posix()
        root = ET.parse(sm).getroot()
        urls = [e.text.strip() for e in root.iterfind(".//s:loc", ns) if e.text]
        urls += [e.get("href") for e in root.iterfind(".//x:link", ns) if e.get("href")]
        for url in urls:
            if not site.is_internal(url) or site.local_file(url) is None:
                problems.append(f"{rel}: {url} is not a page of this site")
    assert not problems, "\n".join(problems[:60])


def test_search_index_locations_resolve(crawl):
    site = crawl
    indexes = sorted(site.root.rglob("search_index.json"))
    assert indexes, "no search/search_index.json in the build"
    problems = []
    for index in indexes:
        base_rel = index.parent.parent.relative_to(site.root).as_posix()
        base_url = SITE_URL + ("" if base_rel == "." else base_rel + "/")
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        for doc in docs:
            url = urljoin(base_url, doc.get("location", ""))
            target = site.local_file(url)
            fragment = unquote(urlsplit(url).fragment)
            if target is None:
                problems.append(f"{index.relative_to(site.root)}: {doc.get('location')!r} does not exist")
            elif fragment and fragment not in set(site.ids.get(target, [])):
                problems.append(f"{index.relative_to(site.root)}: {doc.get('location')!r}: no such id in {target}")
    assert not problems, "\n".join(problems[:60])


def _url_syntax_problem(url: str) -> str | None:
    s = urlsplit(url)
    if s.scheme == "mailto":
        return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", s.path) else "malformed mailto"
    if s.scheme == "tel":
        return None
    if s.scheme not in ("http", "https"):
        return f"scheme {s.scheme!r} is not http/https"
    if not s.netloc or not s.hostname:
        return "no host"
    if any(c.isspace() for c in url):
        return "contains whitespace"
    try:
        s.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        return str(exc)
    if not re.fullmatch(r"[A-Za-z0-9.-]+", s.hostname) or ".." in s.hostname:
        return f"odd host name {s.hostname!r}"
    return None


def test_external_links_are_listed_and_well_formed(crawl, capsys):
    site = crawl
    external: dict = defaultdict(set)
    for page, refs in site.refs.items():
        for _tag, _attr, value in refs:
            _check_ref(site, page, value, external, [])
    lines = [f"external links in the built site ({len(external)}, not fetched):"]
    for url in sorted(external):
        pages = sorted(external[url])
        lines.append(f"  {url}  <- {pages[0]}" + (f" (+{len(pages) - 1} more)" if len(pages) > 1 else ""))
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    bad = [f"{url}: {why}" for url in sorted(external) if (why := _url_syntax_problem(url))]
    assert not bad, "malformed external links:\n" + "\n".join(bad)


def test_the_checker_catches_broken_links(tmp_path):
    """The crawler itself: a missing file, a missing anchor and a root-relative link that escapes
    the project path are each reported; a good link and a good anchor are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a><a href="a/#gone">anchor</a><a href="b/">file</a>'
        '<a href="/assets/x.css">escape</a><a href="https://example.org/x">ext</a>'
        '<svg><g clip-path="url(#nowhere)"></g></svg>', encoding="utf-8")
    fake = Site(tmp_path)
    problems: list[str] = []
    external: dict = defaultdict(set)
    for page, refs in fake.refs.items():
        for _tag, _attr, value in refs:
            _check_ref(fake, page, value, external, problems)
    text = "\n".join(problems)
    assert "no id 'gone'" in text and "b/" in text and "/assets/x.css" in text and "nowhere" in text
    assert "'a/#here'" not in text
    assert len(problems) == 4, text
    assert set(external) == {"https://example.org/x"}
    assert _url_syntax_problem("https://example.org/x") is None
    assert _url_syntax_problem("ftp://example.org/") and _url_syntax_problem("https:///nohost")
