"""What the search index reads: text as a reader would type it.

Material's search plugin indexes each page's HTML at its ``page_context`` event. Two things in that
HTML are not text a reader types or wants to see in a result:

* a KaTeX formula is there three times (MathML, its TeX annotation, glyph-by-glyph HTML), so a result
  read "어떤 QQQ를 가져와도"; a figure is hundreds of tick labels. Just around the search plugin's step
  (``show_search_copy`` before it, ``show_page_again`` after it, both public MkDocs events), the
  plugin is shown a copy of the page in which each formula is its TeX source and each figure its
  title. The page itself is left unchanged.
* Korean readers join words the pages write apart (교차엔트로피, 손실함수) and use other names
  (크로스 엔트로피, 가능도, CE, logsumexp). Lunr matches whole words and prefixes, so such a query
  found nothing. The glossary is the single source of those names: each entry's "다른 표기" /
  "Also written" list, plus every spaced Korean term written without its spaces. After the build,
  ``add_reader_terms`` gives them to the index entries of the sections that teach the term (the
  entry's links after "→"; a link to a page means its sections whose title names the term, or its
  top): the glossary's names as the entry's ``tags`` (Material's index field for them, ranked
  above title and text, shown with the result), the unspaced forms as text. Only there: a query
  for a term then ranks the teaching section ahead of every page that merely mentions it, and the
  glossary (which shows the names) does not crowd it out.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import site_math

FORMULA = re.compile(r'<(?P<tag>span|div) class="arithmatex(?: katex-block)?"[^>]*>')
TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.DOTALL)
FIGURE = re.compile(r'<svg\b[^>]*\brole="img".*?</svg>', re.DOTALL)
FIGURE_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
ROW = re.compile(r"^\|\s*\*\*(?P<term>[^*]+)\*\*\{#(?P<id>[\w-]+)\}(?P<rest>.*)$", re.MULTILINE)
ALSO = re.compile(r"(?:다른 표기|Also written):\s*(?P<names>[^.|→]+)")
HANGUL = re.compile(r"[\uac00-\ud7af]")
HANGUL_WORDS = re.compile(r"[\uac00-\ud7af][\uac00-\ud7af\s()-]*")


def searchable(content: str) -> str:
    """A page's HTML with each formula as its TeX and each figure as its title.

    >>> searchable('<p>If <span class="arithmatex"><span class="katex"><math><annotation '
    ...            'encoding="application/x-tex">Q = P</annotation></math><span>Q</span></span></span>.</p>')
    '<p>If Q = P.</p>'
    >>> searchable('<svg role="img"><title>Loss &amp; accuracy</title><text>0.5</text></svg>')
    'Loss &amp; accuracy'
    """
    out, position = [], 0
    for match in FORMULA.finditer(content):
        if match.start() < position:
            continue
        end = site_math.element_end(content, match.start(), match["tag"])
        tex = TEX.search(content, match.start(), end)
        out += [content[position:match.start()], tex[1].strip() if tex else ""]
        position = end
    out.append(content[position:])
    return FIGURE.sub(lambda m: (FIGURE_TITLE.search(m[0]) or [None, ""])[1], "".join(out))


def glossary_names(markdown: str, hangul: bool = True) -> list[tuple[list[str], list[str]]]:
    """For each glossary entry: (its names, the sections that teach it). The names are its term, its
    other-language name, any name in parentheses and its other names. Without ``hangul`` (the
    English index), no Korean name.

    >>> glossary_names("| **교차 엔트로피**{#cross-entropy}<br>cross entropy | 뜻. 다른 표기: 크로스 엔트로피, CE. → [x](x.md) |")
    [(['교차 엔트로피', 'cross entropy', '크로스 엔트로피', 'CE'], ['x/'])]
    >>> glossary_names("| **likelihood**{#likelihood} (L)<br>우도 (가능도) | The probability. → [x](x.md#y), [i](index.md) |", hangul=False)
    [(['likelihood', 'L'], ['x/#y', ''])]
    """
    entries = []
    for row in ROW.finditer(markdown):
        names = [row["term"].strip()]
        head = row["rest"].split("|", 1)[0]
        names += re.findall(r"\(([^)]+)\)", head.split("<br>")[0])
        if "<br>" in head:
            other = head.split("<br>", 1)[1]
            names += [re.sub(r"\s*\(.*?\)", "", other).strip()] + re.findall(r"\(([^)]+)\)", other)
        also = ALSO.search(row["rest"])
        if also:
            names += [n.strip() for n in also["names"].split(",") if n.strip()]
        names = [n for n in names if n and (hangul or not HANGUL.search(n))]
        teaching = row["rest"].rsplit("→", 1)[1] if "→" in row["rest"] else ""
        targets = [re.sub(r"(?:^|(?<=/))index\.md|\.md", lambda m: "" if "index" in m[0] else "/", t, count=1)
                   for t in re.findall(r"\]\(([^)#]+\.md(?:#[\w-]+)?)\)", teaching)]
        entries.append((list(dict.fromkeys(names)), targets))
    return entries


def _words(text: str) -> str:
    return " " + re.sub(r"<[^>]*>|[\s\-]+", " ", html.unescape(text)).lower() + " "


def _uses(name: str, words: str) -> bool:
    """A Korean name may carry a particle (엔트로피는); a Latin one is a whole word (CE is not in 'certain')."""
    return (_words(name).rstrip() if HANGUL.search(name) else _words(name)) in words


def unspaced(names: list[str]) -> list[str]:
    """The Korean names written without their spaces or hyphens, as readers often type them.

    >>> unspaced(["교차 엔트로피", "원-핫 벡터", "cross entropy", "로짓"])
    ['교차엔트로피', '원핫벡터']
    """
    return [re.sub(r"[\s-]+", "", n) for n in names if HANGUL.search(n) and re.search(r"[\s-]", n)]


def add_reader_terms(docs: list[dict], entries: list[tuple[list[str], list[str]]]) -> None:
    """Give the index entries of each term's teaching sections its names as tags, its unspaced forms as text.

    >>> docs = [{"location": "a/", "title": "A", "text": "<p>x</p>"},
    ...         {"location": "a/#ce", "title": "교차 엔트로피의 정의", "text": "<p>y</p>"},
    ...         {"location": "b/", "title": "교차 엔트로피", "text": "<p>z</p>"}]
    >>> add_reader_terms(docs, [(["교차 엔트로피", "CE"], ["a/"])])
    >>> [(d["text"], d.get("tags")) for d in docs]
    [('<p>x</p>', None), ('<p>y</p> <p>교차엔트로피</p>', ['교차 엔트로피', 'CE']), ('<p>z</p>', None)]
    """
    by_location = {doc["location"]: doc for doc in docs}
    for names, targets in entries:
        for target in targets:
            if "#" in target:
                chosen = [by_location[target]] if target in by_location else []
            else:
                page = [d for d in docs if d["location"] == target or d["location"].startswith(target + "#")]
                chosen = [d for d in page if any(_uses(n, _words(d["title"])) for n in names)] or \
                    [d for d in page if d["location"] == target]
            for doc in chosen:
                doc["tags"] = list(dict.fromkeys(doc.get("tags", []) + names))
                words = _words(doc["title"] + " " + doc["text"])
                missing = [n for n in unspaced(names) if not _uses(n, words)]
                if missing:
                    doc["text"] += f" <p>{html.escape(' '.join(missing), quote=False)}</p>"


def add_reader_terms_to_index(index_path: Path, glossary: Path, hangul: bool) -> None:
    """The glossary's names into one language's index; an index not written in Hangul keeps none
    (the English glossary shows each term's Korean name, which a Korean query must not find)."""
    if index_path.is_file() and glossary.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if not hangul:
            for doc in index["docs"]:
                doc["text"] = HANGUL_WORDS.sub("", doc["text"])
        add_reader_terms(index["docs"], glossary_names(glossary.read_text(encoding="utf-8"), hangul))
        index_path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
