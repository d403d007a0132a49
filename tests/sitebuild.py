"""Build, list and serve the site: shared by tests/site, tests/browser and benchmarks/.

The tests look at the *built* site the way a reader's browser does, so everything here works on
whatever pages exist: the page list comes from mkdocs.yml's nav (or docs/*.md when there is no nav)
and is checked against the built output, never hard-coded.

    build_site(dest, lang=None)   run `.venv/bin/mkdocs build --strict -d dest` from the repo root
    shared_site()                 one strict build per process, reused by every test that needs one
    expected_pages()              every page of the site in every language, in nav order
    serve(site_dir)               the built site on http://127.0.0.1:<free port>/<site_url path>/
    chromium_path()               $CHROMIUM_PATH or Debian's /usr/bin/chromium (fails loudly if absent)
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_YML = ROOT / "mkdocs.yml"

# Flags every headless launch uses on this machine (and in CI): no sandbox inside containers,
# and nothing that phones home, so a stray network request can only come from the page itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BuildError(RuntimeError):
    """`mkdocs build --strict` failed; the message carries the tail of its log."""


def _mkdocs_command() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "mkdocs"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "mkdocs"]


def build_env(lang: str | None = None) -> dict[str, str]:
    """The environment for a build: quiet about MkDocs 2, one language only if `lang` is given."""
    env = os.environ.copy()
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.pop("XENTDOCS_LANG", None)
    if lang:
        env["XENTDOCS_LANG"] = lang
    return env


def build_site(dest, lang: str | None = None, *, timeout: float = 900) -> Path:
    """Build the whole site strictly into `dest` and return that path.

    Parameters
    ----------
    dest : path-like
        Output directory (created or emptied by MkDocs).
    lang : str, optional
        Build only this locale (``XENTDOCS_LANG``, mkdocs.yml's ``build_only_locale``).

    Raises
    ------
    BuildError
        When the build exits non-zero (a warning under ``--strict`` included); the message ends
        with the last lines of MkDocs' log so a test failure shows the cause.
    """
    dest = Path(dest).resolve()
    cmd = [*_mkdocs_command(), "build", "--strict", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=build_env(lang), capture_output=True, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        log = (proc.stdout + proc.stderr).strip().splitlines()
        tail = "\n".join(log[-60:])
        raise BuildError(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n{tail}")
    return dest


@dataclass
class SharedBuild:
    path: Path
    seconds: float


@functools.cache
def _shared_build() -> SharedBuild | BuildError:
    preset = os.environ.get("XENTDOCS_SITE_DIR")
    if preset:
        # Developer shortcut: reuse a site built beforehand (never set in CI).
        return SharedBuild(Path(preset).resolve(), 0.0)
    tmp = Path(tempfile.mkdtemp(prefix="xentdocs-site-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    start = time.perf_counter()
    try:
        path = build_site(tmp / "site")
    except BuildError as exc:
        return exc  # cached too: a broken site is reported by every test, built once
    return SharedBuild(path, time.perf_counter() - start)


def _shared() -> SharedBuild:
    result = _shared_build()
    if isinstance(result, BuildError):
        raise result
    return result


def shared_site() -> Path:
    """The site built once per process (strict, both languages), in a temporary directory."""
    return _shared().path


def shared_site_seconds() -> float:
    return _shared().seconds


# --------------------------------------------------------------------------- configuration

class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing anything: `!ENV [NAME, default]` gives its default
    (or the variable's value), every other tag (e.g. !!python/object/apply) gives None."""


def _env_tag(loader, node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
    else:
        items = [loader.construct_scalar(node)]
    names = items[:-1] if len(items) > 1 else items
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return items[-1] if len(items) > 1 else None


def _any_tag(loader, suffix, node):
    return None


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@functools.cache
def mkdocs_config() -> dict:
    """mkdocs.yml as plain data (see _TolerantLoader)."""
    with open(MKDOCS_YML, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_TolerantLoader) or {}


def site_url() -> str:
    """mkdocs.yml's site_url with a trailing slash ('' if unset)."""
    url = mkdocs_config().get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"


def base_path() -> str:
    """The URL path the site lives under on GitHub Pages ('/xentdocs/'), '/' without site_url."""
    path = urlsplit(site_url()).path or "/"
    return path if path.endswith("/") else path + "/"


def _i18n_config() -> dict:
    for plugin in mkdocs_config().get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
    return {}


def languages() -> list[tuple[str, str]]:
    """[(locale, url prefix)] for every built language: the default at '', the others at 'xx/'."""
    langs = []
    for entry in _i18n_config().get("languages") or []:
        if entry.get("build", True) is False:
            continue
        prefix = "" if entry.get("default") else f"{entry['locale']}/"
        langs.append((entry["locale"], prefix))
    if not langs:
        theme = mkdocs_config().get("theme") or {}
        langs = [(theme.get("language", "en") if isinstance(theme, dict) else "en", "")]
    langs.sort(key=lambda lp: lp[1] != "")  # default language first
    return langs


def _nav_files(nav) -> list[str]:
    files = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            files.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            files.extend(_nav_files(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            files.extend(_nav_files(value))
    return files


def page_stems() -> list[str]:
    """Page stems in nav order ('index', 'information-theory', ...); docs/*.md if there is no nav."""
    nav = mkdocs_config().get("nav")
    if nav:
        files = _nav_files(nav)
    else:
        locales = {loc for loc, _ in languages()}
        files = sorted(p.name for p in (ROOT / "docs").glob("*.md")
                       if not (len(p.suffixes) > 1 and p.suffixes[-2].lstrip(".") in locales))
        files.sort(key=lambda f: f != "index.md")
    stems = []
    for f in files:
        stem = f[:-3]
        if stem not in stems:
            stems.append(stem)
    return stems


@dataclass(frozen=True)
class Page:
    lang: str     # locale, e.g. 'ko'
    stem: str     # docs file stem, e.g. 'information-theory' or 'index'
    prefix: str   # language prefix in the site, '' or 'en/'

    @property
    def path(self) -> str:
        """URL path relative to the site root, e.g. 'en/glossary/' ('' for the Korean home)."""
        if self.stem == "index":
            return self.prefix
        if self.stem.endswith("/index"):
            return f"{self.prefix}{self.stem[:-5]}"
        return f"{self.prefix}{self.stem}/"

    @property
    def file(self) -> str:
        """Output file relative to the site directory."""
        return f"{self.path}index.html"

    @property
    def id(self) -> str:
        return f"{self.lang}/{self.stem}"

    def __str__(self) -> str:
        return self.id


def expected_pages() -> list[Page]:
    """Every page in every language (default language first, nav order within a language)."""
    return [Page(lang, stem, prefix) for lang, prefix in languages() for stem in page_stems()]


def built_pages(site_dir) -> set[str]:
    """Every page's index.html in a built site (site-relative), assets and search excluded."""
    site_dir = Path(site_dir)
    found = set()
    for html in site_dir.rglob("index.html"):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/") or "/assets/" in rel or rel.split("/")[-2:-1] == ["search"]:
            continue
        found.add(rel)
    return found


# --------------------------------------------------------------------------- browser

def chromium_path() -> str:
    """The browser the tests drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium.

    Fails with an actionable message instead of letting anything skip."""
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise RuntimeError(
            f"No Chromium at {path!r}. Install Debian's chromium package "
            "(`sudo apt-get install chromium fonts-nanum`, or `bash .ci/setup --browser`), "
            "or point CHROMIUM_PATH at a Chrome/Chromium binary. "
            "`npx playwright install` is not used by this project.")
    return path


# --------------------------------------------------------------------------- server

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its GitHub Pages base path; anything else is a 404 with the site's
    404 page, as GitHub Pages does. Keeps a log of (path, status) for the caller."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    # Keep-alive, as GitHub Pages serves (over HTTP/2 there): a browser reuses its connections
    # instead of opening one per file, and Lighthouse's simulation of a slow phone network models
    # the connections it saw. Every response carries a Content-Length, which keep-alive needs.
    protocol_version = "HTTP/1.1"
    site_base = "/"
    requests_log: list

    def log_message(self, format, *args):  # noqa: A002 - silence stderr noise
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser closed the tab mid-transfer; nothing to report

    def send_response(self, code, message=None):
        self.requests_log.append((self.path, code))
        super().send_response(code, message)

    def translate_path(self, path):
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.site_base) and clean + "/" != self.site_base:
            return os.path.join(self.directory, "__outside_the_site_base__", "404")  # never exists
        rel = clean[len(self.site_base):] if clean.startswith(self.site_base) else ""
        return super().translate_path("/" + rel)

    # GitHub Pages compresses text; with `gzip_text=True` this server does the same for clients that
    # accept it, so that page-weight measurements (Lighthouse) see what readers download.
    gzip_text = False
    _GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def do_GET(self):
        if self.gzip_text and "gzip" in self.headers.get("Accept-Encoding", ""):
            path = self.translate_path(self.path)
            if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
                path = os.path.join(path, "index.html")
            if path.endswith(self._GZIP_TYPES) and os.path.isfile(path):
                body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class SiteServer:
    def __init__(self, httpd, thread, url, log):
        self.httpd, self.thread, self.url, self.log = httpd, thread, url, log

    @property
    def origin(self) -> str:
        s = urlsplit(self.url)
        return f"{s.scheme}://{s.netloc}"

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc

    def page_url(self, page: Page) -> str:
        return self.url + page.path


@contextlib.contextmanager
def serve(site_dir, base: str | None = None, gzip_text: bool = False):
    """Serve `site_dir` on 127.0.0.1 at a free port under `base` (default: site_url's path).

    Yields a SiteServer whose .url is the site root, e.g. http://127.0.0.1:40123/xentdocs/."""
    base = base or base_path()
    log: list = []
    handler = type("Handler", (_SiteHandler,), {"site_base": base, "requests_log": log, "gzip_text": gzip_text})
    handler = functools.partial(handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    port = httpd.server_address[1]
    try:
        yield SiteServer(httpd, thread, f"http://127.0.0.1:{port}{base}", log)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


HANGUL = re.compile("[\uac00-\ud7a3]")
