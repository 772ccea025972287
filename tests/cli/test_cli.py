"""End-to-end tests of the command line, each in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from helpers import DATA, kansencoach

MINI = DATA / "flows" / "mini.yaml"
MINI_ANSWERS: dict[str, Any] = {
    "title": "Mijn | plan",
    "answers": {
        "verschil": "Kinderen in Overvecht krijgen vaker een te laag schooladvies.",
        "domein": "onderwijs",
        "groepen": ["kinderen", "ouders"],
        "mix": {"A": 30, "B": 20, "C": 50},
        "urgentie": 4,
        "partners": True,
        "criteria": ["bereik in de wijk", "bewezen aanpak"],
        "stoppen": ["losse subsidie"],
    },
}


def write_answers(tmp_path: Path, data: Mapping[str, object]) -> Path:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def session_id(home: Path) -> str:
    return kansencoach("sessions", "list", home=home).stdout.split()[0]


def test_help_is_dutch_and_lists_the_commands() -> None:
    result = kansencoach("--help")
    assert result.returncode == 0
    assert "gebruik: kansencoach" in result.stdout
    for command in ("run", "flows", "sessions"):
        assert command in result.stdout


def test_scripted_run_exports_every_answer(tmp_path: Path, kansencoach_home: Path) -> None:
    out = tmp_path / "uit.md"
    result = kansencoach("run", MINI, "--answers", write_answers(tmp_path, MINI_ANSWERS), "--export", out)
    assert result.returncode == 0, result.stderr
    markdown = out.read_text(encoding="utf-8")
    assert "# Mijn \\| plan" in markdown
    assert "te laag schooladvies" in markdown
    assert "- bewezen aanpak" in markdown
    assert "| Maatwerk | 50 |" in markdown
    assert f"Geschreven: {out.resolve()}" in result.stdout


def test_title_on_the_command_line_names_a_scripted_session(tmp_path: Path, kansencoach_home: Path) -> None:
    out = tmp_path / "uit.md"
    answers = write_answers(tmp_path, MINI_ANSWERS)
    result = kansencoach("run", MINI, "--answers", answers, "--title", "VVE Kanaleneiland", "--export", out)
    assert result.returncode == 0, result.stderr
    assert "# VVE Kanaleneiland" in out.read_text(encoding="utf-8")
    listed = kansencoach("sessions", "list", home=kansencoach_home).stdout
    assert "VVE Kanaleneiland" in listed and "Mijn | plan" not in listed
    # Without --title the file's title, and without either the flow's
    untitled = write_answers(tmp_path, {"answers": MINI_ANSWERS["answers"]})
    assert kansencoach("run", MINI, "--answers", untitled).returncode == 0
    listed = kansencoach("sessions", "list", home=kansencoach_home).stdout
    assert "Mini-voorstel" in listed, listed


def test_scripted_run_lists_every_missing_and_invalid_answer(tmp_path: Path) -> None:
    answers: dict[str, Any] = {"answers": {**MINI_ANSWERS["answers"]}}
    del answers["answers"]["verschil"]
    answers["answers"]["mix"] = {"A": 90, "B": 20, "C": 0}
    answers["answers"]["urgentie"] = 9
    answers["answers"]["bestaatniet"] = "x"
    out = tmp_path / "uit.md"
    result = kansencoach("run", MINI, "--answers", write_answers(tmp_path, answers), "--export", out)
    assert result.returncode == 2
    assert "het antwoord op 'verschil' ontbreekt" in result.stderr
    assert "het antwoord op 'mix' klopt niet: De punten tellen op tot 110" in result.stderr
    assert "het antwoord op 'urgentie' klopt niet" in result.stderr
    assert "de flow heeft geen stap 'bestaatniet'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "uit.md"
    out.write_text("van mij")
    answers = write_answers(tmp_path, MINI_ANSWERS)
    result = kansencoach("run", MINI, "--answers", answers, "--export", out)
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_text() == "van mij"
    assert kansencoach("run", MINI, "--answers", answers, "--export", out, "--force").returncode == 0
    assert "schooladvies" in out.read_text()


def test_html_export(tmp_path: Path) -> None:
    out = tmp_path / "uit.html"
    result = kansencoach(
        "run", MINI, "--answers", write_answers(tmp_path, MINI_ANSWERS), "--export", out, "--html"
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert '">2. Doel</h2>' in page and "<table>" in page


def test_sessions_list_show_export_delete(tmp_path: Path, kansencoach_home: Path) -> None:
    kansencoach("run", MINI, "--answers", write_answers(tmp_path, MINI_ANSWERS))
    listing = kansencoach("sessions", "list")
    assert "Mijn | plan" in listing.stdout
    ident = session_id(kansencoach_home)
    shown = kansencoach("sessions", "show", ident)
    assert "9/9 vragen beantwoord" in shown.stdout
    assert "Hoeveel budget?: (overgeslagen)" in shown.stdout
    assert "Voor wie?: Kinderen; Ouders" in shown.stdout
    out = tmp_path / "s.md"
    assert kansencoach("sessions", "export", ident, "-o", out).returncode == 0
    assert "schooladvies" in out.read_text()
    deleted = kansencoach("sessions", "delete", ident)
    assert deleted.returncode == 0 and ident in deleted.stdout
    missing = kansencoach("sessions", "show", ident)
    assert missing.returncode == 2 and "geen sessie" in missing.stderr


def test_unknown_flow_suggests_the_nearest() -> None:
    result = kansencoach("run", "voorstl", "--plain")
    assert result.returncode == 2
    assert "er is geen flow 'voorstl'" in result.stderr
    assert "Traceback" not in result.stderr


def test_flows_validate_accepts_a_valid_file() -> None:
    result = kansencoach("flows", "validate", MINI)
    assert result.returncode == 0 and "in orde" in result.stdout


def test_reset_store_moves_a_corrupt_store_aside(kansencoach_home: Path) -> None:
    (kansencoach_home / "kansencoach.db").write_bytes(b"kapot" * 1000)
    broken = kansencoach("sessions", "list")
    assert broken.returncode == 2 and "--reset-store" in broken.stderr and "Traceback" not in broken.stderr
    reset = kansencoach("--reset-store")
    assert reset.returncode == 0 and "niets gewist" in reset.stdout
    assert list(kansencoach_home.glob("kansencoach.db.opzij-*"))
    assert kansencoach("sessions", "list").returncode == 0


def test_bad_arguments_exit_2_in_dutch() -> None:
    result = kansencoach("sessions", "show")
    assert result.returncode == 2 and "deze argumenten ontbreken" in result.stderr


def test_sessions_review_and_the_toets_in_the_export(tmp_path: Path, kansencoach_home: Path) -> None:
    weak = DATA / "answers" / "voorstel-zwak.yaml"
    out = tmp_path / "zwak.md"
    assert kansencoach("run", "voorstel", "--answers", weak, "--export", out).returncode == 0
    ident = session_id(kansencoach_home)
    as_json = kansencoach("sessions", "review", ident, "--json")
    findings = json.loads(as_json.stdout)
    blocking = {finding["rule_id"] for finding in findings if finding["severity"] == "blokkerend"}
    assert blocking == {
        "oorzaken-vaag",
        "alleen-c",
        "er-doel",
        "streefwaarde-onlogisch",
        "doelgroep-leeg",
        "niets-gestopt",
        "geen-indicatoren",
        "geen-nulmeting",
        "bijsturen-zonder-grens",
    }
    assert all(finding["source"] and finding["fix"] for finding in findings)
    text = kansencoach("sessions", "review", ident).stdout
    assert "[Blokkerend] Het doel is een ER-doel" in text
    markdown = out.read_text(encoding="utf-8")
    assert "\n## Toets\n" in markdown
    assert "- **Blokkerend: Het doel is een ER-doel.**" in markdown


def test_an_empty_review_of_a_short_flow_says_what_it_checked(tmp_path: Path, kansencoach_home: Path) -> None:
    out = tmp_path / "quickscan.md"
    answers = DATA / "answers" / "quickscan.yaml"
    assert kansencoach("run", "quickscan", "--answers", answers, "--export", out).returncode == 0
    text = kansencoach("sessions", "review", session_id(kansencoach_home)).stdout
    # No rule reads what the quickscan asks: the review says it checked nothing, not that all is well.
    assert "niet getoetst: geen van de 27 criteria hoort bij deze flow" in text and "voldoet" not in text
    exported = " ".join(out.read_text(encoding="utf-8").split())
    assert "De toets heeft dit concept niet getoetst: geen van de 27 criteria hoort bij deze flow." in exported
    assert "werk je plan uit in de flow Voorstel ongelijk investeren om het eraan te toetsen" in exported


def test_the_export_file_name_chooses_the_format_when_no_option_does(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    answers = write_answers(tmp_path, MINI_ANSWERS)
    page = tmp_path / "voorstel.html"
    assert kansencoach("run", MINI, "--answers", answers, "--export", page).returncode == 0
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    document = tmp_path / "voorstel.docx"
    exported = kansencoach("sessions", "export", session_id(kansencoach_home), "-o", document)
    assert exported.returncode == 0, exported.stderr
    assert document.read_bytes()[:2] == b"PK"  # a Word file is a zip


def test_an_option_that_contradicts_the_file_name_is_refused_and_writes_nothing(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    out = tmp_path / "voorstel.md"
    result = kansencoach(
        "run", MINI, "--answers", write_answers(tmp_path, MINI_ANSWERS), "--export", out, "--html"
    )
    assert result.returncode == 2
    assert "--html schrijft een .html-bestand, maar" in result.stderr and "eindigt op .md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
