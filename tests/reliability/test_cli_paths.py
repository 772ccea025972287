"""Path arguments that are not what the command needs: `-`, which other tools read as standard
input or output, and a folder named as the Word template. Each is refused in Dutch with exit code 2
before anything is read or written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import DATA, kansencoach

MINI = DATA / "flows" / "mini.yaml"
ANSWERS = DATA / "answers" / "quickscan.yaml"

DASH_COMMANDS = [
    ("run", str(MINI), "--answers", "-"),
    ("run", str(MINI), "--answers", str(ANSWERS), "--export", "-"),
    ("sessions", "import", "-"),
    ("sessions", "export", "abc", "-o", "-"),
    ("sessions", "export", "abc", "--session", "-"),
    ("portfolio", "-"),
    ("flows", "validate", "-"),
    ("kb", "validate", "-"),
    ("run", str(MINI), "--answers", str(ANSWERS), "--export", "x.docx", "--template", "-"),
]


@pytest.mark.parametrize("args", DASH_COMMANDS, ids=" ".join)
def test_a_dash_as_a_file_is_refused_not_read_or_written_as_a_file_named_dash(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kansencoach_home: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("title: x\n")  # a file of that name must not be taken for it either
    result = kansencoach(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "'-' staat hier niet voor het toetsenbord of het scherm" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["-"]
    assert (tmp_path / "-").read_text() == "title: x\n"


def test_a_folder_as_the_word_template_is_named_a_folder(tmp_path: Path, kansencoach_home: Path) -> None:
    output = tmp_path / "uit.docx"
    result = kansencoach("run", "quickscan", "--answers", ANSWERS, "--export", output, "--template", tmp_path)
    assert result.returncode == 2
    assert f"het sjabloon {tmp_path} is een map" in result.stderr
    assert "bestaat niet" not in result.stderr
    assert not output.exists()


@pytest.mark.parametrize("kind", ["flows", "knowledge"])
def test_a_named_folder_that_is_not_there_is_said_by_list_and_fails_validate(
    kind: str, tmp_path: Path, kansencoach_home: Path
) -> None:
    variable = f"KANSENCOACH_{kind.upper()}"
    missing, a_file = tmp_path / "S-schijf" / kind, tmp_path / "bestand.txt"
    a_file.write_text("geen map")
    config = kansencoach_home / "config"
    config.mkdir(exist_ok=True)
    (config / "team.toml").write_text(f"{kind} = ['{tmp_path / 'niet-aangekoppeld'}']\n")
    env = {variable: f"{missing}{os.pathsep}{a_file}"}
    group = "flows" if kind == "flows" else "kb"
    listed = kansencoach(group, "list", env=env)
    assert listed.returncode == 0  # the list itself is still there
    for folder, source in (
        (missing, variable),
        (a_file, variable),
        (tmp_path / "niet-aangekoppeld", "team.toml"),
    ):
        assert f"{folder} is geen map (genoemd in " in listed.stderr
        assert source in listed.stderr
    checked = kansencoach(group, "validate", env=env)
    assert checked.returncode == 2
    assert f"{missing} is geen map (genoemd in {variable})" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_file_name_with_a_newline_is_one_line_in_its_problems(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    broken = tmp_path / "twee\nregels.yaml"
    broken.write_text("id: [\n")
    result = kansencoach("flows", "validate", tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path}/twee\u240aregels.yaml:1:1: " in result.stderr
    assert "twee\nregels" not in result.stderr


def test_a_written_file_with_a_newline_in_its_name_is_named_on_one_line(
    tmp_path: Path, kansencoach_home: Path
) -> None:
    target = tmp_path / "twee\nregels.md"
    answers = DATA / "answers" / "quickscan.yaml"
    result = kansencoach("run", "quickscan", "--answers", str(answers), "--export", str(target))
    assert result.returncode == 0, result.stderr
    assert target.exists()
    assert f"Geschreven: {tmp_path}/twee\u240aregels.md\n" in result.stdout
    assert "twee\nregels" not in result.stdout
