"""Checking that every fact in the knowledge base is traceable: each quote occurs in its source.

A source either names a source document by its short name (sources.yaml) with a section and a short
verbatim quote, or it is a public source outside those documents, with a URL (and a date when known),
marked `checked: false`. Quotes are compared after folding what PDF extraction and typing change: case,
whitespace and line breaks, hyphens (at line ends and inside compounds), curly quotes and ligatures.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz

from kansencoach.core.common.problems import Problem, did_you_mean
from kansencoach.core.common.yamlsource import Document, Loc, read_document, read_text
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.models import SourceDocument, SourceRef
from kansencoach.i18n import t

MAX_QUOTE_WORDS = 35
"""The guideline is about 30 words: enough to carry the fact, short enough to stay a quote."""
NEAR_SCORE = 75
"""How alike (0-100) a passage must be to a missing quote to be offered as the nearest one."""
_HEADING = re.compile(r"^[ \t]*(\d+(?:\.\d+)*)\.?[ \t]+([A-ZÀ-Þ].{0,70})$", re.MULTILINE)
"""A numbered heading on a line of its own; longer lines and lines ending in a full stop are footnotes."""
_FOOTNOTE = re.compile(r"^[ \t]*(?:[a-z]|\d{1,2})[ \t]+[A-ZÀ-Þ]", re.MULTILINE)
"""The first line of a footnote ("a High-Dosage Tutoring is …"), which PDF extraction puts at the page end."""
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s")
_FOLDED = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00ad": "",
}


@dataclass(frozen=True)
class SearchableText:
    """A text folded for comparing quotes, with the index in the original text of each folded character."""

    original: str
    folded: str
    origins: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SearchableText:
        spaced: list[tuple[str, int]] = []
        for index, character in enumerate(text):
            for folded in _fold(character):
                if not folded.isspace():
                    spaced.append((folded, index))
                elif spaced and spaced[-1][0] != " ":
                    spaced.append((" ", index))
        kept: list[tuple[str, int]] = []
        position = 0
        while position < len(spaced):
            current = spaced[position]
            # A hyphen between letters (line end or compound) is folded away with the space after it.
            if current[0] == "-" and kept and kept[-1][0].isalpha():
                after = position + 1
                if after < len(spaced) and spaced[after][0] == " ":
                    after += 1
                if after < len(spaced) and spaced[after][0].isalpha():
                    position = after
                    continue
            kept.append(current)
            position += 1
        while kept and kept[-1][0] == " ":
            kept.pop()
        return cls(text, "".join(c for c, _ in kept), tuple(i for _, i in kept))

    def find(self, quote: str, end: int | None = None) -> int:
        """Where the folded `quote` starts in the folded text (before `end`), or -1."""
        needle = SearchableText.of(quote).folded.strip()
        if not needle:
            return -1
        return self.folded.rfind(needle, 0, end) if end is not None else self.folded.find(needle)

    def occurrences(self, quote: str) -> list[int]:
        """Every place where the folded `quote` starts in the folded text."""
        needle = SearchableText.of(quote).folded.strip()
        found: list[int] = []
        at = self.folded.find(needle) if needle else -1
        while at >= 0:
            found.append(at)
            at = self.folded.find(needle, at + 1)
        return found

    @cached_property
    def footnotes(self) -> tuple[int, ...]:
        """Where each footnote starts in the folded text."""
        return tuple(bisect_left(self.origins, match.start()) for match in _FOOTNOTE.finditer(self.original))

    @cached_property
    def headings(self) -> tuple[tuple[int, tuple[int, ...], str], ...]:
        """The numbered headings: where each starts in the folded text, its number and its text."""
        found = []
        for match in _HEADING.finditer(self.original):
            title = " ".join(match.group(0).split())
            if not title.endswith("."):
                number = tuple(int(part) for part in match.group(1).split("."))
                found.append((bisect_left(self.origins, match.start(1)), number, title))
        return tuple(found)

    def line_of(self, folded_index: int) -> int:
        return self.original.count("\n", 0, self.origins[folded_index]) + 1

    def nearest(self, quote: str) -> tuple[int, str] | None:
        """The line and text of the passage most like `quote`, if one is alike enough to suggest."""
        needle = SearchableText.of(quote).folded.strip()
        if not needle or not self.folded:
            return None
        match = fuzz.partial_ratio_alignment(needle, self.folded, score_cutoff=NEAR_SCORE)
        if match is None:
            return None
        start = self.origins[match.dest_start]
        end = self.origins[max(match.dest_end - 1, match.dest_start)] + 1
        # The alignment may cut a word ("eld. De uitvoering"): the passage is widened to whole words.
        while start > 0 and not self.original[start - 1].isspace():
            start -= 1
        while end < len(self.original) and not self.original[end].isspace():
            end += 1
        passage = "".join(c for c in self.original[start:end] if c.isprintable() or c.isspace())
        return self.line_of(bisect_left(self.origins, start)), " ".join(passage.split())


def _fold(character: str) -> str:
    if character in _FOLDED:
        return _FOLDED[character]
    if not character.isprintable() and not character.isspace():
        return ""
    return "".join(_FOLDED.get(part, part) for part in unicodedata.normalize("NFKC", character).lower())


@dataclass
class SourceTexts:
    """The source documents' texts, found by file name in the directories given on the command line."""

    directories: Sequence[Path]
    _texts: dict[str, SearchableText | None] = field(default_factory=dict)
    missing_reported: set[str] = field(default_factory=set)
    """Files already reported as missing: one message per file, not one per quote."""

    def text(self, document: SourceDocument) -> SearchableText | None:
        if document.file not in self._texts:
            found = next((d / document.file for d in self.directories if (d / document.file).is_file()), None)
            self._texts[document.file] = SearchableText.of(read_text(found)) if found else None
        return self._texts[document.file]


