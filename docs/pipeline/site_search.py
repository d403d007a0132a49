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
  ``add_reader_terms`` appends to each index entry that uses a term the forms of it the entry lacks.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

FORMULA = re.compile(r'<(?P<tag>span|div) class="arithmatex(?: katex-block)?">')
TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.DOTALL)
FIGURE = re.compile(r'<svg\b[^>]*\brole="img".*?</svg>', re.DOTALL)
FIGURE_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
TAG = re.compile(r"<(/?)(span|div)\b[^>]*>")
ROW = re.compile(r"^\|\s*\*\*(?P<term>[^*]+)\*\*\{#(?P<id>[\w-]+)\}(?P<rest>.*)$", re.MULTILINE)
ALSO = re.compile(r"(?:다른 표기|Also written):\s*(?P<names>[^.|→]+)")
HANGUL = re.compile(r"[\uac00-\ud7af]")


def element_end(content: str, start: int, tag: str) -> int:
    """Where the ``tag`` element opened at ``start`` closes (nested ones of the same tag counted)."""
    depth = 0
    for match in TAG.finditer(content, start):
        if match[2] == tag:
            depth += -1 if match[1] else 1
            if depth == 0:
                return match.end()
    return len(content)


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
        end = element_end(content, match.start(), match["tag"])
        tex = TEX.search(content, match.start(), end)
        out += [content[position:match.start()], tex[1].strip() if tex else ""]
        position = end
    out.append(content[position:])
    return FIGURE.sub(lambda m: (FIGURE_TITLE.search(m[0]) or [None, ""])[1], "".join(out))


def glossary_names(markdown: str, hangul: bool = True) -> list[list[str]]:
    """For each glossary entry: its term, its other-language name, any name in parentheses and its
    other names; Korean ones also unspaced. Without ``hangul`` (the English index), no Korean name.

    >>> glossary_names("| **교차 엔트로피**{#cross-entropy}<br>cross entropy | 뜻. 다른 표기: 크로스 엔트로피, CE. → [x](x.md) |")
    [['교차 엔트로피', 'cross entropy', '크로스 엔트로피', 'CE', '교차엔트로피', '크로스엔트로피']]
    >>> glossary_names("| **likelihood**{#likelihood} (L)<br>우도 (가능도) | The probability. → [x](x.md) |", hangul=False)
    [['likelihood', 'L']]
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
        names += [re.sub(r"[\s-]+", "", n) for n in names if HANGUL.search(n) and re.search(r"[\s-]", n)]
        names = [n for n in names if n and (hangul or not HANGUL.search(n))]
        entries.append(list(dict.fromkeys(names)))
    return entries


def _words(text: str) -> str:
    return " " + re.sub(r"<[^>]*>|[\s\-]+", " ", html.unescape(text)).lower() + " "


def _uses(name: str, words: str) -> bool:
    """A Korean name may carry a particle (엔트로피는); a Latin one is a whole word (CE is not in 'certain')."""
    return (_words(name).rstrip() if HANGUL.search(name) else _words(name)) in words


def add_reader_terms(docs: list[dict], entries: list[list[str]]) -> None:
    """Append to each index entry the names of each glossary term it uses but does not write.

    >>> docs = [{"title": "교차 엔트로피", "text": "<p>손실</p>"}, {"title": "기타", "text": "<p>무관</p>"}]
    >>> add_reader_terms(docs, [["교차 엔트로피", "cross entropy", "교차엔트로피"]])
    >>> [d["text"] for d in docs]
    ['<p>손실</p> <p>cross entropy 교차엔트로피</p>', '<p>무관</p>']
    """
    for doc in docs:
        words = _words(doc["title"] + " " + doc["text"])
        missing = []
        for names in entries:
            if any(_uses(name, words) for name in names):
                missing += [n for n in names if not _uses(n, words) and n not in missing]
        if missing:
            doc["text"] += f" <p>{html.escape(' '.join(missing), quote=False)}</p>"


def add_reader_terms_to_index(index_path: Path, glossary: Path, hangul: bool) -> None:
    if index_path.is_file() and glossary.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        add_reader_terms(index["docs"], glossary_names(glossary.read_text(encoding="utf-8"), hangul))
        index_path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
