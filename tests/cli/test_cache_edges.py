"""What the aanjaagteam's folders and the cache dir throw at the plain-data cache, as the commands see
it: a command always shows the files as they are now, whatever state the cache files are in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import DATA, REPO, kansencoach

OLD_NS = 1_600_000_000 * 10**9
"""A modification time long before the cache is written: the stat alone is then trusted."""


def rewritten_at_the_same_time(path: Path, old: str, new: str) -> None:
    """Change `path` as an unzipped or `cp -p`-copied new version of it arrives: same size, and the
    modification time of the version before."""
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def own_intervention(home: Path) -> Path:
    folder = home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    shipped = (REPO / "knowledge" / "interventions" / "aanpak-segregatie.yaml").read_text(encoding="utf-8")
    path = folder / "kaasproef.yaml"
    path.write_text(shipped.replace("id: aanpak-segregatie", "id: kaasproef"), encoding="utf-8")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def test_an_own_intervention_replaced_by_a_same_size_copy_with_its_old_time_is_read_again(
    kansencoach_home: Path,
) -> None:
    path = own_intervention(kansencoach_home)
    first = kansencoach("kb", "search", "segregatie")
    assert first.returncode == 0, first.stderr
    assert "Aanpak van segregatie (kaasproef)" in first.stdout
    rewritten_at_the_same_time(path, "name: Aanpak", "name: Aanzet")
    second = kansencoach("kb", "search", "segregatie")
    assert second.returncode == 0, second.stderr
    assert "Aanzet van segregatie (kaasproef)" in second.stdout
    assert "Aanpak van segregatie (kaasproef)" not in second.stdout
    assert "Aanzet van segregatie" in kansencoach("kb", "list").stdout


def test_an_own_flow_replaced_by_a_same_size_copy_with_its_old_time_is_read_again(
    kansencoach_home: Path,
) -> None:
    folder = kansencoach_home / "config" / "flows"
    folder.mkdir(parents=True)
    path = folder / "mini.yaml"
    path.write_text((DATA / "flows" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    title = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    assert title.removeprefix("title: ") in kansencoach("flows", "list").stdout
    changed = title[:-1] + ("X" if title[-1] != "X" else "Y")
    rewritten_at_the_same_time(path, title, changed)
    listed = kansencoach("flows", "list")
    assert listed.returncode == 0, listed.stderr
    assert changed.removeprefix("title: ") in listed.stdout
    assert title.removeprefix("title: ") + "\n" not in listed.stdout + "\n"


COMMANDS = [
    ("kb", "search", "voorschool taal"),
    ("kb", "search", "armoede", "--json"),
    ("kb", "validate"),
    ("kb", "list"),
    ("flows", "validate"),
    ("flows", "list"),
]


def outputs(home: Path) -> list[tuple[int, str, str]]:
    return [
        (
            result.returncode,
            result.stdout.replace(str(home), "HOME"),
            result.stderr.replace(str(home), "HOME"),
        )
        for result in (kansencoach(*command) for command in COMMANDS)
    ]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_damaged_cache_files_give_the_same_answers_as_a_cold_start(
    kansencoach_home: Path, own_cache: Path, damage: str
) -> None:
    own_intervention(kansencoach_home)
    cold = outputs(kansencoach_home)
    files = sorted(own_cache.iterdir())
    assert {path.name.split("-")[0] for path in files} >= {"flows", "knowledge", "interventions", "rules"}
    for path in files:
        data = path.read_bytes()
        path.write_bytes(
            {"garbage": os.urandom(len(data)), "truncated": data[: len(data) // 2], "empty": b""}[damage]
        )
    assert outputs(kansencoach_home) == cold
    assert outputs(kansencoach_home) == cold  # and from the cache rebuilt after the damage


def test_a_cache_dir_that_cannot_be_written_changes_nothing(kansencoach_home: Path, own_cache: Path) -> None:
    own_intervention(kansencoach_home)
    cold = outputs(kansencoach_home)
    shutil.rmtree(own_cache)
    own_cache.write_text("geen map\n", encoding="utf-8")  # not even root can write in it
    assert outputs(kansencoach_home) == cold
    assert own_cache.read_text(encoding="utf-8") == "geen map\n"
