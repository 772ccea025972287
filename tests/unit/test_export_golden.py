"""Golden files: the VVE example (tests/data/voorstel-full.yaml) exported whole in all three formats.

Regenerate after a deliberate change, then review the diff:

    KANSENCOACH_UPDATE_GOLDENS=1 .venv/bin/python -m pytest -q tests/unit/test_export_golden.py

The Word file is compared through its document and core-properties XML, pretty-printed; its dates
come from the export's metadata, which the test fixes, and the dates the reader sees are local, so
the test pins the zone (the `amsterdam_time` fixture). Fingerprints (of the flow file and of the
knowledge-base entries) change with every edit to those files, even a comment, so they are written
as `vingerafdruk …`; that the export shows them is tested elsewhere.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from kansencoach.core.draft.export import to_html, to_markdown
from kansencoach.core.draft.export.docx import to_docx

from export_cases import example
from helpers import DATA

GOLDEN = DATA / "golden"
UPDATE = os.environ.get("KANSENCOACH_UPDATE_GOLDENS") == "1"
FINGERPRINT = re.compile(r"(vingerafdruk )[0-9a-f]{12,16}")


def docx_xml(data: bytes) -> str:
    """The parts of a Word file that carry its content, as stable, readable XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [
            f"<!-- {name} -->\n" + minidom.parseString(archive.read(name)).toprettyxml(indent="  ")
            for name in ("word/document.xml", "docProps/core.xml")
        ]
    return "\n".join(parts)


@pytest.mark.usefixtures("amsterdam_time")
@pytest.mark.parametrize("name", ["voorstel.md", "voorstel.html", "voorstel.docx.xml"])
def test_the_vve_example_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    _, _, draft, meta = example("voorstel", tmp_path / "store.db")
    renderers = {
        "voorstel.md": lambda: to_markdown(draft, meta),
        "voorstel.html": lambda: to_html(draft, meta),
        "voorstel.docx.xml": lambda: docx_xml(to_docx(draft, meta)),
    }
    actual = FINGERPRINT.sub(r"\1…", renderers[name]())
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; make it with KANSENCOACH_UPDATE_GOLDENS=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
