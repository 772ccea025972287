"""`flows test`: a difference points at the line that expects it, and says what to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import DATA, kansencoach

CASES = """\
cases:
  - name: Zonder partners
    answers: {verschil: x, domein: gezondheid, partners: nee}
    visits:
      - criteria
      - criterai
    skips: [stoppen]
"""


def test_test_file_errors_point_at_their_line_with_a_hint(tmp_path: Path) -> None:
    shutil.copy(DATA / "flows" / "mini.yaml", tmp_path / "mini.yaml")
    tests = tmp_path / "mini.test.yaml"
    tests.write_text(CASES, encoding="utf-8")
    result = kansencoach("flows", "test", tests, home=tmp_path / "home")
    assert result.returncode == 2
    errors = {
        line.split(": ", 1)[0]: line for line in result.stderr.splitlines() if line.startswith(str(tests))
    }
    assert "Antwoord met ja of nee" not in result.stderr, "nee is an answer to a ja/nee question"
    assert (
        "werd niet gevraagd" in errors[f"{tests}:5:9"]
        and "controleer de antwoorden" in errors[f"{tests}:5:9"]
    )
    assert "de flow heeft geen stap 'criterai'" in errors[f"{tests}:6:9"]
    assert "bedoelde je 'criteria'?" in errors[f"{tests}:6:9"]
    assert "had overgeslagen moeten worden" in errors[f"{tests}:7:13"]
    assert not any(key.endswith(":2:5") for key in errors), "not at the case's name"
