"""The shipped flows' example answers as drafts, and readers that take each export format apart.

The export tests compare formats through these readers: the heading tree, the lists and the tables
of the markdown (parsed by markdown-it), of the HTML (parsed by html.parser) and of the Word file
(read back by python-docx) must be the same.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import docx
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kansencoach.core.catalog import find_flow, load_kb, load_review_rules
from kansencoach.core.draft.draft import Draft
from kansencoach.core.draft.export import ExportMeta, body
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue
from kansencoach.core.sessions.events import Event
from kansencoach.core.sessions.scripted import read_script
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from helpers import DATA

EXAMPLES = {
    "voorstel": DATA / "voorstel-full.yaml",
    "voorstel-zwak": DATA / "answers" / "voorstel-zwak.yaml",
    "quickscan": DATA / "answers" / "quickscan.yaml",
    "bias": DATA / "answers" / "bias.yaml",
    "risico": DATA / "answers" / "risico.yaml",
}
"""Example answers per case; the flow is the case's name up to its first hyphen."""
Tree = list[tuple[int, str]]


def hostile_answers(text: str) -> dict[str, AnswerValue]:
    """Answers to the mini flow (tests/data/flows/mini.yaml) with `text` in every free-text field."""
    return {
        "verschil": text,
        "domein": "onderwijs",
        "groepen": ["kinderen"],
        "mix": {"A": 20, "B": 20, "C": 60},
        "urgentie": 4,
        "budget": None,
        "partners": True,
        "criteria": [text, "gewoon"],
        "stoppen": [text],
    }


class Case(NamedTuple):
    loaded: LoadedFlow
    answers: dict[str, AnswerValue]
    draft: Draft
    meta: ExportMeta


def example(case: str, store_path: Path) -> Case:
    """The case's flow, answers, reviewed draft and fixed export dates, as `run --answers` makes them."""
    loaded = find_flow(case.split("-")[0])
    knowledge = load_kb()
    script = read_script(EXAMPLES[case], loaded, knowledge.by_id)
    with Store(store_path) as store:
        session = Session.start(store, loaded, script.title)
        for step_id, value in script.answers.items():
            store.append(session.info.id, Event("set", step_id, value))
        for intervention_id in script.accept:
            store.append(session.info.id, Event("accept", intervention_id))
        session = Session(store, store.session(session.info.id), loaded)
        draft = session.draft(knowledge, load_review_rules())
    meta = ExportMeta(
        loaded.id, loaded.flow.version, "2026-11-20T09:30:00+00:00", "2026-11-20T10:15:00+00:00"
    )
    return Case(loaded, dict(script.answers), draft, meta)


class Structure:
    """A document's headings, lists (item texts) and data tables (cell texts), and all its text."""

    def __init__(self) -> None:
        self.headings: Tree = []
        self.lists: list[list[str]] = []
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []

    @property
    def flat(self) -> str:
        return " ".join(" ".join(self.text).split())


def markdown_structure(markdown: str) -> Structure:
    found = Structure()
    tokens = MarkdownIt("commonmark").enable("table").parse(body(markdown))
    depth = 0
    for index, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            depth += 1
            if depth == 1:
                found.lists.append([])
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "table_open":
            found.tables.append([])
        elif token.type == "tr_open":
            found.tables[-1].append([])
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            found.text.append(text)
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                found.headings.append((int(opener.tag[1]), text))
            elif opener.type in ("th_open", "td_open"):
                found.tables[-1][-1].append(text)
            elif depth and opener.type == "paragraph_open" and tokens[index - 2].type == "list_item_open":
                found.lists[-1].append(text)
    return found


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def docx_structure(data: bytes) -> tuple[Structure, list[str]]:
    """The structure of a Word file, and the name of every paragraph style it uses."""
    document = docx.Document(io.BytesIO(data))
    found = Structure()
    styles: list[str] = []
    in_list = False
    levels = {"Title": 1, "Titel": 1}
    levels |= {f"{name} {n}": n + 1 for name in ("Heading", "Kop") for n in (1, 2, 3)}
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = next(p for p in document.paragraphs if p._p is element)
            style = paragraph.style.name if paragraph.style is not None else ""
            styles.append(style)
            text = " ".join(paragraph.text.split())
            found.text.append(text)
            if style in levels:
                found.headings.append((levels[style], text))
            is_item = style in ("List Bullet", "Lijstopsommingsteken")
            if is_item:
                if not in_list:
                    found.lists.append([])
                found.lists[-1].append(text)
            in_list = is_item
        elif tag == "tbl":
            in_list = False
            table = next(t for t in document.tables if t._tbl is element)
            cells = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
            found.text += [text for row in cells for text in row]
            if element.find(".//{*}tblCaption") is None:
                found.tables.append(cells)
    return found, styles


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found = Structure()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.current: list[str] | None = None
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "th", "td"):
            self.current = []
        if tag == "ul":
            self.found.lists.append([])
        if tag == "table":
            self.found.tables.append([])
        if tag == "tr":
            self.found.tables[-1].append([])
        self.in_style = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if self.current is None:
            return
        text = " ".join("".join(self.current).split())
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.found.headings.append((int(tag[1]), text))
        elif tag == "li" and self.found.lists:
            self.found.lists[-1].append(text)
        elif tag in ("th", "td"):
            self.found.tables[-1][-1].append(text)
        else:
            return
        self.current = None

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        self.found.text.append(data)
        if self.current is not None:
            self.current.append(data)


def html_structure(page: str) -> tuple[Structure, list[str], list[tuple[str, str, str | None]]]:
    """The HTML's structure (outside the nav), and every tag in order and every attribute of the page."""
    content, whole = _HtmlReader(), _HtmlReader()
    main = page.index("<main>")
    content.feed(page[:main].split("<nav", 1)[0] + page[main:])
    whole.feed(page)
    return content.found, whole.tags, whole.attributes