def check_sources(
    knowledge: KnowledgeBase, directories: Sequence[Path], files: Collection[Path] | None = None
) -> list[Problem]:
    """Every problem with the sources of the interventions and indicators of `knowledge`.

    Given `files`, only the interventions read from those files are checked.
    """
    texts = SourceTexts(directories)
    problems: list[Problem] = []
    for document, sources, loc in _sources(knowledge, files):
        for index, source in enumerate(sources):
            problems += _check(source, document, (*loc, index), knowledge.documents, texts)
    return sorted(problems, key=lambda problem: problem.position)


def check_without_texts(knowledge: KnowledgeBase, files: Collection[Path] | None = None) -> list[Problem]:
    """What is wrong with the sources of `knowledge` (of `files` only, given them) that needs no
    document's text: found by every `kb validate`, not only by one with `--sources`, which the team
    may not have (a source without a quote, or quoted from `document: verkening`, was 'in orde')."""
    documents = knowledge.documents

    def wanted(sources: Iterable[SourceRef]) -> bool:
        return any(_textless(source, documents) for source in sources)

    problems: list[Problem] = []
    # Only a file with such a source is read again for its positions: most have none.
    for document, sources, loc in _sources(knowledge, files, wanted):
        for index, source in enumerate(sources):
            problems += _placed(_textless(source, documents), document, (*loc, index))
    return sorted(problems, key=lambda problem: problem.position)


def count_quotes(knowledge: KnowledgeBase) -> tuple[int, int]:
    """How many sources are quoted from a source document and how many are public, unchecked sources."""
    sources = [source for item in knowledge.interventions for source in item.sources]
    sources += [source for item in knowledge.indicators for source in item.sources]
    unchecked = sum(1 for source in sources if not source.checked)
    return len(sources) - unchecked, unchecked


def _sources(
    knowledge: KnowledgeBase,
    files: Collection[Path] | None,
    wanted: Callable[[Sequence[SourceRef]], bool] = lambda sources: True,
) -> Iterator[tuple[Document, Iterable[SourceRef], Loc]]:
    """The sources of each intervention (of `files`, given them) and indicator, with the document
    they are written in, read only for the `wanted` ones."""
    for item in knowledge.interventions:
        path = knowledge.paths.get(item.id)
        if path is not None and (files is None or path in files) and wanted(item.sources):
            yield read_document(path), item.sources, ("sources",)
    wanted_indicators = any(wanted(indicator.sources) for indicator in knowledge.indicators)
    if knowledge.indicators_path is not None and files is None and wanted_indicators:
        document = read_document(knowledge.indicators_path)
        for index, indicator in enumerate(knowledge.indicators):
            yield document, indicator.sources, ("indicators", index, "sources")


def _unknown_document(source: SourceRef, documents: dict[str, SourceDocument]) -> bool:
    """Whether `source` is quoted from a document sources.yaml does not name."""
    return source.checked and source.document not in documents


_Found = tuple[Loc, str, str]
"""A problem before its position: where in the source (a field of it, or the source itself), the
message and the hint."""


def _placed(found: Iterable[_Found], document: Document, loc: Loc) -> list[Problem]:
    return [Problem(document.position((*loc, *where)), message, hint) for where, message, hint in found]


