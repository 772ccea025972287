"""Working together from the command line: session files, earlier proposals, the portfolio."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import DATA, kansencoach

BAD = DATA / "bad_sessions"
GOOD = DATA / "sessions" / "mini.yaml"

EXPECTED: dict[str, tuple[int, str]] = {
    "alias.yaml": (8, "ankers en verwijzingen"),
    "answer-out-of-range.yaml": (24, "van 1 tot en met 5"),
    "answer-wrong-option.yaml": (13, "Kies een van de opties"),
    "answers-list.yaml": (10, "ontbreekt de dubbele punt"),
    "bad-fingerprint.yaml": (7, "'fingerprint' heeft niet de verwachte vorm"),
    "bad-step-id.yaml": (11, "ongeldige id"),
    "binary.yaml": (1, "geen tekstbestand"),
    "comments-differ.yaml": (38, "'comments' komt niet overeen met de geschiedenis"),
    "empty-title.yaml": (8, "'title' is leeg"),
    "empty.yaml": (1, "leeg"),
    "format-version.yaml": (3, "gemaakt met een nieuwere kansencoach (bestandsversie 2)"),
    "history-bad-kind.yaml": (47, "'kind' kan niet 'wijzig' zijn"),
    "history-bad-time.yaml": (50, "'at' heeft niet de verwachte vorm"),
    "hostile-control.yaml": (6, "onzichtbaar stuurteken (U+001B)"),
    "no-format.yaml": (3, "'kansencoach_session' ontbreekt"),
    "not-a-mapping.yaml": (1, "blok met velden"),
    "not-utf8.yaml": (6, "UTF-8"),
    "python-tag.yaml": (8, "Python-code"),
    "suggestions-differ.yaml": (35, "'suggestions' komt niet overeen"),
    "syntax.yaml": (8, "YAML"),
    "unknown-field.yaml": (9, "onbekend veld 'owner'"),
    "unknown-flow.yaml": (5, "de flow 'minni', die hier niet bestaat"),
    "version-text.yaml": (6, "'version' moet een geheel getal zijn"),
}


@pytest.fixture(autouse=True)
def mini_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KANSENCOACH_FLOWS", str(DATA / "flows"))


def test_every_broken_file_in_the_corpus_has_an_expectation() -> None:
    assert sorted(path.name for path in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_session_file_is_refused_where_it_is_wrong(name: str) -> None:
    line, message = EXPECTED[name]
    result = kansencoach("sessions", "import", BAD / name)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert re.match(rf"^{re.escape(str(BAD / name))}:{line}:\d+: ", first), first
    assert message in first
    assert "\x1b" not in result.stdout + result.stderr
    assert kansencoach("sessions", "list").stdout.startswith("Nog geen sessies.")


def test_a_ten_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "groot.yaml"
    big.write_text(GOOD.read_text(encoding="utf-8") + "# " + "x" * 10_000_000 + "\n", encoding="utf-8")
    result = kansencoach("sessions", "import", big)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{big}:1:1: het bestand is te groot")


def test_import_then_export_gives_back_the_file(tmp_path: Path) -> None:
    imported = kansencoach("sessions", "import", GOOD)
    assert imported.returncode == 0, imported.stderr
    session_id = imported.stdout.split()[3].rstrip(":")
    out = tmp_path / "terug.yaml"
    exported = kansencoach("sessions", "export", session_id, "--session", out)
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8") == GOOD.read_text(encoding="utf-8")
    again = kansencoach("sessions", "export", session_id, "--session", out)
    assert again.returncode == 2 and "--force" in again.stderr


def test_a_new_proposal_starts_from_an_earlier_file_in_plain_mode() -> None:
    # Enter takes over each earlier answer; the last two lists end with an empty line.
    result = kansencoach("run", "mini", "--from", GOOD, "--plain", stdin="\n" * 12)
    assert result.returncode == 0, result.stderr
    assert "Antwoord uit het eerdere voorstel: Verschil in bereik" in result.stdout
    listed = kansencoach("sessions", "list").stdout.splitlines()
    assert len(listed) == 1
    shown = kansencoach("sessions", "show", listed[0].split()[0]).stdout
    assert "Verschil in bereik" in shown


def test_from_an_unknown_session_is_refused() -> None:
    result = kansencoach("run", "mini", "--from", "deadbeef", "--plain")
    assert result.returncode == 2
    assert "deadbeef" in result.stderr


def test_the_portfolio_over_ten_sessions(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    files = []
    for number in range(10):
        path = tmp_path / f"sessie-{number}.yaml"
        mix = "    A: 20\n    B: 30\n    C: 50\n" if number % 2 else "    A: 0\n    B: 10\n    C: 90\n"
        changed = text.replace("title: Mini", f"title: Voorstel {number}")
        changed = changed.replace("    A: 20\n    B: 30\n    C: 50\n", mix, 1)
        path.write_text(changed, encoding="utf-8")
        files.append(path)
    out = tmp_path / "portfolio.html"
    result = kansencoach("portfolio", *files, "-o", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<tr><td>Voorstel ") == 10
    assert page.count('<svg role="img"') == 11
    assert "Bij 5 van de 10 voorstellen krijgt één perspectief 70% of meer." in page
    assert "http" not in page.replace("http://www.w3.org", "")
    markdown = kansencoach("portfolio", *files).stdout
    assert "| Voorstel 3 | Onderwijs | A 20% · B 30% · C 50% |" in markdown
    assert kansencoach("sessions", "list").stdout.startswith("Nog geen sessies.")


def test_the_portfolio_needs_something_to_show() -> None:
    assert kansencoach("portfolio").returncode == 2
    result = kansencoach("portfolio", "--all")
    assert result.returncode == 2 and "nog geen sessies" in result.stderr


def test_a_comment_typed_in_plain_mode_is_shown_with_the_question_and_exported(tmp_path: Path) -> None:
    typed = kansencoach("run", "mini", "--plain", stdin="opmerking\nNoem de cijfers.\nstop\n")
    assert "Opmerking bewaard." in typed.stdout
    session_id = kansencoach("sessions", "list").stdout.split()[0]
    again = kansencoach("run", "--resume", session_id, "--plain", stdin="stop\n")
    assert re.search(r"Opmerking van .* \(\d{1,2} [a-z]+ \d{4}\): Noem de cijfers\.", again.stdout)
    out = tmp_path / "voorstel.md"
    assert kansencoach("sessions", "export", session_id, "-o", out).returncode == 0
    exported = out.read_text(encoding="utf-8")
    assert "## Opmerkingen\n\n- *Bij 'Het verschil', " in exported
    assert ":* Noem de cijfers." in exported


def test_afgehandeld_marks_the_comments_on_the_question_done() -> None:
    kansencoach("run", "mini", "--plain", stdin="opmerking\nNoem de cijfers.\nstop\n")
    session_id = kansencoach("sessions", "list").stdout.split()[0]
    done = kansencoach("run", "--resume", session_id, "--plain", stdin="afgehandeld\nstop\n")
    assert "1 opmerking bij deze vraag afgehandeld." in done.stdout
    again = kansencoach("run", "--resume", session_id, "--plain", stdin="stop\n")
    assert "(afgehandeld): Noem de cijfers." in again.stdout


@pytest.mark.parametrize(
    ("version", "fingerprint", "expected"),
    [
        ("3", None, "gemaakt met een nieuwere versie van de flow 'Mini-voorstel' (versie 3; hier versie 1)"),
        (
            "1",
            "0123456789abcdef",
            "de flow 'Mini-voorstel' is hier anders dan waarmee het bestand is gemaakt",
        ),
    ],
)
def test_a_file_from_another_flow_version_is_imported_and_says_so(
    tmp_path: Path, version: str, fingerprint: str | None, expected: str
) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("  version: 1\n", f"  version: {version}\n")
    if fingerprint is not None:
        text = re.sub(r"fingerprint: [0-9a-f]+", f"fingerprint: {fingerprint}", text)
    other = tmp_path / "ander.yaml"
    other.write_text(text, encoding="utf-8")
    result = kansencoach("sessions", "import", other)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert "Alle antwoorden zijn ingelezen" in result.stdout


def test_a_file_of_this_flow_imports_without_a_note() -> None:
    result = kansencoach("sessions", "import", GOOD)
    assert result.returncode == 0, result.stderr
    assert "Let op" not in result.stdout


def test_the_portfolio_says_whether_each_goal_is_smart() -> None:
    """The SMART rule's test stands inside an `all:`; the column read only a test at the top."""
    for answers in (DATA / "voorstel-full.yaml", DATA / "answers" / "voorstel-zwak.yaml"):
        assert kansencoach("run", "voorstel", "--answers", answers).returncode == 0
    rows = {
        cells[1]: cells[4]
        for line in kansencoach("portfolio", "--all").stdout.splitlines()
        if len(cells := [cell.strip() for cell in line.split("|")]) > 5
    }
    assert rows["VVE-bereik Overvecht"] == "ja"
    assert rows["Meer kinderen naar de voorschool"] == "nee"


def test_a_file_read_in_twice_gives_one_session() -> None:
    first = kansencoach("sessions", "import", GOOD)
    assert first.returncode == 0, first.stderr
    session_id = first.stdout.split()[3].rstrip(":")
    again = kansencoach("sessions", "import", GOOD)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"Deze sessie staat al in je lijst, ongewijzigd: sessie {session_id}")
    assert "Ingelezen als sessie" not in again.stdout
    listed = kansencoach("sessions", "list")
    assert listed.stdout.count(session_id) == 1