def _textless(source: SourceRef, documents: dict[str, SourceDocument]) -> list[_Found]:
    """What is wrong with `source` that no document's text is needed for."""
    if not source.checked:
        return [] if source.url else [((), t("quotes.unchecked_without_url"), t("quotes.unchecked_hint"))]
    if _unknown_document(source, documents):
        hint = did_you_mean(
            source.document, documents, t("quotes.unknown_document_hint", names=", ".join(documents))
        )
        return [(("document",), t("quotes.unknown_document"), hint)]
    known = documents[source.document]
    found: list[_Found] = []
    if known.sections and source.section.strip() and source.section not in known.sections:
        # A document with Dutch names for its headings is not in Dutch: each heading a source names
        # needs one, or an export shows it in the document's language.
        named = {"section": source.section, "document": known.id}
        message, hint = t("quotes.section_not_dutch", **named), t("quotes.section_not_dutch_hint", **named)
        found.append((("section",), message, hint))
    if not source.section.strip():
        message = t("quotes.section_empty", section=source.section, source=_named(known))
        found.append((("section",), message, t("quotes.section_hint")))
    words = len(source.quote.split())
    if not words:
        found.append(((), t("quotes.quote_empty"), t("quotes.quote_empty_hint")))
    elif words > MAX_QUOTE_WORDS:
        found.append((("quote",), t("quotes.quote_long", words=words), t("quotes.quote_long_hint")))
    return found


def _check(
    source: SourceRef,
    document: Document,
    loc: Loc,
    documents: dict[str, SourceDocument],
    texts: SourceTexts,
) -> list[Problem]:
    problems = _placed(_textless(source, documents), document, loc)
    if not source.checked or _unknown_document(source, documents):
        return problems
    known = documents[source.document]
    text = texts.text(known)
    if text is None:
        if known.file in texts.missing_reported:
            return problems
        texts.missing_reported.add(known.file)
        return [
            *problems,
            Problem(
                document.position((*loc, "document")),
                t("quotes.file_missing", file=known.file),
                t("quotes.file_missing_hint"),
            ),
        ]
    section_found = bool(source.section.strip()) and text.find(source.section) >= 0
    if source.section.strip() and not section_found:
        message = t("quotes.section_missing", section=source.section, source=_named(known))
        problems.append(Problem(document.position((*loc, "section")), message, t("quotes.section_hint")))
    if not source.quote.strip():
        return problems
    quote_at = text.find(source.quote)
    if quote_at < 0:
        near = text.nearest(source.quote)
        hint = (
            t("quotes.nearest", line=near[0], passage=_shortened(near[1]))
            if near
            else t("quotes.not_found_hint")
        )
        problems.append(
            Problem(document.position((*loc, "quote")), t("quotes.not_found", source=_named(known)), hint)
        )
    elif section_found:
        outside = _outside_section(text, source.section, source.quote)
        if outside is not None:
            message = (
                t("quotes.quote_under_heading", section=source.section, heading=outside[1], line=outside[0])
                if outside[1]
                else t("quotes.quote_before_section", section=source.section, line=outside[0])
            )
            problems.append(Problem(document.position((*loc, "section")), message, t("quotes.section_hint")))
    return problems


def _named(known: SourceDocument) -> str:
    """A source document as the team finds it: its title and short name, then the (hashed) file."""
    return t("quotes.document_named", title=known.title, document=known.id, file=known.file)


def _outside_section(text: SearchableText, section: str, quote: str) -> tuple[int, str] | None:
    """None if the quote occurs within the section; else the quote's line and the heading it is under.

    Within means after the section's heading and, for a numbered section, before the next heading
    that is not one of its subsections. An empty heading means the quote only occurs before it.
    """
    numbered = _NUMBER.match(section)
    number = tuple(int(part) for part in numbered.group(1).split(".")) if numbered else None
    outside: tuple[int, str] | None = None
    for at in text.occurrences(quote):
        start = text.find(section, end=at)
        if start < 0:
            outside = outside or (text.line_of(at), "")
            continue
        intruder = next(
            (
                (place, title)
                for place, found, title in text.headings
                if number and start < place < at and found > number and found[: len(number)] != number
            ),
            None,
        )
        # A footnote belongs to the section that refers to it, wherever the page break put it.
        if intruder is None or any(intruder[0] < note <= at for note in text.footnotes):
            return None
        outside = (text.line_of(at), intruder[1])
    return outside


def _shortened(passage: str, words: int = 40) -> str:
    parts = passage.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
